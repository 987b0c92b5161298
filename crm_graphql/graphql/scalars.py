"""Python types for the catalog's field types, and the enums of select fields."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.scalars import JSON

from ..catalog import Entity, Field
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
