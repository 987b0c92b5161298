"""Row rules and write permissions.

For now every authenticated user reads every record and only admins change users,
teams, territories and pipeline stages; role, territory and ownership rules come
here, as SQL predicates, so that every read path applies them at once.
"""

from __future__ import annotations

from ..catalog import Entity
from ..errors import ForbiddenError
from ..models import Role
from ..query.sql import SQL
from .actor import Actor


def row_predicate(actor: Actor, entity: Entity, alias: str) -> SQL | None:
    """The SQL condition a row of `entity` (as `alias`) must meet for the actor to see it."""
    return None


def require_write(actor: Actor, entity: Entity) -> None:
    """Refuse a create, update or delete of `entity` the actor may not make."""
    if actor.role is Role.BI:
        raise ForbiddenError("the bi role reads only")
    if entity.admin_only_writes and not actor.is_admin:
        raise ForbiddenError(f"only admins may change {entity.plural}")


def require_admin(actor: Actor, what: str) -> None:
    if not actor.is_admin:
        raise ForbiddenError(f"only admins may {what}")
