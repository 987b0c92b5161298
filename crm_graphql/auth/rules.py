"""Who sees and changes what, as SQL predicates and checks.

`row_predicate` is the condition a row must meet for the actor to read it;
`write_predicate` the one for changing it. `query/` adds them to every statement it
writes, so lists, counts, `node`, nested relations, relation filters, aggregates and
exports all apply the same rule. Scopes (see `models.access.Scope`) come from the
actor's policy; account-related records are visible through their account.
"""

from __future__ import annotations

from ..catalog import Entity
from ..errors import ForbiddenError
from ..models import Role, Scope
from ..query.sql import SQL, Late, param, params
from .actor import Actor
from .policy import ACCOUNT_ENTITIES

NOTHING = SQL("1 = 0")


def row_predicate(actor: Actor, entity: Entity, alias: str) -> SQL | None:
    """The SQL condition a row of `entity` (as `alias`) must meet for the actor to see it."""
    return _predicate(actor, entity, alias, actor.read_scope(entity.key))


def write_predicate(actor: Actor, entity: Entity, alias: str) -> SQL | None:
    """The SQL condition a row must meet for the actor to change or delete it."""
    return _predicate(actor, entity, alias, actor.write_scope(entity.key))


def require_write(actor: Actor, entity: Entity) -> None:
    """Refuse any create, update or delete of `entity` the actor's role may not make."""
    if actor.write_scope(entity.key) is Scope.NONE:
        if actor.role is Role.BI:
            raise ForbiddenError("the bi role reads only")
        raise ForbiddenError(f"your role may not change {entity.plural}")


def require_admin(actor: Actor, what: str) -> None:
    if not actor.is_admin:
        raise ForbiddenError(f"only admins may {what}")


def field_hidden(actor: Actor, entity: Entity, name: str) -> bool:
    """Whether the actor's role may not read the field (by a field rule or the plugin's roles)."""
    if actor.is_admin:
        return False
    if actor.policy.is_hidden(actor.role.value, entity.key, name):
        return True
    field = entity.field(name)
    return bool(field and field.read_roles and actor.role.value not in field.read_roles)


def require_field(actor: Actor, entity: Entity, name: str, use: str = "read") -> None:
    """Refuse reading, filtering, ordering, grouping or exporting a hidden field."""
    if field_hidden(actor, entity, name):
        raise ForbiddenError(f"you may not {use} `{entity.name}.{name}`", field=name)


def require_field_write(actor: Actor, entity: Entity, name: str) -> None:
    field = entity.field(name)
    if field_hidden(actor, entity, name) or (
        field and field.write_roles and not actor.is_admin and actor.role.value not in field.write_roles
    ):
        raise ForbiddenError(f"you may not write `{entity.name}.{name}`", field=name)


# -- predicates ---------------------------------------------------------------------


def _predicate(actor: Actor, entity: Entity, alias: str, scope: Scope) -> SQL | None:
    if actor.is_admin:
        return None
    if scope is Scope.NONE:
        return NOTHING
    if entity.key in ACCOUNT_ENTITIES:
        return _account_record(actor, entity, alias, scope)
    if scope is Scope.ALL:
        return None
    owner = _owner_column(entity)
    if owner is None:
        return NOTHING
    if scope is Scope.TERRITORY:
        return SQL(f"{alias}.{owner} IN (SELECT crm_user_id FROM user_territory WHERE ") + _in(
            "territory_id", actor.territory_ids) + ")"
    return SQL(f"{alias}.{owner} = ?", [_user(actor)])


# The actor's id and territories go into predicates as `Late` parameters, so a compiled
# statement is shared by every actor of the same rules' shape (`Actor.rules_shape`).

def _user(actor: Actor) -> Late:
    return Late(actor.user_id, lambda request: request.actor.user_id)


