"""Admin fields for webhooks: `webhookEndpoints`, `webhookDeliveries` and the mutations that
create, change, rotate, disable, enable, replay and delete endpoints (admins only)."""

from __future__ import annotations

from datetime import datetime, timedelta

import strawberry
from strawberry.scalars import JSON

from ...auth import require_admin
from ...errors import ValidationError
from ...ids import from_global_id, to_global_id
from ...models import WebhookDelivery as DeliveryRow
from ...models import WebhookEndpoint as EndpointRow
from ...webhooks import endpoints
from ..context import context_of
from ..live.schema import Sequence

ENDPOINT_KEY = "WebhookEndpoint"


@strawberry.type
class WebhookEndpoint:
    id: strawberry.ID
    url: str
    entities: list[str] = strawberry.field(description="The entities sent, by their current names.")
    kinds: list[str] = strawberry.field(description="The change kinds sent: create, update, delete, convert.")
    filter: JSON | None = strawberry.field(description="Only records matching this filter (current names).")
    user_id: strawberry.ID = strawberry.field(
        description="The user whose role, territories and field rules decide what is sent.")
    enabled: bool
    disabled_reason: str | None
    cursor: Sequence = strawberry.field(description="The last change-feed sequence handled (sent or skipped).")
    created_at: datetime


@strawberry.type
class WebhookEndpointSecret:
    endpoint: WebhookEndpoint
    secret: str = strawberry.field(description="The signing secret (`whsec_...`); shown only now.")


@strawberry.type
class WebhookDelivery:
    sequence: Sequence
    webhook_id: str
    entity: str
    record_id: strawberry.ID
    status: str = strawberry.field(description="pending, delivered, failed or skipped.")
    attempts: int
    last_error: str | None = strawberry.field(description="Why the last attempt failed, or why it was skipped.")
    next_try: datetime | None
    delivered_at: datetime | None


@strawberry.input
class WebhookEndpointInput:
    url: str | None = None
    entities: list[str] | None = strawberry.field(default=None, description="Entity names (or keys).")
    kinds: list[str] | None = strawberry.field(default=None, description="Default: every kind.")
    filter: JSON | None = strawberry.field(
        default=None, description="A filter in the API's filter language, on the one entity named.")
    clear_filter: bool = False
    user_id: strawberry.ID | None = None


def _endpoint(catalog, row: EndpointRow) -> WebhookEndpoint:
    return WebhookEndpoint(
        id=strawberry.ID(to_global_id(ENDPOINT_KEY, row.id)), url=row.url,
        entities=endpoints.shown_entities(catalog, row), kinds=list(row.kinds),
        filter=endpoints.shown_filter(catalog, row), user_id=strawberry.ID(to_global_id("User", row.user_id)),
        enabled=row.enabled, disabled_reason=row.disabled_reason, cursor=row.cursor, created_at=row.created_at)


def _delivery(catalog, row: DeliveryRow) -> WebhookDelivery:
    entity = catalog.entities.get(row.entity)
    return WebhookDelivery(
        sequence=row.sequence, webhook_id=row.webhook_id, entity=entity.name if entity else row.entity,
        record_id=strawberry.ID(to_global_id(row.entity, row.record_id)), status=row.status,
        attempts=row.attempts, last_error=row.last_error, next_try=row.next_try, delivered_at=row.delivered_at)


def _pk(global_id: str, key: str, field: str) -> int:
    found, pk = from_global_id(global_id, field=field)
    if found != key:
        raise ValidationError(f"{field} must be the ID of a {key}", field=field)
    return pk


def _admin(info: strawberry.Info, what: str):
    context = context_of(info)
    require_admin(context.actor, what)
    return context


async def webhook_endpoints(info: strawberry.Info) -> list[WebhookEndpoint]:
    context = _admin(info, "list webhook endpoints")
    return [_endpoint(context.reader.catalog, row) for row in await EndpointRow.all().order_by("id")]


async def webhook_deliveries(info: strawberry.Info, endpoint_id: strawberry.ID, status: str | None = None,
                             first: int = 50) -> list[WebhookDelivery]:
    context = _admin(info, "read webhook deliveries")
    rows = await endpoints.deliveries(_pk(endpoint_id, ENDPOINT_KEY, "endpointId"), status, first)
    return [_delivery(context.reader.catalog, row) for row in rows]


