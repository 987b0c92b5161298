"""The schema's SDL as served, with the bundled plugins: what `schema.graphql` holds."""

from __future__ import annotations

from .config import Settings
from .service import Service


def schema_sdl(settings: Settings) -> str:
    """The SDL of the core schema with the plugins of the plugins folder and packages."""
    return Service(settings).current.schema.as_str() + "\n"
