"""Opaque global IDs and cursors.

A global ID is the hex of `Key:pk` (`Account:42` -> `4163636f756e743a3432`): opaque to
clients, stable across renames (the key never changes) and cheap to build in SQL on
both databases (`lower(hex(...))` on SQLite, `encode(..., 'hex')` on PostgreSQL).
"""

from __future__ import annotations

from typing import Any

import orjson

from .errors import ValidationError


def to_global_id(key: str, pk: int) -> str:
    return f"{key}:{pk}".encode().hex()


# Longer than any ID this API gives out (a key and a 64-bit number, in hex).
MAX_ID_LENGTH = 200
MAX_PK = 2**63 - 1


def from_global_id(global_id: str, *, field: str = "id") -> tuple[str, int]:
    """The key and primary key of a global ID; anything else is a VALIDATION error, also a
    number that does not fit the 64-bit keys of the database."""
    invalid = ValidationError(f"{str(global_id)[:MAX_ID_LENGTH]!r} is not a valid ID", field=field)
    if not isinstance(global_id, str) or len(global_id) > MAX_ID_LENGTH:
        raise invalid
    try:
        key, _, digits = bytes.fromhex(global_id).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        raise invalid from None
    if not key.isidentifier() or not digits.isascii() or not digits.isdigit() or not 0 < int(digits) <= MAX_PK:
        raise invalid
    return key, int(digits)


def encode_cursor(values: list[Any]) -> str:
    return orjson.dumps(values, option=orjson.OPT_PASSTHROUGH_DATETIME, default=str).hex()


def decode_cursor(cursor: str, *, field: str) -> list[Any]:
    if not isinstance(cursor, str) or len(cursor) > 4 * MAX_ID_LENGTH:
        raise ValidationError(f"{str(cursor)[:MAX_ID_LENGTH]!r} is not a valid cursor", field=field)
    try:
        values = orjson.loads(bytes.fromhex(cursor))
    except ValueError:
        raise ValidationError(f"{cursor!r} is not a valid cursor", field=field) from None
    if not isinstance(values, list):
        raise ValidationError(f"{cursor!r} is not a valid cursor", field=field)
    return values
