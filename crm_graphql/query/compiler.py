"""One SQL statement that builds a read's whole response JSON inside the database.

The GraphQL layer (`graphql/compiled.py`) turns a validated document into a tree of
selections (below); `Compiler` writes its SQL: PostgreSQL `json_build_object`/`json_agg`,
SQLite `json_object`/`json_group_array`, with one correlated subquery per reference and
per connection. Conditions come from `Reader.where` (the actor's access predicate, the
client's filter, the cursor's keyset), values are written as the resolved path writes
them (`rendering`), and cursors come from `cursor_sql`, which the resolved path reads too.

SQLite 3.40 has no ordered aggregates: a page's rows are fed to `json_group_array` from
a subquery in the page's order (by row number where it has them), which SQLite
aggregates in that order.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from itertools import count
from typing import Any, Union

from .. import auth
from ..catalog import Collection, ComputedField, Entity, Field, Reference
from . import rendering
from .expressions import SAFE_NAME
from .pages import OrderTerm, PageArgs, cursor_sql, order_by, page_info
from .reader import ALIAS, Reader
from .sql import SQL, and_, ident, param

# json_build_object takes at most 100 arguments: 50 keys.
MAX_KEYS = 50


class NotCompilable(Exception):
    """The selection has a part with no SQL form; the resolved path answers it."""


# -- the selection tree ---------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    """A constant: `__typename`, or null (a `node` of an unknown kind)."""

    value: str | None


@dataclass(frozen=True)
class GlobalId:
    pass


@dataclass(frozen=True)
class Value:
    field: Field


@dataclass(frozen=True)
class Computed:
    computed: ComputedField


@dataclass
class Record:
    """A record's object: its members in response order."""

    entity: Entity
    members: list[tuple[str, Any]]


@dataclass
class One:
    """A single record: the target of a reference, or a root `x(id:)`/`node(id:)`/`me`."""

    record: Record
    reference: Reference | None = None
    pk: int | None = None


@dataclass
class Edges:
    """`edges`: members are `Literal`, `CURSOR` or the node's `Record`."""

    members: list[tuple[str, Any]]


@dataclass
class PageInfo:
    """`pageInfo`: members are `Literal` or one of `pages.PAGE_INFO`."""

    members: list[tuple[str, Any]]


@dataclass
class Connection:
    """A page of records (a root list, or a collection of the parent record)."""

    entity: Entity
    args: PageArgs
    order: tuple[OrderTerm, ...]
    filter: SQL | None
    members: list[tuple[str, Any]] = dataclass_field(default_factory=list)
    collection: Collection | None = None


CURSOR, TOTAL_COUNT = "cursor", "totalCount"
Member = Union[Literal, GlobalId, Value, Computed, One, Connection, str]


# -- SQL --------------------------------------------------------------------------------


