"""The Starlette application: routes, authentication of API requests, lifespan."""

from __future__ import annotations

import contextlib

import orjson
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response
from starlette.middleware import Middleware
from starlette.routing import Route
from tortoise.contrib.starlette import RegisterTortoise

from . import db
from .attachment_routes import AttachmentEndpoints
from .auth.tokens import authenticate
from .config import Settings
from .errors import ApiError, LimitError, UnauthenticatedError
from .export import ExportEndpoint
from .graphql.persisted import names_a_document
from .ops import metrics, requests
from .ops.middleware import Observed
from .ops.routes import routes as ops_routes
from .plugins.sync import SchemaWatcher
from .replicas import ReadRouting
from .service import Service


def error_response(error: ApiError, status: int = 401) -> Response:
    body = {"data": None, "errors": [{"message": error.message, "extensions": error.extensions}]}
    return Response(orjson.dumps(body), status_code=status, media_type="application/json",
                    headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


class GraphQLEndpoint:
    """Authenticates, then hands the request to the current schema's view."""

    def __init__(self, service: Service) -> None:
        self.service = service

    async def __call__(self, scope, receive, send) -> None:
        build = self.service.current
        request = Request(scope, receive)
        if scope["type"] == "http" and not self._is_ide_page(request):
            too_large = self._too_large(request)
            if too_large:
                await error_response(too_large, status=413)(scope, receive, send)
                return
            try:
                actor = await authenticate(request.headers.get("authorization"), build.policy)
            except UnauthenticatedError as error:
                await error_response(error)(scope, receive, send)
                return
            scope.setdefault("state", {})["actor"] = actor
        try:
            await build.view(scope, receive, send)
        except ClientDisconnect:
            # The client left before its request was read: nothing ran, nobody to answer.
            return

    def _too_large(self, request: Request) -> ApiError | None:
        limit = self.service.settings.max_body_bytes
        length = request.headers.get("content-length", "0")
        if length.isdigit() and int(length) > limit:
            return LimitError(f"the request body has {length} bytes, above the limit of {limit}")
        return None

    def _is_ide_page(self, request: Request) -> bool:
        return self.service.settings.graphiql and build_ide_request(request)


def build_ide_request(request: Request) -> bool:
    return (
        request.method == "GET"
        and not names_a_document(request.query_params)
        and "text/html" in request.headers.get("accept", "")
    )


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    requests.count_statements()
    service = Service(settings)

    async def schema_sdl(request: Request) -> Response:
        return PlainTextResponse(service.current.schema.as_str() + "\n")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        async with RegisterTortoise(app, config=db.tortoise_config(settings)):
            await service.reload()
            watcher = SchemaWatcher(service, settings.schema_poll_seconds)
            await watcher.start()
            if service.replicas:
                db.open_replicas(settings)
                await service.replicas.start()
            try:
                yield
            finally:
                if service.replicas:
                    await service.replicas.stop()
                    await db.close_replicas()
                await watcher.stop()
                metrics.process_exited()

    graphql = GraphQLEndpoint(service)
    attachments = AttachmentEndpoints(service)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            *ops_routes(service),
            Route("/schema.graphql", schema_sdl),
            Route("/export/{name}", ExportEndpoint(service).handle, methods=["GET"]),
            Route("/attachments", attachments.upload, methods=["POST"]),
            Route("/attachments/{id}", attachments.download, methods=["GET"]),
        ],
        lifespan=lifespan,
        middleware=[Middleware(Observed), Middleware(ReadRouting)],
    )
    app.state.service = service
    return app
