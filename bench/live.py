"""What live updates cost, on PostgreSQL with `crm-graphql serve --workers 2`:

(a) the change feed's cost to writes: concurrent writers update accounts through the API
    for --seconds, with the feed on and with `CRM_CHANGE_FEED=off` (no outbox row, no
    NOTIFY), alternating, --rounds each; printed: writes per second and the ratio
    on/off (the share the feed costs), and the API processes' CPU per write (steadier than
    the rate on a shared machine). Target: at most 15 %.
(b) latency from commit to a subscriber's message with --subscribers WebSocket
    subscribers (admin, a manager and a sales user of the written accounts' territory,
    a sales user of another territory who is sent nothing, and bi users), spread by the
    kernel over both workers, while one writer updates an account --rate times a second,
    twice: with one document for all (subscriptions of one user share a stream), and with
    a filter of its own for each subscriber (nothing shared: 100 reads per change):
    from the change row's insert (in the write's transaction, just before its commit; the
    database's clock, which is this machine's) to the message's arrival. Printed: median
    and p99 per round, and their medians. Target: p99 under 100 ms.

The bench database `crm_live_bench` is recreated; ports come from 47350-47399.

    .venv/bin/python bench/live.py [--rounds 3] [--seconds 10] [--writers 8] [--subscribers 100]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
import httpx  # noqa: E402
import websockets  # noqa: E402

from bench.bi import asyncpg_dsn, recreate_database, say, wait_ready  # noqa: E402
from bench.nested_view import warn_if_busy  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/crm_live_bench"
PORTS = range(47350, 47400)
UPDATE = "mutation($id: ID!, $v: Int!, $w: String!) { updateAccount(id: $id, version: $v, input: {website: $w}) " \
         "{ version } }"
SUBSCRIPTION = "subscription($f: AccountFilter) { accountChanged(filter: $f) { sequence kind record { name website } } }"
# Subscribers by role, in turn: who sees the written accounts and who does not (BOB).
ROLES = ("ADMIN", "MANAGER", "ANA", "BOB", "BI")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--writers", type=int, default=8, help="concurrent writers in (a)")
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--rate", type=float, default=5.0, help="writes per second in (b)")
    parser.add_argument("--part", choices=("a", "b", "both"), default="both")
    return parser.parse_args()


async def prepare(url: str, writers: int) -> tuple[dict[str, str], list[str]]:
    """Users of each role with their tokens, and one North account per writer (+1 for (b))."""
    from crm_graphql import db
    from crm_graphql.auth.tokens import create_token
    from crm_graphql.config import Settings
    from crm_graphql.ids import to_global_id
    from crm_graphql.migrate import upgrade
    from crm_graphql.models import Account, Role, Territory, User

    await recreate_database(url)
    settings = Settings.from_env(database_url=url)
    await upgrade(settings)
    await db.init(settings)
    try:
        north, south = await Territory.create(name="North"), await Territory.create(name="South")
        tokens = {}
        for who, role, territory in (("ADMIN", Role.ADMIN, None), ("MANAGER", Role.MANAGER, north),
                                     ("ANA", Role.SALES, north), ("BOB", Role.SALES, south), ("BI", Role.BI, None)):
            user = await User.create(email=f"{who.lower()}@bench.example", role=role)
            if territory is not None:
                await user.territories.add(territory)
            tokens[who] = await create_token(user)
        admin = await User.get(email="admin@bench.example")
        accounts = [to_global_id("Account", (await Account.create(name=f"North {i}", owner=admin, territory=north)).id)
                    for i in range(writers + 1)]
        return tokens, accounts
    finally:
        await db.close()


class Server:
    """`crm-graphql serve --workers 2` on a port of the range."""

    def __init__(self, url: str, **environment: str) -> None:
        self.port = next(p for p in PORTS if _free(p))
        env = {**os.environ, "DATABASE_URL": url, "CRM_LOG_FORMAT": "json", **environment}
        self.process = subprocess.Popen(
            [str(ROOT / ".venv/bin/crm-graphql"), "serve", "--port", str(self.port), "--workers", "2"],
            env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> "Server":
        await wait_ready(self.base, self.process)
        await asyncio.sleep(2)  # both workers up
        return self

    async def __aexit__(self, *_exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children, from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
            pending += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def _free(port: int) -> bool:
    import socket
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


# -- (a) writes per second, feed on and off ----------------------------------------------


async def write_rate(url: str, token: str, accounts: list[str], seconds: float,
                     feed_on: bool) -> tuple[float, float]:
    """Writes per second, and the API processes' CPU milliseconds per write."""
    async with Server(url, CRM_CHANGE_FEED="on" if feed_on else "off") as server:
        async with httpx.AsyncClient(base_url=server.base, timeout=60,
                                     headers={"Authorization": f"Bearer {token}"}) as client:
            versions = {}
            for account in accounts:  # the current versions (earlier rounds wrote too)
                query = "query($id: ID!) { account(id: $id) { version } }"
                versions[account] = (await client.post("/graphql", json={"query": query, "variables": {
                    "id": account}})).json()["data"]["account"]["version"]
            done = 0
            deadline = time.perf_counter() + 1 + seconds  # a second of warm-up, not counted
            start = time.perf_counter() + 1
            cpu_before = None

            async def writer(account: str) -> None:
                nonlocal done
                for i in itertools.count():
                    response = await client.post("/graphql", json={"query": UPDATE, "variables": {
                        "id": account, "v": versions[account], "w": f"https://w{i}.example"}})
                    body = response.json()
                    assert "errors" not in body, body
                    versions[account] = body["data"]["updateAccount"]["version"]
                    now = time.perf_counter()
                    if now >= deadline:
                        return
                    if now >= start:
                        nonlocal cpu_before
                        cpu_before = cpu_before if cpu_before is not None else cpu_seconds(server.process.pid)
                        done += 1

            await asyncio.gather(*(writer(a) for a in accounts))
            return done / seconds, (cpu_seconds(server.process.pid) - cpu_before) * 1000 / done


