"""The runnable core: every entity, error code, page, route and CLI verb.

Tests here use `api` like every other test, but against the app with no plugins: the
API exactly as `crm_graphql/catalog/core.py` defines it (the bundled plugins rename
`Delivery` to `Project`, for one). Plugins have tests of their own.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

import asyncpg
import httpx
import pytest

from crm_graphql.app import create_app
from crm_graphql.auth.tokens import create_token
from crm_graphql.models import Role, User

from ..conftest import DATABASE, POSTGRES_ADMIN_URL, Api, _asyncpg_dsn, _empty_tables, _postgres_url


@pytest.fixture(scope="session")
async def core_app(app, settings, tmp_path_factory):
    """The app with an empty plugin folder. It shares the database and Tortoise with
    `app`, whose lifespan started them; its own lifespan is not run, so it never reloads
    its schema (plugins that other tests store in the database do not reach it)."""
    no_plugins = tmp_path_factory.mktemp("no-plugins")
    return create_app(replace(settings, plugins_dir=str(no_plugins)))


@pytest.fixture
async def api(core_app, settings):
    """The core API over HTTP, with empty tables and an admin's token (admin@example.com)."""
    await _empty_tables(settings)
    admin = await User.create(email="admin@example.com", role=Role.ADMIN, name="Admin")
    token = await create_token(admin)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=core_app), base_url="http://test") as client:
        yield Api(client, token)


@pytest.fixture
async def blank_database_url(tmp_path):
    """A database of its own, empty and not migrated, dropped afterwards: SQLite or
    PostgreSQL as `CRM_TEST_DATABASE` says."""
    if DATABASE == "sqlite":
        yield f"sqlite://{tmp_path}/cli.sqlite3"
        return
    name = f"crm_cli_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(_asyncpg_dsn(POSTGRES_ADMIN_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield _postgres_url(name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
