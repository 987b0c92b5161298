"""Object types of the entities: scalar fields, references and nested connections."""

from __future__ import annotations

import strawberry

from ..catalog import Catalog, Collection, Entity, Reference
from ..query.pages import page_args
from ..query.reader import custom_attr
from .context import context_of
from .factory import TypeFactory
from .relay import ConnectionTypes, Node, make
from .scalars import value_type


class EntityTypes:
    """Every entity's object type and connection types, for one schema build."""

    def __init__(self, factory: TypeFactory, catalog: Catalog) -> None:
        self.factory = factory
        self.catalog = catalog
        self.objects: dict[str, type] = {}
        self.connections: dict[str, ConnectionTypes] = {}
        for entity in catalog:
            self.objects[entity.key] = self._object_type(entity)
        for entity in catalog:
            self.connections[entity.key] = ConnectionTypes(factory, entity.name, self.objects[entity.key])

    def node(self, entity: Entity, row: dict | None):
        return None if row is None else make(self.objects[entity.key], row)

    def _object_type(self, entity: Entity) -> type:
        fields = {"id": strawberry.field(graphql_type=strawberry.ID, description="The global ID.")}
        for field in entity.fields:
            attr = field.column or custom_attr(field.name)
            type_ = value_type(self.factory, entity, field)
            fields[attr] = strawberry.field(
                name=field.name, graphql_type=type_ if field.required else type_ | None,
                description=field.description, deprecation_reason=field.deprecation,
            )
        for reference in entity.references:
            fields[f"ref__{reference.name}"] = self.factory.later(
                lambda target=reference.target: self.objects[target] | None,
                name=reference.name, resolver=self._reference_resolver(reference),
                deprecation_reason=reference.deprecation,
            )
        for collection in entity.collections:
            fields[f"rel__{collection.name}"] = self.factory.later(
                lambda target=collection.target: self.connections[target].connection,
                name=collection.name, resolver=self._collection_resolver(collection),
                deprecation_reason=collection.deprecation,
            )
        return self.factory.object_type(entity.name, fields, interfaces=(Node,),
                                        description=entity.description)

    def _reference_resolver(self, reference: Reference):
        column, target = reference.column, self.catalog[reference.target]

        async def resolve(root, info: strawberry.Info):
            pk = root.__dict__[column]
            if pk is None:
                return None
            return self.node(target, await context_of(info).records(target).load(pk))

        return resolve

    def _collection_resolver(self, collection: Collection):
        target = collection.target

        async def resolve(root, info: strawberry.Info, first: int | None = None,
                          after: str | None = None, last: int | None = None,
                          before: str | None = None):
            context = context_of(info)
            settings = context.settings
            args = page_args(first, after, last, before, default_size=settings.default_page_size,
                             max_size=settings.max_page_size)
            pk = root.pk
            page = await context.children(collection, args).load(pk)
            return self.connections[target].build(page, lambda: context.child_counts(collection).load(pk))

        return resolve
