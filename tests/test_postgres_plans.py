"""PostgreSQL plans for real traffic: the session settings of the app's pooled
connections (no JIT, see `db.SESSION_SETTINGS`) and the plans of a sales user's pages on
a seeded database."""

from __future__ import annotations

import asyncio

import pytest

from crm_graphql import db

from .conftest import DATABASE

pytestmark = pytest.mark.skipif(DATABASE != "postgres", reason="PostgreSQL's planner and session settings")


async def test_every_pooled_connection_runs_without_jit(api, settings):
    client = db.connection()
    pool_size = settings.db_pool_max
    held, release = asyncio.Event(), asyncio.Event()
    seen: list[tuple[str, int]] = []

    async def read_back():
        # Each task holds its connection until all have one, so every pooled connection is read.
        async with client.acquire_connection() as conn:
            seen.append((await conn.fetchval("SHOW jit"), id(conn)))
            if len(seen) == pool_size:
                held.set()
            await release.wait()

    tasks = [asyncio.create_task(read_back()) for _ in range(pool_size)]
    await asyncio.wait_for(held.wait(), 10)
    release.set()
    await asyncio.gather(*tasks)
    assert len({conn for _, conn in seen}) == pool_size
    assert {value for value, _ in seen} == {"off"}
