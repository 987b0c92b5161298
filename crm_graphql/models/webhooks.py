"""Webhook endpoints and their delivery log (see docs/ARCHITECTURE.md, "Webhooks")."""

from tortoise import fields
from tortoise.models import Model


class WebhookEndpoint(Model):
    """Where an integration hears about changes: a URL, what to send it, signed how.

    `entities` and `record_filter` are stored by key (entity keys; a filter's fields as `#<field
    key>`), so renames do not change what an endpoint receives. `user` is the user as whom
    payloads are read: their role, territories and field rules decide which records and
    fields are sent (a role alone cannot say whose records are "own"). `cursor` is the
    last sequence of the change feed handled (sent, or skipped): it moves only after a
    2xx, so the feed itself is the queue."""

    id = fields.BigIntField(primary_key=True)
    url = fields.CharField(max_length=2000)
    entities = fields.JSONField(default=list)
    kinds = fields.JSONField(default=list)
    record_filter = fields.JSONField(null=True)
    user = fields.ForeignKeyField("models.User", related_name=False, on_delete=fields.RESTRICT)
    secret = fields.CharField(max_length=100)
    # After a rotation, deliveries are signed with the previous secret too until this time.
    previous_secret = fields.CharField(max_length=100, null=True)
    previous_secret_until = fields.DatetimeField(null=True)
    enabled = fields.BooleanField(default=True)
    disabled_reason = fields.TextField(null=True)
    cursor = fields.BigIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "webhook_endpoint"


class WebhookDelivery(Model):
    """One change of the feed as one endpoint got it (or not): its attempts and outcome."""

    id = fields.BigIntField(primary_key=True)
    endpoint = fields.ForeignKeyField("models.WebhookEndpoint", related_name=False, on_delete=fields.CASCADE)
    sequence = fields.BigIntField()
    webhook_id = fields.CharField(max_length=100)
    entity = fields.CharField(max_length=100)
    record_id = fields.BigIntField()
    # pending, delivered, failed (the endpoint was disabled on it) or skipped (not sent:
    # the record is not the endpoint's user's to see, or does not match the filter).
    status = fields.CharField(max_length=20, default="pending")
    attempts = fields.IntField(default=0)
    last_error = fields.TextField(null=True)
    next_try = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "webhook_delivery"
        unique_together = (("endpoint", "sequence"),)
        indexes = (("endpoint", "entity", "record_id"),)
