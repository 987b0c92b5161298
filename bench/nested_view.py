"""Benchmark: the nested account view over HTTP, GraphQL (compiled and resolved) against one hand-written SQL.

Seeds a PostgreSQL database (default 10,000 accounts with 5 people, 3 opportunities
and 5 activities each), serves `bench.reference_app:app` (the real app plus a
reference route) with uvicorn, checks that `/graphql` and the reference route answer
the same JSON, then loads each with 16 keep-alive connections and prints req/s
(median of the rounds) and p50/p99 latencies of that median round, and the ratio of
each path's req/s to reference req/s.

Endpoints measured:
  compiled         POST /graphql, `bench.queries.NESTED_ACCOUNT_VIEW`, {"first": 50}, as an admin:
                   one SQL statement
  resolved         the same with `extensions: {"readPath": "resolved"}`: Strawberry's executor
  reference        GET /reference/nested-accounts?first=50: one SQL, JSON built by PostgreSQL
  reference+auth   with --auth-reference: the same after the token check `/graphql` does
  spa              real SPA traffic: 20 sales users of different territories (access predicates in
                   the SQL) page through `bench.queries.SPA_ACCOUNT_PAGES`, 20 accounts a page, each
                   request with the `after` cursor of that user's previous answer; the requests go
                   out user after user, so no two consecutive requests are alike
  spa-replay       the statements and parameters the compiled path ran for those requests, recorded
                   beforehand and replayed by GET /reference/replay?n=N: the same SQL without GraphQL
                   (ratio of spa to spa-replay; the others' ratio is to reference)
  spa-replay+auth  the same after the token check /graphql does (remembered by the process, as /graphql's is)

Load generator: `wrk` (apt-get install wrk) when installed, else `bench/loadgen.py`
(Python asyncio) in its own process, which needs a CPU core of its own and so gives
lower figures on a small machine.

    python bench/nested_view.py                      # 10,000 accounts, workers 1 and 2
    python bench/nested_view.py --reuse --workers 1 --duration 5 --rounds 3
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/crm_bench python bench/nested_view.py

The database is dropped and created again unless `--reuse` is given and it already
holds at least `--accounts` accounts; its name must contain "bench".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
import httpx  # noqa: E402

from bench.queries import (  # noqa: E402
    NESTED_ACCOUNT_VIEW_PAGE, nested_account_view_request, spa_account_pages_request,
)
from bench.reference_app import (  # noqa: E402
    AUTHENTICATED_REFERENCE_PATH, AUTHENTICATED_REPLAY_PATH, REFERENCE_PATH, REPLAY_PATH,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/crm_bench"
ADMIN_EMAIL = "bench-admin@example.com"
SPA_USERS = 20
ENDPOINT_LABELS = ("compiled", "resolved", "reference", "reference+auth", "spa", "spa-replay", "spa-replay+auth")
CONNECTIONS = 16
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_request.lua"
LOADGEN_SCRIPT = Path(__file__).resolve().parent / "loadgen.py"


# -- command line ------------------------------------------------------------------------


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive integer")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000, help="accounts to seed (default 10000)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the database if it holds at least --accounts accounts")
    parser.add_argument("--workers", type=positive_int, action="append",
                        help="uvicorn worker processes; repeatable (default: 1 and 2)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per round (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per endpoint (default 3)")
    parser.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds per endpoint (default 3)")
    parser.add_argument("--connections", type=int, default=CONNECTIONS,
                        help=f"concurrent connections (default {CONNECTIONS})")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--loadgen", choices=["auto", "wrk", "python"], default="auto",
                        help="load generator (default: wrk if installed, else python)")
    parser.add_argument("--auth-reference", action="store_true",
                        help="also measure reference+auth: the reference after /graphql's token check")
    parser.add_argument("--spa-pages", type=positive_int, default=10,
                        help="pages each SPA user reads before starting over (default 10)")
    parser.add_argument("--spa-without-total", action="store_true",
                        help="the SPA pages without totalCount (see bench.queries.SPA_ACCOUNT_PAGES_UNCOUNTED)")
    parser.add_argument("--skip", action="append", default=[], choices=ENDPOINT_LABELS,
                        help="leave an endpoint out; repeatable")
    args = parser.parse_args(argv)
    args.workers = sorted(set(args.workers or [1, 2]))
    args.database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    return args


def say(message: str) -> None:
    print(message, flush=True)


# -- database ----------------------------------------------------------------------------


def asyncpg_dsn(url: str) -> str:
    """asyncpg's DSN from a Tortoise URL (without Tortoise's query parameters)."""
    parts = urlsplit(url)
    return urlunsplit(("postgresql", parts.netloc, parts.path, "", ""))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def maintenance_url(url: str) -> str:
    """The same server's `postgres` database, from which ours is dropped and created."""
    return urlunsplit(urlsplit(asyncpg_dsn(url))._replace(path="/postgres"))


