"""Persisted documents: requests that name a stored GraphQL document instead of sending it.

This module owns the ids clients send (Apollo's automatic persisted queries and GraphQL
Code Generator: `extensions.persistedQuery.sha256Hash`; Relay: `doc_id`; GraphQL over
HTTP: `documentId`), the `CRM_PERSISTED_DOCUMENTS` modes (`apq`, `trusted`, `off`), the
per-process cache in front of the `persisted_document` table, and registering a client's
persisted-documents file (`crm-graphql documents register`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

import orjson
from cross_web import HTTPException
from graphql import GraphQLError, GraphQLSyntaxError, parse, specified_rules
from strawberry.extensions import AddValidationRules
from strawberry.http import GraphQLRequestData
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionResult
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from .. import values
from ..config import PERSISTED_DOCUMENT_MODES, Settings
from ..errors import (
    ApiError, ConflictError, PersistedQueryNotAllowed, PersistedQueryNotFound, PersistedQueryNotSupported,
    ValidationError,
)
from ..models import PersistedDocument
from .lru import LRU

# The request fields that name a document (besides `query`).
DOCUMENT_ID_FIELDS = ("doc_id", "documentId")
MAX_ID_LENGTH = 200
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def names_a_document(params) -> bool:
    """Whether a GET request's parameters ask for a document (else it may want the GraphiQL page)."""
    return any(name in params for name in ("query", "extensions", *DOCUMENT_ID_FIELDS))


@dataclass(frozen=True)
class DocumentId:
    """The id a request names its document by; `sha256` when sent as an APQ hash."""

    value: str
    sha256: bool


class PersistedDocuments:
    """Turns a request that names a document into one that carries its text, by the rules
    of the configured mode. One per schema build: a rebuild starts with an empty cache."""

    def __init__(self, schema, settings: Settings) -> None:
        if settings.persisted_documents not in PERSISTED_DOCUMENT_MODES:
            raise ValueError(f"persisted_documents must be one of {', '.join(PERSISTED_DOCUMENT_MODES)}")
        self.schema = schema
        self.settings = settings
        self.mode = settings.persisted_documents
        # id -> text of documents found in the table; a known id costs no statement.
        self._cache = LRU(settings.document_cache_size)

    async def resolve(self, request, request_data, actor) -> GraphQLRequestData | ExecutionResult:
        """The request with its document's text, or the error to answer with (HTTP 200)."""
        if isinstance(request_data, list):
            # Batching is not enabled (Strawberry refuses batches before this); were it turned
            # on, each operation would need resolving: refuse rather than run unchecked ones.
            if self.mode == "off":
                return request_data
            raise HTTPException(400, "batched requests cannot be used with persisted documents")
        try:
            return await self._resolve(request, request_data, actor)
        except ApiError as error:
            return ExecutionResult(data=None, errors=[GraphQLError(error.message, extensions=error.extensions)])

    async def _resolve(self, request, data: GraphQLRequestData, actor) -> GraphQLRequestData:
        query = data.query
        raw_id = await _raw_document_id(request)
        if self.mode == "off":
            if query is None and ("persistedQuery" in (data.extensions or {}) or raw_id is not None):
                raise PersistedQueryNotSupported("PersistedQueryNotSupported")
            return data
        named = requested_id(data.extensions, raw_id)
        if named is None:
            if query is not None and self.mode == "trusted" and not self._may_send_any_document(actor):
                raise PersistedQueryNotAllowed(
                    "this API runs only registered documents: send the id of a registered document "
                    "(`extensions.persistedQuery.sha256Hash`, `doc_id` or `documentId`) instead of `query`")
            return data
        if query is not None and named.sha256 and (actual := sha256_hex(query)) != named.value:
            raise ValidationError(f"the query's SHA-256 hash is {actual}, not {named.value}; nothing was stored",
                                  field="sha256Hash")
        stored = await self._stored(named.value)
        if stored is not None:
            return replace(data, query=stored)
        if query is None:
            if named.sha256:
                raise PersistedQueryNotFound("PersistedQueryNotFound")
            raise PersistedQueryNotFound(f"no document is registered with the id {named.value!r}")
        if self.mode == "trusted":
            if self._may_send_any_document(actor):
                return data  # run, but not registered: only `crm-graphql documents register` does that
            raise PersistedQueryNotAllowed(
                "this API runs only registered documents and does not register them from clients; "
                "register them with `crm-graphql documents register`")
        if named.sha256:
            await self._register_automatically(named.value, query)
        return data

    def _may_send_any_document(self, actor) -> bool:
        """In trusted mode: development (GraphiQL) and admins still send any document."""
        return self.settings.development or (actor is not None and actor.is_admin)

    async def _stored(self, document_id: str) -> str | None:
        text = self._cache.get(document_id)
        if text is not None:
            return text
        # A client may send the text's SHA-256 for a document registered under another id.
        by_id = Q(document_id=document_id)
        rows = PersistedDocument.filter(by_id | Q(sha256=document_id) if SHA256_HEX.fullmatch(document_id) else by_id)
        if self.mode == "trusted":
            rows = rows.filter(trusted=True)
        found = await rows.order_by("id").limit(1).values_list("document", flat=True)
        if not found:
            return None
        self._remember(document_id, found[0])
        return found[0]

    def _remember(self, document_id: str, text: str) -> None:
        self._cache.put(document_id, text)

    async def _register_automatically(self, sha256: str, text: str) -> None:
        """Store a client's document under its hash, if it is valid (else executing it reports why)."""
        if document_problems(self.schema, self.settings, text):
            return
        await PersistedDocument.bulk_create(
            [PersistedDocument(document_id=sha256, sha256=sha256, document=text)], ignore_conflicts=True)
        self._remember(sha256, text)


