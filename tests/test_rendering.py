"""One value, one rendering: every field type, with values at their edges, read through
the three paths that write values (the resolved GraphQL path, the compiled GraphQL path
and the export as NDJSON and CSV), over HTTP on the database of the run, gives the JSON
value the table says (see `crm_graphql/query/rendering.py`). A computed field has no
export column; a select value that is no longer an option is an error in GraphQL and
written as stored by the export.

Values go in through the API where it takes them, and straight into the database where
it would refuse them (money beyond what a write takes, a select value that is no longer
an option, datetimes the database sets itself).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

import pytest

from crm_graphql.db import connection, dialect_of
from crm_graphql.ids import from_global_id
from crm_graphql.models import Account, Activity, AuditEntry, Person
from crm_graphql.query.custom_values import merge
from crm_graphql.query.sql import SQL, render

from .conftest import another_process
from .helpers import ACCOUNT, STAGE, create

# What a value that is no longer an option reads as: null with an INVALID_STORED_VALUE error
# in GraphQL; the export writes it as stored (it has no error to give).
INVALID = object()
# The reader's own ID, and the record's ID.
ME, SELF = object(), object()

# Plugin fields of the types the bundled plugins do not have.
RENDER_PLUGIN = {
    "name": "render-edges",
    "fields": [
        {"entity": "Account", "name": "note", "type": "text", "labels": {"en": "Note"}},
        {"entity": "Account", "name": "contactEmail", "type": "email", "labels": {"en": "Contact email"}},
        {"entity": "Account", "name": "homepage", "type": "url", "labels": {"en": "Homepage"}},
        {"entity": "Account", "name": "signedAt", "type": "datetime", "labels": {"en": "Signed at"}},
    ],
}
REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name } }"

UNICODE = 'é ß 中文 😀 \u2028\u2029 \x01\x07\x1b\x1f\x7f tab\t line\nbreak "quoted" back\\slash'


@dataclass(frozen=True)
class Case:
    """A value of `field` on a record of `entity`: written through the API (`api`) or
    straight into its column or plugin key (`stored`); `expected` is the API's JSON."""

    entity: str
    field: str
    expected: Any
    api: Any = None
    stored: Any = None
    # Other values the record is made with (a computed field's inputs).
    inputs: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        value = self.stored if self.stored is not None else self.api if self.api is not None else self.inputs
        return f"{self.entity}.{self.field}={value!r}"[:80]


