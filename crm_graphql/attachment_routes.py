"""Files of records over plain HTTP, authenticated like `/graphql`:

    POST /attachments?record=<ID>     a multipart/form-data body with the file as `file`
    GET  /attachments/<attachment ID>  the file, if you may read its record

An upload is refused before anything is stored when the actor may not change the record
(403, or 404 if they may not see it), when the file is larger than
`CRM_ATTACHMENT_MAX_BYTES` (413) or of a type not in `CRM_ATTACHMENT_TYPES` (415). Errors
are JSON bodies like GraphQL's: `{"errors": [{"message", "extensions": {"code", ...}}]}`.
"""

from __future__ import annotations

from urllib.parse import quote

import orjson
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Message, Receive

from . import replicas
from .auth import Actor
from .auth.tokens import authenticate
from .errors import ApiError, LimitError, UnauthenticatedError, ValidationError
from .journey import attachments

# Room in a multipart body for its boundaries and part headers, beside the file itself.
FORM_OVERHEAD = 64 * 1024
STATUS = {"VALIDATION": 400, "NOT_FOUND": 404, "FORBIDDEN": 403, "CONFLICT": 409, "LIMIT_EXCEEDED": 413}


class AttachmentEndpoints:
    """The upload and download routes on the schema build current at each request."""

    def __init__(self, service) -> None:
        self.service = service

    async def upload(self, request: Request) -> Response:
        build, settings = self.service.current, self.service.settings
        actor = await self._actor(request, build)
        if isinstance(actor, Response):
            return actor
        replicas.wrote()  # the client's next reads see the file (read-your-writes)
        limit = settings.attachment_max_bytes + FORM_OVERHEAD
        too_large = LimitError(f"the file is larger than the limit of {settings.attachment_max_bytes} bytes",
                               field="file", maximum=settings.attachment_max_bytes)
        try:
            record = request.query_params.get("record")
            if not record:
                raise ValidationError("say which record the file belongs to: `?record=<ID>`", field="record")
            length = request.headers.get("content-length", "")
            if length.isdigit() and int(length) > limit:
                raise too_large
            # The body is counted as it arrives, so a body without a length cannot exceed it either.
            body = Request(request.scope, _at_most(request.receive, limit, too_large))
            form = await body.form(max_files=1, max_fields=10)
        except ApiError as error:
            return _error(error)
        except HTTPException as error:
            return _error(ValidationError(f"the body is not a valid multipart form: {error.detail}", field="file"))
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ValidationError("send the file as the `file` field of a multipart/form-data body", field="file")
            row = await attachments.attach(settings, build.reader, actor, record, upload.filename,
                                           upload.content_type, upload.size, upload)
        except ApiError as error:
            return _error(error)
        finally:
            await form.close()
        body = {"id": attachments.global_id(row["id"]), "recordId": attachments.record_id(row),
                "filename": row["filename"], "contentType": row["content_type"], "size": row["size"],
                "sha256": row["sha256"], "uploadedAt": row["uploaded_at"].isoformat(),
                "url": f"/attachments/{attachments.global_id(row['id'])}"}
        return Response(orjson.dumps(body), status_code=201, media_type="application/json")

    async def download(self, request: Request) -> Response:
        build, settings = self.service.current, self.service.settings
        actor = await self._actor(request, build)
        if isinstance(actor, Response):
            return actor
        try:
            row, chunks = await attachments.readable(settings, build.reader, actor, request.path_params["id"])
        except ApiError as error:
            return _error(error)
        # nosniff: a browser shows the file as the type it was accepted as, never as HTML.
        return StreamingResponse(chunks, media_type=row["content_type"], headers={
            "Content-Length": str(row["size"]), "Content-Disposition": _disposition(row["filename"]),
            "X-Content-Type-Options": "nosniff"})

    @staticmethod
    async def _actor(request: Request, build) -> Actor | Response:
        try:
            return await authenticate(request.headers.get("authorization"), build.policy)
        except UnauthenticatedError as error:
            from .app import error_response  # the same 401 as /graphql (app imports this module)

            return error_response(error)


def _disposition(filename: str) -> str:
    """A download under the file's name, as Starlette's FileResponse writes it."""
    quoted = quote(filename)
    if quoted != filename:
        return f"attachment; filename*=utf-8''{quoted}"
    return f'attachment; filename="{filename}"'


def _at_most(receive: Receive, limit: int, too_large: LimitError) -> Receive:
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise too_large
        return message

    return counted


def _error(error: ApiError) -> Response:
    status = 415 if isinstance(error, attachments.UnsupportedFileType) else STATUS.get(error.code, 400)
    body = {"errors": [{"message": error.message, "extensions": error.extensions}]}
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")
