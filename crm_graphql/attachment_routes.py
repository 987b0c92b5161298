"""Files of records over plain HTTP, authenticated like `/graphql`:

    POST /attachments?record=<ID>     a multipart/form-data body with the file as `file`
    GET  /attachments/<attachment ID>  the file, if you may read its record

An upload is refused before anything is stored when the actor may not change the record
(403, or 404 if they may not see it), when the file is larger than
`CRM_ATTACHMENT_MAX_BYTES` (413, counted by the edge as the body arrives) or of a type not
in `CRM_ATTACHMENT_TYPES` (415). The edge (`edge.py`) authenticates and answers errors.
"""

from __future__ import annotations

from urllib.parse import quote

import orjson
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from . import replicas
from .errors import ValidationError
from .journey import attachments


class AttachmentEndpoints:
    """The upload and download routes on the schema build current at each request."""

    def __init__(self, service) -> None:
        self.service = service

    async def upload(self, request: Request) -> Response:
        build, settings = self.service.current, self.service.settings
        record = request.query_params.get("record")
        if not record:
            raise ValidationError("say which record the file belongs to: `?record=<ID>`", field="record")
        replicas.wrote()  # the client's next reads see the file (read-your-writes)
        try:
            form = await request.form(max_files=1, max_fields=10)
        except HTTPException as error:
            raise ValidationError(f"the body is not a valid multipart form: {error.detail}", field="file") from None
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ValidationError("send the file as the `file` field of a multipart/form-data body", field="file")
            row = await attachments.attach(settings, build.reader, request.state.actor, record, upload.filename,
                                           upload.content_type, upload.size, upload)
        finally:
            await form.close()
        body = {"id": attachments.global_id(row["id"]), "recordId": attachments.record_id(row),
                "filename": row["filename"], "contentType": row["content_type"], "size": row["size"],
                "sha256": row["sha256"], "uploadedAt": row["uploaded_at"].isoformat(),
                "url": f"/attachments/{attachments.global_id(row['id'])}"}
        return Response(orjson.dumps(body), status_code=201, media_type="application/json")

    async def download(self, request: Request) -> Response:
        build, settings = self.service.current, self.service.settings
        row, chunks = await attachments.readable(settings, build.reader, request.state.actor,
                                                 request.path_params["id"])
        # nosniff: a browser shows the file as the type it was accepted as, never as HTML.
        return StreamingResponse(chunks, media_type=row["content_type"], headers={
            "Content-Length": str(row["size"]), "Content-Disposition": _disposition(row["filename"]),
            "X-Content-Type-Options": "nosniff"})


def _disposition(filename: str) -> str:
    """A download under the file's name, as Starlette's FileResponse writes it."""
    quoted = quote(filename)
    if quoted != filename:
        return f"attachment; filename*=utf-8''{quoted}"
    return f'attachment; filename="{filename}"'
