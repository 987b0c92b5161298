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
from crm_graphql.models import Role, WebhookEndpoint
from crm_graphql.webhooks import Dispatcher

from .conftest import another_process
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
# The receivers listen on localhost, which webhooks reach only when private networks are
# allowed (as the suite's own app does, see conftest.py).
LOCAL_RECEIVERS = {"CRM_WEBHOOK_PRIVATE_NETWORKS": "1"}


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


def unchecked(api):
    """The client without the suite's second, resolved-path request: state that a
    dispatcher changes meanwhile would differ between the two answers."""
    return replace(api, compare_paths=False)


async def disabled(api) -> dict:
    """The (only) endpoint, once the dispatcher has disabled it."""
    for _ in range(600):
        shown = (await unchecked(api).gql(ENDPOINTS))["webhookEndpoints"][0]
        if not shown["enabled"]:
            return shown
        await asyncio.sleep(0.05)
    raise AssertionError(f"the endpoint is still enabled: {shown}")


async def delivery_log(api, endpoint: str, settled=lambda log: all(d["status"] != "pending" for d in log)):
    """The endpoint's delivery log once `settled` holds for it (a receiver has a request
    before the dispatcher has logged its answer)."""
    for _ in range(600):
        log = (await unchecked(api).gql(DELIVERIES, {"id": endpoint}))["webhookDeliveries"]
        if settled(log):
            return log
        await asyncio.sleep(0.1)
    raise AssertionError(f"the delivery log did not settle: {log}")


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
        log = await delivery_log(api, endpoint)
    payloads = in_order(received, secret)  # every request verifies, retries included
    assert [p["type"] for p in payloads] == ["account.created"] + ["account.updated"] * 3
    sequences = [p["sequence"] for p in payloads]
    assert sequences == sorted(sequences)
    assert [p["data"]["record"]["name"] for p in payloads][-1] == "Acme 2"
    assert [p["data"]["changes"]["name"] for p in payloads[1:]] == [
        {"old": "Acme", "new": "Acme 0"}, {"old": "Acme 0", "new": "Acme 1"}, {"old": "Acme 1", "new": "Acme 2"}]
    # The first event was tried five times (four 500s), with one webhook-id.
    assert [r.id for r in received[:5]] == [received[0].id] * 5
    assert [(d["status"], d["attempts"]) for d in log] == [("delivered", 1)] * 3 + [("delivered", 5)]
    assert (await api.gql(ENDPOINTS))["webhookEndpoints"][0]["cursor"] == str(sequences[-1])


async def test_the_retry_limit_disables_the_endpoint_with_the_reason_and_enable_resumes(api, app):
    receiver = Receiver(answer=lambda n: 500 if n < 3 else 200)
    async with receiver.running(), dispatching(app, webhook_max_attempts=3):
        endpoint, secret = await register(api, receiver.url, ["Account"], await user_id(api))
        await account(api, "Acme")
        await receiver.wait_for(lambda got: len(got) == 3)
        shown = await disabled(api)
        assert "3 attempts" in shown["disabledReason"] and "HTTP 500" in shown["disabledReason"]
        [failed] = (await api.gql(DELIVERIES, {"id": endpoint, "status": "failed"}))["webhookDeliveries"]
        assert (failed["attempts"], failed["lastError"], failed["deliveredAt"]) == (3, "HTTP 500", None)
        await asyncio.sleep(0.3)
        assert len(receiver.received) == 3  # a disabled endpoint gets nothing
        await api.gql("mutation($id: ID!) { enableWebhookEndpoint(id: $id) { enabled } }", {"id": endpoint})
        received = await receiver.wait_for(lambda got: len(got) == 4)
        [delivered] = await delivery_log(api, endpoint)
    assert len({r.id for r in received}) == 1 and received[-1].verify(secret)["type"] == "account.created"
    assert delivered["status"] == "delivered" and delivered["lastError"] is None


async def test_a_redirect_is_a_failed_delivery_and_is_not_followed(api, app):
    receiver = Receiver(answer=lambda n: 302 if n == 0 else 200)
    async with receiver.running(), dispatching(app, webhook_max_attempts=1):
        receiver.location = receiver.url.replace("/hooks", "/elsewhere")
        await register(api, receiver.url, ["Account"], await user_id(api))
        await account(api, "Acme")
        await receiver.wait_for(lambda got: len(got) == 1)
        shown = await disabled(api)
        await asyncio.sleep(0.3)
    assert "HTTP 302 redirect to" in shown["disabledReason"] and "not followed" in shown["disabledReason"]
    assert len(receiver.received) == 1


