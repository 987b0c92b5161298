"""The customer journey's own rows: meeting attendees, an opportunity's stage history and
files attached to records."""

from tortoise import fields
from tortoise.models import Model


class ActivityAttendee(Model):
    """The many-to-many link between meetings and the people who attend them."""

    id = fields.BigIntField(primary_key=True)
    activity = fields.ForeignKeyField("models.Activity", related_name="attendee_links", on_delete=fields.CASCADE)
    person = fields.ForeignKeyField("models.Person", related_name="meeting_links", on_delete=fields.CASCADE)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "activity_attendee"
        unique_together = (("activity", "person"),)


class OpportunityStageChange(Model):
    """One move of an opportunity from one pipeline stage to another: when, and by whom."""

    id = fields.BigIntField(primary_key=True)
    opportunity = fields.ForeignKeyField(
        "models.Opportunity", related_name="stage_changes", on_delete=fields.CASCADE
    )
    # The stages' names are kept as they were: the history stays readable when a stage is
    # renamed or deleted (its link is then cleared).
    from_stage = fields.ForeignKeyField("models.PipelineStage", related_name=False, null=True,
                                        on_delete=fields.SET_NULL)
    from_stage_name = fields.CharField(max_length=100)
    to_stage = fields.ForeignKeyField("models.PipelineStage", related_name=False, null=True,
                                      on_delete=fields.SET_NULL)
    to_stage_name = fields.CharField(max_length=100)
    at = fields.DatetimeField()
    user = fields.ForeignKeyField("models.User", related_name=False, null=True, on_delete=fields.SET_NULL)

    class Meta:
        table = "opportunity_stage_change"
        indexes = (("opportunity", "at"),)


class Attachment(Model):
    """A file attached to a record of any entity; its bytes are in `store`: chunks in the
    database or a file in the attachments folder (see journey/stores.py)."""

    id = fields.BigIntField(primary_key=True)
    # The record, as the catalog key of its entity and its primary key (any entity may have files).
    entity = fields.CharField(max_length=100)
    record_id = fields.BigIntField()
    filename = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=255)
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64)
    # The key of the bytes in their store (never the client's filename).
    stored_as = fields.CharField(max_length=100, unique=True)
    # `database` or `disk`; rows from before the database store are on disk.
    store = fields.CharField(max_length=10, default="disk")
    uploaded_by = fields.ForeignKeyField("models.User", related_name=False, null=True, on_delete=fields.SET_NULL)
    uploaded_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "attachment"
        indexes = (("entity", "record_id"),)


class AttachmentChunk(Model):
    """A piece of an attachment's bytes in the database store, `seq` counting from 0."""

    id = fields.BigIntField(primary_key=True)
    stored_as = fields.CharField(max_length=100)
    seq = fields.IntField()
    data = fields.BinaryField()

    class Meta:
        table = "attachment_chunk"
        unique_together = (("stored_as", "seq"),)