async def account_count(url: str) -> int | None:
    """Accounts in the database, or None when the database or its tables do not exist."""
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
    name = database_name(url)
    if "bench" not in name:
        raise SystemExit(f"refusing to drop database {name!r}: a bench database's name contains 'bench'")
    conn = await asyncpg.connect(maintenance_url(url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def seed_function():
    try:
        from crm_graphql.seed import seed_scale
    except ImportError as error:
        raise SystemExit(f"crm_graphql.seed.seed_scale is not available ({error}); it seeds the bench data") from None
    return seed_scale


class SeedProgress:
    """Prints seed progress at most every few seconds, whatever seed_scale reports."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, *args, **kwargs) -> None:
        now = time.monotonic()
        if now - self.last >= 5:
            self.last = now
            shown = ", ".join([*map(str, args), *(f"{k}={v}" for k, v in kwargs.items())])
            say(f"  seeding: {shown}")


async def prepare_database(url: str, accounts: int, reuse: bool) -> str:
    """A migrated, seeded database; returns an admin token for it."""
    from crm_graphql import db
    from crm_graphql.auth.tokens import create_token
    from crm_graphql.config import Settings
    from crm_graphql.migrate import upgrade
    from crm_graphql.models import Role, User

    settings = Settings(database_url=url)
    present = await account_count(url)
    fresh = not (reuse and present is not None and present >= accounts)
    if fresh:
        seed_scale = seed_function()
        say(f"creating database {database_name(url)} and seeding {accounts} accounts")
        await recreate_database(url)
    else:
        say(f"reusing database {database_name(url)} ({present} accounts)")
    await upgrade(settings)
    await db.init(settings)
    try:
        if fresh:
            started = time.perf_counter()
            counts = await seed_scale(accounts, progress=SeedProgress())
            say(f"  seeded in {time.perf_counter() - started:.0f} s: {counts}")
            await db.connection().execute_script("ANALYZE")
        user, _ = await User.get_or_create(email=ADMIN_EMAIL, defaults={"role": Role.ADMIN, "name": "Bench"})
        return await create_token(user, name="bench")
    finally:
        await db.close()


async def analyze(url: str) -> None:
    """Fresh planner statistics, so both paths run on the plans a real database would use."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def table_sizes(url: str) -> dict[str, int]:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return {table: await conn.fetchval(f"SELECT count(*) FROM {table}")
                for table in ("account", "person", "account_person", "opportunity", "activity")}
    finally:
        await conn.close()


# -- server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url: str, port: int, workers: int, log: Path, replay_file: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "CRM_GRAPHIQL": "false", "BENCH_REPLAY_FILE": str(replay_file)}
    command = [
        sys.executable, "-m", "uvicorn", "bench.reference_app:app",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-access-log",
    ]
    with log.open("wb") as output:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)


