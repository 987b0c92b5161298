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


def from_global_id(global_id: str, *, field: str = "id") -> tuple[str, int]:
    try:
        key, _, pk = bytes.fromhex(global_id).decode().partition(":")
        return key, int(pk)
    except (ValueError, UnicodeDecodeError):
        raise ValidationError(f"{global_id!r} is not a valid ID", field=field) from None


def encode_cursor(values: list[Any]) -> str:
    return orjson.dumps(values, option=orjson.OPT_PASSTHROUGH_DATETIME, default=str).hex()


def decode_cursor(cursor: str, *, field: str) -> list[Any]:
    try:
        values = orjson.loads(bytes.fromhex(cursor))
    except ValueError:
        raise ValidationError(f"{cursor!r} is not a valid cursor", field=field) from None
    if not isinstance(values, list):
        raise ValidationError(f"{cursor!r} is not a valid cursor", field=field)
    return values
