"""Text rows streamed out of PostgreSQL by `COPY (SELECT ...) TO STDOUT`.

COPY sends a query's rows as one continuous stream, at the rate the database writes
them, with no per-statement or per-row work in Python: the export reads its lines this
way. Three things make it exact and bounded:

- COPY takes no bind parameters, so a statement's `?` values are inlined as literals
  PostgreSQL itself quotes, typed as the statement's parameters (`inline`): the text
  outside the placeholders is left untouched, as `sql.render` leaves it.
- COPY's text format escapes backslashes, tabs, line breaks and the other C escapes
  (`\\b \\f \\n \\r \\t \\v`) in values, so a raw line break is always the end of a row; the
  chunks are cut after one (never inside an escape or a UTF-8 character), row ends
  become the caller's line end, and the escapes are undone.
- The rows are read by a task that hands chunks of about `CHUNK_BYTES` to the reader
  through a queue of `QUEUE_CHUNKS`; when the reader is slow the task waits, asyncpg
  stops reading the socket and PostgreSQL waits to send, so memory stays constant.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
from collections.abc import AsyncIterator

from ..db import read_connection
from .sql import SQL, ident, render

CHUNK_BYTES = 1 << 20
QUEUE_CHUNKS = 2
# asyncpg hands over what each socket read returned, often a few kilobytes, and every
# read costs a round of the event loop: after a small read, let the socket fill a little.
SMALL_READ = 1 << 17
READ_PAUSE = 0.002
# The export's COPY runs without parallel workers: rendering lines is the work, the
# leader must still merge and send every row, and on a busy server (and in bench/bi.py
# on two cores) the workers cost more CPU than they save time (NDJSON: 131-144k rows/s
# serial, 104-113k with the planner's two workers).
EXPORT_SETTINGS = {"max_parallel_workers_per_gather": "0"}
_DONE = object()


async def copy_lines(statement: SQL, end: str = "\n", *,
                     settings: dict[str, str] | None = None) -> AsyncIterator[bytes]:
    """The rows of a one-column text `statement`, each followed by `end`, as UTF-8 chunks
    of whole rows. `settings` (name: value) are set for the COPY. Closing the iterator
    early cancels the COPY."""
    queue: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_CHUNKS)
    producer = asyncio.ensure_future(_produce(statement, settings or {}, queue))
    newline = end.encode()
    try:
        while True:
            item = await queue.get()
            if item is _DONE:
                break
            if isinstance(item, BaseException):
                raise item
            yield _decode(item, newline)
        await producer  # re-raise anything it raised after the last row
    finally:
        if not producer.done():
            producer.cancel()
        with contextlib.suppress(BaseException):
            await producer


async def _produce(statement: SQL, settings: dict[str, str], queue: asyncio.Queue) -> None:
    try:
        async with read_connection().acquire_connection() as conn:
            text = await inline(conn, statement)
            pending = bytearray()

            async def sink(data: bytes) -> None:
                pending.extend(data)
                if len(data) < SMALL_READ:
                    await asyncio.sleep(READ_PAUSE)
                if len(pending) >= CHUNK_BYTES:
                    cut = pending.rfind(b"\n") + 1
                    if cut:
                        await queue.put(bytes(pending[:cut]))
                        del pending[:cut]

            try:
                # Session settings (a transaction's would need a rollback after a COPY
                # stopped midway), reset below: the pool hands sessions back as they are.
                for name, value in settings.items():
                    await conn.execute(f"SET {name} = {value}")
                await conn.copy_from_query(text, output=sink)
                for name in settings:
                    await conn.execute(f"RESET {name}")
            except BaseException:
                # asyncpg cannot reuse a connection whose COPY stopped midway (it takes the
                # cancellation as acknowledged at the next chunk of rows, while the server
                # still sends): close it, so PostgreSQL ends the COPY and the pool opens a
                # new connection.
                conn.terminate()
                raise
            if pending:
                await queue.put(bytes(pending))
    except asyncio.CancelledError:
        raise
    except BaseException as error:  # handed to the reader, which raises it
        await queue.put(error)
        return
    await queue.put(_DONE)


def _decode(chunk: bytes, newline: bytes) -> bytes:
    """COPY text rows as lines: row ends become `newline`, then escapes are undone (row
    ends are raw line breaks; a line break in a value is the two bytes `\\n`)."""
    if newline != b"\n":
        chunk = chunk.replace(b"\n", newline)
    if b"\\" in chunk:
        # COPY writes only \\ \b \f \n \r \t \v, which are Python's bytes escapes too.
        chunk = codecs.escape_decode(chunk)[0]
    return chunk


async def inline(conn, statement: SQL) -> str:
    """`statement` with its parameters as typed literals, for a command that takes none.
    PostgreSQL infers each parameter's type (as for the prepared statement) and writes its
    value as a literal (`quote_literal` of the value cast to text)."""
    pieces = statement.text.split("?")
    if len(pieces) == 1:
        return statement.text
    text, args = render(statement, "postgres")
    prepared = await conn.prepare(text)
    types = [_type_name(t) for t in prepared.get_parameters()]
    values = await conn.fetchrow(
        "SELECT " + ", ".join(f"quote_literal(${i}::{t}::text)" for i, t in enumerate(types, start=1)), *args)
    literals = [("NULL" if value is None else value) + f"::{t}" for value, t in zip(values, types)]
    return pieces[0] + "".join(literal + piece for literal, piece in zip(literals, pieces[1:]))


def _type_name(parameter) -> str:
    name = parameter.name
    if name.endswith("[]"):  # asyncpg names array types by their element
        name = "_" + name[:-2]
    return f"{ident(parameter.schema)}.{ident(name)}"

