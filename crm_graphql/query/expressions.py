"""SQL expressions of catalog fields, alike wherever a field is read, filtered, ordered,
grouped or indexed, so that an expression index on a plugin field is the one the
filters use.

Core fields are columns. Plugin fields live in the `custom` JSON column and are read
as typed expressions: `custom->>'tier'` on PostgreSQL, `json_extract(custom, '$.tier')`
on SQLite, cast for numbers so they compare as numbers.
"""

from __future__ import annotations

import re

from ..catalog import Field
from .sql import ident

SAFE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def field_sql(field: Field, alias: str, dialect: str) -> str:
    """The SQL expression of a field's value on a row of `alias`."""
    if not field.is_custom:
        column = f"{alias}.{ident(field.column)}"
        # SQLite keeps decimals as text; compare and add them as numbers.
        if dialect == "sqlite" and field.type == "money":
            return f"CAST({column} AS REAL)"
        return column
    return custom_sql(field.key, field.type, alias, dialect)


def custom_sql(key: str, field_type: str, alias: str | None, dialect: str) -> str:
    """The typed value stored under a plugin field's key: text, or numbers and booleans
    cast so they compare as such (a multi-select stays a JSON array)."""
    if dialect == "postgres":
        if field_type == "multiselect":
            return f"({custom_json(key, alias, dialect)})"
        text = f"({_custom(alias)}->>{_quoted(key)})"
        if field_type in ("number", "money"):
            return f"({text}::numeric)"
        if field_type == "int":
            return f"({text}::bigint)"
        if field_type == "boolean":
            return f"({text}::boolean)"
        return text
    extract = custom_json(key, alias, dialect)
    if field_type in ("number", "money"):
        return f"CAST({extract} AS REAL)"
    return extract


def custom_json(key: str, alias: str | None, dialect: str) -> str:
    """The JSON value stored under a plugin field's key (jsonb on PostgreSQL; on SQLite
    what `json_extract` gives: SQL values, arrays as JSON text). The one place the path
    of a plugin value is written: reads, filters, orders, aggregates, exports, indexes
    and the compiler all come here, always with the field's key, never its name."""
    if dialect == "postgres":
        return f"{_custom(alias)}->{_quoted(key)}"
    return f"json_extract({_custom(alias)}, {json_path(key)})"


def json_path(key: str) -> str:
    """SQLite's JSON path of a plugin value, as an SQL literal: `'$.tier'`."""
    return f"'$.{checked_key(key)}'"


def _quoted(key: str) -> str:
    return f"'{checked_key(key)}'"


def _custom(alias: str | None) -> str:
    return f"{alias}.custom" if alias else "custom"


def checked_key(key: str) -> str:
    """A plugin field key fit to be written into SQL (plugin documents allow only plain
    identifiers; this is the last guard)."""
    if not SAFE_NAME.match(key):
        raise ValueError(f"unsafe plugin field key {key!r}")
    return key


def sqlite_number_output(field: Field, alias: str) -> str:
    """SQLite: a plugin number as output writes it. SQLite writes a REAL with 15 digits
    (1/3 as 0.333333333333333), so a stored float is read as the JSON text Python stored
    (the shortest exact form), which `json_object` embeds and `CAST(... AS TEXT)` keeps."""
    value = field_sql(field, alias, "sqlite")
    if not field.is_custom:
        return value  # no core field is a float: core numbers are money or integers
    path = json_path(field.key)
    return f"CASE WHEN json_type({alias}.custom, {path}) = 'real' THEN {alias}.custom -> {path} ELSE {value} END"


def sqlite_real_json(expression: str) -> str:
    """SQLite: a REAL as a JSON number of 17 significant digits, which reads back as the
    same double (`json_quote` writes 15: 99999999999999.99 would come back as 1e14, beside
    its row), for the cursors of money, which SQLite orders as REAL."""
    return f"CASE WHEN {expression} IS NULL THEN NULL ELSE json(printf('%!.17g', {expression})) END"


def index_sql(table: str, field: Field, dialect: str) -> str:
    """`CREATE INDEX IF NOT EXISTS` for an `indexed` plugin field, on the filter's expression."""
    expression = custom_sql(field.key, field.type, ident(table), dialect)
    # Index expressions cannot use a table-qualified column name.
    expression = expression.replace(f"{ident(table)}.", "")
    name = ident(f"ix_{table}_custom_{field.key.lower()}")
    return f"CREATE INDEX IF NOT EXISTS {name} ON {ident(table)} ({expression})"
