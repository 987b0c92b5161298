"""Live updates: the process's one reader of the change feed (`Hub`) and each
subscription's events (`stream.changes`). GraphQL's side is `graphql/live/`.
See docs/ARCHITECTURE.md, "Live updates"."""

from .hub import Hub

__all__ = ["Hub"]
