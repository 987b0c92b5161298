"""People (contacts): email is the only required field."""

from tortoise import fields

from .base import Record


class Person(Record):
    email = fields.CharField(max_length=320, db_index=True)
    first_name = fields.CharField(max_length=200, null=True)
    last_name = fields.CharField(max_length=200, null=True)
    title = fields.CharField(max_length=200, null=True)
    phone = fields.CharField(max_length=50, null=True)
    linkedin_url = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "person"
