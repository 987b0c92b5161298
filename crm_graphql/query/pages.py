"""Page arguments (`first`/`after`/`last`/`before`), their caps, and keyset ordering."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..catalog import Entity, Field
from ..errors import LimitError, ValidationError
from ..ids import decode_cursor, encode_cursor
from .expressions import field_sql, sqlite_number_output, sqlite_real_json
from .sql import SQL, Late, bound, ident, param, params


@dataclass(frozen=True)
class PageArgs:
    # A size is `Late` in a compiled statement when a variable gives it.
    first: int | Late | None = None
    after: str | None = None
    last: int | Late | None = None
    before: str | None = None

    @property
    def backwards(self) -> bool:
        return self.last is not None

    @property
    def size(self) -> int | Late:
        return self.last if self.backwards else self.first  # type: ignore[return-value]


PAGE_INFO = ("hasNextPage", "hasPreviousPage", "startCursor", "endCursor")


def page_info(args: PageArgs, more: Any, first: Any, last: Any) -> dict[str, Any]:
    """`pageInfo` by its GraphQL names, for both read paths (Python values, or SQL): `more`
    says whether a row past the page was read, `first` and `last` are the cursors of the
    page's first and last rows in the order read. `last` reads from the end, so its page
    starts at the last row read; the flag of the other direction is the arguments' alone
    (a cursor to start from means there is a page on that side), a constant `bool`."""
    if args.backwards:
        return {"hasNextPage": args.before is not None, "hasPreviousPage": more, "startCursor": last,
                "endCursor": first}
    return {"hasNextPage": more, "hasPreviousPage": args.after is not None, "startCursor": first,
            "endCursor": last}


def page_args(first, after, last, before, *, default_size: int, max_size: int) -> PageArgs:
    """Checked page arguments: one direction, sizes within the cap. A size a variable gives
    (`sql.Variable`) is `Late`, checked again for each request that reuses the statement."""
    if first is not None and last is not None:
        raise ValidationError("pass either `first` or `last`, not both", field="last")

    def checked(name: str, value: int) -> int:
        if value < 0:
            raise ValidationError(f"`{name}` must not be negative", field=name)
        if value > max_size:
            raise LimitError(
                f"`{name}` is {value}, above the maximum page size of {max_size}",
                field=name, maximum=max_size,
            )
        return value

    first, last = (None if value is None else bound(value, lambda value, name=name: checked(name, value))
                   for name, value in (("first", first), ("last", last)))
    if first is None and last is None:
        first = default_size
    return PageArgs(first, after, last, before)


@dataclass(frozen=True)
class OrderTerm:
    """One key of an order. `column` names the key: a column, or the API name of a field
    whose `expression` (SQL for a table alias) is not a plain column, like a plugin field
    read from the JSON column. `field_type` is the kind of value the database returns for
    it (`datetime`, `date`, `decimal`, `int`, `boolean`, `text`); cursors carry values as
    JSON, and PostgreSQL wants them typed again."""

    column: str
    field_type: str
    descending: bool = False
    # None puts nulls where a value larger than every other would go (PostgreSQL's
    # default), on both databases: last ascending, first descending.
    nulls_first: bool | None = None
    nullable: bool = False
    expression: Callable[[str], str] | None = None
    # SQLite: the value as the cursor's JSON writes it, where `json_quote` of `expression`
    # would not give it exactly (it writes a REAL with 15 digits).
    json_expression: Callable[[str], str] | None = None

    def sql(self, alias: str) -> str:
        return self.expression(alias) if self.expression else f"{alias}.{ident(self.column)}"

    def json_value(self, alias: str) -> str:
        return self.json_expression(alias) if self.json_expression else self.sql(alias)

    def placement(self, reverse: bool = False) -> tuple[bool, bool]:
        """(descending, nulls first) when read forwards, or backwards for `last`."""
        nulls_first = self.descending if self.nulls_first is None else self.nulls_first
        return self.descending != reverse, nulls_first != reverse


MAX_ORDER_TERMS = 8
DIRECTIONS = ("ASC", "DESC")
NULLS = ("FIRST", "LAST")


def ordering(entity: Entity) -> tuple[OrderTerm, ...]:
    """The entity's default order with the id as final tie-breaker, so keysets are total."""
    by_column = {f.column: f for f in entity.fields if f.column}
    terms = []
    for column, desc in entity.default_order:
        field = by_column.get(column)
        kind = _KINDS.get(field.type, field.type) if field else "int"
        terms.append(OrderTerm(column, kind, desc, nullable=bool(field and not field.required)))
    tie_desc = terms[0].descending if terms else False
    terms.append(OrderTerm("id", "int", tie_desc))
    return tuple(terms)


