"""`Dispatcher`: delivers the change feed to the enabled webhook endpoints, in every API
process (started in the app's lifespan, woken by `service.feed`).

Per endpoint, changes go out one at a time in sequence order (head of line: a change is
retried, with exponential backoff, until it is delivered or the endpoint is disabled, and
nothing after it goes out meanwhile), so each record's changes arrive in order. The
endpoint's `cursor` moves past a change only after a 2xx (or when it is skipped), in the
transaction that logs the delivery: the change feed is the queue, and a process killed
mid-delivery loses nothing; the next one sends the change again, with the same
`webhook-id`. One process delivers to an endpoint at a time: on PostgreSQL it holds a
session advisory lock on the endpoint (on a connection of its own, so the lock goes
with the process); on SQLite one process of those sharing the file delivers, the one
holding an exclusive `flock` on `<database file>.webhooks-lock`.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import asyncpg
import httpx
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.transactions import in_transaction

from .. import db, feed
from ..auth.tokens import actor_of
from ..models import User, WebhookDelivery, WebhookEndpoint
from . import payload, signing, targets

log = logging.getLogger(__name__)

# The advisory lock class of endpoint locks ("whks"); the endpoint id is the object.
_LOCK_CLASS = 0x77686B73
BATCH = 100


_dispatchers: set["Dispatcher"] = set()


def wake() -> None:
    """Endpoints were added, enabled or replayed in this process: deliver now."""
    for dispatcher in list(_dispatchers):
        dispatcher._endpoints_changed.set()
    feed.written()


class Dispatcher:
    def __init__(self, service, settings=None) -> None:
        self.service = service
        self.settings = settings or service.settings
        self._runner: asyncio.Task | None = None
        self._draining: dict[int, asyncio.Task] = {}
        self._locks = (_PostgresLocks(db.asyncpg_dsn(self.settings.database_url)) if service.dialect == "postgres"
                       else _SqliteLock(expand_db_url(self.settings.database_url)["credentials"]["file_path"]))
        # One client per host: requests go to a checked address (targets.py), and a kept-alive
        # connection, whose TLS was checked for one host's name, must not carry another's.
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._endpoints_changed = asyncio.Event()

    async def start(self) -> None:
        self._runner = asyncio.create_task(self._run(), name="webhook-dispatcher")
        _dispatchers.add(self)

    async def stop(self) -> None:
        _dispatchers.discard(self)
        tasks = [task for task in [self._runner, *self._draining.values()] if task is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for client in self._clients.values():
            await client.aclose()
        await self._locks.close()

    async def _run(self) -> None:
        while True:
            mark = self.service.feed.mark()
            wait = None
            try:
                self._endpoints_changed.clear()
                if not await self._round():
                    # No endpoint: look again after the poll interval or when one is added
                    # here, whatever is written meanwhile (else a busy API would ask at every write).
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self._endpoints_changed.wait(), self.settings.feed_poll_seconds)
                    continue
                wait = await self._next_retry()
            except asyncio.CancelledError:
                raise
            except Exception:  # the next round tries again
                log.exception("webhook dispatch failed")
            await self.service.feed.wait(mark, timeout=wait)

    async def _round(self) -> bool:
        """Start draining every enabled endpoint not being drained here; False if none."""
        enabled = await WebhookEndpoint.filter(enabled=True).values_list("id", flat=True)
        self._draining = {key: task for key, task in self._draining.items() if not task.done()}
        for endpoint_id in enabled:
            task = self._draining.get(endpoint_id)
            if task is None or task.done():
                self._draining[endpoint_id] = asyncio.create_task(self._drain(endpoint_id))
        return bool(enabled)

    async def _next_retry(self) -> float | None:
        """How soon the earliest retry is due (None: wait for the feed)."""
        due = await WebhookDelivery.filter(status="pending", next_try__isnull=False,
                                           endpoint__enabled=True).order_by("next_try").first()
        if due is None:
            return None
        seconds = (due.next_try - datetime.now(timezone.utc)).total_seconds()
        return max(0.05, min(seconds, self.settings.feed_poll_seconds))

    async def _drain(self, endpoint_id: int) -> None:
        try:
            async with self._hold(endpoint_id) as held:
                if not held:
                    return  # another process delivers to it
                while True:
                    endpoint = await WebhookEndpoint.get_or_none(id=endpoint_id)
                    if endpoint is None or not endpoint.enabled:
                        return
                    changes = await feed.changes_after(endpoint.cursor, BATCH, entities=endpoint.entities,
                                                       kinds=endpoint.kinds)
                    if not changes:
                        return
                    for change in changes:
                        # The lock went with its connection: another process may deliver now.
                        if not self._locks.alive() or not await self._deliver(endpoint, change):
                            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("delivering to webhook endpoint %s failed", endpoint_id)

    @contextlib.asynccontextmanager
    async def _hold(self, endpoint_id: int):
        held = await self._locks.acquire(endpoint_id)
        try:
            yield held
        finally:
            if held:
                await self._locks.release(endpoint_id)

    async def _deliver(self, endpoint: WebhookEndpoint, change) -> bool:
        """Send one change (or skip it); True when the cursor moved past it."""
        delivery, _ = await WebhookDelivery.get_or_create(
            endpoint_id=endpoint.id, sequence=change.id,
            defaults={"webhook_id": signing.webhook_id(endpoint.id, change.id), "entity": change.entity,
                      "record_id": change.record_id})
        now = datetime.now(timezone.utc)
        if delivery.status in ("delivered", "skipped"):
            return await self._advance(endpoint, delivery)  # logged before a crash moved the cursor
        if delivery.next_try is not None and delivery.next_try > now:
            return False
        user = await User.get_or_none(id=endpoint.user_id)
        if user is None or not user.is_active:
            await self._disable(endpoint, f"its user {user.email if user else endpoint.user_id} is deactivated")
            return False
        current = self.service.current
        try:
            built = await payload.build(current, endpoint, change, await actor_of(user, current.policy))
        except payload.EndpointBroken as broken:
            await self._disable(endpoint, str(broken))
            return False
        if built.body is None:
            delivery.status, delivery.last_error = "skipped", built.skipped
            return await self._advance(endpoint, delivery)
        error = await self._send(endpoint, delivery.webhook_id, built.body, now)
        delivery.attempts += 1
        if error is None:
            delivery.status, delivery.delivered_at, delivery.last_error, delivery.next_try = "delivered", now, None, None
            return await self._advance(endpoint, delivery)
        delivery.last_error = error
        if delivery.attempts >= self.settings.webhook_max_attempts:
            delivery.status, delivery.next_try = "failed", None
            await delivery.save()
            await self._disable(endpoint, f"{delivery.attempts} attempts to deliver sequence {change.id} "
                                          f"({delivery.webhook_id}) failed, the last: {error}")
            return False
        delay = min(self.settings.webhook_backoff_seconds * 2 ** (delivery.attempts - 1),
                    self.settings.webhook_backoff_max_seconds)
        delivery.next_try = now + timedelta(seconds=delay)
        await delivery.save()
        return False

    async def _send(self, endpoint: WebhookEndpoint, message_id: str, body: bytes, now: datetime) -> str | None:
        """POST the body; None on a 2xx, else what went wrong."""
        secrets = [endpoint.secret]
        if endpoint.previous_secret and endpoint.previous_secret_until and endpoint.previous_secret_until > now:
            secrets.append(endpoint.previous_secret)
        headers = signing.headers(message_id, now, body, secrets)
        try:
            target = await targets.resolve(endpoint.url, self.settings)
        except targets.PrivateAddress as refused:
            return str(refused)
        except OSError as error:
            return f"{urlsplit(endpoint.url).hostname} does not resolve: {error}"
        try:
            response = await self._client(endpoint.url).post(
                target.url, content=body, headers={**headers, **target.headers}, extensions=target.extensions)
        except httpx.TimeoutException:
            return f"no answer within {self.settings.webhook_timeout_seconds:g} s"
        except httpx.HTTPError as error:
            return f"{type(error).__name__}: {error}"[:1000]
        if 200 <= response.status_code < 300:
            return None
        if response.is_redirect:
            return (f"HTTP {response.status_code} redirect to {response.headers.get('location', '?')[:500]} "
                    "(redirects are not followed)")
        return f"HTTP {response.status_code}"

    def _client(self, url: str) -> httpx.AsyncClient:
        host = urlsplit(url).netloc.rsplit("@", 1)[-1].lower()
        if host not in self._clients:
            # No redirects: a 3xx is a failed delivery (a body signed for one URL is not sent on).
            self._clients[host] = httpx.AsyncClient(timeout=self.settings.webhook_timeout_seconds,
                                                    follow_redirects=False)
        return self._clients[host]

    @staticmethod
    async def _advance(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> bool:
        """Log the delivery and move the cursor past it, in one transaction, if the cursor is
        still where this drain read it (a replay meanwhile wins: nothing is written)."""
        async with in_transaction() as conn:
            moved = await WebhookEndpoint.filter(id=endpoint.id, cursor=endpoint.cursor).using_db(conn).update(
                cursor=delivery.sequence)
            if not moved:
                return False
            await delivery.save(using_db=conn)
        endpoint.cursor = delivery.sequence
        return True

    @staticmethod
    async def _disable(endpoint: WebhookEndpoint, reason: str) -> None:
        log.warning("webhook endpoint %s disabled: %s", endpoint.id, reason)
        await WebhookEndpoint.filter(id=endpoint.id).update(enabled=False, disabled_reason=reason)


class _PostgresLocks:
    """Session advisory locks on one connection of this process's own: if the process
    dies, PostgreSQL ends the session and another process takes the endpoint over."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self._connection: asyncpg.Connection | None = None
        self._use = asyncio.Lock()  # one statement at a time on the connection

    async def acquire(self, endpoint_id: int) -> bool:
        async with self._use:
            if self._connection is None or self._connection.is_closed():
                self._connection = await asyncpg.connect(self.dsn)
            return await self._connection.fetchval("SELECT pg_try_advisory_lock($1, $2)", _LOCK_CLASS, endpoint_id)

    def alive(self) -> bool:
        return self._connection is not None and not self._connection.is_closed()

    async def release(self, endpoint_id: int) -> None:
        async with self._use:
            if self._connection is not None and not self._connection.is_closed():
                await self._connection.execute("SELECT pg_advisory_unlock($1, $2)", _LOCK_CLASS, endpoint_id)

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()


class _SqliteLock:
    """SQLite: the process that holds an exclusive lock on a file beside the database
    delivers to every endpoint; the others (`serve --workers N`) leave them alone. The
    operating system drops the lock with the process."""

    def __init__(self, database_file: str) -> None:
        self.path = f"{database_file}.webhooks-lock"
        self._fd: int | None = None

    async def acquire(self, endpoint_id: int) -> bool:
        if self._fd is None:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            self._fd = fd
        return True

    def alive(self) -> bool:
        return self._fd is not None

    async def release(self, endpoint_id: int) -> None:
        """Kept for the process's life: one process delivers to all endpoints."""

    async def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the lock
            self._fd = None
