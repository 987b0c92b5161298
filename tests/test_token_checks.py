"""A process remembers the token checks it made (no statement on most requests), and a
revoked token, a deactivated user or a new role still takes effect on the next request
of the process that made the change, and on every other API process as soon as
PostgreSQL has delivered its NOTIFY (within a second here)."""

from __future__ import annotations

import asyncio
import time

import httpx

from crm_graphql.auth.tokens import revoke_tokens
from crm_graphql.ids import to_global_id
from crm_graphql.models import Role, User

from .servers import servers

ME = {"query": "{ me { email role } }"}
DEACTIVATE = "mutation($id: ID!) { updateUser(id: $id, input: {isActive: false}) { id } }"
PROMOTE = "mutation($id: ID!) { updateUser(id: $id, input: {role: MANAGER}) { id } }"


async def _me(client: httpx.AsyncClient, url: str, token: str) -> tuple[int, dict]:
    response = await client.post(f"{url}/graphql", json=ME, headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.json()


async def _heard(client: httpx.AsyncClient, url: str, token: str, changed) -> tuple[int, dict]:
    """The answer once another process has heard of a change: PostgreSQL delivers the
    NOTIFY a moment after the commit (milliseconds; later on a machine whose cores are all
    busy), so a request sent at once may still be checked against the remembered row.
    Waits at most one second."""
    deadline = time.monotonic() + 1.0
    while True:
        status, body = await _me(client, url, token)
        if changed(status, body) or time.monotonic() > deadline:
            return status, body
        await asyncio.sleep(0.01)


async def test_changes_to_users_and_tokens_reach_every_process_at_once(api, settings):
    tokens = {who: await api.user_token(f"{who}@example.com", Role.SALES) for who in ("revoked", "inactive", "promoted")}
    async with servers(settings.database_url, 2) as (first, second), httpx.AsyncClient(timeout=30) as client:
        for url in (first, second):  # each process has checked each token, and may remember it
            for token in tokens.values():
                for _ in range(2):
                    assert (await _me(client, url, token))[0] == 200

        # Revoked from a third process (this one), as `crm-graphql tokens revoke` does.
        await revoke_tokens(await User.get(email="revoked@example.com"))
        for url in (first, second):
            status, body = await _heard(client, url, tokens["revoked"], lambda status, _: status == 401)
            assert status == 401 and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

        # Deactivated and promoted through the API on the first process; the second hears it.
        for email, mutation in (("inactive@example.com", DEACTIVATE), ("promoted@example.com", PROMOTE)):
            user = await User.get(email=email)
            response = await client.post(f"{first}/graphql", headers={"Authorization": f"Bearer {api.token}"}, json={
                "query": mutation, "variables": {"id": to_global_id("User", user.id)}})
            assert "errors" not in response.json(), response.text
        # The process that wrote forgets at its commit: its very next request sees the change.
        assert (await _me(client, first, tokens["inactive"]))[0] == 401
        status, body = await _me(client, first, tokens["promoted"])
        assert status == 200 and body["data"]["me"]["role"] == "MANAGER"
        assert (await _heard(client, second, tokens["inactive"], lambda status, _: status == 401))[0] == 401
        status, body = await _heard(client, second, tokens["promoted"],
                                    lambda status, body: status == 200 and body["data"]["me"]["role"] == "MANAGER")
        assert status == 200 and body["data"]["me"]["role"] == "MANAGER"


async def test_a_process_that_hears_changes_checks_a_token_once(api, sql_log, settings):
    """On PostgreSQL the second request of a token sends no statement for its check; on
    SQLite (no NOTIFY to hear a revocation by another process) every request checks."""
    token = await api.user_token("sam@example.com", Role.SALES)
    checks = []
    for _ in range(2):
        sql_log.statements.clear()
        await api.gql("{ me { email } }", token=token)
        checks.append(len(sql_log.statements) - len(sql_log.of_the_request()))
    assert checks == ([1, 0] if settings.database_url.startswith("postgres") else [1, 1])
