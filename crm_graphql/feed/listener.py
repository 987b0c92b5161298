"""`FeedListener`: tells this process's readers of the feed (subscriptions, webhook
delivery) that it has grown, whichever process wrote.

On PostgreSQL every change NOTIFYs `crm_changes` at commit with its sequence, and each
process LISTENs on a connection of its own. A write in this process also wakes readers
directly after commit (`written()`: the only way on SQLite, which has no NOTIFY), and
readers poll every `poll_seconds` too, so a lost notification (the listening connection
dropped) delays a change and never loses it: readers always read the feed itself from
the last sequence they handled.

The same connection carries other channels a process must hear (`watch`): the token
checks a process remembers are forgotten on `crm_auth`, and remembered only while the
connection is up (see auth/tokens.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import asyncpg

from .outbox import CHANNEL

log = logging.getLogger(__name__)

_listeners: set["FeedListener"] = set()


def written() -> None:
    """A change committed in this process: wake its readers now."""
    for listener in list(_listeners):
        listener.wake()


class FeedListener:
    def __init__(self, dsn: str | None, poll_seconds: float) -> None:
        self.dsn = dsn
        self.poll_seconds = poll_seconds
        self._changed = asyncio.Condition()
        self._round = 0
        self._connection: asyncpg.Connection | None = None
        self._keeper: asyncio.Task | None = None
        self._watches: list[tuple[str, Callable[[], None], Callable[[bool], None]]] = []

    def watch(self, channel: str, heard: Callable[[], None], listening: Callable[[bool], None]) -> None:
        """Call `heard()` on each notification on `channel`, and `listening(up)` when this
        process starts or stops hearing it. Call before `start`."""
        self._watches.append((channel, heard, listening))

    async def start(self) -> None:
        _listeners.add(self)
        if self.dsn is not None:
            self._keeper = asyncio.create_task(self._keep_listening(), name="feed-listener")

    async def stop(self) -> None:
        _listeners.discard(self)
        self._set_listening(False)
        if self._keeper is not None:
            self._keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._keeper
        if self._connection is not None:
            await self._connection.close()

    def wake(self) -> None:
        asyncio.get_running_loop().create_task(self._notify_all())

    def mark(self) -> int:
        """Take before reading the feed, and pass to `wait` after: a wake in between is not missed."""
        return self._round

    async def wait(self, mark: int, timeout: float | None = None) -> None:
        """Return when the feed may have grown since `mark`: woken, or after `poll_seconds`
        (or `timeout`). Readers then read the feed from the last sequence they handled."""
        async with self._changed:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait_for(lambda: self._round != mark),
                                       timeout=self.poll_seconds if timeout is None else timeout)

    async def _notify_all(self) -> None:
        async with self._changed:
            self._round += 1
            self._changed.notify_all()

    async def _keep_listening(self) -> None:
        """LISTEN, and listen again after the connection drops (readers poll meanwhile)."""
        while True:
            try:
                self._connection = await asyncpg.connect(self.dsn)
                await self._connection.add_listener(CHANNEL, lambda *_: self.wake())
                for channel, heard, _ in self._watches:
                    await self._connection.add_listener(channel, lambda *_, heard=heard: heard())
                closed = asyncio.Event()
                self._connection.add_termination_listener(lambda *_: closed.set())
                self._set_listening(True)
                await self._notify_all()  # changes may have come while not listening
                await closed.wait()
            except asyncio.CancelledError:
                self._set_listening(False)
                raise
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("cannot LISTEN for changes, polling every %ss: %s", self.poll_seconds, error)
            self._set_listening(False)
            await asyncio.sleep(self.poll_seconds)

    def _set_listening(self, up: bool) -> None:
        for _, _, listening in self._watches:
            listening(up)
