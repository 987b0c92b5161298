"""Settings read from the environment, in one frozen object."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _positive(name: str, default: int) -> int:
    value = _int(name, default)
    if value < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {value}")
    return value


def _list(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = os.environ.get(name)
    return tuple(item.strip() for item in value.split(",") if item.strip()) if value else default


def _choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


PERSISTED_DOCUMENT_MODES = ("apq", "trusted", "off")
LOG_FORMATS = ("auto", "json", "text")
ATTACHMENT_STORES = ("database", "disk")

# Documents, pictures, spreadsheets and mails; nothing a browser would run (no HTML, no SVG).
ATTACHMENT_TYPES = (
    "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain", "text/csv",
    "message/rfc822", "application/zip", "application/msword", "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.*",
    "application/vnd.oasis.opendocument.*",
)


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite://crm.sqlite3"
    # Development mode shows error details and enables GraphiQL by default.
    development: bool = False
    graphiql: bool = True
    db_pool_min: int = 1
    db_pool_max: int = 10
    max_page_size: int = 100
    default_page_size: int = 20
    max_query_depth: int = 12
    max_aliases: int = 30
    # Tokens of a GraphQL document, and bytes of a request body.
    max_tokens: int = 10_000
    max_body_bytes: int = 200_000
    # Fields times the page sizes above them, estimated before execution.
    max_cost: int = 50_000
    # Introspection is on in development; elsewhere unless CRM_INTROSPECTION=0.
    introspection: bool = True
    document_cache_size: int = 1024
    # Answer queries whose every field has an SQL form with one statement (see docs/ARCHITECTURE.md).
    compiled_reads: bool = True
    # Strict reads raise a planner or compiler error instead of resolving the read (see
    # `graphql/compiled.py`); on in development mode and in the test suite.
    strict_reads: bool = False
    # Persisted documents: `apq` runs any document and stores those clients register by hash
    # (automatic persisted queries); `trusted` runs only documents registered in advance with
    # `crm-graphql documents register` (admins and development mode may still send any);
    # `off` ignores document ids.
    persisted_documents: str = "apq"
    plugins_dir: str = "plugins"
    # How often each process checks the stored schema version (PostgreSQL also notifies).
    schema_poll_seconds: float = 1.0
    # Files attached to records: the folder they are kept in (shared by all API processes),
    # their largest size, and the content types accepted (`*` at the end matches any ending).
    attachments_dir: str = "attachments"
    # Where new files go: `database` (the default on PostgreSQL) or `disk` (on SQLite).
    attachment_store: str | None = None
    attachment_max_bytes: int = 10 * 1024 * 1024
    attachment_types: tuple[str, ...] = ATTACHMENT_TYPES
    # Read replicas (PostgreSQL streaming replicas of `database_url`): reads of queries and
    # exports go to one that lags at most `replica_max_lag_seconds` (see replicas.py).
    replica_urls: tuple[str, ...] = ()
    replica_max_lag_seconds: float = 5.0
    replica_poll_seconds: float = 1.0
    # /metrics: with a token, scrapes must send it as a bearer token; with a port,
    # `crm-graphql serve` serves the metrics there (for every worker) and not on the API port.
    metrics_token: str | None = None
    metrics_port: int | None = None
    # Logs: `json` lines, `text`, or `auto` (text on a terminal, JSON elsewhere).
    log_format: str = "auto"
    # The change feed: how often its readers look for changes when no notification came,
    # and how long changes are kept (how far back a subscription or webhook can resume).
    feed_poll_seconds: float = 1.0
    feed_retention_days: float = 7.0
    # Webhook delivery: a request's timeout, the attempts at one change before its endpoint
    # is disabled, the first retry's delay (doubled per attempt, capped), and how long a
    # rotated secret still signs beside the new one.
    # Whether this process delivers webhooks (CRM_WEBHOOK_DELIVERY=0: it serves only).
    webhook_delivery: bool = True
    webhook_timeout_seconds: float = 10.0
    webhook_max_attempts: int = 8
    webhook_backoff_seconds: float = 5.0
    webhook_backoff_max_seconds: float = 3600.0
    webhook_rotation_grace_hours: float = 24.0
    # Whether webhooks may go to loopback, private and link-local addresses (development
    # mode allows them too): see webhooks/targets.py.
    webhook_private_networks: bool = False
    # `CRM_CHANGE_FEED=off` writes no changes: for measuring the outbox's cost only
    # (bench/live.py); subscriptions and webhooks then hear nothing.
    change_feed: bool = True
    # How often an open WebSocket connection's token is checked again (graphql/live/).
    live_token_check_seconds: float = 30.0
    # How far one subscriber may fall behind (graphql/live/shared.py, live/hub.py): the
    # messages waiting to be sent to one subscription, and the changes waiting for one
    # stream. A subscription past it ends with SUBSCRIBER_TOO_SLOW (it resumes with `after`).
    live_queue_limit: int = 1000

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        development = _flag("CRM_DEVELOPMENT", False)
        values = dict(
            database_url=os.environ.get("DATABASE_URL", cls.database_url),
            development=development,
            graphiql=_flag("CRM_GRAPHIQL", True),
            db_pool_min=_int("CRM_DB_POOL_MIN", cls.db_pool_min),
            db_pool_max=_int("CRM_DB_POOL_MAX", cls.db_pool_max),
            max_page_size=_int("CRM_MAX_PAGE_SIZE", cls.max_page_size),
            default_page_size=_int("CRM_DEFAULT_PAGE_SIZE", cls.default_page_size),
            max_query_depth=_int("CRM_MAX_QUERY_DEPTH", cls.max_query_depth),
            max_aliases=_int("CRM_MAX_ALIASES", cls.max_aliases),
            max_tokens=_int("CRM_MAX_TOKENS", cls.max_tokens),
            max_body_bytes=_int("CRM_MAX_BODY_BYTES", cls.max_body_bytes),
            max_cost=_int("CRM_MAX_COST", cls.max_cost),
            introspection=_flag("CRM_INTROSPECTION", True),
            compiled_reads=_flag("CRM_COMPILED_READS", True),
            strict_reads=_flag("CRM_STRICT_READS", development),
            persisted_documents=_choice("CRM_PERSISTED_DOCUMENTS", cls.persisted_documents, PERSISTED_DOCUMENT_MODES),
            plugins_dir=os.environ.get("CRM_PLUGINS_DIR", cls.plugins_dir),
            schema_poll_seconds=float(os.environ.get("CRM_SCHEMA_POLL_SECONDS", cls.schema_poll_seconds)),
            attachments_dir=os.environ.get("CRM_ATTACHMENTS_DIR", cls.attachments_dir),
            attachment_store=_choice("CRM_ATTACHMENT_STORE", "", ("", *ATTACHMENT_STORES)) or None,
            attachment_max_bytes=_int("CRM_ATTACHMENT_MAX_BYTES", cls.attachment_max_bytes),
            attachment_types=_list("CRM_ATTACHMENT_TYPES", cls.attachment_types),
            replica_urls=_list("DATABASE_REPLICA_URLS", cls.replica_urls),
            replica_max_lag_seconds=float(os.environ.get("CRM_REPLICA_MAX_LAG_SECONDS", cls.replica_max_lag_seconds)),
            replica_poll_seconds=float(os.environ.get("CRM_REPLICA_POLL_SECONDS", cls.replica_poll_seconds)),
            metrics_token=os.environ.get("CRM_METRICS_TOKEN") or None,
            metrics_port=_int("CRM_METRICS_PORT", 0) or None,
            log_format=_choice("CRM_LOG_FORMAT", cls.log_format, LOG_FORMATS),
            feed_poll_seconds=float(os.environ.get("CRM_FEED_POLL_SECONDS", cls.feed_poll_seconds)),
            feed_retention_days=float(os.environ.get("CRM_FEED_RETENTION_DAYS", cls.feed_retention_days)),
            webhook_delivery=_flag("CRM_WEBHOOK_DELIVERY", cls.webhook_delivery),
            webhook_timeout_seconds=float(os.environ.get("CRM_WEBHOOK_TIMEOUT_SECONDS", cls.webhook_timeout_seconds)),
            webhook_max_attempts=_int("CRM_WEBHOOK_MAX_ATTEMPTS", cls.webhook_max_attempts),
            webhook_backoff_seconds=float(os.environ.get("CRM_WEBHOOK_BACKOFF_SECONDS", cls.webhook_backoff_seconds)),
            webhook_backoff_max_seconds=float(os.environ.get("CRM_WEBHOOK_BACKOFF_MAX_SECONDS",
                                                             cls.webhook_backoff_max_seconds)),
            webhook_rotation_grace_hours=float(os.environ.get("CRM_WEBHOOK_ROTATION_GRACE_HOURS",
                                                              cls.webhook_rotation_grace_hours)),
            webhook_private_networks=_flag("CRM_WEBHOOK_PRIVATE_NETWORKS", cls.webhook_private_networks),
            change_feed=_flag("CRM_CHANGE_FEED", True),
            live_token_check_seconds=float(os.environ.get("CRM_LIVE_TOKEN_CHECK_SECONDS",
                                                          cls.live_token_check_seconds)),
            live_queue_limit=_positive("CRM_LIVE_QUEUE_LIMIT", cls.live_queue_limit),
        )
        values.update(overrides)
        return cls(**values)