async def create_webhook_endpoint(info: strawberry.Info, input: WebhookEndpointInput) -> WebhookEndpointSecret:
    context = _admin(info, "register webhook endpoints")
    for name in ("url", "entities", "user_id"):
        if getattr(input, name) is None:
            raise ValidationError(f"`{name}` is required to create an endpoint", field=name)
    registered = await endpoints.create(
        context.service, url=input.url, entities=input.entities, kinds=input.kinds, filter=input.filter,
        user_id=_pk(input.user_id, "User", "userId"))
    return WebhookEndpointSecret(endpoint=_endpoint(context.service.current.catalog, registered.endpoint),
                                 secret=registered.secret)


async def update_webhook_endpoint(info: strawberry.Info, id: strawberry.ID,
                                  input: WebhookEndpointInput) -> WebhookEndpoint:
    context = _admin(info, "change webhook endpoints")
    row = await endpoints.update(
        context.service, _pk(id, ENDPOINT_KEY, "id"), url=input.url, entities=input.entities, kinds=input.kinds,
        filter=input.filter, clear_filter=input.clear_filter,
        user_id=_pk(input.user_id, "User", "userId") if input.user_id is not None else None)
    return _endpoint(context.service.current.catalog, row)


async def rotate_webhook_secret(info: strawberry.Info, id: strawberry.ID) -> WebhookEndpointSecret:
    context = _admin(info, "rotate webhook secrets")
    grace = timedelta(hours=context.settings.webhook_rotation_grace_hours)
    registered = await endpoints.rotate(_pk(id, ENDPOINT_KEY, "id"), grace)
    return WebhookEndpointSecret(endpoint=_endpoint(context.service.current.catalog, registered.endpoint),
                                 secret=registered.secret)


async def disable_webhook_endpoint(info: strawberry.Info, id: strawberry.ID,
                                   reason: str = "disabled by an admin") -> WebhookEndpoint:
    context = _admin(info, "disable webhook endpoints")
    return _endpoint(context.service.current.catalog, await endpoints.disable(_pk(id, ENDPOINT_KEY, "id"), reason))


async def enable_webhook_endpoint(info: strawberry.Info, id: strawberry.ID) -> WebhookEndpoint:
    context = _admin(info, "enable webhook endpoints")
    return _endpoint(context.service.current.catalog, await endpoints.enable(_pk(id, ENDPOINT_KEY, "id")))


async def replay_webhook_endpoint(info: strawberry.Info, id: strawberry.ID, from_sequence: Sequence) -> WebhookEndpoint:
    context = _admin(info, "replay webhook deliveries")
    row = await endpoints.replay(_pk(id, ENDPOINT_KEY, "id"), from_sequence)
    return _endpoint(context.service.current.catalog, row)


async def delete_webhook_endpoint(info: strawberry.Info, id: strawberry.ID) -> strawberry.ID:
    _admin(info, "delete webhook endpoints")
    await endpoints.delete(_pk(id, ENDPOINT_KEY, "id"))
    return id


def query_fields() -> dict:
    return {
        "webhook_endpoints": strawberry.field(resolver=webhook_endpoints, graphql_type=list[WebhookEndpoint],
                                              description="Registered webhook endpoints (admins only)."),
        "webhook_deliveries": strawberry.field(
            resolver=webhook_deliveries, graphql_type=list[WebhookDelivery],
            description="An endpoint's delivery log, newest first (admins only)."),
    }


def mutation_fields() -> dict:
    return {
        "create_webhook_endpoint": strawberry.field(
            resolver=create_webhook_endpoint, graphql_type=WebhookEndpointSecret,
            description="Register an endpoint (url, entities, userId required); it gets changes from now on."),
        "update_webhook_endpoint": strawberry.field(resolver=update_webhook_endpoint, graphql_type=WebhookEndpoint),
        "rotate_webhook_secret": strawberry.field(
            resolver=rotate_webhook_secret, graphql_type=WebhookEndpointSecret,
            description="A new secret; the previous one still signs beside it for CRM_WEBHOOK_ROTATION_GRACE_HOURS."),
        "disable_webhook_endpoint": strawberry.field(resolver=disable_webhook_endpoint, graphql_type=WebhookEndpoint),
        "enable_webhook_endpoint": strawberry.field(
            resolver=enable_webhook_endpoint, graphql_type=WebhookEndpoint,
            description="Deliver again from where delivery stopped."),
        "replay_webhook_endpoint": strawberry.field(
            resolver=replay_webhook_endpoint, graphql_type=WebhookEndpoint,
            description="Deliver every change from this sequence on again (same webhook-ids); enables it."),
        "delete_webhook_endpoint": strawberry.field(resolver=delete_webhook_endpoint, graphql_type=strawberry.ID),
    }