def orderable(field: Field) -> bool:
    """Scalar fields order; a multi-select has no single value to order by."""
    return field.type != "multiselect"


def order_terms(entity: Entity, order: list[dict] | None, dialect: str, *,
                path: str = "orderBy") -> tuple[OrderTerm, ...]:
    """The terms of `[{"field": ..., "direction": "ASC"|"DESC", "nulls": "FIRST"|"LAST"}]`
    (API field names, plugin fields included), with the id as final tie-breaker; the
    entity's default order when `order` is empty."""
    if not order:
        return ordering(entity)
    if not isinstance(order, list):
        raise ValidationError(f"`{path}` must be a list", field=path)
    if len(order) > MAX_ORDER_TERMS:
        raise ValidationError(f"`{path}` has more than {MAX_ORDER_TERMS} entries", field=path)
    terms: list[OrderTerm] = []
    seen = set()
    for i, item in enumerate(order):
        at = f"{path}.{i}"
        if not isinstance(item, dict) or not isinstance(item.get("field"), str):
            raise ValidationError(f"`{at}` must be an object with a `field`", field=at)
        unknown = set(item) - {"field", "direction", "nulls"}
        if unknown:
            raise ValidationError(f"`{at}` has unknown keys: {', '.join(sorted(unknown))}", field=at)
        name = item["field"]
        direction = _choice(item.get("direction") or "ASC", DIRECTIONS, f"{at}.direction")
        nulls = item.get("nulls")
        nulls_first = None if nulls is None else _choice(nulls, NULLS, f"{at}.nulls") == "FIRST"
        if name in seen:
            raise ValidationError(f"`{at}`: `{name}` is ordered by twice", field=f"{at}.field")
        seen.add(name)
        if name == "id":
            # The id is unique: it ends the order.
            terms.append(OrderTerm("id", "int", direction == "DESC"))
            return tuple(terms)
        field = entity.field_named(name)
        if field is None or not orderable(field):
            raise ValidationError(f"{entity.name} has no field `{name}` to order by", field=f"{at}.field")
        terms.append(field_term(field, dialect, descending=direction == "DESC", nulls_first=nulls_first))
    terms.append(OrderTerm("id", "int", terms[0].descending))
    return tuple(terms)


def field_term(field: Field, dialect: str, *, descending: bool = False,
               nulls_first: bool | None = None) -> OrderTerm:
    """An order term on a field's SQL expression (the one its filters and indexes use)."""
    if field.is_custom and dialect == "postgres":
        # Plugin values come out of the JSON column as text, cast for numbers (see field_sql).
        kind = {"number": "decimal", "money": "decimal", "int": "int", "boolean": "boolean"}.get(field.type, "text")
    else:
        kind = _KINDS.get(field.type, field.type)
    json_expression = None
    if dialect == "sqlite" and field.type == "number":
        json_expression = lambda alias: sqlite_number_output(field, alias)  # noqa: E731
    elif dialect == "sqlite" and field.type == "money":
        json_expression = lambda alias: sqlite_real_json(field_sql(field, alias, dialect))  # noqa: E731
    return OrderTerm(
        field.column or field.name, kind, descending, nulls_first,
        nullable=field.is_custom or not field.required,
        expression=lambda alias: field_sql(field, alias, dialect),
        json_expression=json_expression,
    )


