"""Leak suite, continued: rules hold by key through renames, and every way a record is
reached (deliveries, phases, activities through deals, people and assignees, search,
conversion candidates, reference IDs) obeys the same rule as the record itself."""

from __future__ import annotations

import orjson
import pytest

from crm_graphql.ids import to_global_id
from crm_graphql.models import User
from crm_graphql.models.accounts import Account
from crm_graphql.models.organization import Territory
from crm_graphql.models.people import Person
from crm_graphql.models.prospects import Lead
from crm_graphql.models.sales import Opportunity
from crm_graphql.models.work import Activity, Delivery, DeliveryPhase

from .core.test_cli import cli
from .test_access_leaks import EXPECTED, world  # noqa: F401  (the fixture)

REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name } }"
UNREGISTER = "mutation($n: String!) { unregisterPlugin(name: $n) { name } }"
ONE = 'query($id: ID!) { opportunity(id: $id) { name %s } }'


def _rename(to: str, *, field: str = "commission", keep_alias: bool = True) -> dict:
    return {"name": "deal-terms",
            "renames": [{"entity": "Opportunity", "field": field, "to": to, "keep_alias": keep_alias}]}


async def _export(api, token: str, path: str) -> tuple[int, str]:
    response = await api.client.get(path, headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.text


async def _hidden_everywhere(api, token: str, deal: str, name: str) -> None:
    """`name` of Opportunity (hidden from the token's role) can be read, filtered, ordered,
    grouped, summed, exported and written by no path."""
    assert (await api.error(ONE % name, {"id": deal}, token=token))["extensions"]["code"] == "FORBIDDEN"
    for query in (f'{{ opportunities(filter: {{{name}: {{gt: "1"}}}}) {{ totalCount }} }}',
                  f'{{ opportunities(orderBy: [{{field: {name}}}]) {{ totalCount }} }}',
                  f'{{ opportunitiesAggregate(groupBy: [{{field: {name}}}]) {{ totalCount }} }}'):
        assert (await api.error(query, token=token))["extensions"]["code"] == "FORBIDDEN", query
    sums = await api.post(f"{{ opportunitiesAggregate {{ groups {{ sum {{ {name} }} }} }} }}", token=token)
    assert "10.00" not in sums.text and "15.00" not in sums.text, sums.text
    status, _ = await _export(api, token, f"/export/opportunities.csv?fields=id,{name}")
    assert status == 403
    status, text = await _export(api, token, "/export/opportunities.ndjson")
    assert status == 200 and all(set(orjson.loads(line)) & {"commission", name} == set() for line in text.splitlines())
    update = f'mutation($id: ID!) {{ updateOpportunity(id: $id, version: 1, input: {{{name}: "99.00"}}) {{ id }} }}'
    assert (await api.error(update, {"id": deal}, token=token))["extensions"]["code"] == "FORBIDDEN"


async def test_a_field_rule_holds_under_every_name_the_field_is_given(api, world):
    tokens, deal = world["tokens"], world["ids"]["North-opportunities"]
    ana, manager = tokens["ANA"], tokens["MANAGER"]
    await api.gql(REGISTER, {"d": _rename("provision")})
    for name in ("provision", "commission"):  # the new name and the old one kept as an alias
        await _hidden_everywhere(api, ana, deal, name)
        data = await api.gql(ONE % name, {"id": deal}, token=manager)
        assert data["opportunity"][name] == "10.00"
    # Renamed again, without the alias: the rule follows.
    await api.gql(REGISTER, {"d": _rename("bonus", keep_alias=False)})
    await _hidden_everywhere(api, ana, deal, "bonus")
    assert (await api.error(ONE % "provision", {"id": deal}, token=ana))["extensions"]["code"] == \
        "GRAPHQL_VALIDATION_FAILED"
    # Unregistered: the field has its core name again, and its rule.
    await api.gql(UNREGISTER, {"n": "deal-terms"})
    await _hidden_everywhere(api, ana, deal, "commission")
    assert (await Opportunity.get(name="North-opportunities")).commission == pytest.approx(10)


async def test_set_field_rule_takes_any_name_and_keeps_the_key(api, world):
    tokens, deal = world["tokens"], world["ids"]["North-opportunities"]
    manager = tokens["MANAGER"]
    await api.gql(REGISTER, {"d": _rename("provision")})
    set_rule = ("mutation($f: String!, $h: Boolean!) "
                "{ setFieldRule(role: \"MANAGER\", entity: \"Opportunity\", field: $f, hidden: $h) }")
    await api.gql(set_rule, {"f": "provision", "h": True})
    rules = await api.gql("{ fieldRules { role entity field key } }")
    assert {"role": "MANAGER", "entity": "Opportunity", "field": "provision", "key": "commission"} in rules["fieldRules"]
    for name in ("provision", "commission"):
        await _hidden_everywhere(api, manager, deal, name)
    await api.gql(UNREGISTER, {"n": "deal-terms"})
    await _hidden_everywhere(api, manager, deal, "commission")
    # Shown again by its core name (a rule set under the new name is the same rule).
    await api.gql(set_rule, {"f": "commission", "h": False})
    data = await api.gql(ONE % "commission", {"id": deal}, token=manager)
    assert data["opportunity"]["commission"] == "10.00"
    err = await api.error(set_rule, {"f": "provisio", "h": True})
    assert err["extensions"]["code"] == "VALIDATION"


async def test_set_access_rule_through_graphql_by_a_renamed_entity_name(api, world):
    tokens = world["tokens"]
    north = await Account.get(name="North")
    await Delivery.create(name="north-rollout", account=north, owner_id=north.owner_id)
    bi = tokens["BI"]
    before = await api.gql("{ projects { totalCount } deliveries { totalCount } }", token=bi)
    assert before == {"projects": {"totalCount": 1}, "deliveries": {"totalCount": 1}}
    await api.gql('mutation { setAccessRule(role: "BI", entity: "Project", read: "NONE", write: "NONE") }')
    rules = await api.gql("{ accessRules { role entity read } }")
    assert {"role": "BI", "entity": "Delivery", "read": "NONE"} in rules["accessRules"]
    after = await api.gql("{ projects { totalCount } deliveries { totalCount } projectsAggregate { totalCount } }",
                          token=bi)
    assert after == {"projects": {"totalCount": 0}, "deliveries": {"totalCount": 0},
                     "projectsAggregate": {"totalCount": 0}}
    status, text = await _export(api, bi, "/export/projects.ndjson?fields=name")
    assert status == 200 and text == ""


async def _deliveries_and_phases() -> None:
    for account in await Account.all():
        delivery = await Delivery.create(name=f"{account.name}-deliveries", account=account, owner_id=account.owner_id)
        await DeliveryPhase.create(name=f"{account.name}-phases", delivery=delivery, owner_id=account.owner_id)


@pytest.mark.parametrize("who", list(EXPECTED))
async def test_deliveries_and_phases_follow_their_account(api, world, who):
    await _deliveries_and_phases()
    token = world["tokens"][who]
    data = await api.gql("{ projects(first: 50) { totalCount edges { node { name phases { edges { node { name } } } } } } "
                         "deliveryPhases(first: 50) { totalCount edges { node { name delivery { name } } } } }",
                         token=token)
    seen = EXPECTED[who]
    assert {e["node"]["name"] for e in data["projects"]["edges"]} == {f"{a}-deliveries" for a in seen}
    assert {e["node"]["name"] for e in data["deliveryPhases"]["edges"]} == {f"{a}-phases" for a in seen}
    assert data["deliveryPhases"]["totalCount"] == len(seen)
    status, text = await _export(api, token, "/export/deliveryPhases.ndjson?fields=name")
    assert status == 200
    assert {orjson.loads(line)["name"] for line in text.splitlines()} == {f"{a}-phases" for a in seen}


async def test_activities_are_reached_through_deal_person_and_assignee(api, world):
    tokens = world["tokens"]
    bob = await User.get(email="bob@example.com")
    north_deal = await Opportunity.get(name="North-opportunities")
    north_person = await Person.get(last_name="North-people")
    south = await Account.get(name="South")
    admin = await User.get(email="admin@example.com")
    await Activity.create(kind="NOTE", subject="via-deal", opportunity=north_deal, owner=admin)
    await Activity.create(kind="NOTE", subject="via-person", person=north_person, owner=admin)
    await Activity.create(kind="TASK", subject="assigned-to-bob", account=south, assignee=bob, owner=admin)
    query = '{ activities(first: 50, filter: {subject: {in: ["via-deal", "via-person", "assigned-to-bob"]}}) ' \
            '{ totalCount edges { node { subject } } } }'
    seen = {who: {e["node"]["subject"] for e in (await api.gql(query, token=tokens[who]))["activities"]["edges"]}
            for who in EXPECTED}
    assert seen["ANA"] == {"via-deal", "via-person"}  # North is Ana's territory
    assert seen["MANAGER"] == {"via-deal", "via-person"}
    assert seen["BOB"] == {"assigned-to-bob"}  # assigned to him, on an account he cannot see
    assert seen["EXTERNAL"] == set()
    assert seen["BI"] == seen["ADMIN"] == {"via-deal", "via-person", "assigned-to-bob"}


async def test_reference_ids_of_invisible_records_read_as_null(api, world):
    """Bob sees the task assigned to him on the South account, but not the account: its
    `accountId` cannot be matched, grouped or exported, like `activity { account }`."""
    tokens, ids = world["tokens"], world["ids"]
    bob = await User.get(email="bob@example.com")
    admin = await User.get(email="admin@example.com")
    south = await Account.get(name="South")
    await Activity.create(kind="TASK", subject="bobs-task", account=south, assignee=bob, owner=admin)
    token = tokens["BOB"]
    data = await api.gql('{ activities { edges { node { subject account { name } } } } }', token=token)
    assert data["activities"]["edges"] == [{"node": {"subject": "bobs-task", "account": None}}]
    south_id = ids["South"]
    for filter in (f'{{accountId: {{eq: "{south_id}"}}}}', f'{{accountId: {{in: ["{south_id}"]}}}}',
                   '{accountId: {isNull: false}}', '{account: {name: {eq: "South"}}}'):
        data = await api.gql(f"{{ activities(filter: {filter}) {{ totalCount }} }}", token=token)
        assert data["activities"]["totalCount"] == 0, filter
    data = await api.gql("{ activities(filter: {accountId: {isNull: true}}) { totalCount } }", token=token)
    assert data["activities"]["totalCount"] == 1
    data = await api.gql("{ activitiesAggregate(groupBy: [{field: accountId}]) { groups { key { accountId } count } } }",
                         token=token)
    assert data["activitiesAggregate"]["groups"] == [{"key": {"accountId": None}, "count": 1}]
    for path in ("/export/activities.ndjson?fields=subject,accountId", "/export/activities.ndjson"):
        status, text = await _export(api, token, path)
        assert status == 200 and orjson.loads(text)["accountId"] is None, text
    status, text = await _export(api, token, "/export/activities.csv?fields=subject,accountId")
    assert text.splitlines()[1] == '"bobs-task",'
    # The admin reads the same ID everywhere.
    data = await api.gql(f'{{ activities(filter: {{accountId: {{eq: "{south_id}"}}}}) {{ totalCount }} }}')
    assert data["activities"]["totalCount"] == 2


async def test_search_and_conversion_candidates_find_only_visible_records(api, world):
    tokens = world["tokens"]
    ana = tokens["ANA"]
    data = await api.gql('{ accounts(search: "south") { edges { node { name } } } }', token=ana)
    assert {e["node"]["name"] for e in data["accounts"]["edges"]} == {"AnaSouth"}
    lead = await Lead.get(last_name="lead-ana")
    lead.company_name, lead.email = "South", "someone@x.example"
    await lead.save()
    query = 'query($id: ID!) { leadConversionCandidates(id: $id) { accounts { name } people { email } } }'
    data = await api.gql(query, {"id": to_global_id("Lead", lead.id)}, token=ana)
    assert data["leadConversionCandidates"]["accounts"] == []
    data = await api.gql(query, {"id": to_global_id("Lead", lead.id)})
    assert data["leadConversionCandidates"]["accounts"] == [{"name": "South"}]


async def test_an_excluded_territory_hides_its_accounts_and_what_belongs_to_them(api, world, settings):
    """`users set --exclude-territory` hides a territory's accounts from one user, even a
    manager of that territory or a bi user who sees everything else."""
    tokens = world["tokens"]
    manager = await User.get(email="manager@example.com")
    await manager.territories.add(await Territory.get(name="South"))
    for email in ("manager@example.com", "bi@example.com"):
        cli(settings.database_url, "users", "set", "--email", email, "--exclude-territory", "North")
    assert [t.name for t in await manager.excluded_territories.all()] == ["North"]
    # The North person also belongs to South: the manager still sees it through South; a
    # role that sees everything sees nothing that belongs to an excluded territory.
    for who, people in (("MANAGER", {"AnaSouth-people", "South-people", "North-people"}),
                        ("BI", {"AnaSouth-people", "South-people"})):
        data = await api.gql("{ accounts { edges { node { name } } } people { edges { node { lastName } } } "
                             "activities { totalCount } }", token=tokens[who])
        assert {e["node"]["name"] for e in data["accounts"]["edges"]} == {"AnaSouth", "South"}, who
        assert {e["node"]["lastName"] for e in data["people"]["edges"]} == people, who
        assert data["activities"]["totalCount"] == 2, who
        status, text = await _export(api, tokens[who], "/export/opportunities.ndjson?fields=name")
        assert "North-opportunities" not in text and "South-opportunities" in text


async def test_a_renamed_multiselect_still_filters(api):
    """The JSON path of a plugin value is its key: a renamed multi-select filters by the
    values stored under its old name (SQLite matched nothing)."""
    person = await api.gql('mutation { createPerson(input: {email: "a@x.example", interests: [WEBINARS]}) { id } }')
    await api.gql(REGISTER, {"d": {"name": "person-terms", "renames": [
        {"entity": "Person", "field": "interests", "to": "topics", "keep_alias": True}]}})
    for name in ("topics", "interests"):
        data = await api.gql(f"{{ people(filter: {{{name}: {{contains: WEBINARS}}}}) {{ edges {{ node {{ id {name} }} }} }} }}")
        assert data["people"]["edges"] == [{"node": {"id": person["createPerson"]["id"], name: ["WEBINARS"]}}], name
