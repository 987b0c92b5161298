"""Test data for filters, ordering, aggregates and exports: a handful of accounts with core
and plugin values (the bundled segmentation and abm plugins), some of them missing,
made through the API as a client would make them."""

from __future__ import annotations

from .helpers import ACCOUNT, OPPORTUNITY, PERSON, create, stage

ACCOUNTS = [
    dict(name="Acme Corp", industry="Software", website="https://acme.example", annualRevenue="1000.50",
         employeeCount=50, billingStage="ACTIVE", contractEndDate="2026-03-31", tier="GOLD", region="EMEA",
         intentScore=80, engagementScore=1.5, lastEngagedOn="2026-01-15", abmTarget=True,
         reportedRevenue="2000.10"),
    dict(name="Globex", industry="Logistics", annualRevenue="250.00", employeeCount=10,
         billingStage="PROSPECT", contractEndDate="2025-12-31", tier="SILVER", region="AMER", intentScore=20,
         engagementScore=0.5, lastEngagedOn="2025-11-02", reportedRevenue="0.10"),
    dict(name="Initech 50%_off", billingStage="CHURNED", reportedRevenue="0.20"),
    dict(name="umbrella", industry="software", annualRevenue="99.99", employeeCount=200, billingStage="ACTIVE",
         contractEndDate="2026-04-01", tier="GOLD", region="APAC", intentScore=55, engagementScore=2.25,
         reportedRevenue="0.70"),
    dict(name="Zeta Ü", billingStage="PROSPECT", tier="BRONZE", region="EMEA", employeeCount=10,
         contractEndDate="2027-01-10"),
]
ALL = sorted(a["name"] for a in ACCOUNTS)

LIST = """
query($filter: AccountFilter, $orderBy: [AccountOrder!], $search: String, $first: Int, $after: String,
      $last: Int, $before: String) {
  accounts(filter: $filter, orderBy: $orderBy, search: $search, first: $first, after: $after, last: $last,
           before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name } }
  }
}
"""


async def make_accounts(api) -> dict[str, dict]:
    """The accounts above, by name (with their IDs)."""
    made = {}
    for values in ACCOUNTS:
        made[values["name"]] = await create(api, ACCOUNT, **values)
    return made


async def names(api, filter: dict | None = None, *, token: str | None = None, **arguments) -> list[str]:
    """Names of the accounts a filter finds, in the API's order; checks totalCount too."""
    data = await api.gql(LIST, {"filter": filter, "first": 100, **arguments}, token=token)
    connection = data["accounts"]
    found = [edge["node"]["name"] for edge in connection["edges"]]
    assert connection["totalCount"] == len(found)
    return found


async def make_deals(api, accounts: dict[str, dict]) -> dict[str, dict]:
    """Two stages and a few opportunities: Acme has a won and an open deal, Globex an open
    one, umbrella a won one; Initech and Zeta have none."""
    won = await stage(api, "Won", position=2, probability=100)
    open_ = await stage(api, "Open", position=1, probability=20)
    deals = [
        ("Acme renewal", won, "Acme Corp", "500.00"),
        ("Acme upsell", open_, "Acme Corp", "0.10"),
        ("Globex pilot", open_, "Globex", "0.20"),
        ("Umbrella rollout", won, "umbrella", "0.70"),
    ]
    made = {"stages": {"Won": won, "Open": open_}}
    for name, stage_, account, amount in deals:
        made[name] = await create(api, OPPORTUNITY, name=name, stageId=stage_["id"],
                                  accountId=accounts[account]["id"], amount=amount)
    return made


async def make_people(api, accounts: dict[str, dict]) -> dict[str, dict]:
    people = [
        ("ada@acme.example", "Ada", "Lovelace", "EXECUTIVE", ["EVENTS", "WEBINARS"], ["Acme Corp"]),
        ("grace@globex.example", "Grace", "Hopper", "SENIOR", ["WEBINARS"], ["Globex", "Acme Corp"]),
        ("alan@umbrella.example", "Alan", "Turing", "JUNIOR", [], ["umbrella"]),
        ("nobody@example.com", None, None, None, None, []),
    ]
    made = {}
    for email, first, last, seniority, interests, account_names in people:
        values = {"email": email, "firstName": first, "lastName": last, "seniority": seniority,
                  "interests": interests, "accountIds": [accounts[n]["id"] for n in account_names]}
        made[email] = await create(api, PERSON, **{k: v for k, v in values.items() if v is not None})
    return made
