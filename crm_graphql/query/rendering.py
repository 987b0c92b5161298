"""A stored value as the API's JSON, per field type: in Python for the resolved path (the
GraphQL scalars, the reader's global IDs) and as SQL for each dialect for the compiled
path (a value `json_build_object` embeds) and the export (a value as text). The rules
of how a value is written live here once:

- global IDs: the hex of `Key:pk` (`ids.to_global_id`);
- dates ISO (`2025-01-31`), datetimes as Python's `isoformat()` of the UTC time
  (microseconds only when not zero), decimals as `str(Decimal)` (the stored digits);
- floats as the shortest text that reads back the same float, a whole float with `.0`;
- booleans `true`/`false`; multi-selects a JSON array; JSON as it is;
- a select value that is no longer an option is an error on the resolved path
  (INVALID_STORED_VALUE, the value reads as null): the compiled path writes `INVALID`
  for it, so the resolved path answers; the export writes it as stored.

tests/test_rendering.py runs every field type and the values at their edges through the
three paths on both databases.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from ..catalog import Field
from ..ids import to_global_id
from .expressions import SAFE_NAME, custom_json, custom_sql, field_sql, sqlite_number_output
from .sql import SQL, ident

# How a value is written as text (the export's lines build on it). PLAIN strings (IDs,
# dates, decimals, option values) never hold quotes, commas, backslashes or line breaks,
# so they skip quoting and escaping, which is most of the work of rendering a row.
STRING, PLAIN, NUMBER, BOOLEAN, ARRAY = "string", "plain", "number", "boolean", "array"

# How a value the resolved path refuses (a select value that is not an option) shows in
# the compiled path's JSON text: a control character no stored text holds, escaped by
# the JSON writer.
INVALID = "\\u0001invalid"


class NoSqlForm(Exception):
    """A value with no SQL form here (the resolved path writes it)."""


# -- Python ------------------------------------------------------------------------------


def global_id(key: str, pk: int) -> str:
    return to_global_id(key, pk)


def date_json(value: date) -> str:
    return value.isoformat()


def datetime_json(value: datetime) -> str:
    """A datetime as the API writes it (the reader gives them in UTC)."""
    return value.isoformat()


def decimal_json(value: Decimal) -> str:
    return str(value)


# -- SQL: the value as JSON (the compiled path) -----------------------------------------


def json_sql(field: Field, alias: str, dialect: str) -> str:
    """A field's value as `json_build_object`/`json_object` embeds it: strings as text,
    numbers, booleans and JSON as such; `INVALID` for a select value that is not an option."""
    kind, postgres = field.type, dialect == "postgres"
    if kind == "int":
        return field_sql(field, alias, dialect)
    if kind == "number":
        if not postgres:
            return sqlite_number_output(field, alias)
        value = field_sql(field, alias, dialect)
        # PostgreSQL writes a whole float8 without its ".0"; Python's float does not.
        return (f"CASE WHEN {value} = trunc({value}) AND abs({value}) < 1e15 "
                f"THEN (trunc({value})::bigint::text || '.0')::json ELSE to_json(({value})::float8) END")
    if kind == "boolean":
        value = field_sql(field, alias, dialect)
        if postgres:
            return value
        return f"CASE {value} WHEN 1 THEN json('true') WHEN 0 THEN json('false') END"
    if kind == "multiselect":
        return _checked_options(field, alias, dialect, invalid_sql(dialect))
    if kind == "json":
        column = f"{alias}.{ident(field.column)}"
        return column if postgres else f"json({column})"
    if kind == "money" and field.is_custom and postgres:
        # Written as Python writes the Decimal of the stored text ("000.10" is "0.10").
        return f"({field_sql(field, alias, dialect)})::text"
    text = text_sql(field, alias, dialect)[1]
    if kind == "select" and field.options:
        return _checked_option(field, text, invalid_sql(dialect))
    return text


def invalid_sql(dialect: str) -> str:
    """SQL of the text `INVALID` stands for (`json_build_object` escapes its chr(1))."""
    return "(chr(1) || 'invalid')" if dialect == "postgres" else "(char(1) || 'invalid')"


def computed_sql(field_type: str, value: SQL, dialect: str) -> SQL:
    """A computed field's SQL `value` as the resolved path writes that type."""
    if field_type == "money":
        # Two decimals, as the resolved path's quantized Decimal writes them.
        if dialect == "postgres":
            return SQL("(") + value + ")::text"
        # SQLite: a number (a REAL: 15 digits) with two decimals; exact decimal text as it is.
        return (SQL("CASE WHEN typeof(") + value + ") IN ('integer', 'real') THEN printf('%.2f', " + value
                + ") ELSE " + value + " END")
    if field_type in ("int", "text"):
        return value
    raise NoSqlForm(f"a computed {field_type} field")


def global_id_sql(key: str, pk: str, dialect: str) -> str:
    """SQL for `global_id`: the hex of the UTF-8 `Key:pk`."""
    if not SAFE_NAME.match(key):
        raise ValueError(f"unsafe entity key {key!r}")
    if dialect == "postgres":
        # The key's hex is a constant; the digits of the pk are ASCII, so their bytes are the text's.
        return f"'{(key + ':').encode().hex()}' || encode(({pk})::text::bytea, 'hex')"
    # hex(NULL) is '' on SQLite: keep a missing reference null.
    return f"nullif(lower(hex('{key}:' || {pk})), '')"


