"""The Strawberry ASGI view: context from the authenticated request, orjson encoding."""

from __future__ import annotations

from typing import Any

import orjson
from strawberry.asgi import GraphQL

from ..query.reader import Reader
from .context import Context


class GraphQLView(GraphQL):
    def __init__(self, schema, service, reader: Reader) -> None:
        super().__init__(schema, graphql_ide="graphiql" if service.settings.graphiql else None)
        self.service = service
        self.reader = reader

    async def get_context(self, request, response) -> Context:
        return Context(actor=request.state.actor, reader=self.reader, settings=self.service.settings,
                       service=self.service, request=request)

    def encode_json(self, data: Any) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)
