"""Tasks: completing one, and the list of a user's tasks due in a date range."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from .. import auth
from ..errors import ValidationError
from ..ids import to_global_id
from ..models import ActivityKind
from ..query.pages import PageArgs
from ..query.reader import Page, Reader
from .lookup import visible

if TYPE_CHECKING:
    from ..records import Writer

# Soonest due first; tasks without a due date last.
DUE_ORDER = [{"field": "dueDate", "direction": "ASC", "nulls": "LAST"}]


async def complete_task(writer: Writer, reader: Reader, actor: auth.Actor, pk: int, version: int | None) -> None:
    """Marks the task done, at the time it was done. Without `version`, the task's current
    version is taken: completing is the same change whoever made the last one."""
    entity = writer.catalog["Activity"]
    task = await visible(reader, actor, entity, pk)
    if task["kind"] != ActivityKind.TASK.value:
        raise ValidationError(f"only tasks can be completed; this activity is a {task['kind']}", field="id")
    if task["done"]:
        return
    await writer.update(entity, actor, pk, task["version"] if version is None else version,
                        {"done": True, "occurredAt": datetime.now(timezone.utc)})


def my_tasks_filter(actor: auth.Actor, due_from: date | None, due_to: date | None, done: bool | None) -> dict:
    """The filter of the actor's tasks (assigned to them, or theirs and assigned to nobody)
    due in the range; `done` None takes open and done ones."""
    me = to_global_id("User", actor.user_id)
    filter: dict = {
        "kind": {"eq": ActivityKind.TASK.value},
        "or": [{"assigneeId": {"eq": me}}, {"assigneeId": {"isNull": True}, "ownerId": {"eq": me}}],
    }
    due = {name: value for name, value in (("gte", due_from), ("lte", due_to)) if value is not None}
    if due:
        filter["dueDate"] = due
    if done is not None:
        filter["done"] = {"eq": done}
    return filter


async def my_tasks(reader: Reader, actor: auth.Actor, args: PageArgs, due_from: date | None = None,
                   due_to: date | None = None, done: bool | None = False):
    """A page of the actor's tasks, soonest due first, and a coroutine function counting them all."""
    entity = reader.catalog["Activity"]
    condition = reader.filter_sql(entity, actor, my_tasks_filter(actor, due_from, due_to, done))
    order = reader.order_terms(entity, DUE_ORDER, actor)
    page: Page = await reader.page(entity, actor, args, filter=condition, order=order)
    return page, lambda: reader.count(entity, actor, filter=condition)
