"""GraphQL subscriptions: the `Subscription` type (schema.py) and the WebSocket transport
(transport.py). The events come from `crm_graphql.live`."""

from .schema import SCALARS, subscription_type

__all__ = ["SCALARS", "subscription_type"]
