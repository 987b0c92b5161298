"""Read replicas: which database a request's reads go to.

With `DATABASE_REPLICA_URLS` set, the reads of a GraphQL query (compiled and resolved,
aggregates) and of an export go to a streaming replica; everything else (mutations and
the reads inside them, authentication, plugins, attachments) goes to the primary.

- Health: every `CRM_REPLICA_POLL_SECONDS` a monitor asks the primary for
  `pg_current_wal_lsn()` and each replica for `pg_last_wal_replay_lsn()`. A replica's lag
  is how long ago the primary was at the position the replica has replayed (an idle
  primary: no lag). A replica that does not answer, or lags more than
  `CRM_REPLICA_MAX_LAG_SECONDS`, gets no reads until a later poll finds it fine again.
  A read that fails on a replica (stopped, restarted, a query cancelled by recovery) is
  run again on the primary, and the replica is set aside until the next poll.
- Read-your-writes: the response to a mutation carries the primary's WAL position after
  it, as the header `X-CRM-LSN` and the cookie `crm_lsn` (a minute long). A request that
  sends either back reads from a replica only if that replica had replayed that far at
  the last poll; otherwise from the primary. So a client reads its own writes at once,
  and reads from replicas again at most one poll later.
- With no replica fit to read from, reads go to the primary.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import itertools
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from tortoise import connections

log = logging.getLogger(__name__)
HEADER, COOKIE = "x-crm-lsn", "crm_lsn"
COOKIE_SECONDS = 60


@dataclass
class _Request:
    # The WAL position the client has seen written (from its token), if any.
    min_lsn: int | None = None
    # Whether it ran a write: its response carries the position after it.
    wrote: bool = False
    # The connection its reads go to (None: the primary).
    reads: str | None = None


_request: contextvars.ContextVar[_Request | None] = contextvars.ContextVar("crm_replica_request", default=None)


def parse_lsn(text: str | None) -> int | None:
    """`16/B374D848` as a number (PostgreSQL's pg_lsn), None for anything else."""
    high, _, low = (text or "").strip().partition("/")
    try:
        return (int(high, 16) << 32) + int(low, 16) if low else None
    except ValueError:
        return None


def format_lsn(value: int) -> str:
    return f"{value >> 32:X}/{value & 0xFFFFFFFF:X}"


@dataclass
class _Replica:
    name: str
    replayed: int = 0
    lag: float = float("inf")
    fine: bool = False


@dataclass
class Replicas:
    """The replicas of one API process and what it last learned of them."""

    names: list[str]
    max_lag: float
    poll_seconds: float
    # A replica's database client by name (db.replica).
    client: Callable
    _replicas: dict[str, _Replica] = field(default_factory=dict)
    # (time, primary WAL position) of recent polls: a replica's lag is read off these.
    _history: deque = field(default_factory=lambda: deque(maxlen=600))
    _task: asyncio.Task | None = None

    def __post_init__(self) -> None:
        self._replicas = {name: _Replica(name) for name in self.names}
        self._turn = itertools.cycle(self.names)

    # -- per request -----------------------------------------------------------------

    def for_reads(self) -> None:
        """Send this request's reads from here on to a replica fit for them, if any."""
        request = _request.get()
        if request is None or request.wrote:
            return
        for _ in self.names:
            replica = self._replicas[next(self._turn)]
            if replica.fine and (request.min_lsn is None or replica.replayed >= request.min_lsn):
                request.reads = replica.name
                return

    def set_aside(self, name: str, error: BaseException) -> None:
        log.warning("replica %s failed a read (%s); reading from the primary until it recovers", name, error)
        self._replicas[name].fine = False

    # -- health ------------------------------------------------------------------------

    async def start(self) -> None:
        global _active
        _active = self
        await self.poll()
        self._task = asyncio.create_task(self._run(), name="replica-monitor")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.poll_seconds)
            try:
                await self.poll()
            except asyncio.CancelledError:
                raise
            except Exception:  # keep polling: the primary may come back
                log.exception("polling the replicas failed")

    async def poll(self) -> None:
        _, rows = await connections.get("default").execute_query("SELECT pg_current_wal_lsn()::text")
        now = time.monotonic()
        self._history.append((now, parse_lsn(rows[0][0])))
        for replica in self._replicas.values():
            try:
                _, rows = await asyncio.wait_for(self.client(replica.name).execute_query(
                    "SELECT pg_last_wal_replay_lsn()::text"), max(1.0, self.poll_seconds))
                replica.replayed = parse_lsn(rows[0][0]) or 0
                replica.lag = self._lag(replica.replayed, now)
            except Exception as error:  # noqa: BLE001 - down, restarting, unreachable: not fit
                if replica.fine:
                    log.warning("replica %s does not answer (%s); reading from the others", replica.name, error)
                replica.fine, replica.lag = False, float("inf")
                continue
            was, replica.fine = replica.fine, replica.lag <= self.max_lag
            if was != replica.fine:
                log.warning("replica %s %s (lag %.1f s)", replica.name,
                            "serves reads again" if replica.fine else "lags too far behind", replica.lag)

    def _lag(self, replayed: int, now: float) -> float:
        caught_up = [at for at, position in self._history if position <= replayed]
        return now - max(caught_up) if caught_up else float("inf")

    def state(self) -> dict[str, dict]:
        return {r.name: {"fine": r.fine, "lag_seconds": r.lag, "replayed": format_lsn(r.replayed)}
                for r in self._replicas.values()}


# -- the request's routing, read by db.read_connection() ------------------------------------


# The replicas of this process, once started (db.read_connection() reports failures to it).
_active: Replicas | None = None


def failed(name: str, error: BaseException) -> None:
    """A read failed on replica `name`: this request and others read from the primary."""
    request = _request.get()
    if request is not None:
        request.reads = None
    if _active is not None:
        _active.set_aside(name, error)


def reads_go_to() -> str | None:
    request = _request.get()
    return request.reads if request else None


def wrote() -> None:
    """This request writes: its reads stay on the primary, its response carries the position."""
    request = _request.get()
    if request is not None:
        request.wrote, request.reads = True, None


class ReadRouting:
    """ASGI middleware: reads a client's position token, and gives one to a client that wrote."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["app"].state.service.replicas:
            await self.app(scope, receive, send)
            return
        request = _Request(min_lsn=_token(scope))
        token = _request.set(request)

        async def send_with_position(message) -> None:
            if message["type"] == "http.response.start" and request.wrote:
                _, rows = await connections.get("default").execute_query("SELECT pg_current_wal_lsn()::text")
                position = rows[0][0]
                message = {**message, "headers": [
                    *message.get("headers", ()), (HEADER.encode(), position.encode()),
                    (b"set-cookie", f"{COOKIE}={position}; Max-Age={COOKIE_SECONDS}; Path=/; HttpOnly; "
                                    f"SameSite=Lax".encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_position)
        finally:
            _request.reset(token)


def _token(scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == HEADER.encode():
            return parse_lsn(value.decode("latin-1"))
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, found = part.strip().partition("=")
                if key == COOKIE:
                    return parse_lsn(found)
    return None
