"""What `crm-graphql serve` sets up around uvicorn: the folder where every worker
writes its metrics (prometheus_client's multiprocess mode, `PROMETHEUS_MULTIPROC_DIR`),
the metrics port when `CRM_METRICS_PORT` is set, and the log format."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..config import Settings
from . import logs


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    import uvicorn

    with metrics_folder():
        if settings.metrics_port:
            _serve_metrics(host, settings.metrics_port)
        uvicorn.run("crm_graphql.asgi:app", host=host, port=port, workers=workers, access_log=False,
                    log_config=logs.uvicorn_config(logs.choose_format(settings.log_format)))


@contextlib.contextmanager
def metrics_folder() -> Iterator[str]:
    """The folder every worker writes its metrics to: `PROMETHEUS_MULTIPROC_DIR` if set
    (emptied first: files of an earlier run would add its counts), else a temporary one.
    Set before prometheus_client is imported anywhere, as it reads it once, at import;
    the workers inherit it."""
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    folder = given or tempfile.mkdtemp(prefix="crm-metrics-")
    Path(folder).mkdir(parents=True, exist_ok=True)
    for stale in Path(folder).glob("*.db"):
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
    try:
        yield folder
    finally:
        if not given:
            shutil.rmtree(folder, ignore_errors=True)


def _serve_metrics(host: str, port: int) -> None:
    """Every worker's metrics on their own port, served by this (the supervising) process."""
    from prometheus_client import CollectorRegistry, multiprocess, start_http_server

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    start_http_server(port, addr=host, registry=registry)
