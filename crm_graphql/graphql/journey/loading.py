"""What the journey's resolvers share: records loaded as their GraphQL types, page arguments."""

from __future__ import annotations

import strawberry

from ...query.pages import PageArgs, page_args
from ..context import context_of
from ..types import EntityTypes


async def node(info: strawberry.Info, types: EntityTypes, entity_key: str, pk: int | None):
    """The record as its object type, batched per request; None if missing or hidden."""
    if pk is None:
        return None
    entity = types.catalog[entity_key]
    return types.node(entity, await context_of(info).records(entity).load(pk))


async def interface_node(info: strawberry.Info, types: EntityTypes, entity_key: str, pk: int | None):
    """`node` for a field whose type is an interface (see `EntityTypes.interface_node`)."""
    if pk is None:
        return None
    entity = types.catalog[entity_key]
    return types.interface_node(info, entity, await context_of(info).records(entity).load(pk))


def forward_page(info: strawberry.Info, first: int | None, after: str | None) -> PageArgs:
    settings = context_of(info).settings
    return page_args(first, after, None, None, default_size=settings.default_page_size,
                     max_size=settings.max_page_size)
