"""The per-request context: the actor, the reader and the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader

from ..auth import Actor
from ..catalog import Collection, Entity
from ..config import Settings
from ..query.pages import PageArgs
from ..query.reader import Page, Reader


@dataclass
class Context:
    actor: Actor
    reader: Reader
    settings: Settings
    service: Any = None
    request: Any = None
    _loaders: dict = field(default_factory=dict)

    def records(self, entity: Entity) -> DataLoader[int, dict | None]:
        """Rows of `entity` by primary key, batched per request."""
        key = ("records", entity.key)
        if key not in self._loaders:
            async def load(pks: list[int]) -> list[dict | None]:
                found = await self.reader.by_pks(entity, self.actor, pks)
                return [found.get(pk) for pk in pks]
            self._loaders[key] = DataLoader(load_fn=load)
        return self._loaders[key]

    def children(self, collection: Collection, args: PageArgs) -> DataLoader[int, Page]:
        """A page of related rows per parent, batched per request and page arguments."""
        key = ("children", id(collection), args)
        if key not in self._loaders:
            async def load(pks: list[int]) -> list[Page]:
                pages = await self.reader.children(collection, self.actor, pks, args)
                return [pages[pk] for pk in pks]
            self._loaders[key] = DataLoader(load_fn=load)
        return self._loaders[key]

    def child_counts(self, collection: Collection) -> DataLoader[int, int]:
        key = ("counts", id(collection))
        if key not in self._loaders:
            async def load(pks: list[int]) -> list[int]:
                counts = await self.reader.count_children(collection, self.actor, pks)
                return [counts[pk] for pk in pks]
            self._loaders[key] = DataLoader(load_fn=load)
        return self._loaders[key]


def context_of(info: strawberry.Info) -> Context:
    return info.context
