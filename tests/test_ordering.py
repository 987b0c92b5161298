"""Ordering: on any scalar field (plugin fields too), both directions, nulls first or last;
keyset pages that never skip or repeat a record, also while records are inserted and
updated; the page-size cap."""

from __future__ import annotations

import pytest

from .helpers import ACCOUNT, code_and_field, create
from .segments import ACCOUNTS, LIST, make_accounts, make_deals, names


def _expected(field: str, descending: bool = False, nulls_first: bool | None = None, key=None) -> list[str]:
    """The order computed here: by the field (numbers as numbers), nulls placed as asked
    (by default as if larger than any value), then by id (creation order)."""
    key = key or (lambda value: value)
    indexed = list(enumerate(ACCOUNTS))
    present = [(key(a[field]), i, a["name"]) for i, a in indexed if a.get(field) is not None]
    missing = [(i, a["name"]) for i, a in indexed if a.get(field) is None]
    present.sort(reverse=descending)
    missing.sort(reverse=descending)  # the id breaks ties in the first term's direction
    if nulls_first is None:
        nulls_first = descending
    values = [name for *_, name in present]
    nulls = [name for _, name in missing]
    return nulls + values if nulls_first else values + nulls


CASES = [
    ("name", None),
    ("industry", None),
    ("employeeCount", None),
    ("annualRevenue", float),          # money: numeric order, although SQLite keeps text
    ("contractEndDate", None),
    ("billingStage", None),
    ("tier", None),                    # plugin select
    ("intentScore", None),             # plugin int
    ("engagementScore", None),         # plugin number
    ("reportedRevenue", float),        # plugin money
    ("lastEngagedOn", None),           # plugin date
]


@pytest.mark.parametrize(("field", "key"), CASES)
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize("nulls", [None, "FIRST", "LAST"])
async def test_order_by_any_field_with_nulls_placed(api, field, key, direction, nulls):
    await make_accounts(api)
    order = {"field": field, "direction": direction, **({"nulls": nulls} if nulls else {})}
    expected = _expected(field, direction == "DESC", None if nulls is None else nulls == "FIRST", key)
    assert await names(api, orderBy=[order]) == expected


async def _walk(api, order, *, size: int, backwards: bool = False, between=None) -> list[str]:
    """Every name, page by page with cursors (forwards with first/after, or backwards
    with last/before); `between(page_number)` runs between pages."""
    seen, cursor, page_number = [], None, 0
    while True:
        arguments = {"orderBy": order}
        arguments.update({"last": size, "before": cursor} if backwards else {"first": size, "after": cursor})
        data = (await api.gql(LIST, arguments))["accounts"]
        page = [edge["node"]["name"] for edge in data["edges"]]
        seen = page + seen if backwards else seen + page
        info = data["pageInfo"]
        more = info["hasPreviousPage"] if backwards else info["hasNextPage"]
        if not more:
            return seen
        cursor = info["startCursor"] if backwards else info["endCursor"]
        page_number += 1
        assert page_number < 100, f"paging does not end: {seen[-5:]}"
        if between is not None:
            await between(page_number)


ORDERS = [
    [{"field": "name"}],
    [{"field": "intentScore", "direction": "DESC", "nulls": "LAST"}],
    [{"field": "intentScore", "nulls": "FIRST"}],
    [{"field": "tier", "direction": "DESC"}, {"field": "employeeCount", "nulls": "FIRST"}],
    [{"field": "annualRevenue", "direction": "DESC"}],
    [{"field": "lastEngagedOn"}, {"field": "name", "direction": "DESC"}],
    [{"field": "createdAt", "direction": "DESC"}],
]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("size", [1, 2, 3])
async def test_cursor_pages_in_both_directions_give_the_whole_order(api, order, size):
    await make_accounts(api)
    everything = await names(api, orderBy=order)
    assert len(everything) == len(ACCOUNTS)
    assert await _walk(api, order, size=size) == everything
    assert await _walk(api, order, size=size, backwards=True) == everything


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_cursor_pages_over_floats_of_seventeen_digits(api, direction):
    # Floats whose shortest exact form has 16 or 17 digits: a cursor rounded to fewer
    # would fall beside its row and repeat or skip it on the next page.
    scores = {"third": 1 / 3, "tenths": 0.1 * 3, "two thirds": 2 / 3, "tiny": 1e-7 / 3, "whole": 2.0}
    for name, score in scores.items():
        await create(api, ACCOUNT, name=name, engagementScore=score)
    order = [{"field": "engagementScore", "direction": direction}]
    expected = sorted(scores, key=scores.get, reverse=direction == "DESC")
    assert await names(api, orderBy=order) == expected
    assert await _walk(api, order, size=1) == expected
    assert await _walk(api, order, size=2, backwards=True) == expected


@pytest.mark.parametrize("field", ["annualRevenue", "reportedRevenue"])
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_cursor_pages_over_money_of_sixteen_digits(api, field, direction):
    # SQLite orders money as REAL: a cursor writing it with 15 digits (99999999999999.99 as
    # 1e14) fell beside its row, and the next page repeated or skipped it (found by
    # test_differential's walks).
    amounts = ["99999999999999.99", "99999999999999.98", "-99999999999999.99", "12345678901234.56", "0.10",
               "99999999999999.97"]
    for i, amount in enumerate(amounts):
        await create(api, ACCOUNT, name=f"a{i}", **{field: amount})
    order = [{"field": field, "direction": direction}]
    everything = await names(api, orderBy=order)
    assert sorted(everything) == [f"a{i}" for i in range(len(amounts))]
    for size in (1, 2):
        assert await _walk(api, order, size=size) == everything
        assert await _walk(api, order, size=size, backwards=True) == everything


