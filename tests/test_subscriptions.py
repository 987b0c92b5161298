"""GraphQL subscriptions over WebSocket (graphql-transport-ws), through two real API
processes on the test database: a change made through one reaches subscribers of the
other within a second, as each subscriber's rules allow, under the rules and plugins of
the moment; rolled-back writes give nothing; a reconnect with `after` misses nothing and
repeats nothing; a subscriber whose client stops reading ends with an error naming where
to resume; renamed names work; a bad token is refused."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import time

import httpx
import pytest
import websockets
from tortoise.transactions import in_transaction

from crm_graphql import feed
from crm_graphql.auth.tokens import create_token, revoke_tokens
from crm_graphql.ids import from_global_id, to_global_id
from crm_graphql.models import Change, Role, Territory, User

from .servers import servers
from .test_plugins import PRIORITY_PLUGIN, REGISTER, UNREGISTER

# Fast polls: SQLite has no NOTIFY, so the other process finds a change by polling.
FAST = {"CRM_FEED_POLL_SECONDS": "0.2", "CRM_SCHEMA_POLL_SECONDS": "0.5", "CRM_LIVE_TOKEN_CHECK_SECONDS": "0.5"}
ACCOUNTS = "subscription($f: AccountFilter, $after: Sequence) { accountChanged(filter: $f, after: $after) " \
           "{ sequence kind id changedFields record { name } } }"
UPDATE_ACCOUNT = "mutation($id: ID!, $v: Int!, $i: UpdateAccountInput!) { updateAccount(id: $id, version: $v, " \
                 "input: $i) { version } }"


@pytest.fixture
async def workers(settings, api):
    """Two API processes: `writer` takes the writes, `reader` the subscriptions."""
    async with servers(settings.database_url, 2, **FAST) as urls:
        yield urls


class Client:
    """A graphql-transport-ws client: one connection, messages sorted by subscription id."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.queues: dict[str, asyncio.Queue] = {}
        self.closed = asyncio.get_running_loop().create_future()
        self._ids = itertools.count(1)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for text in self.connection:
                message = json.loads(text)
                self.queues.setdefault(message.get("id"), asyncio.Queue()).put_nowait(message)
        except websockets.ConnectionClosed:
            pass
        self.closed.set_result(self.connection.close_code)

    async def subscribe(self, query: str, variables: dict | None = None, **payload) -> str:
        sid = str(next(self._ids))
        self.queues.setdefault(sid, asyncio.Queue())
        await self.connection.send(json.dumps({"id": sid, "type": "subscribe",
                                               "payload": {"query": query, "variables": variables or {}, **payload}}))
        return sid

    async def next(self, sid: str, timeout: float = 5.0) -> dict:
        return await asyncio.wait_for(self.queues.setdefault(sid, asyncio.Queue()).get(), timeout)

    async def data(self, sid: str, timeout: float = 5.0) -> dict:
        """The payload of the subscription's next `next` message."""
        message = await self.next(sid, timeout)
        assert message["type"] == "next", message
        return message["payload"]

    async def nothing(self, sid: str, seconds: float = 1.0) -> None:
        await asyncio.sleep(seconds)
        assert self.queues[sid].empty(), self.queues[sid].get_nowait()


@contextlib.asynccontextmanager
async def connect(url: str, payload: dict):
    async with websockets.connect(url.replace("http://", "ws://") + "/graphql",
                                  subprotocols=["graphql-transport-ws"]) as connection:
        await connection.send(json.dumps({"type": "connection_init", "payload": payload}))
        client = Client(connection)
        yield client
        client._reader.cancel()


@contextlib.asynccontextmanager
async def subscriber(url: str, token: str):
    async with connect(url, {"Authorization": f"Bearer {token}"}) as client:
        assert (await client.next(None))["type"] == "connection_ack"
        yield client


async def ready(client: Client) -> None:
    """Subscriptions start asynchronously: a ping's pong says earlier messages were taken,
    and a moment more lets their streams join the process's feed reader."""
    await client.connection.send(json.dumps({"type": "ping"}))
    assert (await client.next(None))["type"] == "pong"
    await asyncio.sleep(0.3)


