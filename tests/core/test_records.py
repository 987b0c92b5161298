"""What a client writes is what it reads back: values, partial updates, references, links."""

from __future__ import annotations

from ..helpers import (
    account, create_record, delivery, opportunity, person, read, stage, update_mutation, user,
)

PEOPLE_OF_ACCOUNT = "people(first: 100) { totalCount edges { node { email } } }"
ACCOUNTS_OF_PERSON = "accounts(first: 100) { totalCount edges { node { name } } }"


def names(connection: dict, field: str = "name") -> list[str]:
    return [edge["node"][field] for edge in connection["edges"]]


async def update(api, entity: str, record: dict, input: dict, fields: str = "version") -> dict:
    data = await api.gql(update_mutation(entity, fields),
                         {"id": record["id"], "version": record.get("version", 1), "input": input})
    return data[f"update{entity}"]


async def test_decimals_are_returned_as_strings_with_two_decimal_places(api):
    created = await create_record(api, "Account", {"name": "Acme", "annualRevenue": "1200.5"}, "annualRevenue")

    assert created["annualRevenue"] == "1200.50"
    assert (await read(api, "Account", created["id"], "annualRevenue"))["annualRevenue"] == "1200.50"


async def test_small_and_zero_amounts_keep_their_cents(api):
    proposal = await stage(api)
    small = await create_record(api, "Opportunity", {"name": "Tiny", "stageId": proposal["id"], "amount": "0.10"},
                                "amount")
    zero = await create_record(api, "Opportunity", {"name": "Free", "stageId": proposal["id"], "amount": "0"},
                               "amount")

    assert small["amount"] == "0.10"
    assert zero["amount"] == "0.00"


async def test_dates_and_datetimes_read_back_unchanged(api):
    acme = await account(api)
    created = await create_record(api, "Activity", {
        "kind": "CALL", "subject": "Intro", "accountId": acme["id"],
        "occurredAt": "2026-03-29T23:45:10+00:00", "dueDate": "2026-02-28",
    }, "occurredAt dueDate")

    found = await read(api, "Activity", created["id"], "occurredAt dueDate")

    assert found["occurredAt"] == "2026-03-29T23:45:10+00:00"
    assert found["dueDate"] == "2026-02-28"


async def test_datetimes_in_other_offsets_are_returned_in_utc(api):
    acme = await account(api)
    created = await create_record(api, "Activity", {
        "kind": "MEETING", "subject": "Lunch", "accountId": acme["id"], "occurredAt": "2026-03-29T14:00:00+02:00",
    })

    found = await read(api, "Activity", created["id"], "occurredAt")

    assert found["occurredAt"] == "2026-03-29T12:00:00+00:00"


async def test_defaults_apply_when_a_field_is_left_out(api):
    proposal = await stage(api)
    acme = await create_record(api, "Account", {"name": "Acme"}, "billingStage website")
    deal = await create_record(api, "Opportunity", {"name": "Deal", "stageId": proposal["id"]}, "currency amount")
    task = await create_record(api, "Activity", {"kind": "TASK", "subject": "Send offer", "accountId": acme["id"]},
                               "done")
    lead = await create_record(api, "Lead", {"email": "x@example.com"}, "stage")
    target = await create_record(api, "Target", {"companyName": "Initech"}, "status")

    assert acme["billingStage"] == "PROSPECT" and acme["website"] is None
    assert deal == {"id": deal["id"], "currency": "EUR", "amount": None}
    assert task["done"] is False
    assert lead["stage"] == "ML"
    assert target["status"] == "NEW"


async def test_booleans_can_be_switched_on_and_off(api):
    acme = await account(api)
    task = await create_record(api, "Activity", {"kind": "TASK", "subject": "Call back", "accountId": acme["id"]},
                               "version done")

    done = await update(api, "Activity", task, {"done": True}, "version done")
    undone = await update(api, "Activity", done, {"done": False}, "version done")

    assert (done["done"], undone["done"]) == (True, False)


async def test_update_leaves_fields_it_does_not_mention_unchanged(api):
    created = await create_record(api, "Account", {
        "name": "Acme", "website": "https://acme.example", "employeeCount": 12}, "version")

    await update(api, "Account", created, {"industry": "Retail"})

    found = await read(api, "Account", created["id"], "name website employeeCount industry")
    assert found == {"id": created["id"], "name": "Acme", "website": "https://acme.example",
                     "employeeCount": 12, "industry": "Retail"}