def _territory(ids: frozenset[int], index: int, excluded: bool) -> Late:
    def take(request) -> int:
        actor = request.actor
        return sorted(actor.excluded_territory_ids if excluded else actor.territory_ids)[index]

    return Late(sorted(ids)[index], take)


def _owner_column(entity: Entity) -> str | None:
    if entity.key == "User":
        return "id"
    return "owner_id" if entity.is_record else None


def _in(column: str, ids: frozenset[int], *, excluded: bool = False) -> SQL:
    if not ids:
        return NOTHING
    return SQL(f"{column} IN (") + params(_territory(ids, i, excluded) for i in range(len(ids))) + ")"


def _account_visible(actor: Actor, account: str, scope: Scope) -> SQL:
    """Whether the account row `account` is visible under the scope."""
    if scope is Scope.TERRITORY:
        rule = _in(f"{account}.territory_id", actor.territory_ids)
    elif scope is Scope.ACCOUNTS:
        rule = (SQL(f"({account}.owner_id = ") + param(_user(actor)) + " OR "
                + _in(f"{account}.territory_id", actor.territory_ids) + ")")
    elif scope is Scope.OWNED:
        rule = SQL(f"{account}.owner_id = ?", [_user(actor)])
    else:
        rule = SQL("1 = 1")
    if actor.excluded_territory_ids:
        rule = rule + SQL(f" AND ({account}.territory_id IS NULL OR NOT ") + _in(
            f"{account}.territory_id", actor.excluded_territory_ids, excluded=True) + ")"
    return rule


def _account_paths(entity: Entity, alias: str) -> list[tuple[str, str]]:
    """(FROM ... WHERE join, account alias) for each way a record belongs to accounts."""
    x = f"{alias}_acc"
    direct = (f'"account" {x}', f"{x}.id = {alias}.account_id")
    via_person = (f'"account_person" {alias}_ap JOIN "account" {x} ON {x}.id = {alias}_ap.account_id',
                  f"{alias}_ap.person_id = {alias}.{{person}}")
    if entity.key == "Person":
        return [(via_person[0], via_person[1].format(person="id"))]
    if entity.key == "DeliveryPhase":
        return [(f'"delivery" {alias}_d JOIN "account" {x} ON {x}.id = {alias}_d.account_id',
                 f"{alias}_d.id = {alias}.delivery_id")]
    if entity.key == "Activity":
        return [
            direct,
            (f'"opportunity" {alias}_o JOIN "account" {x} ON {x}.id = {alias}_o.account_id',
             f"{alias}_o.id = {alias}.opportunity_id"),
            (via_person[0], via_person[1].format(person="person_id")),
        ]
    return [direct]


def _account_record(actor: Actor, entity: Entity, alias: str, scope: Scope) -> SQL | None:
    if entity.key == "Account":
        if scope is Scope.ALL and not actor.excluded_territory_ids:
            return None
        return _account_visible(actor, alias, scope)
    paths = _account_paths(entity, alias)
    if scope is Scope.ALL:
        if not actor.excluded_territory_ids:
            return None
        # Everything except what belongs to an account of an excluded territory.
        excluded = [SQL(f"EXISTS (SELECT 1 FROM {source} WHERE {join} AND ")
                    + _in(f"{alias}_acc.territory_id", actor.excluded_territory_ids, excluded=True) + ")"
                    for source, join in paths]
        return SQL("NOT (") + SQL.join(" OR ", excluded) + ")"
    alternatives = [SQL(f"EXISTS (SELECT 1 FROM {source} WHERE {join} AND ")
                    + _account_visible(actor, f"{alias}_acc", scope) + ")" for source, join in paths]
    if scope is Scope.ACCOUNTS or scope is Scope.OWNED:
        alternatives.insert(0, SQL(f"{alias}.owner_id = ?", [_user(actor)]))
        if entity.key == "Activity":
            alternatives.insert(1, SQL(f"{alias}.assignee_id = ?", [_user(actor)]))
    return SQL("(") + SQL.join(" OR ", alternatives) + ")"
