"""Filters as SQL: a plain filter dict (from a GraphQL input or an export's JSON) becomes
one parameterised condition on a row of an entity.

A filter looks like

    {"and": [...], "or": [...], "not": {...},
     "<field>": {"eq": v, "ne": v, "in": [...], "notIn": [...], "lt": v, "lte": v, "gt": v,
                 "gte": v, "contains": v, "startsWith": v, "isNull": bool},
     "id" / "<reference>Id": {"eq": id, "ne": id, "in": [...], "notIn": [...], "isNull": bool},
     "<reference>": {<filter of the target>},
     "<collection>": {"some" | "none" | "every": {<filter of the target>}}}

Entries of one object are combined with AND. Conditions are two-valued: `ne` and `notIn`
also match records without a value and `not` is the exact complement of its filter, so
`not: F` and `F` together always cover every record. Relation filters are EXISTS
subqueries that apply the target's access predicate too: a record the actor may not see
cannot be matched, so it cannot be inferred by filtering. Plugin fields are read with
`field_sql`, the expression their index is built on.
"""

from __future__ import annotations

import itertools
from typing import Any

from .. import auth, values
from ..catalog import Catalog, Collection, Entity, Field, Reference
from ..errors import ValidationError
from ..ids import from_global_id
from .expressions import field_sql, json_path
from .sql import SQL, and_, bound, ident, param, params

COMPARISONS = ("eq", "ne", "in", "notIn", "lt", "lte", "gt", "gte", "isNull")
TEXT_OPERATORS = (*COMPARISONS, "contains", "startsWith")
EQUALITY = ("eq", "ne", "in", "notIn", "isNull")

# Which operators fit which field type; the GraphQL filter inputs are generated from this.
OPERATORS: dict[str, tuple[str, ...]] = {
    "text": TEXT_OPERATORS, "email": TEXT_OPERATORS, "url": TEXT_OPERATORS,
    "int": COMPARISONS, "number": COMPARISONS, "money": COMPARISONS,
    "date": COMPARISONS, "datetime": COMPARISONS,
    "boolean": ("eq", "ne", "isNull"),
    "select": EQUALITY,
    # A multi-select `contains` an option when the option is one of its values.
    "multiselect": ("contains", "isNull"),
    "id": EQUALITY,
}
LOGICAL = ("and", "or", "not")
QUANTIFIERS = ("some", "none", "every")
# Bounds that keep a filter from a client (or a URL) from growing statements without end.
MAX_LIST = 1000
MAX_DEPTH = 32
MAX_SEARCH_TERMS = 8