class Writer:
    """GraphQL over HTTP to one process, as a user."""

    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self.http, self.url = http, url

    async def post(self, query: str, variables: dict | None, token: str) -> dict:
        response = await self.http.post(f"{self.url}/graphql", json={"query": query, "variables": variables or {}},
                                        headers={"Authorization": f"Bearer {token}"})
        return response.json()

    async def gql(self, query: str, variables: dict | None, token: str) -> dict:
        body = await self.post(query, variables, token)
        assert "errors" not in body, body
        return body["data"]


@pytest.fixture
async def world(api):
    """Territories North and South; Ana (sales, North), Bob (sales, South); tokens."""
    north, south = await Territory.create(name="North"), await Territory.create(name="South")
    tokens = {"ADMIN": api.token}
    for who, territory in (("ANA", north), ("BOB", south)):
        user = await User.create(email=f"{who.lower()}@example.com", role=Role.SALES)
        await user.territories.add(territory)
        tokens[who] = await create_token(user)
    return {"tokens": tokens, "North": to_global_id("Territory", north.id), "South": to_global_id("Territory", south.id)}


async def test_a_change_through_another_worker_reaches_each_subscriber_as_their_rules_allow(workers, world):
    writer_url, reader_url = workers
    tokens = world["tokens"]
    async with httpx.AsyncClient(timeout=30) as http, \
            subscriber(reader_url, tokens["ANA"]) as ana, subscriber(reader_url, tokens["BOB"]) as bob, \
            subscriber(reader_url, tokens["ADMIN"]) as admin:
        writer = Writer(http, writer_url)
        ana_accounts, bob_accounts = await ana.subscribe(ACCOUNTS), await bob.subscribe(ACCOUNTS)
        admin_n = await admin.subscribe(ACCOUNTS, {"f": {"name": {"startsWith": "N"}}})
        deals = "subscription { opportunityChanged { kind record { name amount commission } } }"
        ana_deals = await ana.subscribe(deals)
        for client in (ana, bob, admin):
            await ready(client)

        created = (await writer.gql('mutation($t: ID!) { createAccount(input: {name: "North 1", territoryId: $t}) '
                                    '{ id } }', {"t": world["North"]}, tokens["ADMIN"]))["createAccount"]
        written = time.monotonic()
        event = (await ana.data(ana_accounts))["data"]["accountChanged"]
        assert time.monotonic() - written < 1.0, "the other worker's subscriber heard of the change too late"
        assert (event["kind"], event["id"], event["record"]) == ("CREATE", created["id"], {"name": "North 1"})
        assert "name" in event["changedFields"] and int(event["sequence"]) > 0
        assert (await admin.data(admin_n))["data"]["accountChanged"]["id"] == created["id"]

        south = (await writer.gql('mutation($t: ID!) { createAccount(input: {name: "South 1", territoryId: $t}) '
                                  '{ id } }', {"t": world["South"]}, tokens["ADMIN"]))["createAccount"]
        assert (await bob.data(bob_accounts))["data"]["accountChanged"]["id"] == south["id"]
        await ana.nothing(ana_accounts)  # not her territory
        await admin.nothing(admin_n)  # not her filter
        # Bob's first event was South 1: North 1 never reached him.
        assert bob.queues[bob_accounts].empty()

        # A field hidden from sales (commission) gives the error a query gives, never the value.
        stage = (await writer.gql('mutation { createPipelineStage(input: {name: "Proposal", position: 1, '
                                  'probability: 50}) { id } }', None, tokens["ADMIN"]))["createPipelineStage"]
        deal = (await writer.gql('mutation($a: ID!, $s: ID!) { createOpportunity(input: {name: "Deal", '
                                 'accountId: $a, stageId: $s, amount: "100.00", commission: "7.00"}) { id } }',
                                 {"a": created["id"], "s": stage["id"]}, tokens["ADMIN"]))["createOpportunity"]
        payload = await ana.data(ana_deals)
        assert payload["data"]["opportunityChanged"] == {
            "kind": "CREATE", "record": {"name": "Deal", "amount": "100.00", "commission": None}}
        assert "7.00" not in json.dumps(payload)
        query = await writer.post('query($id: ID!) { opportunity(id: $id) { name amount commission } }',
                                  {"id": deal["id"]}, tokens["ANA"])
        assert [e["extensions"]["code"] for e in payload["errors"]] == \
            [e["extensions"]["code"] for e in query["errors"]] == ["FORBIDDEN"]
        assert payload["errors"][0]["path"] == ["opportunityChanged", "record", "commission"]


