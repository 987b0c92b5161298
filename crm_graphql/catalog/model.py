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
    """A scalar field. `column` is its SQL column; plugin fields live in `custom` instead.

    `name` is the GraphQL name, a label plugins may rename; `key` is the field's identity
    (see docs/ARCHITECTURE.md, "Keys and names")."""

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
    def key(self) -> str:
        """The identity no rename changes: a core field's column, a plugin field's key in the
        `custom` JSON column. Field rules, stored values, indexes and plans refer to it."""
        return self.column or self.stored_as or self.name

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
    compiled to one statement (see `query/compiler.py`). A money value may be a number
    or, where a number would round (SQLite's REAL holds 15 digits), its exact decimal text
    with two places."""

    name: str
    type: str
    resolve: Callable[..., Awaitable[Any]]
    labels: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    plugin: str | None = None
    sql: Callable[..., Any] | None = None


@dataclass(frozen=True)
class Hop:
    """One step from a row to a related row: through this row's `column` (the related
    row's id), or through a link table `link` = (table, column to this row, column to the
    related row)."""

    table: str
    column: str | None = None
    link: tuple[str, str, str] | None = None


# How an entity's records fall under the access rules (see `auth/policy.py`).
ACCOUNT, PROSPECT, SYSTEM, ADMIN_ONLY = "account", "prospect", "system", "admin"


@dataclass(frozen=True)
class Access:
    """How a record belongs to users and accounts, declared once per entity; `auth/rules.py`
    turns it into the SQL predicates of every role.

    `kind` picks the default scopes of each role: `account` records are seen through the
    accounts they belong to, `prospect` records through their owner, `system` records are
    shared reference data, `admin` records only admins see. `owners` are the columns whose
    user owns the record (an activity's owner and its assignee). `accounts` are the paths
    from a record to the accounts it belongs to; the empty path is the account itself."""

    kind: str
    owners: tuple[str, ...] = ()
    accounts: tuple[tuple[Hop, ...], ...] = ()


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
    # Keys of the text fields the `search` argument looks in (names, emails).
    search_fields: tuple[str, ...] = ()
    description: str | None = None
    computed: list[ComputedField] = field(default_factory=list)
    # Old field names kept as deprecated aliases after a field rename: old -> new.
    field_aliases: dict[str, str] = field(default_factory=dict)
    # At least one of these references must be set (an activity belongs somewhere).
    one_of_references: tuple[str, ...] = ()
    access: Access = field(default_factory=lambda: Access(SYSTEM))

    def __post_init__(self) -> None:
        self.name = self.name or self.key
        self.plural = self.plural or _lower_first(self.key) + "s"

    def member_names(self) -> set[str]:
        """Every GraphQL field name the entity's type uses (for clash checks)."""
        names = {"id"} | {f.name for f in self.fields} | {c.name for c in self.computed}
        names |= {r.name for r in self.references} | {r.input_name for r in self.references}
        names |= {c.name for c in self.collections} | set(self.field_aliases)
        return names

    def field_keys(self) -> set[str]:
        return {f.key for f in self.fields}

    def field(self, name: str) -> Field | None:
        """A field by its current GraphQL name."""
        return next((f for f in self.fields if f.name == name), None)

    def field_by_key(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def field_named(self, name: str) -> Field | None:
        """A field by a GraphQL name clients may send: its current name or an old one kept."""
        return self.field(name) or self.field(self.field_aliases.get(name, ""))

    def resolve_field(self, name: str) -> Field | None:
        """A field by any of its names or its key: the one place a name becomes a field's
        identity (rules and admin commands take any of them)."""
        return self.field_named(name) or self.field_by_key(name)

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
        """An entity by its stable key, its current GraphQL name or an old name kept as an alias."""
        return (self.entities.get(name) or self.by_name(name)
                or next((e for e in self if any(old == name for old, _ in e.aliases)), None))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
