"""The compiled read path: a query whose every field has an SQL form is answered by one
SQL statement that writes the response's JSON (see `query/compiler.py`).

`CompiledReads` is a schema extension. Parsing, validation and the limits run first
(cached per document); then, for a query, it plans the operation against the catalog
and, when every selected field compiles, sets the result before graphql-core's executor
would run, with the database's JSON text as an `orjson.Fragment` that the view writes
out untouched. Everything else (mutations, introspection, metadata, aggregates, a
computed field without SQL, a field hidden from the actor, any argument the resolved
path would refuse) goes through the executor unchanged, so errors are the resolved
path's own.

Once the pipeline has answered a query compiled, the same document with the same
variables but cursors is answered by `answer_known` before Strawberry's pipeline, which
would decide the same (see there): a third less Python per request.

A request may ask for the resolved path with `extensions: {"readPath": "resolved"}`
(tests compare both); in development mode `extensions: {"explain": true}` returns the
path taken, why, and the SQL.

Strict mode (`Settings.strict_reads`: the test suite, development mode) raises a planner
or compiler error and a statement the database refuses for any reason but a known limit;
elsewhere the client gets the resolved answer, the error goes to the log, and
`read_paths` counts every read by path and cause.
"""

from __future__ import annotations

from collections.abc import Iterator
import logging
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import orjson
from graphql import (
    ArgumentNode, DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLObjectType, GraphQLSchema,
    OperationDefinitionNode, OperationType, VariableDefinitionNode, VariableNode, Visitor, get_named_type, parse, validate, visit,
)
from graphql.execution import ExecutionResult
from graphql.execution.collect_fields import FieldDetails, FragmentDetails, collect_fields, collect_subfields
from graphql.execution.values import get_argument_values, get_variable_values
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType as StrawberryOperationType

from ..auth import Actor, field_hidden
from ..catalog import Catalog, Entity
from ..errors import ApiError
from ..ids import from_global_id
from ..models import Scope
from ..query.compiler import (
    CURSOR, TOTAL_COUNT, Compiler, Computed, Connection, Edges, GlobalId, Literal, NotCompilable,
    One, PageInfo, Record, Value,
)
from ..query.pages import PAGE_INFO, BoundCursor, cursor_shape, page_args
from ..query.reader import Reader
from ..query.rendering import INVALID
from ..query.sql import Late, Variable, render
from ..db import read_connection
from .. import replicas
from ..ops import requests
from . import names, read_paths
from .filters import arguments_sql, plain
from .members import Members
from .lru import LRU

log = logging.getLogger(__name__)

# How `INVALID` appears in the statement's UTF-8 JSON.
INVALID_BYTES = INVALID.encode()


@dataclass(frozen=True)
class Plan:
    """How a document is answered for an actor: by `sql` with `params`, or resolved for
    `reason`; `cause` is the reason's kind (one of `read_paths.CAUSES`). `late` holds the
    parameters as planned, `Late` ones included, for `bind`."""

    sql: str | None
    params: tuple
    reason: str
    cause: str
    late: tuple = ()

    @property
    def path(self) -> str:
        return "compiled" if self.sql is not None else "resolved"

    def bind(self, request: "Bound") -> "Plan | None":
        """The plan with another request's values of its `Late` parameters; None when that
        request's values do not fit (a cursor of another order: planning reports it)."""
        if not any(isinstance(p, Late) for p in self.late):
            return self
        try:
            params = tuple(p.take(request) if isinstance(p, Late) else p for p in self.late)
        except Exception:  # noqa: BLE001 - planned afresh, which names the error
            return None
        return Plan(self.sql, params, self.reason, self.cause, self.late)


