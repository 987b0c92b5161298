"""GraphQL subscriptions over WebSocket at `/graphql`, with the `graphql-transport-ws`
protocol (the `graphql-ws` client library's), on Strawberry's handler.

- `connection_init`'s payload carries the token: `{"Authorization": "Bearer <token>"}`
  (also `authorization`, or `{"token": "<token>"}`), checked by `auth.tokens.authenticate`
  like every HTTP request's; a bad one closes the connection with 4403 Forbidden.
- Each subscription runs on the schema build current when it starts, as its own request
  would: the actor is authenticated again with that build's rules, the document is parsed,
  validated and limited (depth, aliases, tokens, cost, strings) by that build's schema, and
  in `trusted` mode it must be a registered document. When the build changes (a plugin or
  rule change), `live.stream` ends the event stream and it starts again on the new build
  from the last change it handled, so every event is judged by the rules of its time.
- The token is checked again every CRM_LIVE_TOKEN_CHECK_SECONDS (30): revoking it closes
  the connection.
- Only subscriptions run here; queries and mutations go over HTTP.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator
from contextlib import suppress

from graphql import GraphQLError
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler, _OperationStreamClosed,
)
from strawberry.types.execution import ExecutionResult, PreExecutionError
from strawberry.types.unset import UNSET
from strawberry.utils.aio import aclosing

from ... import values
from ...auth import tokens
from ...auth.tokens import authenticate
from ...errors import PersistedQueryNotAllowed, UnauthenticatedError
from ...live.stream import Resume
from ..context import Context
from ..persisted import sha256_hex
from .shared import sharing_key

log = logging.getLogger(__name__)


def authorization_of(params: dict) -> str | None:
    """The `Authorization` value a client put in `connection_init`'s payload."""
    for name in ("Authorization", "authorization"):
        if isinstance(params.get(name), str):
            return params[name]
    token = params.get("token")
    return f"Bearer {token}" if isinstance(token, str) else None


class LiveTransport:
    """What `GraphQLView` adds for WebSocket connections."""

    protocols = (GRAPHQL_TRANSPORT_WS_PROTOCOL,)
    # Strawberry refuses cross-origin handshakes to protect cookie sessions; a connection
    # here is authenticated by the token in its first message, which a foreign page lacks.
    allowed_origins = frozenset({"*"})

    async def on_ws_connect(self, context: Context):
        try:
            context.actor = await authenticate(authorization_of(context.connection_params or {}),
                                               self.service.current.policy)
        except UnauthenticatedError:
            raise ConnectionRejectionError from None
        return UNSET  # an ack without payload


class LiveHandler(BaseGraphQLTransportWSHandler):
    async def handle(self) -> None:
        watcher = asyncio.create_task(self._check_token_now_and_then())
        try:
            await super().handle()
        finally:
            watcher.cancel()

    async def _check_token_now_and_then(self) -> None:
        """A token revoked (or expired, or its user deactivated) while connected closes the
        connection: at once when this process hears of the change (auth/tokens.py), else
        within `live_token_check_seconds`. Subscriptions must not outlive the right to read."""
        while True:
            await tokens.recent.wait_for_change(self.view.service.settings.live_token_check_seconds)
            if not self.connection_acknowledged:
                continue
            try:
                await authenticate(authorization_of(self.context.connection_params or {}),
                                   self.view.service.current.policy)
            except UnauthenticatedError:
                await self.websocket.close(code=4403, reason="Forbidden")
                return
            except Exception:  # the database did not answer: ask again next time
                log.exception("checking a subscriber's token failed")

    async def run_operation(self, operation) -> None:
        service = self.view.service
        try:
            authorization = authorization_of(self.context.connection_params or {})
            key = sharing_key(authorization, operation.query, operation.variables, operation.operation_name)
            source = await service.live_streams.results(key, functools.partial(self._results, operation))
            async with aclosing(source):
                await self._send_result_stream(operation, source)
            await operation.send_operation_message({"id": operation.id, "type": "complete"})
        except _OperationStreamClosed:
            return
        except Exception as error:
            await self.handle_task_exception(error)
            with suppress(Exception):
                await operation.send_operation_message({"id": operation.id, "type": "complete"})
            self.operations.pop(operation.id, None)
            raise

    async def _results(self, operation, state: Resume) -> AsyncIterator[ExecutionResult]:
        """The operation's results across schema builds: on the build current when it starts,
        then, each time its stream ends for a new build, on that one from where it stopped."""
        service = self.view.service
        while True:
            build = service.current
            problem = await self._problem(build, operation)
            if problem is not None:
                yield PreExecutionError(data=None, errors=[problem])
                return
            try:
                actor = await authenticate(authorization_of(self.context.connection_params or {}), build.policy)
            except UnauthenticatedError as error:  # revoked meanwhile (the watcher closes the connection)
                yield PreExecutionError(data=None, errors=[GraphQLError(error.message, extensions=error.extensions)])
                return
            state.restart = False
            context = Context(actor=actor, reader=build.reader, settings=service.settings,
                              service=service, request=self.context.request, live=state)
            source = await build.schema.subscribe(operation.query, variable_values=operation.variables,
                                                  context_value=context, root_value=self.root_value,
                                                  operation_name=operation.operation_name)
            async with aclosing(source):
                async for result in source:
                    yield result
                    if isinstance(result, PreExecutionError):
                        return
            if not state.restart:
                return

    async def _send_result_stream(self, operation, result_source) -> None:
        """As Strawberry's, but a document refused on a later build (a plugin removed a
        field it asks for) ends the subscription with `error` too, not only at its start."""
        async for result in result_source:
            if isinstance(result, PreExecutionError):
                await self._handle_pre_execution_error(operation, result)
                return
            if not isinstance(result, ExecutionResult):
                await self._reject_incremental_delivery(operation)
                return
            await operation.send_next(result)

    async def _problem(self, build, operation) -> GraphQLError | None:
        """What the HTTP view checks before Strawberry runs a document: its strings, and in
        `trusted` mode that it is registered."""
        problems = values.string_problems(operation.variables or {}, "")
        if problems:
            return GraphQLError(f"Variable has invalid value: {problems[0].message}", extensions=problems[0].extensions)
        documents = build.view.documents
        if (documents.mode == "trusted" and not documents._may_send_any_document(self.context.actor)
                and await documents._stored(sha256_hex(operation.query or "")) is None):
            error = PersistedQueryNotAllowed("this API runs only registered documents: register the subscription's "
                                             "document with `crm-graphql documents register`")
            return GraphQLError(error.message, extensions=error.extensions)
        return None
