"""A webhook receiver for tests: a real HTTP/1.1 server on localhost (asyncio streams) that
keeps every request it gets and answers each with the status the test chooses."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson
from standardwebhooks.webhooks import Webhook


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    # When it arrived (time.perf_counter()).
    at: float = field(default_factory=time.perf_counter)

    @property
    def id(self) -> str:
        return self.headers["webhook-id"]

    @property
    def json(self) -> dict:
        return orjson.loads(self.body)

    def verify(self, secret: str) -> dict:
        """The payload, verified as a receiver would with the `standardwebhooks` package."""
        return Webhook(secret).verify(self.body, self.headers)


@dataclass
class Receiver:
    # The status of the answer to the n-th request (from 0), and headers to send with it.
    answer: Callable[[int], int] = lambda n: 200
    location: str | None = None
    received: list[Received] = field(default_factory=list)
    # While set, requests wait before they are answered (a delivery in flight).
    hold: asyncio.Event | None = None
    url: str = ""

    @contextlib.asynccontextmanager
    async def running(self):
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/hooks"
        try:
            yield self
        finally:
            server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.wait_closed(), 5)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line.strip():
                    return
                headers = {}
                while (header := await reader.readline()).strip():
                    name, _, value = header.decode().partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                n = len(self.received)
                self.received.append(Received(headers, body))
                if self.hold is not None:
                    await self.hold.wait()
                status = self.answer(n)
                extra = f"Location: {self.location}\r\n" if self.location and 300 <= status < 400 else ""
                writer.write(f"HTTP/1.1 {status} X\r\nContent-Length: 0\r\n{extra}\r\n".encode())
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def wait_for(self, predicate: Callable[[list[Received]], bool], seconds: float = 90.0) -> list[Received]:
        """The requests so far, once `predicate` holds for them (or fail after `seconds`)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not predicate(self.received):
            if loop.time() > deadline:
                raise AssertionError(f"the receiver got {[r.id for r in self.received]} within {seconds} s")
            await asyncio.sleep(0.05)
        return list(self.received)
