"""`crm-graphql attachments migrate`: moves files kept on disk into the database store,
one file per transaction, so an interrupted run loses nothing and the next run goes on
where it stopped. A file is checked against the SHA-256 recorded at upload before its
row switches store; the file is removed once the switch is committed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import anyio
from tortoise.transactions import in_transaction

from ..config import Settings
from ..models import Attachment
from . import stores

log = logging.getLogger(__name__)


@dataclass
class Moved:
    moved: int = 0
    # Files the folder lacks, or whose bytes are not those uploaded: left as they are.
    missing: list[str] | None = None
    damaged: list[str] | None = None
    # Files left behind by an earlier run stopped between its commit and their removal.
    cleaned: int = 0


class _Damaged(Exception):
    pass


async def move_into_database(settings: Settings, at_most: int | None = None,
                             progress: Callable[[int], None] | None = None) -> Moved:
    result = Moved(missing=[], damaged=[])
    folder = Path(settings.attachments_dir)
    for key in await Attachment.filter(store=stores.DATABASE).values_list("stored_as", flat=True):
        if (folder / key).is_file():
            (folder / key).unlink()
            result.cleaned += 1
    rows = Attachment.filter(store=stores.DISK).order_by("id")
    for row in await (rows.limit(at_most) if at_most is not None else rows).values("id", "stored_as", "sha256"):
        path = folder / row["stored_as"]
        if not path.is_file():
            result.missing.append(row["stored_as"])
            continue
        try:
            await _move(settings, row, path)
        except _Damaged:
            result.damaged.append(row["stored_as"])
            continue
        path.unlink()
        result.moved += 1
        if progress:
            progress(result.moved)
    return result


async def _move(settings: Settings, row: dict, path: Path) -> None:
    async with in_transaction() as conn:
        async with await anyio.open_file(path, "rb") as source:
            digest, _ = await stores.write(stores.DATABASE, settings, row["stored_as"], source,
                                           limit=path.stat().st_size, conn=conn)
        if digest != row["sha256"]:
            log.error("attachment %s: the file's SHA-256 is not the one recorded at upload; left on disk", row["id"])
            raise _Damaged()  # rolls the chunks back
        await Attachment.filter(id=row["id"], store=stores.DISK).using_db(conn).update(store=stores.DATABASE)
