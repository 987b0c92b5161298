"""Persisted documents over HTTP: Apollo's automatic persisted queries, and trusted
documents registered in advance with `crm-graphql documents register`."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from crm_graphql.models import PersistedDocument, Role

from .conftest import Api, another_process

ADMIN_ME = {"data": {"me": {"email": "admin@example.com"}}}
NOT_FOUND = {"data": None, "errors": [{"message": "PersistedQueryNotFound",
                                       "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}]}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def apq(hash_: str) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": hash_}}


@pytest.fixture
def me(request) -> str:
    """`query Me { me { email } }` with a comment naming the test: the session's app keeps
    the documents it has seen, and the tables are emptied between tests behind its back."""
    return f"query Me {{ me {{ email }} }}  # {request.node.name}"


async def send(api: Api, body: dict, token: str | None = None) -> dict:
    """POST a raw request body (clients that send an id send no `query` at all)."""
    response = await api.client.post("/graphql", json=body, headers={"Authorization": f"Bearer {token or api.token}"})
    assert response.status_code == 200, response.text
    return response.json()


async def cli(settings, *args: str) -> tuple[int, str]:
    """Run `crm-graphql ARGS` against the test database; its exit code and output."""
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("crm-graphql")), *args,
        env={**os.environ, "DATABASE_URL": settings.database_url},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await process.communicate()
    return process.returncode, output.decode()


# -- automatic persisted queries (Apollo Client) ---------------------------------------


async def test_apollo_flow_unknown_hash_then_register_then_hash_only(api, me):
    assert await send(api, {"extensions": apq(sha256(me))}) == NOT_FOUND

    assert await send(api, {"query": me, "extensions": apq(sha256(me))}) == ADMIN_ME

    assert await send(api, {"extensions": apq(sha256(me)), "operationName": "Me"}) == ADMIN_ME
    stored = await PersistedDocument.get(document_id=sha256(me))
    assert (stored.document, stored.sha256, stored.trusted) == (me, sha256(me), False)


async def test_a_wrong_hash_is_refused_and_nothing_is_stored(api, me):
    wrong = hashlib.sha256(b"{ me { id } }").hexdigest()
    body = await send(api, {"query": me, "extensions": apq(wrong)})
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert sha256(me) in body["errors"][0]["message"]
    assert await PersistedDocument.all().count() == 0
    assert await send(api, {"extensions": apq(wrong)}) == NOT_FOUND


async def test_an_invalid_document_is_answered_with_its_errors_and_not_stored(api, me):
    broken = "query { me { noSuchField } }"
    body = await send(api, {"query": broken, "extensions": apq(hashlib.sha256(broken.encode()).hexdigest())})
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "noSuchField" in body["errors"][0]["message"]
    assert await PersistedDocument.all().count() == 0


async def test_variables_go_with_a_hash(api, me):
    query = "query One($id: ID!) { node(id: $id) { id } }"
    sha256 = hashlib.sha256(query.encode()).hexdigest()
    me = (await api.gql("{ me { id } }"))["me"]["id"]
    await send(api, {"query": query, "variables": {"id": me}, "extensions": apq(sha256)})
    body = await send(api, {"variables": {"id": me}, "extensions": apq(sha256)})
    assert body == {"data": {"node": {"id": me}}}


async def test_a_known_hash_costs_no_statement_after_its_first_use(api, sql_log, me):
    await send(api, {"query": me, "extensions": apq(sha256(me))})
    sql_log.statements.clear()
    assert await send(api, {"extensions": apq(sha256(me))}) == ADMIN_ME
    assert [s for s in sql_log.statements if "persisted_document" in s] == []


async def test_apq_over_get_as_apollo_sends_hashed_queries(api, me):
    params = {"operationName": "Me", "variables": "{}", "extensions": json.dumps(apq(sha256(me)))}
    headers = {"Authorization": f"Bearer {api.token}", "Accept": "*/*"}
    first = await api.client.get("/graphql", params=params, headers=headers)
    assert first.json() == NOT_FOUND  # JSON, not the GraphiQL page
    await send(api, {"query": me, "extensions": apq(sha256(me))})
    again = await api.client.get("/graphql", params=params, headers=headers)
    assert again.json() == ADMIN_ME


async def test_a_document_one_process_stored_runs_in_another(api, settings, me):
    async with another_process(settings, api.token) as (other, _):
        assert await send(other, {"extensions": apq(sha256(me))}) == NOT_FOUND
        assert await send(api, {"query": me, "extensions": apq(sha256(me))}) == ADMIN_ME
        assert await send(other, {"extensions": apq(sha256(me))}) == ADMIN_ME


async def test_with_persisted_documents_off_a_hash_alone_is_not_supported(api, settings, me):
    async with another_process(replace(settings, persisted_documents="off"), api.token) as (off, _):
        body = await send(off, {"extensions": apq(sha256(me))})
        assert body["errors"] == [{"message": "PersistedQueryNotSupported",
                                   "extensions": {"code": "PERSISTED_QUERY_NOT_SUPPORTED"}}]
        assert await send(off, {"query": me, "extensions": apq(sha256(me))}) == ADMIN_ME
    assert await PersistedDocument.all().count() == 0


# -- trusted documents -----------------------------------------------------------------

RELAY_ID = "5f0e4d0c7d1b3a7c2e9f8a6b4c3d2e1f"
ROLE = "query MyRole { me { role } }"
ROLE_HASH = sha256(ROLE)


@pytest.fixture
async def trusted(api, settings):
    """The app in trusted-documents mode (outside development) and a sales user's token."""
    sales = await api.user_token("sales@example.com", Role.SALES)
    async with another_process(replace(settings, persisted_documents="trusted"), sales) as (client, application):
        yield client, application


