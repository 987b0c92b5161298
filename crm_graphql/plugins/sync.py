"""`SchemaWatcher`: keeps this process on the schema version stored in the database.

Every process polls the version (and the plugins folder) every `schema_poll_seconds`;
on PostgreSQL a `LISTEN crm_schema` wakes it at once when another process registers a
plugin. A failed rebuild is logged and the running schema stays.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg

from .. import db
from ..ops.metrics import RELOAD_FAILURES

log = logging.getLogger(__name__)
CHANNEL = "crm_schema"


class SchemaWatcher:
    def __init__(self, service, interval: float) -> None:
        self.service = service
        self.interval = interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._listener: asyncpg.Connection | None = None

    async def start(self) -> None:
        if self.service.dialect == "postgres":
            try:
                self._listener = await asyncpg.connect(db.asyncpg_dsn(self.service.settings.database_url))
                await self._listener.add_listener(CHANNEL, lambda *_: self._wake.set())
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("cannot LISTEN for schema changes, polling only: %s", error)
        self._task = asyncio.create_task(self._run(), name="schema-watcher")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._listener:
            await self._listener.close()

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            self._wake.clear()
            try:
                if await self.service.is_stale():
                    await self.service.reload()
            except asyncio.CancelledError:
                raise
            except Exception:  # keep serving the running schema; the next change retries
                RELOAD_FAILURES.inc()
                log.exception("schema rebuild failed; still serving version %s", self.service.current.version)
