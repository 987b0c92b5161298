"""`NOT_FOUND` for IDs that name no record, `CONFLICT` for stale versions and records in use;
either way nothing is written."""

from __future__ import annotations

import asyncio

from ..helpers import (
    account, code_and_field, count, create_mutation, create_record, deleted_id, delete_mutation, opportunity,
    person, read, stage, update_mutation, user,
)

UPDATE_ACCOUNT = update_mutation("Account", "name version")


# -- NOT_FOUND ------------------------------------------------------------------------


async def test_an_unknown_stage_id_is_not_found_and_no_opportunity_is_written(api):
    gone = await deleted_id(api, "PipelineStage")

    error = await api.error(create_mutation("Opportunity"), {"input": {"name": "Deal", "stageId": gone}})

    assert code_and_field(error) == ("NOT_FOUND", "stageId")
    assert await count(api, "opportunities") == 0


async def test_an_unknown_owner_id_is_not_found(api):
    gone = await deleted_id(api, "User")

    error = await api.error(create_mutation("Account"), {"input": {"name": "Acme", "ownerId": gone}})

    assert code_and_field(error) == ("NOT_FOUND", "ownerId")
    assert await count(api, "accounts") == 0


async def test_an_unknown_account_among_account_ids_is_not_found_and_nothing_is_linked(api):
    acme = await account(api, "Acme")
    gone = await deleted_id(api, "Account")

    error = await api.error(create_mutation("Person"),
                            {"input": {"email": "ada@example.com", "accountIds": [acme["id"], gone]}})

    assert code_and_field(error) == ("NOT_FOUND", "accountIds")
    assert gone in error["message"]
    assert await count(api, "people") == 0
    assert (await read(api, "Account", acme["id"], "people { totalCount }"))["people"]["totalCount"] == 0


async def test_the_not_found_error_names_the_unknown_id_when_another_id_repeats(api):
    acme = await account(api, "Acme")
    gone = await deleted_id(api, "Account")

    error = await api.error(create_mutation("Person"),
                            {"input": {"email": "ada@example.com", "accountIds": [acme["id"], acme["id"], gone]}})

    assert code_and_field(error) == ("NOT_FOUND", "accountIds")
    assert gone in error["message"]
    assert acme["id"] not in error["message"]


async def test_an_unknown_id_in_an_update_leaves_the_record_and_its_links_unchanged(api):
    acme = await account(api, "Acme")
    ada = await person(api, accountIds=[acme["id"]])
    gone = await deleted_id(api, "Account")

    error = await api.error(update_mutation("Person"),
                            {"id": ada["id"], "version": 1, "input": {"title": "CTO", "accountIds": [gone]}})

    assert code_and_field(error) == ("NOT_FOUND", "accountIds")
    found = await read(api, "Person", ada["id"], "title version accounts { edges { node { name } } }")
    assert found["title"] is None and found["version"] == 1
    assert found["accounts"]["edges"] == [{"node": {"name": "Acme"}}]


async def test_updating_a_deleted_record_is_not_found(api):
    gone = await deleted_id(api, "Account")

    error = await api.error(UPDATE_ACCOUNT, {"id": gone, "version": 1, "input": {"name": "Back"}})

    assert code_and_field(error) == ("NOT_FOUND", "id")
    assert await count(api, "accounts") == 0


async def test_deleting_a_deleted_record_is_not_found(api):
    gone = await deleted_id(api, "Account")

    error = await api.error(delete_mutation("Account"), {"id": gone})

    assert code_and_field(error) == ("NOT_FOUND", "id")


async def test_updating_a_deleted_stage_is_not_found(api):
    gone = await deleted_id(api, "PipelineStage")

    error = await api.error(update_mutation("PipelineStage", versioned=False), {"id": gone, "input": {"probability": 5}})

    assert code_and_field(error) == ("NOT_FOUND", "id")
    assert await count(api, "pipelineStages") == 0


async def test_looking_up_a_deleted_record_returns_null_without_error(api):
    gone = await deleted_id(api, "Account")

    data = await api.gql("query($id: ID!) { account(id: $id) { name } node(id: $id) { id } }", {"id": gone})

    assert data == {"account": None, "node": None}


# -- CONFLICT -------------------------------------------------------------------------


async def test_an_update_with_a_stale_version_is_a_conflict_and_changes_nothing(api):
    acme = await account(api, "Acme")
    await api.gql(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"name": "Acme Corp"}})

    error = await api.error(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"name": "Acme Inc"}})

    assert code_and_field(error) == ("CONFLICT", "version")
    assert await read(api, "Account", acme["id"], "name version") == {
        "id": acme["id"], "name": "Acme Corp", "version": 2}


