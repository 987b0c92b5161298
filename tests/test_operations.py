"""What an operator watches, in one process: request ids (in the response, the audit log),
/metrics in Prometheus's text format, /healthz and /readyz. (Several worker processes:
tests/test_operations_workers.py.)"""

from __future__ import annotations

from dataclasses import replace

import httpx
from prometheus_client.parser import text_string_to_metric_families

from crm_graphql import db
from crm_graphql.app import create_app
from crm_graphql.models import Role

from .helpers import ACCOUNT

AUDIT = "query($id: ID!) { auditLog(recordId: $id) { edges { node { action requestId } } } }"
NESTED = "query Nested { accounts(first: 5) { edges { node { name people { edges { node { email } } } } } } }"


def samples(text: str) -> dict[tuple, float]:
    """(sample name, sorted labels) -> value, as a Prometheus server would read the text."""
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def value(scraped: dict, name: str, **labels) -> float:
    """The sum of the samples of `name` whose labels include `labels`."""
    return sum(v for (n, ls), v in scraped.items() if n == name and labels.items() <= dict(ls).items())


async def scrape(api) -> dict:
    response = await api.client.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


async def test_a_client_request_id_is_returned_and_written_into_the_audit_log(api):
    sales = await api.user_token("sam@example.com", Role.SALES)
    response = await api.client.post(
        "/graphql", json={"query": ACCOUNT, "variables": {"input": {"name": "Acme"}}},
        headers={"Authorization": f"Bearer {sales}", "X-Request-Id": "lb-7f3a.42"})
    assert response.headers["x-request-id"] == "lb-7f3a.42"
    account = response.json()["data"]["createAccount"]
    log = await api.gql(AUDIT, {"id": account["id"]})
    assert log["auditLog"]["edges"] == [{"node": {"action": "create", "requestId": "lb-7f3a.42"}}]


async def test_a_request_without_a_usable_id_gets_a_new_one(api):
    ids = []
    for sent in (None, "has spaces and ; semicolons", "x" * 65):
        headers = {"Authorization": f"Bearer {api.token}"} | ({"X-Request-Id": sent} if sent else {})
        response = await api.client.post("/graphql", json={"query": ACCOUNT, "variables": {"input": {"name": "A"}}},
                                         headers=headers)
        returned = response.headers["x-request-id"]
        assert returned != sent and len(returned) == 32
        log = await api.gql(AUDIT, {"id": response.json()["data"]["createAccount"]["id"]})
        assert log["auditLog"]["edges"][0]["node"]["requestId"] == returned
        ids.append(returned)
    assert len(set(ids)) == 3
    # Refused requests get one too: it is what a client quotes when it reports a problem.
    refused = await api.client.post("/graphql", json={"query": "{ me { id } }"})
    assert refused.status_code == 401 and len(refused.headers["x-request-id"]) == 32


async def test_metrics_count_requests_by_operation_and_outcome_and_the_read_path(api):
    bi = await api.user_token("bi@example.com", Role.BI)
    headers = {"Authorization": f"Bearer {bi}"}
    before = await scrape(api)
    for _ in range(3):
        response = await api.client.post("/graphql", json={"query": NESTED, "operationName": "Nested"}, headers=headers)
        assert "errors" not in response.json()
    await api.client.post("/graphql", headers=headers, json={
        "query": NESTED, "operationName": "Nested", "extensions": {"readPath": "resolved"}})
    refused = await api.client.post("/graphql", headers=headers, json={
        "query": "mutation Make($input: CreateAccountInput!) { createAccount(input: $input) { id } }",
        "operationName": "Make", "variables": {"input": {"name": "X"}}})
    assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # Errors the HTTP edge answers are counted under their own code, as GraphQL's are.
    assert (await api.client.get("/export/accounts.csv")).status_code == 401
    assert (await api.client.get("/export/nothing.csv", headers=headers)).status_code == 404
    after = await scrape(api)

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("crm_http_requests_total", route="/graphql", operation="Nested", code="OK", status="200") == 4
    assert delta("crm_http_requests_total", route="/graphql", operation="Make", code="FORBIDDEN") == 1
    assert delta("crm_http_requests_total", route="/export", operation="", code="UNAUTHENTICATED",
                 status="401") == 1
    assert delta("crm_http_requests_total", route="/export", operation="", code="NOT_FOUND", status="404") == 1
    assert delta("crm_http_request_duration_seconds_count", route="/graphql", operation="Nested") == 4
    assert delta("crm_graphql_read_path_total", path="compiled", reason="compiled") == 3
    assert delta("crm_graphql_read_path_total", path="resolved", reason="asked") == 1
    assert delta("crm_graphql_read_path_total", path="resolved", reason="mutation") == 1
    # Every request sent statements (its token at least); observed once per request.
    assert delta("crm_sql_statements_per_request_count", route="/graphql") == 5
    assert delta("crm_sql_statements_per_request_sum", route="/graphql") >= 5
    assert value(after, "crm_schema_version") == api_schema_version(api)


