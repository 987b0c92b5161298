"""Changing the access policy: role scopes and field rules, stored as data.

A change is stored with a new schema version, so every API process reloads the
policy (and the schema, whose hidden fields depend on it) like a plugin change.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from ..catalog import Catalog
from ..errors import ValidationError
from ..models import AccessRule, FieldRule, Role, Scope
from .policy import Policy


@dataclass(frozen=True)
class HiddenField:
    """A field rule as admins read it: the field's current name and its key."""

    role: str
    entity: str
    field: str
    key: str


def _role(role: str) -> str:
    try:
        return Role(role.upper()).value
    except ValueError:
        raise ValidationError(f"unknown role {role!r}; use one of {', '.join(r.value for r in Role)}",
                              field="role") from None


def _scope(scope: str, field: str) -> Scope:
    try:
        return Scope(scope.upper())
    except ValueError:
        raise ValidationError(f"unknown scope {scope!r}; use one of {', '.join(s.value for s in Scope)}",
                              field=field) from None


async def set_access_rule(service, role: str, entity: str, read: str, write: str) -> None:
    role, read_scope, write_scope = _role(role), _scope(read, "read"), _scope(write, "write")
    key = _entity_key(service.current.catalog, entity)
    if role == Role.ADMIN.value:
        raise ValidationError("admins always see and change everything", field="role")
    async with in_transaction() as conn:
        await AccessRule.filter(role=role, entity=key).using_db(conn).delete()
        await AccessRule.create(role=role, entity=key, read_scope=read_scope, write_scope=write_scope,
                                using_db=conn)
        await service.bump_version(conn)
    await service.reload()


async def set_field_rule(service, role: str, entity: str, field: str, hidden: bool) -> None:
    """Hide a field (named by its current name, an old name or its key) from a role. The
    rule is stored under the field's key, so it holds whatever the field is renamed to."""
    role = _role(role)
    catalog = service.current.catalog
    key = _entity_key(catalog, entity)
    found = catalog[key].resolve_field(field)
    if found is None:
        raise ValidationError(f"{catalog[key].name} has no field {field!r}", field="field")
    async with in_transaction() as conn:
        # Rules stored before rules were kept by key name the field by its name then.
        names = {field, found.name, found.key}
        await FieldRule.filter(role=role, entity=key, field__in=names).using_db(conn).delete()
        await FieldRule.create(role=role, entity=key, field=found.key, hidden=hidden, using_db=conn)
        await service.bump_version(conn)
    await service.reload()


def field_rules(catalog: Catalog, policy: Policy) -> list[HiddenField]:
    """The hidden fields, by entity key and the field's current name (its key where no
    field has it now: a plugin field whose plugin is unregistered)."""
    rules = []
    for role, entity_key, key in sorted(policy.hidden):
        entity = catalog.entities.get(entity_key)
        found = entity.field_by_key(key) if entity else None
        rules.append(HiddenField(role, entity_key, found.name if found else key, key))
    return rules


def _entity_key(catalog: Catalog, name: str) -> str:
    entity = catalog.find(name)
    if entity is None:
        raise ValidationError(f"unknown entity {name!r}", field="entity")
    return entity.key
