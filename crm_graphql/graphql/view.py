"""The Strawberry ASGI view: context from the authenticated request, orjson encoding."""

from __future__ import annotations

from typing import Any

import orjson
from strawberry.asgi import GraphQL

from ..config import Settings
from ..query.reader import Reader
from .context import Context


class GraphQLView(GraphQL):
    def __init__(self, schema, settings: Settings, reader: Reader) -> None:
        super().__init__(schema, graphql_ide="graphiql" if settings.graphiql else None)
        self.settings = settings
        self.reader = reader

    async def get_context(self, request, response) -> Context:
        return Context(actor=request.state.actor, reader=self.reader, settings=self.settings, request=request)

    def encode_json(self, data: Any) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)
