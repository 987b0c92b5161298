"""Grouped aggregates: counts and sums, averages, minimums and maximums per group of
core, plugin and reference keys and of date buckets, checked against totals computed
here from the data the test wrote; money is exact on both databases."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

import pytest

from crm_graphql.models import Role

from .helpers import ACCOUNT, ACTIVITY, OPPORTUNITY, code_and_field, create, stage
from .segments import ACCOUNTS, make_accounts, make_deals

NUMBERS = ("annualRevenue", "reportedRevenue", "employeeCount", "intentScore", "engagementScore")
MONEY = ("annualRevenue", "reportedRevenue")

ACCOUNTS_AGGREGATE = """
query($filter: AccountFilter, $groupBy: [AccountGroupBy!], $search: String) {
  accountsAggregate(filter: $filter, groupBy: $groupBy, search: $search) {
    totalCount
    groups {
      key { tier region billingStage contractEndDate abmTarget ownerId }
      count
      sum { annualRevenue reportedRevenue employeeCount intentScore engagementScore }
      avg { annualRevenue reportedRevenue employeeCount intentScore engagementScore }
      min { annualRevenue reportedRevenue employeeCount intentScore engagementScore }
      max { annualRevenue reportedRevenue employeeCount intentScore engagementScore }
    }
  }
}
"""


def _measures(rows: list[dict]) -> dict:
    """sum/avg/min/max of the numeric fields of `rows`, as the API writes them."""
    result = {"sum": {}, "avg": {}, "min": {}, "max": {}}
    for name in NUMBERS:
        values = [row[name] for row in rows if row.get(name) is not None]
        if name in MONEY:
            values = [Decimal(v) for v in values]
            cents = Decimal("0.01")
            total = sum(values, Decimal(0)).quantize(cents) if values else None
            result["sum"][name] = None if total is None else str(total)
            result["avg"][name] = None if not values else str((total / len(values)).quantize(cents, ROUND_HALF_UP))
            result["min"][name] = None if not values else str(min(values).quantize(cents))
            result["max"][name] = None if not values else str(max(values).quantize(cents))
        else:
            result["sum"][name] = float(sum(values)) if values else None
            result["avg"][name] = sum(values) / len(values) if values else None
            result["min"][name] = min(values) if values else None
            result["max"][name] = max(values) if values else None
    return result


def _key(values: dict, **grouped) -> dict:
    key = dict.fromkeys(("tier", "region", "billingStage", "contractEndDate", "abmTarget", "ownerId"))
    key.update(grouped)
    return key


def _sort_key(group_values: tuple):
    """Groups come ordered by their key values, nulls last."""
    return tuple((value is None, value or "") for value in group_values)


async def _aggregate(api, **variables) -> dict:
    return (await api.gql(ACCOUNTS_AGGREGATE, variables))["accountsAggregate"]


def _close(actual: dict, expected: dict) -> None:
    """Exact for money and integers; floats to twelve significant digits (what the API keeps)."""
    for measure in ("sum", "avg", "min", "max"):
        for name, value in expected[measure].items():
            got = actual[measure][name]
            if isinstance(value, float) and got is not None:
                assert got == pytest.approx(value, rel=1e-11), (measure, name)
            else:
                assert got == value, (measure, name)


async def test_grouped_by_a_plugin_select_against_totals_computed_here(api):
    await make_accounts(api)
    result = await _aggregate(api, groupBy=[{"field": "tier"}])
    by_tier = defaultdict(list)
    for account in ACCOUNTS:
        by_tier[account.get("tier")].append(account)
    expected_order = sorted(by_tier, key=lambda tier: _sort_key((tier,)))
    assert result["totalCount"] == len(ACCOUNTS)
    assert [g["key"] for g in result["groups"]] == [_key({}, tier=t) for t in expected_order]
    for group, tier in zip(result["groups"], expected_order):
        assert group["count"] == len(by_tier[tier])
        _close(group, _measures(by_tier[tier]))


async def test_grouped_by_two_keys_with_a_filter_and_without_groups(api):
    await make_accounts(api)
    chosen = [a for a in ACCOUNTS if a.get("tier") in ("GOLD", "BRONZE")]
    result = await _aggregate(api, filter={"tier": {"in": ["GOLD", "BRONZE"]}},
                              groupBy=[{"field": "region"}, {"field": "billingStage"}])
    groups = defaultdict(list)
    for account in chosen:
        groups[(account.get("region"), account.get("billingStage"))].append(account)
    order = sorted(groups, key=_sort_key)
    assert result["totalCount"] == len(chosen)
    assert [(g["key"]["region"], g["key"]["billingStage"]) for g in result["groups"]] == order
    for group, key in zip(result["groups"], order):
        assert group["count"] == len(groups[key])
        _close(group, _measures(groups[key]))

    everything = await _aggregate(api)
    assert everything["totalCount"] == len(ACCOUNTS)
    assert len(everything["groups"]) == 1 and everything["groups"][0]["key"] == _key({})
    _close(everything["groups"][0], _measures(ACCOUNTS))

    nothing = await _aggregate(api, filter={"name": {"eq": "nobody"}})
    assert nothing["totalCount"] == 0
    assert nothing["groups"][0]["count"] == 0 and nothing["groups"][0]["sum"]["annualRevenue"] is None
    assert (await _aggregate(api, filter={"name": {"eq": "nobody"}}, groupBy=[{"field": "tier"}])) == {
        "totalCount": 0, "groups": []}


async def test_grouped_by_boolean_and_reference_and_search(api):
    await make_accounts(api)
    result = await _aggregate(api, groupBy=[{"field": "abmTarget"}, {"field": "ownerId"}], search="e")
    me = (await api.gql("{ me { id } }"))["me"]["id"]
    matching = [a for a in ACCOUNTS if "e" in a["name"].lower()]
    flags = sorted({bool(a.get("abmTarget")) for a in matching})
    assert [(g["key"]["abmTarget"], g["key"]["ownerId"]) for g in result["groups"]] == [(f, me) for f in flags]
    assert [g["count"] for g in result["groups"]] == [
        len([a for a in matching if bool(a.get("abmTarget")) == f]) for f in flags]


async def test_money_sums_are_exact(api):
    """Amounts that floating point adds up wrongly: many 0.10s, and amounts too large for
    a double to hold to the cent (SQLite keeps decimals as text; REAL would lose them)."""
    won = await stage(api, "Won")
    amounts = ["0.10"] * 30 + ["0.20"] * 7 + ["9999999999999999.99", "1000000000000000.01", "-0.05"]
    for i, amount in enumerate(amounts):
        await create(api, OPPORTUNITY, name=f"deal {i}", stageId=won["id"], amount=amount)
    data = await api.gql("""{ opportunitiesAggregate(groupBy: [{field: stageId}]) {
        totalCount groups { key { stageId } count sum { amount } avg { amount } min { amount } max { amount } } } }""")
    group = data["opportunitiesAggregate"]["groups"][0]
    total = sum(map(Decimal, amounts))
    assert group["key"] == {"stageId": won["id"]}
    assert group["count"] == len(amounts)
    assert group["sum"] == {"amount": str(total)}
    assert group["avg"] == {"amount": str((total / len(amounts)).quantize(Decimal("0.01"), ROUND_HALF_UP))}
    assert group["min"] == {"amount": "-0.05"}
    assert group["max"] == {"amount": "9999999999999999.99"}


async def test_only_the_measures_asked_for_are_computed(api, sql_log):
    await make_accounts(api)
    sql_log.statements.clear()
    data = await api.gql("{ accountsAggregate(groupBy: [{field: tier}]) { groups { count sum { annualRevenue } } } }")
    assert [g["sum"]["annualRevenue"] for g in data["accountsAggregate"]["groups"]] == [
        None, "1100.49", "250.00", None]
    statement = next(s for s in sql_log.statements if "GROUP BY" in s)
    assert "employee_count" not in statement and "intentScore" not in statement


@pytest.mark.parametrize(("bucket", "start"), [
    ("DAY", lambda d: d),
    ("WEEK", lambda d: d - timedelta(days=d.weekday())),
    ("MONTH", lambda d: d.replace(day=1)),
    ("QUARTER", lambda d: d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)),
    ("YEAR", lambda d: d.replace(month=1, day=1)),
])
async def test_date_buckets_of_core_and_plugin_dates(api, bucket, start):
    await make_accounts(api)
    for field in ("contractEndDate", "lastEngagedOn"):
        data = await api.gql(f"""query($b: DateBucket) {{ accountsAggregate(groupBy: [{{field: {field}, bucket: $b}}]) {{
            groups {{ key {{ {field} }} count }} }} }}""", {"b": bucket})
        counts = defaultdict(int)
        for account in ACCOUNTS:
            value = account.get(field)
            counts[None if value is None else start(date.fromisoformat(value)).isoformat()] += 1
        expected = [{"key": {field: k}, "count": counts[k]} for k in sorted(counts, key=lambda k: _sort_key((k,)))]
        assert data["accountsAggregate"]["groups"] == expected, field


OCCURRED = [
    "2026-03-31T23:30:00-02:00",   # April 1st in UTC: the buckets are UTC
    "2026-03-31T12:00:00+00:00",
    "2026-01-01T00:30:00+01:00",   # still 2025 in UTC
    "2026-11-29T10:00:00+00:00",   # a Sunday
    "2026-11-30T10:00:00+00:00",   # the Monday after
]


@pytest.mark.parametrize("bucket", ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR"])
async def test_date_buckets_of_datetimes_are_utc_days(api, bucket):
    account = await create(api, ACCOUNT, name="Acme")
    for i, moment in enumerate(OCCURRED):
        await create(api, ACTIVITY, kind="CALL", subject=f"call {i}", accountId=account["id"], occurredAt=moment)
    await create(api, ACTIVITY, kind="NOTE", subject="undated", accountId=account["id"])
    data = await api.gql("""query($b: DateBucket) { activitiesAggregate(groupBy: [{field: occurredAt, bucket: $b}]) {
        totalCount groups { key { occurredAt } count } } }""", {"b": bucket})
    start = {
        "DAY": lambda d: d, "WEEK": lambda d: d - timedelta(days=d.weekday()), "MONTH": lambda d: d.replace(day=1),
        "QUARTER": lambda d: d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1),
        "YEAR": lambda d: d.replace(month=1, day=1),
    }[bucket]
    counts = defaultdict(int)
    for moment in OCCURRED:
        counts[start(datetime.fromisoformat(moment).astimezone(timezone.utc).date()).isoformat()] += 1
    counts[None] += 1
    expected = [{"key": {"occurredAt": k}, "count": counts[k]} for k in sorted(counts, key=lambda k: _sort_key((k,)))]
    assert data["activitiesAggregate"] == {"totalCount": len(OCCURRED) + 1, "groups": expected}


async def test_aggregates_obey_the_access_rules(api):
    sales_token = await api.user_token("sam@example.com", Role.SALES)
    sam = (await api.gql("{ me { id } }", token=sales_token))["me"]["id"]
    await create(api, ACCOUNT, name="Mine", ownerId=sam, annualRevenue="10.00", tier="GOLD")
    await create(api, ACCOUNT, name="Not mine", annualRevenue="5.00", tier="GOLD")
    query = "{ accountsAggregate(groupBy: [{field: tier}]) { totalCount groups { count sum { annualRevenue } } } }"
    assert (await api.gql(query))["accountsAggregate"] == {
        "totalCount": 2, "groups": [{"count": 2, "sum": {"annualRevenue": "15.00"}}]}
    assert (await api.gql(query, token=sales_token))["accountsAggregate"] == {
        "totalCount": 1, "groups": [{"count": 1, "sum": {"annualRevenue": "10.00"}}]}


async def test_the_relation_filter_of_an_aggregate(api):
    accounts = await make_accounts(api)
    await make_deals(api, accounts)
    data = await api.gql("""{ accountsAggregate(filter: {opportunities: {some: {stage: {name: {eq: "Won"}}}}}) {
        totalCount groups { sum { employeeCount } } } }""")
    assert data["accountsAggregate"] == {"totalCount": 2, "groups": [{"sum": {"employeeCount": 250.0}}]}


@pytest.mark.parametrize(("group_by", "field"), [
    ([{"field": "tier", "bucket": "MONTH"}], "groupBy.0.bucket"),
    ([{"field": "tier"}, {"field": "tier"}], "groupBy.1.field"),
    ([{"field": "ownerId", "bucket": "DAY"}], "groupBy.0.bucket"),
])
async def test_invalid_groupings_are_refused(api, group_by, field):
    error = await api.error(ACCOUNTS_AGGREGATE, {"groupBy": group_by})
    assert code_and_field(error) == ("VALIDATION", field)


async def test_unknown_group_fields_are_refused(api):
    error = await api.error(ACCOUNTS_AGGREGATE, {"groupBy": [{"field": "nope"}]})
    assert error["extensions"]["code"] == "VALIDATION"
    error = await api.error(ACCOUNTS_AGGREGATE, {"groupBy": [{"field": "interests"}]})
    assert error["extensions"]["code"] == "VALIDATION"
