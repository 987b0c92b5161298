"""Relay pagination: walking a list forwards or backwards visits every record once, in
order, with the right `hasNextPage` / `hasPreviousPage`; nested lists page the same way."""

from __future__ import annotations

from ..helpers import account, create_record, delete_mutation, person

ACCOUNTS = """
query($first: Int, $after: String, $last: Int, $before: String) {
  accounts(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name } }
  }
}
"""


async def accounts_named(api, count: int) -> list[str]:
    names = [f"Account {i:02d}" for i in range(count)]
    for name in names:
        await account(api, name)
    return names


async def walk_forward(api, query: str, field: str, size: int, **variables) -> list[dict]:
    """Every page from the start, following `endCursor`."""
    pages, after = [], None
    while True:
        data = await api.gql(query, {"first": size, "after": after, **variables})
        page = data[field]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            return pages
        after = page["pageInfo"]["endCursor"]
        assert len(pages) < 50, "the walk does not end"


async def walk_backward(api, query: str, field: str, size: int, **variables) -> list[dict]:
    """Every page from the end, following `startCursor`."""
    pages, before = [], None
    while True:
        data = await api.gql(query, {"last": size, "before": before, **variables})
        page = data[field]
        pages.append(page)
        if not page["pageInfo"]["hasPreviousPage"]:
            return pages
        before = page["pageInfo"]["startCursor"]
        assert len(pages) < 50, "the walk does not end"


def node_names(page: dict, field: str = "name") -> list[str]:
    return [edge["node"][field] for edge in page["edges"]]


async def test_walking_forward_visits_every_account_once_in_order(api):
    names = await accounts_named(api, 7)

    pages = await walk_forward(api, ACCOUNTS, "accounts", 3)

    assert [node_names(page) for page in pages] == [names[0:3], names[3:6], names[6:7]]


async def test_walking_forward_reports_next_and_previous_pages(api):
    await accounts_named(api, 7)

    pages = await walk_forward(api, ACCOUNTS, "accounts", 3)

    flags = [(p["pageInfo"]["hasPreviousPage"], p["pageInfo"]["hasNextPage"]) for p in pages]
    assert flags == [(False, True), (True, True), (True, False)]


async def test_walking_backward_visits_every_account_once_in_order(api):
    names = await accounts_named(api, 7)

    pages = await walk_backward(api, ACCOUNTS, "accounts", 3)

    assert [node_names(page) for page in pages] == [names[4:7], names[1:4], names[0:1]]


async def test_walking_backward_reports_next_and_previous_pages(api):
    await accounts_named(api, 7)

    pages = await walk_backward(api, ACCOUNTS, "accounts", 3)

    flags = [(p["pageInfo"]["hasPreviousPage"], p["pageInfo"]["hasNextPage"]) for p in pages]
    assert flags == [(True, False), (True, True), (False, True)]


async def test_a_page_that_holds_everything_has_no_next_or_previous_page(api):
    names = await accounts_named(api, 3)

    data = await api.gql(ACCOUNTS, {"first": 3})

    assert node_names(data["accounts"]) == names
    assert data["accounts"]["pageInfo"]["hasNextPage"] is False
    assert data["accounts"]["pageInfo"]["hasPreviousPage"] is False


async def test_total_count_is_the_whole_list_on_every_page(api):
    await accounts_named(api, 7)

    pages = await walk_forward(api, ACCOUNTS, "accounts", 3)

    assert [page["totalCount"] for page in pages] == [7, 7, 7]


async def test_start_and_end_cursors_are_those_of_the_first_and_last_edges(api):
    await accounts_named(api, 5)

    page = (await api.gql(ACCOUNTS, {"first": 3}))["accounts"]

    assert page["pageInfo"]["startCursor"] == page["edges"][0]["cursor"]
    assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]


async def test_any_edge_cursor_continues_the_walk_after_that_edge(api):
    names = await accounts_named(api, 6)
    first = (await api.gql(ACCOUNTS, {"first": 4}))["accounts"]

    data = await api.gql(ACCOUNTS, {"first": 2, "after": first["edges"][1]["cursor"]})

    assert node_names(data["accounts"]) == names[2:4]


async def test_an_empty_list_has_no_edges_and_no_cursors(api):
    data = await api.gql(ACCOUNTS, {"first": 5})

    assert data["accounts"] == {
        "totalCount": 0, "edges": [],
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": False, "startCursor": None, "endCursor": None},
    }


async def test_without_first_or_last_a_page_holds_twenty(api):
    await accounts_named(api, 25)

    data = await api.gql(ACCOUNTS)

    assert len(data["accounts"]["edges"]) == 20
    assert data["accounts"]["pageInfo"]["hasNextPage"] is True
    assert data["accounts"]["totalCount"] == 25


async def test_a_record_added_during_a_walk_is_not_seen_twice_and_nothing_is_skipped(api):
    names = await accounts_named(api, 4)
    first = (await api.gql(ACCOUNTS, {"first": 2}))["accounts"]
    await account(api, "Added later")

    rest = (await api.gql(ACCOUNTS, {"first": 10, "after": first["pageInfo"]["endCursor"]}))["accounts"]

    assert node_names(first) + node_names(rest) == names + ["Added later"]