CASES = [
    # -- global IDs and references --
    Case("Account", "id", SELF),
    Case("Account", "owner", ME),
    Case("Account", "territory", None),
    # -- text (core and plugin), email, url --
    Case("Account", "name", UNICODE, api=UNICODE),
    Case("Account", "note", UNICODE, api=UNICODE),
    Case("Account", "note", "", api=""),
    Case("Account", "note", None),
    Case("Account", "website", "https://例え.jp/😀?q=1&r=\"2\"", api="https://例え.jp/😀?q=1&r=\"2\""),
    Case("Account", "homepage", "https://example.com/a,b", api="https://example.com/a,b"),
    Case("Account", "contactEmail", "o'hara+x@example.com", api="o'hara+x@example.com"),
    # -- integers (core and plugin) --
    Case("Account", "employeeCount", 0, api=0),
    Case("Account", "employeeCount", -2147483648, api=-2147483648),
    Case("Account", "intentScore", 2147483647, api=2147483647),
    Case("Account", "intentScore", -1, api=-1),
    # -- floats: 17 significant digits, whole floats, tiny and huge --
    Case("Account", "engagementScore", 0.1 + 0.2, api=0.1 + 0.2),
    Case("Account", "engagementScore", 1 / 3, api=1 / 3),
    Case("Account", "engagementScore", -2 / 3, api=-2 / 3),
    Case("Account", "engagementScore", 2.0, api=2.0),
    Case("Account", "engagementScore", -7.0, api=-7.0),
    Case("Account", "engagementScore", 1e15, api=1e15),
    Case("Account", "engagementScore", 1e16, api=1e16),
    Case("Account", "engagementScore", 123456789.125, api=123456789.125),
    Case("Account", "engagementScore", 1e-7, api=1e-7),
    Case("Account", "engagementScore", 1.2345678901234567e37, api=1.2345678901234567e37),
    # -- money (core DECIMAL(18, 2) and plugin decimal text) --
    Case("Account", "annualRevenue", "-99999999999999.99", api="-99999999999999.99"),
    Case("Account", "annualRevenue", "9999999999999999.99", api="9999999999999999.99"),
    Case("Account", "annualRevenue", "0.10", api="0.1"),
    Case("Account", "reportedRevenue", "-99999999999999.99", api="-99999999999999.99"),
    Case("Account", "reportedRevenue", "0.10", api="0.10"),
    Case("Account", "reportedRevenue", "12345678901234567890.12", stored="12345678901234567890.12"),
    Case("Account", "reportedRevenue", "-0.01", stored="-0.01"),
    # -- booleans (core and plugin) --
    Case("Account", "abmTarget", True, api=True),
    Case("Account", "abmTarget", False, api=False),
    Case("Activity", "done", True, api=True),
    Case("Activity", "done", False, api=False),
    # -- dates and datetimes (core and plugin), with and without microseconds --
    Case("Account", "contractEndDate", "2024-02-29", api="2024-02-29"),
    Case("Account", "contractEndDate", "9999-12-31", api="9999-12-31"),
    Case("Account", "contractEndDate", "0001-01-01", api="0001-01-01"),
    Case("Account", "contractEndDate", "0999-05-01", api="0999-05-01"),
    Case("Activity", "occurredAt", "0999-05-01T00:00:00.000100+00:00", api="0999-05-01T00:00:00.0001Z"),
    Case("Account", "lastEngagedOn", "2000-01-01", api="2000-01-01"),
    Case("Account", "lastEngagedOn", "9999-12-31", api="9999-12-31"),
    Case("Account", "signedAt", "2025-01-02T03:04:05.123456+00:00", api="2025-01-02T03:04:05.123456+00:00"),
    Case("Account", "signedAt", "2025-01-02T03:04:05+00:00", api="2025-01-02T03:04:05Z"),
    Case("Account", "signedAt", "2025-01-02T03:04:05.500000+00:00", api="2025-01-02T05:04:05.5+02:00"),
    Case("Account", "createdAt", "2025-06-30T23:59:59.000001+00:00",
         stored=datetime(2025, 6, 30, 23, 59, 59, 1, tzinfo=timezone.utc)),
    Case("Account", "createdAt", "2025-06-30T23:59:59+00:00",
         stored=datetime(2025, 6, 30, 23, 59, 59, tzinfo=timezone.utc)),
    Case("Activity", "occurredAt", "1999-12-31T22:00:00.120000+00:00", api="2000-01-01T00:00:00.12+02:00"),
    Case("Activity", "occurredAt", "9999-12-31T23:59:59.999999+00:00", api="9999-12-31T23:59:59.999999Z"),
    Case("Activity", "occurredAt", "0001-01-01T00:00:00+00:00", api="0001-01-01T00:00:00Z"),
    # -- selects and multi-selects (core and plugin), values that are no longer options --
    Case("Account", "tier", "GOLD", api="GOLD"),
    Case("Account", "tier", INVALID, stored="PLATINUM"),
    Case("Account", "billingStage", INVALID, stored="NO_SUCH_STAGE"),
    Case("Person", "interests", [], api=[]),
    Case("Person", "interests", ["EVENTS", "WEBINARS"], api=["EVENTS", "WEBINARS"]),
    Case("Person", "interests", INVALID, stored=["EVENTS", "GONE"]),
    # -- computed (GraphQL only: the export has no computed columns): a stage of 33% --
    Case("Opportunity", "weightedAmount", "330.17", inputs={"amount": "1000.50"}),
    Case("Opportunity", "weightedAmount", "-330.17", inputs={"amount": "-1000.50"}),
    Case("Opportunity", "weightedAmount", "3299999999999999.99", inputs={"amount": "9999999999999999.97"}),
    Case("Opportunity", "weightedAmount", "0.00", inputs={"amount": "0.01"}),
    Case("Opportunity", "weightedAmount", "0.00", inputs={"amount": "-0.01"}),
    Case("Opportunity", "weightedAmount", "0.50", inputs={"amount": "1.50"}),
    Case("Opportunity", "weightedAmount", "-0.50", inputs={"amount": "-1.50"}),
    Case("Opportunity", "weightedAmount", None),
    # -- JSON --
    # (Not 1e16: PostgreSQL's jsonb keeps it as the number 10000000000000000, on every path.)
    Case("AuditEntry", "changes", {"é😀\u2028": [0.1 + 0.2, 2.0, None, True, "\x01 \"x\""], "n": -1.5, "e": {}},
         stored={"é😀\u2028": [0.1 + 0.2, 2.0, None, True, "\x01 \"x\""], "n": -1.5, "e": {}}),
]

