"""API tokens: created for a user, stored as SHA-256 digests, checked on every request.

A process remembers the user row of a token it checked (`recent`) while it can hear of
every change to users and tokens: on PostgreSQL, writes to users and tokens NOTIFY
`crm_auth` (`users_changed`) and the process's listener forgets everything it remembered
(`feed/listener.py`); while that listener is not connected, and on SQLite (whose CLI
runs in another process with no way to tell the server), nothing is remembered. So a
revoked token, a deactivated user or a changed role takes effect on the next request
(in another process, once PostgreSQL has delivered the NOTIFY: a moment after the
commit), and the token check costs no statement on most requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import secrets
import time
from datetime import datetime, timedelta, timezone

from tortoise.transactions import in_transaction

from ..db import connection
from ..errors import UnauthenticatedError
from ..models import ApiToken, Role, User
from ..query.values import column_decoder
from .actor import Actor
from .policy import Policy

PREFIX = "crm_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(user: User, *, name: str | None = None, days: int | None = None) -> str:
    """A new token for the user; the clear text is returned once and never stored."""
    token = PREFIX + secrets.token_urlsafe(32)
    expires = datetime.now(timezone.utc) + timedelta(days=days) if days else None
    await ApiToken.create(user=user, name=name, digest=digest(token), expires_at=expires)
    return token


async def revoke_tokens(user: User) -> int:
    async with in_transaction() as conn:
        revoked = await ApiToken.filter(user=user, revoked_at=None).using_db(conn).update(
            revoked_at=datetime.now(timezone.utc))
        await users_changed(conn)
    recent.forget_all()
    return revoked


AUTH_CHANNEL = "crm_auth"


async def users_changed(conn) -> None:
    """After changing users, their territories or tokens (inside the transaction, if there
    is one): every process forgets the token checks it remembers when it commits
    (PostgreSQL's NOTIFY is sent at commit), this one at once too. A writer in a
    transaction also calls `recent.forget_all()` after the commit: a check between the
    two may have read the row as it was before."""
    recent.forget_all()
    if conn.capabilities.dialect == "postgres":
        await conn.execute_query("SELECT pg_notify($1, '')", [AUTH_CHANNEL])


class RecentTokens:
    """Token digest -> the user row its check found, for `seconds` at most, and only while
    `listening` (see the module's docstring)."""

    def __init__(self, seconds: float = 60.0, size: int = 10_000) -> None:
        self.seconds = seconds
        self.size = size
        self.listening = False
        # Bumped by every change heard: a row read before a change is not remembered after it.
        self.generation = 0
        self._rows: dict[str, tuple[float, dict]] = {}
        self._waiters: set[asyncio.Event] = set()

    def get(self, key: str) -> dict | None:
        found = self._rows.get(key) if self.listening else None
        if found is None or time.monotonic() - found[0] > self.seconds:
            return None
        return found[1]

    def put(self, key: str, row: dict, generation: int) -> None:
        if not self.listening or generation != self.generation:
            return
        if len(self._rows) >= self.size:
            self._rows.pop(next(iter(self._rows)))
        self._rows[key] = (time.monotonic(), row)

    def forget_all(self) -> None:
        self.generation += 1
        self._rows.clear()
        for waiter in self._waiters:
            waiter.set()

    async def wait_for_change(self, timeout: float) -> None:
        """Return when users or tokens changed (as this process hears of it), or after
        `timeout`: open subscriptions check their token and actor again then."""
        waiter = asyncio.Event()
        self._waiters.add(waiter)
        try:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(waiter.wait(), timeout)
        finally:
            self._waiters.discard(waiter)

    def set_listening(self, listening: bool) -> None:
        self.forget_all()
        self.listening = listening


recent = RecentTokens()


async def authenticate(authorization: str | None, policy: Policy) -> Actor:
    """The actor of an `Authorization: Bearer <token>` header, or UNAUTHENTICATED."""
    if not authorization:
        raise UnauthenticatedError("send an `Authorization: Bearer <token>` header")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthenticatedError("the Authorization header must be `Bearer <token>`")
    key = digest(token.strip())
    row = recent.get(key)
    if row is None:
        generation = recent.generation
        row = await _actor_row("JOIN api_token k ON k.user_id = u.id WHERE k.digest = ? AND k.revoked_at IS NULL",
                               key, token_columns=", k.expires_at")
        if row is not None:
            recent.put(key, row, generation)
    if row is not None and row["expires_at"] is not None:
        expires = column_decoder("datetime", connection().capabilities.dialect)
        expired = (expires(row["expires_at"]) if expires else row["expires_at"]) <= datetime.now(timezone.utc)
    else:
        expired = False
    if row is None or expired or not row["is_active"]:
        raise UnauthenticatedError("the token is unknown, expired or revoked")
    return _actor(row, policy)


async def actor_of(user: User, policy: Policy) -> Actor:
    """The actor a user acts as: their role, territories and excluded territories."""
    return _actor(await _actor_row("WHERE u.id = ?", user.id), policy)


async def _actor_row(condition: str, value, token_columns: str = "") -> dict | None:
    """The user, with their assigned and excluded territories, in one statement: it runs on
    every request, so it is written by hand rather than by the ORM."""
    postgres = connection().capabilities.dialect == "postgres"
    ids = ("ARRAY(SELECT territory_id FROM {} WHERE crm_user_id = u.id)" if postgres
           else "(SELECT group_concat(territory_id) FROM {} WHERE crm_user_id = u.id)")
    statement = (f"SELECT u.id, u.email, u.role, u.is_active{token_columns}, "
                 f"{ids.format('user_territory')} AS territories, {ids.format('user_excluded_territory')} AS excluded "
                 f"FROM crm_user u {condition}")
    rows = await connection().execute_query_dict(statement.replace("?", "$1") if postgres else statement, [value])
    return rows[0] if rows else None


def _actor(row: dict, policy: Policy) -> Actor:
    return Actor(user_id=row["id"], email=row["email"], role=Role(row["role"]),
                 territory_ids=_ids(row["territories"]), excluded_territory_ids=_ids(row["excluded"]),
                 policy=policy)


def _ids(value) -> frozenset[int]:
    """Territory IDs as PostgreSQL's array or SQLite's comma-separated text gives them."""
    if not value:
        return frozenset()
    return frozenset(int(item) for item in (value.split(",") if isinstance(value, str) else value))
