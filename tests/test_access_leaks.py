"""Leak suite: per role, invisible records are not seen, counted, exported or changed."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from crm_graphql.auth.tokens import create_token
from crm_graphql.ids import to_global_id
from crm_graphql.models import Role, User
from crm_graphql.models.accounts import Account, AccountPerson, BillingEntry
from crm_graphql.models.organization import Territory
from crm_graphql.models.people import Person
from crm_graphql.models.prospects import Lead, Target
from crm_graphql.models.sales import Opportunity, PipelineStage
from crm_graphql.models.work import Activity

ACCS = ["AnaSouth", "North", "South"]
# plural -> (label field, key, labels per role)
EXPECTED = {
    "ADMIN": ACCS, "BI": ACCS, "MANAGER": ["North"], "ANA": ["AnaSouth", "North"], "BOB": [], "EXTERNAL": [],
}
PROSPECTS = {"ADMIN": ["ana", "admin"], "BI": ["ana", "admin"], "MANAGER": ["ana"], "ANA": ["ana"],
             "BOB": [], "EXTERNAL": []}
ROLES = list(EXPECTED)


def expected(plural: str, who: str) -> set[str]:
    accs = EXPECTED[who]
    if plural == "accounts":
        return set(accs)
    if plural in ("people", "activities", "billingEntries"):
        return {f"{a}-{plural}" for a in accs}
    if plural == "opportunities":
        return {f"{a}-opportunities" for a in accs} | ({"ana-deal-in-south"} if who in ("ANA", "ADMIN", "BI") else set())
    if plural == "leads":
        return {f"lead-{o}" for o in PROSPECTS[who]}
    targets = {f"target-{o}" for o in PROSPECTS[who]}
    return targets | ({"target-ext"} if who in ("EXTERNAL", "ADMIN", "BI") else set())


LABEL = {"accounts": "name", "people": "lastName", "opportunities": "name", "activities": "subject",
         "billingEntries": "description", "leads": "lastName", "targets": "lastName"}
KEY = {"accounts": "Account", "people": "Person", "opportunities": "Opportunity", "activities": "Activity",
       "billingEntries": "BillingEntry", "leads": "Lead", "targets": "Target"}


@pytest.fixture
async def world(api):
    admin = await User.get(email="admin@example.com")
    north, south = await Territory.create(name="North"), await Territory.create(name="South")
    users = {"ADMIN": admin}
    for who, role in (("MANAGER", Role.MANAGER), ("ANA", Role.SALES), ("BOB", Role.SALES),
                      ("EXTERNAL", Role.EXTERNAL), ("BI", Role.BI)):
        users[who] = await User.create(email=f"{who.lower()}@example.com", role=role)
    await users["MANAGER"].territories.add(north)
    await users["ANA"].territories.add(north)
    tokens = {who: await create_token(u) for who, u in users.items()}
    stage = await PipelineStage.create(name="Proposal", position=1, probability=50)
    ids: dict[str, str] = {}
    accounts = {}
    for name, owner, terr in (("AnaSouth", users["ANA"], south), ("North", admin, north), ("South", admin, south)):
        acc = await Account.create(name=name, owner=admin if owner is admin else owner, territory=terr)
        accounts[name] = acc
        ids[name] = to_global_id("Account", acc.id)
        p = await Person.create(email=f"{name}@x.example", last_name=f"{name}-people", owner=admin)
        await AccountPerson.create(account=acc, person=p)
        ids[f"{name}-people"] = to_global_id("Person", p.id)
        o = await Opportunity.create(name=f"{name}-opportunities", stage=stage, account=acc, owner=admin,
                                     amount="100.00", commission="10.00")
        ids[o.name] = to_global_id("Opportunity", o.id)
        a = await Activity.create(kind="CALL", subject=f"{name}-activities", account=acc, owner=admin)
        ids[a.subject] = to_global_id("Activity", a.id)
        b = await BillingEntry.create(account=acc, date=date(2026, 1, 1), amount="50.00",
                                      description=f"{name}-billingEntries", owner=admin)
        ids[b.description] = to_global_id("BillingEntry", b.id)
    # The North person also belongs to the South account.
    await AccountPerson.create(account=accounts["South"], person_id=(await Person.get(last_name="North-people")).id)
    o = await Opportunity.create(name="ana-deal-in-south", stage=stage, account=accounts["South"],
                                 owner=users["ANA"], commission="5.00")
    ids[o.name] = to_global_id("Opportunity", o.id)
    for owner in ("ana", "admin"):
        u = users["ANA"] if owner == "ana" else admin
        lead = await Lead.create(last_name=f"lead-{owner}", owner=u)
        ids[lead.last_name] = to_global_id("Lead", lead.id)
        t = await Target.create(last_name=f"target-{owner}", owner=u)
        ids[t.last_name] = to_global_id("Target", t.id)
    t = await Target.create(last_name="target-ext", owner=users["EXTERNAL"])
    ids["target-ext"] = to_global_id("Target", t.id)
    return {"tokens": tokens, "ids": ids}


@pytest.mark.parametrize("who", ROLES)
async def test_lists_counts_nodes_aggregates_exports(api, world, who):
    token = world["tokens"][who]
    ids = world["ids"]
    for plural, label in LABEL.items():
        want = expected(plural, who)
        data = await api.gql(f"{{ {plural}(first: 100) {{ totalCount edges {{ node {{ {label} }} }} }} }}", token=token)
        assert {e["node"][label] for e in data[plural]["edges"]} == want, plural
        assert data[plural]["totalCount"] == len(want), plural
        agg = await api.gql(f"{{ {plural}Aggregate {{ totalCount groups {{ count }} }} }}", token=token)
        assert agg[f"{plural}Aggregate"]["totalCount"] == len(want), plural
        resp = await api.client.get(f"/export/{plural}.ndjson?fields={label}",
                                    headers={"Authorization": f"Bearer {token}"})
        assert resp.status_code == 200, resp.text
        assert {orjson.loads(line)[label] for line in resp.text.splitlines()} == want, plural
        resp = await api.client.get(f"/export/{plural}.csv?fields={label}",
                                    headers={"Authorization": f"Bearer {token}"})
        assert len(resp.text.strip().splitlines()) - 1 == len(want), plural
    # node(id:) and x(id:)
    singular = {"accounts": "account", "people": "person", "opportunities": "opportunity",
                "activities": "activity", "billingEntries": "billingEntry", "leads": "lead", "targets": "target"}
    for plural in LABEL:
        want = expected(plural, who)
        for label, gid in ids.items():
            if not gid or bytes.fromhex(gid).decode().split(":")[0] != KEY[plural]:
                continue
            data = await api.gql(f'query($id: ID!) {{ node(id: $id) {{ id }} x: {singular[plural]}(id: $id) {{ id }} }}',
                                 {"id": gid}, token=token)
            visible = label in want
            assert (data["node"] is not None) == visible, (label, data)
            assert (data["x"] is not None) == visible, (label, data)
    # nested relations never show an invisible record
    data = await api.gql("{ people { edges { node { lastName accounts { totalCount edges { node { name } } } } } } "
                         "opportunities { edges { node { name account { name } } } } }", token=token)
    for edge in data["people"]["edges"]:
        names = {e["node"]["name"] for e in edge["node"]["accounts"]["edges"]}
        assert names <= set(EXPECTED[who]) and edge["node"]["accounts"]["totalCount"] == len(names)
    for edge in data["opportunities"]["edges"]:
        acc = edge["node"]["account"]
        assert acc is None or acc["name"] in EXPECTED[who]
    # relation filters cannot match through invisible records
    data = await api.gql('{ people(filter: {accounts: {some: {name: {eq: "South"}}}}) { totalCount } '
                         'opportunities(filter: {account: {name: {eq: "South"}}}) { totalCount } '
                         'accounts(filter: {opportunities: {some: {name: {eq: "ana-deal-in-south"}}}}) { totalCount } }',
                         token=token)
    sees_south = "South" in EXPECTED[who]
    assert data["people"]["totalCount"] == (2 if sees_south else 0)
    assert data["opportunities"]["totalCount"] == (2 if sees_south else 0)
    assert data["accounts"]["totalCount"] == (1 if sees_south else 0)
    # timeline
    for name in ACCS:
        q = "query($id: ID!) { timeline(recordId: $id, first: 50) { totalCount edges { node { activity { subject } } } } }"
        response = await api.post(q, {"id": ids[name]}, token=token)
        body = response.json()
        if name in EXPECTED[who]:
            assert "errors" not in body, body
            subjects = {e["node"]["activity"]["subject"] for e in body["data"]["timeline"]["edges"] if e["node"]["activity"]}
            assert subjects == {f"{name}-activities"}
        else:
            assert body.get("errors") and body["errors"][0]["extensions"]["code"] in ("NOT_FOUND", "FORBIDDEN"), body


UPDATE = "mutation($id: ID!) { updateAccount(id: $id, version: 1, input: {name: \"Hacked\"}) { id } }"
DELETE = "mutation($id: ID!) { deleteAccount(id: $id, version: 1) }"


@pytest.mark.parametrize("who", [r for r in ROLES if r != "ADMIN"])
async def test_writes_to_invisible_or_unwritable_accounts(api, world, who):
    token, ids = world["tokens"][who], world["ids"]
    for name in ACCS:
        visible = name in EXPECTED[who]
        writable = who == "MANAGER" and name == "North" or who == "ANA" and name == "AnaSouth"
        if writable:
            continue
        for mutation in (UPDATE, DELETE):
            err = await api.error(mutation, {"id": ids[name]}, token=token)
            code = err["extensions"]["code"]
            if who in ("BI", "EXTERNAL"):
                assert code == "FORBIDDEN", err
            else:
                assert code == ("FORBIDDEN" if visible else "NOT_FOUND"), (name, err)
        assert await Account.filter(name=name).count() == 1


async def test_moves_and_reassignments_are_refused(api, world):
    tokens, ids = world["tokens"], world["ids"]
    north_id = to_global_id("Territory", (await Territory.get(name="North")).id)
    south_id = to_global_id("Territory", (await Territory.get(name="South")).id)
    admin_id = to_global_id("User", (await User.get(email="admin@example.com")).id)
    move = "mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, version: 1, input: $input) { id } }"
    # Ana cannot take the South account into her territory; the manager cannot move North out of theirs.
    err = await api.error(move, {"id": ids["South"], "input": {"territoryId": north_id}}, token=tokens["ANA"])
    assert err["extensions"]["code"] == "NOT_FOUND"
    err = await api.error(move, {"id": ids["North"], "input": {"ownerId": to_global_id("User", 999)}}, token=tokens["ANA"])
    assert err["extensions"]["code"] == "FORBIDDEN"
    err = await api.error(move, {"id": ids["AnaSouth"], "input": {"ownerId": admin_id}}, token=tokens["ANA"])
    assert err["extensions"]["code"] == "FORBIDDEN"
    err = await api.error(move, {"id": ids["North"], "input": {"territoryId": south_id}}, token=tokens["MANAGER"])
    assert err["extensions"]["code"] == "FORBIDDEN"
    assert (await Account.get(name="North")).territory_id == (await Territory.get(name="North")).id
    assert (await Account.get(name="AnaSouth")).owner_id == (await User.get(email="ana@example.com")).id
    err = await api.error('mutation { createAccount(input: {name: "X"}) { id } }', token=tokens["BI"])
    assert err["extensions"]["code"] == "FORBIDDEN"


async def test_hidden_fields(api, world):
    tokens, ids = world["tokens"], world["ids"]
    ana = tokens["ANA"]
    err = await api.error('query($id: ID!) { opportunity(id: $id) { name commission } }',
                          {"id": ids["North-opportunities"]}, token=ana)
    assert err["extensions"]["code"] == "FORBIDDEN"
    for q in ('{ opportunities(filter: {commission: {gt: "1"}}) { totalCount } }',
              '{ opportunities(orderBy: [{field: commission}]) { totalCount } }',
              '{ opportunitiesAggregate(groupBy: [{field: commission}]) { totalCount } }'):
        assert (await api.error(q, token=ana))["extensions"]["code"] == "FORBIDDEN", q
    headers = {"Authorization": f"Bearer {ana}"}
    assert (await api.client.get("/export/opportunities.csv?fields=name,commission", headers=headers)).status_code == 403
    resp = await api.client.get("/export/opportunities.ndjson", headers=headers)
    assert resp.status_code == 200 and "commission" not in resp.text
    for who in ("MANAGER", "BI"):
        data = await api.gql('query($id: ID!) { opportunity(id: $id) { commission } }',
                             {"id": ids["North-opportunities"]}, token=tokens[who])
        assert data["opportunity"]["commission"] == "10.00"
    ext = tokens["EXTERNAL"]
    err = await api.error('{ billingEntries(filter: {amount: {gt: "1"}}) { totalCount } }', token=ext)
    assert err["extensions"]["code"] == "FORBIDDEN"
    resp = await api.client.get("/export/billingEntries.csv?fields=amount", headers={"Authorization": f"Bearer {ext}"})
    assert resp.status_code == 403
