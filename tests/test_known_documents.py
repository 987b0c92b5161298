"""A query this build's pipeline answered compiled before is answered without Strawberry's
pipeline (`compiled.answer_known`). Each test makes a document known, then sends what the
pipeline must still judge: new variables, other users, other operations, stored values
that changed. Strawberry's `Schema.execute` is watched (it still runs) to tell which way a
request went."""

from __future__ import annotations

import hashlib

import pytest

from crm_graphql import db
from crm_graphql.auth.tokens import create_token, users_changed
from crm_graphql.graphql.schema import CrmSchema
from crm_graphql.ids import to_global_id
from crm_graphql.models import Role, User
from crm_graphql.models.accounts import Account
from crm_graphql.models.organization import Territory

from .helpers import ACCOUNT, create

VIEW = """query View($first: Int!, $after: String, $people: Int) {
  accounts(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { name people(first: $people) { edges { node { email } } } } }
  }
}
query Count { accounts { totalCount } }"""

REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name } }"

DEEP = """query Deep($first: Int!, $people: Int!) {
  accounts(first: $first) { edges { node { name people(first: $people) { edges { node { email
    accounts(first: $people) { edges { node { name } } } } } } } } }
}"""


@pytest.fixture
def pipeline_runs(monkeypatch) -> list:
    """The operations Strawberry's pipeline executed, in order."""
    runs = []
    original = CrmSchema.execute

    async def execute(self, *args, **kwargs):
        runs.append(kwargs.get("operation_name"))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(CrmSchema, "execute", execute)
    return runs


async def _send(api, variables: dict, *, operation: str | None = "View", token: str | None = None,
                query: str = VIEW) -> dict:
    body = {"query": query, "variables": variables}
    if operation is not None:
        body["operationName"] = operation
    response = await api.client.post("/graphql", json=body,
                                     headers={"Authorization": f"Bearer {token or api.token}"})
    return response.json()


def _names(body: dict) -> list[str]:
    return [edge["node"]["name"] for edge in body["data"]["accounts"]["edges"]]


async def test_a_known_query_is_answered_without_the_pipeline_and_alike(api, pipeline_runs):
    for name in ("A", "B", "C"):
        await Account.create(name=name)
    first = await _send(api, {"first": 1, "after": None})
    assert pipeline_runs == ["View"]
    again = await _send(api, {"first": 1, "after": None})
    assert again == first and _names(again) == ["A"]
    assert pipeline_runs == ["View"], "the second request did not need the pipeline"
    # Cursors from earlier answers: a first page with a cursor is judged once, and the
    # pages after it go the short way.
    second = await _send(api, {"first": 1, "after": first["data"]["accounts"]["pageInfo"]["endCursor"]})
    assert _names(second) == ["B"] and pipeline_runs == ["View", "View"]
    third = await _send(api, {"first": 1, "after": second["data"]["accounts"]["pageInfo"]["endCursor"]})
    assert _names(third) == ["C"] and third["data"]["accounts"]["pageInfo"]["hasNextPage"] is False
    assert pipeline_runs == ["View", "View"]
    # A cursor that is not one is the pipeline's to report.
    broken = await _send(api, {"first": 1, "after": "not-a-cursor"})
    assert broken["errors"][0]["extensions"]["code"] == "VALIDATION", broken
    # Another operation of the document is judged on its own.
    count = await _send(api, {}, operation="Count")
    assert count == {"data": {"accounts": {"totalCount": 3}}}
    assert pipeline_runs == ["View", "View", "View", "Count"]


