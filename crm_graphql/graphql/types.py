"""Object types of the entities: scalar fields, references and nested connections."""

from __future__ import annotations

import strawberry

from ..auth import require_field
from ..auth.policy import Policy
from ..catalog import Catalog, Collection, ComputedField, Entity, Field, Reference
from ..query.pages import page_args
from ..query.reader import custom_attr
from .context import context_of
from . import names
from .factory import TypeFactory
from .filters import EntityFilters, selection
from .members import Member, Members
from .relay import ConnectionTypes, Node, make
from .scalars import value_type


class EntityTypes:
    """Every entity's object type and connection types, for one schema build. A renamed
    entity whose old names are kept has types under each name (see `names.type_key`):
    those of its first name are its types by key, which fields not renamed refer to."""

    def __init__(self, factory: TypeFactory, catalog: Catalog, filters: EntityFilters | None = None,
                 policy: Policy | None = None) -> None:
        self.factory = factory
        self.catalog = catalog
        # Fields hidden from some role get a resolver that checks the actor.
        self.policy = policy or Policy()
        # Filter and order inputs of the nested connections (and of the list queries).
        self.filters = filters or EntityFilters(factory, catalog)
        self.objects: dict[str, type] = {}
        self.connections: dict[str, ConnectionTypes] = {}
        # What each field of each object type is (the compiled planner reads it).
        self.members = Members()
        for entity in catalog:
            for name, _ in names.namings(entity):
                self.objects[names.type_key(entity, name)] = self._object_type(entity, name)
        for entity in catalog:
            for name, _ in names.namings(entity):
                key = names.type_key(entity, name)
                self.connections[key] = ConnectionTypes(factory, name, self.objects[key])

    def node(self, entity: Entity, row: dict | None, type_key: str | None = None):
        return None if row is None else make(self.objects[type_key or entity.key], row)

    def interface_node(self, info: strawberry.Info, entity: Entity, row: dict | None):
        """A record where the field's type is an interface: typed as the document's
        fragments name it (see `names.chosen_name`)."""
        raw = info._raw_info
        name = names.chosen_name(entity, raw.field_nodes, raw.fragments)
        return self.node(entity, row, names.type_key(entity, name))

    def _object_type(self, entity: Entity, name: str) -> type:
        fields = {"id": strawberry.field(graphql_type=strawberry.ID, description="The global ID.")}
        record = self.members
        record.add(name, "id", Member("id"))
        hidden_keys = self.policy.hidden_fields(entity.key)
        guarded = {f.name for f in entity.fields if f.key in hidden_keys or f.read_roles}
        for field in entity.fields:
            attr = field.column or custom_attr(field.key)
            type_ = value_type(self.factory, entity, field)
            type_ = type_ if field.required and field.name not in guarded else type_ | None
            if field.name in guarded:
                # Hidden from some role: a resolver checks the actor (others read the attribute).
                fields[attr] = strawberry.field(
                    name=field.name, graphql_type=type_, description=field.description,
                    deprecation_reason=field.deprecation, resolver=_guarded(entity, field, attr),
                )
            else:
                fields[attr] = strawberry.field(
                    name=field.name, graphql_type=type_, description=field.description,
                    deprecation_reason=field.deprecation,
                )
            record.add(name, field.name, Member("value", field))
            for old in names.old_names(entity, field.name):
                resolver = _guarded(entity, field, attr) if field.name in guarded else _attribute(attr)
                fields[f"alias__{old}"] = strawberry.field(
                    name=old, graphql_type=type_, resolver=resolver, deprecation_reason=f"Use `{field.name}`.",
                )
                record.add(name, old, Member("value", field, alias_of=field.name))
        for reference in entity.references:
            for graphql_name in _names(entity, reference.name):
                key = names.member_key(self.catalog, entity, reference.name, graphql_name, reference.target)
                fields[f"ref__{graphql_name}"] = self.factory.later(
                    lambda key=key: self.objects[key] | None,
                    name=graphql_name, resolver=self._reference_resolver(reference, key),
                    deprecation_reason=_deprecation(reference.name, graphql_name, reference.deprecation),
                )
                record.add(name, graphql_name, Member("reference", reference, _alias_of(reference.name, graphql_name)))
        for collection in entity.collections:
            for graphql_name in _names(entity, collection.name):
                key = names.member_key(self.catalog, entity, collection.name, graphql_name, collection.target)
                fields[f"rel__{graphql_name}"] = self.factory.later(
                    lambda key=key: self.connections[key].connection,
                    name=graphql_name, resolver=self._collection_resolver(collection, key),
                    deprecation_reason=_deprecation(collection.name, graphql_name, collection.deprecation),
                )
                record.add(name, graphql_name,
                           Member("connection", collection, _alias_of(collection.name, graphql_name)))
        for computed in entity.computed:
            for graphql_name in _names(entity, computed.name):
                type_ = value_type(self.factory, entity, computed)
                fields[f"computed__{graphql_name}"] = strawberry.field(
                    name=graphql_name, graphql_type=type_ | None, resolver=self._computed_resolver(computed),
                    description=computed.description,
                    deprecation_reason=_deprecation(computed.name, graphql_name, None),
                )
                record.add(name, graphql_name, Member("computed", computed, _alias_of(computed.name, graphql_name)))
        description = entity.description if name == entity.name else f"Deprecated name of `{entity.name}`."
        return self.factory.object_type(name, fields, interfaces=(Node,), description=description)

    def _computed_resolver(self, computed: ComputedField):
        async def resolve(root, info: strawberry.Info):
            context = context_of(info)

            async def load(entity_key: str, pk: int | None) -> dict | None:
                return None if pk is None else await context.records(self.catalog[entity_key]).load(pk)

            return await computed.resolve(root.__dict__, load)

        return resolve

    def _reference_resolver(self, reference: Reference, key: str):
        column, target = reference.column, self.catalog[reference.target]

        async def resolve(root, info: strawberry.Info):
            pk = root.__dict__[column]
            if pk is None:
                return None
            return self.node(target, await context_of(info).records(target).load(pk), key)

        return resolve

    def _collection_resolver(self, collection: Collection, key: str):
        """The resolver of a collection, with the connection and inputs of the target's
        type `key` (`deliveries(filter: DeliveryFilter): DeliveryConnection`)."""
        target = collection.target

        async def resolve(root, info: strawberry.Info, first: int | None = None,
                          after: str | None = None, last: int | None = None,
                          before: str | None = None, filter=None, order_by=None, search=None):
            context = context_of(info)
            settings = context.settings
            args = page_args(first, after, last, before, default_size=settings.default_page_size,
                             max_size=settings.max_page_size)
            condition, order = selection(context, self.catalog[target], filter, order_by, search)
            pk = root.pk
            page = await context.children(collection, args, condition, order).load(pk)
            return self.connections[key].build(
                page, lambda: context.child_counts(collection, condition).load(pk))

        resolve.__annotations__ = {
            "info": strawberry.Info, "first": int | None, "after": str | None, "last": int | None,
            "before": str | None, **self.filters.arguments(self.catalog[target], key),
        }
        return resolve


def _names(entity: Entity, name: str) -> list[str]:
    """The member's GraphQL name, and its old names where a rename kept them."""
    return [name, *names.old_names(entity, name)]


def _alias_of(name: str, graphql_name: str) -> str | None:
    return None if graphql_name == name else name


def _deprecation(name: str, graphql_name: str, own: str | None) -> str | None:
    return own if graphql_name == name else f"Use `{name}`."


def _guarded(entity: Entity, field: Field, attr: str):
    def resolve(root, info: strawberry.Info):
        require_field(context_of(info).actor, entity, field)
        return root.__dict__[attr]

    return resolve


def _attribute(attr: str):
    def resolve(root):
        return root.__dict__[attr]

    return resolve
