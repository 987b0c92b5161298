"""`SQL`: a fragment of SQL text with its parameters, composable with `+` and `join`.

Fragments use `?` as their placeholder; `render` numbers them `$1, $2, ...` for
PostgreSQL. Values never go into the text, so a fragment can be cached by its text. A
parameter may be `Late`: a value the compiled path's plan cache takes again from each
request that reuses the statement (the actor's id, a cursor's keys, page sizes and filter
values given by variables).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


class SQL:
    __slots__ = ("text", "params")

    def __init__(self, text: str, params: Iterable[Any] = ()) -> None:
        self.text = text
        self.params = list(params)

    def __add__(self, other: "SQL | str") -> "SQL":
        if isinstance(other, str):
            return SQL(self.text + other, self.params)
        return SQL(self.text + other.text, self.params + other.params)

    def __radd__(self, other: str) -> "SQL":
        return SQL(other + self.text, self.params)

    def __repr__(self) -> str:
        return f"SQL({self.text!r}, {self.params!r})"

    @staticmethod
    def join(separator: str, parts: Iterable["SQL"]) -> "SQL":
        texts, params = [], []
        for part in parts:
            texts.append(part.text)
            params.extend(part.params)
        return SQL(separator.join(texts), params)

    def parens(self) -> "SQL":
        return SQL(f"({self.text})", self.params)


@dataclass(frozen=True)
class Late:
    """A parameter whose `value` is this request's; `take(request)` gives another
    request's value of the same parameter (see `graphql.compiled.Bound`)."""

    value: Any
    take: Callable[[Any], Any] = field(compare=False, repr=False)


@dataclass(frozen=True)
class Variable:
    """A value the document takes from the request's variables (at `path` in them), on its
    way to becoming a parameter. Where `query/` turns it into one (`bound`), it becomes
    `Late`: a compiled statement then serves every value of the variable, and checks each
    request's value as it checked this one (see `graphql.compiled`)."""

    value: Any
    path: tuple


def bound(value: Any, convert: Callable[[Any], Any]) -> Any:
    """`convert(value)`, the parameter a client's value becomes; `Late` for a `Variable`,
    whose other values are taken from each request (`request.variable(path)`)."""
    if not isinstance(value, Variable):
        return convert(value)
    path = value.path
    return Late(convert(value.value), lambda request: convert(request.variable(path)))


def late_value(value: Any) -> Any:
    return value.value if isinstance(value, Late) else value


def param(value: Any) -> SQL:
    return SQL("?", [value])


def params(values: Iterable[Any]) -> SQL:
    values = list(values)
    return SQL(", ".join("?" * len(values)), values)


def ident(name: str) -> str:
    """A quoted identifier; names come from the catalog, never from clients."""
    return '"' + name.replace('"', '""') + '"'


def and_(parts: Iterable[SQL | None]) -> SQL | None:
    present = [part.parens() for part in parts if part is not None]
    if not present:
        return None
    return SQL.join(" AND ", present)


def inline_numbers(fragment: SQL) -> str:
    """A fragment's text with its parameters written in, for SQL that must be text (an
    aggregate's select list, an export's line). Only integers are written (user and
    territory numbers of an access rule); the text is for one request, never cached."""
    pieces = fragment.text.split("?")
    if len(pieces) - 1 != len(fragment.params):
        raise ValueError("a fragment's text holds a stray placeholder")
    text = pieces[0]
    for value, piece in zip(map(late_value, fragment.params), pieces[1:]):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"only integers are written into SQL text, not {value!r}")
        text += str(value) + piece
    return text


def render(fragment: SQL, dialect: str) -> tuple[str, list[Any]]:
    values = [late_value(value) for value in fragment.params]
    if dialect != "postgres":
        return fragment.text, values
    pieces = fragment.text.split("?")
    text = pieces[0] + "".join(f"${n}{piece}" for n, piece in enumerate(pieces[1:], start=1))
    return text, values