# -- SQL: the value as text (the export) -------------------------------------------------


def text_sql(field: Field, alias: str, dialect: str) -> tuple[str, str]:
    """(kind, SQL of the value as text, NULL for null). A select value that is no longer
    an option is written as stored: an export has no error to give, and checking every
    value against its options would cost a fifth of the people export's rate (measured
    alone on PostgreSQL: 0.1 us a select, 0.4 us a multi-select, of 2.65 us a line)."""
    f = field
    postgres = dialect == "postgres"
    if f.type == "boolean":
        value = field_sql(f, alias, dialect)
        return BOOLEAN, (f"CASE WHEN {value} THEN 'true' WHEN NOT {value} THEN 'false' END" if postgres
                         else f"CASE {value} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END")
    if f.type == "number" and postgres:
        # The JSON's text: numeric's own text writes a float of 1e16 as an integer.
        return NUMBER, f"({json_sql(f, alias, dialect)})::text"
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
        return PLAIN, _iso_date(column_sql)
    if f.type == "datetime":
        return PLAIN, _iso_datetime(column_sql, dialect)
    if f.type == "money" and postgres:
        return PLAIN, f"({column_sql})::text"
    # Text, selects, and SQLite's dates and decimals (stored as the API writes them).
    return kind, column_sql


def fast_text_sql(field: Field, alias: str, dialect: str) -> tuple[str, str]:
    """`text_sql`, with PostgreSQL's core dates and datetimes written the faster way
    (values alike, see `_iso_datetime_fast`)."""
    if dialect == "postgres" and field.type in ("date", "datetime") and not field.is_custom:
        column_sql = f"{alias}.{ident(field.column)}"
        return PLAIN, _iso_datetime_fast(column_sql) if field.type == "datetime" else _iso_date_fast(column_sql)
    return text_sql(field, alias, dialect)


# -- select options ----------------------------------------------------------------------


def _checked_option(field: Field, text: str, invalid: str) -> str:
    """A select's value, or `invalid` when the stored value is no longer an option. A
    simple CASE reads the value once for the options (`IN` and a second read cost more)."""
    _options(field)  # plain names only
    whens = " ".join(f"WHEN '{value}' THEN '{value}'" for value in field.option_values)
    return f"CASE {text} {whens} ELSE CASE WHEN {text} IS NOT NULL THEN {invalid} END END"


def _checked_options(field: Field, alias: str, dialect: str, invalid: str) -> str:
    """A multi-select's JSON array, or `invalid` when a value in it is not an option."""
    options = _options(field)
    if dialect == "postgres":
        array = field_sql(field, alias, dialect)
        # Contained in the array of the options: one operator, no subquery per row.
        every = "'[" + ", ".join(f'"{value}"' for value in field.option_values) + "]'::jsonb"
        return f"CASE WHEN {array} IS NULL OR {array} <@ {every} THEN {array} ELSE to_jsonb({invalid}) END"
    array = custom_json(field.key, alias, dialect)
    stray = f"SELECT 1 FROM json_each({array}) WHERE value NOT IN ({options})"
    return f"CASE WHEN {array} IS NULL OR NOT EXISTS ({stray}) THEN json({array}) ELSE {invalid} END"


def _options(field: Field) -> str:
    if not all(SAFE_NAME.match(value) for value in field.option_values):
        raise NoSqlForm(f"options of `{field.name}` that are not plain names")
    return ", ".join(f"'{value}'" for value in field.option_values) or "NULL"


# -- dates and datetimes -----------------------------------------------------------------

# Whether the session writes dates in the ISO style (`YYYY-MM-DD ...`): a subquery, so
# PostgreSQL evaluates it once per statement.
_ISO_DATESTYLE = "(SELECT current_setting('DateStyle') LIKE 'ISO%')"


# asyncpg writes Python's largest and smallest date and datetime as PostgreSQL's
# `infinity` and `-infinity` (and reads them back so), which to_char writes as null.
_DATE_ENDS = (date_json(date.max), date_json(date.min))
_DATETIME_ENDS = tuple(datetime_json(end.replace(tzinfo=timezone.utc)) for end in (datetime.max, datetime.min))


def _finite(column: str, text: str, ends: tuple[str, str]) -> str:
    """PostgreSQL: `text` of `column`, and for `infinity` and `-infinity` Python's ends."""
    return (f"CASE WHEN {column} = 'infinity' THEN '{ends[0]}' WHEN {column} = '-infinity' THEN '{ends[1]}' "
            f"ELSE {text} END")


def _iso_date(column: str) -> str:
    """PostgreSQL: a date as `date.isoformat()` writes it."""
    return _finite(column, f"to_char({column}, 'YYYY-MM-DD')", _DATE_ENDS)


def _iso_datetime(column: str, dialect: str) -> str:
    """SQL for Python's `isoformat()` of a UTC datetime (microseconds only when not zero)."""
    if dialect == "postgres":
        # One to_char; `.000000` can only be the fraction, which isoformat() leaves out.
        return _finite(column, f"replace(to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), "
                               "'.000000', '') || '+00:00'", _DATETIME_ENDS)
    # SQLite keeps `isoformat(" ")` of UTC datetimes (Tortoise's adapter): swap the separator.
    return f"substr({column}, 1, 10) || 'T' || substr({column}, 12)"


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
            f"THEN ({column})::text ELSE {_iso_date(column)} END")
