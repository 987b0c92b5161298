"""Rows rendered by the database as CSV lines or NDJSON lines, each value written by
`rendering` exactly as the GraphQL JSON writes it.

The export streams millions of rows; rendering each value in Python would cost more than
the database's whole work, so the line is built in SQL and Python only joins lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..catalog import Entity, Field, Reference
from .expressions import SAFE_NAME
from .rendering import ARRAY, PLAIN, STRING, fast_text_sql, global_id_sql


@dataclass(frozen=True)
class Column:
    """An exported column: its API name, header labels per locale and its value's SQL."""

    name: str
    labels: dict[str, str] = field(default_factory=dict)
    field: Field | None = None
    reference: Reference | None = None
    # Of a reference: the SQL of the ID as the reader may read it (`auth.reference_sql`).
    id_sql: str | None = None

    def label(self, locale: str | None) -> str:
        return (self.labels.get(locale) if locale else None) or self.name


def export_columns(entity: Entity, reference_sql: Callable[[Reference], str]) -> list[Column]:
    """Every column an export can have: the ID, every field (plugin fields included) and
    the IDs of the references (read through `reference_sql`), under their API names."""
    columns = [Column("id", {})]
    columns += [Column(f.name, f.labels, field=f) for f in entity.fields]
    columns += [Column(r.input_name, r.labels, reference=r, id_sql=reference_sql(r)) for r in entity.references]
    return columns


def csv_line_sql(entity: Entity, columns: list[Column], alias: str, dialect: str) -> str:
    """SQL for one CSV line (without its line break): strings quoted, nulls empty."""
    cells = []
    for column in columns:
        kind, text = _line_text(entity, column, alias, dialect)
        if kind in (STRING, ARRAY):
            text = f"""'"' || replace({text}, '"', '""') || '"'"""
        cells.append(f"COALESCE({text}, '')")
    return " || ',' || ".join(cells)


def json_line_sql(entity: Entity, columns: list[Column], alias: str, dialect: str) -> str:
    """SQL for one compact JSON object, keys in column order.

    On PostgreSQL, escaping strings (`to_json`) is most of the work of a line, and most
    rows need none: a row whose strings hold no quote, backslash or control character
    writes them between quotes as they are. Whether a row's strings need escaping is one
    `to_json` of them all together, which holds a backslash exactly when one of them
    needs an escape (to_json escapes nothing else); only those rows escape each string."""
    cells = []
    for column in columns:
        if not SAFE_NAME.match(column.name):
            raise ValueError(f"unsafe column name {column.name!r}")
        cells.append((column.name, *_line_text(entity, column, alias, dialect)))
    line = _json_object(cells, dialect, escape=True)
    strings = [text for _, kind, text in cells if kind == STRING]
    if dialect != "postgres" or len(strings) < 2:
        return line
    together = " || ".join(f"COALESCE({text}, '')" for text in strings)
    return (f"CASE WHEN strpos(to_json({together})::text, E'\\\\') = 0 "
            f"THEN {_json_object(cells, dialect, escape=False)} ELSE {line} END")


def _json_object(cells: list[tuple[str, str, str]], dialect: str, *, escape: bool) -> str:
    """The object of `(name, kind, text)` cells; strings escaped, or (`escape=False`, for
    strings known to need no escape) only quoted."""
    parts = []
    for i, (name, kind, text) in enumerate(cells):
        if kind == STRING and escape:
            text = f"to_json({text})::text" if dialect == "postgres" else f"json_quote({text})"
        elif kind in (STRING, PLAIN):
            text = f"""'"' || {text} || '"'"""
        parts.append(f"""'{"{" if i == 0 else ","}"{name}":' || COALESCE({text}, 'null')""")
    return " || ".join(parts) + " || '}'" if parts else "'{}'"


def _line_text(entity: Entity, column: Column, alias: str, dialect: str) -> tuple[str, str]:
    """(kind, SQL of the column's value as text, NULL for null)."""
    if column.reference is not None:
        return PLAIN, global_id_sql(column.reference.target, column.id_sql, dialect)
    if column.field is None:
        return PLAIN, global_id_sql(entity.key, f"{alias}.id", dialect)
    return fast_text_sql(column.field, alias, dialect)
