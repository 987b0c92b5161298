"""Python types for the catalog's field types, and the enums of select fields."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON
from strawberry.schema.types.base_scalars import DateDefinition
from strawberry.types.scalar import ScalarDefinition

from .. import values
from ..catalog import Entity, Field
from ..errors import ValidationError
from ..query import rendering
from .factory import TypeFactory

PYTHON_TYPES = {
    "text": str, "email": str, "url": str, "int": int, "number": float, "money": Decimal,
    "date": date, "datetime": datetime, "boolean": bool, "json": JSON, "id": strawberry.ID,
}


# The operator input of each scalar field type, and the type of its operands.
SCALAR_FILTERS = {
    "text": ("StringFilter", str), "email": ("StringFilter", str), "url": ("StringFilter", str),
    "int": ("IntFilter", int), "number": ("FloatFilter", float), "money": ("DecimalFilter", Decimal),
    "date": ("DateFilter", date), "datetime": ("DateTimeFilter", datetime),
    "boolean": ("BooleanFilter", bool), "id": ("IDFilter", strawberry.ID),
}


def enum_name(entity: Entity, field: Field) -> str:
    return field.enum_name or f"{entity.name}{field.name[:1].upper()}{field.name[1:]}"


def value_type(factory: TypeFactory, entity: Entity, field: Field):
    """The GraphQL type of a field's value, without nullability."""
    if field.type in ("select", "multiselect"):
        enum = factory.enum_type(enum_name(entity, field), field.option_values)
        return list[enum] if field.type == "multiselect" else enum
    return PYTHON_TYPES[field.type]


def _checked(parse, type_name: str):
    """A scalar's input parser whose refusals are VALIDATION errors."""

    def parse_value(value):
        try:
            return parse(value, type_name)
        except ValidationError as error:
            raise GraphQLError(error.message, extensions={"code": "VALIDATION"}) from None

    return parse_value


# Outputs are written by `query/rendering.py`, whose SQL the compiled path and the export
# use. DateTime and Decimal inputs are checked where they enter (see `values.py`): a time
# that does not exist in UTC and a number out of range are refused before any resolver runs.
SCALAR_OVERRIDES = {
    date: ScalarDefinition(
        name="Date", description=DateDefinition.description, specified_by_url=None,
        serialize=rendering.date_json, parse_value=DateDefinition.parse_value, parse_literal=None, origin=date),
    datetime: ScalarDefinition(
        name="DateTime", description="Date with time (isoformat)", specified_by_url=None,
        serialize=rendering.datetime_json, parse_value=_checked(values.datetime_utc, "DateTime"),
        parse_literal=None, origin=datetime),
    Decimal: ScalarDefinition(
        name="Decimal", description="Decimal (fixed-point)", specified_by_url=None,
        serialize=rendering.decimal_json, parse_value=_checked(values.decimal, "Decimal"), parse_literal=None,
        origin=Decimal),
}
