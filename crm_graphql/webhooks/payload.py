"""What one endpoint is sent for one change: the record as the endpoint's user may read it,
and the changed fields with old and new values, minus what that user may not read.

The record is read through the reader with the user's actor (`Reader.where`: their row
rule, the endpoint's filter and the record's id) and rendered by the export's JSON line
(`query/rendering.py`): the same access, field rules, API names and value forms as a
query or an export of that user. It is the record as it is at delivery, not as it was at
the change; `changes` are the change's own values, by the fields' current names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from .. import auth
from ..catalog import Entity
from ..errors import ForbiddenError, ValidationError
from ..ids import from_global_id, to_global_id
from ..models import Change, WebhookDelivery, WebhookEndpoint
from ..query.reader import ALIAS
from ..query.lines import export_columns, json_line_sql
from ..query.sql import SQL, ident, inline_numbers
from . import filters

EVENT_NAMES = {"create": "created", "update": "updated", "delete": "deleted", "convert": "converted"}


class EndpointBroken(Exception):
    """The endpoint cannot be served as registered (its filter no longer compiles, its
    user is gone): it is disabled with this message as the reason."""


@dataclass
class Payload:
    body: bytes | None = None
    # Why the change is not sent to this endpoint (logged on the delivery).
    skipped: str | None = None


async def build(current, endpoint: WebhookEndpoint, change: Change, actor: auth.Actor) -> Payload:
    """The body for `change`, or why it is skipped. `current` is the service's build."""
    catalog, reader = current.catalog, current.reader
    entity = catalog.entities.get(change.entity)
    if entity is None:
        return Payload(skipped=f"the API has no entity {change.entity!r} now")
    condition = _filter(current, endpoint, entity, actor)
    global_id = to_global_id(entity.key, change.record_id)
    # A deleted record cannot be read, so whether the user could see it cannot be checked:
    # its changes go to a user who sees every record of the entity (and no filter narrows
    # it), and its delete to an endpoint that was sent the record before, so no one learns
    # of a record they could not see.
    sees_all = auth.row_predicate(actor, entity, ALIAS) is None and condition is None
    record: Any
    if change.kind == "delete":
        if not sees_all and not await _sent_before(endpoint, change):
            return Payload(skipped="deleted record the endpoint was never sent")
        record = {"id": global_id}
    else:
        found = await _record(reader, entity, actor, change.record_id, condition)
        if found is None and not await _exists(reader, entity, change.record_id):
            if not sees_all:
                return Payload(skipped="the record was deleted before it was delivered")
            record = None
        elif found is None:
            return Payload(skipped="the endpoint's user cannot see the record")
        elif found is False:
            return Payload(skipped="the record does not match the endpoint's filter")
        else:
            record = found
    body = {
        "type": f"{entity.name[:1].lower()}{entity.name[1:]}.{EVENT_NAMES.get(change.kind, change.kind)}",
        "timestamp": change.at.isoformat(),
        "sequence": change.id,
        "data": {
            "entity": entity.name,
            "id": global_id,
            "kind": change.kind,
            "record": record,
            "changes": await _changes(reader, entity, actor, change.changes),
        },
    }
    return Payload(body=orjson.dumps(body))


def _filter(current, endpoint: WebhookEndpoint, entity: Entity, actor: auth.Actor) -> SQL | None:
    if endpoint.record_filter is None:
        return None
    try:
        spec = filters.to_names(current.catalog, entity, endpoint.record_filter)
        return current.reader.filter_sql(entity, actor, spec)
    except (ValidationError, ForbiddenError) as error:
        raise EndpointBroken(f"its filter no longer applies: {error.message}") from None


async def _record(reader, entity: Entity, actor: auth.Actor, pk: int, condition: SQL | None) -> Any:
    """The record as JSON the way an export of the actor writes it; None when the actor
    cannot see it, False when it does not match the filter."""
    columns = [column for column in export_columns(
        entity, lambda r: inline_numbers(auth.reference_sql(actor, reader.catalog, r, ALIAS)))
        if column.field is None or not auth.field_hidden(actor, entity, column.field)]
    line = json_line_sql(entity, columns, ALIAS, reader.dialect)
    matches = SQL("1") if condition is None else SQL("CASE WHEN ") + condition + " THEN 1 ELSE 0 END"
    statement = (SQL(f"SELECT {line} AS line__, ") + matches + f" AS match__ FROM {ident(entity.table)} {ALIAS} WHERE "
                 + reader.where(entity, actor, filter=SQL(f"{ALIAS}.id = ?", [pk])))
    rows = await reader.fetch(statement)
    if not rows:
        return None
    if not rows[0]["match__"]:
        return False
    return orjson.loads(rows[0]["line__"])


async def _exists(reader, entity: Entity, pk: int) -> bool:
    return bool(await reader.fetch(SQL(f"SELECT 1 AS x FROM {ident(entity.table)} WHERE id = ?", [pk])))


async def _sent_before(endpoint: WebhookEndpoint, change: Change) -> bool:
    return await WebhookDelivery.filter(endpoint_id=endpoint.id, entity=change.entity, record_id=change.record_id,
                                        status="delivered", sequence__lt=change.id).exists()


async def _changes(reader, entity: Entity, actor: auth.Actor, changes: dict) -> dict:
    """`{current name: {"old", "new"}}` of the fields the actor may read; a reference under
    its ID's name, an ID of a record the actor may not see as null (as queries read it)."""
    shown = {}
    references = {r.column: r for r in entity.references}
    for key, (old, new) in changes.items():
        field = entity.field_by_key(key)
        if field is not None:
            if not auth.field_hidden(actor, entity, field):
                shown[field.name] = {"old": old, "new": new}
        elif key in references:
            reference = references[key]
            target = reader.catalog[reference.target]
            shown[reference.input_name] = {"old": await _visible_id(reader, target, actor, old),
                                           "new": await _visible_id(reader, target, actor, new)}
    return shown


async def _visible_id(reader, target: Entity, actor: auth.Actor, global_id: Any) -> Any:
    if not isinstance(global_id, str):
        return None
    try:
        _, pk = from_global_id(global_id)
    except ValidationError:
        return None
    visible, _ = await reader.access_to(target, actor, pk)
    return global_id if visible else None
