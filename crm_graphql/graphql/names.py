"""Every GraphQL name a catalog's schema uses, and the check that no two things share one.

A rename or a plugin field may not take a name the schema already uses: a type
(`AccountFilter`, `String`, `TimelineEvent`, `AccountChange`), a root field (`me`, `node`,
`timeline`, `accountsAggregate`), a mutation, a subscription field (`accountChanged`), or,
within one entity, a field, an old field name kept
as an alias, a reference's `...Id`, a link input's `...Ids` or a keyword of the filter
language (`and`, `or`, `not`, ...). `check(catalog)` lists the names the built schema
would use, per namespace, with what uses each, and raises `NameClash` when one name has
two users. Names the schema has whatever the catalog (journey, access and plugin types,
`me`, `node`, `timeline`, the scalars) are listed below; the names generated per entity
follow the formulas below; `tests/test_names.py` compares both with built schemas.
"""

from __future__ import annotations

from ..catalog import Catalog, Entity
from ..query.aggregates import numeric_fields
from ..records import link_collections, link_input_name
from .scalars import SCALAR_FILTERS, enum_name

# Words of the filter, order and aggregate inputs that a field of an entity may not be
# named: `and`/`or`/`not` sit next to the fields in `XFilter`, the others are the
# language's own words, which a field name would make ambiguous to read.
KEYWORDS = ("id", "and", "or", "not", "some", "none", "every", "groupBy")
# GraphQL's own scalars, reserved even where the schema does not use one yet.
SCALARS = ("String", "Int", "Float", "Boolean", "ID")
# What the schema has whatever the catalog: Relay's and the journey's types, access and
# plugin administration, the custom scalars, the operator inputs of scalar fields. Kept
# here (building a schema to read them would double the startup); `tests/test_names.py`
# compares them with built schemas both ways, so a new one cannot escape the check.
FIXED_TYPES = (
    "Query", "Mutation", "Node", "PageInfo", "OrderDirection", "NullsOrder", "DateBucket",
    "Date", "DateTime", "Decimal", "JSON",
    "AccessRuleInfo", "FieldRuleInfo", "Plugin", "EntityMetadata", "FieldMetadata", "OptionMetadata",
    "Attachment", "AttachmentConnection", "AttachmentEdge", "Conversion", "ConvertLeadInput", "LeadConversion",
    "LeadConversionCandidates", "OpportunityStageChange", "TimelineEvent", "TimelineEventConnection",
    "TimelineEventEdge", "TimelineKind",
    # Webhooks (graphql/webhooks/).
    "WebhookEndpoint", "WebhookEndpointSecret", "WebhookDelivery", "WebhookEndpointInput",
    *(name for name, _ in SCALAR_FILTERS.values()),
    # Subscriptions (graphql/live/).
    "Subscription", "Sequence", "ChangeKind",
)
FIXED_QUERIES = ("node", "me", "schemaMetadata", "plugins", "accessRules", "fieldRules", "auditLog", "timeline",
                 "attachments", "myTasks", "leadConversionCandidates",
                 "webhookEndpoints", "webhookDeliveries")
FIXED_MUTATIONS = ("registerPlugin", "unregisterPlugin", "purgePluginData", "setAccessRule", "setFieldRule",
                   "convertTarget", "convertLead", "closeOpportunity", "completeTask", "deleteAttachment",
                   "createWebhookEndpoint", "updateWebhookEndpoint", "rotateWebhookSecret",
                   "disableWebhookEndpoint", "enableWebhookEndpoint", "replayWebhookEndpoint",
                   "deleteWebhookEndpoint")


class NameClash(Exception):
    """Two things of the schema would have one name; the message says which."""


def namings(entity: Entity) -> list[tuple[str, str]]:
    """(type name, plural) of an entity: its current names, then old ones kept as aliases."""
    return [(entity.name, entity.plural), *entity.aliases]


# -- old names kept -------------------------------------------------------------------
#
# After a rename that keeps the old names, every name of the schema from before keeps
# its type, so that documents written before still validate (and `graphql-inspector
# diff` sees only additions), however many renames follow: the types of an entity's
# first name are its types by key, which fields refer to; its other names get their own
# types, which the root fields under those names give (`deal`, `deals`, `dealsAggregate`,
# `createDeal`), and so does a member renamed to one of those names (`Account.deals`).


def first_name(entity: Entity) -> str:
    """The oldest type name of the entity still in the schema: its original name (its
    key) while any name is, even after a rename back to it, else the oldest alias."""
    if entity.key == entity.name or any(old == entity.key for old, _ in entity.aliases):
        return entity.key
    return entity.aliases[0][0] if entity.aliases else entity.name


