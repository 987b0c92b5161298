"""The catalog's building blocks: entities, their fields and their relations."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Awaitable, Callable
from typing import Any

FIELD_TYPES = (
    "text", "int", "number", "money", "date", "datetime", "boolean", "email", "url",
    "select", "multiselect",
)
# Types core fields may have besides those plugins use.
CORE_ONLY_TYPES = ("json",)


@dataclass(frozen=True)
class Option:
    """One entry of a select field: the stored value and its labels per locale."""

    value: str
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Field:
    """A scalar field. `column` is its SQL column; plugin fields live in `custom` instead."""

    name: str
    type: str
    column: str | None = None
    required: bool = False
    writable: bool = True
    options: tuple[Option, ...] = ()
    # The GraphQL enum of a select field; fields sharing options share the enum.
    enum_name: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    default: Any = None
    filterable: bool = True
    indexed: bool = False
    plugin: str | None = None
    deprecation: str | None = None
    # Roles that may read / write a plugin field; empty means every role.
    read_roles: tuple[str, ...] = ()
    write_roles: tuple[str, ...] = ()
    # A renamed plugin field keeps the key its values are stored under.
    stored_as: str | None = None

    @property
    def is_custom(self) -> bool:
        return self.column is None

    @property
    def json_key(self) -> str:
        """The key of a plugin field's value in the `custom` JSON column."""
        return self.stored_as or self.name

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)


@dataclass(frozen=True)
class ComputedField:
    """A read-only field whose value a code plugin computes.

    `resolve(record, loader)` gets the record's row (a dict of Python values) and a
    `loader(entity_key, pk)` coroutine that loads another row in the same batch.

    `sql(alias, dialect, visible)`, when given, is the same value as an SQL fragment on
    the record's row `alias` (`visible(entity_key, alias)` is the actor's access
    predicate for a row the fragment reads); it lets reads that select the field be
    compiled to one statement (see `query/compiler.py`)."""

    name: str
    type: str
    resolve: Callable[..., Awaitable[Any]]
    labels: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    plugin: str | None = None
    sql: Callable[..., Any] | None = None


@dataclass(frozen=True)
class Reference:
    """A to-one relation held by a foreign-key column of this entity."""

    name: str
    target: str
    column: str
    required: bool = False
    writable: bool = True
    labels: dict[str, str] = field(default_factory=dict)
    deprecation: str | None = None

    @property
    def input_name(self) -> str:
        return f"{self.name}Id"


@dataclass(frozen=True)
class Collection:
    """A to-many relation: rows of `target` whose `foreign_column` points here, or linked
    through `link_table` (`link_from` points here, `link_to` at the target)."""

    name: str
    target: str
    foreign_column: str | None = None
    link_table: str | None = None
    link_from: str | None = None
    link_to: str | None = None
    # The Tortoise model of the link table: link collections are writable as `<target>Ids`,
    # or as `input_name` where that would be ambiguous (a meeting's `attendeeIds`).
    link_model: type | None = None
    input_name: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    deprecation: str | None = None


@dataclass
class Entity:
    """A type of record. `key` is stable (it is inside global IDs); `name` and `plural`
    are the GraphQL names, which plugins may rename."""

    key: str
    table: str
    model: type
    fields: list[Field]
    references: list[Reference] = field(default_factory=list)
    collections: list[Collection] = field(default_factory=list)
    name: str = ""
    plural: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    plural_labels: dict[str, str] = field(default_factory=dict)
    # Records carry owner, version and custom; system entities (users, stages) do not.
    is_record: bool = True
    admin_only_writes: bool = False
    # No create, update or delete mutations (the audit log).
    read_only: bool = False
    # Older GraphQL names kept as deprecated aliases after a rename.
    aliases: list[tuple[str, str]] = field(default_factory=list)
    # (column, descending) pairs; the id is always the final tie-breaker.
    default_order: tuple[tuple[str, bool], ...] = ()
    # API names of the text fields the `search` argument looks in (names, emails).
    search_fields: tuple[str, ...] = ()
    description: str | None = None
    computed: list[ComputedField] = field(default_factory=list)
    # Old field names kept as deprecated aliases after a field rename: old -> new.
    field_aliases: dict[str, str] = field(default_factory=dict)
    # At least one of these references must be set (an activity belongs somewhere).
    one_of_references: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.name = self.name or self.key
        self.plural = self.plural or _lower_first(self.key) + "s"

    def member_names(self) -> set[str]:
        """Every GraphQL field name the entity's type uses (for clash checks)."""
        names = {"id"} | {f.name for f in self.fields} | {c.name for c in self.computed}
        names |= {r.name for r in self.references} | {r.input_name for r in self.references}
        names |= {c.name for c in self.collections} | set(self.field_aliases)
        return names

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def reference(self, name: str) -> Reference | None:
        return next((r for r in self.references if r.name == name), None)

    def collection(self, name: str) -> Collection | None:
        return next((c for c in self.collections if c.name == name), None)


    @property
    def columns(self) -> list[str]:
        """Every SQL column the API reads for this entity, id first."""
        cols = ["id"]
        cols += [f.column for f in self.fields if f.column and f.column != "id"]
        cols += [r.column for r in self.references]
        if self.is_record:
            cols.append("custom")
        return list(dict.fromkeys(cols))

    @property
    def singular_field(self) -> str:
        return _lower_first(self.name)


@dataclass
class Catalog:
    entities: dict[str, Entity]
    version: int = 0

    def __getitem__(self, key: str) -> Entity:
        return self.entities[key]

    def __iter__(self):
        return iter(self.entities.values())

    def by_name(self, name: str) -> Entity | None:
        return next((e for e in self if e.name == name), None)

    def find(self, name: str) -> Entity | None:
        """An entity by its stable key or its current GraphQL name."""
        return self.entities.get(name) or self.by_name(name)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
