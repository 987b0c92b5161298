"""Request limits refused before any record is read, and the audit log of every mutation."""

from __future__ import annotations

import pytest

from .helpers import ACCOUNT, create, stage


def _record_reads(statements: list[str]) -> list[str]:
    """Statements beyond authentication (token and territories)."""
    return [s for s in statements if "api_token" not in s and "user_territory" not in s]


async def test_a_query_too_deep_is_refused_before_any_sql(api, sql_log):
    selection = "id"
    for _ in range(5):
        selection = f"people {{ edges {{ node {{ accounts {{ edges {{ node {{ {selection} }} }} }} }} }} }}"
    sql_log.statements.clear()
    error = await api.error(f"{{ accounts {{ edges {{ node {{ {selection} }} }} }} }}")
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "depth" in error["message"]
    assert _record_reads(sql_log.statements) == []


async def test_too_many_aliases_are_refused(api, sql_log):
    aliases = " ".join(f"a{i}: me {{ id }}" for i in range(31))
    sql_log.statements.clear()
    error = await api.error(f"{{ {aliases} }}")
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "aliases" in error["message"]
    assert _record_reads(sql_log.statements) == []


async def test_a_query_whose_pages_multiply_beyond_the_cost_limit_is_refused(api, sql_log):
    query = """{ accounts(first: 100) { edges { node { id name
        people(first: 100) { edges { node { id email
          opportunities(first: 100) { edges { node { id name } } } } } } } } } }"""
    sql_log.statements.clear()
    error = await api.error(query)
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert error["extensions"]["cost"] > error["extensions"]["maximum"]
    assert _record_reads(sql_log.statements) == []


async def test_a_page_above_the_cap_is_refused(api):
    error = await api.error("{ accounts(first: 101) { totalCount } }")
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("LIMIT_EXCEEDED", "first")


async def test_a_huge_document_is_refused_by_its_size(api):
    response = await api.client.post(
        "/graphql", content=b'{"query": "{ me { id } }", "pad": "' + b"x" * 300_000 + b'"}',
        headers={"Authorization": f"Bearer {api.token}", "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"


async def test_a_client_that_leaves_mid_request_changes_nothing_and_raises_nothing(api, app):
    """A client that disconnects before its body is read (a load balancer's timeout, a
    closed tab): the mutation does not run, no answer is sent and no error escapes the app
    (which the server would log as a traceback)."""
    body = b'{"query": "mutation { createAccount(input: {name: \\"Left\\"}) { id } }"}'
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/graphql", "raw_path": b"/graphql", "query_string": b"",
        "root_path": "", "server": ("test", 80), "client": ("127.0.0.1", 1),
        "headers": [(b"host", b"test"), (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"authorization", f"Bearer {api.token}".encode())],
    }
    messages = iter([{"type": "http.request", "body": body[:20], "more_body": True}, {"type": "http.disconnect"}])
    sent = []

    async def receive():
        return next(messages)

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    assert sent == []
    assert (await api.gql("{ accounts { totalCount } }"))["accounts"]["totalCount"] == 0


async def test_a_document_with_too_many_tokens_is_refused(api):
    fields = " ".join("id" for _ in range(12_000))
    error = await api.error(f"{{ me {{ {fields} }} }}")
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"


async def test_audit_log_records_create_update_and_delete_with_field_changes(api):
    account = await create(api, ACCOUNT, name="Acme", tier="GOLD")
    await api.gql('mutation($id: ID!) { updateAccount(id: $id, version: 1, input: {name: "Acme AG", tier: SILVER}) { id } }',
                  {"id": account["id"]})
    await api.gql('mutation($id: ID!) { deleteAccount(id: $id) }', {"id": account["id"]})

    log = await api.gql("""query($id: ID!) { auditLog(recordId: $id) { totalCount
        edges { node { action entity recordId changes user { email } } } } }""", {"id": account["id"]})
    entries = [edge["node"] for edge in log["auditLog"]["edges"]]
    assert [e["action"] for e in entries] == ["delete", "update", "create"]
    assert all(e["recordId"] == account["id"] and e["user"] == {"email": "admin@example.com"} for e in entries)
    delete, update, create_ = entries
    assert update["changes"] == {"name": ["Acme", "Acme AG"], "tier": ["GOLD", "SILVER"]}
    assert create_["changes"]["name"] == [None, "Acme"] and create_["changes"]["tier"] == [None, "GOLD"]
    assert delete["changes"]["name"] == ["Acme AG", None]


@pytest.mark.parametrize("entity", ["Opportunity", "PipelineStage"])
async def test_every_entity_mutation_is_audited(api, entity):
    won = await stage(api, "Won")
    if entity == "PipelineStage":
        record_id = won["id"]
    else:
        data = await api.gql('mutation($s: ID!) { createOpportunity(input: {name: "Deal", stageId: $s}) { id } }',
                             {"s": won["id"]})
        record_id = data["createOpportunity"]["id"]
    log = await api.gql("query($id: ID!) { auditLog(recordId: $id) { edges { node { action entity } } } }",
                        {"id": record_id})
    assert [edge["node"] for edge in log["auditLog"]["edges"]] == [{"action": "create", "entity": entity}]


async def test_only_admins_read_the_audit_log(api):
    from crm_graphql.models import Role

    account = await create(api, ACCOUNT, name="Acme")
    token = await api.user_token("bi@example.com", Role.BI)
    error = await api.error("query($id: ID!) { auditLog(recordId: $id) { totalCount } }", {"id": account["id"]},
                            token=token)
    assert error["extensions"]["code"] == "FORBIDDEN"
    data = await api.gql("{ auditEntries { totalCount } }", token=token)
    assert data["auditEntries"]["totalCount"] == 0  # the bi role sees no audit entries anywhere
