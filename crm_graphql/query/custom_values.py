"""Statements on plugin values in the `custom` JSON column that the ORM cannot express:
merging a patch (so concurrent updates of different fields both survive), reading the
distinct stored values of a field, and purging a field's values."""

from __future__ import annotations

from typing import Any

import orjson

from ..catalog import Entity
from ..db import connection
from .expressions import checked_key, custom_json, json_path
from .sql import SQL, ident, render


async def merge(entity: Entity, pk: int, patch: dict[str, Any], dialect: str, conn=None) -> None:
    """`custom = custom + patch` in one statement, inside the caller's transaction."""
    table = ident(entity.table)
    payload = orjson.dumps(patch).decode()
    if dialect == "postgres":
        statement = SQL(f"UPDATE {table} SET custom = custom || ?::jsonb WHERE id = ?", [payload, pk])
    else:
        # json_patch drops keys whose new value is null; a missing key reads as null too.
        statement = SQL(f"UPDATE {table} SET custom = json_patch(custom, ?) WHERE id = ?", [payload, pk])
    text, args = render(statement, dialect)
    await (conn or connection()).execute_query(text, args)


async def distinct_values(entity: Entity, key: str, dialect: str, limit: int = 1000) -> list[Any]:
    """Up to `limit` distinct values stored under `key`, as Python values."""
    table, value = ident(entity.table), custom_json(key, None, dialect)
    if dialect == "postgres":
        text = (f"SELECT DISTINCT ({value})::text AS v FROM {table} "
                f"WHERE {value} IS NOT NULL AND {value} <> 'null'::jsonb LIMIT {int(limit)}")
        rows = await connection().execute_query_dict(text)
        return [orjson.loads(row["v"]) for row in rows]
    text = (f"SELECT DISTINCT {value} AS v, json_type(custom, {json_path(key)}) AS t "
            f"FROM {table} WHERE {value} IS NOT NULL LIMIT {int(limit)}")
    values = []
    for row in await connection().execute_query_dict(text):
        value, kind = row["v"], row["t"]
        if kind in ("array", "object"):
            value = orjson.loads(value)
        elif kind in ("true", "false"):
            value = kind == "true"
        values.append(value)
    return values


async def purge(entity: Entity, key: str, dialect: str, conn=None) -> int:
    """Delete the values stored under `key` in every row; returns the rows changed."""
    table = ident(entity.table)
    if dialect == "postgres":
        key = checked_key(key)
        text = f"UPDATE {table} SET custom = custom - '{key}' WHERE jsonb_exists(custom, '{key}')"
    else:
        path = json_path(key)
        text = f"UPDATE {table} SET custom = json_remove(custom, {path}) WHERE json_type(custom, {path}) IS NOT NULL"
    changed, _ = await (conn or connection()).execute_query(text)
    return changed