def requested_id(extensions: dict | None, raw_id: object) -> DocumentId | None:
    """The document id a request names: an APQ hash in `extensions`, else `doc_id`/`documentId`."""
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is not None:
        if not isinstance(persisted, dict) or persisted.get("version", 1) != 1:
            raise ValidationError("`extensions.persistedQuery` must be {version: 1, sha256Hash: \"<hex>\"}",
                                  field="persistedQuery")
        hash_ = persisted.get("sha256Hash")
        # Usually a SHA-256 hash; a registered id of another kind (a Code Generator file
        # with another hash function) is found too. A text sent with it must match as SHA-256.
        hash_ = checked_id(hash_, "sha256Hash")
        # GraphQL Code Generator's client preset writes `sha256:<hex>`: the same hash.
        if hash_.startswith("sha256:"):
            hash_ = hash_.removeprefix("sha256:")
        return DocumentId(hash_, sha256=True)
    if raw_id is None:
        return None
    return DocumentId(checked_id(raw_id, "documentId"), sha256=False)


def checked_id(value: object, field: str) -> str:
    """A persisted-document id as every path takes it (requests and the CLI's files): 1 to
    MAX_ID_LENGTH characters, no NUL (a SHA-256 hash, `sha256:<hex>`, a Relay id, ...)."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_LENGTH:
        raise ValidationError(f"a document id must be a string of 1 to {MAX_ID_LENGTH} characters "
                              "(usually the document's SHA-256 hash)", field=field)
    return values.text(value, field, max_length=MAX_ID_LENGTH)


async def _raw_document_id(request) -> object:
    """Relay's `doc_id` or GraphQL over HTTP's `documentId`, which Strawberry does not read."""
    if request.method == "GET":
        return next((request.query_params[f] for f in DOCUMENT_ID_FIELDS if f in request.query_params), None)
    if "json" not in request.headers.get("content-type", ""):
        return None
    body = await request.body()  # Starlette keeps the body Strawberry read
    if not any(field.encode() in body for field in DOCUMENT_ID_FIELDS):
        return None  # most requests: no second parse
    data = orjson.loads(body)
    if not isinstance(data, dict):
        return None
    return next((data[f] for f in DOCUMENT_ID_FIELDS if f in data), None)


def document_problems(schema, settings: Settings, text: str) -> list[str]:
    """What is wrong with a document for this schema (empty if nothing): parsing with the
    token limit, and the validation rules the schema's own extensions add (depth, aliases,
    introspection)."""
    try:
        document = parse(text, max_tokens=settings.max_tokens)
    except GraphQLSyntaxError as error:
        return [error.message]
    extra_rules = [rule for extension in schema.get_extensions() if isinstance(extension, AddValidationRules)
                   for rule in extension.validation_rules]
    errors = validate_document(schema._schema, document, (*specified_rules, *extra_rules))
    return [error.message for error in errors]


# --- registering a client's persisted-documents file (the CLI) ---


def read_documents_file(text: str, source: str) -> dict[str, str]:
    """The documents of a Relay (`persistConfig`) or GraphQL Code Generator
    (`persisted-documents.json`) file: one JSON object of id -> document text."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise ValidationError(f"{source} is not JSON: {error}") from None
    if not isinstance(data, dict) or not data:
        raise ValidationError(f"{source} must be a JSON object of document id -> document text")
    for document_id, document in data.items():
        try:
            checked_id(document_id, "id")
        except ValidationError as error:
            raise ValidationError(f"{source}: the id {document_id[:MAX_ID_LENGTH]!r}: {error.message}") from None
        if not isinstance(document, str):
            raise ValidationError(f"{source}: the document {document_id!r} is not a string of GraphQL")
    return data


