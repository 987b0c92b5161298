"""Changing the access policy: role scopes and field rules, stored as data.

A change is stored with a new schema version, so every API process reloads the
policy (and the schema, whose hidden fields depend on it) like a plugin change.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from ..catalog import Catalog
from ..errors import ValidationError
from ..models import AccessRule, FieldRule, Role, Scope


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
    role = _role(role)
    catalog = service.current.catalog
    key = _entity_key(catalog, entity)
    if catalog[key].field(field) is None:
        raise ValidationError(f"{catalog[key].name} has no field {field!r}", field="field")
    async with in_transaction() as conn:
        await FieldRule.filter(role=role, entity=key, field=field).using_db(conn).delete()
        await FieldRule.create(role=role, entity=key, field=field, hidden=hidden, using_db=conn)
        await service.bump_version(conn)
    await service.reload()


def _entity_key(catalog: Catalog, name: str) -> str:
    entity = catalog.find(name)
    if entity is None:
        raise ValidationError(f"unknown entity {name!r}", field="entity")
    return entity.key
