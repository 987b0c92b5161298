"""Appending a change to the feed inside the transaction that makes it, in commit order."""

from __future__ import annotations

from typing import Any

import orjson

from tortoise.backends.base.client import BaseDBAsyncClient

from ..models import Change
from ..ops.requests import current_id

# PostgreSQL NOTIFY channel; the payload is the change's sequence.
CHANNEL = "crm_changes"
# The advisory lock that orders feed writes ("crmf").
_FEED_LOCK = 0x63726D66
# False only to measure the outbox's cost (CRM_CHANGE_FEED=off, set by `configure`).
_enabled = True


# The lock, the row and the NOTIFY in one statement (one round trip): the lock is held from
# here to the commit, and every writer waits for it, so the less time between them the
# better (bench/live.py). The lock comes first: the INSERT reads its row from `locked`, so
# the id is drawn under it.
_APPEND = """
WITH locked AS (SELECT pg_advisory_xact_lock($1)),
     change AS (INSERT INTO change_feed (at, entity, record_id, kind, changes, user_id, request_id)
                SELECT clock_timestamp(), $2, $3, $4, $5::jsonb, $6, $7 FROM locked RETURNING id)
SELECT id, pg_notify($8, id::text) FROM change"""


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
    if conn.capabilities.dialect == "postgres":
        rows = await conn.execute_query_dict(_APPEND, [_FEED_LOCK, entity, record_id, kind, orjson.dumps(changes).decode(),
                                                       user_id, current_id(), CHANNEL])
        return rows[0]["id"]
    change = await Change.create(using_db=conn, user_id=user_id, kind=kind, entity=entity,
                                 record_id=record_id, changes=changes)
    return change.id
