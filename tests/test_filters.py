"""Filters: every operator on core and plugin fields, and/or/not, relation filters with
some/none/every, search, and invalid filters refused with a VALIDATION error."""

from __future__ import annotations

import pytest

from crm_graphql.auth import Actor
from crm_graphql.db import dialect_of
from crm_graphql.errors import ValidationError
from crm_graphql.models import Role
from crm_graphql.query.filters import compile_filter

from .helpers import ACCOUNT, OPPORTUNITY, PERSON, code_and_field, create, stage
from .segments import ALL, make_accounts, make_deals, make_people, names


def _sorted(found: list[str]) -> list[str]:
    return sorted(found)


@pytest.mark.parametrize(("filter", "expected"), [
    # text: every operator; contains and startsWith ignore case; ne and notIn match missing values
    ({"industry": {"eq": "Software"}}, ["Acme Corp"]),
    ({"industry": {"ne": "Software"}}, ["Globex", "Initech 50%_off", "Zeta Ü", "umbrella"]),
    ({"industry": {"in": ["Software", "Logistics"]}}, ["Acme Corp", "Globex"]),
    ({"industry": {"notIn": ["Software", "Logistics"]}}, ["Initech 50%_off", "Zeta Ü", "umbrella"]),
    ({"industry": {"lt": "Software"}}, ["Globex"]),
    ({"industry": {"lte": "Software"}}, ["Acme Corp", "Globex"]),
    ({"industry": {"gt": "Software"}}, ["umbrella"]),
    ({"industry": {"gte": "Software"}}, ["Acme Corp", "umbrella"]),
    ({"industry": {"contains": "OFTW"}}, ["Acme Corp", "umbrella"]),
    ({"name": {"startsWith": "ac"}}, ["Acme Corp"]),
    ({"name": {"startsWith": "corp"}}, []),
    ({"industry": {"isNull": True}}, ["Initech 50%_off", "Zeta Ü"]),
    ({"industry": {"isNull": False}}, ["Acme Corp", "Globex", "umbrella"]),
    ({"website": {"contains": "acme.EXAMPLE"}}, ["Acme Corp"]),
    # LIKE wildcards in the value are literal characters
    ({"name": {"contains": "%"}}, ["Initech 50%_off"]),
    ({"name": {"contains": "_"}}, ["Initech 50%_off"]),
    ({"name": {"contains": "0%_o"}}, ["Initech 50%_off"]),
    ({"name": {"startsWith": "_"}}, []),
    # int
    ({"employeeCount": {"eq": 10}}, ["Globex", "Zeta Ü"]),
    ({"employeeCount": {"ne": 10}}, ["Acme Corp", "Initech 50%_off", "umbrella"]),
    ({"employeeCount": {"in": [50, 200]}}, ["Acme Corp", "umbrella"]),
    ({"employeeCount": {"notIn": [50, 200]}}, ["Globex", "Initech 50%_off", "Zeta Ü"]),
    ({"employeeCount": {"lt": 50}}, ["Globex", "Zeta Ü"]),
    ({"employeeCount": {"lte": 50}}, ["Acme Corp", "Globex", "Zeta Ü"]),
    ({"employeeCount": {"gt": 50}}, ["umbrella"]),
    ({"employeeCount": {"gte": 50, "lt": 200}}, ["Acme Corp"]),
    ({"employeeCount": {"isNull": True}}, ["Initech 50%_off"]),
    # money compares as numbers, not as text (SQLite keeps decimals as text)
    ({"annualRevenue": {"gt": "100"}}, ["Acme Corp", "Globex"]),
    ({"annualRevenue": {"lt": "250"}}, ["umbrella"]),
    ({"annualRevenue": {"lte": "250.00"}}, ["Globex", "umbrella"]),
    ({"annualRevenue": {"eq": "1000.5"}}, ["Acme Corp"]),
    ({"annualRevenue": {"in": ["99.99", "250"]}}, ["Globex", "umbrella"]),
    ({"annualRevenue": {"gte": "99.99", "ne": "250"}}, ["Acme Corp", "umbrella"]),
    # date
    ({"contractEndDate": {"eq": "2026-03-31"}}, ["Acme Corp"]),
    ({"contractEndDate": {"lt": "2026-04-01"}}, ["Acme Corp", "Globex"]),
    ({"contractEndDate": {"gte": "2026-04-01"}}, ["Zeta Ü", "umbrella"]),
    ({"contractEndDate": {"gt": "2026-03-31", "lte": "2026-12-31"}}, ["umbrella"]),
    ({"contractEndDate": {"notIn": ["2026-03-31", "2025-12-31"]}}, ["Initech 50%_off", "Zeta Ü", "umbrella"]),
    ({"contractEndDate": {"isNull": True}}, ["Initech 50%_off"]),
    # core select
    ({"billingStage": {"eq": "ACTIVE"}}, ["Acme Corp", "umbrella"]),
    ({"billingStage": {"ne": "ACTIVE"}}, ["Globex", "Initech 50%_off", "Zeta Ü"]),
    ({"billingStage": {"in": ["PROSPECT", "CHURNED"]}}, ["Globex", "Initech 50%_off", "Zeta Ü"]),
    ({"billingStage": {"notIn": ["PROSPECT", "CHURNED"]}}, ["Acme Corp", "umbrella"]),
    # plugin select (the bundled segmentation plugin)
    ({"tier": {"eq": "GOLD"}}, ["Acme Corp", "umbrella"]),
    ({"tier": {"ne": "GOLD"}}, ["Globex", "Initech 50%_off", "Zeta Ü"]),
    ({"tier": {"in": ["SILVER", "BRONZE"]}}, ["Globex", "Zeta Ü"]),
    ({"tier": {"notIn": ["SILVER", "BRONZE"]}}, ["Acme Corp", "Initech 50%_off", "umbrella"]),
    ({"tier": {"isNull": True}}, ["Initech 50%_off"]),
    ({"region": {"eq": "EMEA"}, "tier": {"isNull": False}}, ["Acme Corp", "Zeta Ü"]),
    # plugin int, number, money, date and boolean (the bundled abm plugin)
    ({"intentScore": {"gte": 55}}, ["Acme Corp", "umbrella"]),
    ({"intentScore": {"lt": 55}}, ["Globex"]),
    ({"intentScore": {"in": [20, 80]}}, ["Acme Corp", "Globex"]),
    ({"intentScore": {"isNull": True}}, ["Initech 50%_off", "Zeta Ü"]),
    ({"engagementScore": {"gt": 1}}, ["Acme Corp", "umbrella"]),
    ({"engagementScore": {"lte": 1.5}}, ["Acme Corp", "Globex"]),
    ({"engagementScore": {"eq": 2.25}}, ["umbrella"]),
    ({"reportedRevenue": {"gt": "0.15", "lt": "1000"}}, ["Initech 50%_off", "umbrella"]),
    ({"reportedRevenue": {"eq": "2000.1"}}, ["Acme Corp"]),
    ({"reportedRevenue": {"isNull": True}}, ["Zeta Ü"]),
    ({"lastEngagedOn": {"lt": "2026-01-01"}}, ["Globex"]),
    ({"lastEngagedOn": {"gte": "2025-11-02"}}, ["Acme Corp", "Globex"]),
    ({"abmTarget": {"eq": True}}, ["Acme Corp"]),
    ({"abmTarget": {"ne": True}}, ["Globex", "Initech 50%_off", "Zeta Ü", "umbrella"]),
    # and / or / not
    ({"and": [{"tier": {"eq": "GOLD"}}, {"employeeCount": {"gt": 60}}]}, ["umbrella"]),
    ({"or": [{"tier": {"eq": "SILVER"}}, {"industry": {"isNull": True}}]}, ["Globex", "Initech 50%_off", "Zeta Ü"]),
    ({"or": []}, []),
    ({"and": []}, ALL),
    ({"or": [{}, {"tier": {"eq": "GOLD"}}]}, ALL),
    ({"not": {"tier": {"eq": "GOLD"}}}, ["Globex", "Initech 50%_off", "Zeta Ü"]),
    ({"not": {"or": [{"tier": {"eq": "GOLD"}}, {"region": {"eq": "EMEA"}}]}}, ["Globex", "Initech 50%_off"]),
    ({"not": {"not": {"industry": {"eq": "Software"}}}}, ["Acme Corp"]),
    ({"tier": {"eq": "GOLD"}, "or": [{"region": {"eq": "APAC"}}, {"intentScore": {"gt": 70}}]},
     ["Acme Corp", "umbrella"]),
])
async def test_operators(api, filter, expected):
    await make_accounts(api)
    assert _sorted(await names(api, filter)) == sorted(expected)


