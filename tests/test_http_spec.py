"""The GraphQL over HTTP spec, checked by its reference audit: graphql-http's
`serverAudits` (npm, installed by `make test-tools` into tests/http_audit) against a real
server. Every audit, MUST, SHOULD and MAY alike, must pass."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from .servers import servers

AUDIT = Path(__file__).parent / "http_audit"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
async def test_the_graphql_http_audit_passes_in_full(api, settings):
    assert (AUDIT / "node_modules" / "graphql-http").is_dir(), "run `make test-tools` (npm ci in tests/http_audit)"
    async with servers(settings.database_url) as [url]:
        process = await asyncio.create_subprocess_exec(
            "node", str(AUDIT / "audit.mjs"), f"{url}/graphql", api.token,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, stderr.decode()
    results = [json.loads(line) for line in stdout.decode().splitlines()]
    assert len(results) > 50
    failed = [f"{r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] != "ok"]
    assert failed == []