async def test_new_variables_are_judged_by_the_pipeline(api, settings, pipeline_runs):
    for name in ("A", "B"):
        await Account.create(name=name)
    await _send(api, {"first": 1, "people": 1})
    await _send(api, {"first": 1, "people": 1})
    assert pipeline_runs == ["View"]
    wrong_type = await _send(api, {"first": "one", "people": 1})
    assert wrong_type["errors"][0]["extensions"]["code"] == "VALIDATION"
    too_large = await _send(api, {"first": settings.max_page_size + 1, "people": 1})
    extensions = too_large["errors"][0]["extensions"]
    assert (extensions["code"], extensions["field"]) == ("LIMIT_EXCEEDED", "first")
    missing = await _send(api, {"people": 1})
    assert missing["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert pipeline_runs == ["View"] * 4
    # The known variables still go the short way.
    assert _names(await _send(api, {"first": 1, "people": 1})) == ["A"]
    assert len(pipeline_runs) == 4
    # Page sizes within each limit whose product is not: the cost counts page sizes.
    small = {"first": 2, "people": 2}
    assert "errors" not in await _send(api, small, query=DEEP, operation="Deep")
    assert "errors" not in await _send(api, small, query=DEEP, operation="Deep")
    size = settings.max_page_size
    costly = await _send(api, {"first": size, "people": size}, query=DEEP, operation="Deep")
    assert costly["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert costly["errors"][0]["extensions"]["cost"] > settings.max_cost
    assert costly.get("data") is None
    assert pipeline_runs == ["View"] * 4 + ["Deep"] * 2


async def test_users_of_other_rules_see_their_own_records_through_a_known_document(api, pipeline_runs):
    north, south = await Territory.create(name="North"), await Territory.create(name="South")
    tokens = {}
    for name, territory in (("ana", north), ("ben", south)):
        user = await User.create(email=f"{name}@example.com", role=Role.SALES)
        await user.territories.add(territory)
        tokens[name] = await create_token(user)
    for name, territory in (("N1", north), ("N2", north), ("S1", south)):
        await Account.create(name=name, territory=territory)
    await _send(api, {"first": 5})
    assert _names(await _send(api, {"first": 5})) == ["N1", "N2", "S1"]
    for _ in range(2):
        assert _names(await _send(api, {"first": 5}, token=tokens["ana"])) == ["N1", "N2"]
        assert _names(await _send(api, {"first": 5}, token=tokens["ben"])) == ["S1"]
    assert pipeline_runs == ["View"], "a sales user's request went the short way too"
    # A user moved to another territory sees that territory's records on the next request.
    ana = await User.get(email="ana@example.com")
    await ana.territories.clear()
    await ana.territories.add(south)
    await users_changed(db.connection())  # as `crm-graphql users set --territory` does
    assert _names(await _send(api, {"first": 5}, token=tokens["ana"])) == ["S1"]


async def test_a_document_without_its_operation_name_is_known_too(api, pipeline_runs):
    single = "query One($first: Int!) { accounts(first: $first) { edges { node { name } } } }"
    await Account.create(name="A")
    named = await _send(api, {"first": 1}, query=single, operation="One")
    unnamed = await _send(api, {"first": 1}, query=single, operation=None)
    assert named == unnamed == {"data": {"accounts": {"edges": [{"node": {"name": "A"}}]}}}
    assert pipeline_runs == ["One"]
    other = await _send(api, {"first": 1}, query=single, operation="Other")
    assert other["errors"], other


async def test_a_stored_value_no_longer_an_option_is_reported_after_the_document_is_known(api, pipeline_runs):
    query = "query Tiers($first: Int!) { accounts(first: $first) { edges { node { name tier } } } }"
    await create(api, ACCOUNT, name="Acme", tier="GOLD")
    pipeline_runs.clear()
    known = await _send(api, {"first": 5}, query=query, operation="Tiers")
    assert known == {"data": {"accounts": {"edges": [{"node": {"name": "Acme", "tier": "GOLD"}}]}}}
    await Account.filter(name="Acme").update(custom={"tier": "PLATINUM"})
    body = await _send(api, {"first": 5}, query=query, operation="Tiers")
    assert body["data"]["accounts"]["edges"] == [{"node": {"name": "Acme", "tier": None}}]
    assert body["errors"][0]["extensions"]["code"] == "INVALID_STORED_VALUE"
    assert pipeline_runs == ["Tiers", "Tiers"], "the compiled statement found the value; the pipeline reported it"


async def test_a_persisted_document_is_known_by_its_id_too(api, pipeline_runs):
    query = "query Persisted($first: Int!) { accounts(first: $first) { edges { node { name } } } }"
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}
    await Account.create(name="A")
    headers = {"Authorization": f"Bearer {api.token}"}

    async def send(body: dict) -> dict:
        body = {**body, "operationName": "Persisted"}
        return (await api.client.post("/graphql", json=body, headers=headers)).json()

    registered = await send({"query": query, "variables": {"first": 1}, "extensions": persisted})
    by_id = await send({"variables": {"first": 1}, "extensions": persisted})
    assert registered == by_id == {"data": {"accounts": {"edges": [{"node": {"name": "A"}}]}}}
    assert pipeline_runs == ["Persisted"], "the document's id names a known document"
    # An extension that changes how a read is answered still goes the whole way.
    resolved = await send({"variables": {"first": 1}, "extensions": {**persisted, "readPath": "resolved"}})
    assert resolved == by_id and pipeline_runs == ["Persisted", "Persisted"]


async def test_a_document_known_before_a_rename_is_judged_again_after_it(api, pipeline_runs):
    """A rename is a new schema build, which remembers nothing: the old document goes the
    whole way once more, under the old names the rename keeps, then the short way."""
    query = "query Old($first: Int!) { accounts(first: $first) { edges { node { name tier } } } }"
    sales = await User.create(email="sam@example.com", role=Role.SALES)
    token = await create_token(sales)
    await create(api, ACCOUNT, name="Acme", tier="GOLD", ownerId=to_global_id("User", sales.id))
    before = await _send(api, {"first": 5}, query=query, operation="Old", token=token)
    assert before == {"data": {"accounts": {"edges": [{"node": {"name": "Acme", "tier": "GOLD"}}]}}}
    renamed = await api.gql(REGISTER, {"d": {"name": "levels", "renames": [
        {"entity": "Account", "field": "tier", "to": "level", "keep_alias": True}]}})
    assert renamed["registerPlugin"]["name"] == "levels"
    pipeline_runs.clear()
    for _ in range(2):
        assert await _send(api, {"first": 5}, query=query, operation="Old", token=token) == before
    assert pipeline_runs == ["Old"]
    new = "query New($first: Int!) { accounts(first: $first) { edges { node { name level } } } }"
    assert (await _send(api, {"first": 5}, query=new, operation="New", token=token))["data"]["accounts"]["edges"] == [
        {"node": {"name": "Acme", "level": "GOLD"}}]
