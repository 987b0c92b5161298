"""Create and update inputs of the entities, and turning them back into plain dicts."""

from __future__ import annotations

import enum
from typing import Any

import strawberry

from ..catalog import Catalog, Entity
from ..records import link_collections, link_input_name
from .factory import TypeFactory
from .scalars import value_type


class EntityInputs:
    def __init__(self, factory: TypeFactory, catalog: Catalog) -> None:
        self.create: dict[str, type] = {}
        self.update: dict[str, type] = {}
        for entity in catalog:
            if entity.read_only:
                continue
            for name in [entity.name] + [old for old, _ in entity.aliases]:
                self.create[name] = self._input(factory, catalog, entity, name, creating=True)
                self.update[name] = self._input(factory, catalog, entity, name, creating=False)

    @staticmethod
    def _input(factory: TypeFactory, catalog: Catalog, entity: Entity, name: str, *, creating: bool) -> type:
        fields: dict[str, Any] = {}
        for field in entity.fields:
            if not field.writable:
                continue
            type_ = value_type(factory, entity, field)
            non_null = creating and field.required and field.default is None
            fields[field.name] = strawberry.field(
                name=field.name, graphql_type=type_ if non_null else type_ | None,
                default=strawberry.UNSET, description=field.description,
            )
        for reference in entity.references:
            if not reference.writable:
                continue
            non_null = creating and reference.required
            fields[reference.input_name] = strawberry.field(
                name=reference.input_name,
                graphql_type=strawberry.ID if non_null else strawberry.ID | None,
                default=strawberry.UNSET,
                description=f"The ID of the {catalog[reference.target].name}.",
            )
        for collection in link_collections(entity):
            link_name = link_input_name(catalog, collection)
            fields[link_name] = strawberry.field(
                name=link_name, graphql_type=list[strawberry.ID] | None, default=strawberry.UNSET,
                description=f"Replaces the linked {catalog[collection.target].plural}.",
            )
        verb = "Create" if creating else "Update"
        return factory.input_type(f"{verb}{name}Input", fields)


def input_values(data: Any) -> dict[str, Any]:
    """The fields a client sent (UNSET ones left out), enums as their stored values."""
    values = {}
    for name, value in vars(data).items():
        if value is strawberry.UNSET:
            continue
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, list):
            value = [v.value if isinstance(v, enum.Enum) else v for v in value]
        values[name] = value
    return values
