"""Property: whatever sequence of plugin registrations, renames (with and without old names
kept) and unregistrations an admin makes, what each role can read, filter and export of
each stored value stays the same. Rules and values refer to keys; names are labels."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings, strategies as st

from crm_graphql.models.accounts import Account

from .test_access_leaks import world  # noqa: F401  (the fixture)

REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name } }"
UNREGISTER = "mutation($n: String!) { unregisterPlugin(name: $n) { name } }"
PLUGIN = "prop-terms"
# (entity key, field key) of the observed values: a core field hidden from sales and
# external users by default, a plugin field hidden from bi users by a rule set below, and
# a core field every reader sees.
OBSERVED = [("Opportunity", "commission"), ("Account", "tier"), ("Account", "annual_revenue")]
NEW_FIELD_NAMES = {"commission": ["provision", "bonus"], "tier": ["level", "rank"], "annual_revenue": ["revenue"]}
ENTITY_NAMES = {"Opportunity": [("Deal", "Deals"), ("Chance", "Chances")], "Account": [("Client", "Clients")]}

METADATA = "{ schemaMetadata { key name plural fields { name key } } }"


@st.composite
def steps(draw) -> list[tuple]:
    """A sequence of changes: rename a field or an entity (keeping the old name or not),
    or unregister the plugin that holds the renames."""
    result = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["field", "field", "entity", "unregister"]))
        keep = draw(st.booleans())
        if kind == "field":
            entity, key = draw(st.sampled_from(OBSERVED))
            result.append(("field", entity, key, draw(st.sampled_from(NEW_FIELD_NAMES[key])), keep))
        elif kind == "entity":
            entity = draw(st.sampled_from(sorted(ENTITY_NAMES)))
            result.append(("entity", entity, draw(st.sampled_from(ENTITY_NAMES[entity])), keep))
        else:
            result.append(("unregister",))
    return result


def _document(renames: dict) -> dict:
    return {"name": PLUGIN, "renames": list(renames.values())}


async def _apply(api, step: tuple, renames: dict) -> None:
    """Apply one step to the plugin's renames (keyed by what they rename) and store it."""
    if step[0] == "unregister":
        renames.clear()
        await api.post(UNREGISTER, {"n": PLUGIN})
        return
    if step[0] == "field":
        _, entity, key, to, keep = step
        # One rename per field, from its core name: renaming it again replaces the rename.
        renames[(entity, key)] = {"entity": entity, "field": _core_name(key), "to": to, "keep_alias": keep}
    else:
        _, entity, (to, plural), keep = step
        renames[(entity, None)] = {"entity": entity, "to": to, "plural": plural, "keep_alias": keep}
    await api.gql(REGISTER, {"d": _document(renames)})


def _core_name(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest)


async def _names(api) -> dict:
    """The current GraphQL names by key, from the schema's own metadata."""
    data = await api.gql(METADATA)
    return {e["key"]: {"plural": e["plural"], "fields": {f["key"]: f["name"] for f in e["fields"] if f["key"]}}
            for e in data["schemaMetadata"]}


async def _observe(api, world) -> dict:
    """Per role and observed value: the values read (by record id), or the error code; the
    count a filter on the field matches; the export's status."""
    names = await _names(api)
    seen = {}
    for who, token in world["tokens"].items():
        for entity, key in OBSERVED:
            plural, name = names[entity]["plural"], names[entity]["fields"][key]
            response = await api.post(f"{{ {plural}(first: 100) {{ edges {{ node {{ id v: {name} }} }} }} }}",
                                      token=token)
            body = response.json()
            if body.get("errors"):
                read = {e["extensions"]["code"] for e in body["errors"]}
            else:
                read = {edge["node"]["id"]: edge["node"]["v"] for edge in body["data"][plural]["edges"]}
            response = await api.post(f"{{ {plural}(filter: {{{name}: {{isNull: false}}}}) {{ totalCount }} }}",
                                      token=token)
            body = response.json()
            matched = body["errors"][0]["extensions"]["code"] if body.get("errors") else \
                body["data"][plural]["totalCount"]
            export = await api.client.get(f"/export/{plural}.ndjson?fields=id,{name}",
                                          headers={"Authorization": f"Bearer {token}"})
            exported = export.status_code if export.status_code != 200 else sorted(export.text.splitlines())
            seen[(who, entity, key)] = (read, matched, _by_key(exported, name))
    return seen


def _by_key(exported, name: str):
    """Exported lines with the field's current name replaced, so names do not count."""
    if isinstance(exported, int):
        return exported
    return [line.replace(f'"{name}":', '"v":') for line in exported]


@settings(max_examples=int(os.environ.get("CRM_RENAME_EXAMPLES", "6")), deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=steps())
async def test_what_each_role_reads_of_each_value_survives_any_renames(api, world, changes):
    for i, account in enumerate(await Account.all().order_by("id")):
        account.custom = {**account.custom, "tier": ["GOLD", "SILVER", "BRONZE"][i % 3]}
        await account.save()
    await api.gql('mutation { setFieldRule(role: "BI", entity: "Account", field: "tier", hidden: true) }')
    before = await _observe(api, world)
    renames: dict = {}
    try:
        for step in changes:
            await _apply(api, step, renames)
            assert await _observe(api, world) == before, (step, renames)
    finally:
        await api.post(UNREGISTER, {"n": PLUGIN})