async def test_replay_from_a_sequence_redelivers_with_the_same_webhook_ids(api, app):
    receiver = Receiver()
    async with receiver.running(), dispatching(app):
        endpoint, secret = await register(api, receiver.url, ["Account"], await user_id(api))
        await account(api, "Acme")
        await account(api, "Globex")
        first = await receiver.wait_for(lambda got: len(got) == 2)
        sequences = [r.verify(secret)["sequence"] for r in first]
        replayed = await api.gql("mutation($id: ID!, $s: Sequence!) { replayWebhookEndpoint(id: $id, fromSequence: $s) "
                                 "{ cursor enabled } }", {"id": endpoint, "s": str(sequences[0])})
        assert replayed["replayWebhookEndpoint"] == {"cursor": str(sequences[0] - 1), "enabled": True}
        again = await receiver.wait_for(lambda got: len(got) == 4)
    assert [r.id for r in again] == [first[0].id, first[1].id] * 2
    assert [r.verify(secret)["sequence"] for r in again[2:]] == sequences


async def test_a_replay_during_a_delivery_in_flight_is_not_undone_by_it(api, app):
    receiver = Receiver()
    async with receiver.running(), dispatching(app):
        endpoint, _ = await register(api, receiver.url, ["Account"], await user_id(api))
        await account(api, "Acme")
        await account(api, "Globex")
        first = await receiver.wait_for(lambda got: len(got) == 2)
        await delivery_log(api, endpoint, lambda log: len(log) == 2 and all(d["status"] == "delivered" for d in log))
        receiver.hold = asyncio.Event()
        await account(api, "Initech")
        await receiver.wait_for(lambda got: len(got) == 3)
        # While Initech's delivery waits for its answer, an admin replays from the start.
        await api.gql("mutation($id: ID!) { replayWebhookEndpoint(id: $id, fromSequence: 1) { id } }",
                      {"id": endpoint})
        held, receiver.hold = receiver.hold, None
        held.set()
        received = await receiver.wait_for(lambda got: len(got) == 6)
    ids = [r.id for r in received]
    assert ids[:2] == [r.id for r in first] and ids[3:] == ids[:3]


async def test_only_admins_manage_endpoints_and_bad_input_changes_nothing(api):
    sales = await api.user_token("sam@example.com", Role.SALES)
    admin = await user_id(api)
    for document, variables in ((CREATE, {"input": {"url": "https://example.com/h", "entities": ["Account"],
                                                     "userId": admin}}),
                                (ENDPOINTS, None), (DELIVERIES, {"id": to_global_id("WebhookEndpoint", 1)}),
                                ("mutation { replayWebhookEndpoint(id: \"%s\", fromSequence: 1) { id } }"
                                 % to_global_id("WebhookEndpoint", 1), None)):
        error = await api.error(document, variables, token=sales)
        assert error["extensions"]["code"] == "FORBIDDEN", error
    sales_id = await user_id(api, sales)
    for input, code, field in (
            ({"url": "ftp://example.com/h", "entities": ["Account"], "userId": admin}, "VALIDATION", "url"),
            ({"url": "file:///etc/passwd", "entities": ["Account"], "userId": admin}, "VALIDATION", "url"),
            ({"url": "https://example.com/h", "entities": ["Nothing"], "userId": admin}, "VALIDATION", "entities"),
            ({"url": "https://example.com/h", "entities": ["Account"], "userId": admin, "kinds": ["explode"]},
             "VALIDATION", "kinds"),
            ({"url": "https://example.com/h", "entities": ["Account", "Person"], "userId": admin,
              "filter": {"name": {"eq": "x"}}}, "VALIDATION", "filter"),
            ({"url": "https://example.com/h", "entities": ["Account"], "userId": admin,
              "filter": {"nope": {"eq": "x"}}}, "VALIDATION", "filter.nope"),
            # A filter the endpoint's user could not send: commission is hidden from sales.
            ({"url": "https://example.com/h", "entities": ["Opportunity"], "userId": sales_id,
              "filter": {"commission": {"gt": "1"}}}, "FORBIDDEN", "commission")):
        error = await api.error(CREATE, {"input": input})
        assert (error["extensions"]["code"], error["extensions"].get("field")) == (code, field), (input, error)
    assert await WebhookEndpoint.all().count() == 0


