"""Plugins: fields and renames from files and from `registerPlugin`, without a restart."""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from crm_graphql.models.accounts import Account

from .conftest import DATABASE, another_process
from .helpers import ACCOUNT, create

PRIORITY_PLUGIN = {
    "name": "account-priority",
    "description": "How much attention an account gets",
    "fields": [
        {"entity": "Account", "name": "priority", "type": "select", "labels": {"en": "Priority", "de": "Priorität"},
         "indexed": True,
         "options": [{"value": "HIGH", "labels": {"en": "High", "de": "Hoch"}},
                     {"value": "LOW", "labels": {"en": "Low", "de": "Niedrig"}}]},
        {"entity": "Account", "name": "potential", "type": "money", "labels": {"en": "Potential"}},
    ],
}
REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name fields source enabled } }"
UNREGISTER = "mutation($n: String!) { unregisterPlugin(name: $n) { name enabled } }"


async def register(api, definition=PRIORITY_PLUGIN) -> dict:
    return (await api.gql(REGISTER, {"d": definition}))["registerPlugin"]


async def test_registered_field_works_in_create_update_query_without_restart(api):
    plugin = await register(api)
    assert plugin == {"name": "account-priority", "fields": ["Account.priority", "Account.potential"],
                      "source": "database", "enabled": True}

    account = await create(api, ACCOUNT, name="Acme", priority="HIGH", potential="1500.5")
    data = await api.gql("query($id: ID!) { account(id: $id) { name priority potential } }", {"id": account["id"]})
    assert data["account"] == {"name": "Acme", "priority": "HIGH", "potential": "1500.50"}

    updated = await api.gql(
        "mutation($id: ID!) { updateAccount(id: $id, version: 1, input: {priority: LOW}) { priority potential version } }",
        {"id": account["id"]})
    assert updated["updateAccount"] == {"priority": "LOW", "potential": "1500.50", "version": 2}


async def test_select_value_outside_the_options_is_refused_and_nothing_written(api):
    await register(api)
    error = await api.error('mutation { createAccount(input: {name: "Acme", priority: MEDIUM}) { id } }')
    assert "MEDIUM" in error["message"]
    data = await api.gql("{ accounts { totalCount } }")
    assert data["accounts"]["totalCount"] == 0


async def test_a_stored_value_that_is_no_longer_an_option_is_named_in_its_own_error(api, settings):
    # Runtime registration refuses options the stored values do not fit; an edited plugin
    # file cannot be refused, so a record may hold a value its field no longer offers.
    await create(api, ACCOUNT, name="Acme", tier="GOLD")
    await create(api, ACCOUNT, name="Globex", tier="SILVER")
    await Account.filter(name="Acme").update(custom={"tier": "PLATINUM"})
    response = await api.post("{ accounts { edges { node { name tier } } } }")
    body = response.json()
    assert body["data"]["accounts"]["edges"] == [{"node": {"name": "Acme", "tier": None}},
                                                 {"node": {"name": "Globex", "tier": "SILVER"}}]
    [error] = body["errors"]
    assert error["path"] == ["accounts", "edges", 0, "node", "tier"]
    assert error["extensions"]["code"] == "INVALID_STORED_VALUE"
    assert "PLATINUM" in error["message"]

    # The compiled statement finds the value and leaves the answer to the resolved path,
    # which development mode's explain says.
    async with another_process(replace(settings, development=True), api.token) as (developer, _):
        explained = (await developer.post("{ accounts { edges { node { name tier } } } }",
                                          extensions={"explain": True})).json()
        plain = (await developer.post("{ accounts { edges { node { name } } } }", extensions={"explain": True})).json()
        forced = (await developer.post("{ accounts { edges { node { name } } } }",
                                       extensions={"explain": True, "readPath": "resolved"})).json()
    assert explained["errors"] == body["errors"]
    assert explained["extensions"]["readPath"]["path"] == "resolved"
    assert "cannot give" in explained["extensions"]["readPath"]["reason"]
    assert plain["extensions"]["readPath"]["path"] == "compiled"
    assert plain["extensions"]["readPath"]["sql"].startswith("SELECT")
    assert forced["data"] == plain["data"]
    assert forced["extensions"]["readPath"] == {"path": "resolved", "reason": "the request asked for the resolved path",
                                                "sql": None, "params": []}


