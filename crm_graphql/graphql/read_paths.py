"""How this process answered its reads: a count per path and cause, for `/metrics` and
for the test suite, which lists the documents that were resolved and why.

A cause is one of `CAUSES`; the planner's reason (the text `explain` shows) says more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..ops.metrics import READ_PATH

# Compiled, or resolved because: a root field is resolved by design (aggregates, timeline,
# metadata); a field below the root has no SQL form; the resolved path reports an error;
# the request's variables do not fit the document (refused with their errors); the request
# asked for it (`readPath: resolved`); the database refused the statement (SQLite's parser
# stack, a known limit); the data holds a value its field cannot give; the planner failed
# (a bug: strict mode raises it instead); or it is a mutation or subscription, not a read.
CAUSES = ("compiled", "resolved_field", "no_sql_form", "reported_error", "invalid_variables", "asked",
          "database_refused", "invalid_stored_value", "planner_failed", "mutation", "subscription")
# The reads the compiled path is meant to answer: the compiled share is of these (the others
# are refused with errors, resolved by design, asked for, or not reads).
MEANT_TO_COMPILE = ("compiled", "no_sql_form", "database_refused", "invalid_stored_value", "planner_failed")

_observers: list[Callable[[str, Any], None]] = []


def record(query: str, plan: Any) -> None:
    """Counts one operation answered as `plan` (a `compiled.Plan`) says, in `/metrics`, and
    tells the observers."""
    READ_PATH.labels(plan.path, plan.cause).inc()
    for observer in _observers:
        observer(query, plan)


def observe(observer: Callable[[str, Any], None]) -> Callable[[], None]:
    """Calls `observer(query, plan)` for every read from now on; returns what stops it."""
    _observers.append(observer)
    return lambda: _observers.remove(observer)
