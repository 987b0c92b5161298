"""The HTTP edge: the one layer between the network and the routes.

For every HTTP request it

- reads the body within its byte limit, counting the bytes actually received (a
  `Content-Length` above the limit is refused before reading; a chunked body is cut off
  at the limit): `CRM_MAX_BODY_BYTES`, or for an upload `CRM_ATTACHMENT_MAX_BYTES` plus
  room for the form's boundaries;
- authenticates once and puts the actor on the request (`request.state.actor`), except
  for the public routes (`/healthz`, `/readyz`, `/metrics`, the GraphiQL page);
- checks every URL query parameter (no NUL, at most `MAX_PARAMETER_LENGTH` characters);
- turns every error a route raises before its response starts into one JSON shape,
  `{"errors": [{"message", "extensions": {"code", ...}}]}`, with the status of its class
  in `errors.py`; anything unexpected is logged and answered `INTERNAL` (500) without
  details. An error after the response started is logged and the connection is closed
  without ending the body, which every HTTP client reports as an incomplete response.

Routes stay thin: they read `request.state.actor` and raise `ApiError`s.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl

import orjson
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import values
from .auth.tokens import authenticate
from .errors import ApiError, BadRequestError, InternalError, LimitError, MethodNotAllowedError, NotFoundError
from .graphql.persisted import names_a_document
from .ops import requests

log = logging.getLogger(__name__)

# Probes and the metrics scrape (which has its own token, see ops/routes.py) need no API token.
PUBLIC_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
UPLOAD_PATH = "/attachments"
# Room in a multipart body for its boundaries and part headers, beside the file itself.
FORM_OVERHEAD = 64 * 1024
MAX_PARAMETER_LENGTH = values.MAX_TEXT_LENGTH


def error_response(error: ApiError, *, development: bool = False) -> Response:
    """The one answer to an error that ends a request before a GraphQL response; its code
    is the request's outcome for the log line and metrics (`ops/middleware.py`)."""
    facts = requests.current()
    if facts is not None:
        facts.code = error.code
    message = error.message if development or not isinstance(error, InternalError) else "Unexpected error."
    body = {"errors": [{"message": message, "extensions": error.extensions}]}
    status = error.status or 400
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=headers)


def http_error(status: int, detail: str) -> ApiError:
    """Starlette's and Strawberry's own HTTP errors (unknown route, wrong method, a body
    that is not JSON) as API errors."""
    if status == 404:
        return NotFoundError("no such route: see the README for the routes of this API")
    if status == 405:
        return MethodNotAllowedError(f"this route does not take that method: {detail}")
    return BadRequestError(detail)


async def starlette_http_error(request: Request, error: HTTPException) -> Response:
    raise http_error(error.status_code, error.detail)


class Edge:
    """ASGI middleware around the whole application (see the module docstring)."""

    def __init__(self, app: ASGIApp, service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        settings = self.service.settings
        try:
            request = Request(scope, receive)
            _check_parameters(scope)
            limit, too_large = self._body_limit(request)
            length = request.headers.get("content-length", "")
            if length.isdigit() and int(length) > limit:
                raise too_large
            if not self._public(request):
                scope.setdefault("state", {})["actor"] = await authenticate(
                    request.headers.get("authorization"), self.service.current.policy)
            await self.app(scope, _at_most(receive, limit, too_large), watched)
        except ClientDisconnect:
            return  # the client left before its request was read: nobody to answer
        except ApiError as error:
            if started:
                log.error("%s after the response started: %s", error.code, error.message)
                raise
            await error_response(error, development=settings.development)(scope, receive, send)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await error_response(InternalError("Unexpected error."))(scope, receive, send)

    def _body_limit(self, request: Request) -> tuple[int, LimitError]:
        settings = self.service.settings
        if request.url.path == UPLOAD_PATH:
            maximum = settings.attachment_max_bytes
            return maximum + FORM_OVERHEAD, LimitError(
                f"the file is larger than the limit of {maximum} bytes", field="file", maximum=maximum)
        maximum = settings.max_body_bytes
        return maximum, LimitError(f"the request body is larger than the limit of {maximum} bytes",
                                   maximum=maximum)

    def _public(self, request: Request) -> bool:
        """Routes without a token: health, and the GraphiQL page a browser opens."""
        return request.url.path in PUBLIC_PATHS or (
            request.url.path == "/graphql" and self.service.settings.graphiql and is_ide_request(request))


def is_ide_request(request: Request) -> bool:
    """A browser opening /graphql: GET, asking for HTML, naming no document."""
    return (request.method == "GET" and not names_a_document(request.query_params)
            and "text/html" in request.headers.get("accept", ""))


def _check_parameters(scope: Scope) -> None:
    query = scope.get("query_string", b"")
    if not query:
        return
    try:
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadRequestError("the URL's query string is not UTF-8") from None
    for name, value in pairs:
        values.text(name, "query string", max_length=MAX_PARAMETER_LENGTH)
        values.text(value, name, max_length=MAX_PARAMETER_LENGTH)


def _at_most(receive: Receive, limit: int, too_large: LimitError) -> Receive:
    """`receive`, raising `too_large` once more than `limit` body bytes arrived."""
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise too_large
        return message

    return counted