async def test_a_plugin_file_that_does_not_apply_is_skipped_and_the_rest_keep_working(api, settings, tmp_path):
    for shipped in (Path(__file__).parents[1] / "plugins").glob("*.toml"):
        shutil.copy(shipped, tmp_path)
    (tmp_path / "aa_typo.toml").write_text(
        'name = "typo"\n[[fields]]\nentity = "Acount"\nname = "nickname"\ntype = "text"\n')
    (tmp_path / "zz_tiers.toml").write_text(  # `tier` is the segmentation plugin's
        'name = "tiers"\n[[fields]]\nentity = "Account"\nname = "tier"\ntype = "text"\n')
    await create(api, ACCOUNT, name="Acme", tier="GOLD")
    async with another_process(replace(settings, plugins_dir=str(tmp_path)), api.token) as (admin, _):
        data = await admin.gql("{ accounts { edges { node { name tier region } } } }")
        assert data["accounts"]["edges"] == [{"node": {"name": "Acme", "tier": "GOLD", "region": None}}]
        listed = {p["name"]: p for p in (await admin.gql("{ plugins { name enabled problem } }"))["plugins"]}
        assert listed["segmentation"] == {"name": "segmentation", "enabled": True, "problem": None}
        assert listed["typo"]["enabled"] is False and "unknown entity 'Acount'" in listed["typo"]["problem"]
        assert listed["tiers"]["enabled"] is False
        assert "Account.tier is already defined" in listed["tiers"]["problem"]
        # Registering at run time is not held up by the files that do not apply.
        registered = await admin.gql(REGISTER, {"d": PRIORITY_PLUGIN})
        assert registered["registerPlugin"]["enabled"] is True


async def test_shipped_file_plugins_are_served(api):
    account = await create(api, ACCOUNT, name="Acme", tier="GOLD", region="EMEA", reportedRevenue="10")
    data = await api.gql("query($id: ID!) { account(id: $id) { tier region accountStatus abmTarget } }",
                         {"id": account["id"]})
    # accountStatus and abmTarget take their plugin defaults.
    assert data["account"] == {"tier": "GOLD", "region": "EMEA", "accountStatus": "ACTIVE", "abmTarget": False}


async def test_weighted_amount_comes_from_the_code_plugin(api):
    stage = (await api.gql('mutation { createPipelineStage(input: {name: "Proposal", position: 1, probability: 40}) { id } }'))["createPipelineStage"]
    data = await api.gql(
        'mutation($s: ID!) { createOpportunity(input: {name: "Deal", stageId: $s, amount: "1000.00"}) { weightedAmount } }',
        {"s": stage["id"]})
    assert data["createOpportunity"]["weightedAmount"] == "400.00"


async def test_the_weighted_amount_of_a_big_deal(api):
    # SQLite computed it in REAL: 89999999999999.98 compiled, ...99 resolved (found by
    # tests/test_differential.py; now in integer cents).
    stage = (await api.gql('mutation { createPipelineStage(input: {name: "Won", position: 1, probability: 90}) { id } }'))["createPipelineStage"]
    await api.gql('mutation($s: ID!) { createOpportunity(input: {name: "Big", stageId: $s, amount: "99999999999999.99"}) { id } }',
                  {"s": stage["id"]})
    data = await api.gql("{ opportunities { edges { node { weightedAmount } } } }")
    assert data["opportunities"]["edges"][0]["node"]["weightedAmount"] == "89999999999999.99"


async def test_a_negative_zero_amount_is_stored_as_zero(api):
    # On PostgreSQL a plugin amount stored as "-0.00" read "0.00" compiled and "-0.00"
    # resolved (found by tests/test_differential.py); `api.gql` compares both paths.
    acme = await create(api, ACCOUNT, name="Acme", annualRevenue="-0.00", currentRevenue="-0.001",
                        reportedRevenue="-0")
    data = await api.gql("query($id: ID!) { account(id: $id) { annualRevenue currentRevenue reportedRevenue } }",
                         {"id": acme["id"]})
    assert data["account"] == {"annualRevenue": "0.00", "currentRevenue": "0.00", "reportedRevenue": "0.00"}


