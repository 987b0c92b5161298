"""Webhooks: admins register endpoints; every API process delivers the change feed to them,
signed per Standard Webhooks. See docs/ARCHITECTURE.md, "Webhooks"."""

from .. import feed
from .dispatcher import Dispatcher
from .endpoints import furthest_behind

# The feed is the endpoints' queue: pruning keeps what an enabled endpoint has not had.
feed.hold(furthest_behind)

__all__ = ["Dispatcher"]
