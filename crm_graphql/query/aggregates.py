"""Grouped aggregates as SQL: the count and the sum, average, minimum and maximum of the
numeric fields of an entity's records, per group of key values, in one statement.

Groups are keyed by scalar and select fields (plugin fields included), by references
(their IDs) and by date buckets of date and datetime fields. Results are identical on
SQLite and PostgreSQL: buckets are computed in UTC and come out as the first day of the
bucket (`2026-11-01` for November); money is summed exactly (in whole cents on SQLite,
which keeps decimals as text and reads them as REAL) and comes out as a Decimal with two
places; averages are computed from the exact sum and the count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..catalog import Entity, Field, Reference
from ..errors import ForbiddenError, ValidationError
from ..ids import to_global_id
from .expressions import custom_json, field_sql
from .sql import ident

BUCKETS = ("DAY", "WEEK", "MONTH", "QUARTER", "YEAR")
MEASURES = ("sum", "avg", "min", "max")
NUMERIC_TYPES = ("int", "number", "money")
# A grouping wider than this is an extract, not an aggregate: use the export.
MAX_GROUPS = 10_000
MAX_KEYS = 8
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class GroupField:
    """Something records can be grouped by: a field, or a reference (by the target's ID)."""

    name: str
    type: str  # the key's type: a field type, "date" for (bucketed) dates and datetimes, "id"
    field: Field | None = None
    reference: Reference | None = None


def group_fields(entity: Entity) -> list[GroupField]:
    """What the entity's records can be grouped by, under the names group keys use."""
    groups = []
    for f in entity.fields:
        if f.type == "multiselect":
            continue
        groups.append(GroupField(f.name, "date" if f.type in ("date", "datetime") else f.type, field=f))
    for reference in entity.references:
        groups.append(GroupField(reference.input_name, "id", reference=reference))
    return groups


def numeric_fields(entity: Entity) -> list[Field]:
    """The fields that are summed and averaged; system counters (`version`) are not."""
    return [f for f in entity.fields if f.type in NUMERIC_TYPES and f.writable]


@dataclass
class Plan:
    """The select list and the GROUP BY / ORDER BY / LIMIT tail of an aggregate statement
    (the caller adds FROM and WHERE), and how to turn its rows into the result."""

    select: str
    tail: str
    keys: list[tuple[str, Callable[[Any], Any]]] = field(default_factory=list)
    numbers: list[Field] = field(default_factory=list)
    dialect: str = "sqlite"
    # Per numeric field: which of sum / avg / min / max the statement computes.
    measures: dict[str, set[str]] = field(default_factory=dict)

    def result(self, rows: list[dict]) -> dict:
        if len(rows) > MAX_GROUPS:
            raise ValidationError(
                f"more than {MAX_GROUPS} groups: group by fewer or coarser keys, or use the export",
                field="groupBy", maximum=MAX_GROUPS,
            )
        # Every matching record is in exactly one group (a statement without keys has one
        # row): the total is the sum of the counts, not a window over them in SQL.
        total = sum(int(row["n__"]) for row in rows)
        return {"totalCount": total, "groups": [self._group(row) for row in rows]}

    def _group(self, row: dict) -> dict:
        key = {name: (None if row[f"g__{i}"] is None else decode(row[f"g__{i}"]))
               for i, (name, decode) in enumerate(self.keys)}
        group: dict[str, Any] = {"key": key, "count": int(row["n__"]), "sum": {}, "avg": {}, "min": {}, "max": {}}
        for i, f in enumerate(self.numbers):
            count, total = int(row.get(f"c__{i}") or 0), row.get(f"s__{i}")
            low, high = row.get(f"lo__{i}"), row.get(f"hi__{i}")
            if f.type == "money":
                exact = _money_total(total, self.dialect)
                group["sum"][f.name] = exact
                group["avg"][f.name] = None if not count else (exact / count).quantize(CENTS, ROUND_HALF_UP)
                group["min"][f.name] = _money_total(low, self.dialect)
                group["max"][f.name] = _money_total(high, self.dialect)
            elif f.type == "int":
                group["sum"][f.name] = None if total is None else float(int(total))
                group["avg"][f.name] = None if not count else _float(int(total) / count)
                group["min"][f.name] = None if low is None else int(low)
                group["max"][f.name] = None if high is None else int(high)
            else:
                group["sum"][f.name] = None if total is None else _float(total)
                group["avg"][f.name] = None if not count else _float(float(total) / count)
                group["min"][f.name] = None if low is None else _float(low)
                group["max"][f.name] = None if high is None else _float(high)
            for measure in MEASURES:
                if measure not in self.measures[f.name]:
                    del group[measure][f.name]
        return group


def plan(entity: Entity, group_by: list[dict], alias: str, dialect: str, *,
         hidden: set[str] = frozenset(), measures: dict[str, set[str]] | None = None,
         reference_sql: Callable[[Reference], str], path: str = "groupBy") -> Plan:
    """The aggregate statement's pieces for `group_by` = `[{"field": name, "bucket": ...}]`.
    Fields in `hidden` (hidden from the actor) cannot be grouped by and are not aggregated.
    `reference_sql` gives a reference's ID as the actor may read it (`auth.reference_sql`).
    `measures` (`{"sum": {"amount"}, "max": {...}}`) limits the numeric aggregates to those
    asked for; each costs a pass over its value, reading JSON for plugin fields."""
    if not isinstance(group_by, list):
        raise ValidationError(f"`{path}` must be a list", field=path)
    if len(group_by) > MAX_KEYS:
        raise ValidationError(f"`{path}` has more than {MAX_KEYS} entries", field=path)
    available = {g.name: g for g in group_fields(entity)}
    keys, expressions = [], []
    for i, item in enumerate(group_by):
        at = f"{path}.{i}"
        if not isinstance(item, dict) or not isinstance(item.get("field"), str):
            raise ValidationError(f"`{at}` must be an object with a `field`", field=at)
        group = available.get(item["field"])
        if group is None:
            raise ValidationError(f"{entity.name} has no field `{item['field']}` to group by", field=f"{at}.field")
        if group.field is not None and group.field.name in hidden:
            raise ForbiddenError(f"you may not group by `{entity.name}.{group.name}`", field=f"{at}.field")
        if any(name == group.name for name, _ in keys):
            raise ValidationError(f"`{at}`: `{group.name}` is grouped by twice", field=f"{at}.field")
        expression, decode = _key(group, item.get("bucket"), alias, dialect, f"{at}.bucket", reference_sql)
        keys.append((group.name, decode))
        expressions.append(expression)
    numbers = [f for f in numeric_fields(entity) if f.name not in hidden]
    wanted = {f.name: {m for m in MEASURES if measures is None or f.name in measures.get(m, ())} for f in numbers}
    select = [f"{e} AS g__{i}" for i, e in enumerate(expressions)]
    select.append("COUNT(*) AS n__")
    for i, f in enumerate(numbers):
        value = field_sql(f, alias, dialect)
        # Money on SQLite is aggregated in whole cents, read exactly from the stored text.
        exact = _cents(f, alias) if f.type == "money" and dialect != "postgres" else value
        if "avg" in wanted[f.name]:  # the average is the sum over the count of values
            select.append(f"COUNT({value}) AS c__{i}")
        if wanted[f.name] & {"sum", "avg"}:
            select.append(f"SUM({exact}) AS s__{i}")
        if "min" in wanted[f.name]:
            select.append(f"MIN({exact}) AS lo__{i}")
        if "max" in wanted[f.name]:
            select.append(f"MAX({exact}) AS hi__{i}")
    tail = ""
    if expressions:
        positions = range(1, len(expressions) + 1)
        tail += " GROUP BY " + ", ".join(map(str, positions))
        tail += " ORDER BY " + ", ".join(f"{p} ASC NULLS LAST" for p in positions)
    tail += f" LIMIT {MAX_GROUPS + 1}"
    return Plan(", ".join(select), tail, keys, numbers, dialect, wanted)


def _key(group: GroupField, bucket: Any, alias: str, dialect: str, path: str,
         reference_sql: Callable[[Reference], str]) -> tuple[str, Callable]:
    if group.reference is not None:
        if bucket is not None:
            raise ValidationError(f"`{path}`: only dates are bucketed", field=path)
        target = group.reference.target
        return reference_sql(group.reference), lambda pk: to_global_id(target, pk)
    f = group.field
    if group.type == "date":
        # A datetime groups by day unless a coarser bucket is asked for.
        bucket = "DAY" if bucket is None else bucket
        if bucket not in BUCKETS:
            raise ValidationError(f"`{path}` must be one of {', '.join(BUCKETS)}", field=path,
                                  allowed=list(BUCKETS))
        return bucket_sql(f, bucket, alias, dialect), _date
    if bucket is not None:
        raise ValidationError(f"`{path}`: only date and datetime fields are bucketed", field=path)
    return field_sql(f, alias, dialect), _DECODERS.get(f.type, str)


def bucket_sql(f: Field, bucket: str, alias: str, dialect: str) -> str:
    """The first day (in UTC) of the bucket holding the field's value."""
    value = field_sql(f, alias, dialect)
    if dialect == "postgres":
        if f.type == "datetime":
            # Plugin datetimes are ISO text; core ones timestamptz. Either way: UTC.
            moment = f"(({value})::timestamptz AT TIME ZONE 'UTC')" if f.is_custom else f"({value} AT TIME ZONE 'UTC')"
        else:
            moment = f"(({value})::timestamp)"
        if bucket == "DAY":
            return f"({moment})::date"
        return f"(date_trunc('{bucket.lower()}', {moment}))::date"
    # SQLite's date functions read the stored text (with its UTC offset) and answer in UTC.
    if bucket == "DAY":
        return f"date({value})"
    if bucket == "WEEK":
        return f"date({value}, 'weekday 0', '-6 days')"  # the Monday of its ISO week
    if bucket == "MONTH":
        return f"date({value}, 'start of month')"
    if bucket == "QUARTER":
        return (f"date({value}, 'start of month', "
                f"'-' || ((CAST(strftime('%m', {value}) AS INTEGER) - 1) % 3) || ' months')")
    return f"date({value}, 'start of year')"


def _cents(f: Field, alias: str) -> str:
    """SQLite: a money value as whole cents, parsed from its text (`1000`, `10.5`,
    `-3.10`); REAL would lose cents of amounts above about 10^13, and sums of REALs more."""
    if f.is_custom:
        text = f"CAST({custom_json(f.key, alias, 'sqlite')} AS TEXT)"
    else:
        text = f"{alias}.{ident(f.column)}"
    dot = f"instr({text}, '.')"
    sign = f"CASE WHEN substr({text}, 1, 1) = '-' THEN -1 ELSE 1 END"
    fraction = f"CAST(substr(substr({text}, {dot} + 1) || '00', 1, 2) AS INTEGER)"
    return (f"(CASE WHEN {dot} = 0 THEN CAST({text} AS INTEGER) * 100"
            f" ELSE CAST(substr({text}, 1, {dot} - 1) AS INTEGER) * 100 + {sign} * {fraction} END)")


def _money_total(value: Any, dialect: str) -> Decimal | None:
    """A money aggregate: numeric on PostgreSQL, whole cents on SQLite; two places."""
    if value is None:
        return None
    if dialect == "postgres":
        return Decimal(value).quantize(CENTS, ROUND_HALF_UP)
    return (Decimal(int(value)) / 100).quantize(CENTS)


def _money(value: Any) -> Decimal | None:
    # SQLite answers REAL; its shortest repr is the stored two-place decimal.
    return None if value is None else Decimal(str(value)).quantize(CENTS, ROUND_HALF_UP)


def _float(value: Any) -> float:
    # Twelve significant digits: the last bits of float sums differ between the databases.
    return float(f"{float(value):.12g}")


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


_DECODERS: dict[str, Callable[[Any], Any]] = {
    "boolean": bool, "int": int, "number": _float, "money": _money,
}
