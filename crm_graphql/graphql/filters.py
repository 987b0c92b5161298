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
from typing import Any

import strawberry

from ..catalog import Catalog, Entity, Field
from ..errors import ValidationError
from ..query.filters import OPERATORS
from ..query.pages import orderable
from . import names
from .factory import TypeFactory
from .scalars import SCALAR_FILTERS, enum_name, value_type

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
            # A renamed entity's old names keep their own inputs (`DeliveryFilter`), so that
            # documents declaring variables of those types keep validating.
            for name, _ in names.namings(entity):
                key = names.type_key(entity, name)
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
        # Old names kept after a rename take what the current name takes (see `current`).
        for f in entity.fields:
            if f.filterable:
                for graphql_name in [f.name, *names.old_names(entity, f.name)]:
                    fields[f"f__{graphql_name}"] = self._input_field(
                        graphql_name, self._field_operators(entity, f), f.description)
        for reference in entity.references:
            target = self.catalog[reference.target]
            for graphql_name in [reference.name, *names.old_names(entity, reference.name)]:
                gives = names.member_key(self.catalog, entity, reference.name, graphql_name, target.key)
                fields[f"f__{graphql_name}"] = self._later(
                    lambda gives=gives: self.filters[gives] | None, graphql_name,
                    f"The {target.name} matches (and is visible to you).",
                )
                fields[f"f__{graphql_name}Id"] = self._input_field(
                    f"{graphql_name}Id", self._operators("id"), f"The ID of the {target.name}.",
                )
        for collection in entity.collections:
            for graphql_name in [collection.name, *names.old_names(entity, collection.name)]:
                gives = names.member_key(self.catalog, entity, collection.name, graphql_name, collection.target)
                fields[f"f__{graphql_name}"] = self._input_field(
                    graphql_name, self._relation_input(collection.target, gives), None,
                )
        return self.factory.input_type(
            f"{name}Filter", fields,
            description=f"Which {entity.plural} to return; all entries must match.",
        )

    def _relation_input(self, target: str, key: str) -> type:
        """`some`/`none`/`every` of a relation, with the filter of the target's type `key`."""
        if key not in self._relations:
            entity = self.catalog[target]
            name = names.first_name(entity) if key == target else key.removeprefix("alias:")
            thunk = lambda: self.filters[key] | None  # noqa: E731
            self._relations[key] = self.factory.input_type(f"{name}ListRelationFilter", {
                "f__some": self._later(thunk, "some", f"At least one related {entity.name} matches."),
                "f__none": self._later(thunk, "none", f"No related {entity.name} matches."),
                "f__every": self._later(thunk, "every", f"Every related {entity.name} matches."),
            })
        return self._relations[key]

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
        values = ["id"]
        for f in entity.fields:
            if orderable(f):
                values += [f.name, *names.old_names(entity, f.name)]
        fields_enum = self.factory.enum_type(f"{name}OrderField", tuple(values),
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


def current(catalog: Catalog, entity: Entity, value: Any) -> Any:
    """A filter (as `plain` gives it) with the old names a rename kept replaced by the
    current ones, down through references and relations, for `query/`."""
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if key in ("and", "or"):
            result[key] = None if item is None else [current(catalog, entity, part) for part in item]
            continue
        if key == "not":
            result[key] = current(catalog, entity, item)
            continue
        name = names.current_name(entity, key)
        reference, collection = entity.reference(name), entity.collection(name)
        if reference is not None:
            item = current(catalog, catalog[reference.target], item)
        elif collection is not None and isinstance(item, dict):
            target = catalog[collection.target]
            item = {quantifier: current(catalog, target, part) for quantifier, part in item.items()}
        if name in result and key != name:
            raise ValidationError(f"`{key}` is the old name of `{name}`: give one of them", field=key)
        result[name] = item
    return result


def current_order(entity: Entity, order: list | None) -> list | None:
    """Order terms (as `plain` gives them) with old field names replaced by current ones."""
    if not order:
        return order
    return [{**term, "field": names.current_name(entity, term["field"])} for term in order]


def arguments_sql(context_reader, actor, catalog: Catalog, entity: Entity, filter: Any, order_by: Any,
                  search: str | None):
    """(filter SQL, order terms) of a list's arguments, given as input objects or as the
    dicts graphql-core coerces, in current names; both read paths use it."""
    condition = context_reader.filter_sql(
        entity, actor, current(catalog, entity, plain(filter)) if filter else None, search)
    order = context_reader.order_terms(
        entity, current_order(entity, plain(order_by)) if order_by else None, actor)
    return condition, order


def selection(context, entity: Entity, filter: Any = None, order_by: Any = None, search: str | None = None):
    """(filter SQL, order terms) of a list's arguments, compiled by the request's reader."""
    return arguments_sql(context.reader, context.actor, context.reader.catalog, entity, filter, order_by, search)
