"""Page arguments (`first`/`after`/`last`/`before`), their caps, and keyset ordering."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..catalog import Entity
from ..errors import ValidationError
from ..ids import decode_cursor, encode_cursor
from .sql import SQL, ident, param


@dataclass(frozen=True)
class PageArgs:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    @property
    def backwards(self) -> bool:
        return self.last is not None

    @property
    def size(self) -> int:
        return self.last if self.backwards else self.first  # type: ignore[return-value]


def page_args(first, after, last, before, *, default_size: int, max_size: int) -> PageArgs:
    """Checked page arguments: one direction, sizes within the cap."""
    if first is not None and last is not None:
        raise ValidationError("pass either `first` or `last`, not both", field="last")
    for name, value in (("first", first), ("last", last)):
        if value is not None and value < 0:
            raise ValidationError(f"`{name}` must not be negative", field=name)
        if value is not None and value > max_size:
            raise ValidationError(
                f"`{name}` is {value}, above the maximum page size of {max_size}",
                field=name, maximum=max_size,
            )
    if first is None and last is None:
        first = default_size
    return PageArgs(first, after, last, before)


@dataclass(frozen=True)
class OrderTerm:
    column: str
    field_type: str
    descending: bool = False


def ordering(entity: Entity) -> tuple[OrderTerm, ...]:
    """The entity's default order with the id as final tie-breaker, so keysets are total."""
    types = {f.column: f.type for f in entity.fields if f.column}
    terms = [OrderTerm(column, types.get(column, "int"), desc) for column, desc in entity.default_order]
    tie_desc = terms[0].descending if terms else False
    terms.append(OrderTerm("id", "int", tie_desc))
    return tuple(terms)


def order_by(terms: tuple[OrderTerm, ...], alias: str, *, reverse: bool = False) -> str:
    parts = []
    for term in terms:
        desc = term.descending != reverse
        parts.append(f"{alias}.{ident(term.column)} {'DESC' if desc else 'ASC'}")
    return ", ".join(parts)


def cursor_of(row: dict, terms: tuple[OrderTerm, ...]) -> str:
    return encode_cursor([row[term.column] for term in terms])


def _typed(value: Any, field_type: str, dialect: str) -> Any:
    """Cursor values travel as JSON; PostgreSQL wants them typed again."""
    if value is None or dialect != "postgres":
        return value
    if field_type == "datetime":
        return datetime.fromisoformat(value)
    if field_type == "date":
        return date.fromisoformat(value)
    if field_type == "money":
        return Decimal(value)
    return value


def keyset(terms: tuple[OrderTerm, ...], cursor: str, alias: str, dialect: str, *,
           after: bool, field: str) -> SQL:
    """Rows strictly after (or before) the cursor in the given order."""
    values = decode_cursor(cursor, field=field)
    if len(values) != len(terms):
        raise ValidationError(f"{cursor!r} is not a cursor of this list", field=field)
    values = [_typed(v, t.field_type, dialect) for v, t in zip(values, terms)]
    alternatives = []
    for i, term in enumerate(terms):
        equal = [SQL(f"{alias}.{ident(t.column)} = ?", [values[j]]) for j, t in enumerate(terms[:i])]
        forward = term.descending != (not after)
        op = "<" if forward else ">"
        strict = SQL(f"{alias}.{ident(term.column)} {op} ", []) + param(values[i])
        alternatives.append(SQL.join(" AND ", [*equal, strict]).parens())
    return SQL.join(" OR ", alternatives)
