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
from crm_graphql.auth.actor import Actor
from crm_graphql.models import Role

from .helpers import ACCOUNT, PERSON, create
from .segments import make_accounts, make_deals, make_people


async def _get(api, path: str, params: dict | None = None, *, token: str | None = None):
    query = f"?{urlencode(params)}" if params else ""
    headers = {"Authorization": f"Bearer {token or api.token}"}
    return await api.client.get(f"/export/{path}{query}", headers=headers)


async def _ndjson(api, path: str, params: dict | None = None, **kwargs) -> list[dict]:
    response = await _get(api, path, params, **kwargs)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    # Lines end with \n only (str.splitlines would also cut at U+2028 inside a string).
    return [orjson.loads(line) for line in response.content.split(b"\n") if line]


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
                 engagementScore=1 / 3)
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


# Text that each layer treats specially: CSV quoting (quotes, commas, line breaks), JSON
# escapes (quotes, backslashes, control characters), COPY's text format on PostgreSQL
# (backslashes, tabs, line breaks, `\N`) and what looks like its escapes once written.
AWKWARD = [
    'Quote "q", comma, semi;', "line\nbreak and\r\nCRLF\r", "tab\there\t", "back\\slash \\n \\\\ \\N \\t",
    "ends with \\", "control \x01\x07\x08\x0b\x0c\x1b\x1f\x7f end", "unicode é ß 中文 😀 \u2028\u2029", "",
    "\\u0001 and \\x41 and \\101", '"', ' \\"', "a\\\tb\\\nc", "\\", "\\\\", "\t", "\n",
]


async def test_awkward_text_survives_every_format(api):
    for i, text in enumerate(AWKWARD):
        # One person with every string awkward (each escaped), one with a single awkward
        # string among plain ones, and one plain person between them.
        await create(api, PERSON, email=f"p{i}@example.com", firstName=text, lastName=f"L{text}",
                     title=f"{text}T", phone=text, linkedinUrl=f"https://x.example/{i}")
        await create(api, PERSON, email=f"q{i}@example.com", firstName="Plain", title=text)
        await create(api, PERSON, email=f"r{i}@example.com", firstName="Plain", lastName="Person")
    columns = ["id", "email", "firstName", "lastName", "title", "phone", "linkedinUrl"]
    expected = await _graphql_rows(api, "people", "PersonFilter", "PersonOrder", columns, None, None)
    assert len(expected) == 3 * len(AWKWARD)
    lines = await _ndjson(api, "people.ndjson", {"fields": ",".join(columns)})
    assert lines == expected
    response = await _get(api, "people.ndjson", {"fields": ",".join(columns)})
    # Compact JSON, escaped as the JSON writers of both databases escape strings.
    assert response.content == b"".join(
        json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for row in expected)
    table = await _csv(api, "people.csv", {"fields": ",".join(columns)})
    _assert_csv_equal(table, expected)
    response = await _get(api, "people.csv", {"fields": ",".join(columns)})
    # The ID as it is, strings always quoted (quotes doubled), a null empty; CRLF line ends.
    def cell(name, value):
        return "" if value is None else value if name == "id" else '"' + value.replace('"', '""') + '"'
    rows = "".join(",".join(cell(c, row[c]) for c in columns) + "\r\n" for row in expected)
    assert response.content == (",".join(columns) + "\r\n" + rows).encode()


