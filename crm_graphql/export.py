"""Streaming CSV and NDJSON export for BI tools.

    GET /export/accounts.csv?filter={"tier":{"eq":"GOLD"}}&fields=id,name,tier&orderBy=name:desc&locale=de
    GET /export/people.ndjson

`filter` is the GraphQL filter as JSON, `orderBy` a JSON list like GraphQL's or
`field[:asc|desc[:first|last]],...`, `fields` API names (default: the ID, every field
the actor may read, plugin fields included, and the references' IDs), `search` a text
search, `locale` the language of the CSV header labels. Values are written as the
GraphQL JSON writes them. Requests authenticate like `/graphql` and rows obey the same
access rules. The database renders each row as a line; on PostgreSQL one
`COPY (SELECT line ... ORDER BY ...) TO STDOUT` streams them (SQLite: keyset batches),
so memory stays constant whatever the size, and a client that reads slowly slows the
reads down.

With pandas: `pd.read_csv(url, storage_options={"Authorization": "Bearer " + token})`.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from . import auth
from .catalog import Entity
from .errors import NotFoundError, ValidationError
from .ops.metrics import EXPORT_BYTES, EXPORT_ROWS
from .query.reader import ALIAS
from .query.lines import Column, csv_line_sql, export_columns, json_line_sql
from .query.sql import SQL, inline_numbers

log = logging.getLogger(__name__)

# Rows per statement on SQLite (PostgreSQL streams one COPY in chunks of about a
# megabyte, see `query.copyout`): large enough that per-statement costs vanish, small
# enough that a batch (a few megabytes of text, two in flight) keeps memory low.
BATCH_ROWS = 10_000
FORMATS = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}
LINE_ENDS = {"csv": "\r\n", "ndjson": "\n"}


@dataclass
class Export:
    """A checked export request: what to read, in which order, rendered how."""

    entity: Entity
    format: str
    columns: list[Column]
    # SQL rendering a row as one line.
    line: str
    filter: SQL | None
    order: tuple
    locale: str | None

    def header(self) -> str:
        if self.format != "csv":
            return ""
        out = io.StringIO()
        csv.writer(out, lineterminator=LINE_ENDS["csv"]).writerow([c.label(self.locale) for c in self.columns])
        return out.getvalue()


class ExportEndpoint:
    """`GET /export/{plural}.{csv|ndjson}` on the schema build current at the request."""

    def __init__(self, service) -> None:
        self.service = service

    async def handle(self, request: Request) -> Response:
        build = self.service.current
        actor = request.state.actor
        if self.service.replicas:
            self.service.replicas.for_reads()
        export = self._parse(request, build, actor)
        media_type = FORMATS[export.format]
        filename = f"{export.entity.plural}.{export.format}"
        # The statement runs before the status line: an error it raises gets a coded answer.
        lines = _stream(build.reader, actor, export)
        try:
            first = await anext(lines)
        except BaseException:
            await lines.aclose()
            raise
        return StreamingResponse(
            _resumed(first, lines), media_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    def _parse(self, request: Request, build, actor: auth.Actor) -> Export:
        plural, _, format = request.path_params["name"].rpartition(".")
        entity = _entity(build.catalog, plural)
        if entity is None or format not in FORMATS:
            raise NotFoundError(f"no export at {request.url.path}: use /export/<plural>.csv or .ndjson")
        params = request.query_params
        reader, dialect = build.reader, build.reader.dialect
        filter = reader.filter_sql(entity, actor, _json(params.get("filter"), "filter", dict), params.get("search"))
        order = reader.order_terms(entity, _order(params.get("orderBy")), actor)
        columns = _columns(reader.catalog, entity, actor, params.get("fields"))
        render = csv_line_sql if format == "csv" else json_line_sql
        line = render(entity, columns, ALIAS, dialect)
        return Export(entity, format, columns, line, filter, order, params.get("locale"))


async def _stream(reader, actor: auth.Actor, export: Export) -> AsyncIterator[bytes]:
    """The lines of the export. Its first item (the header and the first chunk of rows) is
    read before the response starts (see `ExportEndpoint.handle`)."""
    end = LINE_ENDS[export.format]
    header = export.header().encode()
    rows = EXPORT_ROWS.labels(export.entity.key, export.format)
    sent = EXPORT_BYTES.labels(export.entity.key, export.format)
    line_end = end.encode()
    chunks = _read_ahead(reader.lines(export.entity, actor, export.line, end, filter=export.filter,
                                      order=export.order, size=BATCH_ROWS))
    started = False
    try:
        lines, header_lines = header + await anext(chunks, b""), header.count(line_end)
        while lines is not None:
            yield lines
            started = True
            # Counted as handed on: a client that leaves early is not counted what it missed.
            rows.inc(lines.count(line_end) - header_lines)
            sent.inc(len(lines))
            lines, header_lines = await anext(chunks, None), 0
    except Exception:
        if started:
            # After the status line, all that is left is to stop: the connection is closed
            # without ending the chunked body, and the client reports an incomplete response.
            log.exception("export of %s failed", export.entity.plural)
        raise
    finally:
        await chunks.aclose()


async def _resumed(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield first
    async for lines in rest:
        yield lines


async def _read_ahead(batches: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """The chunks of lines, the next one read from the database while this one goes to
    the client: the database renders while Python sends. At most two chunks are held
    (besides what the COPY reader holds)."""
    pending = asyncio.ensure_future(anext(batches))
    try:
        while True:
            try:
                batch = await pending
            except StopAsyncIteration:
                return
            pending = asyncio.ensure_future(anext(batches))
            yield batch
    finally:
        pending.cancel()
        with contextlib.suppress(BaseException):
            await pending  # let it finish cancelling before the generator is closed
        await batches.aclose()


def _entity(catalog, plural: str) -> Entity | None:
    for entity in catalog:
        if entity.plural == plural or any(old_plural == plural for _, old_plural in entity.aliases):
            return entity
    return None


def _json(text: str | None, name: str, kind: type):
    if text is None or text == "":
        return None
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise ValidationError(f"`{name}` is not valid JSON: {error}", field=name) from None
    if value is not None and not isinstance(value, kind):
        raise ValidationError(f"`{name}` must be a JSON {'object' if kind is dict else 'list'}", field=name)
    return value


def _order(text: str | None) -> list[dict] | None:
    """`orderBy` as JSON (`[{"field": "name", "direction": "DESC"}]`) or `name:desc,createdAt`."""
    if not text:
        return None
    if text.lstrip().startswith("["):
        return _json(text, "orderBy", list)
    order = []
    for item in text.split(","):
        parts = [part.strip() for part in item.split(":")]
        if not parts[0] or len(parts) > 3:
            raise ValidationError(f"`orderBy`: {item!r} is not `field[:asc|desc[:first|last]]`", field="orderBy")
        term = {"field": parts[0], "direction": parts[1] if len(parts) > 1 else "ASC"}
        if len(parts) > 2:
            term["nulls"] = parts[2]
        order.append(term)
    return order


def _columns(catalog, entity: Entity, actor: auth.Actor, fields: str | None) -> list[Column]:
    available = export_columns(entity, lambda r: inline_numbers(auth.reference_sql(actor, catalog, r, ALIAS)))
    if not fields:
        return [c for c in available if c.field is None or not auth.field_hidden(actor, entity, c.field)]
    by_name = {c.name: c for c in available}
    # An old field name kept by a rename exports the field under the name asked for.
    by_name |= {old: replace(by_name[new], name=old) for old, new in entity.field_aliases.items() if new in by_name}
    chosen = []
    for name in (part.strip() for part in fields.split(",")):
        column = by_name.get(name)
        if column is None:
            raise ValidationError(f"{entity.name} has no field `{name}` to export", field="fields")
        if column.field is not None:
            auth.require_field(actor, entity, column.field, "export")
        if any(_same(c, column) for c in chosen):
            raise ValidationError(f"`{name}` is listed twice in `fields`", field="fields")
        chosen.append(column)
    return chosen


def _same(a: Column, b: Column) -> bool:
    """Whether two columns export the same value (a field under its new and old name)."""
    return (a.field or a.reference or a.name) == (b.field or b.reference or b.name)