@dataclass(frozen=True)
class Bound:
    """What a reused statement's `Late` parameters are taken from: the request's actor and
    variables (`variables` as sent; `variable(path)` a value as coerced for the operation,
    as planning saw it)."""

    actor: Actor
    variables: dict
    schema: GraphQLSchema | None = None
    document: DocumentNode | None = None
    operation_name: str | None = None

    @cached_property
    def coerced(self) -> dict:
        operation = _operation(self.document, self.operation_name)
        values = get_variable_values(self.schema, operation.variable_definitions or (), self.variables)
        if isinstance(values, list):
            raise InvalidVariables("variables that do not fit their types")
        return values.coerced

    def variable(self, path: tuple) -> Any:
        value = self.coerced
        for step in path:
            value = value[step]
        return plain(value)


class Planner:
    """Plans operations against one schema build's catalog and GraphQL schema."""

    def __init__(self, catalog: Catalog, schema: GraphQLSchema, settings, cache_size: int, members: Members) -> None:
        self.catalog = catalog
        self.schema = schema
        self.settings = settings
        self._plans = LRU(cache_size)
        self._variable_uses = LRU(cache_size)
        # Documents the whole pipeline answered compiled, by their variables but cursors
        # (`answer_known`).
        self._known = LRU(cache_size)
        # What each field is, as the schema build recorded it (`members.py`).
        self.members = members

    def plan(self, query: str, document: DocumentNode, operation_name: str | None,
             variables: dict | None, actor: Actor, reader: Reader) -> Plan:
        """The plan of a document for an actor. Plans are shared by the actors of one rules'
        shape and by the values of the variables that only give cursors, page sizes and
        filter values (of one shape: which are null, how long a list is): their statement
        takes the actor's ids, the cursors' keys, the sizes and the filter values as
        parameters (`Late`), so a user paging runs one prepared statement. A plan whose
        error depends on a value is kept for exactly that value."""
        variables = variables or {}
        shared = self._key(query, document, operation_name, variables, actor)
        plan = self._plans.get(shared)
        if plan is not None:
            bound = plan.bind(Bound(actor, variables, self.schema, document, operation_name))
            if bound is not None:
                return bound
        exact = (shared, orjson.dumps(variables, option=orjson.OPT_SORT_KEYS, default=str))
        plan = self._plans.get(exact)
        if plan is None:
            plan = self._make(document, operation_name, variables, actor, reader)
            by_value = plan.cause in ("reported_error", "invalid_variables")
            self._plans.put(exact if by_value else shared, plan)
        return plan

    def refuse(self, query: str, document: DocumentNode, operation_name: str | None, variables: dict | None,
               actor: Actor, plan: Plan) -> None:
        """Resolve this operation from now on, for the reason `plan` gives."""
        self._plans.put(self._key(query, document, operation_name, variables or {}, actor), plan)

    def remember_known(self, query: str, document: DocumentNode, operation_name: str | None,
                       variables: dict) -> None:
        """The pipeline answered this operation (`operation_name` as it found it) compiled:
        parsed, valid, a query, and within the limits for these variables (a cost counts
        page sizes, never cursors). A request may name the document's only operation or not."""
        uses = self._uses(query, document, operation_name)
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        for name in {operation_name, None} if len(operations) == 1 else {operation_name}:
            self._variable_uses.put((query, name), uses)
            self._known.put(_known_key(uses[0], query, name, variables), (document, operation_name))

    def known(self, query: str, operation_name: str | None, variables: dict) -> tuple | None:
        """(document, its operation's name) of a remembered operation whose variables but
        cursors are these, or None."""
        uses = self._variable_uses.get((query, operation_name))
        return None if uses is None else self._known.get(_known_key(uses[0], query, operation_name, variables))

    def _uses(self, query: str, document: DocumentNode, operation_name: str | None) -> tuple:
        uses = self._variable_uses.get((query, operation_name))
        if uses is None:
            uses = _variable_uses(document)
            self._variable_uses.put((query, operation_name), uses)
        return uses

    def _key(self, query: str, document: DocumentNode, operation_name: str | None, variables: dict,
             actor: Actor) -> tuple:
        """The document, its operation, its variables (those that are parameters by their
        shape) and the shape of the actor's rules."""
        cursors, parameters = self._uses(query, document, operation_name)
        values = {name: cursor_shape(value) if name in cursors else _shape(value) if name in parameters else value
                  for name, value in variables.items()}
        return (query, operation_name, orjson.dumps(values, option=orjson.OPT_SORT_KEYS, default=str),
                actor.rules_shape)

    def _make(self, document, operation_name, variables, actor, reader) -> Plan:
        try:
            members = _Walk(self, document, operation_name, variables, actor, reader).root()
            statement = Compiler(reader, actor).statement(members)
        except InvalidVariables as reason:
            return Plan(None, (), str(reason), "invalid_variables")
        except ResolvedField as reason:
            return Plan(None, (), str(reason), "resolved_field")
        except NotCompilable as reason:
            return Plan(None, (), str(reason), "no_sql_form")
        except ApiError as error:
            return Plan(None, (), f"the resolved path reports: {error.message}", "reported_error")
        except Exception:
            if self.settings.strict_reads:
                raise
            # In production a planner bug must not cost the client its answer.
            log.exception("planning a compiled read failed; resolving it instead")
            return Plan(None, (), "the planner failed (see the server log)", "planner_failed")
        text, params = render(statement, reader.dialect)
        return Plan(text, tuple(params), "every field has an SQL form", "compiled", tuple(statement.params))


