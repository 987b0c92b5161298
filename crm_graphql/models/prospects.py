"""Targets (not yet contacted) and leads (showed interest)."""

from enum import Enum

from tortoise import fields

from .base import Record


class TargetStatus(str, Enum):
    NEW = "NEW"
    CONTACTED = "CONTACTED"
    CONVERTED = "CONVERTED"
    DISQUALIFIED = "DISQUALIFIED"


class LeadStage(str, Enum):
    ML = "ML"
    MQL = "MQL"
    SQL = "SQL"
    CONVERTED = "CONVERTED"
    LOST = "LOST"


class Target(Record):
    first_name = fields.CharField(max_length=200, null=True)
    last_name = fields.CharField(max_length=200, null=True)
    email = fields.CharField(max_length=320, null=True)
    phone = fields.CharField(max_length=50, null=True)
    title = fields.CharField(max_length=200, null=True)
    company_name = fields.CharField(max_length=300, null=True)
    website = fields.CharField(max_length=500, null=True)
    source = fields.CharField(max_length=200, null=True)
    status = fields.CharEnumField(TargetStatus, max_length=20, default=TargetStatus.NEW)
    converted_at = fields.DatetimeField(null=True)
    converted_lead = fields.ForeignKeyField(
        "models.Lead", related_name=False, null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "target"


class Lead(Record):
    first_name = fields.CharField(max_length=200, null=True)
    last_name = fields.CharField(max_length=200, null=True)
    email = fields.CharField(max_length=320, null=True)
    phone = fields.CharField(max_length=50, null=True)
    title = fields.CharField(max_length=200, null=True)
    company_name = fields.CharField(max_length=300, null=True)
    website = fields.CharField(max_length=500, null=True)
    source = fields.CharField(max_length=200, null=True)
    stage = fields.CharEnumField(LeadStage, max_length=20, default=LeadStage.ML)
    converted_at = fields.DatetimeField(null=True)
    converted_person = fields.ForeignKeyField(
        "models.Person", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    converted_account = fields.ForeignKeyField(
        "models.Account", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    converted_opportunity = fields.ForeignKeyField(
        "models.Opportunity", related_name=False, null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "lead"
