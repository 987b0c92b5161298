"""The running API: its catalog, schema, reader and GraphQL view, rebuilt from the plugin
definitions and swapped as one. A request keeps the build it started with."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import strawberry
from tortoise.expressions import F

from . import db
from .auth import tokens
from .auth.policy import Policy, load_policy
from .catalog import Catalog
from .config import Settings
from .db import dialect_of
from .feed import FeedListener
from .graphql.schema import build_schema
from .graphql.view import GraphQLView
from .graphql.live.shared import SharedStreams
from .live import Hub
from .models import SchemaState
from .ops.metrics import SCHEMA_VERSION
from .plugins import loaders
from .plugins.registry import PluginRegistry
from .query.expressions import index_sql
from .query.reader import Reader
from .replicas import Replicas

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Build:
    version: int
    policy: Policy
    catalog: Catalog
    schema: strawberry.Schema
    reader: Reader
    view: GraphQLView


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dialect = dialect_of(settings.database_url)
        self.registry = PluginRegistry(settings)
        documents, self.problems = self.registry.static_documents()
        documents, skipped = self.registry.usable(documents)
        self.problems += skipped.values()
        self.current: Build = self.build(self.registry.catalog(documents), version=0, policy=Policy())
        self.fingerprint = self.registry.folder_fingerprint()
        # True once the stored plugins and rules are served (see /readyz).
        self.loaded = False
        names = list(db.replica_connections(settings))
        self.replicas = Replicas(names, settings.replica_max_lag_seconds, settings.replica_poll_seconds,
                                 db.replica) if names else None
        # Wakes this process's readers of the change feed (subscriptions, webhook delivery).
        self.feed = FeedListener(db.asyncpg_dsn(settings.database_url) if self.dialect == "postgres" else None,
                                 settings.feed_poll_seconds)
        self.feed.watch(tokens.AUTH_CHANNEL, tokens.recent.forget_all, tokens.recent.set_listening)
        # The process's one reader of the feed for subscriptions (see live/hub.py).
        self.live = Hub(self)
        self.live_streams = SharedStreams(settings.live_queue_limit)
        self._lock = asyncio.Lock()

    def build(self, catalog: Catalog, version: int, policy: Policy | None = None) -> Build:
        """A complete build; raises if the catalog does not make a valid schema."""
        policy = policy or self.current.policy
        schema = build_schema(catalog, self.settings, self.registry, policy)
        reader = Reader(catalog, self.dialect)
        return Build(version, policy, catalog, schema, reader, GraphQLView(schema, self, reader))

    async def catalog_from_sources(self, extra: list | None = None, *, without: str | None = None) -> Catalog:
        """The catalog of the plugin files and stored definitions (plus `extra`, minus `without`)."""
        static, problems = self.registry.static_documents()
        stored = [d for d in await loaders.database_documents() if d.name != without]
        # A file that does not fit is skipped; a definition being registered (`extra`) must fit.
        sources, skipped = self.registry.usable([d for d in static if d.name != without] + stored)
        self.problems = problems + list(skipped.values())
        for problem in self.problems:
            log.error("plugin skipped: %s", problem)
        return self.registry.catalog(sources + (extra or []))

    async def reload(self) -> Build:
        """Rebuild from the plugin sources and swap; on failure the running build stays."""
        async with self._lock:
            version = await schema_version()
            self.fingerprint = self.registry.folder_fingerprint()
            catalog = await self.catalog_from_sources()
            build = self.build(catalog, version, await load_policy(catalog))
            await ensure_indexes(build.catalog, self.dialect)
            self.current = build
            self.loaded = True
            SCHEMA_VERSION.set(version)
            log.info("serving schema version %s", version)
            return build

    async def bump_version(self, conn) -> None:
        """Within the caller's transaction: tell every process (this one too) to rebuild."""
        await bump_schema_version(conn, self.dialect)

    async def is_stale(self) -> bool:
        return (await schema_version() != self.current.version
                or self.registry.folder_fingerprint() != self.fingerprint)


async def schema_version() -> int:
    state = await SchemaState.get_or_none(id=1)
    return state.version if state else 0


async def bump_schema_version(conn, dialect: str) -> None:
    """Tell every API process to rebuild (they poll the version; PostgreSQL also notifies)."""
    updated = await SchemaState.filter(id=1).using_db(conn).update(version=F("version") + 1)
    if not updated:
        await SchemaState.create(id=1, version=1, using_db=conn)
    if dialect == "postgres":
        await conn.execute_script("NOTIFY crm_schema")


async def ensure_indexes(catalog: Catalog, dialect: str) -> None:
    """Expression indexes for `indexed` plugin fields (idempotent)."""
    for entity in catalog:
        for field in entity.fields:
            if field.is_custom and field.indexed:
                await db.connection().execute_script(index_sql(entity.table, field, dialect))
