"""Apply plugin documents to a catalog: add fields, rename entities and fields, add labels.

Checks that need the whole catalog happen here: unknown entities, name clashes with
core fields or other plugins, renamed names that are taken.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from ..catalog import Catalog, Entity, Field
from .document import PluginDocument, PluginError, RenameSpec


def apply_documents(catalog: Catalog, documents: list[PluginDocument]) -> Catalog:
    """A new catalog: `catalog` with every document applied. All fields come first, then
    all renames, so a terminology plugin can label another plugin's fields."""
    result = copy.deepcopy(catalog)
    for document in documents:
        for spec in document.fields:
            entity = _entity(result, document, spec.entity)
            # A key is identity too: a plugin field may not take a core field's column.
            if spec.name in entity.member_names() or spec.name in entity.field_keys():
                owner = next((f.plugin for f in entity.fields if f.name == spec.name and f.plugin), None)
                by = f"plugin {owner!r}" if owner else "the core schema"
                raise PluginError(document.name, f"field {entity.key}.{spec.name} is already defined by {by}")
            entity.fields.append(Field(
                name=spec.name, type=spec.type, column=None, required=spec.required,
                options=spec.options, enum_name=f"{entity.key}{spec.name[:1].upper()}{spec.name[1:]}"
                if spec.options else None,
                labels=dict(spec.labels), description=spec.description, default=spec.default,
                filterable=spec.filterable, indexed=spec.indexed, plugin=document.name,
                read_roles=spec.read_roles, write_roles=spec.write_roles,
            ))
    for document in documents:
        for rename in document.renames:
            entity = _entity(result, document, rename.entity)
            if rename.field:
                _rename_field(document, entity, rename)
            else:
                _rename_entity(result, document, entity, rename)
    return result


def _entity(catalog: Catalog, document: PluginDocument, name: str) -> Entity:
    entity = catalog.find(name)
    if entity is None:
        known = ", ".join(sorted(catalog.entities))
        raise PluginError(document.name, f"unknown entity {name!r} (known: {known})")
    return entity


def _rename_entity(catalog: Catalog, document: PluginDocument, entity: Entity, rename: RenameSpec) -> None:
    entity.labels.update(rename.labels)
    entity.plural_labels.update(rename.plural_labels)
    if not rename.to or rename.to == entity.name:
        return
    plural = rename.plural or f"{rename.to}s"
    new_plural = plural[:1].lower() + plural[1:]
    taken = {e.name for e in catalog if e is not entity} | {a[0] for e in catalog for a in e.aliases}
    taken_plurals = {e.plural for e in catalog if e is not entity} | {a[1] for e in catalog for a in e.aliases}
    if rename.to in taken or new_plural in taken_plurals or rename.to in {"Query", "Mutation", "Node", "PageInfo"}:
        raise PluginError(document.name, f"cannot rename {entity.name} to {rename.to}: the name is taken")
    if rename.keep_alias:
        entity.aliases.append((entity.name, entity.plural))
    entity.name, entity.plural = rename.to, new_plural


def _rename_field(document: PluginDocument, entity: Entity, rename: RenameSpec) -> None:
    name = rename.field
    target = rename.to or name
    if target != name and target in entity.member_names():
        raise PluginError(document.name, f"cannot rename {entity.key}.{name} to {target}: the name is taken")
    for i, field in enumerate(entity.fields):
        if field.name == name:
            entity.fields[i] = replace(field, name=target, labels={**field.labels, **rename.labels},
                                       stored_as=field.key if field.is_custom else None)
            break
    else:
        for collection_list in (entity.references, entity.collections):
            for i, member in enumerate(collection_list):
                if member.name == name:
                    collection_list[i] = replace(member, name=target, labels={**member.labels, **rename.labels})
                    break
            else:
                continue
            break
        else:
            computed = next((c for c in entity.computed if c.name == name), None)
            if computed is None:
                raise PluginError(document.name, f"{entity.key} has no field {name!r} to rename")
            entity.computed[entity.computed.index(computed)] = replace(
                computed, name=target, labels={**computed.labels, **rename.labels})
    if target != name and rename.keep_alias:
        entity.field_aliases[name] = target