async def test_a_weighted_amount_rounded_to_zero_has_no_sign(api):
    # -0.01 at 10 % is -0.001: zero cents, written "0.00" on both read paths (the resolved
    # path wrote Python's "-0.00"; found by test_differential).
    stage = (await api.gql('mutation { createPipelineStage(input: {name: "Lead", position: 1, probability: 10}) { id } }'))["createPipelineStage"]
    for amount in ("-0.01", "-0.04", "0.04"):
        await api.gql('mutation($s: ID!, $a: Decimal) { createOpportunity(input: {name: "Deal", stageId: $s, amount: $a}) { id } }',
                      {"s": stage["id"], "a": amount})
    data = await api.gql("{ opportunities { edges { node { weightedAmount } } } }")
    assert [edge["node"]["weightedAmount"] for edge in data["opportunities"]["edges"]] == ["0.00", "0.00", "0.00"]


async def test_delivery_is_renamed_to_project_and_the_old_names_still_work(api):
    account = await create(api, ACCOUNT, name="Acme")
    created = await api.gql(
        'mutation($a: ID!) { createProject(input: {name: "Rollout", accountId: $a}) { __typename id name } }',
        {"a": account["id"]})
    assert created["createProject"]["__typename"] == "Project"
    old = await api.gql(
        'mutation($input: CreateDeliveryInput!) { createDelivery(input: $input) { __typename name } }',
        {"input": {"name": "Training", "accountId": account["id"]}})
    assert old["createDelivery"] == {"__typename": "Delivery", "name": "Training"}

    data = await api.gql("query($id: ID!) { account(id: $id) { projects { totalCount } deliveries { totalCount } } }",
                         {"id": account["id"]})
    assert data["account"] == {"projects": {"totalCount": 2}, "deliveries": {"totalCount": 2}}
    listed = await api.gql("{ projects { edges { node { name } } } deliveries { edges { node { name } } } }")
    assert listed["projects"] == listed["deliveries"]

    # A document written before the rename declares its variables with the old input types.
    old_document = """
    query($f: DeliveryFilter, $o: [DeliveryOrder!], $id: ID!) {
      deliveries(filter: $f, orderBy: $o) { edges { node { name } } }
      account(id: $id) { deliveries(filter: $f, orderBy: $o) { edges { node { name } } } }
    }"""
    variables = {"f": {"or": [{"name": {"eq": "Training"}}, {"name": {"startsWith": "roll"}}]},
                 "o": [{"field": "name", "direction": "DESC"}], "id": account["id"]}
    data = await api.gql(old_document, variables)
    names = [{"node": {"name": "Training"}}, {"node": {"name": "Rollout"}}]
    assert data == {"deliveries": {"edges": names}, "account": {"deliveries": {"edges": names}}}
    new_document = old_document.replace("DeliveryFilter", "ProjectFilter").replace("DeliveryOrder", "ProjectOrder")
    assert await api.gql(new_document.replace("deliveries(", "projects("), variables) == {
        "projects": {"edges": names}, "account": {"projects": {"edges": names}}}


async def test_schema_metadata_gives_labels_per_locale(api):
    await register(api)
    query = """query($l: String!) { schemaMetadata(locale: $l) { key name label pluralLabel
                  fields { name label type options { value label } } } }"""
    german = {e["key"]: e for e in (await api.gql(query, {"l": "de"}))["schemaMetadata"]}
    english = {e["key"]: e for e in (await api.gql(query, {"l": "en"}))["schemaMetadata"]}

    assert (german["Delivery"]["name"], german["Delivery"]["label"], german["Delivery"]["pluralLabel"]) == (
        "Project", "Projekt", "Projekte")
    assert english["Delivery"]["pluralLabel"] == "Projects"
    assert german["Account"]["label"] == "Firma"
    priority = next(f for f in german["Account"]["fields"] if f["name"] == "priority")
    assert priority == {"name": "priority", "label": "Priorität", "type": "select",
                        "options": [{"value": "HIGH", "label": "Hoch"}, {"value": "LOW", "label": "Niedrig"}]}
    tier = next(f for f in english["Account"]["fields"] if f["name"] == "tier")
    assert [o["label"] for o in tier["options"]] == ["Gold", "Silver", "Bronze"]


