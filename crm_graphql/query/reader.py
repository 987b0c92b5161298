"""`Reader`: the statements that load pages, single records, related records and counts.

Every statement goes through `where`, which adds the actor's access predicate from
`auth/`, so no read path can leave it out. Rows come back as plain dicts with Python
values: `pk` (the integer key), `id` (the global ID), the entity's columns and, for
plugin fields, `custom__<name>` values (see `custom_attr`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any

from .. import auth
from ..catalog import Catalog, Collection, Entity
from ..db import read_connection
from . import aggregates, copyout, filters, values
from .pages import (
    OrderTerm, PageArgs, cursor_sql, key_columns, keyset, keyset_condition, order_by, order_terms, ordering,
    page_info,
)
from .rendering import global_id
from .sql import SQL, and_, ident, inline_numbers, params, render

ALIAS = "t"


@dataclass
class Page:
    """A page's rows and their cursors in the order shown, and its `pageInfo` by GraphQL
    name (`pages.page_info`)."""

    rows: list
    cursors: list[str]
    info: dict[str, Any]

    @classmethod
    def read(cls, rows: list, cursors: list[str], args: PageArgs) -> "Page":
        """The page of `rows` and their `cursors` as read for `args`: at most one row past
        the page, and for `last` from the end (shown in order)."""
        more = len(rows) > args.size
        rows, cursors = rows[: args.size], cursors[: args.size]
        info = page_info(args, more, cursors[0] if cursors else None, cursors[-1] if cursors else None)
        if args.backwards:
            rows, cursors = rows[::-1], cursors[::-1]
        return cls(rows, cursors, info)


class Reader:
    """Reads for one catalog on one database; built once per schema version."""

    def __init__(self, catalog: Catalog, dialect: str) -> None:
        self.catalog = catalog
        self.dialect = dialect
        self._decoders = {entity.key: self._decoder(entity) for entity in catalog}
        self._columns = {
            entity.key: ", ".join(f"{ALIAS}.{ident(c)}" for c in entity.columns) for entity in catalog
        }
        self._orders = {entity.key: ordering(entity) for entity in catalog}

    # -- statements -------------------------------------------------------------

    async def fetch(self, statement: SQL) -> list[dict]:
        text, args = render(statement, self.dialect)
        return await read_connection().execute_query_dict(text, args)

    # Filters and orders from clients, compiled for this reader's table alias. A filter is
    # compiled per actor: its relation subqueries carry the related entities' access rules.

    def filter_sql(self, entity: Entity, actor: auth.Actor, filter: dict | None = None,
                   search: str | None = None) -> SQL | None:
        """The condition of a filter dict and a search text (see `query.filters`)."""
        return and_([
            filters.compile_filter(self.catalog, entity, filter, ALIAS, self.dialect, actor=actor),
            filters.search_sql(entity, search, ALIAS, self.dialect, actor=actor),
        ])

    def order_terms(self, entity: Entity, order: list[dict] | None = None,
                    actor: auth.Actor | None = None) -> tuple[OrderTerm, ...]:
        """The terms of an `orderBy` list; the entity's default order when it is empty.
        Ordering by a field hidden from the actor is refused (it would reveal its values)."""
        if not order:
            return self._orders[entity.key]
        terms = order_terms(entity, order, self.dialect)
        if actor is not None:
            for item in order:
                if item["field"] != "id":
                    auth.require_field(actor, entity, item["field"], "order by")
        return terms

    async def page(self, entity: Entity, actor: auth.Actor, args: PageArgs, *,
                   filter: SQL | None = None, order: tuple[OrderTerm, ...] | None = None) -> Page:
        terms = order or self._orders[entity.key]
        where = self.where(entity, actor, args, terms, filter)
        statement = (
            SQL(f"SELECT {self._columns[entity.key]}, {cursor_sql(terms, ALIAS, self.dialect)} AS cursor__ "
                f"FROM {ident(entity.table)} {ALIAS}")
            + self._where_clause(where)
            + f" ORDER BY {order_by(terms, ALIAS, reverse=args.backwards)} LIMIT {args.size + 1}"
        )
        rows = await self.fetch(statement)
        return self._page(entity, rows, args)

    async def count(self, entity: Entity, actor: auth.Actor, *, filter: SQL | None = None) -> int:
        return (await self.fetch(self.count_sql(entity, actor, filter)))[0]["n"]

    def count_sql(self, entity: Entity, actor: auth.Actor, filter: SQL | None = None, *, source: str | None = None,
                  anchor: SQL | None = None) -> SQL:
        """`totalCount`, for both read paths: the rows the actor may see that match the
        filter, whatever the page and its cursors; of `source` (rows joined to a parent
        by `anchor`) when given."""
        where = and_([anchor, self.where(entity, actor, filter=filter)])
        source = source or f"{ident(entity.table)} {ALIAS}"
        return SQL(f"SELECT COUNT(*) AS n FROM {source}") + self._where_clause(where)

    async def aggregate(self, entity: Entity, actor: auth.Actor, group_by: list[dict] | None = None, *,
                        filter: SQL | None = None, measures: dict[str, set[str]] | None = None) -> dict:
        """Counts and numeric aggregates per group (see `query.aggregates`), in one statement."""
        hidden = {f.name for f in entity.fields if auth.field_hidden(actor, entity, f)}
        plan = aggregates.plan(entity, group_by or [], ALIAS, self.dialect, hidden=hidden, measures=measures,
                               reference_sql=lambda r: inline_numbers(auth.reference_sql(actor, self.catalog, r, ALIAS)))
        statement = (
            SQL(f"SELECT {plan.select} FROM {ident(entity.table)} {ALIAS}")
            + self._where_clause(self.where(entity, actor, filter=filter))
            + plan.tail
        )
        return plan.result(await self.fetch(statement))

    async def lines(self, entity: Entity, actor: auth.Actor, line: str, separator: str, *,
                    filter: SQL | None = None, order: tuple[OrderTerm, ...] | None = None,
                    size: int = 5000) -> AsyncIterator[bytes]:
        """Every matching row rendered by the SQL expression `line`, in order, each line
        followed by `separator`, as UTF-8 chunks of whole lines.

        PostgreSQL streams the rows with one `COPY (SELECT line ... ORDER BY ...) TO STDOUT`
        (see `query.copyout`): the database renders and sends at its own pace while Python
        only forwards chunks, and a slow reader holds the COPY back instead of filling
        memory. It runs as one statement, in one snapshot, on one pooled connection for as
        long as the reader takes. SQLite reads keyset batches of `size` rows."""
        terms = order or self._orders[entity.key]
        select = f"SELECT {line} FROM {ident(entity.table)} {ALIAS}"
        if self.dialect == "postgres":
            statement = (SQL(select) + self._where_clause(self.where(entity, actor, filter=filter))
                         + f" ORDER BY {order_by(terms, ALIAS)}")
            # Closed with this generator: a reader that stops early stops the COPY at once.
            async with aclosing(copyout.copy_lines(statement, separator, settings=copyout.EXPORT_SETTINGS)) as chunks:
                async for chunk in chunks:
                    yield chunk
            return
        head = SQL(f"SELECT {line} AS line__{key_columns(terms, ALIAS)} FROM {ident(entity.table)} {ALIAS}")
        tail = f" ORDER BY {order_by(terms, ALIAS)} LIMIT {size}"
        keys = [f"k__{i}" for i in range(len(terms))]
        after = None
        while True:
            where = self.where(entity, actor, terms=terms, filter=filter, after_values=after)
            rows = await self.fetch(head + self._where_clause(where) + tail)
            if not rows:
                return
            after = [rows[-1][k] for k in keys]
            yield "".join([row["line__"] + separator for row in rows]).encode()
            if len(rows) < size:
                return

    async def access_to(self, entity: Entity, actor: auth.Actor, pk: int) -> tuple[bool, bool]:
        """Whether the record exists and is visible to the actor, and whether they may change it."""
        def flag(predicate: SQL | None) -> SQL:
            return SQL("1") if predicate is None else SQL("CASE WHEN ") + predicate + " THEN 1 ELSE 0 END"

        statement = (SQL("SELECT ") + flag(auth.row_predicate(actor, entity, ALIAS)) + " AS r, "
                     + flag(auth.write_predicate(actor, entity, ALIAS))
                     + f" AS w FROM {ident(entity.table)} {ALIAS} WHERE {ALIAS}.id = ?")
        statement.params.append(pk)
        rows = await self.fetch(statement)
        return (bool(rows and rows[0]["r"]), bool(rows and rows[0]["r"] and rows[0]["w"]))

    async def matches(self, entity: Entity, pk: int,
                      checks: Sequence[tuple[auth.Actor, SQL | None]]) -> tuple[dict | None, list[bool]]:
        """The record `pk`, and for each (actor, filter) whether that actor may see it and it
        matches the filter: one statement for every subscriber judging a change (see
        live/stream.py), each check its own `where` as a flag column."""
        statement = SQL(f"SELECT {self._columns[entity.key]}")
        for index, (actor, filter) in enumerate(checks):
            where = self.where(entity, actor, filter=filter)
            flag = SQL("1") if where is None else SQL("CASE WHEN ") + where + " THEN 1 ELSE 0 END"
            statement = statement + ", " + flag + f" AS m__{index}"
        statement = statement + f" FROM {ident(entity.table)} {ALIAS} WHERE {ALIAS}.id = ?"
        statement.params.append(pk)
        rows = await self.fetch(statement)
        if not rows:
            return None, [False] * len(checks)
        row = rows[0]
        found = [bool(row.pop(f"m__{index}")) for index in range(len(checks))]
        return self._decoders[entity.key](row), found

    async def by_pks(self, entity: Entity, actor: auth.Actor, pks: Sequence[int]) -> dict[int, dict]:
        where = and_([self.where(entity, actor), SQL(f"{ALIAS}.id IN (") + params(pks) + ")"])
        statement = SQL(f"SELECT {self._columns[entity.key]} FROM {ident(entity.table)} {ALIAS}") + self._where_clause(where)
        decode = self._decoders[entity.key]
        return {row["pk"]: row for row in map(decode, await self.fetch(statement))}

    async def children(self, collection: Collection, actor: auth.Actor, parent_pks: Sequence[int],
                       args: PageArgs, *, filter: SQL | None = None,
                       order: tuple[OrderTerm, ...] | None = None) -> dict[int, Page]:
        """One page of related records for each parent, in one statement."""
        target = self.catalog[collection.target]
        terms = order or self._orders[target.key]
        parent, source = self.parent_join(collection)
        where = and_([self.where(target, actor, args, terms, filter),
                      SQL(f"{parent} IN (") + params(parent_pks) + ")"])
        window = f"ROW_NUMBER() OVER (PARTITION BY {parent} ORDER BY {order_by(terms, ALIAS, reverse=args.backwards)})"
        statement = (
            SQL(f"SELECT * FROM (SELECT {self._columns[target.key]}, {cursor_sql(terms, ALIAS, self.dialect)} AS cursor__, "
                f"{parent} AS parent__, {window} AS rn__ FROM {source}")
            + self._where_clause(where)
            + f") ranked WHERE rn__ <= {args.size + 1} ORDER BY parent__, rn__"
        )
        grouped: dict[int, list[dict]] = {pk: [] for pk in parent_pks}
        for row in await self.fetch(statement):
            grouped[row.pop("parent__")].append(row)
        return {pk: self._page(target, rows, args) for pk, rows in grouped.items()}

    async def count_children(self, collection: Collection, actor: auth.Actor,
                             parent_pks: Sequence[int], *, filter: SQL | None = None) -> dict[int, int]:
        target = self.catalog[collection.target]
        parent, source = self.parent_join(collection)
        where = and_([self.where(target, actor, filter=filter), SQL(f"{parent} IN (") + params(parent_pks) + ")"])
        statement = (
            SQL(f"SELECT {parent} AS parent__, COUNT(*) AS n FROM {source}")
            + self._where_clause(where) + f" GROUP BY {parent}"
        )
        counts = {row["parent__"]: row["n"] for row in await self.fetch(statement)}
        return {pk: counts.get(pk, 0) for pk in parent_pks}

    # -- pieces -------------------------------------------------------------------

    def where(self, entity: Entity, actor: auth.Actor, args: PageArgs | None = None,
               terms=None, filter: SQL | None = None, *, after_values: list | None = None) -> SQL | None:
        """The one place a statement's conditions are combined: the actor's access
        predicate, the client's filter and the keyset of a cursor (or of the order `terms`'
        values of the last row read, `after_values`)."""
        parts = [auth.row_predicate(actor, entity, ALIAS), filter]
        if args is not None and args.after is not None:
            parts.append(keyset(terms, args.after, ALIAS, self.dialect, after=True, field="after"))
        if args is not None and args.before is not None:
            parts.append(keyset(terms, args.before, ALIAS, self.dialect, after=False, field="before"))
        if after_values is not None:
            parts.append(keyset_condition(terms, after_values, ALIAS, after=True))
        return and_(parts)

    @staticmethod
    def _where_clause(where: SQL | None) -> SQL:
        return SQL("") if where is None else SQL(" WHERE ") + where

    def parent_join(self, collection: Collection) -> tuple[str, str]:
        target = self.catalog[collection.target]
        table = f"{ident(target.table)} {ALIAS}"
        if collection.link_table:
            link = f"{ident(collection.link_table)} link__"
            source = f"{table} JOIN {link} ON link__.{ident(collection.link_to)} = {ALIAS}.id"
            return f"link__.{ident(collection.link_from)}", source
        return f"{ALIAS}.{ident(collection.foreign_column)}", table

    def _page(self, entity: Entity, rows: list[dict], args: PageArgs) -> Page:
        page = Page.read(rows, [row.pop("cursor__") for row in rows], args)
        decode = self._decoders[entity.key]
        page.rows = [decode(row) for row in page.rows]
        return page

    def _decoder(self, entity: Entity) -> Callable[[dict], dict]:
        key = entity.key
        by_column = {f.column: f.type for f in entity.fields if f.column}
        converters = [
            (column, conv) for column in entity.columns
            if (conv := values.column_decoder(by_column.get(column, ""), self.dialect))
        ]
        custom_fields = [(custom_attr(f.key), f.key, f.type) for f in entity.fields if f.is_custom]
        has_custom = entity.is_record

        def decode(row: dict) -> dict:
            row = dict(row)
            for column, conv in converters:
                row[column] = conv(row[column])
            pk = row["id"]
            row["pk"] = pk
            row["id"] = global_id(key, pk)
            if has_custom:
                stored = values.decode_json(row.pop("custom")) or {}
                for attr, name, type_ in custom_fields:
                    row[attr] = values.custom_value(type_, stored.get(name))
            return row

        return decode


def custom_attr(name: str) -> str:
    """The key of a plugin field's value in a row; no core column has a double underscore."""
    return f"custom__{name}"
