"""Errors the API reports to clients, each with a stable `extensions.code`."""

from __future__ import annotations


class ApiError(Exception):
    """An expected error: its message and code reach the client even when errors are masked."""

    code = "INTERNAL"

    def __init__(self, message: str, *, field: str | None = None, **details) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = {"code": self.code}
        if field is not None:
            self.extensions["field"] = field
        self.extensions.update(details)


class ValidationError(ApiError):
    code = "VALIDATION"


class NotFoundError(ApiError):
    code = "NOT_FOUND"


class ConflictError(ApiError):
    code = "CONFLICT"


class ForbiddenError(ApiError):
    code = "FORBIDDEN"


class UnauthenticatedError(ApiError):
    code = "UNAUTHENTICATED"


class LimitError(ApiError):
    code = "LIMIT_EXCEEDED"
