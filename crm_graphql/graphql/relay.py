"""Relay pieces: the `Node` interface, `PageInfo`, and connection and edge types."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from ..query.reader import Page
from .factory import TypeFactory


@strawberry.interface(name="Node", description="A record with a global ID, fetchable by `node(id:)`.")
class Node:
    id: strawberry.ID


@strawberry.type(name="PageInfo")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def make(cls: type, values: dict):
    """An instance of a Strawberry type without running its dataclass `__init__`."""
    obj = cls.__new__(cls)
    obj.__dict__ = values
    return obj


class ConnectionTypes:
    """The `XConnection` and `XEdge` types of one node type, and how to fill them."""

    def __init__(self, factory: TypeFactory, name: str, node_type: type) -> None:
        async def total_count(root) -> int:
            return await root.count()

        self.node_type = node_type
        self.edge = factory.object_type(f"{name}Edge", {
            "cursor": strawberry.field(graphql_type=str),
            "node": strawberry.field(graphql_type=node_type),
        })
        self.connection = factory.object_type(f"{name}Connection", {
            "edges": strawberry.field(graphql_type=list[self.edge]),
            "page_info": strawberry.field(graphql_type=PageInfo),
            "total_count": strawberry.field(
                graphql_type=int, resolver=total_count,
                description="How many records match, regardless of the page.",
            ),
        })

    def build(self, page: Page, count: Callable[[], Awaitable[int]]):
        node_type, edge_type = self.node_type, self.edge
        edges = [
            make(edge_type, {"cursor": cursor, "node": make(node_type, row)})
            for row, cursor in zip(page.rows, page.cursors)
        ]
        info = page.info
        page_info = make(PageInfo, {
            "has_next_page": info["hasNextPage"],
            "has_previous_page": info["hasPreviousPage"],
            "start_cursor": info["startCursor"],
            "end_cursor": info["endCursor"],
        })
        return make(self.connection, {"edges": edges, "page_info": page_info, "count": count})
