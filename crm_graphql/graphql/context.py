"""The per-request context: the actor, the reader and the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader

from ..auth import Actor
from ..catalog import Collection, Entity
from ..config import Settings
from ..query.pages import OrderTerm, PageArgs
from ..query.sql import SQL
from ..query.reader import Page, Reader


@dataclass
class Context:
    actor: Actor
    reader: Reader
    settings: Settings
    service: Any = None
    request: Any = None
    # A WebSocket connection's `connection_init` payload, and a subscription's resume state
    # (see graphql/live/transport.py).
    connection_params: Any = None
    live: Any = None
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

    def children(self, collection: Collection, args: PageArgs, filter: SQL | None = None,
                 order: tuple[OrderTerm, ...] | None = None) -> DataLoader[int, Page]:
        """A page of related rows per parent, batched per request, page arguments, filter and order."""
        key = ("children", id(collection), args, _sql_key(filter), _order_key(order))
        if key not in self._loaders:
            async def load(pks: list[int]) -> list[Page]:
                pages = await self.reader.children(collection, self.actor, pks, args, filter=filter, order=order)
                return [pages[pk] for pk in pks]
            self._loaders[key] = DataLoader(load_fn=load)
        return self._loaders[key]

    def child_counts(self, collection: Collection, filter: SQL | None = None) -> DataLoader[int, int]:
        key = ("counts", id(collection), _sql_key(filter))
        if key not in self._loaders:
            async def load(pks: list[int]) -> list[int]:
                counts = await self.reader.count_children(collection, self.actor, pks, filter=filter)
                return [counts[pk] for pk in pks]
            self._loaders[key] = DataLoader(load_fn=load)
        return self._loaders[key]


def _sql_key(fragment: SQL | None):
    # Fragments of equal text and parameters are the same filter.
    return None if fragment is None else (fragment.text, tuple(fragment.params))


def _order_key(terms: tuple[OrderTerm, ...] | None):
    return None if terms is None else tuple((t.column, t.descending, t.nulls_first) for t in terms)


def context_of(info: strawberry.Info) -> Context:
    return info.context
