"""`Hub`: the one reader of the change feed in a process, handing each batch of changes to
every subscription of the process (100 subscribers are one feed read, not 100).

Woken by `service.feed` (NOTIFY from any process on PostgreSQL, a local commit, or the
poll), it reads the changes after the last one it handed out, makes sure the process
serves the newest schema build first (a rule or plugin change committed before a change
must shape its events: the watcher that follows `crm_schema` may not have run yet), and
puts the batch on every listener's queue. A listener joins at `position`: it gets every
change after it, and reads what came before from the feed itself (see `stream.py`). A
listener that falls CRM_LIVE_QUEUE_LIMIT changes behind (its subscription judges changes
more slowly than they come) is dropped with its batches, and is told so: it reads what it
missed from the feed and joins again, like a listener that joins late."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from .. import feed
from ..models import Change
from .stream import Rounds

log = logging.getLogger(__name__)
BATCH = 500


class Batch:
    """Changes handed out together, and the statements their subscribers share to judge
    each change (`stream.Rounds`)."""

    def __init__(self, rows: list[Change]) -> None:
        self.rows = rows
        self.rounds = Rounds()


_BEHIND = object()


class Listener:
    """One subscription's queue of batches; `start` is the hub's position when it joined."""

    def __init__(self, start: int, limit: int) -> None:
        self.start = start
        self.limit = limit
        self.queued = 0  # changes in the batches waiting
        self._batches: asyncio.Queue = asyncio.Queue()

    def put(self, batch: Batch) -> bool:
        """Queue `batch`; False when the listener is too far behind to take it: what waited is
        dropped and the listener is told (`next` gives None). An empty queue takes any batch."""
        if self.queued and self.queued + len(batch.rows) > self.limit:
            while not self._batches.empty():
                self._batches.get_nowait()
            self.queued = 0
            self._batches.put_nowait(_BEHIND)
            return False
        self.queued += len(batch.rows)
        self._batches.put_nowait(batch)
        return True

    async def next(self) -> Batch | None:
        """The next batch, or None once the listener fell behind (it has left the hub)."""
        batch = await self._batches.get()
        if batch is _BEHIND:
            return None
        self.queued -= len(batch.rows)
        return batch


class Hub:
    def __init__(self, service) -> None:
        self.service = service
        self.position = 0
        self._listeners: set[Listener] = set()
        self._task: asyncio.Task | None = None
        # Held while reading and handing out, and while a listener joins: a listener joins
        # between two batches, at the position the first of them has not reached.
        self._lock = asyncio.Lock()

    async def start(self) -> None:
        self.position = await feed.latest_sequence()
        self._task = asyncio.create_task(self._run(), name="live-hub")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def join(self) -> Listener:
        async with self._lock:
            if not self._listeners:
                # Idle, the hub does not follow the feed (writes cost no reads): catch up now.
                self.position = max(self.position, await feed.latest_sequence())
            listener = Listener(self.position, self.service.settings.live_queue_limit)
            self._listeners.add(listener)
            return listener

    def leave(self, listener: Listener) -> None:
        self._listeners.discard(listener)

    async def _run(self) -> None:
        while True:
            mark = self.service.feed.mark()
            try:
                if await self._hand_out():
                    continue  # a full batch: there may be more
            except asyncio.CancelledError:
                raise
            except Exception:  # the next wake reads again from the same position
                log.exception("reading the change feed for subscriptions failed")
            await self.service.feed.wait(mark)

    async def _hand_out(self) -> bool:
        """Hand out the changes after `position`; True when a full batch was read."""
        async with self._lock:
            if not self._listeners:
                return False
            rows = await feed.changes_after(self.position, BATCH)
            if not rows:
                return False
            await self._newest_build()
            batch = Batch(rows)
            for listener in list(self._listeners):
                if not listener.put(batch):
                    self._listeners.discard(listener)
            self.position = rows[-1].id
            return len(rows) == BATCH

    async def _newest_build(self) -> None:
        service = self.service
        try:
            if await service.is_stale():
                await service.reload()
        except asyncio.CancelledError:
            raise
        except Exception:  # the schema watcher reports it; events go out under the running build
            log.exception("schema rebuild before handing out changes failed")
