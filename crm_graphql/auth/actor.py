"""The actor: the authenticated user behind a request, as the rules need them."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Role


@dataclass(frozen=True)
class Actor:
    user_id: int
    email: str
    role: Role
    territory_ids: frozenset[int] = frozenset()

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
