"""Declarative plugin documents (TOML files, or the same structure as JSON): parsing and
the checks that need no database. A document that fails gets a `PluginError` naming
the plugin and the problem."""

from __future__ import annotations

import re
import tomllib
import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..catalog.model import FIELD_TYPES, Option
from .. import values as checked
from ..errors import ValidationError

PLUGIN_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
FIELD_NAME = re.compile(r"^[a-z][A-Za-z0-9]{0,62}$")
TYPE_NAME = re.compile(r"^[A-Z][A-Za-z0-9]{0,62}$")
GRAPHQL_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]*$")
ROLES = {"ADMIN", "MANAGER", "SALES", "EXTERNAL", "BI"}


class PluginError(ValidationError):
    """A plugin that cannot be used; the running schema stays as it was."""

    def __init__(self, plugin: str, problem: str, **details) -> None:
        super().__init__(f"plugin {plugin!r}: {problem}", field="definition", plugin=plugin, **details)


@dataclass(frozen=True)
class FieldSpec:
    entity: str
    name: str
    type: str
    labels: dict[str, str] = dataclasses.field(default_factory=dict)
    description: str | None = None
    required: bool = False
    default: Any = None
    filterable: bool = True
    indexed: bool = False
    options: tuple[Option, ...] = ()
    read_roles: tuple[str, ...] = ()
    write_roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenameSpec:
    """Renames an entity (`to`, `plural`) or one of its fields (`field`, `to`), or only
    gives labels; `keep_alias` keeps the old GraphQL names as deprecated aliases."""

    entity: str
    field: str | None = None
    to: str | None = None
    plural: str | None = None
    labels: dict[str, str] = dataclasses.field(default_factory=dict)
    plural_labels: dict[str, str] = dataclasses.field(default_factory=dict)
    keep_alias: bool = False


@dataclass(frozen=True)
class PluginDocument:
    name: str
    description: str = ""
    fields: tuple[FieldSpec, ...] = ()
    renames: tuple[RenameSpec, ...] = ()
    source: str = "database"
    raw: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)


_DOCUMENT_KEYS = {"name", "description", "fields", "renames", "version"}
_FIELD_KEYS = {"entity", "name", "type", "labels", "description", "required", "default", "filterable",
               "indexed", "options", "read_roles", "write_roles"}
_RENAME_KEYS = {"entity", "field", "to", "plural", "labels", "plural_labels", "keep_alias"}


def parse_toml(text: str, source: str) -> PluginDocument:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PluginError(source, f"is not valid TOML: {error}") from None
    return parse_document(data, source)


def parse_document(data: Any, source: str = "database") -> PluginDocument:
    if not isinstance(data, dict):
        raise PluginError(source, "a plugin definition must be an object with `name`, `fields`, `renames`")
    name = data.get("name")
    if not isinstance(name, str) or not PLUGIN_NAME.match(name):
        raise PluginError(str(name or source), "`name` must be lower-case letters, digits, - or _")
    _no_unknown_keys(name, "the document", data, _DOCUMENT_KEYS)
    fields = tuple(_field(name, i, spec) for i, spec in enumerate(_list(name, data, "fields")))
    renames = tuple(_rename(name, i, spec) for i, spec in enumerate(_list(name, data, "renames")))
    seen: set[tuple[str, str]] = set()
    for spec in fields:
        if (spec.entity, spec.name) in seen:
            raise PluginError(name, f"defines {spec.entity}.{spec.name} twice")
        seen.add((spec.entity, spec.name))
    return PluginDocument(name=name, description=str(data.get("description", "")), fields=fields,
                          renames=renames, source=source, raw=data)