@pytest.mark.parametrize("filter", [
    {"industry": {"eq": "Software"}},
    {"employeeCount": {"lt": 50}},
    {"tier": {"in": ["GOLD"]}},
    {"or": [{"intentScore": {"gt": 30}}, {"contractEndDate": {"isNull": True}}]},
    {"engagementScore": {"gte": 1}, "annualRevenue": {"lt": "500"}},
])
async def test_not_is_the_exact_complement_even_with_missing_values(api, filter):
    await make_accounts(api)
    matching = set(await names(api, filter))
    rest = set(await names(api, {"not": filter}))
    assert not matching & rest
    assert matching | rest == set(ALL)


async def test_ids_and_reference_ids(api):
    accounts = await make_accounts(api)
    acme, globex = accounts["Acme Corp"]["id"], accounts["Globex"]["id"]
    assert await names(api, {"id": {"eq": acme}}) == ["Acme Corp"]
    assert _sorted(await names(api, {"id": {"in": [acme, globex]}})) == ["Acme Corp", "Globex"]
    assert len(await names(api, {"id": {"notIn": [acme]}})) == len(ALL) - 1
    me = (await api.gql("{ me { id } }"))["me"]["id"]
    assert len(await names(api, {"ownerId": {"eq": me}})) == len(ALL)
    assert await names(api, {"territoryId": {"isNull": False}}) == []
    assert _sorted(await names(api, {"owner": {"email": {"eq": "admin@example.com"}}})) == ALL