async def test_a_stale_update_does_not_replace_the_linked_people(api):
    ada, bob = await person(api, "ada@example.com"), await person(api, "bob@example.com")
    acme = await account(api, "Acme", personIds=[ada["id"]])
    await api.gql(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"industry": "Retail"}})

    error = await api.error(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"personIds": [bob["id"]]}})

    assert code_and_field(error) == ("CONFLICT", "version")
    found = await read(api, "Account", acme["id"], "people { edges { node { email } } }")
    assert found["people"]["edges"] == [{"node": {"email": "ada@example.com"}}]


async def test_of_concurrent_updates_with_the_same_version_exactly_one_wins(api):
    acme = await account(api, "Acme")

    responses = await asyncio.gather(*[
        api.post(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"name": f"Acme {i}"}}) for i in range(5)])

    bodies = [response.json() for response in responses]
    winners = [body["data"]["updateAccount"]["name"] for body in bodies if not body.get("errors")]
    assert len(winners) == 1
    assert all(code_and_field(body["errors"][0]) == ("CONFLICT", "version") for body in bodies if body.get("errors"))
    assert await read(api, "Account", acme["id"], "name version") == {
        "id": acme["id"], "name": winners[0], "version": 2}


async def test_a_version_from_the_future_is_a_conflict(api):
    acme = await account(api, "Acme")

    error = await api.error(UPDATE_ACCOUNT, {"id": acme["id"], "version": 7, "input": {"name": "Acme Inc"}})

    assert code_and_field(error) == ("CONFLICT", "version")
    assert (await read(api, "Account", acme["id"], "name"))["name"] == "Acme"


async def test_the_conflict_tells_the_current_version(api):
    acme = await account(api, "Acme")
    await api.gql(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"name": "Acme Corp"}})

    error = await api.error(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"name": "Acme Inc"}})

    assert error["extensions"]["currentVersion"] == 2


async def test_a_delete_with_a_stale_version_is_a_conflict_and_keeps_the_record(api):
    acme = await account(api, "Acme")
    await api.gql(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"name": "Acme Corp"}})

    error = await api.error(delete_mutation("Account"), {"id": acme["id"], "version": 1})

    assert code_and_field(error) == ("CONFLICT", "version")
    assert (await read(api, "Account", acme["id"], "name"))["name"] == "Acme Corp"


async def test_deleting_a_stage_still_used_by_an_opportunity_is_a_conflict(api):
    proposal = await stage(api, "Proposal")
    deal = await opportunity(api, "Deal", stage_id=proposal["id"])

    error = await api.error(delete_mutation("PipelineStage"), {"id": proposal["id"]})

    assert code_and_field(error) == ("CONFLICT", "id")
    assert (await read(api, "PipelineStage", proposal["id"], "name"))["name"] == "Proposal"
    assert (await read(api, "Opportunity", deal["id"], "stage { name }"))["stage"] == {"name": "Proposal"}


async def test_a_stage_can_be_deleted_once_no_opportunity_uses_it(api):
    proposal, won = await stage(api, "Proposal", 1), await stage(api, "Won", 2)
    deal = await opportunity(api, "Deal", stage_id=proposal["id"])
    await api.gql(update_mutation("Opportunity"), {"id": deal["id"], "version": 1, "input": {"stageId": won["id"]}})

    data = await api.gql(delete_mutation("PipelineStage"), {"id": proposal["id"]})

    assert data["deletePipelineStage"] == proposal["id"]
    assert await count(api, "pipelineStages") == 1


async def test_a_second_territory_with_the_same_name_is_a_conflict_on_the_name(api):
    await create_record(api, "Territory", {"name": "DACH"})

    error = await api.error(create_mutation("Territory"), {"input": {"name": "DACH"}})

    assert code_and_field(error) == ("CONFLICT", "name")


async def test_a_second_user_with_the_same_email_is_a_conflict_on_the_email(api):
    await user(api, "sam@example.com")

    error = await api.error(create_mutation("User"), {"input": {"email": "sam@example.com"}})

    assert code_and_field(error) == ("CONFLICT", "email")
    data = await api.gql("{ users(first: 100) { edges { node { email } } } }")
    assert sorted(edge["node"]["email"] for edge in data["users"]["edges"]) == [
        "admin@example.com", "sam@example.com"]


async def test_renaming_a_stage_to_a_name_in_use_is_a_conflict_and_keeps_its_name(api):
    await stage(api, "Proposal", 1)
    won = await stage(api, "Won", 2)

    error = await api.error(update_mutation("PipelineStage", "name", versioned=False),
                            {"id": won["id"], "input": {"name": "Proposal"}})

    assert code_and_field(error)[0] == "CONFLICT"
    assert (await read(api, "PipelineStage", won["id"], "name"))["name"] == "Won"


async def test_a_conflict_message_does_not_show_database_internals(api):
    await create_record(api, "Territory", {"name": "DACH"})

    error = await api.error(create_mutation("Territory"), {"input": {"name": "DACH"}})

    message = error["message"].lower()
    assert "constraint" not in message and "territory.name" not in message and "detail" not in message
