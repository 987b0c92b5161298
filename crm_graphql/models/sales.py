"""Opportunities (deals) and the configurable pipeline stages they move through."""

from tortoise import fields
from tortoise.models import Model

from .base import Record

DEFAULT_STAGES = [
    # name, position, win probability (percent), won, lost
    ("Qualification", 1, 10, False, False),
    ("Needs analysis", 2, 25, False, False),
    ("Proposal", 3, 50, False, False),
    ("Negotiation", 4, 75, False, False),
    ("Closed won", 5, 100, True, False),
    ("Closed lost", 6, 0, False, True),
]


class PipelineStage(Model):
    id = fields.BigIntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    position = fields.IntField()
    probability = fields.IntField(default=0)
    is_won = fields.BooleanField(default=False)
    is_lost = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "pipeline_stage"


class Opportunity(Record):
    name = fields.CharField(max_length=300)
    stage = fields.ForeignKeyField("models.PipelineStage", related_name="opportunities", on_delete=fields.RESTRICT)
    amount = fields.DecimalField(max_digits=18, decimal_places=2, null=True)
    currency = fields.CharField(max_length=3, default="EUR")
    expected_close_date = fields.DateField(null=True)
    closed_on = fields.DateField(null=True)
    # The salesperson's commission on the deal; hidden from sales and external users.
    commission = fields.DecimalField(max_digits=18, decimal_places=2, null=True)
    account = fields.ForeignKeyField(
        "models.Account", related_name="opportunities", null=True, on_delete=fields.SET_NULL, db_index=True
    )

    class Meta:
        table = "opportunity"


class OpportunityPerson(Model):
    """The many-to-many link between opportunities and the people involved."""

    id = fields.BigIntField(primary_key=True)
    opportunity = fields.ForeignKeyField(
        "models.Opportunity", related_name="person_links", on_delete=fields.CASCADE
    )
    person = fields.ForeignKeyField("models.Person", related_name="opportunity_links", on_delete=fields.CASCADE,
                                  db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "opportunity_person"
        unique_together = (("opportunity", "person"),)
