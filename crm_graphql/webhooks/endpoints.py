"""Registering and changing webhook endpoints (the admin API and the CLI both call these).

Everything is checked before anything is stored: a URL that is not http(s), an unknown
entity or change kind, a filter that does not compile for the endpoint's user, all raise
VALIDATION and change nothing. Entities and filters are stored by key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from tortoise.transactions import in_transaction

from .. import feed, values
from ..auth.tokens import actor_of
from ..catalog import Catalog
from ..errors import NotFoundError, ValidationError
from ..models import User, WebhookDelivery, WebhookEndpoint
from . import dispatcher, filters, signing, targets

KINDS = ("create", "update", "delete", "convert")
STATUSES = ("pending", "delivered", "failed", "skipped")


@dataclass
class Registered:
    """An endpoint and its secret, shown once (at creation and rotation)."""

    endpoint: WebhookEndpoint
    secret: str


async def check_url(url: str, settings) -> str:
    url = values.text(url, "url", max_length=2000).strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ValidationError(f"{url!r} is not a URL", field="url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(f"{url!r} is not an http(s) URL", field="url")
    try:
        await targets.check(url, settings)
    except targets.PrivateAddress as refused:
        raise ValidationError(str(refused), field="url") from None
    return url


def entity_keys(catalog: Catalog, names: list[str]) -> list[str]:
    if not names:
        raise ValidationError("name at least one entity", field="entities")
    keys = []
    for name in names:
        entity = catalog.find(name)
        if entity is None:
            raise ValidationError(f"unknown entity {name!r}", field="entities")
        if entity.key not in keys:
            keys.append(entity.key)
    return keys


def change_kinds(kinds: list[str] | None) -> list[str]:
    if not kinds:
        return list(KINDS)
    chosen = []
    for kind in kinds:
        if kind.lower() not in KINDS:
            raise ValidationError(f"unknown change kind {kind!r}; use {', '.join(KINDS)}", field="kinds")
        if kind.lower() not in chosen:
            chosen.append(kind.lower())
    return chosen


async def _user(user_id: int) -> User:
    user = await User.get_or_none(id=user_id)
    if user is None or not user.is_active:
        raise ValidationError("no active user with this ID", field="userId")
    return user


async def _stored_filter(service, entities: list[str], user: User, spec: Any) -> Any:
    """The filter by key, after compiling it as the endpoint's user would (a field hidden
    from them is refused here, as it would be in their query)."""
    if spec is None:
        return None
    if len(entities) != 1:
        raise ValidationError("a filter applies to one entity: name exactly one", field="filter")
    build = service.current
    entity = build.catalog[entities[0]]
    stored = filters.to_keys(build.catalog, entity, spec)
    actor = await actor_of(user, build.policy)
    build.reader.filter_sql(entity, actor, filters.to_names(build.catalog, entity, stored))
    return stored


async def create(service, *, url: str, entities: list[str], user_id: int, kinds: list[str] | None = None,
                 filter: Any = None) -> Registered:
    catalog = service.current.catalog
    url, keys, kinds = await check_url(url, service.settings), entity_keys(catalog, entities), change_kinds(kinds)
    user = await _user(user_id)
    stored = await _stored_filter(service, keys, user, filter)
    secret = signing.new_secret()
    # Changes from now on; `replay` sends older ones.
    endpoint = await WebhookEndpoint.create(url=url, entities=keys, kinds=kinds, record_filter=stored, user=user,
                                            secret=secret, cursor=await feed.latest_sequence())
    dispatcher.wake()
    return Registered(endpoint, secret)


async def furthest_behind() -> int | None:
    """The last sequence handled by the enabled endpoint furthest behind (None: no endpoint)."""
    return await WebhookEndpoint.filter(enabled=True).order_by("cursor").first().values_list("cursor", flat=True)


async def get(endpoint_id: int) -> WebhookEndpoint:
    endpoint = await WebhookEndpoint.get_or_none(id=endpoint_id)
    if endpoint is None:
        raise NotFoundError("no such webhook endpoint", field="id")
    return endpoint


async def update(service, endpoint_id: int, *, url: str | None = None, entities: list[str] | None = None,
                 kinds: list[str] | None = None, filter: Any = None, clear_filter: bool = False,
                 user_id: int | None = None) -> WebhookEndpoint:
    endpoint = await get(endpoint_id)
    catalog = service.current.catalog
    if url is not None:
        endpoint.url = await check_url(url, service.settings)
    if entities is not None:
        endpoint.entities = entity_keys(catalog, entities)
    if kinds is not None:
        endpoint.kinds = change_kinds(kinds)
    user = await _user(user_id) if user_id is not None else await User.get(id=endpoint.user_id)
    endpoint.user_id = user.id
    if clear_filter:
        endpoint.record_filter = None
    elif filter is not None:
        endpoint.record_filter = await _stored_filter(service, endpoint.entities, user, filter)
    elif endpoint.record_filter is not None:
        # The kept filter must still fit the (maybe changed) entities and user.
        entity = catalog[endpoint.entities[0]] if len(endpoint.entities) == 1 else None
        if entity is None:
            raise ValidationError("a filter applies to one entity: name exactly one", field="filter")
        await _stored_filter(service, endpoint.entities, user,
                             filters.to_names(catalog, entity, endpoint.record_filter))
    # Only what an admin changes: the dispatcher moves `cursor` meanwhile.
    await endpoint.save(update_fields=["url", "entities", "kinds", "record_filter", "user_id", "updated_at"])
    return endpoint


async def rotate(endpoint_id: int, grace: timedelta) -> Registered:
    """A new secret; the previous one still signs (beside it) for `grace`."""
    endpoint = await get(endpoint_id)
    secret = signing.new_secret()
    endpoint.previous_secret, endpoint.secret = endpoint.secret, secret
    endpoint.previous_secret_until = datetime.now(timezone.utc) + grace
    await endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_until", "updated_at"])
    return Registered(endpoint, secret)


async def disable(endpoint_id: int, reason: str) -> WebhookEndpoint:
    endpoint = await get(endpoint_id)
    endpoint.enabled = False
    endpoint.disabled_reason = values.text(reason, "reason", max_length=1000)
    await endpoint.save(update_fields=["enabled", "disabled_reason", "updated_at"])
    return endpoint


async def enable(endpoint_id: int) -> WebhookEndpoint:
    """Deliver again, from where delivery stopped; the change that failed is retried now."""
    endpoint = await get(endpoint_id)
    async with in_transaction() as conn:
        endpoint.enabled, endpoint.disabled_reason = True, None
        await endpoint.save(using_db=conn, update_fields=["enabled", "disabled_reason", "updated_at"])
        await WebhookDelivery.filter(endpoint_id=endpoint.id, status__in=("pending", "failed")).using_db(conn).update(
            status="pending", attempts=0, next_try=None)
    dispatcher.wake()
    return endpoint


async def replay(endpoint_id: int, from_sequence: int) -> WebhookEndpoint:
    """Deliver every change from `from_sequence` on again (with their first webhook-ids),
    and enable the endpoint."""
    if from_sequence < 1:
        raise ValidationError("sequences start at 1", field="fromSequence")
    oldest = await feed.oldest_sequence()
    if oldest is not None and from_sequence < oldest:
        raise ValidationError(f"the feed keeps changes from sequence {oldest} on (older ones are pruned "
                              "after CRM_FEED_RETENTION_DAYS)", field="fromSequence")
    endpoint = await get(endpoint_id)
    async with in_transaction() as conn:
        endpoint.cursor = from_sequence - 1
        endpoint.enabled, endpoint.disabled_reason = True, None
        await endpoint.save(using_db=conn, update_fields=["cursor", "enabled", "disabled_reason", "updated_at"])
        await WebhookDelivery.filter(endpoint_id=endpoint.id, sequence__gte=from_sequence).using_db(conn).update(
            status="pending", attempts=0, next_try=None, last_error=None)
    dispatcher.wake()
    return endpoint


async def delete(endpoint_id: int) -> None:
    endpoint = await get(endpoint_id)
    await endpoint.delete()


async def deliveries(endpoint_id: int, status: str | None = None, limit: int = 50) -> list[WebhookDelivery]:
    """The endpoint's delivery log, newest first."""
    await get(endpoint_id)
    query = WebhookDelivery.filter(endpoint_id=endpoint_id)
    if status is not None:
        if status.lower() not in STATUSES:
            raise ValidationError(f"unknown status {status!r}; use {', '.join(STATUSES)}", field="status")
        query = query.filter(status=status.lower())
    return await query.order_by("-sequence").limit(max(1, min(limit, 500)))


def shown_filter(catalog: Catalog, endpoint: WebhookEndpoint) -> Any:
    """The endpoint's filter in current names (its stored form where a field is gone)."""
    if endpoint.record_filter is None or len(endpoint.entities) != 1:
        return endpoint.record_filter
    entity = catalog.entities.get(endpoint.entities[0])
    try:
        return filters.to_names(catalog, entity, endpoint.record_filter) if entity else endpoint.record_filter
    except ValidationError:
        return endpoint.record_filter


def shown_entities(catalog: Catalog, endpoint: WebhookEndpoint) -> list[str]:
    return [catalog.entities[key].name if key in catalog.entities else key for key in endpoint.entities]
