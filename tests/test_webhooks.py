"""Webhooks: signed (Standard Webhooks, verified with the `standardwebhooks` package by a real
HTTP receiver on localhost), at least once, in order, through the endpoint user's access and
field rules, surviving a `kill -9` of the delivering API process."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from dataclasses import replace

import pytest

from crm_graphql.ids import to_global_id
from crm_graphql.models import Role, User, WebhookEndpoint
from crm_graphql.webhooks import Dispatcher

from .helpers import account, create_record
from .servers import start_server
from .webhook_receiver import Receiver

CREATE = """mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  secret endpoint { id url entities kinds filter enabled disabledReason cursor } } }"""
ENDPOINTS = "{ webhookEndpoints { id url entities filter enabled disabledReason cursor } }"
DELIVERIES = """query($id: ID!, $status: String) { webhookDeliveries(endpointId: $id, status: $status) {
  sequence webhookId entity status attempts lastError nextTry deliveredAt } }"""
UPDATE_ACCOUNT = "mutation($id: ID!, $v: Int!, $input: UpdateAccountInput!) { updateAccount(id: $id, version: $v, input: $input) { version } }"
REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name } }"


@contextlib.asynccontextmanager
async def dispatching(app, **settings):
    """This test process's own dispatcher (the suite's app runs none), with quick retries."""
    service = app.state.service
    dispatcher = Dispatcher(service, replace(service.settings, webhook_delivery=True,
                                             **{"webhook_backoff_seconds": 0.05, **settings}))
    await dispatcher.start()
    try:
        yield dispatcher
    finally:
        await dispatcher.stop()


async def user_id(api, token: str | None = None) -> str:
    return (await api.gql("{ me { id } }", token=token))["me"]["id"]


async def register(api, url: str, entities: list[str], user: str, **extra) -> tuple[str, str]:
    data = (await api.gql(CREATE, {"input": {"url": url, "entities": entities, "userId": user, **extra}}))
    created = data["createWebhookEndpoint"]
    return created["endpoint"]["id"], created["secret"]


def in_order(received, secret: str) -> list[dict]:
    """Each distinct delivery's verified payload, in the order first received."""
    seen, payloads = set(), []
    for request in received:
        payload = request.verify(secret)
        if request.id not in seen:
            seen.add(request.id)
            payloads.append(payload)
    return payloads


async def test_every_event_arrives_signed_and_in_order_after_the_receiver_answered_500(api, app):
    receiver = Receiver(answer=lambda n: 500 if n < 4 else 200)
    async with receiver.running(), dispatching(app):
        endpoint, secret = await register(api, receiver.url, ["Account"], await user_id(api))
        acme = await account(api, "Acme")
        for i in range(3):
            await api.gql(UPDATE_ACCOUNT, {"id": acme["id"], "v": i + 1, "input": {"name": f"Acme {i}"}})
        # Four 500s, then the four events.
        received = await receiver.wait_for(lambda got: len(got) >= 8)
    payloads = in_order(received, secret)  # every request verifies, retries included
    assert [p["type"] for p in payloads] == ["account.created"] + ["account.updated"] * 3
    sequences = [p["sequence"] for p in payloads]
    assert sequences == sorted(sequences)
    assert [p["data"]["record"]["name"] for p in payloads][-1] == "Acme 2"
    assert [p["data"]["changes"]["name"] for p in payloads[1:]] == [
        {"old": "Acme", "new": "Acme 0"}, {"old": "Acme 0", "new": "Acme 1"}, {"old": "Acme 1", "new": "Acme 2"}]
    # The first event was tried five times (four 500s), with one webhook-id.
    assert [r.id for r in received[:5]] == [received[0].id] * 5
    log = (await api.gql(DELIVERIES, {"id": endpoint}))["webhookDeliveries"]
    assert [(d["status"], d["attempts"]) for d in log] == [("delivered", 1)] * 3 + [("delivered", 5)]
    assert (await api.gql(ENDPOINTS))["webhookEndpoints"][0]["cursor"] == sequences[-1]
