"""`/healthz` (the process is up), `/readyz` (it can serve: database reachable, schema
loaded, migrations current) and `/metrics` (Prometheus text; behind a token when
`CRM_METRICS_TOKEN` is set, not on the API port when `CRM_METRICS_PORT` is)."""

from __future__ import annotations

import asyncio
import hmac

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import db
from ..errors import NotFoundError, UnauthenticatedError
from ..migrate import pending
from . import metrics

# A database that takes longer than this to answer `SELECT 1` is not ready.
READY_TIMEOUT_SECONDS = 2.0


def routes(service) -> list[Route]:
    settings = service.settings
    # Migrations are not undone under a running server: once current, they stay current.
    migrated = False

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        nonlocal migrated
        checks = {}
        try:
            await asyncio.wait_for(db.connection().execute_query("SELECT 1"), READY_TIMEOUT_SECONDS)
            checks["database"] = "ok"
            if not migrated:
                missing = await pending(settings)
                migrated = not missing
            checks["migrations"] = "ok" if migrated else f"not applied: {', '.join(missing)}"
        except Exception as error:  # noqa: BLE001 - whatever it is, the answer is "not ready"
            checks["database"] = f"unreachable: {type(error).__name__}: {error}"
        checks["schema"] = "ok" if service.loaded else "not loaded"
        ready = all(value == "ok" for value in checks.values())
        return JSONResponse({"status": "ready" if ready else "not ready", "schemaVersion": service.current.version,
                             "checks": checks}, status_code=200 if ready else 503)

    async def scrape(request: Request) -> Response:
        if settings.metrics_port:
            raise NotFoundError("metrics are served on their own port (CRM_METRICS_PORT)")
        if settings.metrics_token and not _bearer_matches(request, settings.metrics_token):
            raise UnauthenticatedError("send the metrics token (CRM_METRICS_TOKEN) as `Authorization: Bearer <token>`")
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    return [Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", scrape)]


def _bearer_matches(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())
