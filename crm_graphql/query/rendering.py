"""Rows rendered by the database as CSV lines or NDJSON lines, with values written exactly
as the GraphQL JSON writes them: global IDs, ISO dates, datetimes as Python's
`isoformat()`, decimals as strings, booleans as `true`/`false`.

The export streams millions of rows; rendering each value in Python would cost more than
the database's whole work, so the line is built in SQL and Python only joins lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..catalog import Entity, Field, Reference
from .expressions import SAFE_NAME, custom_sql, field_sql, sqlite_number_output
from .sql import ident

# Value kinds: how a column is written. PLAIN strings (IDs, dates, decimals, option values)
# never hold quotes, commas, backslashes or line breaks, so they skip quoting and escaping,
# which is most of the work of rendering a row.
STRING, PLAIN, NUMBER, BOOLEAN, ARRAY = "string", "plain", "number", "boolean", "array"


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
    """`_text`, with PostgreSQL's core dates and datetimes written the faster way (values
    alike, see `_iso_datetime_fast`)."""
    f = column.field
    if dialect == "postgres" and f is not None and f.type in ("date", "datetime") and not f.is_custom:
        column_sql = f"{alias}.{ident(f.column)}"
        return PLAIN, _iso_datetime_fast(column_sql) if f.type == "datetime" else _iso_date_fast(column_sql)
    return _text(entity, column, alias, dialect)


# Whether the session writes dates in the ISO style (`YYYY-MM-DD ...`): a subquery, so
# PostgreSQL evaluates it once per statement.
_ISO_DATESTYLE = "(SELECT current_setting('DateStyle') LIKE 'ISO%')"


def _iso_datetime_fast(column: str) -> str:
    """PostgreSQL: `_iso_datetime`, written with the timestamp's own text output where that
    is the same string. `to_char` is the slowest part of a line; the text output in the ISO
    date style is `YYYY-MM-DD HH:MI:SS.ffffff`, 26 characters exactly when the year has four
    digits and the microseconds no trailing zero (which it leaves out). Other values, and
    sessions in another date style, take `to_char`."""
    utc = f"({column} AT TIME ZONE 'UTC')::text"
    return (f"CASE WHEN {_ISO_DATESTYLE} AND octet_length({utc}) = 26 "
            f"THEN replace({utc}, ' ', 'T') || '+00:00' ELSE {_iso_datetime(column, 'postgres')} END")


def _iso_date_fast(column: str) -> str:
    """PostgreSQL: a date as `to_char(d, 'YYYY-MM-DD')`, from its ISO text when that is the
    same (ten characters: a four-digit year of our era)."""
    return (f"CASE WHEN {_ISO_DATESTYLE} AND octet_length(({column})::text) = 10 "
            f"THEN ({column})::text ELSE to_char({column}, 'YYYY-MM-DD') END")


def _text(entity: Entity, column: Column, alias: str, dialect: str) -> tuple[str, str]:
    """(kind, SQL of the value as text, NULL for null)."""
    if column.reference is not None:
        return PLAIN, _global_id(column.reference.target, column.id_sql, dialect)
    if column.field is None:
        return PLAIN, _global_id(entity.key, f"{alias}.id", dialect)
    f = column.field
    postgres = dialect == "postgres"
    if f.type == "boolean":
        value = field_sql(f, alias, dialect)
        return BOOLEAN, (f"CASE WHEN {value} THEN 'true' WHEN NOT {value} THEN 'false' END" if postgres
                         else f"CASE {value} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END")
    if f.type in ("int", "number"):
        value = field_sql(f, alias, dialect)
        if postgres:
            return NUMBER, f"({value})::text"
        if f.type == "number":
            value = sqlite_number_output(f, alias)
        return NUMBER, f"CAST({value} AS TEXT)"
    if f.type == "multiselect":
        value = field_sql(f, alias, dialect)
        # jsonb prints `["A", "B"]`; the API writes `["A","B"]` (option values hold no quotes).
        return ARRAY, (f"""replace(({value})::text, '", "', '","')""" if postgres else value)
    if f.type == "json":
        # The JSON itself (an audit entry's `changes`): raw in NDJSON, its text in CSV.
        return ARRAY, (f"({field_sql(f, alias, dialect)})::text" if postgres else field_sql(f, alias, dialect))
    kind = STRING if f.type in ("text", "email", "url") else PLAIN
    if f.is_custom:
        # Dates, datetimes and money are stored in their API form (ISO text, decimal string);
        # select values are checked to be plain names.
        return kind, custom_sql(f.key, "text", alias, dialect)
    column_sql = f"{alias}.{ident(f.column)}"
    if f.type == "date" and postgres:
        return PLAIN, f"to_char({column_sql}, 'YYYY-MM-DD')"
    if f.type == "datetime":
        return PLAIN, _iso_datetime(column_sql, dialect)
    if f.type == "money" and postgres:
        return PLAIN, f"({column_sql})::text"
    # Text, selects, and SQLite's dates and decimals (stored as the API writes them).
    return kind, column_sql


def _global_id(key: str, pk: str, dialect: str) -> str:
    """SQL for `ids.to_global_id`: the hex of the UTF-8 `Key:pk`."""
    if not SAFE_NAME.match(key):
        raise ValueError(f"unsafe entity key {key!r}")
    if dialect == "postgres":
        # The key's hex is a constant; the digits of the pk are ASCII, so their bytes are the text's.
        return f"'{(key + ':').encode().hex()}' || encode(({pk})::text::bytea, 'hex')"
    # hex(NULL) is '' on SQLite: keep a missing reference null.
    return f"nullif(lower(hex('{key}:' || {pk})), '')"


def _iso_datetime(column: str, dialect: str) -> str:
    """SQL for Python's `isoformat()` of a UTC datetime (microseconds only when not zero)."""
    if dialect == "postgres":
        # One to_char; `.000000` can only be the fraction, which isoformat() leaves out.
        return (f"replace(to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '.000000', '')"
                " || '+00:00'")
    # SQLite keeps `isoformat(" ")` of UTC datetimes (Tortoise's adapter): swap the separator.
    return f"substr({column}, 1, 10) || 'T' || substr({column}, 12)"
