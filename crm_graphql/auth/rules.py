"""Who sees and changes what, as SQL predicates and checks.

`row_predicate` is the condition a row must meet for the actor to read it;
`write_predicate` the one for changing it. `query/` adds them to every statement it
writes, so lists, counts, `node`, nested relations, relation filters, aggregates and
exports all apply the same rule. Scopes (see `models.access.Scope`) come from the
actor's policy; how a record belongs to owners and accounts is what its entity declares
in the catalog (`catalog.Access`), so these predicates name no table of their own.

Field rules name fields by key (`Field.key`), so a renamed field keeps its rule under
every name it has; `reference_sql` reads a reference's ID only where its target is
visible, so an ID cannot reveal a record the actor may not see.
"""

from __future__ import annotations

from ..catalog import Catalog, Entity, Field, Hop, Reference
from ..errors import ForbiddenError
from ..models import Role, Scope
from ..query.sql import SQL, Late, ident, param, params
from .actor import Actor

NOTHING = SQL("1 = 0")


def row_predicate(actor: Actor, entity: Entity, alias: str) -> SQL | None:
    """The SQL condition a row of `entity` (as `alias`) must meet for the actor to see it."""
    return _predicate(actor, entity, alias, actor.read_scope(entity.key))


def write_predicate(actor: Actor, entity: Entity, alias: str) -> SQL | None:
    """The SQL condition a row must meet for the actor to change or delete it."""
    return _predicate(actor, entity, alias, actor.write_scope(entity.key))


def reference_sql(actor: Actor, catalog: Catalog, reference: Reference, alias: str) -> SQL:
    """The ID a reference of the row `alias` holds, or NULL where its target is a record the
    actor may not see: a reference ID reads, filters, groups and exports like the
    reference itself."""
    column = f"{alias}.{ident(reference.column)}"
    target = catalog[reference.target]
    target_alias = f"{alias}_{reference.column}"
    visible = row_predicate(actor, target, target_alias)
    if visible is None:
        return SQL(column)
    return (SQL(f"CASE WHEN EXISTS (SELECT 1 FROM {ident(target.table)} {target_alias} "
                f"WHERE {target_alias}.id = {column} AND ") + visible + f") THEN {column} END")


def require_write(actor: Actor, entity: Entity) -> None:
    """Refuse any create, update or delete of `entity` the actor's role may not make."""
    if actor.write_scope(entity.key) is Scope.NONE:
        if actor.role is Role.BI:
            raise ForbiddenError("the bi role reads only")
        raise ForbiddenError(f"your role may not change {entity.plural}")


def require_admin(actor: Actor, what: str) -> None:
    if not actor.is_admin:
        raise ForbiddenError(f"only admins may {what}")


def field_hidden(actor: Actor, entity: Entity, field: Field | str) -> bool:
    """Whether the actor's role may not read the field (by a field rule on its key, or the
    plugin's roles). A field may be given by any of its names (see `Entity.resolve_field`)."""
    if actor.is_admin:
        return False
    found = entity.resolve_field(field) if isinstance(field, str) else field
    if found is None:
        return False
    if actor.policy.is_hidden(actor.role.value, entity.key, found.key):
        return True
    return bool(found.read_roles and actor.role.value not in found.read_roles)


def require_field(actor: Actor, entity: Entity, field: Field | str, use: str = "read") -> None:
    """Refuse reading, filtering, ordering, grouping or exporting a hidden field."""
    if field_hidden(actor, entity, field):
        name = field if isinstance(field, str) else field.name
        raise ForbiddenError(f"you may not {use} `{entity.name}.{name}`", field=name)


def require_field_write(actor: Actor, entity: Entity, field: Field | str) -> None:
    found = entity.resolve_field(field) if isinstance(field, str) else field
    name = field if isinstance(field, str) else field.name
    if field_hidden(actor, entity, field) or (
        found and found.write_roles and not actor.is_admin and actor.role.value not in found.write_roles
    ):
        raise ForbiddenError(f"you may not write `{entity.name}.{name}`", field=name)