async def test_a_payload_never_carries_what_the_endpoint_user_may_not_read(api, app):
    sales = await api.user_token("sam@example.com", Role.SALES)
    sam = await user_id(api, sales)
    receiver = Receiver()
    async with receiver.running(), dispatching(app):
        endpoint, secret = await register(api, receiver.url, ["Account", "Opportunity"], sam)
        stage = await create_record(api, "PipelineStage", {"name": "Proposal", "position": 1, "probability": 50})
        mine = await account(api, "Mine", ownerId=sam)
        theirs = await account(api, "Theirs")
        deal = await create_record(api, "Opportunity", {"name": "Big", "stageId": stage["id"], "accountId": mine["id"],
                                                        "amount": "10.00", "commission": "1.00"}, "version")
        await create_record(api, "Opportunity", {"name": "Hidden", "stageId": stage["id"],
                                                 "accountId": theirs["id"], "amount": "99.00"})
        first = await receiver.wait_for(lambda got: len(got) == 2)
        # A field rule added while the endpoint exists holds for what is sent after it.
        await api.gql('mutation { setFieldRule(role: "SALES", entity: "Opportunity", field: "amount", hidden: true) }')
        await api.gql("mutation($id: ID!) { updateOpportunity(id: $id, version: 1, input: {amount: \"20.00\", "
                      "name: \"Bigger\", commission: \"2.00\"}) { id } }", {"id": deal["id"]})
        received = await receiver.wait_for(lambda got: len(got) == 3)
        await asyncio.sleep(0.3)
    payloads = [r.verify(secret) for r in received]
    assert [(p["type"], p["data"]["id"]) for p in payloads] == [
        ("account.created", mine["id"]), ("opportunity.created", deal["id"]), ("opportunity.updated", deal["id"])]
    created, updated = payloads[1]["data"], payloads[2]["data"]
    assert created["record"]["amount"] == "10.00" and "amount" in created["changes"]
    for data in (created, updated):
        assert "commission" not in data["record"] and "commission" not in data["changes"]
    assert "amount" not in updated["record"] and updated["changes"] == {"name": {"old": "Big", "new": "Bigger"}}
    assert b"commission" not in b"".join(r.body for r in received) and b"99.00" not in b"".join(r.body for r in received)
    skipped = (await api.gql(DELIVERIES, {"id": endpoint, "status": "skipped"}))["webhookDeliveries"]
    assert [(d["entity"], d["lastError"]) for d in skipped] == [
        ("Opportunity", "the endpoint's user cannot see the record"),
        ("Account", "the endpoint's user cannot see the record")]
    assert first == received[:2]


async def test_a_filter_on_a_plugin_field_holds_after_the_field_is_renamed(api, app):
    receiver = Receiver()
    async with receiver.running(), dispatching(app):
        endpoint, secret = await register(api, receiver.url, ["Account"], await user_id(api),
                                          filter={"tier": {"eq": "GOLD"}})
        await api.gql(REGISTER, {"d": {"name": "hooks-terms", "renames": [
            {"entity": "Account", "field": "tier", "to": "level"}]}})
        shown = (await unchecked(api).gql(ENDPOINTS))["webhookEndpoints"][0]
        assert shown["filter"] == {"level": {"eq": "GOLD"}}
        await account(api, "Silver", level="SILVER")
        gold = await account(api, "Gold", level="GOLD")
        received = await receiver.wait_for(lambda got: len(got) == 1)
        await asyncio.sleep(0.3)
    [payload] = [r.verify(secret) for r in receiver.received]
    assert payload["data"]["id"] == gold["id"]
    assert payload["data"]["record"]["level"] == "GOLD" and "tier" not in payload["data"]["record"]
    assert payload["data"]["changes"]["level"] == {"old": None, "new": "GOLD"}
    assert received[0].id.startswith("msg_")


