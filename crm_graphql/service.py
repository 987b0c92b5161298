"""The running API: its catalog, schema, reader and GraphQL view, swapped as one."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry

from .catalog import Catalog
from .catalog.core import core_catalog
from .config import Settings
from .db import dialect_of
from .graphql.schema import build_schema
from .graphql.view import GraphQLView
from .query.reader import Reader


@dataclass(frozen=True)
class Build:
    """Everything that depends on the catalog; a request keeps the build it started with."""

    catalog: Catalog
    schema: strawberry.Schema
    reader: Reader
    view: GraphQLView


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dialect = dialect_of(settings.database_url)
        self.current: Build = self.build(core_catalog())

    def build(self, catalog: Catalog) -> Build:
        schema = build_schema(catalog, self.settings)
        reader = Reader(catalog, self.dialect)
        return Build(catalog, schema, reader, GraphQLView(schema, self.settings, reader))
