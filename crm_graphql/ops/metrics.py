"""The Prometheus metrics of an API process, and their text exposition.

With several worker processes (`crm-graphql serve --workers N` sets
`PROMETHEUS_MULTIPROC_DIR`), each process writes its values to files in that folder
and whichever worker answers a scrape adds them up (prometheus_client's multiprocess
mode); gauges of live state count live processes only. Labels take bounded values
only: routes and codes are fixed sets, operation names are capped (`operation_label`).
"""

from __future__ import annotations

import os
import re

from prometheus_client import (
    CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess,
)
from ..db import pools

REQUESTS = Counter("crm_http_requests", "HTTP requests by route, GraphQL operation name, outcome code and status.",
                   ["route", "operation", "code", "status"])
LATENCY = Histogram("crm_http_request_duration_seconds", "Time from a request's arrival to its last byte sent.",
                    ["route", "operation"],
                    buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300))
STATEMENTS = Histogram("crm_sql_statements_per_request", "SQL statements sent to the database per request.",
                       ["route"], buckets=(0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233))
READ_PATH = Counter("crm_graphql_read_path", "GraphQL operations by the path that answered them "
                    "(compiled: one SQL statement; resolved: field by field) and why.", ["path", "reason"])
READ_FROM = Counter("crm_reads_by_database", "Requests by the database their reads went to (primary or "
                    "a replica; the last one when a failed replica read was run again on the primary).",
                    ["database"])
POOL = Gauge("crm_db_pool_connections", "Database connections of the API processes' pools: in use, idle, "
             "and the most the pools may open.", ["database", "state"], multiprocess_mode="livesum")
SCHEMA_VERSION = Gauge("crm_schema_version", "The schema version each API process serves (see plugins).",
                       multiprocess_mode="liveall")
RELOAD_FAILURES = Counter("crm_schema_reload_failures", "Schema rebuilds that failed (the process kept "
                          "serving its running version).")
EXPORT_ROWS = Counter("crm_export_rows", "Rows written by /export (CSV: line ends written, so a value "
                      "holding a line break counts twice).", ["entity", "format"])
EXPORT_BYTES = Counter("crm_export_bytes", "Bytes written by /export.", ["entity", "format"])

OPERATION = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# Operation names come from clients: a process labels this many and calls the rest `other`.
MAX_OPERATIONS = 200
_operations: set[str] = set()


def operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    if name in _operations:
        return name
    if not OPERATION.match(name) or len(_operations) >= MAX_OPERATIONS:
        return "other"
    _operations.add(name)
    return name


def observe_pools() -> None:
    """The pools of the primary and the replicas, as asyncpg counts them (SQLite has one
    connection, no pool)."""
    try:
        clients = pools()
    except Exception:  # noqa: BLE001 - Tortoise is not set up (yet): nothing to observe
        return
    for database, client in clients.items():
        pool = getattr(client, "_pool", None)
        if pool is None or not hasattr(pool, "get_idle_size"):
            continue
        size, idle = pool.get_size(), pool.get_idle_size()
        POOL.labels(database, "in_use").set(size - idle)
        POOL.labels(database, "idle").set(idle)
        POOL.labels(database, "max").set(pool.get_max_size())


def exposition() -> tuple[bytes, str]:
    """Every process's metrics in Prometheus's text format, and its content type."""
    observe_pools()
    if multiprocess_dir():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def process_exited() -> None:
    """Drop this process's live gauges (pool, schema version) from the sums."""
    if multiprocess_dir():
        multiprocess.mark_process_dead(os.getpid())
