"""Benchmark: what a BI tool does, on PostgreSQL with a million people and activities.

Seeds its own database (default 200,000 accounts: 1,000,000 people, 1,000,000
activities, 600,000 opportunities, with the segmentation plugin's values), makes sure
the expression indexes of the indexed plugin fields exist (`query.expressions.index_sql`:
account tier, region and segment, person seniority), serves the real app with uvicorn
(one worker, the bundled plugins) and measures, as a user of the `bi` role:

  aggregate  `accountsAggregate` filtered on the indexed plugin field `tier`, grouped by
             `region` and `segment`, through POST /graphql: median of --runs
  export     GET /export/people.csv (and .ndjson): rows/s over HTTP for the whole table,
             and the server's peak memory while it runs (VmHWM of the uvicorn process,
             reset before each export through /proc/<pid>/clear_refs)
  copy       in the same run, `COPY (SELECT the same columns FROM person ORDER BY id) TO
             STDOUT WITH CSV` read with asyncpg: the reference rate for the export; and
             the same rows as `row_to_json`, PostgreSQL's own JSON, for the NDJSON export

and prints the ratios against the targets: aggregate < 50 ms, the CSV export >= 0.5x the
COPY rate, export peak memory < 200 MB. NDJSON is printed against both references: its
lines are twice CSV's bytes, and PostgreSQL writes JSON at about 0.4x its CSV rate, so
the CSV COPY is out of its reach. Export and COPY figures are medians of --exports runs;
the machine's load moves all of them, so compare runs made one after the other.

    python bench/bi.py                  # seed (a few minutes), then measure
    python bench/bi.py --reuse          # reuse the database when it is big enough
    BENCH_BI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/crm_bench_bi python bench/bi.py

The database is dropped and created again unless `--reuse` is given and it holds at
least `--accounts` accounts; its name must contain "bench".
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
import httpx  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/crm_bench_bi"
BI_EMAIL = "bench-bi@example.com"
AGGREGATE_TARGET_MS = 50
EXPORT_RATIO_TARGET = 0.5
MEMORY_TARGET_MB = 200

AGGREGATE = """
query BiAggregate($tier: AccountTier!) {
  accountsAggregate(filter: {tier: {eq: $tier}}, groupBy: [{field: region}, {field: segment}]) {
    totalCount
    groups { key { region segment } count sum { annualRevenue } avg { employeeCount } }
  }
}
"""
AGGREGATE_VARIABLES = {"tier": "GOLD"}
# A wider one for the record: people of one seniority per month they were added.
PEOPLE_AGGREGATE = """
query { peopleAggregate(filter: {seniority: {eq: EXECUTIVE}}, groupBy: [{field: createdAt, bucket: MONTH}]) {
  totalCount groups { key { createdAt } count } } }
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=200_000,
                        help="accounts to seed, 5 people and 5 activities each (default 200000)")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it is big enough")
    parser.add_argument("--runs", type=int, default=15, help="aggregate runs; the median counts (default 15)")
    parser.add_argument("--exports", type=int, default=3, help="runs of each export and COPY; the median counts (default 3)")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    args = parser.parse_args(argv)
    args.database_url = os.environ.get("BENCH_BI_DATABASE_URL", DEFAULT_DATABASE_URL)
    return args


def say(message: str) -> None:
    print(message, flush=True)


# -- database ----------------------------------------------------------------------------


def bench_settings(url: str):
    """The app's settings for the bench database, with the bundled plugins."""
    from crm_graphql.config import Settings

    return Settings.from_env(database_url=url, plugins_dir=str(ROOT / "plugins"))


def asyncpg_dsn(url: str, database: str | None = None) -> str:
    parts = urlsplit(url)
    path = f"/{database}" if database else parts.path
    return urlunsplit(("postgresql", parts.netloc, path, "", ""))


async def account_count(url: str) -> int | None:
    try:
        conn = await asyncpg.connect(asyncpg_dsn(url))
    except asyncpg.InvalidCatalogNameError:
        return None
    try:
        return await conn.fetchval("SELECT count(*) FROM account")
    except asyncpg.UndefinedTableError:
        return None
    finally:
        await conn.close()


