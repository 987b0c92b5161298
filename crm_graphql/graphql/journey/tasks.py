"""`myTasks` and `completeTask`."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from ...catalog import Catalog
from ...errors import NotFoundError
from ...journey import tasks
from ...journey.lookup import entity_pk
from ...records import Writer
from ..context import context_of
from ..types import EntityTypes
from .loading import forward_page, node


def query_fields(catalog: Catalog, types: EntityTypes) -> dict[str, Any]:
    connection = types.connections["Activity"]

    async def my_tasks(info: strawberry.Info, due_from: date | None = None, due_to: date | None = None,
                       done: bool | None = False, first: int | None = None, after: str | None = None):
        context = context_of(info)
        page, count = await tasks.my_tasks(context.reader, context.actor, forward_page(info, first, after),
                                           due_from, due_to, done)
        return connection.build(page, count)

    return {
        "my_tasks": strawberry.field(
            resolver=my_tasks, graphql_type=connection.connection,
            description="Your tasks (assigned to you, or yours and assigned to nobody) due from `dueFrom` to "
                        "`dueTo`, soonest first: the open ones, or done ones with `done: true`, or all "
                        "with `done: null`."),
    }


def mutation_fields(catalog: Catalog, types: EntityTypes, writer: Writer) -> dict[str, Any]:
    activities = catalog["Activity"]

    async def complete_task(info: strawberry.Info, id: strawberry.ID, version: int | None = None):
        context = context_of(info)
        pk = entity_pk(activities, id)
        await tasks.complete_task(writer, context.reader, context.actor, pk, version)
        task = await node(info, types, "Activity", pk)
        if task is None:
            raise NotFoundError("the task was completed but is not visible to you", field="id")
        return task

    return {
        "complete_task": strawberry.field(
            resolver=complete_task, graphql_type=types.objects["Activity"],
            description="Marks a task done, now. `version`, if given, must be the version you read."),
    }
