"""The timeline of an account, person, lead, opportunity or target: its activities, stage
changes, conversions, audit entries and attachments, newest first, a page at a time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from .. import auth
from ..catalog import Entity
from ..errors import ValidationError
from ..models import OpportunityStageChange
from ..query.pages import PageArgs, page_info
from ..query.reader import Reader
from ..query.timeline import TIMELINE_ENTITIES, TimelineQuery, TimelineSource
from ..query.values import column_decoder
from . import attachments
from .lookup import visible


class TimelineKind(str, Enum):
    ACTIVITY = "ACTIVITY"
    STAGE_CHANGE = "STAGE_CHANGE"
    CONVERSION = "CONVERSION"
    AUDIT = "AUDIT"
    ATTACHMENT = "ATTACHMENT"


SOURCES = {
    TimelineKind.ACTIVITY: (TimelineSource.ACTIVITY,),
    TimelineKind.STAGE_CHANGE: (TimelineSource.STAGE_CHANGE,),
    TimelineKind.CONVERSION: (TimelineSource.LEAD_CONVERSION, TimelineSource.TARGET_CONVERSION),
    TimelineKind.AUDIT: (TimelineSource.AUDIT,),
    TimelineKind.ATTACHMENT: (TimelineSource.ATTACHMENT,),
}
KIND_OF_SOURCE = {source: kind for kind, sources in SOURCES.items() for source in sources}
# Who made an event happen, in its row (a conversion does not say).
USER_COLUMNS = {TimelineSource.ACTIVITY: "owner_id", TimelineSource.STAGE_CHANGE: "user_id",
                TimelineSource.AUDIT: "user_id", TimelineSource.ATTACHMENT: "uploaded_by_id"}
# The catalog entity whose rows the Reader loads for an event (under the actor's rules).
ENTITY_OF_SOURCE = {TimelineSource.ACTIVITY: "Activity", TimelineSource.LEAD_CONVERSION: "Lead",
                    TimelineSource.TARGET_CONVERSION: "Target", TimelineSource.AUDIT: "AuditEntry"}


@dataclass
class TimelineEvent:
    kind: TimelineKind
    at: datetime
    cursor: str
    # The row behind the event: an activity, stage change, converted lead or target, audit
    # entry or attachment.
    source: TimelineSource
    row: dict
    # A line saying what happened, and who did it (when it is known).
    summary: str
    user_id: int | None


@dataclass
class TimelinePage:
    events: list[TimelineEvent]
    # `pageInfo` by GraphQL name (`pages.page_info`).
    info: dict[str, Any]
    count: Callable[[], Awaitable[int]]


async def timeline(reader: Reader, actor: auth.Actor, entity: Entity, pk: int, args: PageArgs,
                   kinds: list[TimelineKind] | None = None) -> TimelinePage:
    if entity.key not in TIMELINE_ENTITIES:
        names = ", ".join(reader.catalog[key].plural for key in TIMELINE_ENTITIES)
        raise ValidationError(f"{entity.plural} have no timeline; {names} have one", field="recordId")
    await visible(reader, actor, entity, pk, field="recordId")
    sources = [source for kind in (list(TimelineKind) if kinds is None else kinds) for source in SOURCES[kind]]
    query = TimelineQuery(reader.catalog, reader.dialect, actor, entity.key, pk, sources)

    async def count() -> int:
        statement = query.count()
        return 0 if statement is None else (await reader.fetch(statement))[0]["n"]

    statement = query.page(args)
    rows = [] if statement is None else TimelineQuery.rows(await reader.fetch(statement))
    shown = rows[: args.size]
    details = await _details(reader, actor, shown)
    decode = column_decoder("datetime", reader.dialect) or (lambda value: value)
    events = []
    for row in shown:
        detail = details[row.source].get(row.id)
        # A row deleted since the page was read has no details: it is left out.
        if detail is not None:
            user_id = detail[USER_COLUMNS[row.source]] if row.source in USER_COLUMNS else None
            events.append(TimelineEvent(KIND_OF_SOURCE[row.source], decode(row.at), row.cursor, row.source, detail,
                                        _summary(row.source, detail), user_id))
    cursors = [event.cursor for event in events]
    info = page_info(args, len(rows) > args.size, cursors[0] if cursors else None, cursors[-1] if cursors else None)
    return TimelinePage(events, info, count=count)


async def _details(reader: Reader, actor: auth.Actor, rows) -> dict[TimelineSource, dict[int, dict]]:
    """The rows behind the events, one statement per source."""
    wanted: dict[TimelineSource, list[int]] = defaultdict(list)
    for row in rows:
        wanted[row.source].append(row.id)
    found: dict[TimelineSource, dict[int, dict]] = defaultdict(dict)
    for source, pks in wanted.items():
        if source in ENTITY_OF_SOURCE:
            found[source] = await reader.by_pks(reader.catalog[ENTITY_OF_SOURCE[source]], actor, pks)
        elif source is TimelineSource.STAGE_CHANGE:
            changes = await OpportunityStageChange.filter(id__in=pks).values()
            found[source] = {row["id"]: row for row in changes}
        else:
            found[source] = await attachments.by_pks(pks)
    return found


def _summary(source: TimelineSource, row: dict) -> str:
    if source is TimelineSource.ACTIVITY:
        done = " (done)" if row["kind"] == "TASK" and row["done"] else ""
        return f"{row['kind'].capitalize()}: {row['subject']}{done}"
    if source is TimelineSource.STAGE_CHANGE:
        return f"Stage changed from {row['from_stage_name']} to {row['to_stage_name']}"
    if source is TimelineSource.LEAD_CONVERSION:
        return f"Lead {_name(row)} converted"
    if source is TimelineSource.TARGET_CONVERSION:
        return f"Target {_name(row)} converted to a lead"
    if source is TimelineSource.AUDIT:
        changed = ", ".join(row["changes"] or {})
        return f"{row['action'].capitalize()}: {changed}" if changed else row["action"].capitalize()
    return f"File attached: {row['filename']}"


def _name(row: dict) -> str:
    person = " ".join(part for part in (row["first_name"], row["last_name"]) if part)
    return person or row["company_name"] or row["email"] or "without a name"