async def test_relation_filters_some_none_every(api):
    accounts = await make_accounts(api)
    deals = await make_deals(api, accounts)
    won = deals["stages"]["Won"]["id"]
    assert _sorted(await names(api, {"opportunities": {"some": {"stageId": {"eq": won}}}})) == ["Acme Corp", "umbrella"]
    assert _sorted(await names(api, {"opportunities": {"some": {"stage": {"name": {"eq": "Open"}}}}})) == [
        "Acme Corp", "Globex"]
    assert _sorted(await names(api, {"opportunities": {"none": {"stage": {"name": {"eq": "Won"}}}}})) == [
        "Globex", "Initech 50%_off", "Zeta Ü"]
    # every: vacuously true without opportunities
    assert _sorted(await names(api, {"opportunities": {"every": {"amount": {"gt": "0.15"}}}})) == [
        "Globex", "Initech 50%_off", "Zeta Ü", "umbrella"]
    assert _sorted(await names(api, {"opportunities": {"some": {}, "every": {"amount": {"gte": "0.20"}}}})) == [
        "Globex", "umbrella"]
    # to-one references, in the other direction
    data = await api.gql("""query($f: OpportunityFilter) { opportunities(filter: $f, first: 50) {
        totalCount edges { node { name } } } }""", {"f": {"account": {"tier": {"eq": "GOLD"}}}})
    assert sorted(e["node"]["name"] for e in data["opportunities"]["edges"]) == [
        "Acme renewal", "Acme upsell", "Umbrella rollout"]


async def test_relation_filters_through_link_tables_and_plugin_multiselect(api):
    accounts = await make_accounts(api)
    await make_people(api, accounts)
    assert _sorted(await names(api, {"people": {"some": {"seniority": {"eq": "EXECUTIVE"}}}})) == ["Acme Corp"]
    assert _sorted(await names(api, {"people": {"some": {"interests": {"contains": "WEBINARS"}}}})) == [
        "Acme Corp", "Globex"]
    assert _sorted(await names(api, {"people": {"every": {"email": {"contains": "acme"}}, "some": {}}})) == []
    people = await api.gql("""query($f: PersonFilter) { people(filter: $f, first: 50) { edges { node { email } } } }""",
                           {"f": {"interests": {"contains": "EVENTS"}}})
    assert [e["node"]["email"] for e in people["people"]["edges"]] == ["ada@acme.example"]
    people = await api.gql("""query($f: PersonFilter) { people(filter: $f, first: 50) { edges { node { email } } } }""",
                           {"f": {"accounts": {"some": {"region": {"eq": "AMER"}}}}})
    assert [e["node"]["email"] for e in people["people"]["edges"]] == ["grace@globex.example"]