async def test_update_with_null_clears_an_optional_field(api):
    created = await create_record(api, "Account", {"name": "Acme", "website": "https://acme.example"}, "version")

    updated = await update(api, "Account", created, {"website": None}, "website")

    assert updated["website"] is None
    assert (await read(api, "Account", created["id"], "website"))["website"] is None


async def test_update_moves_updated_at_and_keeps_created_at(api):
    created = await create_record(api, "Account", {"name": "Acme"}, "version createdAt updatedAt")

    updated = await update(api, "Account", created, {"name": "Acme Corp"}, "createdAt updatedAt")

    assert updated["createdAt"] == created["createdAt"]
    assert updated["updatedAt"] > created["updatedAt"]


async def test_the_creating_user_owns_a_new_record(api):
    created = await create_record(api, "Account", {"name": "Acme"}, "owner { email }")

    assert created["owner"] == {"email": "admin@example.com"}


async def test_owner_can_be_set_to_another_user(api):
    sam = await user(api, "sam@example.com")

    created = await create_record(api, "Account", {"name": "Acme", "ownerId": sam["id"]}, "owner { email }")

    assert created["owner"] == {"email": "sam@example.com"}


async def test_an_opportunity_shows_its_account_and_stage_and_the_account_lists_it(api):
    acme = await account(api)
    negotiation = await stage(api, "Negotiation", 4, 75)
    deal = await create_record(api, "Opportunity", {
        "name": "Renewal", "stageId": negotiation["id"], "accountId": acme["id"],
    }, "account { name } stage { name probability }")

    listed = await read(api, "Account", acme["id"], "opportunities { totalCount edges { node { id } } }")

    assert deal["account"] == {"name": "Acme"}
    assert deal["stage"] == {"name": "Negotiation", "probability": 75}
    assert listed["opportunities"] == {"totalCount": 1, "edges": [{"node": {"id": deal["id"]}}]}


async def test_an_account_lists_its_deliveries_with_their_phases_and_its_billing_entries(api):
    acme = await account(api)
    rollout = await delivery(api, acme["id"], "Rollout")
    await create_record(api, "DeliveryPhase", {"name": "Design", "position": 1, "deliveryId": rollout["id"]})
    await create_record(api, "DeliveryPhase", {"name": "Build", "position": 2, "deliveryId": rollout["id"]})
    await create_record(api, "BillingEntry", {"date": "2026-01-31", "amount": "10.00", "accountId": acme["id"]})

    found = await read(api, "Account", acme["id"], """
        deliveries { edges { node { name phases { edges { node { name delivery { name } } } } } } }
        billingEntries { edges { node { amount account { name } } } }
    """)

    [rollout_read] = [edge["node"] for edge in found["deliveries"]["edges"]]
    assert rollout_read["name"] == "Rollout"
    assert [e["node"] for e in rollout_read["phases"]["edges"]] == [
        {"name": "Design", "delivery": {"name": "Rollout"}}, {"name": "Build", "delivery": {"name": "Rollout"}}]
    assert found["billingEntries"]["edges"] == [{"node": {"amount": "10.00", "account": {"name": "Acme"}}}]


async def test_a_reference_can_be_changed_and_cleared(api):
    acme, globex = await account(api, "Acme"), await account(api, "Globex")
    deal = await opportunity(api, accountId=acme["id"])

    moved = await update(api, "Opportunity", deal, {"accountId": globex["id"]}, "version account { name }")
    cleared = await update(api, "Opportunity", moved, {"accountId": None}, "account { name }")

    assert moved["account"] == {"name": "Globex"}
    assert cleared["account"] is None
    assert (await read(api, "Account", acme["id"], "opportunities { totalCount }"))["opportunities"]["totalCount"] == 0


async def test_a_person_created_with_accounts_belongs_to_them(api):
    acme, globex = await account(api, "Acme"), await account(api, "Globex")

    ada = await person(api, accountIds=[acme["id"], globex["id"]])

    found = await read(api, "Person", ada["id"], ACCOUNTS_OF_PERSON)
    assert sorted(names(found["accounts"])) == ["Acme", "Globex"]
    assert names((await read(api, "Account", acme["id"], PEOPLE_OF_ACCOUNT))["people"], "email") == [
        "ada@example.com"]