_KINDS = {"money": "decimal", "email": "text", "url": "text", "select": "text"}


def _choice(value: Any, allowed: tuple[str, ...], path: str) -> str:
    text = value.upper() if isinstance(value, str) else value
    if text not in allowed:
        raise ValidationError(f"`{path}` must be one of {', '.join(allowed)}", field=path, allowed=list(allowed))
    return text


def order_by(terms: tuple[OrderTerm, ...], alias: str, *, reverse: bool = False) -> str:
    parts = []
    for term in terms:
        desc, nulls_first = term.placement(reverse)
        # Nulls are placed explicitly: SQLite and PostgreSQL disagree by default.
        nulls = (" NULLS FIRST" if nulls_first else " NULLS LAST") if term.nullable else ""
        parts.append(f"{term.sql(alias)} {'DESC' if desc else 'ASC'}{nulls}")
    return ", ".join(parts)


def key_columns(terms: tuple[OrderTerm, ...], alias: str) -> str:
    """Select-list entries `k__0, k__1, ...` with the order's values, which cursors are made of."""
    return "".join(f", {term.sql(alias)} AS k__{i}" for i, term in enumerate(terms))


def cursor_sql(terms: tuple[OrderTerm, ...], alias: str, dialect: str) -> str:
    """SQL for a row's cursor: the hex of the JSON array of its order values.

    Both read paths take cursors from this expression (the resolved path reads it as a
    column, the compiled path puts it into its JSON), so a cursor is the same text
    whichever path made it, and `keyset` decodes it alike."""
    if dialect == "postgres":
        items = " || ',' || ".join(f"COALESCE({_json_sql(term, alias)}, 'null')" for term in terms)
        return f"encode(convert_to('[' || {items} || ']', 'UTF8'), 'hex')"
    items = " || ',' || ".join(f"json_quote({term.json_value(alias)})" for term in terms)
    return f"lower(hex('[' || {items} || ']'))"


def _json_sql(term: OrderTerm, alias: str) -> str:
    """PostgreSQL: a term's value as JSON text (NULL for null), as `_typed` reads it back."""
    value = term.sql(alias)
    kind = term.field_type
    if kind in ("int", "number"):
        return f"({value})::text"
    if kind == "decimal":
        return f"""'"' || ({value})::text || '"'"""
    if kind == "date":
        return f"""'"' || to_char({value}, 'YYYY-MM-DD') || '"'"""
    if kind == "datetime":
        return (f"""'"' || replace(to_char({value} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), """
                f"""'.000000', '') || '+00:00"'""")
    if kind == "boolean":
        return f"CASE WHEN {value} THEN 'true' WHEN NOT {value} THEN 'false' END"
    return f"to_json(({value})::text)::text"


def pop_cursor(row: dict, terms: tuple[OrderTerm, ...]) -> str:
    """The row's cursor, from its `key_columns` (which are taken out of the row)."""
    return encode_cursor(pop_keys(row, terms))


def pop_keys(row: dict, terms: tuple[OrderTerm, ...]) -> list[Any]:
    return [row.pop(f"k__{i}") for i in range(len(terms))]