async def test_relation_filters_cannot_match_records_hidden_from_the_actor(api):
    """A sales user sees a person through their own account; the person is also linked to an
    account the user may not see, which must not be matchable, not even by `every`."""
    sales_token = await api.user_token("sam@example.com", Role.SALES)
    sam = (await api.gql("{ me { id } }", token=sales_token))["me"]["id"]
    mine = await create(api, ACCOUNT, name="Mine", ownerId=sam)
    hidden = await create(api, ACCOUNT, name="Hidden")
    await create(api, PERSON, email="pat@example.com", accountIds=[mine["id"], hidden["id"]])
    won = await stage(api, "Won")
    await create(api, OPPORTUNITY, name="Sam's deal", stageId=won["id"], accountId=hidden["id"], ownerId=sam)

    query = "query($f: PersonFilter) { people(filter: $f) { totalCount edges { node { email } } } }"
    some_hidden = {"accounts": {"some": {"name": {"eq": "Hidden"}}}}
    every_mine = {"accounts": {"every": {"name": {"eq": "Mine"}}}}
    assert (await api.gql(query, {"f": some_hidden}))["people"]["totalCount"] == 1
    assert (await api.gql(query, {"f": some_hidden}, token=sales_token))["people"]["totalCount"] == 0
    assert (await api.gql(query, {"f": every_mine}))["people"]["totalCount"] == 0
    assert (await api.gql(query, {"f": every_mine}, token=sales_token))["people"]["totalCount"] == 1

    deals = "query($f: OpportunityFilter) { opportunities(filter: $f) { totalCount } }"
    on_hidden = {"account": {"name": {"eq": "Hidden"}}}
    assert (await api.gql(deals, {"f": on_hidden}))["opportunities"]["totalCount"] == 1
    assert (await api.gql(deals, {"f": on_hidden}, token=sales_token))["opportunities"]["totalCount"] == 0


async def test_search_ignores_case_and_needs_every_word(api):
    accounts = await make_accounts(api)
    await make_people(api, accounts)
    assert await names(api, search="ACME") == ["Acme Corp"]
    assert await names(api, search="  ") == await names(api)
    assert await names(api, search="%") == ["Initech 50%_off"]
    assert _sorted(await names(api, search="acme.example")) == ["Acme Corp"]  # the website too
    assert await names(api, {"tier": {"eq": "SILVER"}}, search="acme") == []
    query = "query($s: String) { people(search: $s) { edges { node { email } } } }"
    found = await api.gql(query, {"s": "ada love"})
    assert [e["node"]["email"] for e in found["people"]["edges"]] == ["ada@acme.example"]
    found = await api.gql(query, {"s": "GLOBEX"})
    assert [e["node"]["email"] for e in found["people"]["edges"]] == ["grace@globex.example"]
    assert (await api.gql(query, {"s": "ada hopper"}))["people"]["edges"] == []


async def test_nested_connections_take_filters_and_count_what_they_match(api):
    accounts = await make_accounts(api)
    await make_deals(api, accounts)
    data = await api.gql("""{ accounts(filter: {name: {eq: "Acme Corp"}}) { edges { node {
        cheap: opportunities(filter: {amount: {lt: "1"}}) { totalCount edges { node { name } } }
        won: opportunities(filter: {stage: {name: {eq: "Won"}}}, search: "renewal") { totalCount edges { node { name } } }
        all: opportunities { totalCount }
    } } } }""")
    node = data["accounts"]["edges"][0]["node"]
    assert node["cheap"] == {"totalCount": 1, "edges": [{"node": {"name": "Acme upsell"}}]}
    assert node["won"] == {"totalCount": 1, "edges": [{"node": {"name": "Acme renewal"}}]}
    assert node["all"] == {"totalCount": 2}


