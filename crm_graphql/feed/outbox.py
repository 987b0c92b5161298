"""Appending a change to the feed inside the transaction that makes it, in commit order."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from ..models import Change

# PostgreSQL NOTIFY channel; the payload is the change's sequence.
CHANNEL = "crm_changes"
# The advisory lock that orders feed writes ("crmf").
_FEED_LOCK = 0x63726D66
# False only to measure the outbox's cost (CRM_CHANGE_FEED=off, set by `configure`).
_enabled = True


def configure(enabled: bool) -> None:
    global _enabled
    _enabled = enabled


async def append(conn: BaseDBAsyncClient, *, user_id: int | None, kind: str, entity: str, record_id: int,
                 changes: dict[str, list[Any]]) -> int:
    """Write one change row on `conn` (the writing transaction); returns its sequence.

    On PostgreSQL a sequence is drawn under a transaction-scoped advisory lock, held until
    commit: a transaction that drew sequence n commits before any later one draws n+1, so
    sequences appear in commit order and a reader that resumes "after n" can never skip a
    change that committed late. (Sequences alone are handed out at insert time, not at
    commit.) SQLite writes are serialised by `BEGIN IMMEDIATE` already (sqlite_engine.py).
    The NOTIFY is delivered at commit and not at all on rollback. With the feed switched
    off (`configure`), nothing is written and 0 returned."""
    if not _enabled:
        return 0
    postgres = conn.capabilities.dialect == "postgres"
    if postgres:
        await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [_FEED_LOCK])
    change = await Change.create(using_db=conn, user_id=user_id, kind=kind, entity=entity,
                                 record_id=record_id, changes=changes)
    if postgres:
        await conn.execute_query("SELECT pg_notify($1, $2)", [CHANNEL, str(change.id)])
    return change.id