async def test_killing_the_delivering_process_loses_nothing(api, settings):
    """A real API process delivers; it is killed (SIGKILL) while the receiver holds the first
    delivery; a new process delivers every event, the interrupted one again, same id."""
    receiver = Receiver(hold=asyncio.Event())
    environment = {"CRM_WEBHOOK_BACKOFF_SECONDS": "0.1", "CRM_FEED_POLL_SECONDS": "0.2", **LOCAL_RECEIVERS}
    processes = []
    try:
        async with receiver.running():
            endpoint, secret = await register(api, receiver.url, ["Account"], await user_id(api))
            url, process = await start_server(settings.database_url, **environment)
            processes.append(process)
            for name in ("Acme", "Globex", "Initech"):
                await account(api, name)
            await receiver.wait_for(lambda got: len(got) == 1)
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            held, receiver.hold = receiver.hold, None
            held.set()
            _, process = await start_server(settings.database_url, **environment)
            processes.append(process)
            await receiver.wait_for(lambda got: len({r.id for r in got}) == 3, seconds=120)
            log = await delivery_log(api, endpoint, lambda log: len(log) == 3 and all(
                d["status"] == "delivered" for d in log))
            received = list(receiver.received)
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
    payloads = in_order(received, secret)
    assert [p["data"]["record"]["name"] for p in payloads] == ["Acme", "Globex", "Initech"]
    # The interrupted delivery came again with its webhook-id, and nothing else twice.
    assert [r.id for r in received] == [received[0].id] + [r.id for r in received[1:]]
    assert received[0].id == received[1].id and len(received) == 4
    assert [(d["sequence"], d["status"]) for d in log] == [(str(p["sequence"]), "delivered") for p in reversed(payloads)]
    assert (await api.gql(ENDPOINTS))["webhookEndpoints"][0]["cursor"] == str(payloads[-1]["sequence"])


async def test_after_a_rotation_deliveries_are_signed_with_the_new_and_the_previous_secret(api, app):
    receiver = Receiver()
    async with receiver.running(), dispatching(app):
        endpoint, old = await register(api, receiver.url, ["Account"], await user_id(api))
        rotated = await api.gql("mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }", {"id": endpoint})
        new = rotated["rotateWebhookSecret"]["secret"]
        await account(api, "Acme")
        [request] = await receiver.wait_for(lambda got: len(got) == 1)
    assert new != old and new.startswith("whsec_")
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    assert request.verify(new) == request.verify(old)
    with pytest.raises(Exception):
        request.verify("whsec_" + "A" * 44)


async def test_a_delete_goes_to_an_endpoint_that_was_sent_the_record_and_to_no_other(api, app):
    sales = await api.user_token("sam@example.com", Role.SALES)
    sam = await user_id(api, sales)
    receiver, everything = Receiver(), Receiver()
    async with receiver.running(), everything.running(), dispatching(app):
        endpoint, secret = await register(api, receiver.url, ["Account"], sam)
        _, admin_secret = await register(api, everything.url, ["Account"], await user_id(api))
        mine = await account(api, "Mine", ownerId=sam)
        theirs = await account(api, "Theirs")
        await receiver.wait_for(lambda got: len(got) == 1)
        for record in (mine, theirs):
            await api.gql("mutation($id: ID!) { deleteAccount(id: $id, version: 1) }", {"id": record["id"]})
        received = await receiver.wait_for(lambda got: len(got) == 2)
        log = await delivery_log(api, endpoint,
                                 lambda log: len(log) == 4 and all(d["status"] != "pending" for d in log))
        all_of_them = await everything.wait_for(lambda got: len(got) == 4)
    payloads = [r.verify(secret) for r in received]
    assert [(p["type"], p["data"]["id"]) for p in payloads] == [("account.created", mine["id"]),
                                                                  ("account.deleted", mine["id"])]
    assert payloads[1]["data"]["record"] == {"id": mine["id"]}
    assert payloads[1]["data"]["changes"]["name"] == {"old": "Mine", "new": None}
    assert [d["status"] for d in log] == ["skipped", "delivered", "skipped", "delivered"]
    # A user who sees every account gets every event; a record deleted before its creation
    # was delivered comes with `record: null`.
    events = [r.verify(admin_secret)["data"] for r in all_of_them]
    assert [(e["kind"], e["id"]) for e in events] == [("create", mine["id"]), ("create", theirs["id"]),
                                                     ("delete", mine["id"]), ("delete", theirs["id"])]
    # (Which one depends on whether the delete committed before that delivery read the record.)
    assert events[1]["record"] is None or events[1]["record"]["name"] == "Theirs", events[1]
    assert events[1]["changes"]["name"] == {"old": None, "new": "Theirs"}