async def test_refused_plugins_leave_schema_and_data_unchanged(api):
    await register(api)
    account = await create(api, ACCOUNT, name="Acme", priority="HIGH")
    before = (await api.client.get("/schema.graphql", headers={"Authorization": f"Bearer {api.token}"})).text
    broken = [
        ({"name": "x", "fields": [{"entity": "Nope", "name": "a", "type": "text"}]}, "unknown entity"),
        ({"name": "x", "fields": [{"entity": "Account", "name": "name", "type": "text"}]}, "already defined"),
        ({"name": "x", "fields": [{"entity": "Account", "name": "priority", "type": "text"}]}, "already defined"),
        ({"name": "x", "fields": [{"entity": "Account", "name": "a", "type": "select",
                                   "options": [{"value": "not valid"}]}]}, "valid GraphQL name"),
        ({"name": "x", "fields": [{"entity": "Account", "name": "a", "type": "colour"}]}, "is not one of"),
        ({"name": "x", "renames": [{"entity": "Account", "to": "Person"}]}, "taken"),
        ({"name": "x", "fields": "oops"}, "list of tables"),
        # A type change the stored values do not fit: HIGH is not a number.
        ({**PRIORITY_PLUGIN, "fields": [{"entity": "Account", "name": "priority", "type": "int"}]}, "does not fit"),
    ]
    for definition, problem in broken:
        error = await api.error(REGISTER, {"d": definition})
        assert error["extensions"]["code"] == "VALIDATION", error
        assert problem in error["message"], error["message"]
        assert "plugin" in error["message"]

    assert (await api.client.get("/schema.graphql", headers={"Authorization": f"Bearer {api.token}"})).text == before
    data = await api.gql("query($id: ID!) { account(id: $id) { priority } }", {"id": account["id"]})
    assert data["account"]["priority"] == "HIGH"


async def test_unregister_hides_values_and_register_again_brings_them_back(api):
    await register(api)
    account = await create(api, ACCOUNT, name="Acme", priority="HIGH")

    assert (await api.gql(UNREGISTER, {"n": "account-priority"}))["unregisterPlugin"]["enabled"] is False
    error = await api.error("query($id: ID!) { account(id: $id) { priority } }", {"id": account["id"]})
    assert "priority" in error["message"]

    await register(api)
    data = await api.gql("query($id: ID!) { account(id: $id) { priority } }", {"id": account["id"]})
    assert data["account"]["priority"] == "HIGH"


async def test_purge_deletes_the_values_of_an_unregistered_plugin(api):
    await register(api)
    account = await create(api, ACCOUNT, name="Acme", priority="HIGH")
    await api.gql(UNREGISTER, {"n": "account-priority"})
    purged = await api.gql('mutation { purgePluginData(name: "account-priority") }')
    assert purged["purgePluginData"] == 1

    await register(api)
    data = await api.gql("query($id: ID!) { account(id: $id) { priority } }", {"id": account["id"]})
    assert data["account"]["priority"] is None


async def test_concurrent_updates_of_different_custom_fields_both_survive(api):
    await register(api)
    account = await create(api, ACCOUNT, name="Acme")
    update = "mutation($id: ID!, $v: Int!, $i: UpdateAccountInput!) { updateAccount(id: $id, version: $v, input: $i) { version } }"
    # Both writers read version 1; each update of one field must not erase the other's.
    first = api.post(update, {"id": account["id"], "v": 1, "i": {"priority": "HIGH"}})
    second = api.post(update, {"id": account["id"], "v": 1, "i": {"potential": "99.00"}})
    responses = await asyncio.gather(first, second)
    succeeded = [r for r in responses if "errors" not in r.json()]
    assert len(succeeded) == 1  # the other got a CONFLICT for its stale version and retries
    retry = next(r for r in responses if "errors" in r.json())
    assert retry.json()["errors"][0]["extensions"]["code"] == "CONFLICT"
    retried_input = {"potential": "99.00"} if succeeded[0] is responses[0] else {"priority": "HIGH"}
    await api.gql(update, {"id": account["id"], "v": 2, "i": retried_input})

    data = await api.gql("query($id: ID!) { account(id: $id) { priority potential } }", {"id": account["id"]})
    assert data["account"] == {"priority": "HIGH", "potential": "99.00"}


async def test_only_admins_manage_plugins(api):
    from crm_graphql.models import Role

    token = await api.user_token("sales@example.com", Role.SALES)
    error = await api.error(REGISTER, {"d": PRIORITY_PLUGIN}, token=token)
    assert error["extensions"]["code"] == "FORBIDDEN"
    error = await api.error("{ plugins { name } }", token=token)
    assert error["extensions"]["code"] == "FORBIDDEN"