async def register(settings, tmp_path, documents: dict, client: str = "web") -> tuple[int, str]:
    file = tmp_path / "persisted-documents.json"
    file.write_text(json.dumps(documents))
    return await cli(settings, "documents", "register", str(file), "--client", client)


async def test_trusted_mode_refuses_documents_nobody_registered(trusted, me):
    client, _ = trusted
    body = await send(client, {"query": me})
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
    assert await send(client, {"extensions": apq(sha256(me))}) == NOT_FOUND
    retry = await send(client, {"query": me, "extensions": apq(sha256(me))})  # Apollo's retry may not register
    assert retry["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
    assert await PersistedDocument.all().count() == 0


async def test_documents_registered_by_the_cli_run_by_relay_id_and_by_hash(trusted, settings, tmp_path, me):
    client, _ = trusted
    code, output = await register(settings, tmp_path, {RELAY_ID: me, ROLE_HASH: ROLE})
    assert code == 0, output
    assert "registered 2 document(s)" in output
    sales_me = {"data": {"me": {"email": "sales@example.com"}}}

    assert await send(client, {"doc_id": RELAY_ID, "variables": {}}) == sales_me
    assert await send(client, {"documentId": RELAY_ID}) == sales_me
    assert await send(client, {"extensions": apq(sha256(me))}) == sales_me  # the hash of its text works too
    assert await send(client, {"extensions": apq(ROLE_HASH)}) == {"data": {"me": {"role": "SALES"}}}
    by_get = await client.client.get("/graphql", params={"doc_id": RELAY_ID},
                                     headers={"Authorization": f"Bearer {client.token}", "Accept": "*/*"})
    assert by_get.json() == sales_me
    unknown = await send(client, {"doc_id": "no-such-id"})
    assert unknown["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"

    code, output = await cli(settings, "documents", "list")
    assert f"{RELAY_ID}\tweb\tquery Me" in output and f"{ROLE_HASH}\tweb\tquery MyRole" in output


async def test_a_file_with_a_broken_document_stores_nothing(trusted, settings, tmp_path, me):
    client, _ = trusted
    code, output = await register(settings, tmp_path, {RELAY_ID: me, "broken-1": "query { me { salary } }"})
    assert code != 0
    assert "broken-1" in output and "salary" in output
    assert await PersistedDocument.all().count() == 0
    assert (await send(client, {"doc_id": RELAY_ID}))["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_an_id_registered_with_another_document_is_refused(trusted, settings, tmp_path, me):
    assert (await register(settings, tmp_path, {RELAY_ID: me}))[0] == 0
    code, output = await register(settings, tmp_path, {ROLE_HASH: ROLE, RELAY_ID: ROLE})
    assert code != 0 and RELAY_ID in output
    assert [d.document_id for d in await PersistedDocument.all()] == [RELAY_ID]


async def test_documents_clients_stored_by_hash_do_not_run_in_trusted_mode(api, trusted, me):
    client, _ = trusted
    assert await send(api, {"query": me, "extensions": apq(sha256(me))}) == ADMIN_ME  # stored by the APQ process
    assert await send(client, {"extensions": apq(sha256(me))}) == NOT_FOUND


async def test_admins_may_still_send_any_document_in_trusted_mode(api, trusted, me):
    client, _ = trusted
    assert await send(client, {"query": me}, token=api.token) == ADMIN_ME
    assert await send(client, {"query": me, "extensions": apq(sha256(me))}, token=api.token) == ADMIN_ME
    assert await PersistedDocument.all().count() == 0  # run, not registered


async def test_a_removed_document_stops_running_once_the_process_reloads(trusted, settings, tmp_path, me):
    client, application = trusted
    assert (await register(settings, tmp_path, {RELAY_ID: me}))[0] == 0
    assert "data" in await send(client, {"doc_id": RELAY_ID})  # now in the process's cache

    code, output = await cli(settings, "documents", "remove", "--client", "web")
    assert (code, output.strip()) == (0, "removed 1 document(s)")
    service = application.state.service
    assert await service.is_stale()  # what the schema watcher of every process checks
    await service.reload()
    body = await send(client, {"doc_id": RELAY_ID})
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
