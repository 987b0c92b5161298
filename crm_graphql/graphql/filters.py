"""Filter and order inputs of the list queries and nested connections, generated per entity
from the catalog (plugin fields included), and their conversion back into the plain
dicts that `query/` compiles to SQL.

`AccountFilter` has `and`, `or`, `not`, `id`, one operator input per filterable field
(`StringFilter`, `DecimalFilter`, `BillingStageFilter`, ...), `<reference>` with the
target's filter, `<reference>Id`, and `<collection>` with `some`/`none`/`every`. Filter
inputs refer to each other in cycles, so those fields are typed once all exist.
`AccountOrder` is `{field: AccountOrderField!, direction: OrderDirection, nulls: NullsOrder}`.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from ..catalog import Catalog, Entity, Field
from ..query.filters import OPERATORS
from ..query.pages import orderable
from .factory import TypeFactory, alias_key
from .scalars import enum_name, value_type

SCALAR_FILTERS = {
    "text": ("StringFilter", str), "email": ("StringFilter", str), "url": ("StringFilter", str),
    "int": ("IntFilter", int), "number": ("FloatFilter", float), "money": ("DecimalFilter", Decimal),
    "date": ("DateFilter", date), "datetime": ("DateTimeFilter", datetime),
    "boolean": ("BooleanFilter", bool), "id": ("IDFilter", strawberry.ID),
}
_DESCRIPTIONS = {
    "eq": "Equal to.", "ne": "Not equal to (records without a value match too).",
    "in": "One of these.", "notIn": "None of these (records without a value match too).",
    "lt": "Less than.", "lte": "Less than or equal to.", "gt": "Greater than.",
    "gte": "Greater than or equal to.", "contains": "Contains this text, ignoring case.",
    "startsWith": "Starts with this text, ignoring case.", "isNull": "Has no value (true) or has one (false).",
}


class EntityFilters:
    """Every entity's filter and order inputs, for one schema build."""

    def __init__(self, factory: TypeFactory, catalog: Catalog) -> None:
        self.factory = factory
        self.catalog = catalog
        self.filters: dict[str, type] = {}
        self.orders: dict[str, type] = {}
        self._relations: dict[str, type] = {}
        self.direction = factory.enum_type("OrderDirection", ("ASC", "DESC"))
        self.nulls = factory.enum_type(
            "NullsOrder", ("FIRST", "LAST"),
            description="Where records without a value go; by default last ascending, first descending.",
        )
        for entity in catalog:
            # A renamed entity's old names get their own inputs (`DeliveryFilter`), so that
            # documents declaring variables of those types keep validating.
            for key, name in [(entity.key, entity.name)] + [(alias_key(old), old) for old, _ in entity.aliases]:
                self.filters[key] = self._filter_input(entity, key, name)
                self.orders[key] = self._order_input(entity, name)

    def arguments(self, entity: Entity, type_key: str | None = None) -> dict[str, Any]:
        """Annotations of the `filter`, `order_by` and `search` arguments of a list resolver
        (under the entity's old name for `type_key` of an alias)."""
        key = type_key or entity.key
        return {
            "filter": self.filters[key] | None,
            "order_by": list[self.orders[key]] | None,
            "search": str | None,
        }

    # -- filters -----------------------------------------------------------------------

    def _filter_input(self, entity: Entity, key: str, name: str) -> type:
        own = lambda: self.filters[key]  # noqa: E731
        fields: dict[str, Any] = {
            "f__and": self._later(lambda: list[own()] | None, "and", "Every one of these matches."),
            "f__or": self._later(lambda: list[own()] | None, "or", "At least one of these matches."),
            "f__not": self._later(lambda: own() | None, "not", "This does not match."),
            "f__id": self._input_field("id", self._operators("id"), "The record's ID."),
        }
        for f in entity.fields:
            if f.filterable:
                fields[f"f__{f.name}"] = self._input_field(f.name, self._field_operators(entity, f), f.description)
        for reference in entity.references:
            target = reference.target
            fields[f"f__{reference.name}"] = self._later(
                lambda target=target: self.filters[target] | None, reference.name,
                f"The {self.catalog[target].name} matches (and is visible to you).",
            )
            fields[f"f__{reference.input_name}"] = self._input_field(
                reference.input_name, self._operators("id"), f"The ID of the {self.catalog[target].name}.",
            )
        for collection in entity.collections:
            fields[f"f__{collection.name}"] = self._input_field(
                collection.name, self._relation_input(collection.target), None,
            )
        return self.factory.input_type(
            f"{name}Filter", fields,
            description=f"Which {entity.plural} to return; all entries must match.",
        )

    def _relation_input(self, target_key: str) -> type:
        if target_key not in self._relations:
            target = self.catalog[target_key]
            thunk = lambda: self.filters[target_key] | None  # noqa: E731
            self._relations[target_key] = self.factory.input_type(f"{target.name}ListRelationFilter", {
                "f__some": self._later(thunk, "some", f"At least one related {target.name} matches."),
                "f__none": self._later(thunk, "none", f"No related {target.name} matches."),
                "f__every": self._later(thunk, "every", f"Every related {target.name} matches."),
            })
        return self._relations[target_key]

    def _field_operators(self, entity: Entity, f: Field) -> type:
        if f.type not in ("select", "multiselect"):
            return self._operators(f.type)
        value = value_type(self.factory, entity, f)
        if f.type == "multiselect":
            value = value.__args__[0]  # list[Enum] -> Enum
            name = f"{enum_name(entity, f)}ListFilter"
        else:
            name = f"{enum_name(entity, f)}Filter"
        return self._operator_input(name, f.type, value)

    def _operators(self, field_type: str) -> type:
        name, value = SCALAR_FILTERS[field_type]
        return self._operator_input(name, field_type, value)

    def _operator_input(self, name: str, field_type: str, value: Any) -> type:
        if name in self.factory.types:
            return self.factory.types[name]
        fields = {}
        for op in OPERATORS[field_type]:
            type_ = bool if op == "isNull" else list[value] if op in ("in", "notIn") else value
            description = "Has this option among its values." if field_type == "multiselect" and op == "contains" \
                else _DESCRIPTIONS[op]
            fields[f"op__{op}"] = strawberry.field(
                name=op, graphql_type=type_ | None, default=strawberry.UNSET, description=description,
            )
        return self.factory.input_type(name, fields)

    def _input_field(self, name: str, type_: Any, description: str | None):
        return strawberry.field(name=name, graphql_type=type_ | None, default=strawberry.UNSET,
                                description=description)

    def _later(self, thunk, name: str, description: str | None):
        return self.factory.later(thunk, name=name, default=strawberry.UNSET, description=description)

    # -- orders ------------------------------------------------------------------------

    def _order_input(self, entity: Entity, name: str) -> type:
        names = ("id", *(f.name for f in entity.fields if orderable(f)))
        fields_enum = self.factory.enum_type(f"{name}OrderField", names,
                                             description=f"Fields {entity.plural} can be ordered by.")
        return self.factory.input_type(f"{name}Order", {
            "field": strawberry.field(name="field", graphql_type=fields_enum),
            "direction": strawberry.field(name="direction", graphql_type=self.direction,
                                          default=self.direction.ASC),
            "nulls": strawberry.field(name="nulls", graphql_type=self.nulls | None, default=None),
        }, description="One key of the order; the ID breaks ties, so pages never skip or repeat.")


def plain(value: Any) -> Any:
    """An input object as the plain dict `query/` takes: GraphQL names as keys, UNSET
    fields left out, enum members as their values."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        # As graphql-core coerces arguments (the compiled path reads them so).
        return {key: plain(item) for key, item in value.items()}
    definition = getattr(value, "__strawberry_definition__", None)
    if definition is None:
        return value
    result = {}
    for f in definition.fields:
        item = getattr(value, f.python_name)
        if item is not strawberry.UNSET:
            result[f.graphql_name or f.python_name] = plain(item)
    return result


def selection(context, entity: Entity, filter: Any = None, order_by: Any = None, search: str | None = None):
    """(filter SQL, order terms) of a list's arguments, compiled by the request's reader."""
    reader = context.reader
    condition = reader.filter_sql(entity, context.actor, plain(filter) if filter else None, search)
    return condition, reader.order_terms(entity, plain(order_by) if order_by else None, context.actor)