# -- predicates ---------------------------------------------------------------------


def _predicate(actor: Actor, entity: Entity, alias: str, scope: Scope) -> SQL | None:
    if actor.is_admin:
        return None
    if scope is Scope.NONE:
        return NOTHING
    if entity.access.accounts:
        return _account_record(actor, entity, alias, scope)
    if scope is Scope.ALL:
        return None
    owners = entity.access.owners
    if not owners:
        return NOTHING
    if scope is Scope.TERRITORY:
        territory_users = SQL("(SELECT crm_user_id FROM user_territory WHERE ") + _in(
            "territory_id", actor.territory_ids) + ")"
        return _any([SQL(f"{alias}.{ident(owner)} IN ") + territory_users for owner in owners])
    return _any([SQL(f"{alias}.{ident(owner)} = ?", [_user(actor)]) for owner in owners])


def _any(alternatives: list[SQL]) -> SQL:
    return alternatives[0] if len(alternatives) == 1 else SQL("(") + SQL.join(" OR ", alternatives) + ")"


# The actor's id and territories go into predicates as `Late` parameters, so a compiled
# statement is shared by every actor of the same rules' shape (`Actor.rules_shape`).

def _user(actor: Actor) -> Late:
    return Late(actor.user_id, lambda request: request.actor.user_id)


def _territory(ids: frozenset[int], index: int, excluded: bool) -> Late:
    def take(request) -> int:
        actor = request.actor
        return sorted(actor.excluded_territory_ids if excluded else actor.territory_ids)[index]

    return Late(sorted(ids)[index], take)


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


def _path_source(path: tuple[Hop, ...], alias: str, prefix: str) -> tuple[str, str, str]:
    """(FROM list, join condition, alias of the account reached) of one declared path from
    the row `alias` to an account."""
    sources, joins, at = [], [], alias
    for i, hop in enumerate(path):
        reached = f"{prefix}{i}"
        if hop.column is not None:
            sources.append(f"{ident(hop.table)} {reached}")
            joins.append(f"{reached}.id = {at}.{ident(hop.column)}")
        else:
            table, to_row, to_related = hop.link  # type: ignore[misc]
            link = f"{reached}l"
            sources += [f"{ident(table)} {link}", f"{ident(hop.table)} {reached}"]
            joins += [f"{link}.{ident(to_row)} = {at}.id", f"{reached}.id = {link}.{ident(to_related)}"]
        at = reached
    return ", ".join(sources), " AND ".join(joins), at


def _account_record(actor: Actor, entity: Entity, alias: str, scope: Scope) -> SQL | None:
    """A record that belongs to accounts: visible through one of them (or as its owner)."""
    paths = entity.access.accounts
    if () in paths:  # the record is an account
        if scope is Scope.ALL and not actor.excluded_territory_ids:
            return None
        return _account_visible(actor, alias, scope)
    sources = [_path_source(path, alias, f"{alias}_a{n}_") for n, path in enumerate(paths)]
    if scope is Scope.ALL:
        if not actor.excluded_territory_ids:
            return None
        # Everything except what belongs to an account of an excluded territory.
        excluded = [SQL(f"EXISTS (SELECT 1 FROM {source} WHERE {join} AND ")
                    + _in(f"{account}.territory_id", actor.excluded_territory_ids, excluded=True) + ")"
                    for source, join, account in sources]
        return SQL("NOT (") + SQL.join(" OR ", excluded) + ")"
    alternatives = [SQL(f"EXISTS (SELECT 1 FROM {source} WHERE {join} AND ")
                    + _account_visible(actor, account, scope) + ")" for source, join, account in sources]
    if scope is Scope.ACCOUNTS or scope is Scope.OWNED:
        alternatives = [SQL(f"{alias}.{ident(owner)} = ?", [_user(actor)])
                        for owner in entity.access.owners] + alternatives
    return SQL("(") + SQL.join(" OR ", alternatives) + ")"
