"""What each field of the entities' object types and of the query root is, recorded once,
where the schema build makes the field (`types.EntityTypes`, `schema._query_fields`).
The compiled planner reads this record instead of working the schema's shape out again:
a field the record lacks is a schema-build bug (raised in strict mode), and a kind the
compiler has no SQL form for is named as the cause of resolving.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Of an object type's field: the record's global ID, a scalar value (`Field`), a to-one
# reference (`Reference`), a connection of related records (`Collection`), a computed
# field (`ComputedField`). Of a query field: `node(id:)`, `me`, one record by ID, a list.
MEMBER_KINDS = ("id", "value", "reference", "connection", "computed")
ROOT_KINDS = ("node", "me", "one", "list")


@dataclass(frozen=True)
class Member:
    """A field's kind and the catalog member (or, of a root, the entity) it gives;
    `alias_of` is the current name of a member asked for by an old name kept by a rename."""

    kind: str
    target: Any = None
    alias_of: str | None = None


@dataclass
class Members:
    """GraphQL type name -> field name -> `Member`, and query field name -> `Member`."""

    objects: dict[str, dict[str, Member]] = field(default_factory=dict)
    roots: dict[str, Member] = field(default_factory=dict)

    def add(self, type_name: str, field_name: str, member: Member) -> None:
        self._put(self.objects.setdefault(type_name, {}), f"{type_name}.{field_name}", field_name, member,
                  MEMBER_KINDS)

    def add_root(self, field_name: str, member: Member) -> None:
        self._put(self.roots, f"Query.{field_name}", field_name, member, ROOT_KINDS)

    @staticmethod
    def _put(record: dict[str, Member], where: str, name: str, member: Member, kinds: tuple[str, ...]) -> None:
        if member.kind not in kinds:
            raise ValueError(f"`{where}`: unknown kind {member.kind!r}")
        if name in record:
            raise ValueError(f"`{where}` is recorded twice")
        record[name] = member
