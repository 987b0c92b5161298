"""The Strawberry ASGI view: context from the authenticated request, orjson encoding, and
GraphQL over HTTP's media types and status codes.

A client that accepts `application/graphql-response+json` (and prefers it to
`application/json`) gets that media type, and a request that fails before execution
(parse, validation, variable coercion, limits: no `data` then) is answered 400; every other
client gets `application/json` and 200, as GraphQL over HTTP allows for it. Malformed HTTP
requests (a body that is not a JSON object, an unsupported content type, no query) raise
`BadRequestError`, which the edge answers with a coded 400.
"""

from __future__ import annotations

import functools
from typing import Any

import orjson
from cross_web import HTTPException
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from strawberry.asgi import GraphQL
from strawberry.types import ExecutionResult

from .. import values
from ..edge import http_error
from ..errors import BadRequestError
from ..ops import requests
from ..query.reader import Reader
from .compiled import answer_known
from .context import Context
from .live.transport import LiveHandler, LiveTransport
from .limits import error_code, error_field, token_count_above
from .persisted import PersistedDocuments, names_a_document

GRAPHQL_RESPONSE = "application/graphql-response+json"


class GraphQLView(LiveTransport, GraphQL):
    # Subscriptions over WebSocket (graphql-transport-ws): see live/transport.py.
    graphql_transport_ws_handler_class = LiveHandler

    def __init__(self, schema, service, reader: Reader) -> None:
        super().__init__(schema, graphql_ide="graphiql" if service.settings.graphiql else None)
        self.service = service
        self.reader = reader
        self.documents = PersistedDocuments(schema, service.settings)

    async def get_context(self, request, response) -> Context:
        # The GraphiQL page is served without a token, and without an actor.
        return Context(actor=getattr(request.state, "actor", None), reader=self.reader, settings=self.service.settings,
                       service=self.service, request=request)

    def should_render_graphql_ide(self, request) -> bool:
        return super().should_render_graphql_ide(request) and not names_a_document(request.query_params)

    async def run(self, request, context=None, root_value=None):
        """Strawberry's HTTP errors become API errors (the edge answers them); a response
        gets the media type and status the client asked for."""
        try:
            response = await super().run(request) if context is None else await super().run(request, context, root_value)
        except HTTPException as error:
            raise http_error(error.status_code, error.reason) from None
        if wants_graphql_response(request.headers.get("accept")) and response.media_type == "application/json":
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
            if getattr(request.state, "request_error", False):
                response.status_code = 400
        return response

    async def execute_operation(self, request, request_adapter, request_data, context, root_value, sub_response):
        """A request may name a persisted document instead of sending it (see persisted.py);
        its variables are checked like every incoming string (see values.py). A query this
        build answered compiled before is answered without Strawberry's pipeline
        (`compiled.answer_known`)."""
        resolved = await self.documents.resolve(request, request_data, context.actor)
        if isinstance(resolved, ExecutionResult):
            return resolved
        tokens = resolved.query and token_count_above(resolved.query, self.service.settings.max_tokens)
        if tokens:
            return ExecutionResult(data=None, errors=[GraphQLError(
                f"the document has more than {self.service.settings.max_tokens} tokens",
                extensions={"code": "LIMIT_EXCEEDED", "maximum": self.service.settings.max_tokens})])
        problems = values.string_problems(resolved.variables or {}, "")
        if problems:
            # `field` names the input field, as for every other invalid value in a variable.
            return ExecutionResult(data=None, errors=[GraphQLError(
                f"Variable has invalid value: {p.message}",
                extensions={**p.extensions, "field": _input_field(p.extensions.get("field") or "")})
                for p in problems])
        if resolved.operation_name is None and resolved.query and _operation_count(resolved.query) > 1:
            return ExecutionResult(data=None, errors=[GraphQLError(
                "the document has several operations: say which to run with `operationName`",
                extensions={"code": "GRAPHQL_VALIDATION_FAILED", "field": "operationName"})])
        name = resolved.operation_name
        if resolved.query and (name is None or isinstance(name, str)) and _is_subscription(resolved.query, name):
            return ExecutionResult(data=None, errors=[GraphQLError(
                "subscriptions are served over WebSocket at /graphql (protocol graphql-transport-ws), "
                "not over HTTP: see the README's \"Live updates\"", extensions={"code": "BAD_REQUEST"})])
        if self.allow_queries_via_get or request.method != "GET":
            known = await answer_known(self.schema.planner, resolved.query, name, resolved.variables,
                                       resolved.extensions, context)
            if known is not None:
                return known
        return await super().execute_operation(request, request_adapter, resolved, context, root_value, sub_response)

    async def process_result(self, request, result):
        """Every error carries a code: ours set theirs, GraphQL's own get one here. A result
        without data whose errors all came before execution (none has a path) is a request
        error: GraphQL over HTTP's `application/graphql-response+json` answers it with 400
        and no `data` entry."""
        response = await super().process_result(request, result)
        for error, formatted in zip(result.errors or [], response.get("errors") or []):
            extensions = formatted.setdefault("extensions", {})
            extensions.setdefault("code", error_code(error))
            if extensions["code"] == "VALIDATION" and "field" not in extensions:
                field = error_field(error.message)
                if field:
                    extensions["field"] = field
        facts = requests.current()
        if facts is not None:  # the request's outcome, for its log line and metrics
            errors = response.get("errors")
            facts.code = errors[0]["extensions"]["code"] if errors else "OK"
        if result.data is None and result.errors and not any(error.path for error in result.errors):
            request.state.request_error = True
            if wants_graphql_response(request.headers.get("accept")):
                response.pop("data", None)
        return response

    def parse_json(self, data: str | bytes) -> object:
        try:
            decoded = orjson.loads(data)
        except orjson.JSONDecodeError as error:
            raise BadRequestError(f"the body is not valid JSON: {error}") from None
        if not isinstance(decoded, dict):
            raise BadRequestError("the body must be a JSON object: {\"query\": ..., \"variables\": {...}}")
        return decoded

    def encode_json(self, data: Any) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)


def wants_graphql_response(accept: str | None) -> bool:
    """Whether `application/graphql-response+json` is the media type the client prefers: the
    higher `q` wins, the one listed first on a tie; without it (no Accept, `*/*`), JSON."""
    best, best_weight = None, -1.0
    for position, item in enumerate((accept or "").split(",")):
        media_type, *parameters = (part.strip().lower() for part in item.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if media_type in (GRAPHQL_RESPONSE, "application/json") and weight > best_weight:
            best, best_weight = media_type, weight
    return best == GRAPHQL_RESPONSE


def _input_field(path: str) -> str:
    """`input.notes` -> `notes`; `input.accountIds.2` -> `accountIds`."""
    return next((part for part in reversed(path.split(".")) if not part.isdigit()), path)


@functools.lru_cache(maxsize=1024)
def _is_subscription(query: str, operation_name: str | None) -> bool:
    try:
        document = parse(query, no_location=True)
    except GraphQLError:
        return False  # execution reports the syntax error
    return any(isinstance(d, OperationDefinitionNode) and d.operation is OperationType.SUBSCRIPTION
               and (operation_name is None or (d.name is not None and d.name.value == operation_name))
               for d in document.definitions)


@functools.lru_cache(maxsize=1024)
def _operation_count(query: str) -> int:
    try:
        document = parse(query, no_location=True)
    except GraphQLError:
        return 0  # execution reports the syntax error
    return sum(isinstance(d, OperationDefinitionNode) for d in document.definitions)
