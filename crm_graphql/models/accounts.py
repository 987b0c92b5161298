"""Accounts (companies), the people linked to them and their billing history."""

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from .base import Record


class BillingStage(str, Enum):
    PROSPECT = "PROSPECT"
    ONBOARDING = "ONBOARDING"
    ACTIVE = "ACTIVE"
    PAST_DUE = "PAST_DUE"
    CHURNED = "CHURNED"


class BillingStatus(str, Enum):
    DRAFT = "DRAFT"
    INVOICED = "INVOICED"
    PAID = "PAID"
    OVERDUE = "OVERDUE"
    CANCELLED = "CANCELLED"


class Account(Record):
    name = fields.CharField(max_length=300)
    website = fields.CharField(max_length=500, null=True)
    industry = fields.CharField(max_length=200, null=True)
    annual_revenue = fields.DecimalField(max_digits=18, decimal_places=2, null=True)
    employee_count = fields.IntField(null=True)
    billing_stage = fields.CharEnumField(BillingStage, max_length=20, default=BillingStage.PROSPECT)
    contract_end_date = fields.DateField(null=True)
    primary_person = fields.ForeignKeyField(
        "models.Person", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    territory = fields.ForeignKeyField(
        "models.Territory", related_name="accounts", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "account"


class AccountPerson(Model):
    """The many-to-many link between accounts and people."""

    id = fields.BigIntField(primary_key=True)
    account = fields.ForeignKeyField("models.Account", related_name="person_links", on_delete=fields.CASCADE)
    person = fields.ForeignKeyField("models.Person", related_name="account_links", on_delete=fields.CASCADE,
                                    db_index=True)
    # Marks the person's primary account (a person may belong to several).
    is_primary = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "account_person"
        unique_together = (("account", "person"),)


class BillingEntry(Record):
    account = fields.ForeignKeyField("models.Account", related_name="billing_entries", on_delete=fields.CASCADE,
                                     db_index=True)
    date = fields.DateField()
    amount = fields.DecimalField(max_digits=18, decimal_places=2)
    currency = fields.CharField(max_length=3, default="EUR")
    status = fields.CharEnumField(BillingStatus, max_length=20, default=BillingStatus.DRAFT)
    description = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "billing_entry"
