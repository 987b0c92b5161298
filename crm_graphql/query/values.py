"""Turn database values into Python values, alike for SQLite and PostgreSQL.

SQLite hands back dates, datetimes and decimals as text, booleans as integers and
JSON as text; asyncpg hands back proper types (and JSON as text). Decoders are built
once per entity and dialect, so decoding a row is a few dictionary operations.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import orjson

Decoder = Callable[[Any], Any]


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def _boolean(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _json(value: Any) -> Any:
    if isinstance(value, (str, bytes)):
        return orjson.loads(value)
    return value


_SQLITE = {"date": _date, "datetime": _datetime, "money": _decimal, "boolean": _boolean, "json": _json}
# asyncpg reads `infinity` of a timestamptz as a naive `datetime.max`: UTC like the others.
_POSTGRES = {"datetime": _datetime, "money": _decimal, "json": _json}


def column_decoder(field_type: str, dialect: str) -> Decoder | None:
    """The decoder for a column of this catalog type, or None when values pass as they are."""
    return (_SQLITE if dialect == "sqlite" else _POSTGRES).get(field_type)


def custom_value(field_type: str, value: Any) -> Any:
    """A plugin field's value as read from the JSON column."""
    if value is None:
        return None
    if field_type == "date":
        return _date(value)
    if field_type == "datetime":
        return _datetime(value)
    if field_type == "money":
        return _decimal(value)
    return value


decode_json = _json
