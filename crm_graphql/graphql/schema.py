"""Builds the Strawberry schema from a catalog: queries, mutations, extensions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules, DisableIntrospection, MaskErrors, MaxTokensLimiter, ParserCache,
)
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.schema import validate_document

from ..auth.policy import Policy
from ..catalog import Catalog, Entity
from ..config import Settings
from ..errors import ApiError, NotFoundError, ValidationError
from ..ids import from_global_id, to_global_id
from ..query.pages import page_args
from ..db import dialect_of
from ..records import Hooks, Writer
from .compiled import CompiledReads, Planner
from .context import context_of
from .aggregates import EntityAggregates
from . import names
from .factory import TypeFactory
from .filters import EntityFilters, selection
from . import access as access_fields
from . import journey
from . import live
from . import plugins as plugin_fields
from . import webhooks as webhook_fields
from .inputs import EntityInputs, input_values
from .limits import CostLimiter, StringLiteralRule, code_stored_values, coded, invalid_stored_value
from .lru import LRU
from .metadata import metadata_field
from .relay import Node
from .scalars import SCALAR_OVERRIDES
from .members import Member
from .types import EntityTypes


def build_schema(catalog: Catalog, settings: Settings, hooks: Hooks | None = None,
                 policy: Policy | None = None) -> strawberry.Schema:
    factory = TypeFactory()
    filters = EntityFilters(factory, catalog)
    types = EntityTypes(factory, catalog, filters, policy)
    inputs = EntityInputs(factory, catalog)
    writer = Writer(catalog, dialect_of(settings.database_url), hooks)
    aggregates = EntityAggregates(factory, catalog, filters)
    query_fields = _query_fields(catalog, types)
    for entity in catalog:
        query_fields.update(aggregates.root_fields(entity))
    query = factory.object_type("Query", query_fields)
    mutation = factory.object_type("Mutation", _mutation_fields(catalog, types, inputs, writer))
    subscription = live.subscription_type(factory, catalog, types)
    factory.finish()
    schema = CrmSchema(
        query=query,
        mutation=mutation,
        subscription=subscription,
        types=list(types.objects.values()),
        scalar_overrides={**SCALAR_OVERRIDES, **live.SCALARS},
        # The planner needs the finished schema; extensions are made per request, after this.
        extensions=[*_extensions(settings), lambda: CompiledReads(planner)],
    )
    code_stored_values(schema._schema)
    planner = schema.planner = Planner(catalog, schema._schema, settings, settings.document_cache_size,
                                       types.members)
    return schema


class CrmSchema(strawberry.Schema):
    # Plans reads for the compiled path (see `compiled.py`); set once the schema is built.
    planner: Planner

    def process_errors(self, errors, execution_context=None) -> None:
        """Log unexpected errors only: an expected one is the client's to read, not ours."""
        for error in errors:
            if _is_variable_error(error):
                error.extensions = {"code": "VALIDATION", **(error.extensions or {})}
        unexpected = [e for e in errors if not isinstance(e.original_error, ApiError) and not _is_variable_error(e)]
        if unexpected:
            super().process_errors(unexpected, execution_context)


def _extensions(settings: Settings) -> list:
    cache_size = settings.document_cache_size
    costs, validations = LRU(cache_size), LRU(cache_size)
    limit_rules = [coded(depth_rule(max_depth=settings.max_query_depth, should_ignore=None), "LIMIT_EXCEEDED",
                         maximum=settings.max_query_depth),
                   coded(aliases_rule(settings.max_aliases), "LIMIT_EXCEEDED", maximum=settings.max_aliases),
                   StringLiteralRule]
    extensions = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=cache_size),
        # The rules are made once: the validation cache is keyed by the rule classes.
        lambda: AddValidationRules(limit_rules),
        lambda: TextValidationCache(validations),
        lambda: CostLimiter(max_cost=settings.max_cost, default_page_size=settings.default_page_size, costs=costs),
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    if not settings.development:
        extensions.append(lambda: MaskErrors(should_mask_error=_should_mask))
    return extensions


