"""GraphQL documents stored by id: registered in advance (trusted) or by clients (APQ)."""

from tortoise import fields
from tortoise.models import Model


class PersistedDocument(Model):
    """One document text and the id clients send instead of it.

    `document_id` is the client's id (a Relay id, a GraphQL Code Generator hash, or for
    automatic persisted queries the SHA-256 hash itself); `sha256` is the hash of the text,
    so a client may send either. Only `trusted` documents run in trusted-documents mode.
    """

    id = fields.BigIntField(primary_key=True)
    document_id = fields.CharField(max_length=200, unique=True)
    sha256 = fields.CharField(max_length=64, db_index=True)
    document = fields.TextField()
    trusted = fields.BooleanField(default=False)
    # The client a registered file came from (`--client`); none for APQ documents.
    client = fields.CharField(max_length=100, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "persisted_document"