async def recreate_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop database {name!r}: a bench database's name contains 'bench'")
    conn = await asyncpg.connect(asyncpg_dsn(url, "postgres"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def prepare_database(url: str, accounts: int, reuse: bool) -> str:
    """A migrated, seeded database with the plugin indexes; returns a bi user's token."""
    from crm_graphql import db
    from crm_graphql.auth.tokens import create_token
    from crm_graphql.migrate import upgrade
    from crm_graphql.models import Role, User
    from crm_graphql.service import Service, ensure_indexes

    settings = bench_settings(url)
    present = await account_count(url)
    fresh = not (reuse and present is not None and present >= accounts)
    if fresh:
        from crm_graphql.seed import seed_scale

        say(f"creating {urlsplit(url).path.lstrip('/')} and seeding {accounts} accounts")
        await recreate_database(url)
    else:
        say(f"reusing {urlsplit(url).path.lstrip('/')} ({present} accounts)")
    await upgrade(settings)
    await db.init(settings)
    try:
        if fresh:
            started, last = time.perf_counter(), [0.0]

            def progress(done: int) -> None:
                if time.perf_counter() - last[0] > 10:
                    last[0] = time.perf_counter()
                    say(f"  {done} accounts")

            counts = await seed_scale(accounts, progress=progress)
            say(f"  seeded in {time.perf_counter() - started:.0f} s: {counts}")
        # The indexes the API creates for `indexed` plugin fields, made here so the server
        # starts at once (CREATE INDEX IF NOT EXISTS: cheap when they exist).
        catalog = Service(settings).current.catalog
        started = time.perf_counter()
        await ensure_indexes(catalog, "postgres")
        await db.connection().execute_script("ANALYZE")
        say(f"  plugin expression indexes and ANALYZE: {time.perf_counter() - started:.1f} s")
        user, _ = await User.get_or_create(email=BI_EMAIL, defaults={"role": Role.BI, "name": "BI bench"})
        return await create_token(user, name="bench-bi")
    finally:
        await db.close()


async def row_count(url: str, table: str) -> int:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return await conn.fetchval(f'SELECT count(*) FROM "{table}"')
    finally:
        await conn.close()


async def explain(url: str, sql: str) -> str:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        rows = await conn.fetch("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)
        return "\n".join(row[0] for row in rows)
    finally:
        await conn.close()


# -- server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "CRM_DEVELOPMENT": "0", "CRM_PLUGINS_DIR": str(ROOT / "plugins")}
    command = [sys.executable, "-m", "uvicorn", "crm_graphql.asgi:app", "--host", "127.0.0.1",
               "--port", str(port), "--workers", "1", "--log-level", "warning", "--no-access-log"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


async def wait_ready(base: str, server: subprocess.Popen) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(600):
            if server.poll() is not None:
                raise SystemExit("the server exited while starting")
            try:
                if (await client.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("the server did not start in two minutes")


def memory_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def reset_peak(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0), so the peak is the export's own."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


# -- measurements ------------------------------------------------------------------------


async def time_aggregate(base: str, token: str, query: str, variables: dict, runs: int) -> tuple[float, dict]:
    headers = {"Authorization": f"Bearer {token}"}
    times, data = [], None
    async with httpx.AsyncClient(timeout=120) as client:
        for i in range(runs + 2):  # two warm-up runs
            started = time.perf_counter()
            response = await client.post(f"{base}/graphql", json={"query": query, "variables": variables},
                                         headers=headers)
            elapsed = time.perf_counter() - started
            body = response.json()
            if response.status_code != 200 or body.get("errors"):
                raise SystemExit(f"aggregate failed: {response.status_code} {body}")
            data = body["data"]
            if i >= 2:
                times.append(elapsed)
    return statistics.median(times) * 1000, data


async def time_export(base: str, token: str, path: str, pid: int) -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    rss_before = memory_kb(pid, "VmRSS")
    reset = reset_peak(pid)
    lines = size = 0
    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=None) as client:
        async with client.stream("GET", f"{base}{path}", headers=headers) as response:
            if response.status_code != 200:
                raise SystemExit(f"export failed: {response.status_code} {await response.aread()}")
            async for chunk in response.aiter_raw():
                lines += chunk.count(b"\n")
                size += len(chunk)
    elapsed = time.perf_counter() - started
    rows = lines - (1 if path.split("?")[0].endswith(".csv") else 0)
    return {"rows": rows, "seconds": elapsed, "rate": rows / elapsed, "mb": size / 1e6,
            "peak_mb": memory_kb(pid, "VmHWM") / 1024, "rss_before_mb": rss_before / 1024, "peak_reset": reset}


def copy_query(url: str) -> str:
    """The export's rows and columns, as PostgreSQL writes them by itself."""
    from crm_graphql.query.expressions import field_sql
    from crm_graphql.service import Service

    people = Service(bench_settings(url)).current.catalog["Person"]
    columns = ["t.id"] + [field_sql(f, "t", "postgres") for f in people.fields]
    columns += [f't."{r.column}"' for r in people.references]
    return f"SELECT {', '.join(columns)} FROM person t ORDER BY t.id"


async def time_copy(url: str, query: str, format: str = "csv") -> dict:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    counted = {"bytes": 0, "lines": 0}

    async def sink(chunk: bytes) -> None:
        counted["bytes"] += len(chunk)
        counted["lines"] += chunk.count(b"\n")

    try:
        started = time.perf_counter()
        await conn.copy_from_query(query, output=sink, format=format)
        elapsed = time.perf_counter() - started
    finally:
        await conn.close()
    return {"rows": counted["lines"], "seconds": elapsed, "rate": counted["lines"] / elapsed,
            "mb": counted["bytes"] / 1e6}


def median_run(runs: list[dict]) -> dict:
    """The run with the median rate (the lower middle one of an even number)."""
    return sorted(runs, key=lambda r: r["rate"])[(len(runs) - 1) // 2]


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


async def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    token = await prepare_database(args.database_url, args.accounts, args.reuse)
    people = await row_count(args.database_url, "person")
    activities = await row_count(args.database_url, "activity")
    say(f"rows: {people} people, {activities} activities, {await row_count(args.database_url, 'account')} accounts")
    if max(people, activities) < 1_000_000:
        say("note: fewer than 1,000,000 people or activities; use --accounts 200000 for the real figures")

    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.database_url, port)
    try:
        await wait_ready(base, server)
        say(f"server pid {server.pid}, RSS {memory_kb(server.pid, 'VmRSS') / 1024:.0f} MB after start")

        aggregate_ms, data = await time_aggregate(base, token, AGGREGATE, AGGREGATE_VARIABLES, args.runs)
        result = data["accountsAggregate"]
        say(f"aggregate (accounts, tier = GOLD, by region and segment): median {aggregate_ms:.1f} ms "
            f"of {args.runs}; {result['totalCount']} accounts in {len(result['groups'])} groups")
        people_ms, data = await time_aggregate(base, token, PEOPLE_AGGREGATE, {}, max(3, args.runs // 3))
        say(f"aggregate (people, seniority = EXECUTIVE, by month): median {people_ms:.1f} ms; "
            f"{data['peopleAggregate']['totalCount']} people")
        plan = await explain(args.database_url,
                             "SELECT custom->>'region', count(*) FROM account WHERE (custom->>'tier') = 'GOLD' GROUP BY 1")
        say("  plan of the filter: " + ("uses the tier expression index" if "ix_account_custom_tier" in plan
                                        else "does NOT use the tier index:\n" + plan))

        query = copy_query(args.database_url)
        json_query = f"SELECT row_to_json(r) FROM ({query}) r"
        copies, json_copies, csvs, ndjsons = [], [], [], []
        for _ in range(args.exports):
            copies.append(await time_copy(args.database_url, query))
            json_copies.append(await time_copy(args.database_url, json_query, format="text"))
            csvs.append(await time_export(base, token, "/export/people.csv", server.pid))
            ndjsons.append(await time_export(base, token, "/export/people.ndjson", server.pid))
        for name, runs in (("csv", csvs), ("ndjson", ndjsons)):
            say(f"  {name} runs: " + "; ".join(
                f"{r['rate']:,.0f} rows/s, peak {r['peak_mb']:.0f} MB" for r in runs))
        say("  COPY CSV runs: " + "; ".join(f"{r['rate']:,.0f} rows/s" for r in copies))
        say("  COPY row_to_json runs: " + "; ".join(f"{r['rate']:,.0f} rows/s" for r in json_copies))
        copy, json_copy, csv_run, ndjson_run = (median_run(runs) for runs in (copies, json_copies, csvs, ndjsons))
        peak = max(r["peak_mb"] for r in csvs + ndjsons)
        say(f"COPY people TO STDOUT CSV: {copy['rows']} rows in {copy['seconds']:.2f} s = "
            f"{copy['rate']:,.0f} rows/s ({copy['mb']:.0f} MB)")
        say(f"COPY people as row_to_json: {json_copy['rows']} rows in {json_copy['seconds']:.2f} s = "
            f"{json_copy['rate']:,.0f} rows/s ({json_copy['mb']:.0f} MB)")
        for name, run in (("csv", csv_run), ("ndjson", ndjson_run)):
            say(f"export people.{name}: {run['rows']} rows in {run['seconds']:.2f} s = {run['rate']:,.0f} rows/s "
                f"({run['mb']:.0f} MB), {run['rate'] / copy['rate']:.2f}x COPY CSV; server RSS "
                f"{run['rss_before_mb']:.0f} MB before, peak {run['peak_mb']:.0f} MB"
                + ("" if run["peak_reset"] else " (peak since start: clear_refs not writable)"))
        if csv_run["rows"] != copy["rows"]:
            say(f"WARNING: the export wrote {csv_run['rows']} rows, COPY {copy['rows']}")

        ratio = csv_run["rate"] / copy["rate"]
        say("")
        say("summary (medians of the runs):")
        say(f"  grouped aggregate on the indexed plugin field  {aggregate_ms:8.1f} ms   target < {AGGREGATE_TARGET_MS} ms"
            f"   {verdict(aggregate_ms < AGGREGATE_TARGET_MS)}")
        say(f"  export CSV rate / COPY CSV rate                {ratio:8.2f} x    target >= {EXPORT_RATIO_TARGET} x"
            f"   {verdict(ratio >= EXPORT_RATIO_TARGET)}")
        say(f"  export NDJSON rate / COPY CSV rate             {ndjson_run['rate'] / copy['rate']:8.2f} x")
        say(f"  export NDJSON rate / COPY row_to_json rate     {ndjson_run['rate'] / json_copy['rate']:8.2f} x")
        say(f"  export peak memory (server RSS)                {peak:8.0f} MB   target < {MEMORY_TARGET_MB} MB"
            f"   {verdict(peak < MEMORY_TARGET_MB)}")
        return 0
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
