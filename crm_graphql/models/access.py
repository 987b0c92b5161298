"""Access rules as data: what each role may read and write, which fields it may not see,
and an audit log of every change."""

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from ..ops.requests import current_id


class Scope(str, Enum):
    ALL = "ALL"
    # Records of accounts in the user's territories.
    TERRITORY = "TERRITORY"
    # Records the user owns, or that belong to accounts the user owns or whose territory
    # the user is assigned to.
    ACCOUNTS = "ACCOUNTS"
    # Records the user owns.
    OWNED = "OWNED"
    NONE = "NONE"


class AccessRule(Model):
    """A role's read and write scope on one entity (absent: the built-in default)."""

    id = fields.BigIntField(primary_key=True)
    role = fields.CharField(max_length=20)
    entity = fields.CharField(max_length=100)
    read_scope = fields.CharEnumField(Scope, max_length=20)
    write_scope = fields.CharEnumField(Scope, max_length=20)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "access_rule"
        unique_together = (("role", "entity"),)


class FieldRule(Model):
    """A field hidden from a role: not readable, filterable, orderable, groupable or exported."""

    id = fields.BigIntField(primary_key=True)
    role = fields.CharField(max_length=20)
    entity = fields.CharField(max_length=100)
    field = fields.CharField(max_length=100)
    hidden = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "field_rule"
        unique_together = (("role", "entity", "field"),)


class AuditEntry(Model):
    """Who changed which record when, with the old and new value of each field."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True)
    user = fields.ForeignKeyField("models.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    action = fields.CharField(max_length=20)
    entity = fields.CharField(max_length=100)
    record_id = fields.BigIntField()
    changes = fields.JSONField(default=dict)
    # The id of the HTTP request that made the change (its `X-Request-Id`, also in the
    # request's log line); every entry takes it from the request being served.
    request_id = fields.CharField(max_length=64, null=True, default=current_id)

    class Meta:
        table = "audit_entry"
        indexes = (("entity", "record_id"),)
