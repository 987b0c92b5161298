"""The `Subscription` type: one field per entity name, `<singular>Changed(filter:, after:)`,
giving `<Name>Change { sequence kind id changedFields record }`, in the style of the query
fields (an old name kept by a rename keeps its field and types, deprecated). The events
come from `live.stream`; `record` is rendered by the entity's object type of this build,
so hidden fields, renames and plugin fields are the queries' own."""

from __future__ import annotations

from typing import Any, NewType

import strawberry
from graphql import GraphQLError
from strawberry.types.scalar import ScalarDefinition

from ...catalog import Catalog, Entity
from ...live.stream import KINDS, Event, changes
from .. import names
from ..context import context_of
from ..factory import TypeFactory
from ..filters import selection
from ..relay import make
from ..types import EntityTypes

# Sequences are 64-bit: written as strings of digits, like IDs (GraphQL's Int has 32 bits).
MAX_SEQUENCE = 2**63 - 1


def _parse_sequence(value: Any) -> int:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not text.isdigit() or int(text) > MAX_SEQUENCE:
        raise GraphQLError("a Sequence is a whole number from 0 to 2^63-1, as a string of digits",
                           extensions={"code": "VALIDATION"})
    return int(text)


Sequence = NewType("Sequence", int)
SCALARS = {Sequence: ScalarDefinition(
    name="Sequence", description="A position in the change feed (a 64-bit whole number, as a string of digits).",
    specified_by_url=None, serialize=str, parse_value=_parse_sequence, parse_literal=None, origin=Sequence)}


def subscription_type(factory: TypeFactory, catalog: Catalog, types: EntityTypes) -> type | None:
    kind = factory.enum_type("ChangeKind", KINDS, description=(
        "CREATE, UPDATE, DELETE, CONVERT: what the change did. REMOVED: the record left what this "
        "subscription shows you (your access rules or its filter). DELETE and REMOVED carry only the "
        "ID, and come only for records this subscription delivered before."))
    fields: dict[str, Any] = {}
    for entity in catalog:
        if entity.read_only:
            continue
        for name, _ in names.namings(entity):
            type_key = names.type_key(entity, name)
            change = _change_type(factory, entity, name, type_key, types, kind)
            singular = name[:1].lower() + name[1:]
            fields[f"changed__{name}"] = strawberry.subscription(
                name=f"{singular}Changed", graphql_type=change,
                resolver=_subscribe(entity, change, types.filters.filters[type_key]),
                description=(f"Changes of the {entity.name} records you may see (matching `filter`), as they "
                             "commit; from `after` (the last `sequence` you received) to resume."),
                deprecation_reason=None if name == entity.name else f"Renamed to `{entity.name}Changed`.")
    return factory.object_type("Subscription", fields) if fields else None


def _change_type(factory: TypeFactory, entity: Entity, name: str, type_key: str, types: EntityTypes, kind) -> type:
    def record(root, info: strawberry.Info):
        return None if root.row is None else types.node(entity, root.row, type_key)

    return factory.object_type(f"{name}Change", {
        "sequence": strawberry.field(graphql_type=Sequence, description="The change's position in the feed."),
        "kind": strawberry.field(graphql_type=kind),
        "id": strawberry.field(graphql_type=strawberry.ID, description="The record's global ID."),
        "changed_fields": strawberry.field(
            name="changedFields", graphql_type=list[str],
            description="The fields the change wrote (current names; fields hidden from you left out)."),
        "record": strawberry.field(
            graphql_type=types.objects[type_key] | None, resolver=record,
            description="The record as you may read it now; null for DELETE and REMOVED."),
    }, description=f"A committed change of a {entity.name}.")


def _subscribe(entity: Entity, change: type, filter_type: type):
    async def changed(info: strawberry.Info, filter=None, after=None):
        context = context_of(info)
        condition, _ = selection(context, entity, filter)  # as a list's filter; a bad one fails here
        async for event in changes(context, entity, condition, after):
            yield _event(change, event)

    changed.__annotations__ = {"info": strawberry.Info, "filter": filter_type | None, "after": Sequence | None,
                               "return": Any}
    return changed


def _event(change: type, event: Event):
    return make(change, {"sequence": event.sequence, "kind": event.kind, "id": event.id,
                         "changed_fields": event.changed_fields, "row": event.row})