def _typed(value: Any, kind: str, dialect: str) -> Any:
    """A cursor value checked against its key's kind (a cursor of another order is refused),
    typed again for PostgreSQL; SQLite compares the values as the JSON gave them."""
    if value is None:
        return None
    if kind in ("datetime", "date"):
        parsed = (datetime if kind == "datetime" else date).fromisoformat(value)
    elif kind in ("decimal", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise TypeError(value)
        parsed = Decimal(str(value)) if kind == "decimal" else float(value)
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(value)
        parsed = value
    elif kind == "boolean":
        # SQLite keeps booleans as 0 and 1.
        if not isinstance(value, (bool, int)) or value not in (0, 1):
            raise TypeError(value)
        parsed = bool(value)
    else:
        if not isinstance(value, str):
            raise TypeError(value)
        parsed = value
    return parsed if dialect == "postgres" else value


class BoundCursor(str):
    """A cursor the document takes from a variable: its keys become `Late` parameters, so
    the compiled statement serves every cursor of the same shape (see `cursor_shape`)."""

    variable: str

    @classmethod
    def of(cls, cursor: str, variable: str) -> "BoundCursor":
        bound = cls(cursor)
        bound.variable = variable
        return bound


def cursor_shape(cursor: Any) -> Any:
    """What the SQL of a keyset depends on: which of the cursor's keys are null (the
    cursor itself when it is not a cursor at all, so its error is its own)."""
    if cursor is None:
        return None
    try:
        values = decode_cursor(cursor, field="")
    except (ValidationError, TypeError):
        return ("not a cursor", cursor)
    return tuple(value is None for value in values)


def cursor_values(terms: tuple[OrderTerm, ...], cursor: str, dialect: str, field: str) -> list[Any]:
    """The cursor's keys, checked against the order's terms and typed for the database."""
    values = decode_cursor(cursor, field=field)
    if len(values) != len(terms):
        raise ValidationError(f"{cursor!r} is not a cursor of this list", field=field)
    try:
        return [_typed(v, t.field_type, dialect) for v, t in zip(values, terms)]
    except (TypeError, ValueError, ArithmeticError):
        raise ValidationError(f"{cursor!r} is not a cursor of this list", field=field) from None


def keyset(terms: tuple[OrderTerm, ...], cursor: str, alias: str, dialect: str, *,
           after: bool, field: str) -> SQL:
    """Rows strictly after (or before) the cursor in the given order."""
    values = cursor_values(terms, cursor, dialect, field)
    if isinstance(cursor, BoundCursor):
        variable = cursor.variable

        def key(index: int, value: Any) -> Late:
            return Late(value, lambda request: cursor_values(terms, request.variables.get(variable), dialect,
                                                             field)[index])

        values = [None if value is None else key(i, value) for i, value in enumerate(values)]
    return keyset_condition(terms, values, alias, after=after)


def keyset_condition(terms: tuple[OrderTerm, ...], values: list[Any], alias: str, *, after: bool) -> SQL:
    """Rows strictly after (or before) the row whose order values are `values`.

    A row comes after when it equals the cursor on the first i terms and is beyond it on
    term i; equality is null-safe and "beyond" follows each term's null placement. Keys
    that cannot be null and run one way use a row-value comparison, which indexes serve.
    """
    reverse = not after
    placements = [term.placement(reverse) for term in terms]
    if not any(term.nullable for term in terms) and len({desc for desc, _ in placements}) == 1:
        op = "<" if placements[0][0] else ">"
        left = ", ".join(term.sql(alias) for term in terms)
        return SQL(f"({left}) {op} (") + params(values) + ")"
    alternatives = []
    for i, term in enumerate(terms):
        equal = [_equal(t.sql(alias), v) for t, v in zip(terms[:i], values[:i])]
        beyond = _beyond(term.sql(alias), values[i], term.nullable, *placements[i])
        if beyond is not None:
            alternatives.append(SQL.join(" AND ", [*equal, beyond]).parens())
    if not alternatives:
        return SQL("1=0")
    return SQL.join(" OR ", alternatives)


def _equal(expression: str, value: Any) -> SQL:
    return SQL(f"{expression} IS NULL") if value is None else SQL(f"{expression} = ", []) + param(value)


def _beyond(expression: str, value: Any, nullable: bool, descending: bool, nulls_first: bool) -> SQL | None:
    """Values strictly beyond `value` in this direction; None when nothing can be."""
    if value is None:
        # Nulls first: every value comes after them. Nulls last: nothing does.
        return SQL(f"{expression} IS NOT NULL") if nulls_first else None
    strict = SQL(f"{expression} {'<' if descending else '>'} ", []) + param(value)
    if nullable and not nulls_first:
        return SQL(f"({strict.text} OR {expression} IS NULL)", strict.params)
    return strict
