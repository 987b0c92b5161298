"""Files attached to records. The bytes are kept in a store (the database or the
attachments folder, see `stores`) under a random key; an `Attachment` row describes them.
Whoever may read the record may read its files; whoever may change the record may add
and remove them.
"""

from __future__ import annotations

import fnmatch
import re
import logging
import uuid
from collections.abc import AsyncIterator
from pathlib import PurePosixPath

from tortoise.transactions import in_transaction

from .. import auth
from ..config import Settings
from ..errors import NotFoundError, UnsupportedMediaTypeError, ValidationError
from ..ids import decode_cursor, encode_cursor, from_global_id, to_global_id
from ..models import Attachment
from ..query.pages import PageArgs
from ..query.reader import Page, Reader
from . import stores
from .lookup import record_of, require_writable, visible

log = logging.getLogger(__name__)


# One media type, `type/subtype`, in RFC 6838's characters: no parameters, no lists.
MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")


def global_id(attachment_pk: int) -> str:
    return to_global_id("Attachment", attachment_pk)


def record_id(row: dict) -> str:
    return to_global_id(row["entity"], row["record_id"])


async def attach(settings: Settings, reader: Reader, actor: auth.Actor, record: str, filename: str | None,
                 content_type: str | None, size: int | None, source: stores.Readable) -> dict:
    """Stores the file read from `source` and attaches it to the record with global ID
    `record`; refused (nothing stored) when the actor may not change the record, or the
    file is too large or of a type not accepted."""
    entity, pk = record_of(reader.catalog, record, field="record")
    await require_writable(reader, actor, entity, pk, field="record")
    content_type = accepted_type(settings, content_type)
    limit = settings.attachment_max_bytes
    if size is not None and size > limit:
        raise stores.too_large(size, limit)
    store, stored_as = stores.default_store(settings), uuid.uuid4().hex
    try:
        # Database chunks commit with their row, or not at all.
        async with in_transaction() as conn:
            digest, written = await stores.write(store, settings, stored_as, source, limit, conn)
            attachment = await Attachment.create(
                using_db=conn, entity=entity.key, record_id=pk, filename=_safe_filename(filename),
                content_type=content_type, size=written, sha256=digest, stored_as=stored_as, store=store,
                uploaded_by_id=actor.user_id,
            )
    except BaseException:
        if store == stores.DISK:
            await stores.delete(store, settings, stored_as)
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


async def readable(settings: Settings, reader: Reader, actor: auth.Actor,
                   attachment: str) -> tuple[dict, AsyncIterator[bytes]]:
    """The attachment's row and its bytes (chunk by chunk), if the actor may read its
    record. Anything else is NOT_FOUND alike, so that nobody learns of files they may not read."""
    row = await _visible_row(reader, actor, attachment)
    if not await stores.exists(row["store"], settings, row["stored_as"]):
        log.error("the bytes of attachment %s are missing from its store (%s)", row["id"], row["store"])
        raise NotFoundError("the file of this attachment is missing", field="id")
    return row, stores.read(row["store"], settings, row["stored_as"])


async def detach(settings: Settings, reader: Reader, actor: auth.Actor, attachment: str) -> None:
    """Removes the attachment, if the actor may change its record."""
    row = await _visible_row(reader, actor, attachment)
    entity = reader.catalog[row["entity"]]
    await require_writable(reader, actor, entity, row["record_id"])
    async with in_transaction() as conn:
        await Attachment.filter(id=row["id"]).using_db(conn).delete()
        await stores.delete(row["store"], settings, row["stored_as"], conn)


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
    page = Page.read(rows, [encode_cursor([row["id"]]) for row in rows], args)
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


def _safe_filename(filename: str | None) -> str:
    """The client's file name without folders or control characters, as downloads offer it."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:255] or "file"
