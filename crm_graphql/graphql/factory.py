"""`TypeFactory`: makes Strawberry types at run time, because plugins change them.

Types refer to each other in cycles (an account has opportunities, an opportunity has
an account), and Strawberry resolves annotations when a class is decorated. So fields
whose type is not made yet are declared with a placeholder and a thunk; `finish()`
sets their real types once every class exists.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.annotation import StrawberryAnnotation

Thunk = Callable[[], Any]


class TypeFactory:
    def __init__(self) -> None:
        self.types: dict[str, type] = {}
        self.enums: dict[str, type[enum.Enum]] = {}
        self._deferred: list[tuple[type, str, Thunk]] = []

    def object_type(self, name: str, fields: dict[str, Any], *, interfaces: tuple = (),
                    description: str | None = None) -> type:
        cls = strawberry.type(self._class(name, fields, interfaces), name=name, description=description)
        self.types[name] = cls
        return cls

    def input_type(self, name: str, fields: dict[str, Any], *, description: str | None = None,
                   one_of: bool = False) -> type:
        cls = strawberry.input(self._class(name, fields, ()), name=name, description=description,
                               one_of=one_of or None)
        self.types[name] = cls
        return cls

    def enum_type(self, name: str, values: tuple[str, ...], *, description: str | None = None) -> type:
        if name in self.enums:
            return self.enums[name]
        python_enum = enum.Enum(name, {value: value for value in values})
        self.enums[name] = strawberry.enum(python_enum, name=name, description=description)
        return self.enums[name]

    def later(self, thunk: Thunk, **field_kwargs) -> Any:
        """A field whose type is known only after all types are made (see `finish`)."""
        field = strawberry.field(graphql_type=str, **field_kwargs)
        field._crm_thunk = thunk  # type: ignore[attr-defined]
        return field

    def finish(self) -> None:
        for cls in self.types.values():
            for field in cls.__strawberry_definition__.fields:
                thunk = getattr(field, "_crm_thunk", None)
                if thunk is not None:
                    field.type_annotation = StrawberryAnnotation(thunk())

    @staticmethod
    def _class(name: str, fields: dict[str, Any], bases: tuple) -> type:
        annotations = {attr: Any for attr in fields}
        return type(name, bases, {"__annotations__": annotations, **fields})


def alias_key(old_name: str) -> str:
    """Where the types of an entity's old (aliased) name are kept, apart from entity keys."""
    return f"alias:{old_name}"
