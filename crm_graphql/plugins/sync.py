"""`SchemaWatcher`: keeps this process on the schema version stored in the database.

Every process polls the version (and the plugins folder) every `schema_poll_seconds`;
on PostgreSQL a NOTIFY on `crm_schema` wakes it at once when another process registers a
plugin. It is heard by the process's feed listener (`feed.FeedListener.watch`), which
listens again after its connection drops; the watcher then checks at once, as a change
may have come meanwhile. A failed rebuild is logged and the running schema stays.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from ..ops.metrics import RELOAD_FAILURES

log = logging.getLogger(__name__)
CHANNEL = "crm_schema"


class SchemaWatcher:
    def __init__(self, service, interval: float) -> None:
        self.service = service
        self.interval = interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._heard = False
        service.feed.watch(CHANNEL, self._wake.set, self._listening)

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="schema-watcher")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def _listening(self, up: bool) -> None:
        # Listening again after a drop: a change may have come meanwhile. (The first time,
        # the schema was just loaded.)
        if up and self._heard:
            self._wake.set()
        self._heard = self._heard or up

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
