"""Reading the change feed by sequence, and pruning it past its retention."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection
from datetime import datetime, timedelta, timezone

from ..models import Change

log = logging.getLogger(__name__)

# Readers that keep their place in the database (webhook endpoints), each as a function
# giving the last sequence handled by the one furthest behind, or None.
_holders: list[Callable[[], Awaitable[int | None]]] = []


def hold(furthest_behind: Callable[[], Awaitable[int | None]]) -> None:
    """Pruning keeps every change after `await furthest_behind()`: the feed is the queue of
    a reader that keeps its place in the database."""
    _holders.append(furthest_behind)


async def changes_after(sequence: int, limit: int = 500, entities: Collection[str] | None = None,
                        kinds: Collection[str] | None = None) -> list[Change]:
    """Changes with a sequence above `sequence`, oldest first, at most `limit`."""
    query = Change.filter(id__gt=sequence)
    if entities is not None:
        query = query.filter(entity__in=list(entities))
    if kinds is not None:
        query = query.filter(kind__in=list(kinds))
    return await query.order_by("id").limit(limit)


async def latest_sequence() -> int:
    """The newest committed change's sequence (0 for an empty feed)."""
    row = await Change.all().order_by("-id").first().values_list("id", flat=True)
    return row or 0


async def oldest_sequence() -> int | None:
    """The oldest change still kept: a reader resuming from before it has missed changes."""
    return await Change.all().order_by("id").first().values_list("id", flat=True)


async def prune(retention: timedelta) -> int:
    """Delete changes older than `retention`; returns how many. The newest change is
    always kept, so `latest_sequence` stays the feed's position for new readers, and so is
    every change a reader that `hold`s the feed has not handled yet."""
    newest = await latest_sequence()
    cutoff = datetime.now(timezone.utc) - retention
    places = [place for place in [await furthest_behind() for furthest_behind in _holders] if place is not None]
    keep_from = min([newest, *(place + 1 for place in places)])
    return await Change.filter(at__lt=cutoff, id__lt=keep_from).delete()


async def keep_pruned(retention: timedelta, every: float = 3600.0) -> None:
    """Prune the feed now and then, for as long as the process serves (every process may:
    the deletes do not conflict)."""
    while True:
        try:
            removed = await prune(retention)
            if removed:
                log.info("pruned %s changes older than %s from the feed", removed, retention)
        except asyncio.CancelledError:
            raise
        except Exception:  # the next round tries again; a larger feed harms nobody meanwhile
            log.exception("pruning the change feed failed")
        await asyncio.sleep(every)
