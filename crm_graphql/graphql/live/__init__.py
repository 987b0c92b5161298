"""GraphQL subscriptions: the `Subscription` type (schema.py) and the WebSocket transport
(transport.py). The events come from `crm_graphql.live`."""

from .schema import subscription_type

__all__ = ["subscription_type"]
