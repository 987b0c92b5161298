"""Fields every CRM record shares: owner, timestamps, version and plugin values."""

from tortoise import fields
from tortoise.models import Model


class Record(Model):
    id = fields.BigIntField(primary_key=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    owner = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    # Optimistic concurrency: every update must name the version it read.
    version = fields.IntField(default=1)
    # Values of plugin fields; JSONB on PostgreSQL.
    custom = fields.JSONField(default=dict)

    class Meta:
        abstract = True
