"""The change feed (outbox): every committed write has exactly one change row, written in
its transaction, under field keys, in commit order; a rolled-back write has none."""

from __future__ import annotations

import asyncio
import os

import pytest
from tortoise.transactions import in_transaction

from crm_graphql import feed
from crm_graphql.ids import from_global_id
from crm_graphql.models import AuditEntry, Change, Role

from .helpers import account, create_record

REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name } }"
CONVERT_TARGET = "mutation($id: ID!) { convertTarget(id: $id) { id } }"


async def _changes() -> list[tuple[str, int, str, dict]]:
    return [(c.entity, c.record_id, c.kind, c.changes) for c in await feed.changes_after(0)]


async def test_each_committed_write_has_one_change_under_field_keys(api):
    await api.gql(REGISTER, {"d": {"name": "deal-terms", "renames": [
        {"entity": "Opportunity", "field": "commission", "to": "provision"}]}})
    acme = await account(api, "Acme")
    stage = await create_record(api, "PipelineStage", {"name": "Proposal", "position": 1, "probability": 50})
    deal = await create_record(api, "Opportunity", {"name": "Big", "stageId": stage["id"], "accountId": acme["id"],
                                                    "amount": "10.00", "provision": "1.00"}, "version")
    await api.gql('mutation($id: ID!) { updateOpportunity(id: $id, version: 1, input: {provision: "2.50"}) { id } }',
                  {"id": deal["id"]})
    await api.gql("mutation($id: ID!) { deleteOpportunity(id: $id, version: 2) }", {"id": deal["id"]})
    deal_pk = from_global_id(deal["id"])[1]
    changes = [c for c in await _changes() if c[0] == "Opportunity"]
    assert [kind for _, _, kind, _ in changes] == ["create", "update", "delete"]
    created, updated, deleted = (c[3] for c in changes)
    # The renamed field is kept under its key, the reference under its column.
    assert created["commission"] == [None, "1.00"] and created["account_id"] == [None, acme["id"]]
    assert updated == {"commission": ["1.00", "2.50"]}
    assert deleted["commission"] == ["2.50", None]
    assert all(pk == deal_pk for _, pk, _, _ in changes)
    # The audit log keeps the names the writer used.
    audit = await AuditEntry.filter(entity="Opportunity", action="update").first()
    assert audit.changes == {"provision": ["1.00", "2.50"]}


async def test_a_conversion_is_one_change_of_the_converted_record(api):
    target = await create_record(api, "Target", {"companyName": "Initech", "email": "t@initech.example"})
    lead = (await api.gql(CONVERT_TARGET, {"id": target["id"]}))["convertTarget"]
    changes = await _changes()
    target_pk, lead_pk = from_global_id(target["id"])[1], from_global_id(lead["id"])[1]
    assert ("Lead", lead_pk, "create") in [c[:3] for c in changes]
    conversion = [c for c in changes if c[2] == "convert"]
    assert [(c[0], c[1]) for c in conversion] == [("Target", target_pk)]
    assert conversion[0][3]["status"] == ["NEW", "CONVERTED"]
    assert conversion[0][3]["converted_lead_id"] == [None, lead["id"]]
    sequences = [c.id for c in await feed.changes_after(0)]
    assert sequences == sorted(sequences)


async def test_a_write_rolled_back_leaves_no_change(api):
    sales = await api.user_token("sales@example.com", Role.SALES)
    mine = await create_record(api, "Account", {"name": "Mine"}, "version")
    # Created by the admin, so owned by the admin: give it to the sales user first.
    me = (await api.gql("{ me { id } }", token=sales))["me"]["id"]
    await api.gql('mutation($id: ID!, $o: ID!) { updateAccount(id: $id, version: 1, input: {ownerId: $o}) { id } }',
                  {"id": mine["id"], "o": me})
    before = await _changes()
    admin = (await api.gql("{ me { id } }"))["me"]["id"]
    # Giving it away puts it out of the sales user's reach: refused after the write,
    # inside its transaction, so the update and its change roll back together.
    error = await api.error('mutation($id: ID!, $o: ID!) { updateAccount(id: $id, version: 2, input: {ownerId: $o}) '
                            '{ id } }', {"id": mine["id"], "o": admin}, token=sales)
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert await _changes() == before
    assert (await api.gql('query($id: ID!) { account(id: $id) { version } }', {"id": mine["id"]}))["account"] == \
        {"version": 2}


@pytest.mark.skipif(os.environ.get("CRM_TEST_DATABASE") != "postgres",
                    reason="SQLite serialises writers at BEGIN IMMEDIATE")
async def test_sequences_appear_in_commit_order(api):
    """A writer that drew a sequence and has not committed holds back every later one, so
    a reader that has seen n never finds a change below n appear later."""
    start = await feed.latest_sequence()
    first_drawn = asyncio.Event()
    release = asyncio.Event()

    async def slow_writer():
        async with in_transaction() as conn:
            await feed.append(conn, user_id=None, kind="update", entity="Account", record_id=1, changes={})
            first_drawn.set()
            await release.wait()

    async def quick_writer():
        async with in_transaction() as conn:
            await feed.append(conn, user_id=None, kind="update", entity="Account", record_id=2, changes={})

    slow = asyncio.create_task(slow_writer())
    await first_drawn.wait()
    quick = asyncio.create_task(quick_writer())
    await asyncio.sleep(0.3)
    # The quick writer waits for the slow one: nothing is visible past `start` yet.
    assert await feed.changes_after(start) == []
    release.set()
    await asyncio.gather(slow, quick)
    assert [c.record_id for c in await feed.changes_after(start)] == [1, 2]
    assert await Change.filter(id__gt=start).count() == 2
