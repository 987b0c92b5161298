"""The Starlette application: routes behind the HTTP edge (`edge.py`), lifespan."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from tortoise.contrib.starlette import RegisterTortoise

from . import db, feed
from .attachment_routes import AttachmentEndpoints
from .config import Settings
from .edge import Edge, starlette_http_error
from .errors import ForbiddenError
from .export import ExportEndpoint
from .ops import metrics, requests
from .ops.middleware import Observed
from .ops.routes import routes as ops_routes
from .plugins.sync import SchemaWatcher
from .replicas import ReadRouting
from .service import Service
from .webhooks import Dispatcher


class GraphQLEndpoint:
    """Hands the request to the view of the schema build current at the request."""

    def __init__(self, service: Service) -> None:
        self.service = service

    async def __call__(self, scope, receive, send) -> None:
        await self.service.current.view(scope, receive, send)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    requests.count_statements()
    feed.configure(settings.change_feed)
    service = Service(settings)

    async def schema_sdl(request: Request) -> Response:
        # The schema as introspection gives it, so it follows the same switch.
        if not settings.introspection:
            raise ForbiddenError("introspection is switched off on this server (CRM_INTROSPECTION=0)")
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
            await service.feed.start()
            await service.live.start()
            pruning = asyncio.create_task(feed.keep_pruned(timedelta(days=settings.feed_retention_days)),
                                          name="feed-pruning")
            # Webhook delivery, in every API process (one per endpoint at a time).
            dispatcher = Dispatcher(service) if settings.webhook_delivery else None
            if dispatcher:
                await dispatcher.start()
            try:
                yield
            finally:
                if dispatcher:
                    await dispatcher.stop()
                pruning.cancel()
                await service.live.stop()
                await service.feed.stop()
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
            WebSocketRoute("/graphql", graphql),  # subscriptions (graphql/live/transport.py)
            *ops_routes(service),
            Route("/schema.graphql", schema_sdl),
            Route("/export/{name}", ExportEndpoint(service).handle, methods=["GET"]),
            Route("/attachments", attachments.upload, methods=["POST"]),
            Route("/attachments/{id}", attachments.download, methods=["GET"]),
        ],
        lifespan=lifespan,
        # Outermost first: every request gets an id and is counted (Observed), then the
        # edge authenticates and answers errors, then reads are routed to a replica or not.
        middleware=[Middleware(Observed), Middleware(Edge, service=service), Middleware(ReadRouting)],
        exception_handlers={HTTPException: starlette_http_error},
    )
    # An API answers a path it does not serve with NOT_FOUND, not a redirect.
    app.router.redirect_slashes = False
    app.state.service = service
    return app
