"""Files attached to records. The bytes are kept in the attachments folder under a random
name; an `Attachment` row describes them. Whoever may read the record may read its files;
whoever may change the record may add and remove them.
"""

from __future__ import annotations

import fnmatch
import re
import hashlib
import logging
import uuid
from pathlib import Path, PurePosixPath
from typing import Protocol

import anyio

from .. import auth
from ..config import Settings
from ..errors import LimitError, NotFoundError, UnsupportedMediaTypeError, ValidationError
from ..ids import decode_cursor, encode_cursor, from_global_id, to_global_id
from ..models import Attachment
from ..query.pages import PageArgs
from ..query.reader import Page, Reader
from .lookup import record_of, require_writable, visible

log = logging.getLogger(__name__)

CHUNK = 256 * 1024


# One media type, `type/subtype`, in RFC 6838's characters: no parameters, no lists.
MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")


class Readable(Protocol):
    async def read(self, size: int = -1) -> bytes: ...


def global_id(attachment_pk: int) -> str:
    return to_global_id("Attachment", attachment_pk)


def record_id(row: dict) -> str:
    return to_global_id(row["entity"], row["record_id"])


async def attach(settings: Settings, reader: Reader, actor: auth.Actor, record: str, filename: str | None,
                 content_type: str | None, size: int | None, source: Readable) -> dict:
    """Stores the file read from `source` and attaches it to the record with global ID
    `record`; refused (nothing stored) when the actor may not change the record, or the
    file is too large or of a type not accepted."""
    entity, pk = record_of(reader.catalog, record, field="record")
    await require_writable(reader, actor, entity, pk, field="record")
    content_type = accepted_type(settings, content_type)
    limit = settings.attachment_max_bytes
    if size is not None and size > limit:
        raise _too_large(size, limit)
    folder = Path(settings.attachments_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stored_as = uuid.uuid4().hex
    path = folder / stored_as
    try:
        digest, written = await _copy(source, path, limit)
        attachment = await Attachment.create(
            entity=entity.key, record_id=pk, filename=_safe_filename(filename), content_type=content_type,
            size=written, sha256=digest, stored_as=stored_as, uploaded_by_id=actor.user_id,
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return (await Attachment.filter(id=attachment.id).values())[0]


def accepted_type(settings: Settings, content_type: str | None) -> str:
    """The file's media type, normalised (lower case, no spaces), if attachments may be of
    that type. A type with parameters or a list of types is refused: what is stored and
    served back is exactly one accepted token. A pattern's `*` matches within the token."""
    media_type = (content_type or "").strip().lower() or "application/octet-stream"
    if not MEDIA_TYPE.fullmatch(media_type) or not any(
            fnmatch.fnmatchcase(media_type, pattern) for pattern in settings.attachment_types):
        raise UnsupportedMediaTypeError(f"files of type {media_type[:100]!r} cannot be attached; accepted: "
                                        f"{', '.join(settings.attachment_types)} (without parameters)",
                                        field="file")
    return media_type


async def readable(settings: Settings, reader: Reader, actor: auth.Actor, attachment: str) -> tuple[dict, Path]:
    """The attachment's row and file, if the actor may read its record. Anything else is
    NOT_FOUND alike, so that nobody learns of files they may not read."""
    row = await _visible_row(reader, actor, attachment)
    path = Path(settings.attachments_dir) / row["stored_as"]
    if not path.is_file():
        log.error("the file of attachment %s is missing from %s", row["id"], settings.attachments_dir)
        raise NotFoundError("the file of this attachment is missing", field="id")
    return row, path


async def detach(settings: Settings, reader: Reader, actor: auth.Actor, attachment: str) -> None:
    """Removes the attachment, if the actor may change its record."""
    row = await _visible_row(reader, actor, attachment)
    entity = reader.catalog[row["entity"]]
    await require_writable(reader, actor, entity, row["record_id"])
    await Attachment.filter(id=row["id"]).delete()
    (Path(settings.attachments_dir) / row["stored_as"]).unlink(missing_ok=True)


async def attachments_of(reader: Reader, actor: auth.Actor, record: str, args: PageArgs):
    """A page of the record's attachments, newest first, and a coroutine function counting them."""
    entity, pk = record_of(reader.catalog, record)
    await visible(reader, actor, entity, pk, field="recordId")
    of_record = Attachment.filter(entity=entity.key, record_id=pk)
    query = of_record
    if args.after is not None:
        after = decode_cursor(args.after, field="after")
        if len(after) != 1 or not isinstance(after[0], int):
            raise ValidationError(f"{args.after!r} is not a cursor of this list", field="after")
        query = query.filter(id__lt=after[0])
    rows = await query.order_by("-id").limit(args.size + 1).values()
    shown = rows[: args.size]
    page = Page(shown, has_next=len(rows) > args.size, has_previous=args.after is not None,
                cursors=[encode_cursor([row["id"]]) for row in shown])
    return page, of_record.count


async def by_pks(pks: list[int]) -> dict[int, dict]:
    """Attachment rows by key (their records' access is the caller's to check)."""
    return {row["id"]: row for row in await Attachment.filter(id__in=pks).values()}


async def _visible_row(reader: Reader, actor: auth.Actor, attachment: str) -> dict:
    missing = NotFoundError("no attachment with this ID", field="id")
    key, pk = from_global_id(attachment)
    rows = await Attachment.filter(id=pk).values() if key == "Attachment" else []
    entity = reader.catalog.entities.get(rows[0]["entity"]) if rows else None
    if entity is None or not await reader.by_pks(entity, actor, [rows[0]["record_id"]]):
        raise missing
    return rows[0]


async def _copy(source: Readable, path: Path, limit: int) -> tuple[str, int]:
    """Writes the source to `path`; its SHA-256 and size. Stops as soon as it exceeds `limit`."""
    digest, written = hashlib.sha256(), 0
    async with await anyio.open_file(path, "wb") as out:
        while chunk := await source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise _too_large(written, limit)
            digest.update(chunk)
            await out.write(chunk)
    return digest.hexdigest(), written


def _too_large(size: int, limit: int) -> LimitError:
    return LimitError(f"the file has {size} bytes or more, above the limit of {limit}", field="file", maximum=limit)


def _safe_filename(filename: str | None) -> str:
    """The client's file name without folders or control characters, as downloads offer it."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:255] or "file"