async def test_rule_and_plugin_changes_while_subscribed_shape_the_next_events(workers, world):
    writer_url, reader_url = workers
    tokens = world["tokens"]
    async with httpx.AsyncClient(timeout=60) as http, subscriber(reader_url, tokens["ANA"]) as ana:
        writer = Writer(http, writer_url)
        account = (await writer.gql('mutation($t: ID!) { createAccount(input: {name: "North 1", territoryId: $t}) '
                                    '{ id } }', {"t": world["North"]}, tokens["ADMIN"]))["createAccount"]
        document = "subscription { accountChanged { kind id changedFields record { name website } } }"
        sid = await ana.subscribe(document)
        await ready(ana)
        twin = await ana.subscribe(document)  # joins the same stream, which goes on across the rule change
        await ready(ana)
        await writer.gql(UPDATE_ACCOUNT, {"id": account["id"], "v": 1, "i": {"website": "https://one.example"}},
                         tokens["ADMIN"])
        event = (await ana.data(sid))["data"]["accountChanged"]
        assert event["record"] == {"name": "North 1", "website": "https://one.example"}
        assert (await ana.data(twin))["data"]["accountChanged"] == event

        # A field rule set while subscribed holds for the next change: the error, not the value.
        await writer.gql('mutation { setFieldRule(role: "SALES", entity: "Account", field: "website", hidden: true) }',
                         None, tokens["ADMIN"])
        await writer.gql(UPDATE_ACCOUNT, {"id": account["id"], "v": 2, "i": {"website": "https://two.example"}},
                         tokens["ADMIN"])
        payload = await ana.data(sid)
        assert await ana.data(twin) == payload
        assert "two.example" not in json.dumps(payload)
        assert payload["data"]["accountChanged"]["record"] == {"name": "North 1", "website": None}
        assert payload["data"]["accountChanged"]["changedFields"] == []  # the hidden field's name too
        assert [e["extensions"]["code"] for e in payload["errors"]] == ["FORBIDDEN"]

        # The record leaves her sight (moved to South): she is told it went, with its ID only.
        await writer.gql(UPDATE_ACCOUNT, {"id": account["id"], "v": 3, "i": {"territoryId": world["South"]}},
                         tokens["ADMIN"])
        removed = {"kind": "REMOVED", "id": account["id"], "changedFields": [], "record": None}
        assert (await ana.data(sid))["data"]["accountChanged"] == removed
        assert (await ana.data(twin))["data"]["accountChanged"] == removed
        await ana.connection.send(json.dumps({"id": twin, "type": "complete"}))
        await writer.gql(UPDATE_ACCOUNT, {"id": account["id"], "v": 4, "i": {"name": "Secret"}}, tokens["ADMIN"])
        await ana.nothing(sid)

        # A plugin registered at run time is subscribable without a restart...
        await writer.gql(REGISTER, {"d": PRIORITY_PLUGIN}, tokens["ADMIN"])
        mine = (await writer.gql('mutation($t: ID!) { createAccount(input: {name: "North 2", territoryId: $t}) '
                                 '{ id } }', {"t": world["North"]}, tokens["ADMIN"]))["createAccount"]
        assert (await ana.data(sid))["data"]["accountChanged"]["id"] == mine["id"]
        deadline = time.monotonic() + 10
        while True:  # the reader process follows the schema within its poll; until then, refused
            priority = await ana.subscribe("subscription { accountChanged { record { name priority } } }")
            try:
                message = await ana.next(priority, timeout=0.7)
            except asyncio.TimeoutError:
                break  # accepted: it waits for changes
            assert message["type"] == "error" and time.monotonic() < deadline, message
        await ready(ana)
        await writer.gql(UPDATE_ACCOUNT, {"id": mine["id"], "v": 1, "i": {"priority": "HIGH"}}, tokens["ADMIN"])
        assert (await ana.data(priority))["data"]["accountChanged"]["record"] == {"name": "North 2", "priority": "HIGH"}
        await ana.data(sid)  # the first subscription heard the same change

        # ...and once it is unregistered, its field is never delivered again: the
        # subscription that asks for it ends with the schema's error.
        await writer.gql(UNREGISTER, {"n": PRIORITY_PLUGIN["name"]}, tokens["ADMIN"])
        await writer.gql(UPDATE_ACCOUNT, {"id": mine["id"], "v": 2, "i": {"name": "North 2b"}}, tokens["ADMIN"])
        ended = await ana.next(priority, timeout=10)
        assert ended["type"] == "error", ended
        assert "priority" in json.dumps(ended["payload"]) and "HIGH" not in json.dumps(ended["payload"])
        assert (await ana.data(sid))["data"]["accountChanged"]["record"] == {"name": "North 2b", "website": None}


