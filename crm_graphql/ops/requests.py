"""The facts of the request being served, in a context variable: its id, route, GraphQL
operation, outcome, read path and SQL statement count. The middleware sets them up;
the GraphQL layer and the statement counter fill them in; logs, metrics and the audit
log read them. Tasks a request starts (DataLoader batches, an export's stream) share
the same object."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from dataclasses import dataclass

# A client's own id is kept when it looks like one (a load balancer's, a trace id);
# anything else is replaced, so logs and the audit log hold no client-chosen junk.
CLIENT_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass
class RequestFacts:
    id: str
    route: str
    operation: str = ""
    # `OK` or the first error's `extensions.code`; set from the status when nobody says.
    code: str = ""
    read_path: str = ""
    statements: int = 0
    # The database its last read went to: `primary` or a replica's name ("" if it read nothing).
    database: str = ""


_current: contextvars.ContextVar[RequestFacts | None] = contextvars.ContextVar("crm_request", default=None)


def start(client_id: str | None, route: str) -> contextvars.Token:
    request_id = client_id if client_id and CLIENT_ID.match(client_id) else uuid.uuid4().hex
    return _current.set(RequestFacts(request_id, route))


def finish(token: contextvars.Token) -> None:
    _current.reset(token)


def current() -> RequestFacts | None:
    return _current.get()


def current_id() -> str | None:
    facts = _current.get()
    return facts.id if facts else None


class _StatementCounter(logging.Handler):
    """Tortoise logs every statement it sends at DEBUG on `tortoise.db_client`: count them."""

    def emit(self, record: logging.LogRecord) -> None:
        facts = _current.get()
        if facts is not None:
            facts.statements += 1


def count_statements() -> None:
    """Count SQL statements per request (once per process). The records are created but
    never formatted, and they stop at this logger: at DEBUG they would otherwise reach
    every handler above it (a test runner's capture keeps them all)."""
    logger = logging.getLogger("tortoise.db_client")
    if not any(isinstance(h, _StatementCounter) for h in logger.handlers):
        logger.addHandler(_StatementCounter(logging.DEBUG))
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