class TextValidationCache(SchemaExtension):
    """Validation errors per document text, for one schema build and its fixed rules.
    (Strawberry's `ValidationCache` keys its cache by the parsed document, whose hash walks
    the whole tree on every request: a good part of a compiled read's Python time.)"""

    def __init__(self, validations: LRU) -> None:
        self.validations = validations

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        errors = self.validations.get(context.query) if context.query else None
        if errors is None:
            errors = validate_document(context.schema._schema, context.graphql_document, context.validation_rules)
            if context.query:
                self.validations.put(context.query, errors)
        context.pre_execution_errors = errors
        yield


def _should_mask(error) -> bool:
    """Expected errors keep their message; anything else becomes 'Unexpected error.'."""
    original = error.original_error
    return (original is not None and not isinstance(original, ApiError) and not _is_variable_error(error)
            and not invalid_stored_value(error))


def _is_variable_error(error) -> bool:
    """A variable that does not fit its type (an unknown filter field, a string where a
    number goes): bad input, found before execution, caused by graphql-core's own error.
    Its message says what is wrong; masking it as unexpected would leave the client guessing."""
    return error.path is None and isinstance(error.original_error, GraphQLError)


def _typed(resolver, **annotations: Any):
    """Give a generated resolver the argument types Strawberry reads from annotations."""
    resolver.__annotations__ = {"info": strawberry.Info, **annotations}
    return resolver


def _record_pk(entity: Entity, global_id: str, field: str = "id") -> int:
    key, pk = from_global_id(global_id, field=field)
    if key != entity.key:
        raise ValidationError(f"`{field}` must be the ID of a {entity.name}, not of a {key}", field=field)
    return pk


@dataclass(frozen=True)
class Naming:
    """One set of GraphQL names of an entity: its current names, or old ones kept as aliases."""

    type_key: str
    name: str
    singular: str
    plural: str
    deprecation: str | None


def _namings(entity: Entity) -> list[Naming]:
    return [Naming(names.type_key(entity, name), name, name[:1].lower() + name[1:], plural,
                   None if name == entity.name else f"Renamed to `{entity.name}`.")
            for name, plural in names.namings(entity)]


def _query_fields(catalog: Catalog, types: EntityTypes) -> dict[str, Any]:
    async def node(info: strawberry.Info, id: strawberry.ID):
        key, pk = from_global_id(id)
        entity = catalog.entities.get(key)
        if entity is None:
            return None
        return types.interface_node(info, entity, await context_of(info).records(entity).load(pk))

    async def me(info: strawberry.Info):
        users = catalog["User"]
        row = await context_of(info).records(users).load(context_of(info).actor.user_id)
        return types.node(users, row)

    fields: dict[str, Any] = {
        "node": strawberry.field(graphql_type=Node | None, resolver=node,
                                 description="Any record by its global ID."),
        "me": strawberry.field(graphql_type=types.objects["User"], resolver=me,
                               description="The user whose token made this request."),
        "schema_metadata": metadata_field(catalog),
        **plugin_fields.query_fields(),
        **access_fields.query_fields(catalog, types),
        **journey.query_fields(catalog, types),
        **webhook_fields.query_fields(),
    }
    types.members.add_root("node", Member("node"))
    types.members.add_root("me", Member("me", catalog["User"]))
    for entity in catalog:
        for naming in _namings(entity):
            types.members.add_root(naming.singular, Member("one", entity))
            types.members.add_root(naming.plural, Member("list", entity))
            fields[f"one__{naming.name}"] = strawberry.field(
                name=naming.singular, graphql_type=types.objects[naming.type_key] | None,
                resolver=_one_resolver(entity, types, naming), deprecation_reason=naming.deprecation,
            )
            fields[f"list__{naming.name}"] = strawberry.field(
                name=naming.plural, graphql_type=types.connections[naming.type_key].connection,
                resolver=_list_resolver(entity, types, naming), deprecation_reason=naming.deprecation,
            )
    return fields


