"""Several API processes on one database all serve a newly registered plugin within seconds,
also after their listening connections dropped."""

from __future__ import annotations

import asyncio
import time

import asyncpg
import httpx
import pytest

from crm_graphql import db

from .servers import servers
from .test_plugins import PRIORITY_PLUGIN, REGISTER

QUERY = "{ accounts { totalCount edges { node { priority } } } }"


@pytest.fixture
async def two_servers(settings, api):
    async with servers(settings.database_url, 2, CRM_SCHEMA_POLL_SECONDS="1") as urls:
        yield urls


async def test_every_worker_serves_a_registered_plugin_within_two_seconds(api, two_servers):
    await _registered_plugin_is_served_by_both(api, *two_servers)


async def test_a_worker_whose_listening_connection_dropped_hears_of_a_new_plugin(api, settings):
    if not settings.database_url.startswith("postgres"):
        pytest.skip("NOTIFY is PostgreSQL's; SQLite processes poll")
    # Polling far apart: only a notification makes the second worker follow within 2 s.
    async with servers(settings.database_url, 2, CRM_SCHEMA_POLL_SECONDS="600",
                       CRM_FEED_POLL_SECONDS="0.2") as (first, second):
        connection = await asyncpg.connect(db.asyncpg_dsn(settings.database_url))
        try:
            listening = ("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                         "AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")
            dropped = {row["pid"] for row in await connection.fetch(listening)}
            assert len(dropped) >= 2, "each worker listens"
            await connection.execute("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) pid", list(dropped))
            started = time.monotonic()
            # Each worker listens again on a new connection.
            while len({row["pid"] for row in await connection.fetch(listening)} - dropped) < 2:
                assert time.monotonic() - started < 10, "the workers did not listen again"
                await asyncio.sleep(0.1)
        finally:
            await connection.close()
        await _registered_plugin_is_served_by_both(api, first, second)


async def _registered_plugin_is_served_by_both(api, first: str, second: str) -> None:
    headers = {"Authorization": f"Bearer {api.token}"}
    # A generous timeout: registering rebuilds the schema, which a loaded machine makes slow;
    # what is timed is how soon the other worker follows, below.
    async with httpx.AsyncClient(timeout=60, headers=headers) as client:
        async def ask(url: str) -> dict:
            return (await client.post(f"{url}/graphql", json={"query": QUERY})).json()

        assert "errors" in await ask(second)  # the field does not exist yet
        registered = await client.post(f"{first}/graphql", json={"query": REGISTER, "variables": {"d": PRIORITY_PLUGIN}})
        assert "errors" not in registered.json(), registered.json()
        started = time.monotonic()

        while "errors" in await ask(second):
            assert time.monotonic() - started < 2.0, "the second worker still serves the old schema"
            await asyncio.sleep(0.05)

        for url in [first, second] * 10:
            assert await ask(url) == {"data": {"accounts": {"totalCount": 0, "edges": []}}}
