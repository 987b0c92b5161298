"""Who works in the CRM: users, teams, territories and API tokens."""

from enum import Enum

from tortoise import fields
from tortoise.models import Model


class Role(str, Enum):
    ADMIN = "ADMIN"
    MANAGER = "MANAGER"
    SALES = "SALES"
    EXTERNAL = "EXTERNAL"
    BI = "BI"


class Territory(Model):
    id = fields.BigIntField(primary_key=True)
    name = fields.CharField(max_length=200, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "territory"


class Team(Model):
    id = fields.BigIntField(primary_key=True)
    name = fields.CharField(max_length=200, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "team"


class User(Model):
    id = fields.BigIntField(primary_key=True)
    email = fields.CharField(max_length=320, unique=True)
    name = fields.CharField(max_length=200, null=True)
    role = fields.CharEnumField(Role, max_length=20, default=Role.SALES)
    team = fields.ForeignKeyField(
        "models.Team", related_name="members", null=True, on_delete=fields.SET_NULL
    )
    territories = fields.ManyToManyField(
        "models.Territory", related_name="users", through="user_territory"
    )
    # Accounts of these territories are hidden from the user, whatever their role.
    excluded_territories = fields.ManyToManyField(
        "models.Territory", related_name="excluded_users", through="user_excluded_territory"
    )
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "crm_user"


class ApiToken(Model):
    """A bearer token; only its SHA-256 digest is stored."""

    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="tokens", on_delete=fields.CASCADE)
    name = fields.CharField(max_length=200, null=True)
    digest = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