async def test_the_lines_are_the_rows_the_database_renders(api, app):
    """The lines as streamed (a COPY on PostgreSQL, keyset batches on SQLite) are exactly
    the line SQL's values, read row by row, whatever the text and however it is cut into
    chunks."""
    from crm_graphql.db import connection
    from crm_graphql.query import copyout
    from crm_graphql.query.reader import ALIAS
    from crm_graphql.auth import reference_sql
    from crm_graphql.query.lines import csv_line_sql, export_columns, json_line_sql
    from crm_graphql.query.sql import SQL, inline_numbers, render

    for i, text in enumerate(AWKWARD):
        await create(api, PERSON, email=f"p{i}@example.com", firstName=text, title=text + "\\")
    build = app.state.service.current
    reader, entity = build.reader, build.catalog["Person"]
    actor = Actor(0, "bi@example.com", Role.BI, policy=build.policy)
    columns = export_columns(entity, lambda r: inline_numbers(reference_sql(actor, build.catalog, r, ALIAS)))
    for render_line, end in ((csv_line_sql, "\r\n"), (json_line_sql, "\n")):
        line = render_line(entity, columns, ALIAS, reader.dialect)
        text, args = render(SQL(f"SELECT {line} AS l FROM person {ALIAS} ORDER BY {ALIAS}.id"), reader.dialect)
        rows = await connection().execute_query_dict(text, args)
        expected = "".join(row["l"] + end for row in rows).encode()
        for chunk_bytes in (copyout.CHUNK_BYTES, 1):
            copyout_chunk = copyout.CHUNK_BYTES
            copyout.CHUNK_BYTES = chunk_bytes
            try:
                chunks = [c async for c in reader.lines(entity, actor, line, end, size=3)]
            finally:
                copyout.CHUNK_BYTES = copyout_chunk
            assert b"".join(chunks) == expected
            assert all(c.endswith(end.encode()) for c in chunks)


async def test_filter_values_are_inlined_exactly(api):
    """COPY takes no parameters: the filter's values (text with quotes and backslashes,
    numbers, dates, lists, booleans) are written into the statement as typed literals."""
    accounts = await make_accounts(api)
    await create(api, ACCOUNT, name="O'Brien \\ \"x\" $1 ?", tier="GOLD", contractEndDate="2026-02-02",
                 abmTarget=True, employeeCount=7)
    filters = [
        {"name": {"eq": "O'Brien \\ \"x\" $1 ?"}},
        {"name": {"contains": "'brien \\"}},
        {"tier": {"in": ["GOLD", "BRONZE"]}, "employeeCount": {"lt": 100}},
        {"contractEndDate": {"gte": "2026-01-01"}, "annualRevenue": {"gte": "99.99"}},
        {"abmTarget": {"eq": True}, "createdAt": {"lt": "2999-01-01T00:00:00Z"}},
        {"engagementScore": {"gt": 0.75}, "or": [{"region": {"eq": "EMEA"}}, {"name": {"startsWith": "u"}}]},
    ]
    for filter in filters:
        lines = await _ndjson(api, "accounts.ndjson", {"fields": "id,name", "filter": json.dumps(filter)})
        expected = await _graphql_rows(api, "accounts", "AccountFilter", "AccountOrder", ["id", "name"], filter, None)
        assert lines == expected, filter
        assert lines, filter
    searched = await _ndjson(api, "accounts.ndjson", {"fields": "name", "search": "o'brien"})
    assert searched == [{"name": "O'Brien \\ \"x\" $1 ?"}]
    assert len(accounts) == 5


async def test_an_export_read_in_part_leaves_the_database_usable(api, app):
    """A client that goes away stops the export midway; every pooled connection still
    works afterwards (on PostgreSQL the COPY's connection is closed, not reused)."""
    import asyncio

    from crm_graphql.db import connection
    from crm_graphql.auth import reference_sql
    from crm_graphql.query.reader import ALIAS
    from crm_graphql.query.lines import export_columns, json_line_sql
    from crm_graphql.query.sql import inline_numbers

    await connection().execute_script(
        "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000) "
        "INSERT INTO person (created_at, updated_at, version, custom, email, first_name) "
        "SELECT CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, '{}', 'p' || n || '@example.com', 'First name' FROM g")
    build = app.state.service.current
    entity = build.catalog["Person"]
    actor = Actor(0, "bi@example.com", Role.BI, policy=build.policy)
    line = json_line_sql(entity, export_columns(entity, lambda r: inline_numbers(reference_sql(actor, build.catalog, r, ALIAS))),
                         ALIAS, build.reader.dialect)
    for _ in range(12):  # more than the pool's connections
        chunks = build.reader.lines(entity, actor, line, "\n", size=1000)
        first = await anext(chunks)
        assert first.startswith(b'{"id":') and first.endswith(b"\n")
        await chunks.aclose()
    counts = await asyncio.gather(*[api.gql("{ people(first: 1) { totalCount } }") for _ in range(12)])
    assert {c["people"]["totalCount"] for c in counts} == {20000}
    assert len(await _ndjson(api, "people.ndjson", {"fields": "email"})) == 20000


