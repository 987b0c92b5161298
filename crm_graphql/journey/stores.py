"""Where attachment bytes live: `database` (chunks in the `attachment_chunk` table, the
default on PostgreSQL, so any number of machines serve the files with nothing shared but
the database) or `disk` (a file per attachment in `CRM_ATTACHMENTS_DIR`, the default on
SQLite). Both stream in chunks of `CHUNK` bytes both ways: a file is never whole in
memory. An attachment row names the store holding its bytes, so rows of both kinds are
served while `crm-graphql attachments migrate` moves files into the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

import anyio

from ..config import Settings
from ..db import dialect_of
from ..errors import LimitError
from ..models import AttachmentChunk

CHUNK = 256 * 1024
DATABASE, DISK = "database", "disk"


class Readable(Protocol):
    async def read(self, size: int = -1) -> bytes: ...


def default_store(settings: Settings) -> str:
    """The store new files go to: `CRM_ATTACHMENT_STORE`, else by the database."""
    if settings.attachment_store:
        return settings.attachment_store
    return DATABASE if dialect_of(settings.database_url) == "postgres" else DISK


async def write(store: str, settings: Settings, key: str, source: Readable, limit: int, conn) -> tuple[str, int]:
    """Copies `source` under `key`; its SHA-256 and size. Stops as soon as it exceeds
    `limit`. Database chunks are written on `conn`, in the caller's transaction."""
    digest, written = hashlib.sha256(), 0
    if store == DATABASE:
        seq = 0
        while chunk := await source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise too_large(written, limit)
            digest.update(chunk)
            await AttachmentChunk.create(using_db=conn, stored_as=key, seq=seq, data=chunk)
            seq += 1
        return digest.hexdigest(), written
    path = _path(settings, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        async with await anyio.open_file(path, "wb") as out:
            while chunk := await source.read(CHUNK):
                written += len(chunk)
                if written > limit:
                    raise too_large(written, limit)
                digest.update(chunk)
                await out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return digest.hexdigest(), written


async def exists(store: str, settings: Settings, key: str) -> bool:
    if store == DATABASE:
        return await AttachmentChunk.filter(stored_as=key).exists()
    return _path(settings, key).is_file()


async def read(store: str, settings: Settings, key: str) -> AsyncIterator[bytes]:
    """The bytes under `key`, chunk by chunk (one statement per chunk: no connection is
    held while the client reads)."""
    if store == DATABASE:
        seq = 0
        while True:
            found = await AttachmentChunk.filter(stored_as=key, seq=seq).values_list("data", flat=True)
            if not found:
                return
            yield bytes(found[0])
            seq += 1
    async with await anyio.open_file(_path(settings, key), "rb") as source:
        while chunk := await source.read(CHUNK):
            yield chunk


async def delete(store: str, settings: Settings, key: str, conn=None) -> None:
    if store == DATABASE:
        chunks = AttachmentChunk.filter(stored_as=key)
        await (chunks.using_db(conn) if conn else chunks).delete()
    else:
        _path(settings, key).unlink(missing_ok=True)


def too_large(size: int, limit: int) -> LimitError:
    return LimitError(f"the file has {size} bytes or more, above the limit of {limit}", field="file", maximum=limit)


def _path(settings: Settings, key: str) -> Path:
    return Path(settings.attachments_dir) / key

