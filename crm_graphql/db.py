"""Tortoise configuration and the database connection used for raw SQL."""

from __future__ import annotations

from pathlib import Path

from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url

from .config import Settings

MODEL_MODULES = ["crm_graphql.models", "aerich.models"]
MIGRATIONS_ROOT = Path(__file__).resolve().parent.parent / "migrations"

# Set on every pooled PostgreSQL connection when it opens. JIT is off on purpose: a
# compiled read's nested subqueries are estimated far above `jit_above_cost` although
# they read one page, so PostgreSQL would JIT-compile every execution (about 100 ms)
# for a statement that runs in a few milliseconds. No statement of ours scans enough
# rows to win that time back (the export's COPY included).
SESSION_SETTINGS = {"jit": "off"}


def dialect_of(url: str) -> str:
    """`sqlite` or `postgres`, from a Tortoise database URL."""
    scheme = url.split(":", 1)[0]
    if scheme == "sqlite":
        return "sqlite"
    if scheme in {"postgres", "asyncpg", "psycopg"}:
        return "postgres"
    raise ValueError(f"unsupported database URL scheme {scheme!r}; use sqlite:// or postgres://")


def tortoise_config(settings: Settings) -> dict:
    connection = expand_db_url(settings.database_url)
    if dialect_of(settings.database_url) == "postgres":
        connection["credentials"].setdefault("minsize", settings.db_pool_min)
        connection["credentials"].setdefault("maxsize", settings.db_pool_max)
        connection["credentials"]["reset"] = _keep_session
        connection["credentials"]["server_settings"] = {
            **connection["credentials"].get("server_settings", {}), **SESSION_SETTINGS}
    else:
        # Transactions take the write lock up front and wait for it (see sqlite_engine.py).
        connection["engine"] = "crm_graphql.sqlite_engine"
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def _keep_session(connection) -> None:
    """Returns a connection to the pool as it is. asyncpg's default reset sends `RESET ALL;
    UNLISTEN *; CLOSE ALL; ...` on every release, a round trip per statement we run; the app
    changes no session state (listeners use a connection of their own), and asyncpg still
    rolls back a transaction left open."""


def migrations_location(settings: Settings) -> str:
    """Each dialect keeps its own aerich history: aerich writes dialect-specific SQL."""
    return str(MIGRATIONS_ROOT / dialect_of(settings.database_url))


def connection() -> BaseDBAsyncClient:
    return connections.get("default")


async def init(settings: Settings) -> None:
    await Tortoise.init(config=tortoise_config(settings))


async def close() -> None:
    await Tortoise.close_connections()


# Read by the `aerich` command line (see [tool.aerich] in pyproject.toml) when a
# developer writes a new migration; the API itself never uses it.
AERICH_CONFIG = tortoise_config(Settings.from_env())
