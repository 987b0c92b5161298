"""The schema's SDL as served, with the bundled plugins: what `schema.graphql` holds."""

from __future__ import annotations

from .catalog.core import core_catalog
from .config import Settings
from .graphql.schema import build_schema


def schema_sdl(settings: Settings) -> str:
    return build_schema(core_catalog(), settings).as_str() + "\n"