async def test_a_rolled_back_write_produces_no_event(workers, world):
    writer_url, reader_url = workers
    tokens = world["tokens"]
    async with httpx.AsyncClient(timeout=30) as http, subscriber(reader_url, tokens["ADMIN"]) as admin:
        writer = Writer(http, writer_url)
        ana = (await writer.gql("{ me { id } }", None, tokens["ANA"]))["me"]["id"]
        root = (await writer.gql("{ me { id } }", None, tokens["ADMIN"]))["me"]["id"]
        account = (await writer.gql('mutation($o: ID!) { createAccount(input: {name: "Hers", ownerId: $o}) { id } }',
                                    {"o": ana}, tokens["ADMIN"]))["createAccount"]
        sid = await admin.subscribe(ACCOUNTS)
        await ready(admin)
        # Giving her account away would put it out of her reach: refused inside the write's
        # transaction, after the update, so it rolls back.
        refused = await writer.post(UPDATE_ACCOUNT, {"id": account["id"], "v": 1, "i": {"ownerId": root}},
                                    tokens["ANA"])
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        # A change appended to the feed in a transaction that then fails.
        with pytest.raises(RuntimeError):
            async with in_transaction() as conn:
                await feed.append(conn, user_id=None, kind="update", entity="Account",
                                  record_id=from_global_id(account["id"])[1], changes={"name": ["Hers", "Lost"]})
                raise RuntimeError("roll back")
        await writer.gql(UPDATE_ACCOUNT, {"id": account["id"], "v": 1, "i": {"name": "Kept"}}, tokens["ADMIN"])
        event = (await admin.data(sid))["data"]["accountChanged"]
        assert (event["kind"], event["record"]) == ("UPDATE", {"name": "Kept"})
        await admin.nothing(sid)


async def test_a_reconnect_with_after_resumes_without_gaps_or_duplicates(workers, world):
    writer_url, reader_url = workers
    tokens = world["tokens"]
    async with httpx.AsyncClient(timeout=30) as http:
        writer = Writer(http, writer_url)

        async def write(name: str) -> None:
            await writer.gql('mutation($n: String!) { createAccount(input: {name: $n}) { id } }', {"n": name},
                             tokens["ADMIN"])

        seen: list[tuple[int, str]] = []
        async with subscriber(reader_url, tokens["ADMIN"]) as first:
            sid = await first.subscribe(ACCOUNTS)
            twin = await first.subscribe(ACCOUNTS)  # the same user and document: one shared stream
            await ready(first)
            for i in range(3):
                await write(f"before {i}")
            for _ in range(3):
                event = (await first.data(sid))["data"]["accountChanged"]
                assert (await first.data(twin))["data"]["accountChanged"] == event
                seen.append((int(event["sequence"]), event["record"]["name"]))
            # One of them stops; the other goes on.
            await first.connection.send(json.dumps({"id": twin, "type": "complete"}))
            await write("before 3")
            event = (await first.data(sid))["data"]["accountChanged"]
            seen.append((int(event["sequence"]), event["record"]["name"]))
            await first.nothing(twin, 0.5)
        for i in range(4):  # while nobody listens
            await write(f"away {i}")
        async with subscriber(reader_url, tokens["ADMIN"]) as second:
            sid = await second.subscribe(ACCOUNTS, {"after": str(seen[-1][0])})
            more = asyncio.ensure_future(asyncio.gather(*(write(f"during {i}") for i in range(4))))
            while len(seen) < 12:
                event = (await second.data(sid))["data"]["accountChanged"]
                seen.append((int(event["sequence"]), event["record"]["name"]))
            await more
            await second.nothing(sid, 0.5)
        committed = [(c.id, c.changes["name"][1]) for c in await feed.changes_after(0) if c.entity == "Account"]
        assert seen == committed  # every change once, in order

        # A position older than the feed keeps is refused with its own code.
        await Change.filter(id__lte=seen[4][0]).delete()
        async with subscriber(reader_url, tokens["ADMIN"]) as late:
            sid = await late.subscribe(ACCOUNTS, {"after": str(seen[1][0])})
            payload = await late.data(sid)
            assert payload["errors"][0]["extensions"]["code"] == "SEQUENCE_EXPIRED"
            assert payload["errors"][0]["extensions"]["field"] == "after"
            assert (await late.next(sid))["type"] == "complete"


