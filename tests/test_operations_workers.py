"""`crm-graphql serve --workers 2`, as an operator runs it: /metrics adds up both worker
processes (prometheus_client's multiprocess mode), the metrics port serves the same, and
logs are JSON lines carrying each request's id."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from .helpers import ACCOUNT
from .servers import free_port

QUERY = "query Workers { accounts { totalCount } }"
REQUESTS = 24


async def _serve(settings, tmp_path: Path, **env):
    port = free_port(int(env.get("CRM_METRICS_PORT", 0)))
    log = (tmp_path / f"server-{port}.log").open("wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "crm-graphql"), "serve", "--port", str(port), "--workers", "2"],
        env={**os.environ, "DATABASE_URL": settings.database_url, "CRM_SCHEMA_POLL_SECONDS": "1", **env},
        stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    # Up to two minutes: on a loaded 2-core machine each spawned worker takes seconds to
    # import and build its schema (20 s before the first one started, in one run).
    deadline = time.monotonic() + 120
    async with httpx.AsyncClient(timeout=5) as client:
        while True:
            try:
                if (await client.get(f"{url}/readyz")).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                process.terminate()
                pytest.fail(f"{url} did not become ready:\n{(tmp_path / f'server-{port}.log').read_text()}")
            await asyncio.sleep(0.1)
    return process, url, tmp_path / f"server-{port}.log"


def _stop(process) -> None:
    process.terminate()
    process.wait(timeout=20)


def _samples(text: str, name: str) -> list:
    return [s for family in text_string_to_metric_families(text) for s in family.samples if s.name == name]


async def _traffic(api, url: str) -> None:
    """REQUESTS reads, each on a connection of its own so the kernel may hand them to either worker."""
    async def one(i: int) -> None:
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(f"{url}/graphql", json={"query": QUERY, "operationName": "Workers"},
                                         headers={"Authorization": f"Bearer {api.token}", "X-Request-Id": f"w-{i}"})
            assert response.json() == {"data": {"accounts": {"totalCount": 1}}}
            assert response.headers["x-request-id"] == f"w-{i}"
    await asyncio.gather(*(one(i) for i in range(REQUESTS)))


async def test_metrics_of_two_workers_add_up_and_logs_are_json_lines(api, settings, tmp_path):
    await api.gql(ACCOUNT, {"input": {"name": "Acme"}})
    process, url, log_file = await _serve(settings, tmp_path, CRM_METRICS_TOKEN="scrape-secret")
    try:
        await _traffic(api, url)
        async with httpx.AsyncClient(timeout=10) as client:
            assert (await client.get(f"{url}/metrics")).status_code == 401
            text = (await client.get(f"{url}/metrics", headers={"Authorization": "Bearer scrape-secret"})).text
    finally:
        _stop(process)

    served = _samples(text, "crm_http_requests_total")
    assert sum(s.value for s in served if s.labels == {
        "route": "/graphql", "operation": "Workers", "code": "OK", "status": "200"}) == REQUESTS
    compiled = _samples(text, "crm_graphql_read_path_total")
    assert sum(s.value for s in compiled if s.labels == {"path": "compiled", "reason": "compiled"}) == REQUESTS
    # Both workers write to the shared folder: each reports the schema version it serves.
    versions = _samples(text, "crm_schema_version")
    assert len({s.labels["pid"] for s in versions}) == 2 and {s.value for s in versions} == {0.0}

    lines = [json.loads(line) for line in log_file.read_text().splitlines() if line.startswith("{")]
    requests = {line["request_id"]: line for line in lines if line.get("logger") == "crm_graphql.access"}
    assert {f"w-{i}" for i in range(REQUESTS)} <= requests.keys()
    assert requests["w-0"] | {"duration_ms": 0, "sql_statements": 0, "time": ""} == {
        "time": "", "level": "info", "logger": "crm_graphql.access", "message": "POST /graphql 200 OK",
        "request_id": "w-0", "method": "POST", "path": "/graphql", "route": "/graphql", "status": 200, "code": "OK",
        "duration_ms": 0, "sql_statements": 0, "operation": "Workers", "read_path": "compiled (compiled)",
        "database": "primary"}
    assert requests["w-0"]["sql_statements"] >= 2  # the token, then the one compiled statement


async def test_the_metrics_port_serves_every_worker(api, settings, tmp_path):
    await api.gql(ACCOUNT, {"input": {"name": "Acme"}})
    metrics_port = free_port()
    process, url, _ = await _serve(settings, tmp_path, CRM_METRICS_PORT=str(metrics_port))
    try:
        await _traffic(api, url)
        async with httpx.AsyncClient(timeout=10) as client:
            assert (await client.get(f"{url}/metrics")).status_code == 404
            text = (await client.get(f"http://127.0.0.1:{metrics_port}/metrics")).text
    finally:
        _stop(process)
    served = _samples(text, "crm_http_requests_total")
    assert sum(s.value for s in served if s.labels.get("operation") == "Workers") == REQUESTS
    assert len({s.labels["pid"] for s in _samples(text, "crm_schema_version")}) == 2
