"""A small closed-loop HTTP/1.1 load generator, for machines without `wrk`.

Each of `--connections` keep-alive connections sends the same request again as soon
as the previous answer has arrived, for `--duration` seconds; with `--requests-file`
(JSON lines of {"method", "path", "body", "authorization"}) they send its requests in
turn instead, each connection taking the next one of the list (round and round). It prints the same
`BENCH_RESULT {...}` line as `bench/wrk_request.lua`. Run it in its own process (as
`bench/nested_view.py` does), so that it does not share an event loop with anything.

    python bench/loadgen.py --url http://127.0.0.1:8000/graphql --method POST \
        --body-file body.json --header 'Authorization: Bearer ...' --connections 16 --duration 10
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from urllib.parse import urlsplit


def build_request(url: str, method: str, body: bytes, headers: list[str]) -> tuple[str, int, bytes]:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"{method} {target or '/'} HTTP/1.1", f"Host: {parts.netloc}", "Connection: keep-alive"]
    lines += headers
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode()
    return parts.hostname or "127.0.0.1", parts.port or 80, head + body


async def read_response(reader: asyncio.StreamReader) -> int:
    """Reads one response; returns its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers = {}
    for line in header_lines:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        raise RuntimeError("response without Content-Length or chunked body")
    return status


class Requests:
    """The requests to send, in turn: one, or a list shared by all connections."""

    def __init__(self, requests: list[bytes]) -> None:
        self.requests = requests
        self.sent = 0

    def next(self) -> bytes:
        request = self.requests[self.sent % len(self.requests)]
        self.sent += 1
        return request


def read_requests(path: Path, url: str) -> list[bytes]:
    """The requests of a JSON-lines file, against the server of `url`."""
    base = urlsplit(url)
    found = []
    for line in path.read_text().splitlines():
        item = json.loads(line)
        headers = [f"Authorization: {item['authorization']}"] if item.get("authorization") else []
        body = item.get("body", "").encode()
        found.append(build_request(f"{base.scheme}://{base.netloc}{item['path']}", item["method"], body, headers)[2])
    return found


async def connection_loop(host: str, port: int, requests: Requests, deadline: float,
                          latencies: list[float], counts: dict[str, int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            writer.write(requests.next())
            try:
                status = await read_response(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                counts["socket_errors"] += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            latencies.append(time.perf_counter() - start)
            if status >= 400:
                counts["bad_status"] += 1
    finally:
        writer.close()


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))]


async def run(url: str, method: str, body: bytes, headers: list[str], connections: int,
              duration: float, requests_file: Path | None = None) -> dict:
    host, port, request = build_request(url, method, body, headers)
    requests = Requests(read_requests(requests_file, url) if requests_file else [request])
    latencies: list[float] = []
    counts = {"socket_errors": 0, "bad_status": 0}
    start = time.perf_counter()
    deadline = start + duration
    await asyncio.gather(*(connection_loop(host, port, requests, deadline, latencies, counts)
                           for _ in range(connections)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "duration_s": elapsed,
        "p50_ms": percentile(latencies, 0.50) * 1e3,
        "p99_ms": percentile(latencies, 0.99) * 1e3,
        **counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body-file", type=Path)
    parser.add_argument("--header", action="append", default=[], help="'Name: value'; repeatable")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--requests-file", type=Path, help="JSON lines of requests sent in turn (see above)")
    args = parser.parse_args()
    body = args.body_file.read_bytes() if args.body_file else b""
    result = asyncio.run(run(args.url, args.method, body, args.header, args.connections, args.duration,
                             args.requests_file))
    print("BENCH_RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
