"""Writes of records: checked against the catalog, versioned, each in one transaction.

Input arrives keyed by API names (`name`, `ownerId`, `personIds`, plugin fields) with
Python values. Nothing is written unless every check passes; a failed write leaves no
row behind.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from . import auth
from .catalog import Catalog, Collection, Entity, Field, Reference
from .errors import ConflictError, NotFoundError, ValidationError
from .ids import from_global_id
from .plugins.document import json_value
from .query import custom_values


class Hooks(Protocol):
    """What writes need of the plugins: validation before, notification after."""

    def validate(self, entity: str, data: dict, creating: bool, actor: auth.Actor) -> None: ...

    async def after_write(self, entity: str, pk: int, action: str, actor: auth.Actor) -> None: ...

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def link_input_name(catalog: Catalog, collection: Collection) -> str:
    return f"{catalog[collection.target].singular_field}Ids"


def link_collections(entity: Entity) -> list[Collection]:
    return [c for c in entity.collections if c.link_model is not None]


class Writer:
    def __init__(self, catalog: Catalog, dialect: str, hooks: Hooks | None = None) -> None:
        self.catalog = catalog
        self.dialect = dialect
        self.hooks = hooks

    async def create(self, entity: Entity, actor: auth.Actor, data: dict[str, Any]) -> int:
        auth.require_write(actor, entity)
        if self.hooks:
            self.hooks.validate(entity.key, data, True, actor)
        values, custom, links = await self._prepare(entity, data, creating=True)
        if entity.is_record:
            values.setdefault("owner_id", actor.user_id)
            values["custom"] = custom
        self._check_one_of(entity, values)
        async with in_transaction() as conn:
            try:
                record = await entity.model.create(using_db=conn, **values)
                await self._write_links(entity, record.id, links, conn)
            except IntegrityError as error:
                raise ConflictError(f"the {entity.name} conflicts with an existing record: {error}") from None
        if self.hooks:
            await self.hooks.after_write(entity.key, record.id, "create", actor)
        return record.id

    async def update(self, entity: Entity, actor: auth.Actor, pk: int, version: int | None,
                     data: dict[str, Any]) -> int:
        auth.require_write(actor, entity)
        current = await entity.model.filter(id=pk).values()
        if not current:
            raise NotFoundError(f"no {entity.name} with this ID", field="id")
        if self.hooks:
            self.hooks.validate(entity.key, data, False, actor)
        values, custom, links = await self._prepare(entity, data, creating=False)
        self._check_one_of(entity, {**current[0], **values})
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
            except IntegrityError as error:
                raise ConflictError(f"the {entity.name} conflicts with an existing record: {error}") from None
        if self.hooks:
            await self.hooks.after_write(entity.key, pk, "update", actor)
        return pk

    async def delete(self, entity: Entity, actor: auth.Actor, pk: int, version: int | None) -> None:
        auth.require_write(actor, entity)
        query = entity.model.filter(id=pk)
        if not await query.exists():
            raise NotFoundError(f"no {entity.name} with this ID", field="id")
        if version is not None and entity.is_record:
            query = query.filter(version=version)
        try:
            deleted = await query.delete()
        except IntegrityError:
            raise ConflictError(f"the {entity.name} is still in use and cannot be deleted", field="id") from None
        if deleted == 0:
            raise ConflictError(f"the {entity.name} was changed by someone else; read it again", field="version")
        if self.hooks:
            await self.hooks.after_write(entity.key, pk, "delete", actor)

    # -- checks -----------------------------------------------------------------

    async def _prepare(self, entity: Entity, data: dict[str, Any], *, creating: bool):
        values: dict[str, Any] = {}
        custom: dict[str, Any] = {}
        links: list[tuple[Collection, list[int]]] = []
        for field in entity.fields:
            if not field.writable:
                continue
            if field.name not in data:
                if creating and field.required and field.default is None:
                    raise ValidationError(f"`{field.name}` is required", field=field.name)
                if creating and field.default is not None:
                    self._store(field, field.default, values, custom)
                continue
            self._store(field, self._check_field(entity, field, data[field.name]), values, custom)
        for reference in entity.references:
            if not reference.writable:
                continue
            if reference.input_name not in data:
                if creating and reference.required:
                    raise ValidationError(f"`{reference.input_name}` is required", field=reference.input_name)
                continue
            values[reference.column] = await self._check_reference(reference, data[reference.input_name])
        for collection in link_collections(entity):
            name = link_input_name(self.catalog, collection)
            if data.get(name) is not None:
                links.append((collection, await self._check_links(collection, name, data[name])))
        return values, custom, links

    @staticmethod
    def _store(field: Field, value: Any, values: dict, custom: dict) -> None:
        if field.is_custom:
            custom[field.json_key] = value
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
        if field.type in ("text", "email", "url"):
            value = value.strip()
            if field.required and not value:
                raise ValidationError(f"`{field.name}` cannot be empty", field=field.name)
            max_length = _max_length(entity, field)
            if max_length and len(value) > max_length:
                raise ValidationError(
                    f"`{field.name}` is longer than {max_length} characters", field=field.name
                )
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

    async def _check_reference(self, reference: Reference, global_id: str | None) -> int | None:
        name = reference.input_name
        if global_id is None:
            if reference.required:
                raise ValidationError(f"`{name}` cannot be null", field=name)
            return None
        target = self.catalog[reference.target]
        pk = self._pk_of(target, global_id, name)
        if not await target.model.filter(id=pk).exists():
            raise NotFoundError(f"`{name}`: no {target.name} with ID {global_id}", field=name)
        return pk

    async def _check_links(self, collection: Collection, name: str, global_ids: list[str]) -> list[int]:
        target = self.catalog[collection.target]
        pks = list(dict.fromkeys(self._pk_of(target, gid, name) for gid in global_ids))
        found = set(await target.model.filter(id__in=pks).values_list("id", flat=True))
        missing = [gid for gid, pk in zip(global_ids, pks) if pk not in found]
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


def _max_length(entity: Entity, field: Field) -> int | None:
    model_field = entity.model._meta.fields_map.get(field.column or "")
    return getattr(model_field, "max_length", None)