async def test_a_record_deleted_before_delivery_is_sent_only_to_a_user_who_sees_every_record(api, app):
    sam = await user_id(api, await api.user_token("sam@example.com", Role.SALES))
    receiver, everything = Receiver(), Receiver()
    async with receiver.running(), everything.running():
        endpoint, _ = await register(api, receiver.url, ["Account"], sam)
        _, secret = await register(api, everything.url, ["Account"], await user_id(api))
        mine = await account(api, "Mine", ownerId=sam)
        await api.gql("mutation($id: ID!) { deleteAccount(id: $id, version: 1) }", {"id": mine["id"]})
        async with dispatching(app):  # the backlog of an API that was down
            received = await everything.wait_for(lambda got: len(got) == 2)
            log = await delivery_log(api, endpoint, lambda log: len(log) == 2 and all(
                d["status"] != "pending" for d in log))
    created, deleted = (r.verify(secret)["data"] for r in received)
    assert (created["kind"], created["record"], created["changes"]["name"]) == (
        "create", None, {"old": None, "new": "Mine"})
    assert (deleted["kind"], deleted["record"]) == ("delete", {"id": mine["id"]})
    assert [(d["status"], d["lastError"]) for d in log] == [
        ("skipped", "deleted record the endpoint was never sent"),
        ("skipped", "the record was deleted before it was delivered")]
    assert receiver.received == []


async def test_the_webhooks_verbs_of_the_command(api, settings):
    from .core.test_cli import cli

    url = settings.database_url
    added = cli(url, "webhooks", "add", "https://hooks.example.com/crm", "--entity", "Account", "--kind", "update",
                "--user", "admin@example.com", "--filter", '{"tier": {"eq": "GOLD"}}')
    secret = added.stdout.strip().splitlines()[-1]
    [endpoint] = await WebhookEndpoint.all()
    assert secret == endpoint.secret and secret.startswith("whsec_")
    assert endpoint.record_filter == {"#tier": {"eq": "GOLD"}} and endpoint.kinds == ["update"]
    listed = cli(url, "webhooks", "list").stdout
    assert f"{endpoint.id}\tenabled\thttps://hooks.example.com/crm\tAccount\tupdate\tuser admin@example.com" in listed
    assert '"tier":{"eq":"GOLD"}' in listed
    rotated = cli(url, "webhooks", "rotate", str(endpoint.id)).stdout.strip().splitlines()[-1]
    await endpoint.refresh_from_db()
    assert (endpoint.secret, endpoint.previous_secret) == (rotated, secret)
    cli(url, "webhooks", "disable", str(endpoint.id), "--reason", "maintenance")
    assert "disabled (maintenance)" in cli(url, "webhooks", "list").stdout
    cli(url, "webhooks", "enable", str(endpoint.id))
    cli(url, "webhooks", "replay", str(endpoint.id), "--from", "1")
    await endpoint.refresh_from_db()
    assert (endpoint.enabled, endpoint.cursor) == (True, 0)
    assert cli(url, "webhooks", "deliveries", str(endpoint.id)).stdout == ""
    refused = cli(url, "webhooks", "add", "ftp://hooks.example.com", "--entity", "Account", "--user",
                  "admin@example.com", check=False)
    assert refused.returncode == 1 and "is not an http(s) URL" in refused.stderr
    cli(url, "webhooks", "delete", str(endpoint.id))
    assert await WebhookEndpoint.all().count() == 0


async def test_webhooks_do_not_go_to_private_addresses(api, settings):
    # The suite's app allows private networks (its receivers are local); a server as shipped does not.
    async with another_process(replace(settings, webhook_private_networks=False), api.token) as (shipped, _):
        user = await user_id(shipped)
        for url in ("http://127.0.0.1:8080/hooks", "http://localhost/hooks", "http://[::1]/hooks",
                    "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/hooks", "https://192.168.0.10/",
                    "http://[::ffff:127.0.0.1]/hooks", "http://0.0.0.0/hooks", "http://100.64.0.1/hooks"):
            error = await shipped.error(CREATE, {"input": {"url": url, "entities": ["Account"], "userId": user}})
            assert (error["extensions"]["code"], error["extensions"]["field"]) == ("VALIDATION", "url"), url
            assert "is not a public address" in error["message"], error
        # A name that does not resolve now is checked again at each delivery.
        endpoint, _ = await register(shipped, "https://hooks.example.com/crm", ["Account"], user)
        moved = await shipped.error("mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: {url: "
                                    "\"http://127.0.0.1:9/x\"}) { id } }", {"id": endpoint})
        assert (moved["extensions"]["code"], moved["extensions"]["field"]) == ("VALIDATION", "url")
    assert [e.url for e in await WebhookEndpoint.all()] == ["https://hooks.example.com/crm"]