class ResolvedField(NotCompilable):
    """A root field the compiled path does not answer by design (aggregates, the timeline,
    metadata: see the README's "Read path")."""


class InvalidVariables(NotCompilable):
    """The request's variables do not fit the document: the resolved path refuses it with
    the coercion errors."""


def _known_key(cursors: frozenset[str], query: str, operation_name: str | None, variables: dict) -> tuple:
    values = {name: cursor_shape(value) if name in cursors else value for name, value in variables.items()}
    return query, operation_name, orjson.dumps(values, option=orjson.OPT_SORT_KEYS, default=str)


def _variable_uses(document: DocumentNode) -> tuple[frozenset[str], frozenset[str]]:
    """(cursors, parameters): the variables used only as the `after` or `before` argument
    of a field, and those used only as `first` or `last` or inside a `filter` argument,
    where every value of theirs but null, a boolean or a list's length becomes a
    statement's parameter (`query.sql.bound`)."""
    cursor_uses, parameter_uses, other_uses = set(), set(), set()

    class Uses(Visitor):
        def enter_argument(self, node: ArgumentNode, *_):
            name = node.name.value
            if isinstance(node.value, VariableNode) and name in ("after", "before"):
                cursor_uses.add(node.value.name.value)
                return Visitor.SKIP
            if isinstance(node.value, VariableNode) and name in ("first", "last"):
                parameter_uses.add(node.value.name.value)
                return Visitor.SKIP
            if name == "filter":
                visit(node.value, Inside())
                return Visitor.SKIP
            return None

        def enter_variable(self, node: VariableNode, _key, parent, *_):
            if not isinstance(parent, VariableDefinitionNode):
                other_uses.add(node.name.value)

    class Inside(Visitor):
        def enter_variable(self, node: VariableNode, *_):
            parameter_uses.add(node.name.value)

    visit(document, Uses())
    cursors = frozenset(cursor_uses - other_uses - parameter_uses)
    return cursors, frozenset(parameter_uses - other_uses - cursor_uses)