MOMENTS = ["2024-01-01 00:00:00+00", "2024-01-01 00:00:00.1+00", "2024-01-01 00:00:00.000001+00",
           "2024-01-01 00:00:00.12345+00", "2024-01-01 00:00:00.123456+00", "0001-01-01 00:00:00.5+00",
           "9999-12-31 23:59:59.999999+00", "2024-06-30 22:30:00.654321-07", "2024-02-29 12:00:00.00001+00"]
DAYS = ["2026-03-31", "1999-12-31", "2024-02-29"]
EXTREME_DAYS = ["0001-01-01", "9999-12-31", "0044-03-15 BC", "10000-01-01", "2024-02-29"]


@pytest.mark.parametrize("datestyle", [None, "SQL, DMY", "German"])
async def test_dates_and_datetimes_are_written_alike_in_any_date_style(api, monkeypatch, datestyle):
    """PostgreSQL writes most dates and datetimes from their text output, the others (and
    all of them in a session with another date style) with `to_char`: the same strings."""
    from crm_graphql.db import connection
    from crm_graphql.query import copyout

    if connection().capabilities.dialect != "postgres":
        pytest.skip("the date style is PostgreSQL's")
    if datestyle:
        monkeypatch.setattr(copyout, "EXPORT_SETTINGS", {**copyout.EXPORT_SETTINGS, "DateStyle": f"'{datestyle}'"})
    for i, moment in enumerate(MOMENTS):
        await create(api, ACCOUNT, name=f"A{i}", contractEndDate=DAYS[i % len(DAYS)])
        await connection().execute_query("UPDATE account SET created_at = $1::text::timestamptz WHERE name = $2",
                                         [moment, f"A{i}"])
    columns = ["id", "name", "contractEndDate", "createdAt", "updatedAt"]
    expected = await _graphql_rows(api, "accounts", "AccountFilter", "AccountOrder", columns, None, None)
    assert {r["createdAt"] for r in expected} >= {"2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00.100000+00:00",
                                                 "0001-01-01T00:00:00.500000+00:00", "2024-07-01T05:30:00.654321+00:00"}
    assert await _ndjson(api, "accounts.ndjson", {"fields": ",".join(columns)}) == expected
    _assert_csv_equal(await _csv(api, "accounts.csv", {"fields": ",".join(columns)}), expected)

    # Dates and datetimes GraphQL cannot even read (other eras, five-digit years), straight
    # from SQL: the fast expressions equal `to_char`'s in this session's date style.
    from crm_graphql.query.rendering import _iso_date_fast, _iso_datetime, _iso_datetime_fast

    async with connection().acquire_connection() as conn:
        if datestyle:
            await conn.execute(f"SET DateStyle = '{datestyle}'")
        for day in EXTREME_DAYS:
            fast, slow = await conn.fetchrow(
                f"SELECT {_iso_date_fast('$1::text::date')}, to_char($1::text::date, 'YYYY-MM-DD')", day)
            assert fast == slow, day
        for moment in MOMENTS + ["0044-03-15 12:00:00.5+00 BC", "10000-01-01 00:00:00.123456+00"]:
            fast, slow = await conn.fetchrow(
                f"SELECT {_iso_datetime_fast('$1::text::timestamptz')}, {_iso_datetime('$1::text::timestamptz', 'postgres')}",
                moment)
            assert fast == slow, moment
        await conn.execute("RESET DateStyle")