async def test_a_delivery_to_an_address_no_longer_allowed_fails_and_sends_nothing(api, app):
    receiver = Receiver()
    async with receiver.running():
        # Registered where private networks were allowed; delivered by a process where they are not
        # (as after a name started resolving to a private address).
        endpoint, _ = await register(api, receiver.url, ["Account"], await user_id(api))
        async with dispatching(app, webhook_private_networks=False, webhook_max_attempts=2):
            await account(api, "Acme")
            shown = await disabled(api)
    assert "127.0.0.1 is not a public address" in shown["disabledReason"], shown
    [failed] = await delivery_log(api, endpoint)
    assert (failed["status"], failed["attempts"]) == ("failed", 2)
    assert receiver.received == []


async def test_a_receiver_that_does_not_answer_in_time_is_a_failed_delivery(api, app):
    receiver = Receiver(hold=asyncio.Event())
    async with receiver.running(), dispatching(app, webhook_timeout_seconds=0.3, webhook_max_attempts=2):
        endpoint, _ = await register(api, receiver.url, ["Account"], await user_id(api))
        await account(api, "Acme")
        await receiver.wait_for(lambda got: len(got) == 2)
        shown = await disabled(api)
        receiver.hold.set()
    assert shown["disabledReason"].endswith("failed, the last: no answer within 0.3 s")
    [failed] = (await api.gql(DELIVERIES, {"id": endpoint}))["webhookDeliveries"]
    assert (failed["status"], failed["attempts"]) == ("failed", 2)


async def test_the_feed_keeps_what_an_enabled_endpoint_has_not_handled(api):
    from datetime import datetime, timedelta, timezone

    from crm_graphql import feed
    from crm_graphql.models import Change

    await account(api, "Old")
    endpoint, _ = await register(api, "https://hooks.example.com/crm", ["Account"], await user_id(api))
    for name in ("Acme", "Globex"):
        await account(api, name)
    await Change.all().update(at=datetime.now(timezone.utc) - timedelta(days=30))
    # Past the retention, but the endpoint (no dispatcher runs here) has not had the last two.
    assert await feed.prune(timedelta(days=7)) == 1
    assert [c.changes["name"][1] for c in await feed.changes_after(0)] == ["Acme", "Globex"]
    await api.gql("mutation($id: ID!) { disableWebhookEndpoint(id: $id, reason: \"gone\") { enabled } }",
                  {"id": endpoint})
    assert await feed.prune(timedelta(days=7)) == 1  # the newest change always stays
    error = await api.error("mutation($id: ID!) { replayWebhookEndpoint(id: $id, fromSequence: 1) { id } }",
                            {"id": endpoint})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("VALIDATION", "fromSequence")


async def test_two_api_processes_deliver_each_change_once(api, settings):
    receiver = Receiver()
    environment = {"CRM_FEED_POLL_SECONDS": "0.2", **LOCAL_RECEIVERS}
    processes = []
    try:
        async with receiver.running():
            endpoint, secret = await register(api, receiver.url, ["Account"], await user_id(api))
            for _ in range(2):
                processes.append((await start_server(settings.database_url, **environment))[1])
            for i in range(8):
                await account(api, f"Account {i}")
            received = await receiver.wait_for(lambda got: len(got) >= 8, seconds=120)
            await asyncio.sleep(1.0)
            received = list(receiver.received)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
    assert [p["data"]["record"]["name"] for p in in_order(received, secret)] == [f"Account {i}" for i in range(8)]
    assert len(received) == 8  # no change went out twice


async def test_an_endpoint_is_changed_and_deleted_through_graphql(api):
    endpoint, _ = await register(api, "https://hooks.example.com/a", ["Account"], await user_id(api),
                                 filter={"name": {"startsWith": "A"}})
    update = """mutation($id: ID!, $input: WebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) {
      url entities kinds filter } }"""
    changed = (await api.gql(update, {"id": endpoint, "input": {"url": "http://hooks.example.com/b",
                                                                "kinds": ["DELETE"], "clearFilter": True}}))
    assert changed["updateWebhookEndpoint"] == {"url": "http://hooks.example.com/b", "entities": ["Account"],
                                                "kinds": ["delete"], "filter": None}
    error = await api.error(update, {"id": endpoint, "input": {"url": "javascript:alert(1)"}})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("VALIDATION", "url")
    assert (await WebhookEndpoint.get()).url == "http://hooks.example.com/b"
    deleted = await api.gql("mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }", {"id": endpoint})
    assert deleted == {"deleteWebhookEndpoint": endpoint}
    error = await api.error("mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }", {"id": endpoint})
    assert error["extensions"]["code"] == "NOT_FOUND"
