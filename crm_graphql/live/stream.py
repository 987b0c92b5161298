"""One subscription's events: what it missed since `after` (read from the feed), then what
the hub hands out, each change once, in sequence order, without gaps or duplicates (a
stream that falls behind the hub reads what it missed from the feed, see hub.py).

Each change is judged for the subscriber when it is delivered, by the schema build then
current: the record is read as the subscriber through the reader's ordinary statement
(their access predicate and the subscription's `filter`), and the GraphQL layer renders it
with the build's types (hidden fields, renames, plugin fields, as in a query). A record
they may not see, or that does not match the filter, gives no event; one this
subscription delivered before gives a REMOVED (or, deleted, a DELETE) with its ID only.
When the build changes (a plugin or rule change), or users or tokens change (a role, a
territory: auth/tokens.py), the stream ends with `Resume.restart` set and the transport
starts it again, on the current build and as the subscriber is now, from the last change
handled."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from .. import auth, feed
from ..auth import tokens
from ..catalog import Entity
from ..errors import SequenceExpiredError
from ..ids import to_global_id
from ..models import Change
from ..query.sql import SQL

# The kinds an event may have: the change's own (the feed's kinds upper-cased), or REMOVED.
KINDS = ("CREATE", "UPDATE", "DELETE", "CONVERT", "REMOVED")
REPLAY_BATCH = 500


@dataclass
class Event:
    sequence: int
    kind: str
    id: str
    changed_fields: list[str]
    row: dict | None


@dataclass
class Resume:
    """What one subscription keeps across schema builds."""

    # The last change handled; None until the subscription has started.
    after: int | None = None
    # Records this subscription delivered (and has not told removed since).
    delivered: set[int] = field(default_factory=set)
    # Set when the stream ended because the schema build or users changed.
    restart: bool = False
    # Set once the stream runs: its document passed every check (see graphql/live/shared.py).
    started: asyncio.Event = field(default_factory=asyncio.Event)


async def changes(context, entity: Entity, condition: SQL | None, after: int | None) -> AsyncIterator[Event]:
    """The events of one subscription to `entity`'s changes matching `condition` (the
    subscription's filter, compiled for the subscriber by this build's reader)."""
    service, state = context.service, context.live
    state.started.set()
    reader = context.reader
    if state.after is not None:
        after = state.after
    elif after is not None:
        await _check_retained(after)
    # A change to users or tokens (a role, a territory) restarts the stream, which
    # authenticates its subscriber again: events are judged as the subscriber is now.
    users = tokens.recent.generation
    listener = await service.live.join()
    try:
        last = after if after is not None else await feed.latest_sequence()
        while True:
            while last < listener.start:  # replay: what was committed before joining the hub
                rows = [row for row in await feed.changes_after(last, REPLAY_BATCH, entities=[entity.key])
                        if row.id <= listener.start]
                if not rows:
                    break
                for row in rows:
                    if reader is not service.current.reader or tokens.recent.generation != users:
                        state.after, state.restart = last, True
                        return
                    event = await _judge(context, entity, condition, row, Rounds())
                    last = state.after = row.id
                    if event is not None:
                        yield event
            last = state.after = max(last, listener.start)
            while (batch := await listener.next()) is not None:
                for row in batch.rows:
                    if row.id <= last:
                        continue
                    if reader is not service.current.reader or tokens.recent.generation != users:
                        state.after, state.restart = last, True
                        return
                    event = await _judge(context, entity, condition, row, batch.rounds) \
                        if row.entity == entity.key else None
                    last = state.after = row.id
                    if event is not None:
                        yield event
            # Fell behind the hub, which dropped our batches: read them from the feed, as a
            # stream that joins late does, and join again.
            service.live.leave(listener)
            listener = await service.live.join()
    finally:
        service.live.leave(listener)


async def _check_retained(after: int) -> None:
    oldest = await feed.oldest_sequence()
    if oldest is not None and after + 1 < oldest:
        raise SequenceExpiredError(
            f"the changes after sequence {after} are no longer kept (the oldest is {oldest}; the feed "
            "keeps CRM_FEED_RETENTION_DAYS days): read the records again, then subscribe without `after`",
            field="after", oldest=str(oldest))


async def _judge(context, entity: Entity, condition: SQL | None, change: Change, rounds: "Rounds") -> Event | None:
    """The event the subscriber gets for `change`, or None."""
    state, actor, pk = context.live, context.actor, change.record_id
    global_id = to_global_id(entity.key, pk)
    if change.kind == "delete":
        if pk not in state.delivered:
            return None
        state.delivered.discard(pk)
        return Event(change.id, "DELETE", global_id, [], None)
    row = await rounds.judge(context.reader, entity, actor, condition, change)
    if row is None:
        if pk not in state.delivered:
            return None
        state.delivered.discard(pk)
        return Event(change.id, "REMOVED", global_id, [], None)
    state.delivered.add(pk)
    # A fresh request's worth of DataLoaders for each event: their cache would be stale.
    context._loaders.clear()
    return Event(change.id, change.kind.upper(), global_id, _changed_fields(actor, entity, change), row)


class Rounds:
    """The subscriptions judging one change share one statement (`Reader.matches`): the
    first opens a round, the others handed the same batch join it before it runs (a turn
    of the event loop later), each with its actor's access predicate and its filter."""

    def __init__(self) -> None:
        self._open: dict[tuple, _Round] = {}

    async def judge(self, reader, entity: Entity, actor: auth.Actor, condition: SQL | None,
                    change: Change) -> dict | None:
        """The record as `actor` reads it, if they may and it matches `condition`."""
        key = (id(reader), change.id)
        round_ = self._open.get(key)
        if round_ is None:
            round_ = self._open[key] = _Round(reader, entity, change.record_id)
            round_.task = asyncio.ensure_future(self._run(key, round_))
        index = round_.add(actor, condition)
        row, found = await asyncio.shield(round_.task)
        # Each subscription renders its own copy (resolvers may read the row, never share it).
        return dict(row) if found[index] else None

    async def _run(self, key: tuple, round_: "_Round") -> tuple[dict | None, list[bool]]:
        for _ in range(2):  # the batch's other subscribers, woken with this one, join first
            await asyncio.sleep(0)
        del self._open[key]  # later comers open a round of their own
        return await round_.reader.matches(round_.entity, round_.pk, round_.checks)


class _Round:
    def __init__(self, reader, entity: Entity, pk: int) -> None:
        self.reader, self.entity, self.pk = reader, entity, pk
        self.checks: list[tuple[auth.Actor, SQL | None]] = []
        self._indexes: dict[tuple, int] = {}
        self.task: asyncio.Future | None = None

    def add(self, actor: auth.Actor, condition: SQL | None) -> int:
        """The index of the check's flag (the same actor and filter share one)."""
        key = (actor.user_id, actor.role, actor.territory_ids, actor.excluded_territory_ids, id(actor.policy),
               None if condition is None else (condition.text, tuple(map(repr, condition.params))))
        if key not in self._indexes:
            self._indexes[key] = len(self.checks)
            self.checks.append((actor, condition))
        return self._indexes[key]


def _changed_fields(actor: auth.Actor, entity: Entity, change: Change) -> list[str]:
    """The current names of the fields the change wrote, those hidden from the actor left out."""
    found = []
    for key in change.changes:
        field_ = entity.field_by_key(key)
        if field_ is not None:
            if not auth.field_hidden(actor, entity, field_):
                found.append(field_.name)
            continue
        reference = next((r for r in entity.references if r.column == key), None)
        if reference is not None:
            found.append(reference.name)
    return found
