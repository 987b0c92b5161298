"""Real API servers for tests that need a network: uvicorn processes on the test database,
on ports the OS picks, each waited for until it answers /healthz."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time

import httpx

READY_SECONDS = 60


def free_port(*taken: int) -> int:
    """A port the OS says is free (none of `taken`)."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in taken:
            return port


@contextlib.asynccontextmanager
async def servers(database_url: str, count: int = 1, **environment: str):
    """`count` servers; yields their base URLs once each answers, and stops them after."""
    processes, urls = [], []
    try:
        for _ in range(count):
            url, process = await start_server(database_url, **environment)
            processes.append(process)
            urls.append(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


async def start_server(database_url: str, **environment: str) -> tuple[str, subprocess.Popen]:
    """One server, answering; the caller stops it (or kills it: a test of what survives)."""
    env = {**os.environ, "DATABASE_URL": database_url, **environment}
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "crm_graphql.asgi:app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning",
         # Clients here keep connections open between requests; on a loaded machine a
         # gap can pass uvicorn's 5 s default and the server closes a connection just
         # as the client sends on it ("other side closed").
         "--timeout-keep-alive", "60"], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        await _ready(url, process)
    except BaseException:
        process.kill()
        process.wait(timeout=10)
        raise
    return url, process


async def _ready(url: str, process: subprocess.Popen) -> None:
    """Wait until the server answers /healthz (however long a loaded machine takes to start
    it, up to READY_SECONDS), or fail at once if it exited."""
    deadline = time.monotonic() + READY_SECONDS
    async with httpx.AsyncClient(timeout=5) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the server for {url} exited with {process.returncode}")
            try:
                if (await client.get(f"{url}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {READY_SECONDS} s")