def api_schema_version(api) -> int:
    return api.client._transport.app.state.service.current.version


async def test_metrics_count_export_rows_and_bytes(api):
    for name in ("A", "B", "C"):
        await api.gql(ACCOUNT, {"input": {"name": name}})
    before = await scrape(api)
    response = await api.client.get("/export/accounts.ndjson?fields=id,name",
                                    headers={"Authorization": f"Bearer {api.token}"})
    csv = await api.client.get("/export/accounts.csv?fields=name", headers={"Authorization": f"Bearer {api.token}"})
    after = await scrape(api)
    assert value(after, "crm_export_rows_total", entity="Account", format="ndjson") - \
        value(before, "crm_export_rows_total", entity="Account", format="ndjson") == 3
    assert value(after, "crm_export_bytes_total", entity="Account", format="ndjson") - \
        value(before, "crm_export_bytes_total", entity="Account", format="ndjson") == len(response.content)
    # Rows are records: the CSV header is not one.
    assert value(after, "crm_export_rows_total", entity="Account", format="csv") - \
        value(before, "crm_export_rows_total", entity="Account", format="csv") == 3 == len(csv.text.splitlines()) - 1


async def test_metrics_behind_a_token_need_it(api, settings):
    guarded = create_app(replace(settings, metrics_token="scrape-secret"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=guarded), base_url="http://test") as client:
        assert (await client.get("/metrics")).status_code == 401
        assert (await client.get("/metrics", headers={"Authorization": "Bearer wrong"})).status_code == 401
        # An API token is not the metrics token.
        assert (await client.get("/metrics", headers={"Authorization": f"Bearer {api.token}"})).status_code == 401
        allowed = await client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"})
        assert allowed.status_code == 200 and "crm_http_requests_total" in allowed.text
    elsewhere = create_app(replace(settings, metrics_port=8199))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=elsewhere), base_url="http://test") as client:
        assert (await client.get("/metrics")).status_code == 404


async def test_healthz_and_readyz(api):
    assert (await api.client.get("/healthz")).json() == {"status": "ok"}
    ready = await api.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "migrations": "ok", "schema": "ok"}


async def test_readyz_names_a_migration_the_database_lacks(api, settings):
    conn = db.connection()
    _, rows = await conn.execute_query("SELECT version, content FROM aerich WHERE app = 'models' ORDER BY id DESC LIMIT 1")
    version = rows[0][0]
    fresh = create_app(settings)  # a process that has not seen the migrations current yet
    await fresh.state.service.reload()
    await conn.execute_query("UPDATE aerich SET app = 'hidden' WHERE version = ?" if db.dialect_of(settings.database_url)
                             == "sqlite" else "UPDATE aerich SET app = 'hidden' WHERE version = $1", [version])
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=fresh), base_url="http://test") as client:
            response = await client.get("/readyz")
    finally:
        await conn.execute_query("UPDATE aerich SET app = 'models' WHERE app = 'hidden'")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == f"not applied: {version}"
    assert response.json()["checks"]["database"] == "ok"