@pytest.mark.parametrize("order", [
    [{"field": "name"}],
    [{"field": "intentScore", "nulls": "FIRST"}, {"field": "name", "direction": "DESC"}],
    [{"field": "tier", "direction": "DESC", "nulls": "LAST"}],
])
async def test_paging_while_records_are_inserted_and_updated_never_skips_or_repeats(api, order):
    accounts = await make_accounts(api)
    original = set(accounts)
    inserted = []

    async def meanwhile(page_number: int) -> None:
        # New records before, among and after the ones still to come, and updates of
        # records (of fields the order does not use) on both sides of the cursor.
        for name, values in ((f"Aaa {page_number}", {"tier": "GOLD", "intentScore": 1}),
                             (f"Mmm {page_number}", {}),
                             (f"Zzz {page_number}", {"tier": "BRONZE", "intentScore": 99})):
            await create(api, ACCOUNT, name=name, **values)
            inserted.append(name)
        for name in ("Acme Corp", "Zeta Ü"):
            account = accounts[name]
            updated = await api.gql(
                "mutation($id: ID!, $v: Int!) { updateAccount(id: $id, version: $v, input: {website: \"https://x.example\"}) { version } }",
                {"id": account["id"], "v": account["version"]})
            account["version"] = updated["updateAccount"]["version"]

    seen = await _walk(api, order, size=2, between=meanwhile)
    assert len(seen) == len(set(seen)), "a record was repeated"
    assert original <= set(seen), f"records were skipped: {original - set(seen)}"
    assert set(seen) <= original | set(inserted)


async def test_nested_connections_take_an_order(api):
    accounts = await make_accounts(api)
    await make_deals(api, accounts)
    data = await api.gql("""{ accounts(orderBy: [{field: name}], first: 1) { edges { node {
        byAmount: opportunities(orderBy: [{field: amount, direction: DESC}]) { edges { node { name } } }
        byName: opportunities(orderBy: [{field: name, direction: DESC}], first: 1) {
            pageInfo { hasNextPage } edges { node { name } } }
    } } } }""")
    node = data["accounts"]["edges"][0]["node"]
    assert [e["node"]["name"] for e in node["byAmount"]["edges"]] == ["Acme renewal", "Acme upsell"]
    assert node["byName"] == {"pageInfo": {"hasNextPage": True}, "edges": [{"node": {"name": "Acme upsell"}}]}


async def test_order_by_a_plugin_field_registered_at_runtime(api):
    plugin = {"name": "visits", "fields": [{"entity": "Account", "name": "visits", "type": "int"}]}
    await api.gql("mutation($d: JSON!) { registerPlugin(definition: $d) { name } }", {"d": plugin})
    for name, visits in (("B", 3), ("A", 10), ("C", None), ("D", 1)):
        await create(api, ACCOUNT, name=name, **({"visits": visits} if visits is not None else {}))
    assert await names(api, orderBy=[{"field": "visits", "direction": "DESC"}]) == ["C", "A", "B", "D"]
    assert await names(api, orderBy=[{"field": "visits", "nulls": "FIRST"}]) == ["C", "D", "B", "A"]


# -- limits and refusals ---------------------------------------------------------------


@pytest.mark.parametrize(("arguments", "field"), [({"first": 101}, "first"), ({"last": 101}, "last")])
async def test_page_size_above_the_cap_is_refused(api, arguments, field):
    error = await api.error(LIST, arguments)
    assert code_and_field(error) == ("LIMIT_EXCEEDED", field)
    assert error["extensions"]["maximum"] == 100
    await make_accounts(api)
    data = await api.gql(LIST, {"first": 100})
    assert data["accounts"]["totalCount"] == len(ACCOUNTS)


async def test_nested_page_size_above_the_cap_is_refused(api):
    await make_accounts(api)
    error = await api.error("{ accounts(first: 1) { edges { node { opportunities(first: 1000) { totalCount } } } } }")
    assert code_and_field(error) == ("LIMIT_EXCEEDED", "first")


@pytest.mark.parametrize(("order", "field"), [
    ([{"field": "name"}, {"field": "name", "direction": "DESC"}], "orderBy.1.field"),
    ([{"field": "name"}] * 9, "orderBy"),
])
async def test_invalid_orders_are_refused(api, order, field):
    error = await api.error(LIST, {"orderBy": order})
    assert code_and_field(error) == ("VALIDATION", field)


async def test_unknown_order_fields_and_cursors_are_refused(api):
    await make_accounts(api)
    error = await api.error(LIST, {"orderBy": [{"field": "nope"}]})
    assert error["extensions"]["code"] == "VALIDATION"
    error = await api.error(LIST, {"orderBy": [{"field": "interests"}]})  # a multi-select has no order
    assert error["extensions"]["code"] == "VALIDATION"
    error = await api.error(LIST, {"after": "zz"})
    assert code_and_field(error) == ("VALIDATION", "after")
    by_name = (await api.gql(LIST, {"orderBy": [{"field": "name"}], "first": 1}))["accounts"]["pageInfo"]["endCursor"]
    error = await api.error(LIST, {"after": by_name})  # the default order has one key, not two
    assert code_and_field(error) == ("VALIDATION", "after")
    error = await api.error(LIST, {"orderBy": [{"field": "createdAt"}], "after": by_name})
    assert code_and_field(error) == ("VALIDATION", "after")
