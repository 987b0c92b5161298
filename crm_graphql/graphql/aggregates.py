"""Root fields `<plural>Aggregate(filter:, search:, groupBy:)` for BI tools, with types
generated per entity from the catalog (plugin fields included):

    accountsAggregate(filter: {tier: {eq: GOLD}}, groupBy: [{field: region},
                      {field: createdAt, bucket: MONTH}]) {
      totalCount
      groups { key { region createdAt } count sum { annualRevenue } avg { employeeCount } }
    }

`key` is typed: one field per groupable field, set for the fields grouped by and null
for the others; a date or datetime key is the first day of its bucket (`2026-11-01` for
MONTH). Money comes as exact decimals with two places; sums and averages of integers as
floats (they outgrow GraphQL's 32-bit Int).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.types.nodes import SelectedField

from ..catalog import Catalog, Entity
from ..query.aggregates import BUCKETS, MEASURES, group_fields, numeric_fields
from . import names
from .context import context_of
from .factory import TypeFactory
from .filters import EntityFilters, current, plain
from .relay import make
from .scalars import value_type

_KEY_TYPES = {"date": date, "id": strawberry.ID}
# sum and avg / min and max of each numeric field type.
_SUM_TYPES = {"int": float, "number": float, "money": Decimal}
_EXTREME_TYPES = {"int": int, "number": float, "money": Decimal}


class EntityAggregates:
    """Every entity's aggregate types and root field, for one schema build."""

    def __init__(self, factory: TypeFactory, catalog: Catalog, filters: EntityFilters) -> None:
        self.factory = factory
        self.catalog = catalog
        self.filters = filters
        self.bucket = factory.enum_type("DateBucket", BUCKETS, description="Buckets of dates, in UTC.")
        # Per type key: the key, group and number types that `build` fills.
        self._shapes: dict[str, tuple] = {}

    def root_fields(self, entity: Entity) -> dict[str, Any]:
        """The `<plural>Aggregate` query fields of an entity, under each of its names."""
        fields = {}
        for name, plural in names.namings(entity):
            key = names.type_key(entity, name)
            group_by, result = self._types(entity, key, name)
            arguments = {"filter": self.filters.filters[key] | None, "group_by": list[group_by] | None,
                         "search": str | None}
            fields[f"aggregate__{name}"] = strawberry.field(
                name=f"{plural}Aggregate", graphql_type=result,
                resolver=_typed(self._resolver(entity, key, result), **arguments),
                description=f"How many {entity.plural} match, with sums, averages, minimums and maximums"
                            " of their numeric fields, per group of the `groupBy` keys.",
                deprecation_reason=None if name == entity.name else f"Renamed to `{entity.plural}Aggregate`.",
            )
        return fields

    def _types(self, entity: Entity, type_key: str, name: str) -> tuple[type, type]:
        factory = self.factory
        groups = group_fields(entity)
        field_enum = factory.enum_type(f"{name}GroupField", tuple(_with_old_names(entity, [g.name for g in groups])),
                                       description=f"What {entity.plural} can be grouped by.")
        group_by = factory.input_type(f"{name}GroupBy", {
            "field": strawberry.field(name="field", graphql_type=field_enum),
            "bucket": strawberry.field(
                name="bucket", graphql_type=self.bucket | None, default=None,
                description="For dates and datetimes: the bucket (DAY unless given).",
            ),
        })
        key_fields = {}
        for group in groups:
            if group.type in _KEY_TYPES:
                type_ = _KEY_TYPES[group.type]
            else:
                type_ = value_type(factory, entity, group.field)
            key_fields[f"v__{group.name}"] = strawberry.field(name=group.name, graphql_type=type_ | None)
            for old in _old_names(entity, group.name):
                key_fields[f"old__{old}"] = strawberry.field(name=old, graphql_type=type_ | None,
                                                             resolver=_value(group.name))
        key = factory.object_type(f"{name}GroupKey", key_fields,
                                  description="The group's key values; null for fields not grouped by.")
        group_fields_ = {
            "key": strawberry.field(name="key", graphql_type=key),
            "count": strawberry.field(name="count", graphql_type=int),
        }
        numbers = numeric_fields(entity)
        if numbers:
            sums = self._numbers(entity, f"{name}AggregateSums", numbers, _SUM_TYPES)
            extremes = self._numbers(entity, f"{name}AggregateExtremes", numbers, _EXTREME_TYPES)
            averages = self._numbers(entity, f"{name}AggregateAverages", numbers, _SUM_TYPES)
            group_fields_["sum"] = strawberry.field(name="sum", graphql_type=sums)
            group_fields_["avg"] = strawberry.field(name="avg", graphql_type=averages)
            group_fields_["min"] = strawberry.field(name="min", graphql_type=extremes)
            group_fields_["max"] = strawberry.field(name="max", graphql_type=extremes)
        group = factory.object_type(f"{name}AggregateGroup", group_fields_)
        result = factory.object_type(f"{name}Aggregate", {
            "total_count": strawberry.field(name="totalCount", graphql_type=int,
                                            description="How many records match, in all groups."),
            "groups": strawberry.field(name="groups", graphql_type=list[group],
                                       description="Ordered by the key values, nulls last."),
        })
        self._shapes[type_key] = (key, group, numbers and (sums, averages, extremes), [f.name for f in numbers])
        return group_by, result

    def _numbers(self, entity: Entity, name: str, numbers, types: dict[str, type]) -> type:
        fields = {}
        for f in numbers:
            fields[f"v__{f.name}"] = strawberry.field(name=f.name, graphql_type=types[f.type] | None)
            for old in names.old_names(entity, f.name):
                fields[f"old__{old}"] = strawberry.field(name=old, graphql_type=types[f.type] | None,
                                                         resolver=_value(f.name))
        return self.factory.object_type(name, fields)

    def _resolver(self, entity: Entity, type_key: str, result_type: type):
        async def aggregate(info: strawberry.Info, filter=None, group_by=None, search=None):
            context = context_of(info)
            condition = context.reader.filter_sql(
                entity, context.actor, current(self.catalog, entity, plain(filter)) if filter else None, search)
            groups = [{**g, "field": names.current_name(entity, g["field"])} for g in plain(group_by or [])]
            measures = {measure: {names.current_name(entity, n) for n in selected}
                        for measure, selected in _measures(info).items()}
            data = await context.reader.aggregate(entity, context.actor, groups, filter=condition, measures=measures)
            return self.build(entity, type_key, result_type, data)
        return aggregate

    def build(self, entity: Entity, type_key: str, result_type: type, data: dict):
        """The result object of `query.aggregates` data, as instances of the generated types."""
        key_type, group_type, numbers, number_names = self._shapes[type_key]
        key_names = [g.name for g in group_fields(entity)]
        groups = []
        for group in data["groups"]:
            values = {f"v__{n}": group["key"].get(n) for n in key_names}
            item = {"key": make(key_type, values), "count": group["count"]}
            if numbers:
                sums, averages, extremes = numbers
                # Fields hidden from the actor are not aggregated: they read as null.
                item["sum"] = make(sums, _prefixed(group["sum"], number_names))
                item["avg"] = make(averages, _prefixed(group["avg"], number_names))
                item["min"] = make(extremes, _prefixed(group["min"], number_names))
                item["max"] = make(extremes, _prefixed(group["max"], number_names))
            groups.append(make(group_type, item))
        return make(result_type, {"total_count": data["totalCount"], "groups": groups})


