"""The nested account view: one request, accounts with people, opportunities, activities."""

from __future__ import annotations

from .helpers import account_with_children, is_compiled, stage

NESTED_VIEW = """
query($first: Int!, $children: Int!) {
  accounts(first: $first) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      id name
      people(first: $children) { totalCount edges { node { id email accounts { edges { node { name } } } } } }
      opportunities(first: $children) { totalCount edges { node { name amount stage { name } account { name } } } }
      activities(first: $children) { edges { node { subject account { name } } } }
    } }
  }
}
"""


async def test_nested_view_returns_accounts_with_their_people_and_opportunities(api):
    won = await stage(api, "Won")
    await account_with_children(api, "Acme", won["id"], people=3, opportunities=2, activities=1)
    await account_with_children(api, "Globex", won["id"], people=1, opportunities=0)

    data = await api.gql(NESTED_VIEW, {"first": 10, "children": 10})

    accounts = data["accounts"]
    assert accounts["totalCount"] == 2
    assert accounts["pageInfo"]["hasNextPage"] is False
    acme, globex = (edge["node"] for edge in accounts["edges"])
    assert acme["name"] == "Acme" and globex["name"] == "Globex"
    assert acme["people"]["totalCount"] == 3
    assert [e["node"]["email"] for e in acme["people"]["edges"]] == [
        "p0@acme.example", "p1@acme.example", "p2@acme.example"]
    assert acme["people"]["edges"][0]["node"]["accounts"]["edges"] == [{"node": {"name": "Acme"}}]
    assert [e["node"] for e in acme["opportunities"]["edges"]] == [
        {"name": "Acme deal 0", "amount": "1000.50", "stage": {"name": "Won"}, "account": {"name": "Acme"}},
        {"name": "Acme deal 1", "amount": "1001.50", "stage": {"name": "Won"}, "account": {"name": "Acme"}},
    ]
    assert acme["activities"]["edges"] == [{"node": {"subject": "call 0", "account": {"name": "Acme"}}}]
    assert globex["people"]["totalCount"] == 1
    assert globex["opportunities"] == {"totalCount": 0, "edges": []}


async def test_nested_pages_are_capped_per_parent(api):
    won = await stage(api)
    await account_with_children(api, "Acme", won["id"], people=4, opportunities=0)
    await account_with_children(api, "Globex", won["id"], people=2, opportunities=0)

    data = await api.gql(NESTED_VIEW, {"first": 10, "children": 3})

    people = [edge["node"]["people"] for edge in data["accounts"]["edges"]]
    assert [len(p["edges"]) for p in people] == [3, 2]
    assert [p["totalCount"] for p in people] == [4, 2]


async def statement_counts(api, sql_log, **extra) -> dict[int, int]:
    """Statements sent for the nested view at two page sizes (50 accounts, 2 people,
    2 opportunities and 1 activity each)."""
    won = await stage(api)
    for i in range(50):
        await account_with_children(api, f"Account {i}", won["id"], people=2, opportunities=2, activities=1)
    counts = {}
    for page_size in (5, 50):
        sql_log.statements.clear()
        response = await api.post(NESTED_VIEW, {"first": page_size, "children": 5}, **extra)
        assert len(response.json()["data"]["accounts"]["edges"]) == page_size
        counts[page_size] = len(sql_log.of_the_request())
    return counts


async def test_compiled_view_is_one_statement_whatever_the_page_sizes(api, sql_log):
    counts = await statement_counts(api, sql_log)
    # The view's one statement (the token check is not counted).
    assert counts == {5: 1, 50: 1}
    assert is_compiled(sql_log.statements[-1])


async def test_resolved_statement_count_does_not_grow_with_page_size(api, sql_log):
    counts = await statement_counts(api, sql_log, extensions={"readPath": "resolved"})
    # One per level: accounts and their count; people, their
    # count and their accounts; opportunities, their count, stages; activities; and the
    # accounts that opportunities and activities point back to.
    assert counts == {5: 10, 50: 10}