MODELS = {"Account": Account, "Activity": Activity, "Person": Person, "AuditEntry": AuditEntry}
SINGULAR = {"Account": "account", "Activity": "activity", "Person": "person", "AuditEntry": "auditEntry",
            "Opportunity": "opportunity"}
PLURAL = {"Account": "accounts", "Activity": "activities", "Person": "people", "AuditEntry": "auditEntries"}
CREATE = {
    "Account": ("createAccount", "CreateAccountInput", lambda i, _: {"name": f"case {i}"}),
    "Activity": ("createActivity", "CreateActivityInput",
                 lambda i, ids: {"kind": "CALL", "subject": f"case {i}", "accountId": ids["account"]}),
    "Person": ("createPerson", "CreatePersonInput", lambda i, _: {"email": f"case{i}@example.com"}),
    "Opportunity": ("createOpportunity", "CreateOpportunityInput",
                    lambda i, ids: {"name": f"case {i}", "accountId": ids["account"], "stageId": ids["stage"]}),
}
REFERENCES = ("owner", "territory")


@pytest.fixture
async def world(api, app, settings):
    """Every case's record, and a development-mode process (whose answers say which path
    gave them) to read them through."""
    await api.gql(REGISTER, {"d": RENDER_PLUGIN})
    me = (await api.gql("{ me { id } }"))["me"]["id"]
    catalog = app.state.service.current.catalog
    dialect = dialect_of(settings.database_url)
    others = {"account": (await create(api, ACCOUNT, name="Activities' account"))["id"],
              "stage": (await create(api, STAGE, name="Proposal", position=1, probability=33))["id"]}
    ids = []
    for i, case in enumerate(CASES):
        if case.entity == "AuditEntry":
            await create(api, ACCOUNT, name=f"audited {i}")
            entry = await AuditEntry.filter(entity="Account").order_by("-id").first()
            pk = entry.id
        else:
            mutation, input_type, base = CREATE[case.entity]
            values = {**base(i, others), **case.inputs}
            if case.api is not None:
                values[case.field] = case.api
            record = await create(api, f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ id }} }}",
                                  **values)
            _, pk = from_global_id(record["id"])
        if case.stored is not None:
            entity = catalog[case.entity]
            target = entity.field_named(case.field)
            if target.is_custom:
                await merge(entity, pk, {target.key: case.stored}, dialect)
            elif isinstance(case.stored, str):  # no model check: a value its enum does not have
                text, args = render(SQL(f'UPDATE "{entity.table}" SET "{target.column}" = ? WHERE id = ?',
                                        [case.stored, pk]), dialect)
                await connection().execute_query(text, args)
            else:
                await MODELS[case.entity].filter(id=pk).update(**{target.column: case.stored})
        ids.append(_global_id(case.entity, pk))
    async with another_process(replace(settings, development=True), api.token) as (developer, _):
        yield developer, me, ids


def _global_id(key: str, pk: int) -> str:
    """The README's global ID: the hex of `Key:pk`."""
    return f"{key}:{pk}".encode().hex()


async def test_every_path_writes_the_value_the_table_gives(world):
    developer, me, ids = world
    problems = []
    for case, id in zip(CASES, ids):
        expected = me if case.expected is ME else id if case.expected is SELF else case.expected
        try:
            await _check(developer, case, id, expected)
        except AssertionError as error:
            problems.append(f"{case.id}: {error}")
    assert not problems, "\n".join(problems)


