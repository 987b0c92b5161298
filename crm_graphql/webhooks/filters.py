"""An endpoint's filter, stored by key: fields as `#<field key>`, shown and compiled under
their current names, so a rename of a field leaves the filter meaning what it meant.

Relations (references and collections) keep their names and recurse into their target."""

from __future__ import annotations

from typing import Any

from ..catalog import Catalog, Entity
from ..errors import ValidationError
from ..graphql.filters import current

KEY_MARK = "#"
_WORDS = ("and", "or", "not", "id")


def to_keys(catalog: Catalog, entity: Entity, spec: Any, path: str = "filter") -> Any:
    """A filter in API names (old names kept by a rename too) with its fields as keys."""
    if not isinstance(spec, dict):
        raise ValidationError(f"`{path}` must be an object", field=path)
    spec = current(catalog, entity, spec)
    return _map(catalog, entity, spec, lambda e, name: _key(e, name), path)


def to_names(catalog: Catalog, entity: Entity, stored: Any) -> Any:
    """A stored filter in current API names; a field that is gone raises VALIDATION."""
    return _map(catalog, entity, stored, _name, "filter")


def _key(entity: Entity, name: str) -> str:
    field = entity.field_named(name)
    return KEY_MARK + field.key if field is not None else name


def _name(entity: Entity, key: str) -> str:
    if not key.startswith(KEY_MARK):
        return key
    field = entity.field_by_key(key[len(KEY_MARK):])
    if field is None:
        raise ValidationError(f"{entity.name} has no field with key `{key[len(KEY_MARK):]}` any more", field="filter")
    return field.name


def _map(catalog: Catalog, entity: Entity, spec: Any, rename, path: str) -> Any:
    if not isinstance(spec, dict):
        return spec
    result = {}
    for key, item in spec.items():
        at = f"{path}.{key}"
        if key in ("and", "or") and isinstance(item, list):
            result[key] = [_map(catalog, entity, part, rename, f"{at}.{i}") for i, part in enumerate(item)]
        elif key == "not":
            result[key] = _map(catalog, entity, item, rename, at)
        elif key in _WORDS:
            result[key] = item
        elif (reference := entity.reference(key)) is not None:
            result[key] = _map(catalog, catalog[reference.target], item, rename, at)
        elif (collection := entity.collection(key)) is not None and isinstance(item, dict):
            target = catalog[collection.target]
            result[key] = {q: _map(catalog, target, part, rename, f"{at}.{q}") for q, part in item.items()}
        else:
            result[rename(entity, key)] = item
    return result
