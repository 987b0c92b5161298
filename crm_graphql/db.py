"""Tortoise configuration and the database connection used for raw SQL."""

from __future__ import annotations

import contextlib
import importlib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url

from . import replicas
from .config import Settings
from .ops import requests

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


def asyncpg_dsn(url: str) -> str:
    """asyncpg's DSN from Tortoise's URL (without Tortoise-only query parameters), for the
    connections that LISTEN."""
    parts = urlsplit(url)
    return urlunsplit(("postgresql", parts.netloc, parts.path, "", ""))


def tortoise_config(settings: Settings) -> dict:
    return {
        "connections": {"default": _connection(settings, settings.database_url)},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def _connection(settings: Settings, url: str) -> dict:
    connection = expand_db_url(url)
    if dialect_of(url) == "postgres":
        connection["credentials"].setdefault("minsize", settings.db_pool_min)
        connection["credentials"].setdefault("maxsize", settings.db_pool_max)
        connection["credentials"]["reset"] = _keep_session
        connection["credentials"]["server_settings"] = {
            **connection["credentials"].get("server_settings", {}), **SESSION_SETTINGS}
    else:
        # Transactions take the write lock up front and wait for it (see sqlite_engine.py).
        connection["engine"] = "crm_graphql.sqlite_engine"
    return connection


def replica_connections(settings: Settings) -> dict[str, str]:
    """Name -> URL of each read replica (`DATABASE_REPLICA_URLS`)."""
    return {f"replica{i}": url for i, url in enumerate(settings.replica_urls)}


# Replica clients, outside Tortoise's registry: Tortoise would ask every transaction and
# model query which database to use; they all belong on the primary.
_replicas: dict[str, BaseDBAsyncClient] = {}


def open_replicas(settings: Settings) -> None:
    """Clients for the replicas (their pools open at first use)."""
    for name, url in replica_connections(settings).items():
        config = _connection(settings, url)
        client_class = importlib.import_module(config["engine"]).client_class
        _replicas[name] = client_class(connection_name=name, **config["credentials"])


async def close_replicas() -> None:
    for client in _replicas.values():
        await client.close()
    _replicas.clear()


def replica(name: str) -> BaseDBAsyncClient:
    return _replicas[name]


def pools() -> dict[str, object]:
    """Database name (`primary` or a replica's) -> its client, for metrics."""
    return {"primary": connection(), **_replicas}


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


def read_connection():
    """Where the current request's reads go: a replica chosen for it (see replicas.py),
    falling back to the primary if the replica fails, or the primary."""
    name = replicas.reads_go_to()
    _read_from(name or "primary")
    return connection() if name is None else _ReplicaFirst(name)


def _read_from(database: str) -> None:
    facts = requests.current()
    if facts is not None:
        facts.database = database


class _ReplicaFirst:
    """A replica's client that runs a read again on the primary when the replica fails it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.capabilities = connection().capabilities

    async def execute_query(self, query: str, values: list | None = None):
        return await self._either(lambda client: client.execute_query(query, values))

    async def execute_query_dict(self, query: str, values: list | None = None):
        return await self._either(lambda client: client.execute_query_dict(query, values))

    @contextlib.asynccontextmanager
    async def acquire_connection(self):
        try:
            wrapper = replica(self.name).acquire_connection()
            conn = await wrapper.__aenter__()
        except Exception as error:  # noqa: BLE001 - any failure to connect: the primary serves
            replicas.failed(self.name, error)
            _read_from("primary")
            async with connection().acquire_connection() as conn:
                yield conn
            return
        try:
            yield conn
        except BaseException as error:
            if not await wrapper.__aexit__(type(error), error, error.__traceback__):
                raise
        else:
            await wrapper.__aexit__(None, None, None)

    async def _either(self, run):
        try:
            return await run(replica(self.name))
        except Exception as error:  # noqa: BLE001 - a stopped replica, a query cancelled by recovery
            replicas.failed(self.name, error)
            _read_from("primary")
            return await run(connection())


async def init(settings: Settings) -> None:
    await Tortoise.init(config=tortoise_config(settings))


async def close() -> None:
    await Tortoise.close_connections()


# Read by the `aerich` command line (see [tool.aerich] in pyproject.toml) when a
# developer writes a new migration; the API itself never uses it.
AERICH_CONFIG = tortoise_config(Settings.from_env())
