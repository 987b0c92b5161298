"""The records a journey step acts on, found as the actor may see and change them."""

from __future__ import annotations

from .. import auth
from ..catalog import Catalog, Entity
from ..errors import ForbiddenError, NotFoundError, ValidationError
from ..ids import from_global_id
from ..query.reader import Reader


def entity_pk(entity: Entity, global_id: str, field: str = "id") -> int:
    """The primary key of a global ID that must name a record of `entity`."""
    key, pk = from_global_id(global_id, field=field)
    if key != entity.key:
        raise ValidationError(f"`{field}` must be the ID of a {entity.name}, not of a {key}", field=field)
    return pk


def record_of(catalog: Catalog, global_id: str, field: str = "recordId") -> tuple[Entity, int]:
    """The entity and primary key of a global ID that may name a record of any entity."""
    key, pk = from_global_id(global_id, field=field)
    entity = catalog.entities.get(key)
    if entity is None or not entity.is_record:
        raise NotFoundError(f"`{field}`: no record with ID {global_id}", field=field)
    return entity, pk


async def visible(reader: Reader, actor: auth.Actor, entity: Entity, pk: int, field: str = "id") -> dict:
    """The record's row as the actor reads it; NOT_FOUND when it is missing or hidden from them."""
    found = await reader.by_pks(entity, actor, [pk])
    if pk not in found:
        raise NotFoundError(f"no {entity.name} with this ID", field=field)
    return found[pk]


async def require_writable(reader: Reader, actor: auth.Actor, entity: Entity, pk: int,
                           field: str = "id") -> None:
    """NOT_FOUND for a record the actor cannot see, FORBIDDEN for one they may not change."""
    auth.require_write(actor, entity)
    is_visible, is_writable = await reader.access_to(entity, actor, pk)
    if not is_visible:
        raise NotFoundError(f"no {entity.name} with this ID", field=field)
    if not is_writable:
        raise ForbiddenError(f"you may not change this {entity.name}", field=field)