# Events of about 50 kB (100 copies of a 500-character website; the test servers allow the
# aliases, and the stalling client asks for no compression), so the buffers between a server
# and a client that stopped reading fill after a few dozen of them: about 3 MB where this was
# measured (the server socket's send buffer grows to tcp_wmem's 4 MB), 60 events, then 20
# queued, of the test's 150.
WIDE = "record { name " + " ".join(f"w{i}: website" for i in range(100)) + " } } }"
WIDE_ACCOUNTS = "subscription { accountChanged { sequence " + WIDE
WIDE_ACCOUNTS_AFTER = "subscription($after: Sequence) { accountChanged(after: $after) { sequence " + WIDE


@contextlib.asynccontextmanager
async def stalling_subscriber(url: str, token: str):
    """A subscriber that can stop reading (`client._reader.cancel()`): a small socket receive
    buffer and frame queue, so the server's sends to it wait once a few dozen events are in
    flight, as a browser tab that hangs would make them."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connecting: it sets the window
    sock.connect((host, int(port)))
    async with websockets.connect(f"ws://{host}:{port}/graphql", sock=sock, max_queue=1, compression=None,
                                  subprotocols=["graphql-transport-ws"]) as connection:
        await connection.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
        client = Client(connection)
        assert (await client.next(None))["type"] == "connection_ack"
        yield client
        client._reader.cancel()


async def test_a_subscriber_that_stops_reading_ends_with_an_error_and_resumes_with_after(settings, api):
    """With CRM_LIVE_QUEUE_LIMIT=20, a subscriber whose client stops reading falls 20 events
    behind and ends with SUBSCRIBER_TOO_SLOW naming the last sequence sent; a subscriber of
    the same shared stream gets every change; `after` that sequence gets the rest."""
    token, changes = api.token, 150
    async with servers(settings.database_url, 1, CRM_LIVE_QUEUE_LIMIT="20", CRM_MAX_ALIASES="100",
                       **FAST) as (url,), \
            httpx.AsyncClient(timeout=30) as http, subscriber(url, token) as steady, \
            stalling_subscriber(url, token) as stalled:
        writer = Writer(http, url)
        sid = await steady.subscribe(WIDE_ACCOUNTS)
        await ready(steady)
        slow = await stalled.subscribe(WIDE_ACCOUNTS)  # the same token and document: one shared stream
        await ready(stalled)
        stalled._reader.cancel()  # the client stops reading

        website = "https://example.com/" + "x" * 480
        names = iter(range(changes))

        async def write() -> None:
            for i in names:
                await writer.gql('mutation($n: String!, $w: String!) { createAccount(input: {name: $n, website: $w}) '
                                 '{ id } }', {"n": f"account {i}", "w": website}, token)

        await asyncio.gather(*(write() for _ in range(4)))
        committed = [c.id for c in await feed.changes_after(0) if c.entity == "Account"]
        assert len(committed) == changes
        # The other subscriber of the stream gets every change.
        got = [int((await steady.data(sid, timeout=15))["data"]["accountChanged"]["sequence"])
               for _ in range(changes)]
        assert got == committed

        # The stalled one reads again: what was in flight, then the error.
        stalled._reader = asyncio.create_task(stalled._read())
        sent = []
        while len(sent) < changes and (message := await stalled.next(slow, timeout=15))["type"] == "next":
            sent.append(int(message["payload"]["data"]["accountChanged"]["sequence"]))
        assert message["type"] == "error", (len(sent), message["type"])
        error = message["payload"][0]
        assert error["extensions"] == {"code": "SUBSCRIBER_TOO_SLOW", "limit": 20, "sequence": str(sent[-1])}
        assert sent == committed[:len(sent)] and len(sent) < changes, (len(sent), changes)
        await stalled.nothing(slow, 0.5)

        # Resumed with `after`, it gets every change after the one the error named.
        resumed = await stalled.subscribe(WIDE_ACCOUNTS_AFTER, {"after": error["extensions"]["sequence"]})
        rest = [int((await stalled.data(resumed, timeout=15))["data"]["accountChanged"]["sequence"])
                for _ in range(changes - len(sent))]
        assert sent + rest == committed
        await stalled.nothing(resumed, 0.5)


async def test_renamed_names_limits_and_tokens(workers, world):
    writer_url, reader_url = workers
    tokens = world["tokens"]
    async with httpx.AsyncClient(timeout=60) as http:
        writer = Writer(http, writer_url)
        await writer.gql(REGISTER, {"d": {"name": "clients", "renames": [
            {"entity": "Account", "to": "Client", "plural": "Clients", "keep_alias": True},
            {"entity": "Account", "field": "website", "to": "homepage", "keep_alias": True}]}}, tokens["ADMIN"])
        await asyncio.sleep(1.5)  # the reader process follows within its schema poll
        async with subscriber(reader_url, tokens["ADMIN"]) as admin:
            new = await admin.subscribe('subscription { clientChanged(filter: {homepage: {contains: "acme"}}) '
                                        '{ changedFields record { __typename name homepage } } }')
            old = await admin.subscribe('subscription { accountChanged(filter: {website: {contains: "acme"}}) '
                                        '{ changedFields record { __typename name website } } }')
            await ready(admin)
            await writer.gql('mutation { createClient(input: {name: "Acme", homepage: "https://acme.example"}) '
                             '{ id } }', None, tokens["ADMIN"])
            await writer.gql('mutation { createClient(input: {name: "Other", homepage: "https://other.example"}) '
                             '{ id } }', None, tokens["ADMIN"])
            got_new = (await admin.data(new))["data"]["clientChanged"]
            got_old = (await admin.data(old))["data"]["accountChanged"]
            assert got_new["record"] == {"__typename": "Client", "name": "Acme", "homepage": "https://acme.example"}
            assert got_old["record"] == {"__typename": "Account", "name": "Acme", "website": "https://acme.example"}
            assert "homepage" in got_new["changedFields"] and "website" not in got_new["changedFields"]
            await admin.nothing(new, 0.5)

            # The limits of queries hold for subscription documents.
            nested = "people { edges { node { accounts { edges { node { "
            deep = "subscription { accountChanged { record { " + nested * 2 + "id" + " }" * 15
            refused = await admin.next(await admin.subscribe(deep))
            assert refused["type"] == "error"
            assert refused["payload"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
            costly = ("subscription { accountChanged { record { people(first: 100) { edges { node { "
                      "accounts(first: 100) { edges { node { people(first: 100) { edges { node { id } } } } } } } } } } } }")
            refused = (await admin.data(await admin.subscribe(costly)))["errors"][0]
            assert refused["extensions"]["code"] == "LIMIT_EXCEEDED" and refused["extensions"]["cost"] > 50_000
            # Malformed operations are refused one by one; the connection stays.
            for bad in ({"operationName": {"not": "a name"}}, {"variables": {"f": {"name": {"eq": "a\u0000b"}}}}):
                refused = await admin.next(await admin.subscribe(ACCOUNTS, **bad))
                assert refused["type"] == "error", refused
            await admin.connection.send(json.dumps({"type": "ping"}))
            assert (await admin.next(None))["type"] == "pong"

    # A bad token is refused: the connection closes with 4403 Forbidden.
    for payload in ({"Authorization": "Bearer crm_wrong"}, {}, {"token": "crm_wrong"}):
        async with connect(reader_url, payload) as client:
            assert await asyncio.wait_for(client.closed, 5) == 4403
    async with connect(reader_url, {"token": tokens["BOB"]}) as client:  # the short form works
        assert (await client.next(None))["type"] == "connection_ack"
        # A token revoked while connected closes the connection.
        await revoke_tokens(await User.get(email="bob@example.com"))
        assert await asyncio.wait_for(client.closed, 5) == 4403


async def test_a_subscription_sent_over_http_is_refused_with_a_clear_error(api):
    response = await api.client.post("/graphql", json={"query": "subscription { accountChanged { id } }"},
                                     headers={"Authorization": f"Bearer {api.token}",
                                              "Accept": "application/graphql-response+json"})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST" and "WebSocket" in error["message"]


async def test_with_the_feed_switched_off_writes_leave_no_change(api):
    """CRM_CHANGE_FEED=off (bench/live.py measures the outbox's cost with it) writes nothing
    to the feed; switched on again, changes are written."""
    feed.configure(False)
    try:
        await api.gql('mutation { createAccount(input: {name: "Unrecorded"}) { id } }')
    finally:
        feed.configure(True)
    assert await feed.changes_after(0) == []
    await api.gql('mutation { createAccount(input: {name: "Recorded"}) { id } }')
    assert [c.changes["name"][1] for c in await feed.changes_after(0)] == ["Recorded"]


async def test_in_trusted_mode_only_registered_subscription_documents_run(settings, api, world):
    from crm_graphql.graphql.persisted import register_documents

    sales = world["tokens"]["ANA"]
    async with servers(settings.database_url, 1, CRM_PERSISTED_DOCUMENTS="trusted", **FAST) as (url,), \
            subscriber(url, sales) as ana:
        refused = await ana.next(await ana.subscribe(ACCOUNTS))
        assert refused["type"] == "error"
        assert refused["payload"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
        await register_documents(api.client._transport.app.state.service, {"accounts-live": ACCOUNTS}, "web")
        accepted = await ana.subscribe(ACCOUNTS)
        with pytest.raises(asyncio.TimeoutError):  # it runs: it waits for changes
            await ana.next(accepted, timeout=1.0)


async def test_a_role_change_or_a_deactivation_reaches_open_subscriptions_at_once(settings, api, world):
    """Not after the token check's timer (30 s by default): the change itself restarts the
    streams as the subscriber is now, and closes a deactivated user's connection. On
    PostgreSQL through another worker (NOTIFY crm_auth); SQLite has one process."""
    tokens = world["tokens"]
    environment = {key: value for key, value in FAST.items() if key != "CRM_LIVE_TOKEN_CHECK_SECONDS"}
    count = 2 if settings.database_url.startswith("postgres") else 1
    async with servers(settings.database_url, count, **environment) as urls, httpx.AsyncClient(timeout=30) as http, \
            subscriber(urls[-1], tokens["ANA"]) as ana, subscriber(urls[-1], tokens["BOB"]) as bob:
        writer = Writer(http, urls[0])
        sid = await ana.subscribe(ACCOUNTS)
        await ready(ana)
        create = 'mutation($n: String!, $t: ID!) { createAccount(input: {name: $n, territoryId: $t}) { id } }'
        await writer.gql(create, {"n": "North 1", "t": world["North"]}, tokens["ADMIN"])
        assert (await ana.data(sid))["data"]["accountChanged"]["record"] == {"name": "North 1"}

        # Ana becomes an external helper, who sees no accounts: the next account is not hers.
        ana_id = to_global_id("User", (await User.get(email="ana@example.com")).id)
        await writer.gql('mutation($id: ID!) { updateUser(id: $id, input: {role: EXTERNAL}) { id } }',
                         {"id": ana_id}, tokens["ADMIN"])
        await writer.gql(create, {"n": "North 2", "t": world["North"]}, tokens["ADMIN"])
        await ana.nothing(sid, 1.5)

        # Bob is deactivated: his connection closes now.
        bob_id = to_global_id("User", (await User.get(email="bob@example.com")).id)
        await writer.gql('mutation($id: ID!) { updateUser(id: $id, input: {isActive: false}) { id } }',
                         {"id": bob_id}, tokens["ADMIN"])
        assert await asyncio.wait_for(bob.closed, 5) == 4403