def _one_resolver(entity: Entity, types: EntityTypes, naming: Naming):
    async def one(info: strawberry.Info, id: strawberry.ID):
        pk = _record_pk(entity, id)
        return types.node(entity, await context_of(info).records(entity).load(pk), naming.type_key)
    return one


def _list_resolver(entity: Entity, types: EntityTypes, naming: Naming):
    connection = types.connections[naming.type_key]

    async def many(info: strawberry.Info, first: int | None = None, after: str | None = None,
                   last: int | None = None, before: str | None = None, filter=None, order_by=None,
                   search=None):
        context = context_of(info)
        settings = context.settings
        args = page_args(first, after, last, before, default_size=settings.default_page_size,
                         max_size=settings.max_page_size)
        condition, order = selection(context, entity, filter, order_by, search)
        page = await context.reader.page(entity, context.actor, args, filter=condition, order=order)
        return connection.build(page, lambda: context.reader.count(entity, context.actor, filter=condition))
    return _typed(many, first=int | None, after=str | None, last=int | None, before=str | None,
                  **types.filters.arguments(entity, naming.type_key))


def _mutation_fields(catalog: Catalog, types: EntityTypes, inputs: EntityInputs,
                     writer: Writer) -> dict[str, Any]:
    fields: dict[str, Any] = {**plugin_fields.mutation_fields(), **access_fields.mutation_fields(),
                              **webhook_fields.mutation_fields()}
    fields.update(journey.mutation_fields(catalog, types, inputs, writer))
    for entity in catalog:
        if entity.read_only:
            continue
        for naming in _namings(entity):
            object_type = types.objects[naming.type_key]
            fields[f"create__{naming.name}"] = strawberry.field(
                name=f"create{naming.name}", graphql_type=object_type,
                resolver=_typed(_create(entity, types, writer, naming), input=inputs.create[naming.name]),
                deprecation_reason=naming.deprecation,
            )
            update_args = {"id": strawberry.ID, "input": inputs.update[naming.name]}
            if entity.is_record:
                update_args["version"] = int
            fields[f"update__{naming.name}"] = strawberry.field(
                name=f"update{naming.name}", graphql_type=object_type,
                resolver=_typed(_update(entity, types, writer, naming), **update_args),
                description="Changes the record; `version` must be the version you read."
                if entity.is_record else None,
                deprecation_reason=naming.deprecation,
            )
            fields[f"delete__{naming.name}"] = strawberry.field(
                name=f"delete{naming.name}", graphql_type=strawberry.ID,
                resolver=_typed(_delete(entity, writer), id=strawberry.ID, version=int | None),
                description="Deletes the record and returns its ID.", deprecation_reason=naming.deprecation,
            )
    return fields


async def _reread(entity: Entity, types: EntityTypes, info: strawberry.Info, pk: int, naming: Naming):
    context = context_of(info)
    found = await context.reader.by_pks(entity, context.actor, [pk])
    if pk not in found:
        raise NotFoundError(f"the {entity.name} was written but is not visible to you", field="id")
    return types.node(entity, found[pk], naming.type_key)


def _create(entity: Entity, types: EntityTypes, writer: Writer, naming: Naming):
    async def create(info, input):
        pk = await writer.create(entity, context_of(info).actor, input_values(input))
        return await _reread(entity, types, info, pk, naming)
    return create


def _update(entity: Entity, types: EntityTypes, writer: Writer, naming: Naming):
    async def update_versioned(info, id, input, version):
        pk = _record_pk(entity, id)
        await writer.update(entity, context_of(info).actor, pk, version, input_values(input))
        return await _reread(entity, types, info, pk, naming)

    async def update(info, id, input):
        return await update_versioned(info, id, input, None)

    return update_versioned if entity.is_record else update


def _delete(entity: Entity, writer: Writer):
    async def delete(info, id, version=None):
        pk = _record_pk(entity, id)
        await writer.delete(entity, context_of(info).actor, pk, version)
        return to_global_id(entity.key, pk)
    return delete
