"""The Strawberry ASGI view: context from the authenticated request, orjson encoding."""

from __future__ import annotations

from typing import Any

import orjson
from strawberry.asgi import GraphQL
from strawberry.types import ExecutionResult

from ..ops import requests
from ..query.reader import Reader
from .context import Context
from .limits import error_code, error_field
from .persisted import PersistedDocuments, names_a_document


class GraphQLView(GraphQL):
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

    async def execute_operation(self, request, request_adapter, request_data, context, root_value, sub_response):
        """A request may name a persisted document instead of sending it (see persisted.py)."""
        resolved = await self.documents.resolve(request, request_data, context.actor)
        if isinstance(resolved, ExecutionResult):
            return resolved
        return await super().execute_operation(request, request_adapter, resolved, context, root_value, sub_response)

    async def process_result(self, request, result):
        """Every error carries a code: ours set theirs, GraphQL's own get one here."""
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
        return response

    def encode_json(self, data: Any) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)
