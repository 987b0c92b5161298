"""Plugin definitions registered at run time, and the schema version all workers follow."""

from tortoise import fields
from tortoise.models import Model


class PluginDefinition(Model):
    """A declarative plugin stored by an admin. Unregistering disables it; values stay."""

    id = fields.BigIntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    document = fields.JSONField()
    enabled = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "plugin_definition"


class SchemaState(Model):
    """One row: the schema version, bumped by every plugin change."""

    id = fields.IntField(primary_key=True)
    version = fields.BigIntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "schema_state"