def _measures(info: strawberry.Info) -> dict[str, set[str]]:
    """The numeric fields the query selects under `groups { sum avg min max }`: only those
    are computed."""
    wanted: dict[str, set[str]] = {measure: set() for measure in MEASURES}
    for root in info.selected_fields:
        for groups in _selected(root.selections, "groups"):
            for measure in MEASURES:
                for selected in _selected(groups.selections, measure):
                    wanted[measure] |= {f.name for f in _selected(selected.selections)}
    return wanted


def _selected(selections, name: str | None = None) -> list:
    """Selected fields (named `name`, if given), looking through fragments."""
    found = []
    for selection in selections:
        if isinstance(selection, SelectedField):
            if name is None or selection.name == name:
                found.append(selection)
        else:
            found += _selected(selection.selections, name)
    return found


def _prefixed(values: dict, names: list[str]) -> dict:
    return {f"v__{name}": values.get(name) for name in names}


def _old_names(entity: Entity, group_name: str) -> list[str]:
    """Old names of a group field: a field's, or a reference's `...Id` by its old names."""
    olds = names.old_names(entity, group_name)
    reference = next((r for r in entity.references if r.input_name == group_name), None)
    if reference is not None:
        olds += [f"{old}Id" for old in names.old_names(entity, reference.name)]
    return olds


def _with_old_names(entity: Entity, group_names: list[str]) -> list[str]:
    return [n for name in group_names for n in (name, *_old_names(entity, name))]


def _value(name: str):
    """The resolver of an old name: the value under the current one."""
    def resolve(root):
        return root.__dict__[f"v__{name}"]
    return resolve


def _typed(resolver, **annotations: Any):
    resolver.__annotations__ = {"info": strawberry.Info, **annotations}
    return resolver
