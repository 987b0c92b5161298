"""Read replicas, on a real streaming replica (tests/replica_cluster.py): a query's reads
go to the replica, a client reads its own writes at once, a lagging replica is skipped
until it catches up, and a replica that stops loses no request. The API runs as the
README's deployment recipe has it: two `crm-graphql serve` processes on two ports, as two
machines behind a load balancer; which database served a request is read from its JSON
log line (`database`), as an operator would."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx
import pytest

from .replica_cluster import primary_and_replica
from .test_operations_workers import free_port

pytestmark = pytest.mark.skipif(os.environ.get("CRM_TEST_DATABASE") != "postgres",
                                reason="read replicas are PostgreSQL's streaming replicas")
COMMAND = Path(sys.executable).parent / "crm-graphql"
MAX_LAG = 4
COUNT = "query Count { accounts { totalCount } }"
CREATE = 'mutation Create($name: String!) { createAccount(input: {name: $name}) { id } }'


class Deployment:
    """Two API processes on the pair, their logs, and an admin token."""

    def __init__(self, cluster, folder: Path) -> None:
        self.cluster = cluster
        self.folder = folder
        self.env = {**os.environ, "DATABASE_URL": cluster.url("crm"),
                    "DATABASE_REPLICA_URLS": cluster.url("crm", replica=True),
                    "CRM_REPLICA_MAX_LAG_SECONDS": str(MAX_LAG), "CRM_REPLICA_POLL_SECONDS": "0.5",
                    "CRM_LOG_FORMAT": "json", "CRM_PLUGINS_DIR": str(folder / "no-plugins")}
        (folder / "no-plugins").mkdir()
        self.urls: list[str] = []
        self.token = ""
        self.processes: list[subprocess.Popen] = []
        self.sequence = 0

    def cli(self, *args: str) -> str:
        return subprocess.run([str(COMMAND), *args], env=self.env, check=True, capture_output=True, text=True,
                              timeout=120).stdout

    def start(self) -> None:
        subprocess.run([str(Path(sys.executable).parent.parent / "bin" / "python"), "-c",
                        "import asyncpg, asyncio, sys\n"
                        "async def main():\n"
                        f"    c = await asyncpg.connect('postgresql://postgres@127.0.0.1:{self.cluster.primary_port}/postgres')\n"
                        "    await c.execute('CREATE DATABASE crm')\n"
                        "asyncio.run(main())"], check=True, timeout=60)
        self.cli("migrate")
        self.cli("users", "create", "--email", "admin@example.com", "--role", "admin")
        self.token = self.cli("tokens", "create", "--email", "admin@example.com").strip().splitlines()[-1]
        for _ in range(2):
            port = free_port(*(int(url.rsplit(":", 1)[1]) for url in self.urls))
            self.urls.append(f"http://127.0.0.1:{port}")
            self.processes.append(subprocess.Popen(
                [str(COMMAND), "serve", "--port", str(port)], env=self.env,
                stdout=(self.folder / f"api-{port}.log").open("wb"), stderr=subprocess.STDOUT))
        for url in self.urls:
            for _ in range(600):
                try:
                    if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
            else:
                raise AssertionError(f"{url} did not start:\n{self.logs()}")

    @property
    def url(self) -> str:
        return self.urls[0]

    def logs(self) -> str:
        return "".join(log.read_text() for log in sorted(self.folder.glob("api-*.log")))

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
            process.wait(timeout=20)

    async def post(self, client: httpx.AsyncClient, query: str, variables: dict | None = None,
                   headers: dict | None = None, via: int = 0) -> tuple[dict, str, httpx.Response]:
        """The response's body, the database that served its reads, and the response
        (sent to API process `via`)."""
        self.sequence += 1
        request_id = f"r{self.sequence}"
        response = await client.post(f"{self.urls[via]}/graphql", json={"query": query, "variables": variables or {}},
                                     headers={"Authorization": f"Bearer {self.token}", "X-Request-Id": request_id,
                                              **(headers or {})})
        assert response.status_code == 200, response.text
        return response.json(), await self.served_by(request_id), response

    async def served_by(self, request_id: str) -> str:
        for _ in range(100):  # the line is written once the last byte is sent
            for line in self.logs().splitlines():
                if f'"request_id":"{request_id}"' in line and '"crm_graphql.access"' in line:
                    return json.loads(line).get("database", "")
            await asyncio.sleep(0.02)
        raise AssertionError(f"no log line for {request_id}")

    async def count(self, client, via: int = 0, **headers) -> tuple[int, str]:
        body, database, _ = await self.post(client, COUNT, headers=headers, via=via)
        return body["data"]["accounts"]["totalCount"], database

    async def replica_sql(self, statement: str) -> None:
        conn = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{self.cluster.replica_port}/postgres")
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    async def until(self, client, expected: tuple[int, str], seconds: float = 20) -> float:
        """Reads until a count read gives `expected` (count, database); the seconds it took."""
        started = time.monotonic()
        while (found := await self.count(client)) != expected:
            assert time.monotonic() - started < seconds, f"still {found}, not {expected}"
            await asyncio.sleep(0.2)
        return time.monotonic() - started


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    with primary_and_replica() as cluster:
        api = Deployment(cluster, tmp_path_factory.mktemp("replicas"))
        try:
            api.start()
            yield api
        finally:
            api.stop()


async def test_reads_go_to_the_replica_and_writes_to_the_primary(deployment):
    async with httpx.AsyncClient(timeout=10) as writer, httpx.AsyncClient(timeout=10) as reader:
        created, database, _ = await deployment.post(writer, CREATE, {"name": "Acme"})
        assert "errors" not in created and database == "primary"
        await deployment.until(reader, (1, "replica0"))
        aggregate, database, _ = await deployment.post(reader, "{ accountsAggregate { totalCount } }")
        assert (aggregate["data"]["accountsAggregate"]["totalCount"], database) == (1, "replica0")
        export = await reader.get(f"{deployment.url}/export/accounts.ndjson?fields=name", headers={
            "Authorization": f"Bearer {deployment.token}", "X-Request-Id": "export-1"})
        assert export.text == '{"name":"Acme"}\n'
        assert await deployment.served_by("export-1") == "replica0"


async def test_a_client_reads_its_own_writes_while_the_replica_lags(deployment):
    async with httpx.AsyncClient(timeout=10) as other:
        before, _ = await deployment.count(other)
        await deployment.until(other, (before, "replica0"))
        await deployment.replica_sql("SELECT pg_wal_replay_pause()")
        try:
            async with httpx.AsyncClient(timeout=10) as writer:  # keeps the crm_lsn cookie, as a browser does
                _, _, response = await deployment.post(writer, CREATE, {"name": "Mine"})
                position = response.headers["x-crm-lsn"]
                assert writer.cookies["crm_lsn"] == position
                # Its next read, at once and through the other API process, sees the write:
                # the replica has not replayed it.
                assert await deployment.count(writer, via=1) == (before + 1, "primary")
                assert await deployment.count(writer, via=0) == (before + 1, "primary")
            async with httpx.AsyncClient(timeout=10) as with_header:  # an SPA sending the header back
                assert await deployment.count(with_header, via=1, **{"X-CRM-LSN": position}) == (before + 1, "primary")
            # Others read from the replica as it was, until it lags beyond the bound.
            assert await deployment.count(other, via=1) == (before, "replica0")
            waited = await deployment.until(other, (before + 1, "primary"), seconds=MAX_LAG + 10)
            assert waited < MAX_LAG + 3
        finally:
            await deployment.replica_sql("SELECT pg_wal_replay_resume()")
        await deployment.until(other, (before + 1, "replica0"))


async def test_a_replica_that_stops_loses_no_request(deployment):
    async with httpx.AsyncClient(timeout=10) as client:
        expected, _ = await deployment.count(client)
        await deployment.until(client, (expected, "replica0"))
        stopping = asyncio.create_task(asyncio.to_thread(deployment.cluster.stop_replica))
        served = []
        try:
            while not stopping.done() or len(served) < 20:
                count, database = await deployment.count(client)
                assert count == expected
                served.append(database)
            await stopping
            assert served[-1] == "primary"
            assert set(served) <= {"replica0", "primary"}
        finally:
            deployment.cluster.start_replica()
        await deployment.until(client, (expected, "replica0"))
