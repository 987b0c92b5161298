"""PostgreSQL plans for real traffic: the session settings of the app's pooled
connections (no JIT, see `db.SESSION_SETTINGS`) and the plans of a sales user's pages on
a seeded database."""

from __future__ import annotations

import asyncio
import json

import graphql
import pytest

from crm_graphql import db
from crm_graphql.auth.tokens import authenticate, create_token
from crm_graphql.models import User
from crm_graphql.seed import seed_scale

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


PAGE = """query Page($after: String) {
  accounts(first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name website
      people(first: 5) { edges { node { id email } } }
      opportunities(first: 3) { edges { node { name amount stage { name } } } }
      activities(first: 5) { edges { node { kind subject occurredAt } } }
    } }
  }
}"""
LARGE_TABLES = {"account", "person", "account_person", "opportunity", "activity"}


def _scans(node: dict) -> list[tuple[str, str]]:
    found = [(node["Node Type"], node.get("Relation Name", ""))]
    for child in node.get("Plans", ()):
        found += _scans(child)
    return found


async def test_a_sales_users_page_reads_by_index(api, app):
    await seed_scale(3000)
    await db.connection().execute_script("ANALYZE")
    user = await User.get(email="sales.emea.1@scale.example.com")
    token = await create_token(user)
    first = await api.gql(PAGE, {"after": None}, token=token)
    variables = {"after": first["accounts"]["pageInfo"]["endCursor"]}
    second = await api.gql(PAGE, variables, token=token)
    assert len(second["accounts"]["edges"]) == 20
    build = app.state.service.current
    actor = await authenticate(f"Bearer {token}", build.policy)
    plan = build.schema.planner.plan(PAGE, graphql.parse(PAGE), None, variables, actor, build.reader)
    assert plan.sql is not None, plan.reason
    arguments = ", ".join(str(int(p)) for p in plan.params)
    async with db.connection().acquire_connection() as conn:
        # As asyncpg runs it: a prepared statement, whose plan turns generic after five runs.
        await conn.execute(f"PREPARE page AS {plan.sql}")
        try:
            for mode in ("force_custom_plan", "force_generic_plan"):
                await conn.execute(f"SET plan_cache_mode = {mode}")
                explained = json.loads(await conn.fetchval(f"EXPLAIN (FORMAT JSON) EXECUTE page({arguments})"))
                scans = _scans(explained[0]["Plan"])
                assert not [s for s in scans if s[0] == "Seq Scan" and s[1] in LARGE_TABLES], (mode, scans)
                assert ("Index Scan", "account") in scans, (mode, scans)
        finally:
            await conn.execute("DEALLOCATE page")
            await conn.execute("RESET plan_cache_mode")
