"""Apply (and, for developers, write) aerich migrations for the configured database."""

from __future__ import annotations

from aerich import Command

from . import db
from .config import Settings


def _command(settings: Settings) -> Command:
    return Command(
        tortoise_config=db.tortoise_config(settings),
        app="models",
        location=db.migrations_location(settings),
    )


async def upgrade(settings: Settings) -> list[str]:
    """Apply every migration the database has not seen yet; returns their file names."""
    command = _command(settings)
    await command.init()
    try:
        return await command.upgrade(run_in_transaction=True)
    finally:
        await command.aclose()


async def make_migration(settings: Settings, name: str) -> str | None:
    """Write a migration from the model changes (run once per dialect); for developers."""
    command = _command(settings)
    location = db.migrations_location(settings)
    from pathlib import Path

    if not any((Path(location) / "models").glob("*.py")):
        await command.init_db(safe=True)
        await command.aclose()
        return "initial"
    await command.init()
    try:
        return await command.migrate(name, no_input=True)
    finally:
        await command.aclose()


async def pending(settings: Settings) -> list[str]:
    """The migration files the database has not applied (for /readyz)."""
    from pathlib import Path

    files = {path.name for path in (Path(db.migrations_location(settings)) / "models").glob("*.py")}
    _, rows = await db.connection().execute_query("SELECT version FROM aerich WHERE app = 'models'")
    return sorted(files - {row[0] for row in rows})