def _list(plugin: str, data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise PluginError(plugin, f"`{key}` must be a list of tables")
    return value


def _no_unknown_keys(plugin: str, where: str, data: dict, allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise PluginError(plugin, f"{where} has unknown keys: {', '.join(unknown)} "
                                  f"(allowed: {', '.join(sorted(allowed))})")


def _labels(plugin: str, where: str, value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise PluginError(plugin, f"{where}: labels must map locales to text, like {{ en = \"Tier\" }}")
    return dict(value)


def _field(plugin: str, index: int, data: dict) -> FieldSpec:
    where = f"fields[{index}]"
    _no_unknown_keys(plugin, where, data, _FIELD_KEYS)
    entity, name, type_ = data.get("entity"), data.get("name"), data.get("type")
    if not isinstance(entity, str) or not TYPE_NAME.match(entity):
        raise PluginError(plugin, f"{where}: `entity` must name an entity, like \"Account\"")
    if not isinstance(name, str) or not FIELD_NAME.match(name):
        raise PluginError(plugin, f"{where}: `name` {name!r} must be camelCase letters and digits, like \"tier\"")
    where = f"field {entity}.{name}"
    if type_ not in FIELD_TYPES:
        raise PluginError(plugin, f"{where}: type {type_!r} is not one of {', '.join(FIELD_TYPES)}")
    options = _options(plugin, where, type_, data.get("options"))
    for key in ("required", "filterable", "indexed"):
        if key in data and not isinstance(data[key], bool):
            raise PluginError(plugin, f"{where}: `{key}` must be true or false")
    roles = {}
    for key in ("read_roles", "write_roles"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(r, str) and r.upper() in ROLES for r in value):
            raise PluginError(plugin, f"{where}: `{key}` must list roles among {', '.join(sorted(ROLES))}")
        roles[key] = tuple(r.upper() for r in value)
    spec = FieldSpec(
        entity=entity, name=name, type=type_, labels=_labels(plugin, where, data.get("labels")),
        description=data.get("description"), required=data.get("required", False),
        filterable=data.get("filterable", True), indexed=data.get("indexed", False), options=options,
        **roles,
    )
    if "default" in data:
        try:
            spec = FieldSpec(**{**spec.__dict__, "default": json_value(spec, data["default"])})
        except ValidationError as error:
            raise PluginError(plugin, f"{where}: default {data['default']!r} does not fit: {error.message}") from None
    return spec


def _options(plugin: str, where: str, type_: str, value: Any) -> tuple[Option, ...]:
    if type_ not in ("select", "multiselect"):
        if value:
            raise PluginError(plugin, f"{where}: only select and multiselect fields have options")
        return ()
    if not isinstance(value, list) or not value:
        raise PluginError(plugin, f"{where}: a {type_} field needs `options`")
    options, seen = [], set()
    for item in value:
        option_value = item.get("value") if isinstance(item, dict) else item
        if not isinstance(option_value, str) or not GRAPHQL_NAME.match(option_value):
            raise PluginError(plugin, f"{where}: option {option_value!r} is not a valid GraphQL name "
                                      "(letters, digits and _, not starting with a digit), like \"GOLD\"")
        if option_value in ("true", "false", "null"):
            raise PluginError(plugin, f"{where}: option {option_value!r} is reserved in GraphQL")
        if option_value in seen:
            raise PluginError(plugin, f"{where}: option {option_value!r} appears twice")
        seen.add(option_value)
        labels = _labels(plugin, f"{where} option {option_value}", item.get("labels") if isinstance(item, dict) else None)
        options.append(Option(option_value, labels))
    return tuple(options)


def json_value(spec: Any, value: Any) -> Any:
    """`value` checked against a plugin field (a FieldSpec or catalog Field) and put in the
    form stored in the JSON column: dates and datetimes in ISO form, money as a decimal
    string, select values as their text. Raises ValidationError when it does not fit."""
    if value is None:
        return None
    name, type_ = spec.name, spec.type
    fail = lambda what: ValidationError(f"`{name}`: {value!r} is not {what}", field=name)  # noqa: E731
    if type_ in ("text", "email", "url"):
        return checked.text(value, name)
    if type_ == "int":
        return checked.integer(value, name)
    if type_ == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            raise fail("a number")
        return float(checked.decimal(value, name))
    if type_ == "money":
        if isinstance(value, bool):
            raise fail("an amount")
        return str(checked.money(value, name))
    if type_ == "boolean":
        if not isinstance(value, bool):
            raise fail("true or false")
        return value
    if type_ == "date":
        return checked.date_(value, name).isoformat()
    if type_ == "datetime":
        # Stored in UTC (a time without a zone is taken as UTC), so that filters, ordering
        # and date buckets compare the stored text in one time zone.
        return checked.datetime_utc(value, name).isoformat()
    allowed = tuple(option.value for option in spec.options)
    values = value if type_ == "multiselect" else [value]
    if type_ == "multiselect" and not isinstance(value, list):
        raise fail("a list of options")
    for item in values:
        item = getattr(item, "value", item)
        if item not in allowed:
            raise ValidationError(f"`{name}`: {item!r} is not one of {', '.join(allowed)}",
                                  field=name, allowed=list(allowed))
    plain = [getattr(item, "value", item) for item in values]
    return plain if type_ == "multiselect" else plain[0]


def _rename(plugin: str, index: int, data: dict) -> RenameSpec:
    where = f"renames[{index}]"
    _no_unknown_keys(plugin, where, data, _RENAME_KEYS)
    entity, field_name, to = data.get("entity"), data.get("field"), data.get("to")
    if not isinstance(entity, str) or not TYPE_NAME.match(entity):
        raise PluginError(plugin, f"{where}: `entity` must name an entity, like \"Delivery\"")
    if field_name is not None and not isinstance(field_name, str):
        raise PluginError(plugin, f"{where}: `field` must be a field name")
    if to is not None:
        pattern = FIELD_NAME if field_name else TYPE_NAME
        if not isinstance(to, str) or not pattern.match(to):
            shape = "camelCase like \"sector\"" if field_name else "PascalCase like \"Project\""
            raise PluginError(plugin, f"{where}: `to` {to!r} must be {shape}")
    plural = data.get("plural")
    if plural is not None and (not isinstance(plural, str) or not TYPE_NAME.match(plural) or field_name):
        raise PluginError(plugin, f"{where}: `plural` must be PascalCase like \"Projects\", for entities only")
    if not isinstance(data.get("keep_alias", False), bool):
        raise PluginError(plugin, f"{where}: `keep_alias` must be true or false")
    return RenameSpec(
        entity=entity, field=field_name, to=to, plural=plural,
        labels=_labels(plugin, where, data.get("labels")),
        plural_labels=_labels(plugin, where, data.get("plural_labels")),
        keep_alias=data.get("keep_alias", False),
    )
