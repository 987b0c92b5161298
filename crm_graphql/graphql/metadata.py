"""`schemaMetadata(locale:)`: entities and fields with labels in the user's language, for
SPAs that render forms, dropdowns and column headers."""

from __future__ import annotations

import re

import strawberry

from ..catalog import Catalog, Entity


@strawberry.type
class OptionMetadata:
    value: str
    label: str


@strawberry.type
class FieldMetadata:
    name: str = strawberry.field(description="The GraphQL field name.")
    key: str | None = strawberry.field(
        description="A scalar field's identity, which no rename changes (a core field's column, a plugin "
                    "field's stored key): keep form layouts and saved views by it.", default=None)
    label: str
    type: str = strawberry.field(description="text, int, number, money, date, datetime, boolean, email, "
                                             "url, select, multiselect, reference, connection or computed.")
    required: bool
    read_only: bool
    plugin: str | None = strawberry.field(description="The plugin that added the field, if any.")
    target: str | None = strawberry.field(description="The entity a reference or connection points to.")
    options: list[OptionMetadata]
    deprecation_reason: str | None


@strawberry.type
class EntityMetadata:
    key: str = strawberry.field(description="The stable name, used in global IDs.")
    name: str = strawberry.field(description="The GraphQL type name.")
    plural: str = strawberry.field(description="The list query field.")
    label: str
    plural_label: str
    fields: list[FieldMetadata]


def humanize(name: str) -> str:
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).split()
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])]) if words else name


def _label(labels: dict[str, str], locale: str, fallback: str) -> str:
    return labels.get(locale) or labels.get(locale.split("-")[0]) or labels.get("en") or humanize(fallback)


def entity_metadata(catalog: Catalog, entity: Entity, locale: str) -> EntityMetadata:
    fields = [
        FieldMetadata(name=f.name, key=f.key, label=_label(f.labels, locale, f.name), type=f.type,
                      required=f.required,
                      read_only=not f.writable, plugin=f.plugin, target=None, deprecation_reason=f.deprecation,
                      options=[OptionMetadata(value=o.value, label=_label(o.labels, locale, o.value.lower()))
                               for o in f.options])
        for f in entity.fields
    ]
    fields += [
        FieldMetadata(name=r.name, label=_label(r.labels, locale, r.name), type="reference", required=r.required,
                      read_only=not r.writable, plugin=None, target=catalog[r.target].name, options=[],
                      deprecation_reason=r.deprecation)
        for r in entity.references
    ]
    fields += [
        FieldMetadata(name=c.name, label=_label(c.labels, locale, c.name), type="connection", required=True,
                      read_only=c.link_model is None, plugin=None, target=catalog[c.target].name, options=[],
                      deprecation_reason=c.deprecation)
        for c in entity.collections
    ]
    fields += [
        FieldMetadata(name=c.name, label=_label(c.labels, locale, c.name), type=c.type, required=False,
                      read_only=True, plugin=c.plugin, target=None, options=[], deprecation_reason=None)
        for c in entity.computed
    ]
    plural_fallback = entity.plural_labels.get("en") or humanize(entity.plural)
    return EntityMetadata(
        key=entity.key, name=entity.name, plural=entity.plural,
        label=_label(entity.labels, locale, entity.name),
        plural_label=entity.plural_labels.get(locale) or plural_fallback,
        fields=fields,
    )


def metadata_field(catalog: Catalog):
    def schema_metadata(locale: str = "en") -> list[EntityMetadata]:
        return [entity_metadata(catalog, entity, locale) for entity in catalog]

    return strawberry.field(resolver=schema_metadata, graphql_type=list[EntityMetadata],
                            description="Entities and fields with their labels in `locale`.")
