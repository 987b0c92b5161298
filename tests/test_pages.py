"""Pages, backwards pages, page info and counts, as one definition (`query.pages.page_info`,
`Reader.count_sql`) gives them on both read paths: every combination of `first`/`last`
and `after`/`before` cursors over five records, on a root list and on a nested
connection, against a model of the rule (the suite's `api.post` compares the compiled
and the resolved answer of each read)."""

from __future__ import annotations

import itertools

from .helpers import ACCOUNT, PERSON, create

NAMES = ["A", "B", "C", "D", "E"]
SIZES = (0, 1, 2, 6)
# A cursor's position in the five records, or no cursor.
POSITIONS = (None, 0, 2, 4)

ROOT = """query($first: Int, $last: Int, $after: String, $before: String) {
  list: accounts(first: $first, last: $last, after: $after, before: $before, orderBy: [{field: name}],
                 filter: {name: {in: ["A", "B", "C", "D", "E"]}}) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { name } } } }"""
NESTED = """query($id: ID!, $first: Int, $last: Int, $after: String, $before: String) { account(id: $id) {
  list: people(first: $first, last: $last, after: $after, before: $before, orderBy: [{field: firstName}]) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name: firstName } } } } }"""


def expected_page(cursors: list[str], first, last, after, before) -> dict:
    """The rule: the records strictly between the cursors; `first` takes from the start of
    them, `last` from the end; the flag of the reading direction says whether more records
    were there, the other one whether a cursor was given on that side; the count is of
    every record, whatever the page."""
    window = [i for i in range(len(NAMES)) if (after is None or i > after) and (before is None or i < before)]
    if last is not None:
        page = window[max(0, len(window) - last):] if last else []
        has_next, has_previous = before is not None, len(window) > last
    else:
        page = window[:first]
        has_next, has_previous = len(window) > first, after is not None
    return {
        "totalCount": len(NAMES),
        "pageInfo": {"hasNextPage": has_next, "hasPreviousPage": has_previous,
                     "startCursor": cursors[page[0]] if page else None,
                     "endCursor": cursors[page[-1]] if page else None},
        "edges": [{"cursor": cursors[i], "node": {"name": NAMES[i]}} for i in page],
    }


async def test_every_page_of_a_list_and_of_a_nested_connection_follows_the_rule(api):
    parent = await create(api, ACCOUNT, name="Parent")
    for name in reversed(NAMES):
        await create(api, ACCOUNT, name=name)
        await create(api, PERSON, email=f"{name.lower()}@example.com", firstName=name, accountIds=[parent["id"]])
    reads = {"root": (ROOT, {}, lambda data: data["list"]),
             "nested": (NESTED, {"id": parent["id"]}, lambda data: data["account"]["list"])}
    for where, (query, fixed, pick) in reads.items():
        everything = pick(await api.gql(query, {**fixed, "first": len(NAMES)}))
        cursors = [edge["cursor"] for edge in everything["edges"]]
        assert [edge["node"]["name"] for edge in everything["edges"]] == NAMES
        for size, backwards, after, before in itertools.product(SIZES, (False, True), POSITIONS, POSITIONS):
            first, last = (None, size) if backwards else (size, None)
            variables = {**fixed, "first": first, "last": last,
                         "after": None if after is None else cursors[after],
                         "before": None if before is None else cursors[before]}
            got = pick(await api.gql(query, variables))
            assert got == expected_page(cursors, first, last, after, before), (where, variables)