async def test_a_plugin_registered_at_runtime_is_filterable_at_once(api):
    plugin = {"name": "visits", "fields": [
        {"entity": "Account", "name": "lastVisitAt", "type": "datetime", "labels": {"en": "Last visit"}},
    ]}
    await api.gql("mutation($d: JSON!) { registerPlugin(definition: $d) { name } }", {"d": plugin})
    await create(api, ACCOUNT, name="Early", lastVisitAt="2026-01-01T08:00:00+00:00")
    await create(api, ACCOUNT, name="Same", lastVisitAt="2026-01-01T10:00:00+02:00")  # 08:00 UTC too
    await create(api, ACCOUNT, name="Latest", lastVisitAt="2026-06-01T00:00:00+00:00")
    await create(api, ACCOUNT, name="Never")
    found = await names(api, {"lastVisitAt": {"gt": "2026-01-01T08:30:00Z"}})
    assert found == ["Latest"]
    assert await names(api, {"lastVisitAt": {"isNull": True}}) == ["Never"]


# -- refused filters --------------------------------------------------------------------


LIST_QUERY = "query($f: AccountFilter) { accounts(filter: $f) { totalCount } }"


@pytest.mark.parametrize("filter", [
    {"nope": {"eq": "x"}},                     # unknown field
    {"name": {"gt": 5}},                       # wrong type for the operator
    {"employeeCount": {"contains": "5"}},      # operator that does not fit the type
    {"tier": {"eq": "PLATINUM"}},              # not an option of the select
    {"contractEndDate": {"lt": "31.12.2026"}},  # not a date
    {"opportunities": {"any": {}}},            # not a quantifier
])
async def test_invalid_filters_are_refused_by_the_schema(api, filter):
    error = await api.error(LIST_QUERY, {"f": filter})
    assert error["extensions"]["code"] == "VALIDATION"


@pytest.mark.parametrize(("filter", "field"), [
    ({"name": {"eq": None}}, "filter.name.eq"),
    ({"and": [{"tier": {"in": None}}]}, "filter.and.0.tier.in"),
    ({"employeeCount": {"in": list(range(1001))}}, "filter.employeeCount.in"),
    ({"id": {"eq": "4f70706f7274756e6974793a31"}}, "filter.id.eq"),  # an Opportunity's ID
    ({"opportunities": {"some": {"amount": {"gt": None}}}}, "filter.opportunities.some.amount.gt"),
])
async def test_invalid_filters_are_refused_with_the_field_path(api, filter, field):
    error = await api.error(LIST_QUERY, {"f": filter})
    assert code_and_field(error) == ("VALIDATION", field)


@pytest.mark.parametrize(("filter", "field"), [
    ({"nope": {"eq": "x"}}, "filter.nope"),
    ({"name": {"gt": 5}}, "filter.name.gt"),
    ({"employeeCount": {"contains": "5"}}, "filter.employeeCount.contains"),
    ({"employeeCount": {"eq": "5"}}, "filter.employeeCount.eq"),
    ({"employeeCount": {"eq": True}}, "filter.employeeCount.eq"),
    ({"annualRevenue": {"gt": "lots"}}, "filter.annualRevenue.gt"),
    ({"tier": {"eq": "PLATINUM"}}, "filter.tier.eq"),
    ({"interests": {"contains": "GOLF"}}, "filter.interests.contains"),
    ({"contractEndDate": {"lt": "2026-13-01"}}, "filter.contractEndDate.lt"),
    ({"createdAt": {"gt": "yesterday"}}, "filter.createdAt.gt"),
    ({"abmTarget": {"eq": "yes"}}, "filter.abmTarget.eq"),
    ({"tier": {"isNull": "yes"}}, "filter.tier.isNull"),
    ({"tier": "GOLD"}, "filter.tier"),
    ({"and": {"tier": {"eq": "GOLD"}}}, "filter.and"),
    ({"not": [{"tier": {"eq": "GOLD"}}]}, "filter.not"),
    ({"opportunities": {"any": {}}}, "filter.opportunities.any"),
    ({"opportunities": {"some": {"nope": {"eq": 1}}}}, "filter.opportunities.some.nope"),
    ({"owner": {"role": {"eq": "WIZARD"}}}, "filter.owner.role.eq"),
])
async def test_the_compiler_refuses_plain_dict_filters_naming_the_path(api, app, settings, filter, field):
    """What the export's JSON `filter` goes through: checked and coerced by `query/`."""
    catalog = app.state.service.current.catalog
    entity = catalog["Account"] if "interests" not in filter else catalog["Person"]
    actor = Actor(user_id=1, email="admin@example.com", role=Role.ADMIN)
    with pytest.raises(ValidationError) as raised:
        compile_filter(catalog, entity, filter, "t", dialect_of(settings.database_url), actor=actor)
    assert (raised.value.extensions["code"], raised.value.extensions["field"]) == ("VALIDATION", field)