@dataclass(frozen=True)
class Registration:
    added: int
    already_registered: int


async def register_documents(service, documents: dict[str, str], client: str | None) -> Registration:
    """Validate every document against the current schema, then store all as trusted, in one
    transaction; one broken or conflicting document stores nothing."""
    build = service.current
    problems = [f"document {document_id!r}: {'; '.join(found)}" for document_id, text in documents.items()
                if (found := document_problems(build.schema, service.settings, text))]
    if problems:
        raise ValidationError("nothing was registered; " + " | ".join(problems))
    already = 0
    async with in_transaction() as conn:
        existing = {row.document_id: row for row in
                    await PersistedDocument.filter(document_id__in=list(documents)).using_db(conn)}
        new_rows = []
        for document_id, text in documents.items():
            row = existing.get(document_id)
            if row is None:
                new_rows.append(PersistedDocument(document_id=document_id, sha256=sha256_hex(text), document=text,
                                                  trusted=True, client=client))
                continue
            if row.document != text:
                raise ConflictError(f"nothing was registered; the id {document_id!r} is registered already "
                                    "with another document (remove it first)")
            already += 1
            if not row.trusted or (client and not row.client):
                row.trusted, row.client = True, row.client or client
                await row.save(using_db=conn, update_fields=["trusted", "client"])
        await PersistedDocument.bulk_create(new_rows, using_db=conn)
    return Registration(len(new_rows), already)


async def remove_documents(service, document_ids: list[str], client: str | None, automatic: bool) -> int:
    """Delete documents by id, by client, or those clients registered (APQ); every API process
    drops its cache (through the schema version, as for a plugin change)."""
    condition = Q(document_id__in=document_ids) if document_ids else None
    for extra in ([Q(client=client)] if client else []) + ([Q(trusted=False)] if automatic else []):
        condition = extra if condition is None else condition | extra
    if condition is None:
        raise ValidationError("say what to remove: document ids, --client NAME or --apq")
    async with in_transaction() as conn:
        removed = await PersistedDocument.filter(condition).using_db(conn).delete()
        if removed:
            await service.bump_version(conn)
    return removed


_OPERATION_NAME = re.compile(r"\b(query|mutation|subscription)\s+(\w+)")


def operation_label(text: str) -> str:
    """`query AccountView` for a listing; the first named operation of a document."""
    found = _OPERATION_NAME.search(text)
    return f"{found.group(1)} {found.group(2)}" if found else "(anonymous)"
