"""Writes of records: checked against the catalog, versioned, each in one transaction.

Input arrives keyed by API names (`name`, `ownerId`, `personIds`, plugin fields) with
Python values. Nothing is written unless every check passes; a failed write leaves no
row behind.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from . import auth, feed
from .auth import tokens
from . import values as values_
from .catalog import Catalog, Collection, Entity, Field, Reference
from .errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from .ids import from_global_id, to_global_id
from .journey.pipeline import record_stage_change
from .models import AuditEntry
from .plugins.document import json_value
from .query import custom_values
from .query.reader import Reader


class Hooks(Protocol):
    """What writes need of the plugins: validation before, notification after."""

    def validate(self, entity: str, data: dict, creating: bool, actor: auth.Actor) -> None: ...

    async def after_write(self, entity: str, pk: int, action: str, actor: auth.Actor) -> None: ...

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def link_input_name(catalog: Catalog, collection: Collection) -> str:
    return collection.input_name or f"{catalog[collection.target].singular_field}Ids"


def link_collections(entity: Entity) -> list[Collection]:
    return [c for c in entity.collections if c.link_model is not None]


class Writer:
    """Creates, updates and deletes records for one catalog, within the actor's rights."""

    def __init__(self, catalog: Catalog, dialect: str, hooks: Hooks | None = None) -> None:
        self.catalog = catalog
        self.dialect = dialect
        self.hooks = hooks
        # Access checks read through the same predicates as every other read.
        self.reader = Reader(catalog, dialect)

    async def create(self, entity: Entity, actor: auth.Actor, data: dict[str, Any]) -> int:
        auth.require_write(actor, entity)
        self._check_field_rights(entity, actor, data)
        if self.hooks:
            self.hooks.validate(entity.key, data, True, actor)
        values, custom, links = await self._prepare(entity, actor, data, creating=True)
        if entity.is_record:
            values.setdefault("owner_id", actor.user_id)
            values["custom"] = custom
        self._check_one_of(entity, values)
        async with in_transaction() as conn:
            try:
                record = await entity.model.create(using_db=conn, **values)
                await self._write_links(entity, record.id, links, conn)
            except IntegrityError:
                raise _conflict(entity, values) from None
            await self._require_in_scope(entity, actor, record.id)
            await self.record_change(conn, actor, "create", entity, record.id,
                                      [(name, key, None, new) for name, key, new in self._written(entity, values, custom)])
        self._committed(entity)
        if self.hooks:
            await self.hooks.after_write(entity.key, record.id, "create", actor)
        return record.id

    async def update(self, entity: Entity, actor: auth.Actor, pk: int, version: int | None,
                     data: dict[str, Any]) -> int:
        auth.require_write(actor, entity)
        await self._require_writable(entity, actor, pk)
        self._check_field_rights(entity, actor, data)
        current = (await entity.model.filter(id=pk).values())[0]
        if self.hooks:
            self.hooks.validate(entity.key, data, False, actor)
        values, custom, links = await self._prepare(entity, actor, data, creating=False)
        self._check_one_of(entity, {**current, **values})
        before = {key: old for _, key, old in self._written(entity, current, current.get("custom") or {})}
        changes = [(name, key, before.get(key), new) for name, key, new in self._written(entity, values, custom)
                   if before.get(key) != new]
        async with in_transaction() as conn:
            query = entity.model.filter(id=pk).using_db(conn)
            if entity.is_record:
                if version is None:
                    raise ValidationError("`version` is required to update a record", field="version")
                query = query.filter(version=version)
                values["version"] = F("version") + 1
            values["updated_at"] = datetime.now(timezone.utc)
            try:
                changed = await query.update(**values)
                if changed == 0:
                    now = await entity.model.filter(id=pk).using_db(conn).values_list("version", flat=True)
                    raise ConflictError(
                        f"the {entity.name} was changed by someone else (version {now[0] if now else '?'}, "
                        f"you sent {version}); read it again and retry",
                        field="version", currentVersion=now[0] if now else None,
                    )
                if custom:
                    await custom_values.merge(entity, pk, custom, self.dialect, conn)
                await self._write_links(entity, pk, links, conn)
            except IntegrityError:
                raise _conflict(entity, values) from None
            await self._require_in_scope(entity, actor, pk)
            # History that commits with the update: an opportunity's stage changes.
            await record_stage_change(entity, pk, current, values, actor, conn)
            # Last: on PostgreSQL the feed's lock is held from here to the commit.
            await self.record_change(conn, actor, "update", entity, pk, changes)
        self._committed(entity)
        if self.hooks:
            await self.hooks.after_write(entity.key, pk, "update", actor)
        return pk

    async def delete(self, entity: Entity, actor: auth.Actor, pk: int, version: int | None) -> None:
        auth.require_write(actor, entity)
        await self._require_writable(entity, actor, pk)
        current = (await entity.model.filter(id=pk).values())[0]
        query = entity.model.filter(id=pk)
        if version is not None and entity.is_record:
            query = query.filter(version=version)
        async with in_transaction() as conn:
            try:
                deleted = await query.using_db(conn).delete()
            except IntegrityError:
                raise ConflictError(f"the {entity.name} is still in use and cannot be deleted", field="id") from None
            if deleted == 0:
                raise ConflictError(f"the {entity.name} was changed by someone else; read it again", field="version")
            await self.record_change(conn, actor, "delete", entity, pk, [
                (name, key, old, None) for name, key, old in self._written(entity, current, current.get("custom") or {})])
        self._committed(entity)
        if self.hooks:
            await self.hooks.after_write(entity.key, pk, "delete", actor)

    # -- rights -------------------------------------------------------------------

    async def _require_writable(self, entity: Entity, actor: auth.Actor, pk: int) -> None:
        """A record the actor cannot see does not exist for them; one they see but may
        not change is FORBIDDEN."""
        visible, writable = await self.reader.access_to(entity, actor, pk)
        if not visible:
            raise NotFoundError(f"no {entity.name} with this ID", field="id")
        if not writable:
            raise ForbiddenError(f"you may not change this {entity.name}", field="id")

    async def _require_in_scope(self, entity: Entity, actor: auth.Actor, pk: int) -> None:
        """After the write (inside its transaction): the record must stay within the actor's
        write scope, so nobody creates or moves a record out of their own reach."""
        if not (await self.reader.access_to(entity, actor, pk))[1]:
            raise ForbiddenError(f"the {entity.name} would be outside what you may change "
                                 "(owner, territory or account)")

    @staticmethod
    def _check_field_rights(entity: Entity, actor: auth.Actor, data: dict[str, Any]) -> None:
        for name in data:
            field = entity.field(name)
            if field is not None:
                auth.require_field_write(actor, entity, field)

    # -- audit log and change feed --------------------------------------------------------------------

    @staticmethod
    def _written(entity: Entity, values: dict[str, Any], custom: dict[str, Any]) -> list[tuple[str, str, Any]]:
        """The written values as (API name, key, JSON value): fields by their key (a core
        field's column, a plugin field's JSON key), references by their column."""
        written = []
        for field in entity.fields:
            if field.is_custom:
                if field.key in custom:
                    written.append((field.name, field.key, _plain(custom[field.key])))
            elif field.column in values and field.writable:
                written.append((field.name, field.key, _plain(values[field.column])))
        for reference in entity.references:
            if reference.column in values and reference.writable:
                pk = values[reference.column]
                written.append((reference.input_name, reference.column,
                                None if pk is None else to_global_id(reference.target, pk)))
        return written

    @staticmethod
    async def record_change(conn, actor: auth.Actor, kind: str, entity: Entity, pk: int,
                             changes: list[tuple[str, str, Any, Any]]) -> None:
        """Log a change, given as (API name, key, old, new), in its transaction: in the audit
        log under the names the writer used, in the change feed under keys. Every write of a
        record logs through here (conversions too)."""
        await AuditEntry.create(using_db=conn, user_id=actor.user_id, action=kind, entity=entity.key,
                                record_id=pk, changes={name: [old, new] for name, _, old, new in changes})
        await feed.append(conn, user_id=actor.user_id, kind=kind, entity=entity.key, record_id=pk,
                          changes={key: [old, new] for _, key, old, new in changes})
        if entity.key == "User":  # a role, a territory or `isActive`: token checks must see it
            await tokens.users_changed(conn)

    @staticmethod
    def _committed(entity: Entity) -> None:
        feed.written()
        if entity.key == "User":
            tokens.recent.forget_all()

    # -- checks -----------------------------------------------------------------

    async def _prepare(self, entity: Entity, actor: auth.Actor, data: dict[str, Any], *, creating: bool):
        values: dict[str, Any] = {}
        custom: dict[str, Any] = {}
        links: list[tuple[Collection, list[int]]] = []
        invalid: list[ValidationError] = []
        for field in entity.fields:
            if not field.writable:
                continue
            try:
                if field.name not in data:
                    if creating and field.required and field.default is None:
                        raise ValidationError(f"`{field.name}` is required", field=field.name)
                    if creating and field.default is not None:
                        self._store(field, field.default, values, custom)
                    continue
                self._store(field, self._check_field(entity, field, data[field.name]), values, custom)
            except ValidationError as error:
                invalid.append(error)
        for reference in entity.references:
            if not reference.writable:
                continue
            try:
                if reference.input_name not in data:
                    if creating and reference.required:
                        raise ValidationError(f"`{reference.input_name}` is required", field=reference.input_name)
                    continue
                values[reference.column] = await self._check_reference(reference, actor, data[reference.input_name])
            except ValidationError as error:
                invalid.append(error)
        _raise_all(invalid)
        for collection in link_collections(entity):
            name = link_input_name(self.catalog, collection)
            if data.get(name) is not None:
                links.append((collection, await self._check_links(collection, actor, name, data[name])))
        return values, custom, links

    @staticmethod
    def _store(field: Field, value: Any, values: dict, custom: dict) -> None:
        if field.is_custom:
            custom[field.key] = value
        else:
            values[field.column] = value

    @staticmethod
    def _check_field(entity: Entity, field: Field, value: Any) -> Any:
        if value is None:
            if field.required:
                raise ValidationError(f"`{field.name}` cannot be null", field=field.name)
            return None
        if field.is_custom and field.type not in ("text", "email", "url"):
            return json_value(field, value)
        if field.type == "money":
            return values_.money(value, field.name)
        if field.type in ("text", "email", "url"):
            value = values_.text(value, field.name, max_length=_max_length(entity, field) or values_.MAX_TEXT_LENGTH)
            value = value.strip()
            if field.required and not value:
                raise ValidationError(f"`{field.name}` cannot be empty", field=field.name)
        if field.type == "email" and value and not EMAIL.match(value):
            raise ValidationError(f"`{field.name}`: {value!r} is not an email address", field=field.name)
        if field.type == "url" and value and not URL.match(value):
            raise ValidationError(
                f"`{field.name}`: {value!r} is not a URL (it must start with http:// or https://)",
                field=field.name,
            )
        if field.type == "select" and value not in field.option_values:
            raise ValidationError(
                f"`{field.name}`: {value!r} is not one of {', '.join(field.option_values)}",
                field=field.name, allowed=list(field.option_values),
            )
        return value

    async def _check_reference(self, reference: Reference, actor: auth.Actor, global_id: str | None) -> int | None:
        name = reference.input_name
        if global_id is None:
            if reference.required:
                raise ValidationError(f"`{name}` cannot be null", field=name)
            return None
        target = self.catalog[reference.target]
        pk = self._pk_of(target, global_id, name)
        if not await self.reader.by_pks(target, actor, [pk]):
            raise NotFoundError(f"`{name}`: no {target.name} with ID {global_id}", field=name)
        return pk

    async def _check_links(self, collection: Collection, actor: auth.Actor, name: str,
                           global_ids: list[str]) -> list[int]:
        target = self.catalog[collection.target]
        pks = list(dict.fromkeys(self._pk_of(target, gid, name) for gid in global_ids))
        found = await self.reader.by_pks(target, actor, pks) if pks else {}
        missing = [gid for gid in global_ids if self._pk_of(target, gid, name) not in found]
        if missing:
            raise NotFoundError(f"`{name}`: no {target.name} with ID {missing[0]}", field=name)
        return pks

    @staticmethod
    def _pk_of(target: Entity, global_id: str, field: str) -> int:
        key, pk = from_global_id(global_id, field=field)
        if key != target.key:
            raise ValidationError(f"`{field}` must be the ID of a {target.name}, not of a {key}", field=field)
        return pk

    def _check_one_of(self, entity: Entity, values: dict) -> None:
        if not entity.one_of_references:
            return
        columns = [entity.reference(name).column for name in entity.one_of_references]
        if all(values.get(column) is None for column in columns):
            names = ", ".join(f"`{entity.reference(n).input_name}`" for n in entity.one_of_references)
            raise ValidationError(f"a {entity.name} must be linked to a record: set one of {names}",
                                  field=entity.reference(entity.one_of_references[0]).input_name)

    @staticmethod
    async def _write_links(entity: Entity, pk: int, links: list[tuple[Collection, list[int]]], conn) -> None:
        for collection, target_pks in links:
            model, here, there = collection.link_model, collection.link_from, collection.link_to
            existing = set(await model.filter(**{here: pk}).using_db(conn).values_list(there, flat=True))
            wanted = set(target_pks)
            if existing - wanted:
                await model.filter(**{here: pk, f"{there}__in": list(existing - wanted)}).using_db(conn).delete()
            for target_pk in target_pks:
                if target_pk not in existing:
                    await model.create(using_db=conn, **{here: pk, there: target_pk})


def _raise_all(invalid: list[ValidationError]) -> None:
    """Every invalid field of a write in one error: `extensions.field` names the first,
    `extensions.fields` lists each with its message."""
    if len(invalid) == 1:
        raise invalid[0]
    if invalid:
        fields = [{"field": error.extensions.get("field"), "message": error.message} for error in invalid]
        raise ValidationError(f"{len(invalid)} fields are invalid: " + "; ".join(e.message for e in invalid),
                              field=fields[0]["field"], fields=fields)


def _max_length(entity: Entity, field: Field) -> int | None:
    model_field = entity.model._meta.fields_map.get(field.column or "")
    return getattr(model_field, "max_length", None)


def _plain(value: Any) -> Any:
    """A value as it goes into the audit log's JSON."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (Decimal, date, datetime)):
        return value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    return value


def _conflict(entity: Entity, values: dict[str, Any]) -> ConflictError:
    """A unique-constraint failure, told in the API's words (never the database's)."""
    for field in entity.fields:
        model_field = entity.model._meta.fields_map.get(field.column or "")
        if field.column in values and getattr(model_field, "unique", False):
            return ConflictError(f"a {entity.name} with this {field.name} exists already", field=field.name)
    return ConflictError(f"the {entity.name} conflicts with an existing record")
