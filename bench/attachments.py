"""Memory of a 10 MB attachment's upload and download, per attachment store.

For each store (`database`: chunks in PostgreSQL, the default there; `disk`: a file in
the attachments folder, as before) one uvicorn process is started on the bench database
(`crm_bench18_attachments`, recreated); after a warm-up with a 100 KB file, a 10 MB file
is uploaded and downloaded --rounds times. Printed per store: the server's resident
memory before, its peak growth during each transfer (VmHWM, reset before each through
/proc/<pid>/clear_refs, minus the RSS before), and the transfer rate; medians of the
rounds. The 100 KB file's growth, measured the same way, is the reference: a flat
transfer grows the server no more for 10 MB than for 100 KB.

    .venv/bin/python bench/attachments.py [--rounds 5] [--port 8150]
"""

from __future__ import annotations

import argparse
import asyncio
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

import httpx  # noqa: E402

from bench.bi import free_port, memory_kb, recreate_database, reset_peak, wait_ready  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/crm_bench18_attachments"
BIG = 10 * 1024 * 1024
SMALL = 100 * 1024


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    return parser.parse_args()


async def prepare(url: str) -> tuple[str, str]:
    """A migrated database with an admin and an account; the admin's token and the account's ID."""
    from crm_graphql import db
    from crm_graphql.auth.tokens import create_token
    from crm_graphql.config import Settings
    from crm_graphql.ids import to_global_id
    from crm_graphql.migrate import upgrade
    from crm_graphql.models import Account, Role, User

    await recreate_database(url)
    settings = Settings.from_env(database_url=url)
    await upgrade(settings)
    await db.init(settings)
    try:
        admin = await User.create(email="bench@example.com", role=Role.ADMIN)
        account = await Account.create(name="Bench", owner=admin)
        return await create_token(admin), to_global_id("Account", account.id)
    finally:
        await db.close()


async def transfer(client: httpx.AsyncClient, pid: int, record: str, size: int) -> dict:
    """Upload then download `size` bytes; each one's peak memory growth (MB) and rate (MB/s)."""
    before = memory_kb(pid, "VmRSS")
    reset_peak(pid)
    started = time.perf_counter()
    response = await client.post(f"/attachments?record={record}",
                                 files={"file": ("bench.bin", _Stream(size), "application/zip")})
    upload_s = time.perf_counter() - started
    assert response.status_code == 201, response.text
    upload_growth = (memory_kb(pid, "VmHWM") - before) / 1024
    before = memory_kb(pid, "VmRSS")
    reset_peak(pid)
    started, received = time.perf_counter(), 0
    async with client.stream("GET", response.json()["url"]) as download:
        async for part in download.aiter_raw():
            received += len(part)
    download_s = time.perf_counter() - started
    assert received == size, (received, size)
    return {"upload_mb": upload_growth, "download_mb": (memory_kb(pid, "VmHWM") - before) / 1024,
            "upload_rate": size / upload_s / 2**20, "download_rate": size / download_s / 2**20}


class _Stream:
    """A file-like body of random bytes that httpx reads in pieces (the client holds little)."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.block = os.urandom(64 * 1024)

    def read(self, n: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        piece = self.block[: min(len(self.block), self.left, n if n > 0 else len(self.block))]
        self.left -= len(piece)
        return piece


async def measure(url: str, store: str, port: int, token: str, record: str, rounds: int) -> dict:
    folder = tempfile.mkdtemp(prefix="crm-bench-attachments-")
    env = {**os.environ, "DATABASE_URL": url, "CRM_ATTACHMENT_STORE": store, "CRM_ATTACHMENTS_DIR": folder,
           "CRM_ATTACHMENT_MAX_BYTES": str(BIG), "CRM_LOG_FORMAT": "text"}
    command = [sys.executable, "-m", "uvicorn", "crm_graphql.asgi:app", "--host", "127.0.0.1",
               "--port", str(port), "--workers", "1", "--log-level", "warning", "--no-access-log"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(base, server)
        async with httpx.AsyncClient(base_url=base, timeout=120,
                                     headers={"Authorization": f"Bearer {token}"}) as client:
            await transfer(client, server.pid, record, SMALL)  # warm-up
            small = [await transfer(client, server.pid, record, SMALL) for _ in range(rounds)]
            big = [await transfer(client, server.pid, record, BIG) for _ in range(rounds)]
            rss = memory_kb(server.pid, "VmRSS") / 1024
    finally:
        server.terminate()
        server.wait(timeout=20)
    median = lambda runs, key: statistics.median(r[key] for r in runs)  # noqa: E731
    return {"rss": rss, **{f"small_{k}": median(small, k) for k in small[0]},
            **{f"big_{k}": median(big, k) for k in big[0]}}


async def main() -> None:
    args = parse_args()
    token, record = await prepare(args.database_url)
    print(f"10 MB vs 100 KB attachment, medians of {args.rounds} rounds, one uvicorn worker on PostgreSQL")
    print(f"{'store':<9} {'RSS after':>10} {'upload peak +MB':>16} {'download peak +MB':>18} "
          f"{'upload MB/s':>12} {'download MB/s':>14}")
    for store in ("database", "disk"):
        m = await measure(args.database_url, store, args.port or free_port(), token, record, args.rounds)
        print(f"{store:<9} {m['rss']:>8.1f}MB {m['big_upload_mb']:>7.1f} (100KB {m['small_upload_mb']:.1f}) "
              f"{m['big_download_mb']:>8.1f} (100KB {m['small_download_mb']:.1f}) "
              f"{m['big_upload_rate']:>12.1f} {m['big_download_rate']:>14.1f}")


if __name__ == "__main__":
    asyncio.run(main())