def type_key(entity: Entity, name: str) -> str:
    """Where the types of one of the entity's names are kept (`EntityTypes.objects`, ...):
    the entity's key for its first name, apart for its other names."""
    return entity.key if name == first_name(entity) else f"alias:{name}"


def member_key(catalog: Catalog, entity: Entity, member_name: str, graphql_name: str, target: str) -> str:
    """The type key a relation member of `entity` gives under `graphql_name`: a member
    renamed (or renamed from) one of its target's names (`projects`, `project` for
    Project) gives that name's types under it, as long as the target has that name; a
    member never renamed gives the target's types by key. (Keyed by names the target
    keeps, a field's type stays the same through later renames.)"""
    renamed = entity.field_aliases
    if graphql_name in renamed or (graphql_name == member_name and member_name in renamed.values()):
        for name, plural in namings(catalog[target]):
            if graphql_name in (plural, name[:1].lower() + name[1:]):
                return type_key(catalog[target], name)
    return target


def old_names(entity: Entity, name: str) -> list[str]:
    """The old names of a member, kept as aliases, oldest first."""
    return [old for old, new in entity.field_aliases.items() if new == name]


def current_name(entity: Entity, name: str) -> str:
    """The current name of a member given by any of its names; a reference's `...Id`
    input by an old name too (`accountId` after `account` became `company`)."""
    if name in entity.field_aliases:
        return entity.field_aliases[name]
    if name.endswith("Id") and name[:-2] in entity.field_aliases:
        reference = entity.reference(entity.field_aliases[name[:-2]])
        if reference is not None:
            return reference.input_name
    return name


def chosen_name(entity: Entity, field_nodes, fragments: dict) -> str:
    """The type name a record is given where its field's type is an interface (`node`,
    an attachment's `record`): the name the document's fragments name, the current one
    when they name it or none; so `... on Opportunity { name }` still answers after the
    rename to Deal. `fragments` maps names to fragment definitions."""
    named = set()

    def walk(selection_set) -> None:
        for selection in selection_set.selections if selection_set else ():
            kind = selection.kind
            if kind == "inline_fragment":
                if selection.type_condition is not None:
                    named.add(selection.type_condition.name.value)
                walk(selection.selection_set)
            elif kind == "fragment_spread":
                definition = fragments.get(selection.name.value)
                if definition is not None:
                    named.add(definition.type_condition.name.value)
                    walk(definition.selection_set)

    for node in field_nodes:
        walk(node.selection_set)
    if entity.name in named:
        return entity.name
    return next((old for old, _ in entity.aliases if old in named), entity.name)


def entity_types(entity: Entity, name: str) -> list[tuple[str, str]]:
    """(type name, role) of the types generated for an entity under one of its names."""
    roles = ["object", "Connection", "Edge", "Filter", "ListRelationFilter", "Order", "OrderField",
             "GroupField", "GroupBy", "GroupKey", "Aggregate", "AggregateGroup"]
    if numeric_fields(entity):
        roles += ["AggregateSums", "AggregateExtremes", "AggregateAverages"]
    types = [(name if role == "object" else f"{name}{role}", role) for role in roles]
    if not entity.read_only:
        types += [(f"Create{name}Input", "create input"), (f"Update{name}Input", "update input"),
                  (f"{name}Change", "change")]
    return types


def enum_types(entity: Entity) -> dict[str, str]:
    """The enums of an entity's select fields and their filter inputs, with their users.
    Fields sharing options share one enum, so the user is the enum, not the field."""
    names = {}
    for field in entity.fields:
        if field.type in ("select", "multiselect"):
            enum = enum_name(entity, field)
            names[enum] = f"the enum {enum}"
            suffix = "ListFilter" if field.type == "multiselect" else "Filter"
            names[f"{enum}{suffix}"] = f"the filter of the enum {enum}"
    return names


