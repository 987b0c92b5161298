"""The record of what each field is (`graphql/members.py`), which the compiled planner
reads, covers the schema the build made: every field of every entity's object types
(renamed ones and their old names included) and the query fields that give records."""

from __future__ import annotations

from graphql import GraphQLObjectType

from crm_graphql.graphql.members import MEMBER_KINDS

from .test_plugins import register
from .test_rename_compat import DEALS

def _entity_types(schema, catalog) -> dict[str, GraphQLObjectType]:
    """The object types that are an entity's record under one of its names."""
    names = {name for entity in catalog for name in (entity.name, *(old for old, _ in entity.aliases))}
    return {name: t for name, t in schema.type_map.items()
            if name in names and isinstance(t, GraphQLObjectType) and "Node" in [i.name for i in t.interfaces]}


async def test_every_field_of_every_entity_type_is_recorded_once_with_its_kind(api, app):
    await register(api, DEALS)
    build = app.state.service.current
    schema, members = build.schema._schema, build.schema.planner.members
    types = _entity_types(schema, build.catalog)
    assert {"Opportunity", "Deal", "Account", "User"} <= set(types)
    assert set(members.objects) == set(types)
    for name, object_type in types.items():
        recorded = members.objects[name]
        assert set(recorded) == set(object_type.fields), name
        assert {m.kind for m in recorded.values()} <= set(MEMBER_KINDS)
    account = members.objects["Account"]
    assert (account["deals"].kind, account["deals"].alias_of) == ("connection", None)
    assert (account["opportunities"].kind, account["opportunities"].alias_of) == ("connection", "deals")
    assert (account["tier"].kind, account["tier"].target.name, account["tier"].alias_of) == ("value", "level", "level")
    activity = members.objects["Activity"]
    assert (activity["account"].kind, activity["account"].alias_of) == ("reference", "company")
    assert account["owner"].kind == "reference" and account["id"].kind == "id"
    assert members.objects["Opportunity"]["weightedAmount"].kind == "computed"


async def test_the_query_fields_that_give_records_are_recorded(api, app):
    await register(api, DEALS)
    build = app.state.service.current
    roots = build.schema.planner.members.roots
    query = build.schema._schema.query_type
    assert set(roots) <= set(query.fields)
    assert {name: roots[name].kind for name in ("node", "me", "deal", "deals", "opportunity", "opportunities")} == {
        "node": "node", "me": "me", "deal": "one", "deals": "list", "opportunity": "one", "opportunities": "list"}
    assert roots["deals"].target is build.catalog["Opportunity"]
    # Aggregates, metadata and the journey's queries resolve by design: not recorded.
    assert not {"opportunitiesAggregate", "schemaMetadata"} & set(roots)