_SQL_OPERATORS = {"eq": "=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}


def compile_filter(catalog: Catalog, entity: Entity, filter: dict | None, alias: str, dialect: str,
                   *, actor: auth.Actor, path: str = "filter") -> SQL | None:
    """The condition of `filter` on a row of `entity` named `alias`; None matches every row.

    `actor` is needed for relation filters: their subqueries apply the target's access rule.
    Anything unknown or mistyped raises a `ValidationError` naming the path in the filter.
    """
    return _Compiler(catalog, dialect, actor).compile(entity, filter, alias, path, 0)


def search_sql(entity: Entity, text: str | None, alias: str, dialect: str,
               *, actor: auth.Actor | None = None, path: str = "search") -> SQL | None:
    """Case-insensitive search on the entity's `search_fields`: every word of `text` must be
    found in at least one of them (`ada love` finds Ada Lovelace). Fields hidden from the
    actor are not searched."""
    if text is None:
        return None
    words = values.text(text, path).split()
    if not words:
        return None
    if not entity.search_fields:
        raise ValidationError(f"{entity.plural} cannot be searched", field=path)
    if len(words) > MAX_SEARCH_TERMS:
        raise ValidationError(f"`{path}` has more than {MAX_SEARCH_TERMS} words", field=path)
    fields = [field for field in map(entity.field_by_key, entity.search_fields)
              if field and (actor is None or not auth.field_hidden(actor, entity, field))]
    if not any(fields):
        raise ValidationError(f"{entity.plural} cannot be searched", field=path)
    conditions = []
    for word in words:
        pattern = "%" + escape_like(word) + "%"
        matches = [_like(field_sql(field, alias, dialect), pattern, dialect) for field in fields if field]
        conditions.append(SQL.join(" OR ", matches))
    return and_(conditions)


def escape_like(text: str) -> str:
    r"""`text` as a literal inside a LIKE pattern with `ESCAPE '\'`."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(expression: str, pattern: str, dialect: str) -> SQL:
    # SQLite's LIKE ignores case (for ASCII letters); PostgreSQL needs ILIKE.
    operator = "ILIKE" if dialect == "postgres" else "LIKE"
    return SQL(f"{expression} {operator} ? ESCAPE '\\'", [pattern])


_TRUE, _FALSE = SQL("1=1"), SQL("1=0")


class _Compiler:
    def __init__(self, catalog: Catalog, dialect: str, actor: auth.Actor) -> None:
        self.catalog = catalog
        self.dialect = dialect
        self.actor = actor
        # Subquery aliases, unique within one statement.
        self._aliases = (f"f{n}_" for n in itertools.count(1))

    # -- filter objects -------------------------------------------------------------

    def compile(self, entity: Entity, spec: Any, alias: str, path: str, depth: int) -> SQL | None:
        if spec is None:
            return None
        if not isinstance(spec, dict):
            raise ValidationError(f"`{path}` must be an object", field=path)
        if depth > MAX_DEPTH:
            raise ValidationError(f"`{path}` is nested too deeply", field=path)
        parts = []
        for key, value in spec.items():
            at = f"{path}.{key}"
            if value is None:
                raise ValidationError(f"`{at}` must not be null; leave it out instead", field=at)
            parts.append(self._entry(entity, key, value, alias, at, depth))
        return and_(parts)

    def _entry(self, entity: Entity, key: str, value: Any, alias: str, path: str, depth: int) -> SQL | None:
        if key in ("and", "or"):
            items = self._list(value, path)
            compiled = [self.compile(entity, item, alias, f"{path}.{i}", depth + 1) for i, item in enumerate(items)]
            if key == "and":
                return and_(compiled)
            if any(part is None for part in compiled):
                return None  # one alternative matches everything
            return SQL.join(" OR ", [part.parens() for part in compiled]).parens() if compiled else _FALSE
        if key == "not":
            inner = self.compile(entity, value, alias, path, depth + 1)
            return _FALSE if inner is None else _negate(inner)
        if key == "id":
            return self._ids(entity, SQL(f"{alias}.id"), value, path)
        field = entity.field_named(key)
        if field is not None and field.filterable:
            # A field hidden from the actor must not be inferable by filtering on it.
            auth.require_field(self.actor, entity, field, "filter on")
            return self._field(field, value, alias, path)
        reference = entity.reference(key)
        if reference is not None:
            return self._reference(reference, value, alias, path, depth)
        reference = next((r for r in entity.references if r.input_name == key), None)
        if reference is not None:
            # The ID of a record the actor may not see reads as null, so it matches as null.
            column = auth.reference_sql(self.actor, self.catalog, reference, alias)
            return self._ids(self.catalog[reference.target], column, value, path)
        collection = entity.collection(key)
        if collection is not None:
            return self._collection(entity, collection, value, alias, path, depth)
        raise ValidationError(f"{entity.name} has no field `{key}` to filter on", field=path)

    @staticmethod
    def _list(value: Any, path: str) -> list:
        if not isinstance(value, list):
            raise ValidationError(f"`{path}` must be a list", field=path)
        if len(value) > MAX_LIST:
            raise ValidationError(f"`{path}` has more than {MAX_LIST} entries", field=path)
        return value

    # -- relations -----------------------------------------------------------------

    def _reference(self, reference: Reference, spec: Any, alias: str, path: str, depth: int) -> SQL:
        target = self.catalog[reference.target]
        sub = next(self._aliases)
        link = SQL(f"{sub}.id = {alias}.{ident(reference.column)}")
        condition = self._visible(target, sub, link, spec, path, depth)
        return SQL(f"EXISTS (SELECT 1 FROM {ident(target.table)} {sub} WHERE ") + condition + ")"

    def _collection(self, entity: Entity, collection: Collection, spec: Any, alias: str, path: str,
                    depth: int) -> SQL | None:
        if not isinstance(spec, dict):
            raise ValidationError(f"`{path}` must be an object with `some`, `none` or `every`", field=path)
        unknown = [key for key in spec if key not in QUANTIFIERS]
        if unknown:
            raise ValidationError(
                f"`{path}` takes `some`, `none` or `every`, not `{unknown[0]}`", field=f"{path}.{unknown[0]}"
            )
        parts = []
        for quantifier, inner in spec.items():
            at = f"{path}.{quantifier}"
            if inner is None:
                raise ValidationError(f"`{at}` must not be null; leave it out instead", field=at)
            parts.append(self._quantified(collection, quantifier, inner, alias, at, depth))
        return and_(parts)

    def _quantified(self, collection: Collection, quantifier: str, spec: Any, alias: str, path: str,
                    depth: int) -> SQL:
        target = self.catalog[collection.target]
        sub = next(self._aliases)
        if collection.link_table:
            link_alias = next(self._aliases)
            source = (f"{ident(collection.link_table)} {link_alias} JOIN {ident(target.table)} {sub}"
                      f" ON {sub}.id = {link_alias}.{ident(collection.link_to)}")
            link = SQL(f"{link_alias}.{ident(collection.link_from)} = {alias}.id")
        else:
            source = f"{ident(target.table)} {sub}"
            link = SQL(f"{sub}.{ident(collection.foreign_column)} = {alias}.id")
        if quantifier == "every":
            # Every visible related record matches: none of them fails the filter.
            inner = self.compile(target, spec, sub, path, depth + 1)
            if inner is None:
                return _TRUE
            condition = and_([link, auth.row_predicate(self.actor, target, sub), _negate(inner)])
            return SQL(f"NOT EXISTS (SELECT 1 FROM {source} WHERE ") + condition + ")"
        condition = self._visible(target, sub, link, spec, path, depth)
        exists = SQL(f"EXISTS (SELECT 1 FROM {source} WHERE ") + condition + ")"
        return exists if quantifier == "some" else SQL("NOT ") + exists

    def _visible(self, target: Entity, sub: str, link: SQL, spec: Any, path: str, depth: int) -> SQL:
        """The link, the target's access predicate and the target's filter, for a subquery."""
        inner = self.compile(target, spec, sub, path, depth + 1)
        return and_([link, auth.row_predicate(self.actor, target, sub), inner])  # type: ignore[return-value]

    # -- fields ----------------------------------------------------------------------

    def _field(self, field: Field, spec: Any, alias: str, path: str) -> SQL | None:
        operators = self._operators(spec, OPERATORS[field.type], field.type, path)
        expression = field_sql(field, alias, self.dialect)
        if field.type == "multiselect":
            return and_([self._multiselect(field, op, v, alias, expression, f"{path}.{op}")
                         for op, v in operators])
        parts = []
        for op, value in operators:
            at = f"{path}.{op}"
            if op == "isNull":
                parts.append(_is_null(expression, value))
            elif op in ("in", "notIn"):
                values = [self._checked(field, v, f"{at}.{i}") for i, v in enumerate(self._list(value, at))]
                parts.append(_in(expression, values, negated=op == "notIn", nullable=True))
            elif op in ("contains", "startsWith"):
                lead = "%" if op == "contains" else ""
                pattern = bound(value, lambda text, at=at, lead=lead: lead + escape_like(self._text(text, at)) + "%")
                parts.append(_like(expression, pattern, self.dialect))
            elif op == "ne":
                parts.append(SQL(f"({expression} <> ? OR {expression} IS NULL)", [self._checked(field, value, at)]))
            else:
                parts.append(SQL(f"{expression} {_SQL_OPERATORS[op]} ", []) + param(self._checked(field, value, at)))
        return and_(parts)

    def _multiselect(self, field: Field, op: str, value: Any, alias: str, expression: str, path: str) -> SQL:
        if op == "isNull":
            return _is_null(expression, value)
        option = bound(value, lambda option: self._option(field, option, path))
        if self.dialect == "postgres":
            # jsonb containment; the `?` operator would clash with the placeholders.
            return SQL(f"COALESCE({expression} @> jsonb_build_array(?::text), FALSE)", [option])
        return SQL(f"EXISTS (SELECT 1 FROM json_each({alias}.custom, {json_path(field.key)}) WHERE value = ?)", [option])

    def _ids(self, target: Entity, column: SQL, spec: Any, path: str) -> SQL | None:
        operators = self._operators(spec, OPERATORS["id"], "ID", path)
        parts = []
        for op, value in operators:
            at = f"{path}.{op}"
            if op == "isNull":
                parts.append(_is_null(column, value))
            elif op in ("in", "notIn"):
                pks = [bound(v, lambda v, at=f"{at}.{i}": self._pk(target, v, at))
                       for i, v in enumerate(self._list(value, at))]
                parts.append(_in(column, pks, negated=op == "notIn", nullable=True))
            elif op == "ne":
                pk = bound(value, lambda v, at=at: self._pk(target, v, at))
                parts.append(SQL("(") + column + SQL(" <> ? OR ", [pk]) + column + " IS NULL)")
            else:
                parts.append(column + SQL(" = ?", [bound(value, lambda v, at=at: self._pk(target, v, at))]))
        return and_(parts)

    @staticmethod
    def _operators(spec: Any, allowed: tuple[str, ...], type_name: str, path: str) -> list[tuple[str, Any]]:
        if not isinstance(spec, dict):
            raise ValidationError(f"`{path}` must be an object of operators ({', '.join(allowed)})", field=path)
        for op, value in spec.items():
            if op not in allowed:
                known = op in OPERATORS["text"] or op in OPERATORS["multiselect"]
                reason = f"does not apply to a {type_name} field" if known else "is not an operator"
                raise ValidationError(f"`{path}.{op}` {reason}; use one of {', '.join(allowed)}",
                                      field=f"{path}.{op}", allowed=list(allowed))
            if value is None:
                raise ValidationError(f"`{path}.{op}` must not be null; use `isNull`", field=f"{path}.{op}")
            if op == "isNull" and not isinstance(value, bool):
                raise ValidationError(f"`{path}.isNull` must be true or false", field=f"{path}.isNull")
        return list(spec.items())

    # -- values ----------------------------------------------------------------------

    def _checked(self, field: Field, value: Any, path: str) -> Any:
        """`_value` of a value, `Late` when a variable gives it (see `sql.bound`)."""
        return bound(value, lambda value: self._value(field, value, path))

    def _value(self, field: Field, value: Any, path: str) -> Any:
        """A filter value checked against the field's type, as this database compares it."""
        type_ = field.type
        if type_ in ("text", "email", "url"):
            return self._text(value, path)
        if type_ == "select":
            return self._option(field, value, path)
        if type_ == "boolean":
            if not isinstance(value, bool):
                raise ValidationError(f"`{path}` must be true or false", field=path)
            # SQLite keeps booleans as 0 and 1, also inside JSON.
            return value if self.dialect == "postgres" else int(value)
        if type_ == "int":
            return values.integer(value, path)
        if type_ in ("number", "money"):
            number = values.decimal(value, path)
            # PostgreSQL compares numeric with numeric; SQLite's expressions are REAL.
            return number if self.dialect == "postgres" else float(number)
        if type_ == "date":
            day = values.date_(value, path)
            if self.dialect == "postgres" and not field.is_custom:
                return day
            return day.isoformat()
        if type_ == "datetime":
            moment = values.datetime_utc(value, path)
            if self.dialect == "postgres" and not field.is_custom:
                return moment
            # SQLite columns hold `isoformat(" ")` of UTC times (Tortoise's adapter); plugin
            # values hold `isoformat()`. Both compare correctly as text in UTC.
            return moment.isoformat(" " if not field.is_custom else "T")
        raise ValidationError(f"`{path}`: {type_} fields cannot be compared", field=path)

    @staticmethod
    def _text(value: Any, path: str) -> str:
        return values.text(value, path)

    @staticmethod
    def _option(field: Field, value: Any, path: str) -> str:
        if not isinstance(value, str) or value not in field.option_values:
            raise ValidationError(
                f"`{path}`: {value!r} is not one of {', '.join(field.option_values)}",
                field=path, allowed=list(field.option_values),
            )
        return value

    @staticmethod
    def _pk(target: Entity, value: Any, path: str) -> int:
        if not isinstance(value, str):
            raise ValidationError(f"`{path}` must be an ID", field=path)
        key, pk = from_global_id(value, field=path)
        if key != target.key:
            raise ValidationError(f"`{path}` must be the ID of a {target.name}, not of a {key}", field=path)
        return pk


def _negate(condition: SQL) -> SQL:
    # COALESCE makes the condition two-valued, so NOT is its exact complement.
    return SQL("NOT COALESCE(") + condition + ", FALSE)"


def _is_null(expression: str | SQL, value: bool) -> SQL:
    return _expression(expression) + f" IS {'' if value else 'NOT '}NULL"


def _in(expression: str | SQL, values: list, *, negated: bool, nullable: bool) -> SQL:
    if not values:
        return _TRUE if negated else _FALSE
    value = _expression(expression)
    listed = value + f" {'NOT ' if negated else ''}IN (" + params(values) + ")"
    if negated and nullable:
        return SQL("(") + listed + " OR " + value + " IS NULL)"
    return listed


def _expression(expression: str | SQL) -> SQL:
    """A field's expression (text) or a reference ID's (with the access rule's parameters)."""
    return expression if isinstance(expression, SQL) else SQL(expression)
