"""A rename or a plugin field may not take a GraphQL name the schema uses, now or after
the change: it is refused with VALIDATION naming the clash, by `registerPlugin`, by
`crm-graphql plugins validate` and `register`, and at startup for files (skipped)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from crm_graphql.config import Settings
from crm_graphql.graphql import names
from crm_graphql.graphql.scalars import SCALAR_FILTERS
from crm_graphql.plugins.document import parse_document
from crm_graphql.plugins.registry import PluginRegistry
from crm_graphql.service import Service

from .conftest import another_process
from .helpers import ACCOUNT, create

REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name enabled } }"
PLUGINS = Path(__file__).parents[1] / "plugins"
# `crm-graphql` of this checkout (run from its folder, whatever the installed package).
CLI = (sys.executable, "-c", "from crm_graphql.cli import main; main()")


def renaming(**rename) -> dict:
    return {"name": "clash", "renames": [rename]}


# (definition, the clashing name the error must name)
TAKEN = [
    (renaming(entity="Account", to="Client", plural="Me"), "`me`"),
    (renaming(entity="Account", to="Client", plural="Node"), "`node`"),
    (renaming(entity="Account", to="Client", plural="Timeline"), "`timeline`"),
    (renaming(entity="Account", to="Client", plural="SchemaMetadata"), "`schemaMetadata`"),
    (renaming(entity="Account", to="TimelineEvent"), "`TimelineEvent`"),
    (renaming(entity="Account", to="String"), "`String`"),
    (renaming(entity="Account", to="Float"), "`Float`"),
    (renaming(entity="Account", to="AccountFilter"), "`AccountFilter`"),
    (renaming(entity="Opportunity", to="AccountFilter"), "`AccountFilter`"),
    (renaming(entity="Account", to="Person"), "`Person`"),
    (renaming(entity="Account", to="Delivery"), "`Delivery`"),  # Project's old name, kept as an alias
    (renaming(entity="Account", to="AccountTier"), "`AccountTier`"),  # the segmentation plugin's enum
    (renaming(entity="Account", to="Sheep", plural="Sheep"), "`sheep`"),
    (renaming(entity="Account", field="name", to="and"), "`and`"),
    (renaming(entity="Account", field="name", to="every"), "`every`"),
    (renaming(entity="Account", field="name", to="website"), "`website`"),
    (renaming(entity="Account", field="name", to="territoryId"), "`territoryId`"),
    (renaming(entity="Account", field="name", to="deliveries"), "`deliveries`"),  # old name of `projects`
    ({"name": "clash", "fields": [{"entity": "Account", "name": "or", "type": "text"}]}, "`or`"),
    ({"name": "clash", "fields": [{"entity": "Account", "name": "groupBy", "type": "text"}]}, "`groupBy`"),
    ({"name": "clash", "fields": [{"entity": "Account", "name": "deliveries", "type": "text"}]}, "deliveries"),
]


@pytest.mark.parametrize("definition, name", TAKEN, ids=[name for _, name in TAKEN])
async def test_a_name_in_use_is_refused_and_the_schema_stays(api, definition, name):
    account = await create(api, ACCOUNT, name="Acme")
    before = (await api.client.get("/schema.graphql")).text
    error = await api.error(REGISTER, {"d": definition})
    assert error["extensions"]["code"] == "VALIDATION", error
    assert name in error["message"] and "taken" in error["message"], error["message"]
    assert (await api.client.get("/schema.graphql")).text == before
    data = await api.gql("query($id: ID!) { me { email } account(id: $id) { name } node(id: $id) { id } }",
                         {"id": account["id"]})
    assert data == {"me": {"email": "admin@example.com"}, "account": {"name": "Acme"}, "node": {"id": account["id"]}}


async def test_free_names_and_names_taken_back_are_accepted(api):
    for definition in (
        renaming(entity="Account", to="Client", plural="Clients", keep_alias=True),
        renaming(entity="Project", to="Delivery", plural="Deliveries"),  # back to its old name
        renaming(entity="Account", field="tier", to="level", keep_alias=True),
    ):
        assert (await api.gql(REGISTER, {"d": definition}))["registerPlugin"]["enabled"] is True


async def test_plugins_validate_and_register_refuse_a_taken_name(settings, tmp_path):
    path = tmp_path / "clash.json"
    path.write_text(json.dumps(renaming(entity="Account", to="Client", plural="Me")))
    env = {**os.environ, "DATABASE_URL": settings.database_url, "CRM_PLUGINS_DIR": str(PLUGINS)}
    for verb in ("validate", "register"):
        process = await asyncio.create_subprocess_exec(
            *CLI, "plugins", verb, str(path), env=env, cwd=PLUGINS.parent,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        output = (await process.communicate())[0].decode()
        assert process.returncode != 0, output
        assert "`me`" in output and "taken" in output, output


async def test_a_plugin_file_taking_a_name_is_skipped_at_startup(api, settings, tmp_path):
    for shipped in PLUGINS.glob("*.toml"):
        shutil.copy(shipped, tmp_path)
    (tmp_path / "zz_me.toml").write_text(
        'name = "clients"\n[[renames]]\nentity = "Account"\nto = "Client"\nplural = "Me"\n')
    await create(api, ACCOUNT, name="Acme")
    async with another_process(replace(settings, plugins_dir=str(tmp_path)), api.token) as (admin, _):
        data = await admin.gql("{ me { email } accounts { edges { node { name } } } }")
        assert data == {"me": {"email": "admin@example.com"}, "accounts": {"edges": [{"node": {"name": "Acme"}}]}}
        listed = {p["name"]: p for p in (await admin.gql("{ plugins { name enabled problem } }"))["plugins"]}
        assert listed["clients"]["enabled"] is False
        assert "`me`" in listed["clients"]["problem"] and "skipped" in listed["clients"]["problem"]


@pytest.mark.parametrize("with_plugins", [False, True])
def test_the_names_checked_are_the_names_the_schema_has(with_plugins):
    """The clash check lists names (fixed ones, and formulas per entity); a built schema
    must have no name it misses (a new type would otherwise escape the check), and every
    fixed name listed must be built."""
    settings = Settings(database_url="sqlite://:memory:", plugins_dir=str(PLUGINS) if with_plugins else "/nowhere")
    registry = PluginRegistry(settings)
    documents, _ = registry.static_documents()
    if with_plugins:
        documents.append(parse_document({"name": "deals", "renames": [
            {"entity": "Opportunity", "to": "Deal", "plural": "Deals", "keep_alias": True},
            {"entity": "Account", "field": "tier", "to": "level", "keep_alias": True},
            {"entity": "Account", "field": "opportunities", "to": "deals", "keep_alias": True},
        ]}))
    catalog = registry.catalog(documents)
    schema = Service(settings).build(catalog, version=-1).schema._schema
    used = names._names(catalog)
    built_types = {n for n in schema.type_map if not n.startswith("__")}
    assert built_types - set(used["types"].users) == set()
    # Every fixed name listed is built (an operator input only once a field needs it).
    assert set(names.FIXED_TYPES) - built_types <= {name for name, _ in SCALAR_FILTERS.values()}
    # Reserved but not built: relation filters of entities no relation points to, and
    # operator inputs no field needs.
    unbuilt = set(used["types"].users) - built_types - set(names.SCALARS) - set(names.FIXED_TYPES)
    assert {n for n in unbuilt if not n.endswith("ListRelationFilter")} == set()
    assert set(schema.query_type.fields) == set(used["queries"].users)
    assert set(schema.mutation_type.fields) == set(used["mutations"].users)
    assert set(schema.subscription_type.fields) == set(used["subscriptions"].users)
    for entity in catalog:
        for type_name, _ in names.namings(entity):
            object_fields = set(schema.type_map[type_name].fields)
            assert object_fields <= set(used[entity.key].users), (type_name, object_fields - set(used[entity.key].users))