# -- (b) latency from commit to message ---------------------------------------------------


async def latency(url: str, tokens: dict[str, str], account: str, subscribers: int, seconds: float,
                  rate: float, distinct: bool) -> tuple[float, float, int]:
    """`distinct`: every subscriber has a filter of its own (all match the account written),
    so no two share a stream or a read; else those of one user share them."""
    arrivals: list[tuple[int, float]] = []  # (sequence, arrival time)
    async with Server(url) as server:
        ws_url = server.base.replace("http://", "ws://") + "/graphql"
        connections = []
        for i in range(subscribers):
            token = tokens[ROLES[i % len(ROLES)]]
            connection = await websockets.connect(ws_url, subprotocols=["graphql-transport-ws"], max_queue=None)
            await connection.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
            assert json.loads(await connection.recv())["type"] == "connection_ack"
            variables = {"f": {"name": {"ne": f"other {i}"}}} if distinct else {}
            await connection.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
                "query": SUBSCRIPTION, "variables": variables}}))
            connections.append(connection)

        async def listen(connection) -> None:
            async for text in connection:
                message = json.loads(text)
                if message["type"] == "next":
                    arrivals.append((int(message["payload"]["data"]["accountChanged"]["sequence"]), time.time()))

        listeners = [asyncio.create_task(listen(c)) for c in connections]
        await asyncio.sleep(2)  # every subscription has joined its worker's feed reader
        async with httpx.AsyncClient(base_url=server.base, timeout=60,
                                     headers={"Authorization": f"Bearer {tokens['ADMIN']}"}) as client:
            version = (await client.post("/graphql", json={"query": "query($id: ID!) { account(id: $id) { version } }",
                                                           "variables": {"id": account}})).json()["data"]["account"]["version"]
            for i in range(int(seconds * rate)):
                started = time.perf_counter()
                body = (await client.post("/graphql", json={"query": UPDATE, "variables": {
                    "id": account, "v": version, "w": f"https://l{i}.example"}})).json()
                version = body["data"]["updateAccount"]["version"]
                await asyncio.sleep(max(0.0, 1 / rate - (time.perf_counter() - started)))
        await asyncio.sleep(2)  # the last messages
        for task in listeners:
            task.cancel()
        for connection in connections:
            await connection.close()
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        rows = await connection.fetch("SELECT id, extract(epoch FROM at) AS at FROM change_feed WHERE id = ANY($1)",
                                      list({sequence for sequence, _ in arrivals}))
    finally:
        await connection.close()
    committed = {row["id"]: float(row["at"]) for row in rows}
    delays = sorted((arrived - committed[sequence]) * 1000 for sequence, arrived in arrivals)
    writes = int(seconds * rate)
    expected = writes * sum(1 for i in range(subscribers) if ROLES[i % len(ROLES)] != "BOB")
    if len(delays) != expected:
        say(f"WARNING: {len(delays)} messages arrived, {expected} expected")
    return statistics.median(delays), delays[int(len(delays) * 0.99) - 1], len(delays)


async def main() -> int:
    args = parse_args()
    say(f"preparing {args.database_url}")
    tokens, accounts = await prepare(args.database_url, args.writers)
    warn_if_busy("before the measurements")
    rates: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for round_ in range(args.rounds if args.part != "b" else 0):
        for feed_on in (True, False):
            rate, cpu_ms = await write_rate(args.database_url, tokens["ADMIN"], accounts[:-1], args.seconds, feed_on)
            rates[feed_on].append(rate)
            cpu[feed_on].append(cpu_ms)
            say(f"(a) round {round_ + 1}: feed {'on ' if feed_on else 'off'} {rate:7.1f} writes/s, "
                f"API CPU {cpu_ms:.1f} ms/write ({args.writers} writers, 2 workers)")
    if args.part != "b":
        on, off = statistics.median(rates[True]), statistics.median(rates[False])
        cost = 1 - on / off
        say(f"(a) medians: feed on {on:.1f} writes/s, off {off:.1f} writes/s: on/off {on / off:.3f}, "
            f"the feed costs {cost:.1%} of writes ({'within' if cost <= 0.15 else 'ABOVE'} the 15 % target); "
            f"API CPU per write {statistics.median(cpu[True]):.1f} ms on, {statistics.median(cpu[False]):.1f} ms off")
    for distinct in (False, True) if args.part != "a" else ():
        what = "each with a filter of its own" if distinct else f"{len(ROLES)} users, one document"
        medians, p99s = [], []
        for round_ in range(args.rounds):
            median, p99, count = await latency(args.database_url, tokens, accounts[-1], args.subscribers,
                                               args.seconds, args.rate, distinct)
            medians.append(median)
            p99s.append(p99)
            say(f"(b) round {round_ + 1}: {args.subscribers} subscribers ({what}), {count} messages: "
                f"median {median:.1f} ms, p99 {p99:.1f} ms")
        p99 = statistics.median(p99s)
        say(f"(b) medians, {what}: commit to message median {statistics.median(medians):.1f} ms, p99 {p99:.1f} ms "
            f"({'within' if p99 < 100 else 'ABOVE'} the 100 ms target)")
    warn_if_busy("after the measurements")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
