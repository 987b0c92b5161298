"""The streaming export: CSV and NDJSON equal to the GraphQL result for the same filter and
order, in keyset batches, with labels per locale, the same authentication and access
rules as /graphql, and refused parameters answered with a VALIDATION error."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

import orjson
import pytest

from crm_graphql import export
from crm_graphql.models import Role

from .helpers import ACCOUNT, create
from .segments import make_accounts, make_deals, make_people


async def _get(api, path: str, params: dict | None = None, *, token: str | None = None):
    query = f"?{urlencode(params)}" if params else ""
    headers = {"Authorization": f"Bearer {token or api.token}"}
    return await api.client.get(f"/export/{path}{query}", headers=headers)


async def _ndjson(api, path: str, params: dict | None = None, **kwargs) -> list[dict]:
    response = await _get(api, path, params, **kwargs)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return [orjson.loads(line) for line in response.text.splitlines()]


async def _csv(api, path: str, params: dict | None = None, **kwargs) -> list[list[str]]:
    response = await _get(api, path, params, **kwargs)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.text, newline="")))


async def _graphql_rows(api, plural: str, filter_type: str, order_type: str, columns: list[str],
                        filter: dict | None, order: list | None, *, token: str | None = None) -> list[dict]:
    """The same records through GraphQL, with references' IDs under the export's names."""
    selection = " ".join(f"{c[:-2]} {{ id }}" if c.endswith("Id") and c != "id" else c for c in columns)
    query = (f"query($f: {filter_type}, $o: [{order_type}!], $after: String) {{ {plural}(filter: $f, orderBy: $o, "
             f"first: 100, after: $after) {{ pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {selection} }} }} }} }}")
    rows, after = [], None
    while True:
        data = (await api.gql(query, {"f": filter, "o": order, "after": after}, token=token))[plural]
        for edge in data["edges"]:
            node = edge["node"]
            rows.append({c: (node[c[:-2]] or {}).get("id") if c.endswith("Id") and c != "id" else node[c]
                         for c in columns})
        if not data["pageInfo"]["hasNextPage"]:
            return rows
        after = data["pageInfo"]["endCursor"]


def _as_csv(value) -> str:
    """A GraphQL JSON value as the CSV export writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def _assert_csv_equal(table: list[list[str]], expected: list[dict]) -> None:
    header, *rows = table
    assert len(rows) == len(expected)
    for row, record in zip(rows, expected):
        for cell, name in zip(row, header):
            value = record[name]
            if isinstance(value, float):
                assert float(cell) == value, name
            else:
                assert cell == _as_csv(value), name


FILTER = {"tier": {"in": ["GOLD", "SILVER"]}, "contractEndDate": {"gte": "2025-12-01"}}
ORDER = [{"field": "name", "direction": "DESC"}]


async def test_csv_and_ndjson_equal_the_graphql_result(api):
    await make_accounts(api)
    await create(api, ACCOUNT, name='Quote "and", comma\nand a line', tier="GOLD", contractEndDate="2026-02-02",
                 engagementScore=2.0)
    params = {"filter": json.dumps(FILTER), "orderBy": json.dumps(ORDER)}
    lines = await _ndjson(api, "accounts.ndjson", params)
    columns = list(lines[0])
    assert columns[0] == "id" and {"tier", "annualRevenue", "ownerId", "createdAt"} <= set(columns)
    expected = await _graphql_rows(api, "accounts", "AccountFilter", "AccountOrder", columns, FILTER, ORDER)
    assert [r["name"] for r in expected] == ["umbrella", 'Quote "and", comma\nand a line', "Globex", "Acme Corp"]
    assert lines == expected

    table = await _csv(api, "accounts.csv", {**params, "orderBy": "name:desc"})
    assert table[0] == columns
    _assert_csv_equal(table, expected)


async def test_people_with_multiselects_and_references(api):
    accounts = await make_accounts(api)
    await make_people(api, accounts)
    lines = await _ndjson(api, "people.ndjson")
    columns = list(lines[0])
    assert "interests" in columns and "seniority" in columns and "ownerId" in columns
    expected = await _graphql_rows(api, "people", "PersonFilter", "PersonOrder", columns, None, None)
    assert lines == expected
    _assert_csv_equal(await _csv(api, "people.csv"), expected)
    filtered = await _ndjson(api, "people.ndjson", {"filter": json.dumps({"interests": {"contains": "WEBINARS"}}),
                                                    "fields": "email,interests"})
    assert filtered == [{"email": "ada@acme.example", "interests": ["EVENTS", "WEBINARS"]},
                        {"email": "grace@globex.example", "interests": ["WEBINARS"]}]


