"""Registering, unregistering and purging plugins while the API runs.

A change is checked completely (document, catalog, schema, existing values) before
anything is stored; then the definition and a new schema version are written in one
transaction, and this process swaps to the new schema at once (the others follow).
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from ..catalog import Catalog
from ..errors import NotFoundError, ValidationError
from ..models import PluginDefinition
from ..query import custom_values
from .document import PluginDocument, PluginError, json_value, parse_document


@dataclass(frozen=True)
class PluginInfo:
    name: str
    description: str
    source: str
    enabled: bool
    fields: list[str]
    renames: list[str]
    problem: str | None = None


def describe(document: PluginDocument, enabled: bool = True, problem: str | None = None) -> PluginInfo:
    return PluginInfo(
        name=document.name, description=document.description, source=document.source,
        enabled=enabled and problem is None,
        fields=[f"{spec.entity}.{spec.name}" for spec in document.fields],
        renames=[f"{r.entity}{'.' + r.field if r.field else ''} -> {r.to or '(labels)'}" for r in document.renames],
        problem=problem,
    )


async def list_plugins(service) -> list[PluginInfo]:
    static, _ = service.registry.static_documents()
    stored = []
    for row in await PluginDefinition.all().order_by("name"):
        try:
            stored.append((parse_document(row.document, "database"), row.enabled))
        except PluginError:
            continue
    _, skipped = service.registry.usable(static + [document for document, enabled in stored if enabled])

    def problem(document: PluginDocument) -> str | None:
        return skipped.get((document.name, document.source))

    infos = [describe(document, problem=problem(document)) for document in static]
    for entity_name, computed in service.registry.computed_fields():
        infos.append(PluginInfo(name=computed.plugin or "code plugin", description=computed.description or "",
                                source="code", enabled=True, fields=[f"{entity_name}.{computed.name}"], renames=[]))
    infos += [describe(document, enabled, problem(document)) for document, enabled in stored]
    return infos


async def register(service, definition: dict) -> PluginInfo:
    document = parse_document(definition, source="database")
    static, _ = service.registry.static_documents()
    if any(d.name == document.name for d in static):
        raise PluginError(document.name, "is installed as a file or package; change it there")
    catalog = await service.catalog_from_sources([document], without=document.name)
    service.build(catalog, version=-1)  # the whole schema must build before anything is stored
    await _check_stored_values(catalog, document, service.dialect)
    async with in_transaction() as conn:
        row = await PluginDefinition.get_or_none(name=document.name).using_db(conn)
        if row is None:
            await PluginDefinition.create(name=document.name, document=definition, enabled=True, using_db=conn)
        else:
            row.document, row.enabled = definition, True
            await row.save(using_db=conn)
        await service.bump_version(conn)
    await service.reload()
    return describe(document)


async def unregister(service, name: str) -> PluginInfo:
    """Hide the plugin's fields; their values stay until `purge`."""
    row = await PluginDefinition.get_or_none(name=name, enabled=True)
    if row is None:
        raise NotFoundError(f"no registered plugin named {name!r} (plugins in files are removed by deleting the file)",
                            field="name")
    document = parse_document(row.document)
    catalog = await service.catalog_from_sources(without=name)
    service.build(catalog, version=-1)
    async with in_transaction() as conn:
        row.enabled = False
        await row.save(using_db=conn)
        await service.bump_version(conn)
    await service.reload()
    return describe(document, enabled=False)


async def purge(service, name: str) -> int:
    """Delete an unregistered plugin's definition and its stored values; returns rows changed."""
    row = await PluginDefinition.get_or_none(name=name)
    if row is None:
        raise NotFoundError(f"no stored plugin named {name!r}", field="name")
    if row.enabled:
        raise ValidationError(f"unregister plugin {name!r} before purging its data", field="name")
    document = parse_document(row.document)
    catalog = service.current.catalog
    changed = 0
    async with in_transaction() as conn:
        for spec in document.fields:
            entity = catalog.find(spec.entity)
            if entity is not None and not any(f.is_custom and f.key == spec.name for f in entity.fields):
                changed += await custom_values.purge(entity, spec.name, service.dialect, conn)
        await row.delete(using_db=conn)
    return changed


async def _check_stored_values(catalog: Catalog, document: PluginDocument, dialect: str) -> None:
    """Refuse a field whose type or options do not fit the values already stored under it."""
    for spec in document.fields:
        entity = catalog.find(spec.entity)
        for value in await custom_values.distinct_values(entity, spec.name, dialect):
            try:
                json_value(spec, value)
            except ValidationError as error:
                raise PluginError(document.name, f"field {entity.key}.{spec.name} does not fit the values "
                                                 f"already stored: {error.message}") from None