def wait_until_ready(server: subprocess.Popen, base_url: str, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"uvicorn exited with code {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"uvicorn did not answer {base_url}/healthz within {timeout:.0f} s")


EXCEPTION_LINE = re.compile(r"^(?:[a-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Disconnect)\b")


def summarize_server_log(log: Path) -> None:
    """One line on what the server logged: exceptions by type (the log goes with the run)."""
    text = log.read_text(errors="replace")
    if not text.strip():
        return
    exceptions = Counter(match.group(0) for line in text.splitlines() if (match := EXCEPTION_LINE.match(line)))
    if exceptions:
        shown = ", ".join(f"{name} x{count}" for name, count in exceptions.most_common())
        say(f"  the server logged {text.count('Traceback (most recent call last)')} tracebacks: {shown}")
        if set(exceptions) == {"starlette.requests.ClientDisconnect"}:
            say("  (the load generator closes its connections with requests in flight at the end of a run)")
    else:
        say("  the server logged:\n" + "\n".join(text.splitlines()[-10:]))


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# -- endpoints and the same-data check --------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    label: str
    path: str
    method: str
    body: bytes = b""
    authorization: str = ""
    # Requests sent in turn instead of the one above (JSON lines for bench/loadgen.py).
    requests: tuple[str, ...] = ()
    reference: str = "reference"


ENDPOINT_PATHS = {
    "compiled": "POST /graphql (bench.queries.NESTED_ACCOUNT_VIEW), answered by its compiled SQL",
    "resolved": "the same with extensions {readPath: resolved}, answered by Strawberry's executor",
    "reference": f"GET {REFERENCE_PATH}?first={NESTED_ACCOUNT_VIEW_PAGE} (one SQL, no token check)",
    "reference+auth": f"GET {AUTHENTICATED_REFERENCE_PATH}?first={NESTED_ACCOUNT_VIEW_PAGE} "
                      "(the same SQL after /graphql's token check)",
    "spa": f"POST /graphql (bench.queries.SPA_ACCOUNT_PAGES) as {SPA_USERS} sales users paging with `after`",
    "spa-replay": f"GET {REPLAY_PATH}?n=N: the compiled statements and parameters of `spa`, replayed",
    "spa-replay+auth": "the same after /graphql's token check (remembered, as /graphql's is)",
}


def endpoints(token: str, with_auth_reference: bool, spa: "SpaTraffic", skip: list[str]) -> list[Endpoint]:
    authorization = f"Bearer {token}"
    query = f"?first={NESTED_ACCOUNT_VIEW_PAGE}"
    found = [
        Endpoint("compiled", "/graphql", "POST", json.dumps(nested_account_view_request()).encode(), authorization),
        Endpoint("resolved", "/graphql", "POST",
                 json.dumps({**nested_account_view_request(), "extensions": {"readPath": "resolved"}}).encode(),
                 authorization),
        Endpoint("reference", REFERENCE_PATH + query, "GET"),
    ]
    if with_auth_reference:
        found.append(Endpoint("reference+auth", AUTHENTICATED_REFERENCE_PATH + query, "GET", b"", authorization))
    found.append(Endpoint("spa", "/graphql", "POST", requests=tuple(spa.graphql), reference="spa-replay"))
    found.append(Endpoint("spa-replay", REPLAY_PATH, "GET", requests=tuple(spa.replay), reference="spa-replay"))
    found.append(Endpoint("spa-replay+auth", AUTHENTICATED_REPLAY_PATH, "GET", requests=tuple(spa.replay_auth),
                          reference="spa-replay"))
    return [endpoint for endpoint in found if endpoint.label not in skip]


def fetch(base_url: str, endpoint: Endpoint) -> httpx.Response:
    headers = {"Authorization": endpoint.authorization} if endpoint.authorization else {}
    if endpoint.body:
        headers["Content-Type"] = "application/json"
    response = httpx.request(endpoint.method, base_url + endpoint.path, content=endpoint.body or None,
                             headers=headers, timeout=30)
    if response.status_code != 200:
        raise SystemExit(f"{endpoint.label}: HTTP {response.status_code}: {response.text[:500]}")
    return response


def first_difference(left, right, path: str = "$") -> str | None:
    """Where two parsed JSON documents differ, keys' order included; None when identical."""
    if isinstance(left, dict) and isinstance(right, dict):
        if list(left) != list(right):
            return f"{path}: keys {list(left)} != {list(right)}"
        for key in left:
            found = first_difference(left[key], right[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return f"{path}: {len(left)} items != {len(right)} items"
        for index, (a, b) in enumerate(zip(left, right)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if type(left) is not type(right) or left != right:
        return f"{path}: {left!r} != {right!r}"
    return None


def check_same_data(base_url: str, graphql: Endpoint, references: list[Endpoint]) -> None:
    """Refuses to measure unless every endpoint answers the same, non-trivial JSON."""
    expected = fetch(base_url, graphql)
    body = expected.json()
    if body.get("errors"):
        raise SystemExit(f"{graphql.label} answered errors: {body['errors']}")
    for reference in references:
        answer = fetch(base_url, reference)
        difference = first_difference(body, answer.json())
        if difference:
            raise SystemExit(f"{reference.label} differs from {graphql.label} at {difference}")
    nodes = [edge["node"] for edge in body["data"]["accounts"]["edges"]]
    children = {name: sum(len(node[name]["edges"]) for node in nodes)
                for name in ("people", "opportunities", "activities")}
    if not nodes or not all(children.values()):
        raise SystemExit(f"the page is too empty to compare: {len(nodes)} accounts, {children}")
    say(f"same JSON (values and key order) from {', '.join(e.label for e in [graphql, *references])}: "
        f"{len(nodes)} accounts, " + ", ".join(f"{n} {name}" for name, n in children.items())
        + f"; {len(expected.content)} bytes")


# -- SPA traffic ---------------------------------------------------------------------------


@dataclass
class SpaTraffic:
    """The SPA workload's requests (JSON lines for bench/loadgen.py), in the order sent, and
    the compiled statements they ran, replayed by the reference route."""

    graphql: list[str]
    replay: list[str]
    replay_auth: list[str]
    replay_file: Path
    statements: list[dict]
    # (user id, territory ids) of one sales user, for count_costs.
    sample_actor: tuple[int, list[int]]


async def spa_users() -> list[tuple[object, str]]:
    """SPA_USERS sales users, each in one of the seeded territories (every fifth in two)."""
    from crm_graphql.auth.tokens import create_token
    from crm_graphql.models import Role, User
    from crm_graphql.models.organization import Territory

    territories = await Territory.all().order_by("id")
    users = []
    for number in range(SPA_USERS):
        user, created = await User.get_or_create(email=f"spa.sales.{number}@bench.example.com",
                                                 defaults={"role": Role.SALES, "name": f"SPA {number}"})
        if created:
            await user.territories.add(territories[number % len(territories)])
            if number % 5 == 4:
                await user.territories.add(territories[(number + 1) % len(territories)])
        users.append((user, await create_token(user, name="bench")))
    return users


async def record_spa_traffic(url: str, pages: int, workdir: Path, counted: bool = True) -> SpaTraffic:
    """Every user's first `pages` pages, each asked with the previous answer's `endCursor`
    through the real app in this process, with the statement and parameters the compiled
    path planned for it; checks that the statement alone gives the same JSON."""
    from graphql import parse

    from crm_graphql.app import create_app
    from crm_graphql.auth.tokens import authenticate
    from crm_graphql.config import Settings

    app = create_app(Settings(database_url=url))
    text = spa_account_pages_request(None, counted=counted)["query"]
    document = parse(text)
    graphql, replay, replay_auth, statements = [], [], [], []
    async with app.router.lifespan_context(app):
        users = await spa_users()
        build = app.state.service.current
        from crm_graphql import db
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            cursors: dict[int, str | None] = {user.id: None for user, _ in users}
            for _ in range(pages):
                for user, token in users:
                    body = spa_account_pages_request(cursors[user.id], counted=counted)
                    authorization = f"Bearer {token}"
                    response = await client.post("/graphql", json=body, headers={"Authorization": authorization})
                    answer = response.json()
                    if response.status_code != 200 or answer.get("errors"):
                        raise SystemExit(f"spa: {response.status_code} {response.text[:500]}")
                    actor = await authenticate(authorization, build.policy)
                    plan = build.schema.planner.plan(text, document, body["operationName"],
                                                     body["variables"], actor, build.reader)
                    if plan.sql is None:
                        raise SystemExit(f"spa: the compiled path resolves the SPA view: {plan.reason}")
                    params = list(plan.params)
                    if not all(isinstance(p, (int, str)) for p in params):
                        raise SystemExit(f"spa: parameters the replay file cannot carry: {params!r}")
                    _, rows = await db.connection().execute_query(plan.sql, params)
                    difference = first_difference(answer, {"data": json.loads(rows[0][0])})
                    if difference:
                        raise SystemExit(f"spa: the replayed statement differs from /graphql at {difference}")
                    graphql.append(json.dumps({"method": "POST", "path": "/graphql", "body": json.dumps(body),
                                               "authorization": authorization}))
                    replay.append(json.dumps({"method": "GET", "path": f"{REPLAY_PATH}?n={len(statements)}"}))
                    replay_auth.append(json.dumps({"method": "GET",
                                                   "path": f"{AUTHENTICATED_REPLAY_PATH}?n={len(statements)}",
                                                   "authorization": authorization}))
                    statements.append({"sql": plan.sql, "params": params})
                    cursors[user.id] = answer["data"]["accounts"]["pageInfo"]["endCursor"]
        sample = users[0][0]
        sample_actor = (sample.id, sorted(t.id for t in await sample.territories.all()))
    replay_file = workdir / "replay.json"
    replay_file.write_text(json.dumps(statements))
    texts = {s["sql"] for s in statements}
    say(f"SPA traffic{'' if counted else ' without totalCount'}: {SPA_USERS} sales users x {pages} pages = "
        f"{len(statements)} requests, "
        f"{len(texts)} distinct statements (one per rules' shape and first/next page); "
        "each replayed statement gives /graphql's JSON")
    return SpaTraffic(graphql, replay, replay_auth, replay_file, statements, sample_actor)


def check_spa_replay(base_url: str, spa: SpaTraffic) -> None:
    """The server's replay route answers as /graphql did for a few of the recorded requests."""
    for index in (0, len(spa.graphql) // 2, len(spa.graphql) - 1):
        request = json.loads(spa.graphql[index])
        expected = httpx.post(base_url + "/graphql", content=request["body"], timeout=30,
                              headers={"Authorization": request["authorization"], "Content-Type": "application/json"})
        replayed = httpx.get(base_url + json.loads(spa.replay[index])["path"], timeout=30)
        difference = first_difference(expected.json(), replayed.json())
        if difference:
            raise SystemExit(f"spa-replay differs from spa at request {index}: {difference}")


async def count_costs(url: str, spa: SpaTraffic) -> None:
    """What totalCount costs: its statement for the admin view and for a sales user, medians
    of 5 runs on a connection without JIT, beside the SPA page's whole statement."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await conn.execute("SET jit = off")
        user, territories = spa.sample_actor

        async def median_ms(sql: str, *params) -> float:
            times = []
            for _ in range(5):
                started = time.perf_counter()
                await conn.fetchval(sql, *params)
                times.append((time.perf_counter() - started) * 1000)
            return sorted(times)[2]

        admin = await median_ms("SELECT count(*) FROM account")
        sales = await median_ms("SELECT count(*) FROM account t WHERE t.owner_id = $1 OR t.territory_id = ANY($2)",
                                user, territories)
        page = spa.statements[SPA_USERS]  # the sample user's second page
        whole = await median_ms(page["sql"], *page["params"])
    finally:
        await conn.close()
    say(f"totalCount: admin count {admin:.1f} ms, a sales user's count {sales:.1f} ms; "
        f"a sales user's whole SPA page statement {whole:.1f} ms (median of 5, without JIT)")


# -- load --------------------------------------------------------------------------------


@dataclass
class Round:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def choose_loadgen(wanted: str) -> str:
    has_wrk = shutil.which("wrk") is not None
    if wanted == "wrk" and not has_wrk:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    if wanted == "auto":
        if has_wrk:
            return "wrk"
        say("wrk is not installed (apt-get install wrk): falling back to bench/loadgen.py (Python asyncio, "
            "in its own process); it needs a CPU core of its own, so figures are lower than with wrk")
        return "python"
    return wanted


def load(loadgen: str, base_url: str, endpoint: Endpoint, duration: float, connections: int,
         workdir: Path) -> Round:
    body_file = workdir / "body.json"
    body_file.write_bytes(endpoint.body)
    url = base_url + endpoint.path
    seconds = max(1, round(duration))
    requests_file = workdir / f"{endpoint.label}.requests"
    if loadgen == "wrk":
        env = {**os.environ, "BENCH_METHOD": endpoint.method,
               "BENCH_BODY_FILE": str(body_file) if endpoint.body else "",
               "BENCH_AUTHORIZATION": endpoint.authorization, "BENCH_REQUESTS_FILE": ""}
        if endpoint.requests:
            lines = []
            for line in endpoint.requests:
                item = json.loads(line)
                lines.append("\t".join((item["method"], item["path"], item.get("authorization", ""),
                                        item.get("body", ""))))
            requests_file.write_text("\n".join(lines) + "\n")
            env["BENCH_REQUESTS_FILE"] = str(requests_file)
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                   "-s", str(WRK_SCRIPT), url]
    else:
        env = dict(os.environ)
        command = [sys.executable, str(LOADGEN_SCRIPT), "--url", url, "--method", endpoint.method,
                   "--connections", str(connections), "--duration", str(seconds)]
        if endpoint.body:
            command += ["--body-file", str(body_file)]
        if endpoint.authorization:
            command += ["--header", f"Authorization: {endpoint.authorization}"]
        if endpoint.requests:
            requests_file.write_text("\n".join(endpoint.requests) + "\n")
            command += ["--requests-file", str(requests_file)]
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 120)
    lines = [line for line in finished.stdout.splitlines() if line.startswith("BENCH_RESULT ")]
    if finished.returncode != 0 or not lines:
        raise SystemExit(f"{loadgen} failed ({finished.returncode}):\n{finished.stdout}\n{finished.stderr}")
    result = json.loads(lines[-1].removeprefix("BENCH_RESULT "))
    errors = int(result["socket_errors"] + result["bad_status"])
    if errors:
        say(f"  WARNING: {endpoint.label}: {errors} failed or timed-out requests in this round")
    requests = int(result["requests"])
    if requests == 0:
        say(f"  WARNING: {endpoint.label}: no request completed within {seconds} s")
        return Round(0.0, float("nan"), float("nan"), 0, errors)
    return Round(requests / result["duration_s"], result["p50_ms"], result["p99_ms"], requests, errors)


@dataclass
class Measurement:
    endpoint: str
    workers: int
    rounds: list[Round]

    @property
    def median(self) -> Round:
        """The round with the median req/s (the lower middle one for an even count)."""
        ordered = sorted(self.rounds, key=lambda r: r.requests_per_s)
        return ordered[(len(ordered) - 1) // 2]


def measure(loadgen: str, base_url: str, targets: list[Endpoint], workers: int, args: argparse.Namespace,
            workdir: Path) -> list[Measurement]:
    """Warm-up, then rounds that take the endpoints in turn, so drift hits them alike."""
    for endpoint in targets:
        load(loadgen, base_url, endpoint, args.warmup, args.connections, workdir)
    measurements = {endpoint.label: Measurement(endpoint.label, workers, []) for endpoint in targets}
    for number in range(1, args.rounds + 1):
        for endpoint in targets:
            result = load(loadgen, base_url, endpoint, args.duration, args.connections, workdir)
            measurements[endpoint.label].rounds.append(result)
            say(f"  workers={workers} round {number}/{args.rounds} {endpoint.label:<15} "
                f"{result.requests_per_s:8.1f} req/s  p50 {result.p50_ms:7.1f} ms  p99 {result.p99_ms:7.1f} ms")
    return list(measurements.values())


def run_workers(args: argparse.Namespace, token: str, workers: int, loadgen: str,
                workdir: Path, spa: "SpaTraffic") -> list[Measurement]:
    port = args.port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    say(f"\nuvicorn bench.reference_app:app --workers {workers} on {base_url}")
    log = workdir / f"uvicorn-workers-{workers}.log"
    server = start_server(args.database_url, port, workers, log, spa.replay_file)
    try:
        wait_until_ready(server, base_url, log)
        targets = endpoints(token, args.auth_reference, spa, args.skip)
        admin = [t for t in targets if not t.requests]
        if admin and admin[0].label == "compiled":
            check_same_data(base_url, admin[0], admin[1:])
        check_spa_replay(base_url, spa)
        return measure(loadgen, base_url, targets, workers, args, workdir)
    finally:
        stop_server(server)
        summarize_server_log(log)


# -- report ------------------------------------------------------------------------------


def cpu_busy(seconds: float = 2.0) -> float | None:
    """The fraction of all CPUs busy over `seconds` (Linux /proc/stat), None elsewhere."""
    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = values[3] + values[4]  # idle + iowait
        return idle, sum(values)

    try:
        idle_before, total_before = sample()
        time.sleep(seconds)
        idle_after, total_after = sample()
    except (OSError, ValueError, IndexError):
        return None
    total = total_after - total_before
    return 1 - (idle_after - idle_before) / total if total else None


def warn_if_busy(when: str) -> None:
    busy = cpu_busy()
    if busy is not None and busy > 0.15:
        say(f"WARNING: {when}, other processes keep the CPUs {busy:.0%} busy: figures will be low and noisy")


def print_table(measurements: list[Measurement]) -> None:
    rates = {(m.endpoint, m.workers): m.median.requests_per_s for m in measurements}
    references = {"spa": "spa-replay", "spa-replay": "spa-replay", "spa-replay+auth": "spa-replay"}
    header = (f"{'path':<15} {'workers':>7} {'req/s':>9} {'(min-max)':>17} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'ratio to reference':>19}")
    say("\n" + header)
    say("-" * len(header))
    for m in measurements:
        rounds = [r.requests_per_s for r in m.rounds]
        median = m.median
        reference = rates.get((references.get(m.endpoint, "reference"), m.workers))
        ratio = median.requests_per_s / reference if reference else float("nan")
        spread = f"({min(rounds):.0f}-{max(rounds):.0f})"
        say(f"{m.endpoint:<15} {m.workers:>7} {median.requests_per_s:>9.1f} {spread:>17} "
            f"{median.p50_ms:>8.1f} {median.p99_ms:>8.1f} {ratio:>19.3f}")
    say("req/s: the median round; p50/p99: latencies of that round; (min-max): req/s of all rounds")
    for label in dict.fromkeys(m.endpoint for m in measurements):
        say(f"  {label:<15} {ENDPOINT_PATHS[label]}")
    for workers in sorted({m.workers for m in measurements}):
        for path, reference in (("compiled", "reference"), ("resolved", "reference"), ("spa", "spa-replay"),
                                ("spa", "spa-replay+auth"), ("spa", "compiled")):
            if rates.get((path, workers)) and rates.get((reference, workers)):
                say(f"workers={workers}: {path} / {reference} = "
                    f"{rates[path, workers] / rates[reference, workers]:.3f}")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    loadgen = choose_loadgen(args.loadgen)
    token = asyncio.run(prepare_database(args.database_url, args.accounts, args.reuse))
    sizes = asyncio.run(table_sizes(args.database_url))
    say(f"database {database_name(args.database_url)}: " + ", ".join(f"{n} {t}" for t, n in sizes.items()))
    asyncio.run(analyze(args.database_url))
    say(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, load generator {loadgen}, "
        f"{args.connections} connections, {args.rounds} rounds of {args.duration:.0f} s "
        f"after {args.warmup:.0f} s warm-up")
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as folder:
        spa = asyncio.run(record_spa_traffic(args.database_url, args.spa_pages, Path(folder),
                                             counted=not args.spa_without_total))
        asyncio.run(count_costs(args.database_url, spa))
        warn_if_busy("before the measurements")
        measurements: list[Measurement] = []
        for workers in args.workers:
            measurements += run_workers(args, token, workers, loadgen, Path(folder), spa)
    print_table(measurements)
    warn_if_busy("after the measurements")


if __name__ == "__main__":
    main()
