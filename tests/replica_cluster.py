"""A throwaway PostgreSQL primary and its streaming replica, for the replica tests and
the deployment recipe: `initdb` into a temporary folder, `pg_basebackup -R` from it, both
started with `pg_ctl` on ports of their own (CRM_TEST_REPLICA_PORTS, default 5440,5441),
so the machine's own cluster is left alone. Run as the `postgres` OS user when run as root
(PostgreSQL refuses root). Stopped and removed afterwards.

    python -m tests.replica_cluster   # start a pair and print its URLs; Ctrl-C stops it
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    return Path(found[-1]).parent


def ports() -> tuple[int, int]:
    primary, replica = os.environ.get("CRM_TEST_REPLICA_PORTS", "5440,5441").split(",")
    return int(primary), int(replica)


@dataclass
class Cluster:
    folder: Path
    primary_port: int
    replica_port: int

    def url(self, database: str, replica: bool = False) -> str:
        return f"postgres://postgres@127.0.0.1:{self.replica_port if replica else self.primary_port}/{database}"

    def stop_replica(self) -> None:
        self._pg_ctl("stop", "-D", self.folder / "replica", "-m", "fast")

    def start_replica(self) -> None:
        self._pg_ctl("start", "-D", self.folder / "replica", "-l", self.folder / "replica.log",
                     "-o", f"-p {self.replica_port} -k {self.folder}")

    def _pg_ctl(self, *args) -> None:
        _run(binaries() / "pg_ctl", *args, "-w")


def _run(*command) -> None:
    command = [str(part) for part in command]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)


@contextlib.contextmanager
def primary_and_replica() -> Iterator[Cluster]:
    primary_port, replica_port = ports()
    folder = Path(tempfile.mkdtemp(prefix="crm-replica-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    cluster = Cluster(folder, primary_port, replica_port)
    bin = binaries()
    primary = folder / "primary"
    started = []
    try:
        _run(bin / "initdb", "-D", primary, "-U", "postgres", "--auth=trust", "--no-sync")
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nport = {primary_port}\nunix_socket_directories = '{folder}'\n"
                       "wal_level = replica\nmax_wal_senders = 4\nfsync = off\nmax_connections = 60\n")
        _run(bin / "pg_ctl", "start", "-w", "-D", primary, "-l", folder / "primary.log")
        started.append(primary)
        _run(bin / "pg_basebackup", "-h", "127.0.0.1", "-p", primary_port, "-U", "postgres",
             "-D", folder / "replica", "-R", "-X", "stream")
        cluster.start_replica()
        started.append(folder / "replica")
        _wait_streaming(cluster)
        yield cluster
    finally:
        for data in reversed(started):
            with contextlib.suppress(subprocess.CalledProcessError):
                _run(bin / "pg_ctl", "stop", "-w", "-D", data, "-m", "immediate")
        shutil.rmtree(folder, ignore_errors=True)


def _wait_streaming(cluster: Cluster) -> None:
    """Until the primary lists the replica as streaming (psql: callers may run an event loop)."""
    query = "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
    deadline = time.monotonic() + 30
    while subprocess.run([str(binaries() / "psql"), "-h", "127.0.0.1", "-p", str(cluster.primary_port), "-U", "postgres",
                          "-Atc", query], capture_output=True, text=True, timeout=30).stdout.strip() in ("", "0"):
        if time.monotonic() > deadline:
            raise RuntimeError("the replica did not start streaming within 30 s")
        time.sleep(0.2)


if __name__ == "__main__":
    with primary_and_replica() as pair:
        print(f"primary: {pair.url('postgres')}\nreplica: {pair.url('postgres', replica=True)}")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