async def test_the_compiler_takes_iso_strings_for_dates_and_numbers_as_strings(api, app, settings):
    catalog = app.state.service.current.catalog
    actor = Actor(user_id=1, email="admin@example.com", role=Role.ADMIN)
    dialect = dialect_of(settings.database_url)
    for filter in ({"contractEndDate": {"gte": "2026-01-01"}}, {"createdAt": {"lt": "2026-01-01T00:00:00Z"}},
                   {"annualRevenue": {"gt": "10.5"}}, {"lastEngagedOn": {"eq": "2026-01-15"}}):
        assert compile_filter(catalog, catalog["Account"], filter, "t", dialect, actor=actor) is not None
    assert compile_filter(catalog, catalog["Account"], {}, "t", dialect, actor=actor) is None
    assert compile_filter(catalog, catalog["Account"], None, "t", dialect, actor=actor) is None


async def test_filter_on_an_indexed_plugin_field_uses_its_expression_index(api, app, settings):
    if dialect_of(settings.database_url) != "postgres":
        pytest.skip("EXPLAIN of the expression index is checked on PostgreSQL")
    from tortoise.transactions import in_transaction

    from crm_graphql.query.sql import SQL, render

    service = app.state.service
    reader, catalog = service.current.reader, service.current.catalog
    actor = Actor(user_id=1, email="admin@example.com", role=Role.ADMIN)
    condition = reader.filter_sql(catalog["Account"], actor, {"tier": {"eq": "GOLD"}})
    text, args = render(SQL('EXPLAIN SELECT count(*) FROM "account" t WHERE ') + condition, "postgres")
    async with in_transaction() as conn:
        # An empty table makes a sequential scan cheapest; the question is whether the
        # filter's expression is the index's expression, so the planner can use it at all.
        await conn.execute_script("SET LOCAL enable_seqscan = off")
        plan = "\n".join(row["QUERY PLAN"] for row in await conn.execute_query_dict(text, args))
    assert "ix_account_custom_tier" in plan, plan


async def test_a_field_hidden_from_the_actor_cannot_be_filtered_ordered_grouped_or_exported(api):
    plugin = {"name": "margins", "fields": [
        {"entity": "Account", "name": "margin", "type": "money", "read_roles": ["ADMIN", "MANAGER"]},
    ]}
    await api.gql("mutation($d: JSON!) { registerPlugin(definition: $d) { name } }", {"d": plugin})
    sales_token = await api.user_token("sam@example.com", Role.SALES)
    sam = (await api.gql("{ me { id } }", token=sales_token))["me"]["id"]
    await create(api, ACCOUNT, name="Mine", ownerId=sam, margin="10.00")

    assert await names(api, {"margin": {"gt": "5"}}) == ["Mine"]
    for query, variables in (
        (LIST_QUERY, {"f": {"margin": {"gt": "5"}}}),
        (LIST_QUERY, {"f": {"not": {"margin": {"isNull": True}}}}),
        ("{ accounts(orderBy: [{field: margin}]) { totalCount } }", {}),
        ("{ accountsAggregate(groupBy: [{field: margin}]) { totalCount } }", {}),
    ):
        error = await api.error(query, variables, token=sales_token)
        assert error["extensions"]["code"] == "FORBIDDEN", error
    data = await api.gql("{ accountsAggregate { groups { count sum { margin } } } }", token=sales_token)
    assert data["accountsAggregate"]["groups"] == [{"count": 1, "sum": {"margin": None}}]
    headers = {"Authorization": f"Bearer {sales_token}"}
    response = await api.client.get("/export/accounts.csv?fields=name,margin", headers=headers)
    assert response.status_code == 403
    response = await api.client.get("/export/accounts.ndjson", headers=headers)
    assert response.status_code == 200 and "margin" not in response.json()
