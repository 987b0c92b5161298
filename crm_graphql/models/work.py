"""Activities (the timeline) and deliveries (what was sold, being delivered)."""

from enum import Enum

from tortoise import fields

from .base import Record


class ActivityKind(str, Enum):
    CALL = "CALL"
    MEETING = "MEETING"
    TASK = "TASK"
    NOTE = "NOTE"


class CallDirection(str, Enum):
    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"


class DeliveryStatus(str, Enum):
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    ON_HOLD = "ON_HOLD"
    DONE = "DONE"


class Activity(Record):
    kind = fields.CharEnumField(ActivityKind, max_length=10)
    subject = fields.CharField(max_length=300)
    body = fields.TextField(null=True)
    occurred_at = fields.DatetimeField(null=True)
    due_date = fields.DateField(null=True)
    done = fields.BooleanField(default=False)
    # Calls: who called whom, for how long, and what came of it.
    direction = fields.CharEnumField(CallDirection, max_length=10, null=True)
    duration_seconds = fields.IntField(null=True)
    outcome = fields.CharField(max_length=300, null=True)
    # Meetings: when they take place (their attendees are `ActivityAttendee` rows).
    starts_at = fields.DatetimeField(null=True)
    ends_at = fields.DatetimeField(null=True)
    assignee = fields.ForeignKeyField("models.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    account = fields.ForeignKeyField("models.Account", related_name="activities", null=True, on_delete=fields.CASCADE, db_index=True)
    person = fields.ForeignKeyField("models.Person", related_name="activities", null=True, on_delete=fields.CASCADE, db_index=True)
    lead = fields.ForeignKeyField("models.Lead", related_name="activities", null=True, on_delete=fields.CASCADE, db_index=True)
    opportunity = fields.ForeignKeyField(
        "models.Opportunity", related_name="activities", null=True, on_delete=fields.CASCADE, db_index=True
    )
    delivery = fields.ForeignKeyField("models.Delivery", related_name="activities", null=True, on_delete=fields.CASCADE, db_index=True)

    class Meta:
        table = "activity"


class Delivery(Record):
    name = fields.CharField(max_length=300)
    account = fields.ForeignKeyField("models.Account", related_name="deliveries", on_delete=fields.CASCADE, db_index=True)
    opportunity = fields.ForeignKeyField(
        "models.Opportunity", related_name="deliveries", null=True, on_delete=fields.SET_NULL
    )
    responsible = fields.ForeignKeyField("models.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    status = fields.CharEnumField(DeliveryStatus, max_length=20, default=DeliveryStatus.PLANNED)
    start_date = fields.DateField(null=True)
    due_date = fields.DateField(null=True)

    class Meta:
        table = "delivery"


class DeliveryPhase(Record):
    delivery = fields.ForeignKeyField("models.Delivery", related_name="phases", on_delete=fields.CASCADE, db_index=True)
    name = fields.CharField(max_length=200)
    position = fields.IntField(default=1)
    start_date = fields.DateField(null=True)
    end_date = fields.DateField(null=True)
    done = fields.BooleanField(default=False)

    class Meta:
        table = "delivery_phase"
