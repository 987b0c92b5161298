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
    return custom_sql(field.json_key, field.type, alias, dialect)


def custom_sql(name: str, field_type: str, alias: str, dialect: str) -> str:
    # Plugin field names are checked to be plain identifiers before they get here.
    if not SAFE_NAME.match(name):
        raise ValueError(f"unsafe plugin field name {name!r}")
    if dialect == "postgres":
        text = f"({alias}.custom->>'{name}')"
        if field_type in ("number", "money"):
            return f"({text}::numeric)"
        if field_type == "int":
            return f"({text}::bigint)"
        if field_type == "boolean":
            return f"({text}::boolean)"
        if field_type in ("multiselect",):
            return f"({alias}.custom->'{name}')"
        return text
    extract = f"json_extract({alias}.custom, '$.{name}')"
    if field_type in ("number", "money"):
        return f"CAST({extract} AS REAL)"
    return extract


def sqlite_number_output(field: Field, alias: str) -> str:
    """SQLite: a plugin number as output writes it. SQLite writes a REAL with 15 digits
    (1/3 as 0.333333333333333), so a stored float is read as the JSON text Python stored
    (the shortest exact form), which `json_object` embeds and `CAST(... AS TEXT)` keeps."""
    value = field_sql(field, alias, "sqlite")
    if not field.is_custom:
        return value  # no core field is a float: core numbers are money or integers
    path = f"'$.{field.json_key}'"
    return f"CASE WHEN json_type({alias}.custom, {path}) = 'real' THEN {alias}.custom -> {path} ELSE {value} END"


def index_sql(table: str, field: Field, dialect: str) -> str:
    """`CREATE INDEX IF NOT EXISTS` for an `indexed` plugin field, on the filter's expression."""
    expression = custom_sql(field.json_key, field.type, ident(table), dialect)
    # Index expressions cannot use a table-qualified column name.
    expression = expression.replace(f"{ident(table)}.", "")
    name = ident(f"ix_{table}_custom_{field.json_key.lower()}")
    return f"CREATE INDEX IF NOT EXISTS {name} ON {ident(table)} ({expression})"
