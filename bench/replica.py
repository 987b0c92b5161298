"""Primary + one streaming replica against the primary alone, in one run on this machine.

A throwaway primary and replica (tests/replica_cluster.py: initdb, pg_basebackup -R,
ports 5440/5441) get `crm-graphql seed --scale --accounts`; then one API process is
started twice: on the primary alone, and with DATABASE_REPLICA_URLS. For each it measures
  view     the nested account view (bench.queries, compiled) under load: req/s, p50, p99
  export   GET /export/people.csv: rows/s (median of --exports)
  writes   createAccount latency, sequential, alone and while exports run back to back
           (p50 / p99): what a BI extract costs the writers
and which database served the reads (from /metrics). Printed with the replica/primary
ratios.

On one 2-core machine the replica runs on the same cores as the primary, the API and
the load generator, so it cannot add capacity here: what this shows is that routing
works and what it costs, not the scaling a replica on its own machine gives.

    .venv/bin/python bench/replica.py [--accounts 2000] [--duration 8] [--exports 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
import httpx  # noqa: E402
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

from bench.nested_view import Endpoint, load  # noqa: E402
from bench.queries import nested_account_view_request  # noqa: E402
from tests.replica_cluster import primary_and_replica  # noqa: E402

COMMAND = Path(sys.executable).parent / "crm-graphql"
CREATE = 'mutation($name: String!) { createAccount(input: {name: $name}) { id } }'


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=2000, help="accounts to seed (5 people each; default 2000)")
    parser.add_argument("--duration", type=float, default=8.0, help="seconds of load for the view and the writes")
    parser.add_argument("--exports", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8160)
    return parser.parse_args()


def cli(env: dict, *args: str) -> str:
    return subprocess.run([str(COMMAND), *args], env=env, check=True, capture_output=True, text=True,
                          timeout=1800).stdout


async def prepare(cluster, accounts: int) -> tuple[dict, str]:
    conn = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{cluster.primary_port}/postgres")
    await conn.execute("CREATE DATABASE crm_bench18_replica")
    await conn.close()
    env = {**os.environ, "DATABASE_URL": cluster.url("crm_bench18_replica"), "CRM_LOG_FORMAT": "json"}
    cli(env, "migrate")
    print(f"seeding {accounts} accounts ...", flush=True)
    cli(env, "seed", "--scale", str(accounts))
    cli(env, "users", "create", "--email", "bench@example.com", "--role", "admin")
    token = cli(env, "tokens", "create", "--email", "bench@example.com").strip().splitlines()[-1]
    replica = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{cluster.replica_port}/crm_bench18_replica")
    for _ in range(600):  # until the replica has the seed
        if await replica.fetchval("SELECT to_regclass('api_token') IS NOT NULL") and \
                await replica.fetchval("SELECT count(*) FROM api_token") > 0:
            break
        await asyncio.sleep(0.2)
    await replica.close()
    return env, token


async def measure(env: dict, token: str, port: int, args, workdir: Path) -> dict:
    server = subprocess.Popen([str(COMMAND), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with httpx.AsyncClient(base_url=base, timeout=300, headers=headers) as client:
            for _ in range(600):
                try:
                    if (await client.get("/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.2)
            view = Endpoint("compiled", "/graphql", "POST", json.dumps(nested_account_view_request()).encode(),
                            f"Bearer {token}")
            load("python", base, view, 2, args.connections, workdir)  # warm-up
            rounds = [load("python", base, view, args.duration, args.connections, workdir) for _ in range(3)]
            view_round = sorted(rounds, key=lambda r: r.requests_per_s)[1]
            rates = []
            for _ in range(args.exports):
                started = time.perf_counter()
                export = await client.get("/export/people.csv?fields=id,email")
                rates.append((export.text.count("\n") - 1) / (time.perf_counter() - started))
            alone = await write_latencies(client, args.duration)
            stop = asyncio.Event()

            async def exports_back_to_back():
                async with httpx.AsyncClient(base_url=base, timeout=300, headers=headers) as other:
                    while not stop.is_set():
                        await other.get("/export/people.csv")

            background = asyncio.create_task(exports_back_to_back())
            await asyncio.sleep(0.5)
            during = await write_latencies(client, args.duration)
            stop.set()
            await background
            metrics = (await client.get("/metrics")).text
    finally:
        server.terminate()
        server.wait(timeout=30)
    reads = {s.labels["database"]: s.value for f in text_string_to_metric_families(metrics) for s in f.samples
             if s.name == "crm_reads_by_database_total"}
    return {"view": view_round, "export": statistics.median(rates), "alone": alone, "during": during, "reads": reads}


async def write_latencies(client: httpx.AsyncClient, seconds: float) -> tuple[float, float]:
    latencies, deadline, i = [], time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        i += 1
        started = time.perf_counter()
        response = await client.post("/graphql", json={"query": CREATE, "variables": {"name": f"w{i}"}})
        latencies.append(time.perf_counter() - started)
        assert "errors" not in response.json(), response.text
    latencies.sort()
    return latencies[len(latencies) // 2] * 1e3, latencies[int(len(latencies) * 0.99)] * 1e3


async def main() -> None:
    args = parse_args()
    with primary_and_replica() as cluster, tempfile.TemporaryDirectory() as workdir:
        env, token = await prepare(cluster, args.accounts)
        results = {}
        for mode in ("primary alone", "primary + replica"):
            mode_env = dict(env)
            if mode != "primary alone":
                mode_env["DATABASE_REPLICA_URLS"] = cluster.url("crm_bench18_replica", replica=True)
            print(f"measuring: {mode}", flush=True)
            results[mode] = await measure(mode_env, token, args.port, args, Path(workdir))
    one, two = results["primary alone"], results["primary + replica"]
    print(f"\n{args.accounts} accounts ({args.accounts * 5} people), one API process, "
          f"{args.connections} connections; medians")
    print(f"{'':28} {'primary alone':>18} {'primary + replica':>20} {'ratio':>7}")
    rows = [("nested view req/s", one["view"].requests_per_s, two["view"].requests_per_s),
            ("nested view p50 ms", one["view"].p50_ms, two["view"].p50_ms),
            ("nested view p99 ms", one["view"].p99_ms, two["view"].p99_ms),
            ("export people rows/s", one["export"], two["export"]),
            ("write p50 ms, alone", one["alone"][0], two["alone"][0]),
            ("write p99 ms, alone", one["alone"][1], two["alone"][1]),
            ("write p50 ms, during export", one["during"][0], two["during"][0]),
            ("write p99 ms, during export", one["during"][1], two["during"][1])]
    for label, a, b in rows:
        print(f"{label:28} {a:>18.1f} {b:>20.1f} {b / a:>7.2f}")
    print(f"requests whose reads went to each database: alone {one['reads']}, with replica {two['reads']}")


if __name__ == "__main__":
    asyncio.run(main())
