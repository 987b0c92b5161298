"""The change feed: one row per committed change, written in the change's own transaction."""

from tortoise import fields
from tortoise.models import Model

from ..ops.requests import current_id


class Change(Model):
    """A committed create, update, delete or conversion of one record (the outbox).

    `id` is the feed's sequence: it grows in commit order (see `feed/outbox.py`), so a
    reader that saw sequence n has seen every change committed before n's. `changes` maps
    field keys (a core field's column, a plugin field's JSON key, a reference's column) to
    `[old, new]`: keys, because an API name may be renamed after the change was written."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True)
    entity = fields.CharField(max_length=100)
    record_id = fields.BigIntField()
    kind = fields.CharField(max_length=20)
    changes = fields.JSONField(default=dict)
    user = fields.ForeignKeyField("models.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    request_id = fields.CharField(max_length=64, null=True, default=current_id)

    class Meta:
        table = "change_feed"
        indexes = (("at",),)