async def test_deleting_the_last_seen_record_does_not_skip_the_next_one(api):
    names = await accounts_named(api, 4)
    first = (await api.gql("{ accounts(first: 2) { pageInfo { endCursor } edges { node { id name } } } }"))["accounts"]
    await api.gql(delete_mutation("Account"), {"id": first["edges"][-1]["node"]["id"]})

    rest = (await api.gql(ACCOUNTS, {"first": 10, "after": first["pageInfo"]["endCursor"]}))["accounts"]

    assert node_names(rest) == names[2:]


ACTIVITIES = """
query($first: Int, $after: String, $last: Int, $before: String) {
  activities(first: $first, after: $after, last: $last, before: $before) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { subject } }
  }
}
"""


async def test_activities_are_listed_newest_first_and_walk_without_repeats(api):
    acme = await account(api)
    subjects = [f"call {i}" for i in range(5)]
    for subject in subjects:
        await create_record(api, "Activity", {"kind": "CALL", "subject": subject, "accountId": acme["id"]})

    forward = await walk_forward(api, ACTIVITIES, "activities", 2)
    backward = await walk_backward(api, ACTIVITIES, "activities", 2)

    newest_first = list(reversed(subjects))
    assert [s for page in forward for s in node_names(page, "subject")] == newest_first
    assert [s for page in reversed(backward) for s in node_names(page, "subject")] == newest_first


BILLING = """
query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  account(id: $id) {
    billingEntries(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { description date } }
    }
  }
}
"""


async def test_billing_entries_walk_newest_date_first_even_when_dates_repeat(api):
    acme = await account(api)
    dates = ["2026-01-31", "2026-03-31", "2026-02-28", "2026-03-31", "2026-01-31"]
    for i, date in enumerate(dates):
        await create_record(api, "BillingEntry", {"date": date, "amount": "1.00", "description": f"entry {i}",
                                                  "accountId": acme["id"]})

    forward = await _walk_nested(api, BILLING, acme["id"], 2)

    entries = [edge["node"] for page in forward for edge in page["edges"]]
    assert [e["date"] for e in entries] == sorted(dates, reverse=True)
    assert sorted(e["description"] for e in entries) == [f"entry {i}" for i in range(5)]


async def _walk_nested(api, query: str, id: str, size: int) -> list[dict]:
    pages, after = [], None
    while True:
        data = await api.gql(query, {"id": id, "first": size, "after": after})
        page = next(iter(data["account"].values()))
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            return pages
        after = page["pageInfo"]["endCursor"]
        assert len(pages) < 50, "the walk does not end"


PEOPLE = """
query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  account(id: $id) {
    people(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { email } }
    }
  }
}
"""


async def test_an_accounts_people_can_be_walked_page_by_page(api):
    acme = await account(api)
    emails = [f"p{i}@acme.example" for i in range(5)]
    for email in emails:
        await person(api, email, accountIds=[acme["id"]])

    pages = await _walk_nested(api, PEOPLE, acme["id"], 2)

    assert [node_names(page, "email") for page in pages] == [emails[0:2], emails[2:4], emails[4:5]]
    assert [page["totalCount"] for page in pages] == [5, 5, 5]
    assert [(p["pageInfo"]["hasPreviousPage"], p["pageInfo"]["hasNextPage"]) for p in pages] == [
        (False, True), (True, True), (True, False)]


async def test_last_on_a_nested_list_returns_its_final_records(api):
    acme = await account(api)
    emails = [f"p{i}@acme.example" for i in range(5)]
    for email in emails:
        await person(api, email, accountIds=[acme["id"]])

    data = await api.gql(PEOPLE, {"id": acme["id"], "last": 2})

    page = data["account"]["people"]
    assert node_names(page, "email") == emails[3:5]
    assert page["pageInfo"]["hasPreviousPage"] is True


async def test_nested_pages_of_several_accounts_are_independent(api):
    acme, globex = await account(api, "Acme"), await account(api, "Globex")
    for i in range(3):
        await person(api, f"a{i}@acme.example", accountIds=[acme["id"]])
        await person(api, f"g{i}@globex.example", accountIds=[globex["id"]])
    await person(api, "both@example.com", accountIds=[acme["id"], globex["id"]])

    data = await api.gql("""{ accounts { edges { node { name
        people(first: 2) { totalCount pageInfo { hasNextPage } edges { node { email } } } } } } }""")

    by_name = {edge["node"]["name"]: edge["node"]["people"] for edge in data["accounts"]["edges"]}
    assert node_names(by_name["Acme"], "email") == ["a0@acme.example", "a1@acme.example"]
    assert node_names(by_name["Globex"], "email") == ["g0@globex.example", "g1@globex.example"]
    assert by_name["Acme"]["totalCount"] == by_name["Globex"]["totalCount"] == 4
    assert by_name["Acme"]["pageInfo"]["hasNextPage"] is True


async def test_pipeline_stages_are_listed_by_position(api):
    for name, position in (("Won", 3), ("Qualified", 1), ("Proposal", 2)):
        await create_record(api, "PipelineStage", {"name": name, "position": position})

    data = await api.gql("{ pipelineStages { edges { node { name position } } } }")

    assert [edge["node"]["name"] for edge in data["pipelineStages"]["edges"]] == ["Qualified", "Proposal", "Won"]


async def test_the_territories_list_is_named_territories(api):
    await create_record(api, "Territory", {"name": "DACH"})

    data = await api.gql("{ territories { totalCount edges { node { name } } } }")

    assert data["territories"] == {"totalCount": 1, "edges": [{"node": {"name": "DACH"}}]}