class Compiler:
    """Writes the SQL of one selection tree for one actor."""

    def __init__(self, reader: Reader, actor: auth.Actor) -> None:
        self.reader = reader
        self.actor = actor
        self.dialect = reader.dialect
        self.postgres = reader.dialect == "postgres"
        self._names = count(1)

    def statement(self, members: list[tuple[str, Any]]) -> SQL:
        """SELECT of the response's `data` object, as UTF-8 JSON bytes, in one row and column.
        Bytes, not text: the response sends them as the database wrote them, where text
        would be decoded by the driver and encoded again (a tenth of the Python time of a
        large page)."""
        data = self._object([(key, self._root_member(member)) for key, member in members])
        if self.postgres:
            return SQL("SELECT convert_to(") + data + "::text, 'UTF8') AS data"
        return SQL("SELECT CAST(") + data + " AS BLOB) AS data"

    def _root_member(self, member) -> SQL:
        if isinstance(member, Connection):
            return self._connection(member, parent=None)
        if isinstance(member, One):
            return self._one(member, parent=None)
        return self._literal(member)

    # -- objects ------------------------------------------------------------------------

    def _object(self, pairs: list[tuple[str, SQL]]) -> SQL:
        if len(pairs) > MAX_KEYS:
            raise NotCompilable(f"an object with more than {MAX_KEYS} fields")
        parts = []
        for key, value in pairs:
            if not SAFE_NAME.match(key):
                raise NotCompilable(f"response key {key!r}")
            parts.append(SQL(f"'{key}', ") + value)
        function = "json_build_object(" if self.postgres else "json_object("
        return SQL(function) + SQL.join(", ", parts) + ")"

    def _record(self, record: Record, alias: str) -> SQL:
        return self._object([(key, self._record_member(record.entity, member, alias))
                             for key, member in record.members])

    def _record_member(self, entity: Entity, member, alias: str) -> SQL:
        if isinstance(member, Literal):
            return self._literal(member)
        if isinstance(member, GlobalId):
            return SQL(rendering.global_id_sql(entity.key, f"{alias}.id", self.dialect))
        if isinstance(member, Value):
            return SQL(self._value(member.field, alias))
        if isinstance(member, Computed):
            return self._computed(member.computed, alias)
        if isinstance(member, One):
            return self._one(member, parent=alias)
        if isinstance(member, Connection):
            return self._connection(member, parent=alias)
        raise NotCompilable(f"member {member!r}")

    def _literal(self, literal: Literal) -> SQL:
        if literal.value is None:
            return SQL("NULL")
        if not SAFE_NAME.match(literal.value):
            raise NotCompilable(f"literal {literal.value!r}")
        return SQL(f"'{literal.value}'::text" if self.postgres else f"'{literal.value}'")

    def _boolean(self, condition: SQL) -> SQL:
        if self.postgres:
            return condition.parens()
        return SQL("CASE WHEN ") + condition + " THEN json('true') ELSE json('false') END"

    # -- single records -----------------------------------------------------------------

    def _one(self, one: One, parent: str | None) -> SQL:
        entity = one.record.entity
        name = self._name()
        if one.reference is not None:
            anchor = SQL(f"{ALIAS}.id = {parent}.{ident(one.reference.column)}")
        else:
            anchor = SQL(f"{ALIAS}.id = ?", [one.pk])
        where = and_([anchor, self.reader.where(entity, self.actor)])
        rows = SQL(f"SELECT {ALIAS}.* FROM {ident(entity.table)} {ALIAS} WHERE ") + where
        return SQL("(SELECT ") + self._record(one.record, name) + " FROM (" + rows + f") {name})"

    # -- connections --------------------------------------------------------------------

    def _connection(self, page: Connection, parent: str | None) -> SQL:
        """The connection object, aggregated over its page. A page whose `pageInfo` reads
        its rows, or read from the end, takes at most `size + 1` rows numbered in order
        (the one after the page tells whether there is a next page); any other takes
        `size` rows without numbers, which PostgreSQL would spend a window on
        (a tenth of the nested account view's statement)."""
        entity, args = page.entity, page.args
        name = self._name()
        source, anchor = self._source(page, parent)
        ordered = order_by(page.order, ALIAS, reverse=args.backwards)
        where = and_([anchor, self.reader.where(entity, self.actor, args, page.order, page.filter)])
        cursor = f", {cursor_sql(page.order, ALIAS, self.dialect)} AS c__" if self._reads_cursors(page) else ""
        numbered = self._numbers_rows(page)
        number = f", ROW_NUMBER() OVER (ORDER BY {ordered}) AS rn__" if numbered else ""
        rows = (SQL(f"SELECT {ALIAS}.*{cursor}{number} FROM {source}")
                + (SQL(" WHERE ") + where if where is not None else SQL(""))
                # The page size is a parameter (`Late` when a variable gives it).
                + f" ORDER BY {ordered} LIMIT " + param(args.size) + (" + 1" if numbered else ""))
        if not self.postgres and args.backwards:
            # Rows were read from the end; SQLite aggregates them in the order it gets them.
            rows = SQL("SELECT * FROM (") + rows + ") ORDER BY rn__ DESC"
        members = []
        for key, member in page.members:
            if isinstance(member, Literal):
                members.append((key, self._literal(member)))
            elif member == TOTAL_COUNT:
                members.append((key, self._total(page, parent)))
            elif isinstance(member, Edges):
                members.append((key, self._edges(page, member, name)))
            elif isinstance(member, PageInfo):
                members.append((key, self._page_info(page, member, name)))
            else:
                raise NotCompilable(f"connection member {member!r}")
        if not any(self._reads_rows(page, member) for _, member in page.members):
            # Nothing read from the page: no rows to aggregate (and always one result row).
            return SQL("(SELECT ") + self._object(members) + ")"
        return SQL("(SELECT ") + self._object(members) + " FROM (" + rows + f") {name})"

    @staticmethod
    def _reads_rows(page: Connection, member) -> bool:
        """Whether a connection member aggregates the page's rows (its SELECT then returns one
        row); the flag `page_info` knows from the arguments is a constant."""
        if isinstance(member, Edges):
            return True
        known = {key for key, value in page_info(page.args, None, None, None).items() if isinstance(value, bool)}
        return isinstance(member, PageInfo) and any(m not in known and not isinstance(m, Literal)
                                                    for _, m in member.members)

    @classmethod
    def _numbers_rows(cls, page: Connection) -> bool:
        """Whether the page's rows need row numbers and the row after the page: for a
        `pageInfo` read from them, or to put a page read from the end back in order."""
        return page.args.backwards or any(isinstance(member, PageInfo) and cls._reads_rows(page, member)
                                          for _, member in page.members)

    @staticmethod
    def _reads_cursors(page: Connection) -> bool:
        for _, member in page.members:
            if isinstance(member, Edges) and any(m == CURSOR for _, m in member.members):
                return True
            if isinstance(member, PageInfo) and any(m in ("startCursor", "endCursor") for _, m in member.members):
                return True
        return False

    def _source(self, page: Connection, parent: str | None) -> tuple[str, SQL | None]:
        """The FROM of the page's rows, and the condition tying them to the parent row."""
        if page.collection is None:
            return f"{ident(page.entity.table)} {ALIAS}", None
        column, source = self.reader.parent_join(page.collection)
        return source, SQL(f"{column} = {parent}.id")

    def _edges(self, page: Connection, edges: Edges, name: str) -> SQL:
        pairs = []
        for key, member in edges.members:
            if isinstance(member, Literal):
                pairs.append((key, self._literal(member)))
            elif member == CURSOR:
                pairs.append((key, SQL(f"{name}.c__")))
            else:
                pairs.append((key, self._record(member, name)))
        edge = self._object(pairs)
        if not self._numbers_rows(page):
            if self.postgres:
                return SQL("COALESCE(json_agg(") + edge + f" ORDER BY {order_by(page.order, name)}), '[]'::json)"
            return SQL("json_group_array(") + edge + ")"
        in_page = SQL(f"FILTER (WHERE {name}.rn__ <= ") + param(page.args.size) + ")"
        if self.postgres:
            direction = " DESC" if page.args.backwards else ""
            return (SQL("COALESCE(json_agg(") + edge + f" ORDER BY {name}.rn__{direction}) " + in_page
                    + ", '[]'::json)")
        return SQL("json_group_array(") + edge + ") " + in_page

    def _page_info(self, page: Connection, info: PageInfo, name: str) -> SQL:
        args = page.args
        more = SQL("COUNT(*) > ") + param(args.size)
        # The cursor of the first or last row of the page: row numbers padded to sort as text.
        padded = (f"lpad({name}.rn__::text, 10, '0')" if self.postgres else f"printf('%010d', {name}.rn__)")
        in_page = SQL(f"CASE WHEN {name}.rn__ <= ") + param(args.size) + f" THEN {padded} || {name}.c__ END"
        first_read, last_read = SQL("substr(MIN(") + in_page + "), 11)", SQL("substr(MAX(") + in_page + "), 11)"
        values = {key: self._boolean(SQL("1=1" if value else "1=0")) if isinstance(value, bool) else value
                  for key, value in page_info(args, self._boolean(more), first_read, last_read).items()}
        pairs = [(key, self._literal(member) if isinstance(member, Literal) else values[member])
                 for key, member in info.members]
        return self._object(pairs)

    def _total(self, page: Connection, parent: str | None) -> SQL:
        source, anchor = self._source(page, parent)
        count = self.reader.count_sql(page.entity, self.actor, page.filter, source=source, anchor=anchor)
        return SQL("(") + count + ")"

    # -- values -------------------------------------------------------------------------

    def _value(self, field: Field, alias: str) -> str:
        """A field's value as the resolved path writes it (`rendering.json_sql`)."""
        try:
            return rendering.json_sql(field, alias, self.dialect)
        except rendering.NoSqlForm as reason:
            raise NotCompilable(str(reason)) from None

    def _computed(self, computed: ComputedField, alias: str) -> SQL:
        if computed.sql is None:
            raise NotCompilable(f"`{computed.name}` is computed in Python")
        try:
            return rendering.computed_sql(computed.type, computed.sql(alias, self.dialect, self._visible),
                                          self.dialect)
        except rendering.NoSqlForm as reason:
            raise NotCompilable(str(reason)) from None

    def _visible(self, entity_key: str, alias: str) -> SQL:
        """For a computed field's SQL: the actor may see the row `alias` of that entity."""
        entity = self.reader.catalog[entity_key]
        return auth.row_predicate(self.actor, entity, alias) or SQL("1=1")

    def _name(self) -> str:
        return f"n{next(self._names)}"