def _shape(value: Any) -> Any:
    """What the SQL of a parameter variable's value depends on: where it is null, its
    booleans (`isNull: $b`), its lists' lengths and its objects' keys; other values
    are parameters (`_tagged`)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, list):
        return ["list", *map(_shape, value)]
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    return ["value", type(value).__name__]


def _tagged(value: Any, path: tuple) -> Any:
    """A parameter variable's coerced value with each value `_shape` leaves out wrapped as
    a `Variable` at its path, which `query/` turns into a `Late` parameter."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, list):
        return [_tagged(item, (*path, i)) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {key: _tagged(item, (*path, key)) for key, item in value.items()}
    return Variable(plain(value), path)


class _Walk:
    """One operation's selections, turned into the compiler's tree (see `query.compiler`)."""

    def __init__(self, planner: Planner, document: DocumentNode, operation_name, variables,
                 actor: Actor, reader: Reader) -> None:
        self.planner = planner
        self.schema = planner.schema
        self.actor = actor
        self.reader = reader
        self.operation = _operation(document, operation_name)
        if self.operation.operation is not OperationType.QUERY:
            raise NotCompilable(f"a {self.operation.operation.value}")
        self.fragments = {d.name.value: FragmentDetails(d) for d in document.definitions
                          if isinstance(d, FragmentDefinitionNode)}
        values = get_variable_values(self.schema, self.operation.variable_definitions or (), variables or {})
        if isinstance(values, list):
            raise InvalidVariables("variables that do not fit their types")
        _, parameters = _variable_uses(document)
        self.variables = values._replace(coerced={
            name: _tagged(value, (name,)) if name in parameters else value for name, value in values.coerced.items()})

    def root(self) -> list[tuple[str, Any]]:
        query = self.schema.query_type
        grouped = collect_fields(self.schema, self.fragments, self.variables, query, self.operation)
        return [(key, self._root_field(query, key, details))
                for key, details in grouped.grouped_field_set.items()]

    def _root_field(self, query: GraphQLObjectType, key: str, details: list[FieldDetails]):
        name = details[0].node.name.value
        if name == "__typename":
            return Literal(query.name)
        root = self.planner.members.roots.get(name)
        if root is None:
            raise ResolvedField(f"`{name}` has no SQL form")
        args = self._arguments(query, details[0])
        what, entity, type_name = root.kind, root.target, get_named_type(query.fields[name].type).name
        if what == "list":
            return self._connection(entity, None, args, query.fields[name], details)
        if what == "me":
            if actor_scope_hides_self(self.actor):
                raise NotCompilable("`me` with a rule hiding users from themselves")
            return One(self._record(entity, type_name, details),
                       pk=Late(self.actor.user_id, lambda request: request.actor.user_id))
        if what == "node":
            key_name, pk = from_global_id(args["id"])
            target = self.planner.catalog.entities.get(key_name)
            if target is None:
                return Literal(None)
            fragments = {name: fragment.definition for name, fragment in self.fragments.items()}
            type_name = names.chosen_name(target, [d.node for d in details], fragments)
            return One(self._record(target, type_name, details), pk=pk)
        if what != "one":
            raise NotCompilable(f"`{name}`: a {what} has no SQL form")
        key_name, pk = from_global_id(args["id"])
        if key_name != entity.key:
            raise NotCompilable("an ID of another kind (the resolved path reports it)")
        return One(self._record(entity, type_name, details), pk=pk)

    # -- records ------------------------------------------------------------------------

    def _record(self, entity: Entity, type_name: str, details: list[FieldDetails]) -> Record:
        object_type = self.schema.get_type(type_name)
        grouped = collect_subfields(self.schema, self.fragments, self.variables, self.operation,
                                    object_type, details).grouped_field_set
        members = []
        recorded = self.planner.members.objects[type_name]
        for key, sub in grouped.items():
            name = sub[0].node.name.value
            if name == "__typename":
                members.append((key, Literal(type_name)))
                continue
            member = recorded.get(name)
            if member is None:
                raise LookupError(f"the schema build recorded no kind of `{type_name}.{name}`")
            what, target = member.kind, member.target
            if what == "id":
                members.append((key, GlobalId()))
            elif what == "value":
                if field_hidden(self.actor, entity, target):
                    raise NotCompilable(f"`{type_name}.{name}` is hidden from the actor")
                members.append((key, Value(target)))
            elif what == "computed":
                members.append((key, Computed(target)))
            elif what == "reference":
                referenced = self.planner.catalog[target.target]
                # The type the field gives (a reference kept from before a rename gives the old one).
                type_of = get_named_type(object_type.fields[name].type).name
                members.append((key, One(self._record(referenced, type_of, sub), reference=target)))
            elif what == "connection":
                related = self.planner.catalog[target.target]
                args = self._arguments(object_type, sub[0])
                members.append((key, self._connection(related, target, args, object_type.fields[name], sub)))
            else:
                raise NotCompilable(f"`{type_name}.{name}`: a {what} member has no SQL form")
        return Record(entity, members)

    # -- connections --------------------------------------------------------------------

    def _connection(self, entity: Entity, collection, args: dict, field_def,
                    details: list[FieldDetails]) -> Connection:
        settings = self.planner.settings
        after, before = (self._cursor(details[0], name, args.get(name)) for name in ("after", "before"))
        page = page_args(args.get("first"), after, args.get("last"), before,
                         default_size=settings.default_page_size, max_size=settings.max_page_size)
        condition, order = arguments_sql(self.reader, self.actor, self.planner.catalog, entity, args.get("filter"),
                                         args.get("orderBy"), args.get("search"))
        connection_type = get_named_type(field_def.type)
        edge_type = get_named_type(connection_type.fields["edges"].type)
        type_name = get_named_type(edge_type.fields["node"].type).name
        grouped = collect_subfields(self.schema, self.fragments, self.variables, self.operation,
                                    connection_type, details).grouped_field_set
        result = Connection(entity, page, order, condition, collection=collection)
        for key, sub in grouped.items():
            name = sub[0].node.name.value
            if name == "__typename":
                result.members.append((key, Literal(connection_type.name)))
            elif name == "totalCount":
                result.members.append((key, TOTAL_COUNT))
            elif name == "pageInfo":
                result.members.append((key, PageInfo(self._page_info(connection_type, sub))))
            elif name == "edges":
                result.members.append((key, Edges(self._edges(entity, type_name, connection_type, sub))))
            else:
                raise NotCompilable(f"`{connection_type.name}.{name}`")
        return result

    def _edges(self, entity: Entity, type_name: str, connection_type, details) -> list:
        edge_type = get_named_type(connection_type.fields["edges"].type)
        grouped = collect_subfields(self.schema, self.fragments, self.variables, self.operation,
                                    edge_type, details).grouped_field_set
        members = []
        for key, sub in grouped.items():
            name = sub[0].node.name.value
            if name == "__typename":
                members.append((key, Literal(edge_type.name)))
            elif name == "cursor":
                members.append((key, CURSOR))
            else:
                members.append((key, self._record(entity, type_name, sub)))
        return members

    def _page_info(self, connection_type, details) -> list:
        info_type = get_named_type(connection_type.fields["pageInfo"].type)
        grouped = collect_subfields(self.schema, self.fragments, self.variables, self.operation,
                                    info_type, details).grouped_field_set
        members = []
        for key, sub in grouped.items():
            name = sub[0].node.name.value
            members.append((key, Literal(info_type.name) if name == "__typename" else name))
            if name != "__typename" and name not in PAGE_INFO:
                raise NotCompilable(f"`PageInfo.{name}`")
        return members

    @staticmethod
    def _cursor(details: FieldDetails, name: str, value: str | None) -> str | None:
        """A cursor argument; one given by a variable is a `BoundCursor` (see `Planner.plan`)."""
        for argument in details.node.arguments or ():
            if argument.name.value == name and isinstance(argument.value, VariableNode) and value is not None:
                return BoundCursor.of(value, argument.value.name.value)
        return value

    def _arguments(self, parent_type: GraphQLObjectType, details: FieldDetails) -> dict:
        field_def = parent_type.fields[details.node.name.value]
        return get_argument_values(field_def, details.node, self.variables, details.fragment_variable_values)


def actor_scope_hides_self(actor: Actor) -> bool:
    """`me` is non-null: where a rule hides users from a role, the resolved path says so."""
    return actor.read_scope("User") not in (Scope.ALL, Scope.OWNED)


def _operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        if len(operations) != 1:
            raise NotCompilable("no single operation")
        return operations[0]
    for operation in operations:
        if operation.name and operation.name.value == operation_name:
            return operation
    raise NotCompilable(f"no operation named {operation_name!r}")


def explain(planner: Planner, query: str, variables: dict | None, operation_name: str | None,
            actor: Actor, reader: Reader) -> Plan:
    """The path a document takes for the actor, why, and its SQL (for `crm-graphql explain`)."""
    try:
        document = parse(query)
    except GraphQLError as error:
        return Plan(None, (), f"the document does not parse: {error.message}", "reported_error")
    errors = validate(planner.schema, document)
    if errors:
        return Plan(None, (), "the document is not valid: " + "; ".join(e.message for e in errors),
                    "reported_error")
    return planner.plan(query, document, operation_name, variables, actor, reader)


# -- the extension ------------------------------------------------------------------------


class CompiledReads(SchemaExtension):
    """Answers a query by its compiled SQL when it has one (see the module docstring)."""

    def __init__(self, planner: Planner) -> None:
        self.planner = planner
        self.plan: Plan | None = None

    async def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request = context.context
        extensions = context.operation_extensions or {}
        actor = getattr(request, "actor", None)
        _route_reads(context)
        # A result set by then is a limit's error (see `CostLimiter`).
        if actor is None or context.result is not None or context.graphql_document is None:
            yield
            return
        if context.operation_type is not StrawberryOperationType.QUERY:
            self.plan = Plan(None, (), f"a {context.operation_type.value}", context.operation_type.value)
            self._record(context.query or "")
            yield
            return
        if not request.settings.compiled_reads:
            yield
            return
        query = context.query or ""
        if extensions.get("readPath") == "resolved":
            self.plan = Plan(None, (), "the request asked for the resolved path", "asked")
        else:
            self.plan = self.planner.plan(query, context.graphql_document, context.operation_name,
                                          context.variables, actor, request.reader)
        if self.plan.sql is not None:
            try:
                context.result = await _run(self.plan)
            except Exception as error:  # noqa: BLE001 - the resolved path answers instead
                if request.settings.strict_reads and not _known_refusal(error):
                    raise
                log.warning("the database refused a compiled read (%s); resolving it instead", error)
                self.plan = Plan(None, (), f"the database refused the statement: {error}", "database_refused")
                self._record(query)
                yield
                # Resolved without errors, the database is fine and the statement is the
                # problem: resolve this operation from now on (a lost connection is not).
                if context.result is not None and not context.result.errors:
                    self.planner.refuse(query, context.graphql_document, context.operation_name,
                                        context.variables, actor, self.plan)
                return
            if context.result is None:
                self.plan = Plan(None, (), "the data holds a value its field cannot give "
                                           "(the resolved path reports it)", "invalid_stored_value")
            elif not shapes_answer(extensions):
                self.planner.remember_known(query, context.graphql_document, context.operation_name,
                                            context.variables or {})
        self._record(query)
        yield

    def _record(self, query: str) -> None:
        """The path this operation took: counted (`read_paths`, which `/metrics` reads) and
        noted for its request's log line."""
        read_paths.record(query, self.plan)
        facts = requests.current()
        if facts is not None:
            facts.operation = self.execution_context.operation_name or ""
            facts.read_path = f"{self.plan.path} ({self.plan.cause})"

    def get_results(self) -> dict[str, Any]:
        request = self.execution_context.context
        extensions = self.execution_context.operation_extensions or {}
        if not (extensions.get("explain") and request.settings.development):
            return {}
        plan = self.plan or Plan(None, (), "not a query this path answers", "no_sql_form")
        return {"readPath": {"path": plan.path, "reason": plan.reason, "sql": plan.sql,
                             "params": [str(p) for p in plan.params]}}


async def answer_known(planner: Planner, query: str | None, operation_name: str | None, variables: Any,
                       extensions: Any, context) -> ExecutionResult | None:
    """The compiled answer of a document this build's pipeline answered compiled before,
    with the same variables but cursors; None, and the pipeline answers, for any other.

    Strawberry's pipeline costs a third of a compiled read's Python time, and what it would
    decide for such a request is known: parsing, validation and the limits judge the
    document and its variables but cursors, and passed (`Planner.remember_known`); the
    view has checked the rest of the request. Variables are checked by planning, as in
    the pipeline. Anything but a compiled answer (a plan that resolves, a statement the
    database refuses, a value the resolved path reports) goes the whole way, which
    answers or reports it as it always does."""
    actor = context.actor
    if actor is None or not context.settings.compiled_reads:
        return None
    # Parameters of the wrong JSON type are the pipeline's to refuse.
    if (not isinstance(query, str) or not (operation_name is None or isinstance(operation_name, str))
            or not (variables is None or isinstance(variables, dict))
            or not (extensions is None or isinstance(extensions, dict)) or shapes_answer(extensions)):
        return None
    known = planner.known(query, operation_name, variables or {})
    if known is None:
        return None
    document, operation_name = known
    try:
        plan = planner.plan(query, document, operation_name, variables, actor, context.reader)
    except Exception:  # noqa: BLE001 - strict mode's planner error: the pipeline raises it where it always does
        return None
    if plan.sql is None:
        return None
    service = context.service
    if service is not None and service.replicas is not None:
        service.replicas.for_reads()
    try:
        result = await _run(plan)
    except Exception:  # noqa: BLE001 - the pipeline runs it again and says what it makes of it
        return None
    if result is not None:
        read_paths.record(query, plan)
        facts = requests.current()
        if facts is not None:
            facts.operation = operation_name or ""
            facts.read_path = f"{plan.path} ({plan.cause})"
    return result


def shapes_answer(extensions: dict | None) -> bool:
    """Whether a request's `extensions` change how it is answered (`readPath`, `explain`);
    others (a persisted document's id, say) do not."""
    return bool(extensions) and any(name in extensions for name in ("readPath", "explain"))


def _known_refusal(error: Exception) -> bool:
    """A statement the database refuses by a documented limit, not by a compiler bug:
    SQLite's parser has a fixed stack, which a statement nested deep enough overflows
    (the resolved path's statements are small)."""
    return "parser stack overflow" in str(error)


def _route_reads(context) -> None:
    """A query's reads may go to a replica; a mutation's stay on the primary (replicas.py)."""
    service = getattr(context.context, "service", None)
    if service is None or service.replicas is None or context.graphql_document is None:
        return
    try:
        kind = context.operation_type
    except Exception:  # noqa: BLE001 - no such operation: the executor reports it, reading nothing
        return
    if kind.value == "query":  # Strawberry's OperationType, not graphql-core's
        service.replicas.for_reads()
    else:
        replicas.wrote()


async def _run(plan: Plan) -> ExecutionResult | None:
    """The statement's JSON as the result's data. None when the data holds a value the
    resolved path reports as an error: that path answers."""
    _, rows = await read_connection().execute_query(plan.sql, list(plan.params))
    data = rows[0][0]
    # JSON has a backslash only in escapes: one memchr finds none in most answers, where
    # searching for the marker itself would read a large page a byte at a time.
    if b"\\" in data and INVALID_BYTES in data:
        return None
    return ExecutionResult(data=orjson.Fragment(data), errors=None)
