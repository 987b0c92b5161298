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
    document_cache_size: int = 1024
    plugins_dir: str = "plugins"
    # How often each process checks the stored schema version (PostgreSQL also notifies).
    schema_poll_seconds: float = 1.0

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
            plugins_dir=os.environ.get("CRM_PLUGINS_DIR", cls.plugins_dir),
            schema_poll_seconds=float(os.environ.get("CRM_SCHEMA_POLL_SECONDS", cls.schema_poll_seconds)),
        )
        values.update(overrides)
        return cls(**values)
