"""Webhooks: admins register endpoints; every API process delivers the change feed to them,
signed per Standard Webhooks. See docs/ARCHITECTURE.md, "Webhooks"."""

from .dispatcher import Dispatcher

__all__ = ["Dispatcher"]