async def _check(developer, case: Case, id: str, expected: Any) -> None:
    compiled = await _graphql(developer, case, id, resolved=False)
    resolved = await _graphql(developer, case, id, resolved=True)
    exported = case.entity in PLURAL
    ndjson, cell = await _export(developer, case, id) if exported else (None, "")

    if expected is INVALID:
        # Null, and so is the record where the field is non-null (`billingStage`).
        assert resolved["data"] in ({"r": {"v": None}}, {"r": None}), resolved
        [error] = resolved["errors"]
        assert error["extensions"]["code"] == "INVALID_STORED_VALUE", error
        assert error["path"][:2] == ["r", "v"], error  # a multi-select's: its item's
        # The compiled statement finds the value and hands the answer to the resolved path.
        assert (compiled["data"], compiled["errors"]) == (resolved["data"], resolved["errors"]), compiled
        assert compiled["extensions"]["readPath"]["path"] == "resolved", compiled["extensions"]
        assert "cannot give" in compiled["extensions"]["readPath"]["reason"], compiled["extensions"]
        stored = _typed(case.stored)
        assert (ndjson, _csv_value(cell, case.stored)) == (stored, stored), f"export: {ndjson!r}, {cell!r}"
        return

    assert "errors" not in resolved and "errors" not in compiled, (resolved, compiled)
    assert compiled["extensions"]["readPath"]["path"] == "compiled", compiled["extensions"]
    want = _typed(expected)
    got = {"resolved": resolved["data"]["r"]["v"], "compiled": compiled["data"]["r"]["v"]}
    if exported:
        got |= {"ndjson": ndjson, "csv": _csv_value(cell, expected)}
    assert got == dict.fromkeys(got, want), f"want {want!r}, got {got!r} (csv cell {cell!r})"


# -- the three paths ----------------------------------------------------------------------


async def _graphql(developer, case: Case, id: str, *, resolved: bool) -> dict:
    selection = f"v: {case.field} {{ id }}" if case.field in REFERENCES else f"v: {case.field}"
    query = f"query($id: ID!) {{ r: {SINGULAR[case.entity]}(id: $id) {{ {selection} }} }}"
    extensions = {"explain": True, **({"readPath": "resolved"} if resolved else {})}
    response = await developer.client.post("/graphql", json={"query": query, "variables": {"id": id},
                                                             "extensions": extensions},
                                           headers={"Authorization": f"Bearer {developer.token}"})
    assert response.status_code == 200, response.text
    body = _parse(response.text)
    if case.field in REFERENCES and body.get("data") and body["data"]["r"]["v"] is not None:
        body["data"]["r"]["v"] = body["data"]["r"]["v"]["id"]
    return body


async def _export(developer, case: Case, id: str) -> tuple[Any, str]:
    """The value in the NDJSON export (parsed) and in the CSV export (its cell's text)."""
    column = f"{case.field}Id" if case.field in REFERENCES else case.field
    # With the ID first: a CSV line of one empty cell is an empty line.
    params = {"fields": f"id,{column}" if column != "id" else "id", "filter": json.dumps({"id": {"eq": id}})}
    headers = {"Authorization": f"Bearer {developer.token}"}
    values = []
    for format in ("ndjson", "csv"):
        response = await developer.client.get(f"/export/{PLURAL[case.entity]}.{format}?{urlencode(params)}",
                                              headers=headers)
        assert response.status_code == 200, response.text
        values.append(response.content.decode())
    ndjson, text = values
    [line] = [line for line in ndjson.split("\n") if line]
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    assert header[-1] == column
    return _parse(line)[column], row[-1]


def _csv_value(cell: str, expected: Any) -> Any:
    """A CSV cell read as a BI tool that knows the column's type reads it: text as it is,
    nulls empty, booleans `true`/`false`, numbers, arrays and objects as JSON text."""
    if isinstance(expected, str):
        return cell
    if cell == "":
        return None
    return _parse(cell)


def _parse(text: str) -> Any:
    """JSON with its floats apart from its integers (2.0 is not 2)."""
    return json.loads(text, parse_float=lambda number: ("float", float(number)))


def _typed(value: Any) -> Any:
    """An expected value as `_parse` reads it."""
    if isinstance(value, float):
        return ("float", value)
    if isinstance(value, list):
        return [_typed(item) for item in value]
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    return value
