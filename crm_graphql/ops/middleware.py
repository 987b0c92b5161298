"""`Observed`: the ASGI middleware that gives every HTTP request an id (the client's
`X-Request-Id` if it looks like one, else a new one; returned in the same header),
then counts it, times it and logs it as one line when its last byte is sent."""

from __future__ import annotations

import logging
import time

from . import metrics, requests

log = logging.getLogger("crm_graphql.access")
HEADER = "x-request-id"
# Routes by their first path segment: a fixed set of labels whatever clients ask for.
ROUTES = {"graphql", "export", "attachments", "schema.graphql", "healthz", "readyz", "metrics"}
# Routes load balancers and Prometheus poll: logged at DEBUG, so they do not drown the rest.
PROBES = {"/healthz", "/readyz", "/metrics"}


def route_of(path: str) -> str:
    first = path.strip("/").split("/", 1)[0]
    return f"/{first}" if first in ROUTES else "other"


def code_of(status: int) -> str:
    """The outcome of a request nothing said the code of (the GraphQL view and the edge's
    error answers say it, see `graphql/view.py` and `edge.error_response`)."""
    if status < 400:
        return "OK"
    if status >= 500:
        return "INTERNAL"
    return f"HTTP_{status}"


class Observed:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client_id = next((value.decode("latin-1") for name, value in scope.get("headers", ())
                          if name == HEADER.encode()), None)
        token = requests.start(client_id, route_of(scope["path"]))
        facts = requests.current()
        started = time.perf_counter()
        status = 500  # unless a response starts: an exception escaped every handler

        async def send_with_id(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), (HEADER.encode(), facts.id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _record(facts, scope, status, time.perf_counter() - started)
            requests.finish(token)


def _record(facts: requests.RequestFacts, scope, status: int, seconds: float) -> None:
    code = facts.code or code_of(status)
    operation = metrics.operation_label(facts.operation) if facts.route == "/graphql" else ""
    metrics.REQUESTS.labels(facts.route, operation, code, str(status)).inc()
    metrics.LATENCY.labels(facts.route, operation).observe(seconds)
    metrics.STATEMENTS.labels(facts.route).observe(facts.statements)
    if facts.database:
        metrics.READ_FROM.labels(facts.database).inc()
    metrics.observe_pools()
    fields = {"method": scope["method"], "path": scope["path"], "route": facts.route, "status": status,
              "code": code, "duration_ms": round(seconds * 1000, 2), "sql_statements": facts.statements}
    if facts.operation:
        fields["operation"] = facts.operation
    if facts.read_path:
        fields["read_path"] = facts.read_path
    if facts.database:
        fields["database"] = facts.database
    level = logging.DEBUG if scope["path"] in PROBES else logging.INFO
    log.log(level, "%s %s %s %s", scope["method"], scope["path"], status, code, extra={"fields": fields})
