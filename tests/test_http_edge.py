"""The HTTP edge and values checked where they enter: every example of issue 15 gets its
documented code (or the right data), on every route, and writes nothing."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import httpx
import pytest

from crm_graphql.app import create_app
from crm_graphql.graphql.persisted import read_documents_file, register_documents, sha256_hex
from crm_graphql.models import Role

from .helpers import ACCOUNT, count, create

HUGE_ID = "Account:99999999999999999999".encode().hex()
OVERFLOWING = "9999-12-31T23:59:59-05:00"


def _code(response: httpx.Response) -> tuple[int, str | None, str | None]:
    error = response.json()["errors"][0]
    return response.status_code, error["extensions"].get("code"), error["extensions"].get("field")


def _auth(api, token: str | None = None) -> dict:
    return {"Authorization": f"Bearer {token or api.token}"}


# -- global IDs beyond 64 bits --------------------------------------------------------


@pytest.mark.parametrize("query, variables", [
    ("query($id: ID!) { node(id: $id) { id } }", {}),
    ("query($id: ID!) { account(id: $id) { id } }", {}),
    ("query($id: ID!) { accounts(filter: {id: {eq: $id}}) { totalCount } }", {}),
    ("query($id: ID!) { timeline(recordId: $id) { totalCount } }", {}),
    ("mutation($id: ID!) { updateAccount(id: $id, version: 1, input: {name: \"B\"}) { id } }", {}),
    ("mutation($id: ID!) { deleteAccount(id: $id) }", {}),
])
async def test_an_id_beyond_64_bits_is_a_validation_error(api, query, variables):
    error = await api.error(query, {"id": HUGE_ID, **variables})
    assert error["extensions"]["code"] == "VALIDATION", error


async def test_an_id_beyond_64_bits_is_refused_by_the_attachment_routes(api):
    upload = await api.client.post(f"/attachments?record={HUGE_ID}", headers=_auth(api),
                                   files={"file": ("a.txt", b"a", "text/plain")})
    assert _code(upload) == (400, "VALIDATION", "record")
    download = await api.client.get(f"/attachments/{HUGE_ID}", headers=_auth(api))
    assert _code(download)[:2] == (400, "VALIDATION")


# -- datetimes, decimals, integers, strings -------------------------------------------


async def test_a_datetime_that_overflows_in_utc_is_refused_in_filters_and_writes(api):
    error = await api.error("query($t: DateTime!) { accounts(filter: {createdAt: {gt: $t}}) { totalCount } }",
                            {"t": OVERFLOWING})
    assert error["extensions"]["code"] == "VALIDATION", error
    error = await api.error(f'{{ accounts(filter: {{createdAt: {{gt: "{OVERFLOWING}"}}}}) {{ totalCount }} }}')
    assert error["extensions"]["code"] == "VALIDATION", error
    account = await create(api, ACCOUNT, name="Acme")
    error = await api.error(
        "mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }",
        {"input": {"kind": "CALL", "subject": "call", "accountId": account["id"], "occurredAt": OVERFLOWING}})
    assert error["extensions"]["code"] == "VALIDATION", error
    assert await count(api, "activities") == 0


@pytest.mark.parametrize("amount", ["1e131072", "-1e131072", "1e-131072", "NaN", "Infinity"])
async def test_a_number_out_of_range_is_refused_not_compared(api, amount):
    await create(api, ACCOUNT, name="Acme", annualRevenue="1000.00")
    for operator in ("gt", "lt"):
        error = await api.error(f'{{ accounts(filter: {{annualRevenue: {{{operator}: "{amount}"}}}}) {{ totalCount }} }}')
        assert error["extensions"]["code"] == "VALIDATION", error


async def test_a_nul_character_is_refused_in_variables_literals_and_search(api):
    error = await api.error(ACCOUNT, {"input": {"name": "a\x00b"}})
    assert error["extensions"]["code"] == "VALIDATION", error
    error = await api.error('mutation { createAccount(input: {name: "a\\u0000b"}) { id } }')
    assert error["extensions"]["code"] == "VALIDATION", error
    error = await api.error('{ accounts(search: "a\\u0000") { totalCount } }')
    assert error["extensions"]["code"] == "VALIDATION", error
    assert await count(api, "accounts") == 0


async def test_an_over_long_string_is_refused(api):
    error = await api.error(ACCOUNT, {"input": {"name": "x" * 10_001}})
    assert error["extensions"]["code"] == "VALIDATION", error
    assert await count(api, "accounts") == 0


async def test_a_write_names_every_invalid_field_at_once(api):
    error = await api.error(ACCOUNT, {"input": {"name": "Acme", "website": "not a url", "annualRevenue": "1e20",
                                                "ownerId": "zz"}})
    assert error["extensions"]["code"] == "VALIDATION"
    assert {item["field"] for item in error["extensions"]["fields"]} == {"website", "annualRevenue", "ownerId"}
    assert error["extensions"]["field"] == error["extensions"]["fields"][0]["field"]
    assert await count(api, "accounts") == 0


async def test_a_plugin_text_field_has_the_documented_maximum_length(api, app):
    notes = {"name": "account-notes", "fields": [{"entity": "Account", "name": "notes", "type": "text",
                                                  "labels": {"en": "Notes"}}]}
    registered = await api.post("mutation($d: JSON!) { registerPlugin(definition: $d) { name } }", {"d": notes})
    assert "errors" not in registered.json(), registered.text
    await app.state.service.reload()
    error = await api.error(ACCOUNT, {"input": {"name": "Acme", "notes": "x" * 10_001}})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("VALIDATION", "notes")
    error = await api.error(ACCOUNT, {"input": {"name": "Acme", "notes": "a\x00"}})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("VALIDATION", "notes")
    assert await count(api, "accounts") == 0
    await create(api, ACCOUNT, name="Acme", notes="x" * 10_000)


# -- request bodies ------------------------------------------------------------------


@pytest.mark.parametrize("body", [b'"hello"', b"42", b"null", b"[]", b'{"query": ', b"\xff\xfe"])
async def test_a_body_that_is_not_a_json_object_gets_a_coded_400(api, body):
    response = await api.client.post("/graphql", content=body,
                                     headers={**_auth(api), "Content-Type": "application/json"})
    assert _code(response)[:2] == (400, "BAD_REQUEST")
    assert response.headers["content-type"].startswith("application/json")


async def test_a_chunked_body_over_the_limit_is_refused_and_nothing_is_stored(api):
    async def chunks():
        yield b'{"query": "mutation { createAccount(input: {name: \\"'
        for _ in range(300):
            yield b"x" * 1000
        yield b'\\"}) { id } }"}'

    response = await api.client.post("/graphql", content=chunks(),
                                     headers={**_auth(api), "Content-Type": "application/json"})
    assert _code(response)[:2] == (413, "LIMIT_EXCEEDED")
    assert await count(api, "accounts") == 0


async def test_several_operations_without_an_operation_name_are_refused(api):
    document = 'query Read { accounts { totalCount } } mutation Write { createAccount(input: {name: "A"}) { id } }'
    response = await api.client.post("/graphql", json={"query": document}, headers=_auth(api))
    body = response.json()
    assert body["errors"][0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED", "field": "operationName"}
    assert await count(api, "accounts") == 0
    named = await api.client.post("/graphql", json={"query": document, "operationName": "Write"}, headers=_auth(api))
    assert "errors" not in named.json()
    assert await count(api, "accounts") == 1


async def test_a_code_generator_sha256_id_is_accepted(api, app):
    query = "{ accounts { totalCount } }"
    hash_ = "sha256:" + sha256_hex(query)
    first = await api.client.post("/graphql", headers=_auth(api), json={
        "query": query, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": hash_}}})
    assert first.json() == {"data": {"accounts": {"totalCount": 0}}}
    again = await api.client.post("/graphql", headers=_auth(api), json={
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": hash_}}})
    assert again.json() == {"data": {"accounts": {"totalCount": 0}}}
    unknown = await api.client.get("/graphql", params={"documentId": "sha256:" + "f" * 64}, headers=_auth(api))
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    # A GraphQL Code Generator file registered with the CLI keeps its `sha256:<hex>` ids.
    other = "{ me { email } }"
    code_generator_id = "sha256:" + sha256_hex(other)
    await register_documents(app.state.service, read_documents_file(json.dumps({code_generator_id: other}), "f"), "web")
    for body in ({"documentId": code_generator_id},
                 {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": code_generator_id}}}):
        served = await api.client.post("/graphql", headers=_auth(api), json=body)
        assert served.json() == {"data": {"me": {"email": "admin@example.com"}}}, (body, served.text)
    too_long = await api.client.post("/graphql", headers=_auth(api), json={
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "f" * 5000}}})
    assert too_long.json()["errors"][0]["extensions"]["code"] == "VALIDATION"


# -- GraphQL over HTTP ---------------------------------------------------------------

GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.mark.parametrize("query", ["{ accounts { ", "{ noSuchField }", "query($id: ID!) { node(id: $id) { id } }"])
async def test_request_errors_are_400_without_data_for_graphql_response_json(api, query):
    response = await api.client.post("/graphql", json={"query": query},
                                     headers={**_auth(api), "Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in response.json()
    legacy = await api.client.post("/graphql", json={"query": query},
                                   headers={**_auth(api), "Accept": "application/json"})
    assert legacy.status_code == 200
    assert legacy.headers["content-type"].startswith("application/json")


async def test_execution_errors_keep_200_and_data_for_graphql_response_json(api):
    response = await api.client.post("/graphql", json={"query": "{ me { email } }"},
                                     headers={**_auth(api), "Accept": GRAPHQL_RESPONSE})
    assert (response.status_code, response.json()) == (200, {"data": {"me": {"email": "admin@example.com"}}})
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)


# -- exports -------------------------------------------------------------------------


@pytest.mark.parametrize("params, field", [
    ({"filter": json.dumps({"employeeCount": {"gt": 9999999999}})}, "filter.employeeCount.gt"),
    ({"filter": json.dumps({"annualRevenue": {"gt": "1e131072"}})}, "filter.annualRevenue.gt"),
    ({"filter": json.dumps({"createdAt": {"gt": OVERFLOWING}})}, "filter.createdAt.gt"),
    ({"filter": json.dumps({"id": {"eq": HUGE_ID}})}, "filter.id.eq"),
    ({"search": "a\x00"}, "search"),
    ({"filter": json.dumps({"name": {"eq": "a\x00"}})}, "filter"),
])
async def test_an_export_refuses_bad_parameters_before_its_first_byte(api, params, field):
    await create(api, ACCOUNT, name="Acme")
    response = await api.client.get("/export/accounts.csv", params=params, headers=_auth(api))
    status, code, at = _code(response)
    assert (status, code) == (400, "VALIDATION")
    assert at.startswith(field)


@pytest.mark.parametrize("format", ["csv", "ndjson"])
async def test_audit_entries_export_on_both_databases(api, format):
    await create(api, ACCOUNT, name="Acme")
    response = await api.client.get(f"/export/auditEntries.{format}", headers=_auth(api))
    assert response.status_code == 200, response.text
    if format == "ndjson":
        [entry] = [json.loads(line) for line in response.text.splitlines()]
    else:
        [entry] = list(csv.DictReader(io.StringIO(response.text)))
        entry["changes"] = json.loads(entry["changes"])
    assert (entry["action"], entry["changes"]["name"]) == ("create", [None, "Acme"])


async def test_every_entity_exports(api, app):
    for entity in app.state.service.current.catalog:
        for format in ("csv", "ndjson"):
            response = await api.client.get(f"/export/{entity.plural}.{format}", headers=_auth(api))
            assert response.status_code == 200, (entity.plural, response.text)


# -- routes --------------------------------------------------------------------------


@pytest.mark.parametrize("method, path", [
    ("GET", "/export/accounts.csv"), ("POST", "/attachments?record=x"), ("GET", "/attachments/x"),
    ("GET", "/schema.graphql"), ("POST", "/graphql"), ("GET", "/no/such/route"),
])
async def test_every_route_answers_a_missing_token_alike(api, method, path):
    response = await api.client.request(method, path)
    assert _code(response) == (401, "UNAUTHENTICATED", None)
    assert response.headers["www-authenticate"] == "Bearer"


async def test_an_unknown_route_and_a_wrong_method_get_coded_json(api):
    missing = await api.client.get("/no/such/route", headers=_auth(api))
    assert _code(missing)[:2] == (404, "NOT_FOUND")
    wrong = await api.client.delete("/graphql", headers=_auth(api))
    assert _code(wrong)[:2] == (405, "METHOD_NOT_ALLOWED")


async def test_the_schema_file_follows_the_introspection_switch(api, settings):
    closed = create_app(replace(settings, introspection=False))
    await closed.state.service.reload()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=closed), base_url="http://test") as client:
        response = await client.get("/schema.graphql", headers=_auth(api))
        assert _code(response)[:2] == (403, "FORBIDDEN")
        introspection = await client.post("/graphql", json={"query": "{ __schema { types { name } } }"},
                                          headers=_auth(api))
        assert "errors" in introspection.json()


async def test_a_sales_user_gets_the_same_codes(api):
    token = await api.user_token("sam@example.com", Role.SALES)
    error = await api.error("query($id: ID!) { node(id: $id) { id } }", {"id": HUGE_ID}, token=token)
    assert error["extensions"]["code"] == "VALIDATION"
    response = await api.client.get("/export/accounts.csv", headers=_auth(api, token),
                                    params={"filter": json.dumps({"employeeCount": {"gt": 2**40}})})
    assert _code(response)[:2] == (400, "VALIDATION")
