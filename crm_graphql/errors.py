"""Errors the API reports to clients, each with a stable `extensions.code` and the HTTP
status it gets when it ends a request outside a GraphQL response (see `edge.py`).

Every code a client can meet is a class here; README's table of error codes lists the
same codes (a test checks both directions).
"""

from __future__ import annotations


class ApiError(Exception):
    """An expected error: its message and code reach the client even when errors are masked.
    `status` is None for errors only ever reported inside a GraphQL response."""

    code = "INTERNAL"
    status: int | None = 500

    def __init__(self, message: str, *, field: str | None = None, **details) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = {"code": self.code}
        if field is not None:
            self.extensions["field"] = field
        self.extensions.update(details)


class InternalError(ApiError):
    """Anything unexpected: the message is "Unexpected error." outside development mode."""


class BadRequestError(ApiError):
    """The HTTP request itself is malformed: a body that is not JSON or not an object, an
    unsupported content type, no query."""

    code = "BAD_REQUEST"
    status = 400


class MethodNotAllowedError(ApiError):
    code = "METHOD_NOT_ALLOWED"
    status = 405


class ValidationError(ApiError):
    code = "VALIDATION"
    status = 400


class GraphQLParseError(ApiError):
    code = "GRAPHQL_PARSE_FAILED"
    status = 400


class GraphQLValidationError(ApiError):
    """The document does not fit the schema, or a variable does not fit its type."""

    code = "GRAPHQL_VALIDATION_FAILED"
    status = 400


class UnauthenticatedError(ApiError):
    code = "UNAUTHENTICATED"
    status = 401


class ForbiddenError(ApiError):
    code = "FORBIDDEN"
    status = 403


class NotFoundError(ApiError):
    code = "NOT_FOUND"
    status = 404


class ConflictError(ApiError):
    code = "CONFLICT"
    status = 409


class LimitError(ApiError):
    code = "LIMIT_EXCEEDED"
    status = 413


class UnsupportedMediaTypeError(ApiError):
    """A file whose content type is not among the accepted ones."""

    code = "UNSUPPORTED_MEDIA_TYPE"
    status = 415


class InvalidStoredValueError(ApiError):
    """A stored value its field can no longer give (an option removed from a plugin)."""

    code = "INVALID_STORED_VALUE"
    status = None


class PersistedQueryNotFound(ApiError):
    code = "PERSISTED_QUERY_NOT_FOUND"
    status = None


class PersistedQueryNotAllowed(ApiError):
    code = "PERSISTED_QUERY_NOT_ALLOWED"
    status = None


class PersistedQueryNotSupported(ApiError):
    code = "PERSISTED_QUERY_NOT_SUPPORTED"
    status = None


class SequenceExpiredError(ApiError):
    """A subscription's `after` is older than the change feed keeps (see live/stream.py)."""

    code = "SEQUENCE_EXPIRED"
    status = None


class SubscriberTooSlowError(ApiError):
    """A subscription fell `CRM_LIVE_QUEUE_LIMIT` messages behind (its client stopped reading):
    it ends, naming the last sequence sent, to resume from with `after` (graphql/live/shared.py)."""

    code = "SUBSCRIBER_TOO_SLOW"
    status = None


def _all(cls: type[ApiError]) -> list[type[ApiError]]:
    return [cls] + [sub for direct in cls.__subclasses__() for sub in _all(direct)]


def codes() -> set[str]:
    """Every code a client can meet."""
    return {cls.code for cls in _all(ApiError)}
