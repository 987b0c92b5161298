"""The GraphQL documents the benchmarks send, importable by tests too."""

from __future__ import annotations

NESTED_ACCOUNT_VIEW = """\
query NestedAccountView($first: Int!) {
  accounts(first: $first) {
    totalCount
    edges { node {
      id name website industry annualRevenue billingStage
      people(first: 5) { edges { node { id email firstName lastName title } } }
      opportunities(first: 3) { edges { node { id name amount currency expectedCloseDate stage { name probability } } } }
      activities(first: 5) { edges { node { id kind subject occurredAt } } }
    } }
  }
}
"""

NESTED_ACCOUNT_VIEW_PAGE = 50


def nested_account_view_request(first: int = NESTED_ACCOUNT_VIEW_PAGE) -> dict:
    """The JSON body of a POST /graphql for the nested account view."""
    return {
        "query": NESTED_ACCOUNT_VIEW,
        "operationName": "NestedAccountView",
        "variables": {"first": first},
    }

# The nested account view as an SPA pages through it: a page of 20, then the next from the
# last answer's `endCursor`.
SPA_ACCOUNT_PAGES = """\
query SpaAccountPages($first: Int!, $after: String) {
  accounts(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name website industry annualRevenue billingStage
      people(first: 5) { edges { node { id email firstName lastName title } } }
      opportunities(first: 3) { edges { node { id name amount currency expectedCloseDate stage { name probability } } } }
      activities(first: 5) { edges { node { id kind subject occurredAt } } }
    } }
  }
}
"""

SPA_PAGE = 20


# The same without `totalCount`, which counts every account the user may see on each page.
SPA_ACCOUNT_PAGES_UNCOUNTED = SPA_ACCOUNT_PAGES.replace("    totalCount\n", "")


def spa_account_pages_request(after: str | None, first: int = SPA_PAGE, *, counted: bool = True) -> dict:
    """The JSON body of a POST /graphql for one page of the SPA's account list."""
    return {"query": SPA_ACCOUNT_PAGES if counted else SPA_ACCOUNT_PAGES_UNCOUNTED,
            "operationName": "SpaAccountPages", "variables": {"first": first, "after": after}}