async def test_fields_and_header_labels_per_locale(api):
    await make_accounts(api)
    table = await _csv(api, "accounts.csv", {"fields": "id,name,tier,region,ownerId", "locale": "de",
                                             "orderBy": "name", "filter": json.dumps({"tier": {"eq": "GOLD"}})})
    # German labels come from the bundled plugins (terminology_de labels core fields too).
    assert table[0] == ["id", "Name", "Stufe", "Region", "Verantwortlich"]
    assert [row[1] for row in table[1:]] == ["Acme Corp", "umbrella"]
    assert [row[2] for row in table[1:]] == ["GOLD", "GOLD"]
    english = await _csv(api, "accounts.csv", {"fields": "tier,name", "locale": "en"})
    assert english[0] == ["Tier", "name"]  # a field without a label in the locale: its API name
    assert (await _csv(api, "accounts.csv", {"fields": "tier,name", "locale": "fr"}))[0] == ["tier", "name"]
    assert (await _csv(api, "accounts.csv", {"fields": "tier"}))[0] == ["tier"]


@pytest.mark.parametrize("order", [
    None,
    [{"field": "intentScore", "nulls": "FIRST"}],
    [{"field": "tier", "direction": "DESC"}, {"field": "employeeCount"}],
    [{"field": "createdAt", "direction": "DESC"}],
])
async def test_batches_follow_the_order_without_gaps_or_repeats(api, monkeypatch, order):
    monkeypatch.setattr(export, "BATCH_ROWS", 2)
    accounts = await make_accounts(api)
    await make_deals(api, accounts)
    params = {"fields": "id,name"} | ({"orderBy": json.dumps(order)} if order else {})
    lines = await _ndjson(api, "accounts.ndjson", params)
    expected = await _graphql_rows(api, "accounts", "AccountFilter", "AccountOrder", ["id", "name"], None, order)
    assert lines == expected and len(lines) == len(accounts)
    deals = await _ndjson(api, "opportunities.ndjson", {"fields": "name,amount,accountId", "orderBy": "amount:desc"})
    assert [d["amount"] for d in deals] == ["500.00", "0.70", "0.20", "0.10"]
    assert deals[0]["accountId"] == accounts["Acme Corp"]["id"]


async def test_dates_in_the_filter_are_iso_strings(api):
    await make_accounts(api)
    lines = await _ndjson(api, "accounts.ndjson", {
        "fields": "name,contractEndDate", "orderBy": "contractEndDate",
        "filter": json.dumps({"contractEndDate": {"gte": "2026-01-01", "lt": "2027-01-01"},
                              "createdAt": {"lt": "2999-01-01T00:00:00Z"}})})
    assert lines == [{"name": "Acme Corp", "contractEndDate": "2026-03-31"},
                     {"name": "umbrella", "contractEndDate": "2026-04-01"}]


async def test_the_export_obeys_the_access_rules(api):
    sales_token = await api.user_token("sam@example.com", Role.SALES)
    sam = (await api.gql("{ me { id } }", token=sales_token))["me"]["id"]
    await create(api, ACCOUNT, name="Mine", ownerId=sam)
    await create(api, ACCOUNT, name="Not mine")
    assert [r["name"] for r in await _ndjson(api, "accounts.ndjson", {"fields": "name"})] == ["Mine", "Not mine"]
    assert await _ndjson(api, "accounts.ndjson", {"fields": "name"}, token=sales_token) == [{"name": "Mine"}]


async def test_without_a_valid_token_the_export_is_refused(api):
    response = await api.client.get("/export/accounts.csv")
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    response = await api.client.get("/export/accounts.csv", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401


@pytest.mark.parametrize(("params", "field"), [
    ({"filter": "{bad json"}, "filter"),
    ({"filter": "[1, 2]"}, "filter"),
    ({"filter": json.dumps({"nope": {"eq": 1}})}, "filter.nope"),
    ({"filter": json.dumps({"employeeCount": {"contains": "1"}})}, "filter.employeeCount.contains"),
    ({"filter": json.dumps({"employeeCount": {"gt": "many"}})}, "filter.employeeCount.gt"),
    ({"filter": json.dumps({"contractEndDate": {"lt": "next week"}})}, "filter.contractEndDate.lt"),
    ({"filter": json.dumps({"tier": {"eq": "PLATINUM"}})}, "filter.tier.eq"),
    ({"fields": "name,nope"}, "fields"),
    ({"fields": "name,name"}, "fields"),
    ({"orderBy": "nope:desc"}, "orderBy.0.field"),
    ({"orderBy": "name:sideways"}, "orderBy.0.direction"),
    ({"orderBy": "[{\"field\": "}, "orderBy"),
    ({"search": "a b c d e f g h i"}, "search"),
])
async def test_refused_parameters_get_a_validation_error(api, params, field):
    response = await _get(api, "accounts.csv", params)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "VALIDATION", "field": field, **{
        k: v for k, v in error["extensions"].items() if k not in ("code", "field")}}


async def test_unknown_entities_and_formats_are_not_found(api):
    for path in ("nothing.csv", "accounts.xlsx", "accounts"):
        response = await _get(api, path)
        assert response.status_code == 404
        assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
