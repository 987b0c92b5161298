"""The actor: the authenticated user behind a request, as the rules need them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Role, Scope
from .policy import Policy


@dataclass(frozen=True)
class Actor:
    user_id: int
    email: str
    role: Role
    territory_ids: frozenset[int] = frozenset()
    excluded_territory_ids: frozenset[int] = frozenset()
    # The rules of the schema build serving the request.
    policy: Policy = field(default_factory=Policy)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def read_scope(self, entity_key: str) -> Scope:
        return Scope.ALL if self.is_admin else self.policy.read_scope(self.role.value, entity_key)

    def write_scope(self, entity_key: str) -> Scope:
        return Scope.ALL if self.is_admin else self.policy.write_scope(self.role.value, entity_key)

    @property
    def rules_shape(self) -> tuple:
        """What the SQL of the actor's rules depends on (a cache key for compiled SQL): the
        role, and how many territories the predicates list (their ids and the user's id
        are parameters, see `auth.rules`)."""
        return (self.role, len(self.territory_ids), len(self.excluded_territory_ids))
