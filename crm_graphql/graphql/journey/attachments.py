"""`attachments(recordId:)` and `deleteAttachment`; files are uploaded and downloaded through
the `/attachments` routes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from ...catalog import Catalog
from ...journey import attachments
from ...query.reader import Page
from ..context import context_of
from ..relay import ConnectionTypes, Node, make
from ..types import EntityTypes
from .loading import forward_page, interface_node, node


def attachment_type(types: EntityTypes) -> type:
    """The `Attachment` type of this schema build (made once, shared with the timeline)."""
    made = types.factory.types.get("Attachment")
    if made is not None:
        return made

    async def record(root, info: strawberry.Info):
        return await interface_node(info, types, root.entity, root.record_pk)

    async def uploaded_by(root, info: strawberry.Info):
        return await node(info, types, "User", root.uploaded_by_id)

    return types.factory.object_type("Attachment", {
        "id": strawberry.field(graphql_type=strawberry.ID),
        "record_id": strawberry.field(graphql_type=strawberry.ID, description="The global ID of the record."),
        "record": strawberry.field(graphql_type=Node | None, resolver=record),
        "filename": strawberry.field(graphql_type=str),
        "content_type": strawberry.field(graphql_type=str),
        "size": strawberry.field(graphql_type=int, description="Bytes."),
        "sha256": strawberry.field(graphql_type=str, description="The SHA-256 of the content, in hex."),
        "uploaded_at": strawberry.field(graphql_type=datetime),
        "uploaded_by": strawberry.field(graphql_type=types.objects["User"] | None, resolver=uploaded_by),
        "url": strawberry.field(graphql_type=str, description="Where to download it (with your token)."),
    }, description="A file attached to a record.")


def attachment_values(row: dict) -> dict:
    """An attachment's row as its GraphQL type reads it."""
    global_id = attachments.global_id(row["id"])
    return {**row, "id": global_id, "record_pk": row["record_id"], "record_id": attachments.record_id(row),
            "url": f"/attachments/{global_id}"}


def attachment_node(types: EntityTypes, row: dict):
    return make(attachment_type(types), attachment_values(row))


def query_fields(catalog: Catalog, types: EntityTypes) -> dict[str, Any]:
    connection = ConnectionTypes(types.factory, "Attachment", attachment_type(types))

    async def attachments_of(info: strawberry.Info, record_id: strawberry.ID, first: int | None = None,
                             after: str | None = None):
        context = context_of(info)
        page, count = await attachments.attachments_of(context.reader, context.actor, record_id,
                                                       forward_page(info, first, after))
        values = [attachment_values(row) for row in page.rows]
        return connection.build(Page(values, page.cursors, page.info), count)

    return {
        "attachments": strawberry.field(
            resolver=attachments_of, graphql_type=connection.connection,
            description="The files attached to a record, newest first. Upload with "
                        "`POST /attachments?record=<ID>` (a multipart form with a `file`)."),
    }


def mutation_fields() -> dict[str, Any]:
    async def delete_attachment(info: strawberry.Info, id: strawberry.ID) -> strawberry.ID:
        context = context_of(info)
        await attachments.detach(context.settings, context.reader, context.actor, id)
        return id

    return {
        "delete_attachment": strawberry.field(
            resolver=delete_attachment, graphql_type=strawberry.ID,
            description="Removes a file from its record (and the attachments folder); returns its ID."),
    }
