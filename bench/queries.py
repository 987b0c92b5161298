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
