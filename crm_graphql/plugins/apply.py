"""Apply plugin documents to a catalog: add fields, rename entities and fields, add labels.

Checks that need the whole catalog happen here: unknown entities, fields another plugin
or the core defines, and (once every document is applied) any GraphQL name that two
things of the schema would share (`graphql/names.py`).
"""

from __future__ import annotations

import copy
from dataclasses import replace

from ..catalog import Catalog, Entity, Field
from ..graphql import names
from .document import PluginDocument, PluginError, RenameSpec


def apply_documents(catalog: Catalog, documents: list[PluginDocument], *, check_names: bool = True) -> Catalog:
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
                raise PluginError(document.name, f"the name `{spec.name}` is taken: field "
                                                f"{entity.key}.{spec.name} is already defined by {by}")
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
                _rename_entity(entity, rename)
    if documents and check_names:
        # Documents are tried one at a time on top of those that applied (see
        # `PluginRegistry.usable`, `runtime.register`): the last one is the change, and the
        # names in use are those of the catalog without it.
        before = apply_documents(catalog, documents[:-1], check_names=False)
        try:
            names.check(result, before)
        except names.NameClash as clash:
            raise PluginError(documents[-1].name, f"{clash}; choose another name") from None
    return result


def _entity(catalog: Catalog, document: PluginDocument, name: str) -> Entity:
    entity = catalog.find(name)
    if entity is None:
        known = ", ".join(sorted(catalog.entities))
        raise PluginError(document.name, f"unknown entity {name!r} (known: {known})")
    return entity


def _rename_entity(entity: Entity, rename: RenameSpec) -> None:
    entity.labels.update(rename.labels)
    entity.plural_labels.update(rename.plural_labels)
    if not rename.to or rename.to == entity.name:
        return
    # Back to an old name: it is the current one again (with its plural, unless another
    # is given), not an alias of itself.
    old_plural = next((plural for name, plural in entity.aliases if name == rename.to), None)
    entity.aliases = [alias for alias in entity.aliases if alias[0] != rename.to]
    plural = rename.plural or old_plural or f"{rename.to}s"
    new_plural = plural[:1].lower() + plural[1:]
    if rename.keep_alias:
        entity.aliases.append((entity.name, entity.plural))
    entity.name, entity.plural = rename.to, new_plural


def _rename_field(document: PluginDocument, entity: Entity, rename: RenameSpec) -> None:
    name = rename.field
    target = rename.to or name
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
    if target == name:
        return
    # References named by API name follow the rename (search fields are named by key).
    entity.one_of_references = tuple(target if n == name else n for n in entity.one_of_references)
    # Older names follow the member to its new name; a name taken back is no alias.
    entity.field_aliases = {old: target if new == name else new
                            for old, new in entity.field_aliases.items() if old != target}
    if rename.keep_alias:
        entity.field_aliases[name] = target