async def test_account_ids_on_update_replace_the_persons_accounts(api):
    acme, globex, initech = [await account(api, name) for name in ("Acme", "Globex", "Initech")]
    ada = await person(api, accountIds=[acme["id"], globex["id"]])

    await update(api, "Person", ada, {"accountIds": [globex["id"], initech["id"]]})

    found = await read(api, "Person", ada["id"], ACCOUNTS_OF_PERSON)
    assert sorted(names(found["accounts"])) == ["Globex", "Initech"]
    assert (await read(api, "Account", acme["id"], PEOPLE_OF_ACCOUNT))["people"]["totalCount"] == 0


async def test_an_empty_account_ids_list_removes_every_account(api):
    acme = await account(api, "Acme")
    ada = await person(api, accountIds=[acme["id"]])

    await update(api, "Person", ada, {"accountIds": []})

    assert (await read(api, "Person", ada["id"], ACCOUNTS_OF_PERSON))["accounts"]["totalCount"] == 0


async def test_an_update_without_account_ids_keeps_the_accounts(api):
    acme = await account(api, "Acme")
    ada = await person(api, accountIds=[acme["id"]])

    await update(api, "Person", ada, {"title": "CTO"})

    assert names((await read(api, "Person", ada["id"], ACCOUNTS_OF_PERSON))["accounts"]) == ["Acme"]


async def test_person_ids_on_an_account_replace_its_people(api):
    ada, bob, cy = [await person(api, f"{name}@example.com") for name in ("ada", "bob", "cy")]
    acme = await account(api, "Acme", personIds=[ada["id"], bob["id"]])
    assert sorted(names((await read(api, "Account", acme["id"], PEOPLE_OF_ACCOUNT))["people"], "email")) == [
        "ada@example.com", "bob@example.com"]

    await update(api, "Account", acme, {"personIds": [bob["id"], cy["id"]]})

    found = await read(api, "Account", acme["id"], PEOPLE_OF_ACCOUNT)
    assert sorted(names(found["people"], "email")) == ["bob@example.com", "cy@example.com"]
    assert (await read(api, "Person", ada["id"], ACCOUNTS_OF_PERSON))["accounts"]["totalCount"] == 0


async def test_person_ids_on_an_opportunity_replace_its_people(api):
    ada, bob = await person(api, "ada@example.com"), await person(api, "bob@example.com")
    deal = await opportunity(api, personIds=[ada["id"]])

    updated = await update(api, "Opportunity", deal, {"personIds": [bob["id"]]},
                           "people { edges { node { email } } }")

    assert names(updated["people"], "email") == ["bob@example.com"]
    opportunities_of_bob = (await read(api, "Person", bob["id"], "opportunities { edges { node { name } } }"))
    assert names(opportunities_of_bob["opportunities"]) == ["Big deal"]
    assert (await read(api, "Person", ada["id"], "opportunities { totalCount }"))["opportunities"]["totalCount"] == 0


async def test_opportunity_ids_on_a_person_link_them_to_the_opportunities(api):
    deal = await opportunity(api, "Renewal")

    ada = await person(api, opportunityIds=[deal["id"]])

    involved = await read(api, "Opportunity", deal["id"], "people { edges { node { email } } }")
    assert names(involved["people"], "email") == ["ada@example.com"]
    assert names((await read(api, "Person", ada["id"], "opportunities { edges { node { name } } }"))[
        "opportunities"]) == ["Renewal"]


async def test_the_same_id_twice_in_a_link_list_links_once(api):
    acme = await account(api, "Acme")

    ada = await person(api, accountIds=[acme["id"], acme["id"]])

    assert (await read(api, "Person", ada["id"], ACCOUNTS_OF_PERSON))["accounts"]["totalCount"] == 1


async def test_deleting_a_person_removes_them_from_their_accounts(api):
    acme = await account(api, "Acme")
    ada = await person(api, "ada@example.com", accountIds=[acme["id"]])
    await person(api, "bob@example.com", accountIds=[acme["id"]])

    await api.gql("mutation($id: ID!) { deletePerson(id: $id) }", {"id": ada["id"]})

    found = await read(api, "Account", acme["id"], PEOPLE_OF_ACCOUNT)
    assert names(found["people"], "email") == ["bob@example.com"]


async def test_a_deactivated_user_reads_back_as_inactive(api):
    sam = await user(api)

    data = await api.gql("mutation($id: ID!) { updateUser(id: $id, input: {isActive: false}) { isActive } }",
                         {"id": sam["id"]})

    assert data["updateUser"]["isActive"] is False