def root_fields(entity: Entity) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, role) of the Query and Mutation fields generated for an entity, under every
    naming."""
    queries, mutations = [], []
    for name, plural in namings(entity):
        queries += [(name[:1].lower() + name[1:], "record"), (plural, "list"), (f"{plural}Aggregate", "aggregate")]
        if not entity.read_only:
            mutations += [(f"create{name}", "create"), (f"update{name}", "update"), (f"delete{name}", "delete")]
    return queries, mutations


def subscription_fields(entity: Entity) -> list[tuple[str, str]]:
    """(name, role) of the Subscription fields of an entity (graphql/live/), under every naming."""
    if entity.read_only:
        return []
    return [(f"{name[:1].lower()}{name[1:]}Changed", "subscription") for name, _ in namings(entity)]


def members(catalog: Catalog, entity: Entity) -> list[tuple[str, str, object]]:
    """(name, user, identity) of every field name the entity's object, filter, order,
    group and write inputs use, and the keywords beside them. An identity is what the
    name stands for, kept through renames (a column, a stored key), so an old name kept
    as an alias is the member it names."""
    where = entity.name
    found: list[tuple[str, str, object]] = [(word, "a keyword of the filter language", word) for word in KEYWORDS]
    identities: dict[str, object] = {}

    def add(name: str, user: str, identity: object) -> None:
        identities.setdefault(name, identity)
        found.append((name, user, identity))

    for f in entity.fields:
        add(f.name, f"the field {where}.{f.name}", ("field", f.key))
    for c in entity.computed:
        add(c.name, f"the computed field {where}.{c.name}", ("computed", c.plugin, id(c.resolve)))
    for reference in entity.references:
        add(reference.name, f"the reference {where}.{reference.name}", ("reference", reference.column))
        found.append((reference.input_name, f"the ID of the reference {where}.{reference.name}",
                      ("reference ID", reference.column)))
    for c in entity.collections:
        add(c.name, f"the relation {where}.{c.name}", ("relation", c.target, c.foreign_column, c.link_table))
    for c in link_collections(entity):
        found.append((link_input_name(catalog, c), f"the IDs input of {where}.{c.name}", ("IDs", c.target, c.link_table)))
    for old, new in entity.field_aliases.items():
        found.append((old, f"the old name of {where}.{new}", identities.get(new, ("alias", old))))
        reference = entity.reference(new)
        if reference is not None:
            found.append((f"{old}Id", f"the old name of {where}.{reference.input_name}",
                          ("reference ID", reference.column)))
    return found


def check(catalog: Catalog, before: Catalog | None = None) -> None:
    """Raise `NameClash` naming the first name two things of `catalog`'s schema would
    share, or that `catalog` gives to something else than `before` (the schema in use)."""
    after = _names(catalog)
    if before is not None:
        for namespace, used in _names(before).items():
            for name, (identity, user) in used.users.items():
                now = after.get(namespace)
                if now is not None and name in now.users and now.users[name][0] != identity:
                    raise NameClash(f"the name `{name}` ({used.what}) is taken: it is {user} and cannot "
                                    f"become {now.users[name][1]}")


def _names(catalog: Catalog) -> dict[object, _Namespace]:
    types = _Namespace("a type")
    for name in SCALARS:
        types.add(name, "a GraphQL scalar")
    for name in dict.fromkeys(FIXED_TYPES):
        types.add(name, f"the type {name}")
    queries, mutations = _Namespace("a query field"), _Namespace("a mutation")
    subscriptions = _Namespace("a subscription field")
    for name in FIXED_QUERIES:
        queries.add(name, f"the query field {name}")
    for name in FIXED_MUTATIONS:
        mutations.add(name, f"the mutation {name}")
    spaces: dict[object, _Namespace] = {"types": types, "queries": queries, "mutations": mutations,
                                        "subscriptions": subscriptions}
    enums: dict[str, str] = {}
    for entity in catalog:
        label = entity.key if entity.name == entity.key else f"{entity.key} (named {entity.name})"
        for name, _ in namings(entity):
            old = "" if name == entity.name else f" under its old name {name}"
            for type_name, role in entity_types(entity, name):
                types.add(type_name, f"the {role} type of {label}{old}", (entity.key, role))
        enums.update(enum_types(entity))
        entity_queries, entity_mutations = root_fields(entity)
        for name, role in entity_queries:
            queries.add(name, f"the {role} query field of {label}", (entity.key, role))
        for name, role in entity_mutations:
            mutations.add(name, f"the {role} mutation of {label}", (entity.key, role))
        for name, role in subscription_fields(entity):
            subscriptions.add(name, f"the {role} field of {label}", (entity.key, role))
        fields = spaces[entity.key] = _Namespace(f"a field of {label}")
        for name, user, identity in members(catalog, entity):
            fields.add(name, user, identity)
    for name, user in enums.items():
        types.add(name, user)
    return spaces


class _Namespace:
    def __init__(self, what: str) -> None:
        self.what = what
        self.users: dict[str, tuple[object, str]] = {}

    def add(self, name: str, user: str, identity: object = None) -> None:
        identity = user if identity is None else identity
        earlier, earlier_user = self.users.setdefault(name, (identity, user))
        if earlier != identity:
            raise NameClash(f"the name `{name}` ({self.what}) is taken: it would be both {earlier_user} and {user}")
