"""`closeOpportunity`: an opportunity won or lost, its stage change kept."""

from __future__ import annotations

from typing import Any

import strawberry

from ...catalog import Catalog
from ...errors import NotFoundError
from ...journey import pipeline
from ...journey.lookup import entity_pk
from ...records import Writer
from ..context import context_of
from ..types import EntityTypes
from .loading import node


def mutation_fields(catalog: Catalog, types: EntityTypes, writer: Writer) -> dict[str, Any]:
    opportunities = catalog["Opportunity"]

    async def close_opportunity(info: strawberry.Info, id: strawberry.ID, won: bool, version: int):
        context = context_of(info)
        pk = entity_pk(opportunities, id)
        await pipeline.close_opportunity(writer, context.reader, context.actor, pk, version, won)
        closed = await node(info, types, "Opportunity", pk)
        if closed is None:
            raise NotFoundError(f"the {opportunities.name} was closed but is not visible to you", field="id")
        return closed

    return {
        "close_opportunity": strawberry.field(
            resolver=close_opportunity, graphql_type=types.objects["Opportunity"],
            description="Moves an open opportunity to the first won (or lost) pipeline stage and sets its "
                        "close date to today; `version` must be the version you read."),
    }
