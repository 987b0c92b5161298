"""The Starlette application: routes, authentication of API requests, lifespan."""

from __future__ import annotations

import contextlib

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from tortoise.contrib.starlette import RegisterTortoise

from . import db
from .auth.tokens import authenticate
from .config import Settings
from .errors import UnauthenticatedError
from .plugins.sync import SchemaWatcher
from .service import Service


def error_response(error: UnauthenticatedError, status: int = 401) -> Response:
    body = {"data": None, "errors": [{"message": error.message, "extensions": error.extensions}]}
    return Response(orjson.dumps(body), status_code=status, media_type="application/json",
                    headers={"WWW-Authenticate": "Bearer"})


class GraphQLEndpoint:
    """Authenticates, then hands the request to the current schema's view."""

    def __init__(self, service: Service) -> None:
        self.service = service

    async def __call__(self, scope, receive, send) -> None:
        build = self.service.current
        request = Request(scope, receive)
        if scope["type"] == "http" and not self._is_ide_page(request):
            try:
                actor = await authenticate(request.headers.get("authorization"))
            except UnauthenticatedError as error:
                await error_response(error)(scope, receive, send)
                return
            scope.setdefault("state", {})["actor"] = actor
        await build.view(scope, receive, send)

    def _is_ide_page(self, request: Request) -> bool:
        return self.service.settings.graphiql and build_ide_request(request)


def build_ide_request(request: Request) -> bool:
    return (
        request.method == "GET"
        and "query" not in request.query_params
        and "text/html" in request.headers.get("accept", "")
    )


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    service = Service(settings)

    async def healthz(request: Request) -> Response:
        await db.connection().execute_query("SELECT 1")
        return JSONResponse({"status": "ok"})

    async def schema_sdl(request: Request) -> Response:
        return PlainTextResponse(service.current.schema.as_str() + "\n")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        async with RegisterTortoise(app, config=db.tortoise_config(settings)):
            await service.reload()
            watcher = SchemaWatcher(service, settings.schema_poll_seconds)
            await watcher.start()
            try:
                yield
            finally:
                await watcher.stop()

    graphql = GraphQLEndpoint(service)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/schema.graphql", schema_sdl),
        ],
        lifespan=lifespan,
    )
    app.state.service = service
    return app
