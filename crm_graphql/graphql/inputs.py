"""Create and update inputs of the entities, and turning them back into plain dicts."""

from __future__ import annotations

import enum
from typing import Any

import strawberry

from ..catalog import Catalog, Entity
from ..errors import ValidationError
from ..records import link_collections, link_input_name
from . import names
from .factory import TypeFactory
from .scalars import value_type


class EntityInputs:
    def __init__(self, factory: TypeFactory, catalog: Catalog) -> None:
        self.create: dict[str, type] = {}
        self.update: dict[str, type] = {}
        for entity in catalog:
            if entity.read_only:
                continue
            for name, _ in names.namings(entity):
                self.create[name] = self._input(factory, catalog, entity, name, creating=True)
                self.update[name] = self._input(factory, catalog, entity, name, creating=False)

    @staticmethod
    def _input(factory: TypeFactory, catalog: Catalog, entity: Entity, name: str, *, creating: bool) -> type:
        fields: dict[str, Any] = {}
        # Old names kept after a rename -> the current names the writer takes.
        renamed: dict[str, str] = {}
        for field in entity.fields:
            if not field.writable:
                continue
            type_ = value_type(factory, entity, field)
            # With old names, either name may be given: the writer checks that one is.
            non_null = creating and field.required and field.default is None and not names.old_names(entity, field.name)
            fields[field.name] = strawberry.field(
                name=field.name, graphql_type=type_ if non_null else type_ | None,
                default=strawberry.UNSET, description=field.description,
            )
            for old in names.old_names(entity, field.name):
                # Optional: the current name may be given instead.
                fields[old] = strawberry.field(name=old, graphql_type=type_ | None, default=strawberry.UNSET,
                                               deprecation_reason=f"Use `{field.name}`.")
                renamed[old] = field.name
        for reference in entity.references:
            if not reference.writable:
                continue
            non_null = creating and reference.required and not names.old_names(entity, reference.name)
            fields[reference.input_name] = strawberry.field(
                name=reference.input_name,
                graphql_type=strawberry.ID if non_null else strawberry.ID | None,
                default=strawberry.UNSET,
                description=f"The ID of the {catalog[reference.target].name}.",
            )
            for old in names.old_names(entity, reference.name):
                fields[f"{old}Id"] = strawberry.field(
                    name=f"{old}Id", graphql_type=strawberry.ID | None, default=strawberry.UNSET,
                    deprecation_reason=f"Use `{reference.input_name}`.")
                renamed[f"{old}Id"] = reference.input_name
        for collection in link_collections(entity):
            link_name = link_input_name(catalog, collection)
            fields[link_name] = strawberry.field(
                name=link_name, graphql_type=list[strawberry.ID] | None, default=strawberry.UNSET,
                description=f"Replaces the linked {catalog[collection.target].plural}.",
            )
            if collection.input_name is None:
                # `opportunityIds` stays after Opportunity became Deal (`dealIds`).
                for old, _ in catalog[collection.target].aliases:
                    old_name = f"{old[:1].lower()}{old[1:]}Ids"
                    fields[old_name] = strawberry.field(
                        name=old_name, graphql_type=list[strawberry.ID] | None, default=strawberry.UNSET,
                        deprecation_reason=f"Use `{link_name}`.")
                    renamed[old_name] = link_name
        verb = "Create" if creating else "Update"
        input_type = factory.input_type(f"{verb}{name}Input", fields)
        input_type._crm_renamed = renamed
        return input_type


def input_values(data: Any) -> dict[str, Any]:
    """The fields a client sent (UNSET ones left out) under their current names, enums as
    their stored values."""
    renamed = getattr(type(data), "_crm_renamed", {})
    values = {}
    for name, value in vars(data).items():
        if value is strawberry.UNSET:
            continue
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, list):
            value = [v.value if isinstance(v, enum.Enum) else v for v in value]
        current = renamed.get(name, name)
        if current in values:
            old = name if current != name else next(o for o, n in renamed.items() if n == current)
            raise ValidationError(f"`{old}` is the old name of `{current}`: give one of them", field=old)
        values[current] = value
    return values
