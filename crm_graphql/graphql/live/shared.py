"""Subscriptions that would get the same messages share one stream: those of one token,
with one document and variables (and no `after`, which gives each its own replay). The
first runs the stream (across schema builds, see transport.py); the others get copies of
its results from when they joined. 100 browser tabs of one user watching accounts cost one read and one
execution per change, not 100 (bench/live.py). A shared stream's REMOVED and DELETE
events follow what the stream delivered, so a member that joined later may hear that a
record it was never sent went away (a record its user may see: nothing is revealed).

The stream does not wait for its subscribers: each has a queue of results waiting to be
sent. One whose client stops reading (sending to it waits) would grow it with every change,
so at CRM_LIVE_QUEUE_LIMIT results its queue is dropped and it ends with SUBSCRIBER_TOO_SLOW,
naming the last sequence it was sent (to resume from with `after`); the others go on."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Callable

import orjson
from graphql import FieldNode, GraphQLError, OperationDefinitionNode, parse
from strawberry.types.execution import PreExecutionError

from ...errors import SubscriberTooSlowError
from ...live.stream import Resume

_END = object()


class _Behind:
    """Put in place of what waited for a subscriber that fell too far behind: it ends with
    SUBSCRIBER_TOO_SLOW. `before` is the sequence just before the first result dropped."""

    def __init__(self, before: int | None) -> None:
        self.before = before


class Shared:
    """One stream and the queues of the subscriptions that get its results, each result
    queued with its sequence."""

    def __init__(self, streams: "SharedStreams", key: tuple | None, start: Callable[[Resume], AsyncIterator]) -> None:
        self.streams, self.key, self.state = streams, key, Resume()
        self.queues: set[asyncio.Queue] = set()
        self.ended = False
        self.first = self._queue()  # the creator's: it gets the stream's first result, errors included
        self.task = asyncio.ensure_future(self._pump(start(self.state)))

    def _queue(self) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self.queues.add(queue)
        return queue

    async def _pump(self, source: AsyncIterator) -> None:
        limit = self.streams.limit
        try:
            async with contextlib.aclosing(source):
                async for result in source:
                    # The stream records an event's sequence before yielding it (live/stream.py),
                    # and waits while its result is made and handed out here.
                    item = (self.state.after, result)
                    for queue in list(self.queues):
                        if queue.qsize() < limit:
                            queue.put_nowait(item)
                        else:
                            self._drop(queue)
                    if not self.queues:
                        return  # every subscriber fell behind: nobody is left to read for
        finally:
            self.ended = True
            if self.streams.running.get(self.key) is self:
                del self.streams.running[self.key]
            for queue in self.queues:
                queue.put_nowait(_END)

    def _drop(self, queue: asyncio.Queue) -> None:
        """A subscriber `limit` results behind (its client stopped reading, and sending to it
        waits): what waits for it goes, so it holds no more memory, and it ends with an error
        once its sends go through. The stream's other subscribers go on."""
        self.queues.discard(queue)
        oldest, _ = queue.get_nowait()
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(_Behind(None if oldest is None else oldest - 1))

    async def results(self, queue: asyncio.Queue) -> AsyncIterator:
        sent: int | None = None  # the sequence of the last result sent
        try:
            while (item := await queue.get()) is not _END:
                if isinstance(item, _Behind):
                    yield self._too_slow(sent if sent is not None else item.before)
                    return
                sequence, result = item
                yield result  # back here once the transport sent it
                sent = sequence if sequence is not None else sent
        finally:
            self.queues.discard(queue)
            if not self.queues and not self.ended:
                self.task.cancel()

    def _too_slow(self, sequence: int | None) -> PreExecutionError:
        """The error ending a subscriber that fell behind; `sequence` is the last it was sent
        (or, none sent, the one before the first dropped): `after` it, nothing is missed."""
        limit = self.streams.limit
        resume = f'subscribe again with `after: "{sequence}"` to get every change after the last one sent' \
            if sequence is not None else "subscribe again"
        error = SubscriberTooSlowError(
            f"this subscription fell {limit} messages behind (its client stopped reading) and has ended; "
            f"what waited for it was dropped: {resume}",
            limit=limit, sequence=None if sequence is None else str(sequence))
        # Sent as an `error` message: the subscription is over, like one refused.
        return PreExecutionError(data=None, errors=[GraphQLError(error.message, extensions=error.extensions)])


class SharedStreams:
    def __init__(self, limit: int) -> None:
        self.running: dict[tuple, Shared] = {}
        # How many results may wait for one subscriber (CRM_LIVE_QUEUE_LIMIT).
        self.limit = limit

    async def results(self, key: tuple | None, start: Callable[[Resume], AsyncIterator]) -> AsyncIterator:
        """The results for one subscription: of the running stream with its key, or of a new
        one, `start(state)`."""
        shared = self.running.get(key) if key is not None else None
        if shared is not None:
            # Join once it runs (its document passed every check): a stream that ends
            # before that ends with its errors, and this subscription runs its own.
            started = asyncio.ensure_future(shared.state.started.wait())
            await asyncio.wait([started, shared.task], return_when=asyncio.FIRST_COMPLETED)
            started.cancel()
            if shared.state.started.is_set() and not shared.ended:
                return shared.results(shared._queue())
        shared = Shared(self, key, start)
        if key is not None:
            self.running[key] = shared
        return shared.results(shared.first)


def sharing_key(authorization: str | None, query: str, variables: dict | None,
                operation_name: str | None) -> tuple | None:
    """What makes two subscriptions' messages the same; None for one that resumes (`after`),
    or whose message is malformed (its own stream reports that)."""
    if not isinstance(query, str) or not (operation_name is None or isinstance(operation_name, str)):
        return None
    if _resumes(query, operation_name):
        return None
    return (authorization, query, orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS), operation_name)


@functools.lru_cache(maxsize=1024)
def _resumes(query: str, operation_name: str | None) -> bool:
    """Whether the operation's root field has an `after` argument (or the document does not
    parse: its own stream reports that)."""
    try:
        document = parse(query, no_location=True)
    except GraphQLError:
        return True
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (
                operation_name is None or (definition.name and definition.name.value == operation_name)):
            return any(isinstance(s, FieldNode) and any(a.name.value == "after" for a in s.arguments or ())
                       for s in definition.selection_set.selections) or any(
                not isinstance(s, FieldNode) for s in definition.selection_set.selections)
    return True
