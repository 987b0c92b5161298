"""Invalid input gets a `VALIDATION` error naming the offending field, and writes nothing."""

from __future__ import annotations

import pytest

from ..helpers import (
    account, code_and_field, count, create_mutation, opportunity, person, read, stage, update_mutation,
)

CREATE_PERSON = create_mutation("Person", "email")
CREATE_ACCOUNT = create_mutation("Account", "name")
CREATE_OPPORTUNITY = create_mutation("Opportunity", "name")
CREATE_ACTIVITY = create_mutation("Activity", "subject")
UPDATE_ACCOUNT = update_mutation("Account", "name version")


async def test_a_bad_email_is_refused_and_no_person_is_written(api):
    error = await api.error(CREATE_PERSON, {"input": {"email": "not-an-email"}})

    assert code_and_field(error) == ("VALIDATION", "email")
    assert "not-an-email" in error["message"]
    assert await count(api, "people") == 0


@pytest.mark.parametrize("email", ["ada@", "@example.com", "ada example@example.com", "ada@example"])
async def test_emails_without_a_user_a_domain_or_with_spaces_are_refused(api, email):
    error = await api.error(CREATE_PERSON, {"input": {"email": email}})

    assert code_and_field(error) == ("VALIDATION", "email")
    assert await count(api, "people") == 0


async def test_a_bad_email_in_an_update_leaves_the_person_unchanged(api):
    ada = await person(api, "ada@example.com")

    error = await api.error(update_mutation("Person", "email"),
                            {"id": ada["id"], "version": 1, "input": {"email": "ada at example"}})

    assert code_and_field(error) == ("VALIDATION", "email")
    assert await read(api, "Person", ada["id"], "email version") == {
        "id": ada["id"], "email": "ada@example.com", "version": 1}


@pytest.mark.parametrize("website", ["acme.example", "ftp://acme.example", "https://", "http://acme example.com"])
async def test_a_website_that_is_not_an_http_url_is_refused(api, website):
    error = await api.error(CREATE_ACCOUNT, {"input": {"name": "Acme", "website": website}})

    assert code_and_field(error) == ("VALIDATION", "website")
    assert await count(api, "accounts") == 0


async def test_a_bad_linkedin_url_is_refused(api):
    error = await api.error(CREATE_PERSON, {"input": {"email": "ada@example.com", "linkedinUrl": "linkedin/ada"}})

    assert code_and_field(error) == ("VALIDATION", "linkedinUrl")
    assert await count(api, "people") == 0


async def test_a_person_without_an_email_is_refused_naming_the_field(api):
    error = await api.error(CREATE_PERSON, {"input": {"firstName": "Ada"}})

    assert code_and_field(error) == ("VALIDATION", "email")
    assert await count(api, "people") == 0


async def test_an_opportunity_without_a_stage_is_refused_naming_the_field(api):
    error = await api.error(CREATE_OPPORTUNITY, {"input": {"name": "Deal"}})

    assert code_and_field(error) == ("VALIDATION", "stageId")
    assert await count(api, "opportunities") == 0


@pytest.mark.parametrize("name", ["", "   "])
async def test_an_empty_account_name_is_refused(api, name):
    error = await api.error(CREATE_ACCOUNT, {"input": {"name": name}})

    assert code_and_field(error) == ("VALIDATION", "name")
    assert await count(api, "accounts") == 0


async def test_an_empty_email_is_refused(api):
    error = await api.error(CREATE_PERSON, {"input": {"email": ""}})

    assert code_and_field(error) == ("VALIDATION", "email")
    assert await count(api, "people") == 0


async def test_clearing_a_required_field_in_an_update_is_refused(api):
    acme = await account(api, "Acme")

    error = await api.error(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"name": None}})

    assert code_and_field(error) == ("VALIDATION", "name")
    assert await read(api, "Account", acme["id"], "name version") == {"id": acme["id"], "name": "Acme", "version": 1}


async def test_clearing_the_stage_of_an_opportunity_is_refused(api):
    deal = await opportunity(api)

    error = await api.error(update_mutation("Opportunity"), {"id": deal["id"], "version": 1, "input": {"stageId": None}})

    assert code_and_field(error) == ("VALIDATION", "stageId")
    assert (await read(api, "Opportunity", deal["id"], "stage { name }"))["stage"] is not None


async def test_a_name_over_the_maximum_length_is_refused(api):
    error = await api.error(CREATE_ACCOUNT, {"input": {"name": "A" * 301}})

    assert code_and_field(error) == ("VALIDATION", "name")
    assert "300" in error["message"]
    assert await count(api, "accounts") == 0


async def test_a_name_of_exactly_the_maximum_length_is_accepted(api):
    created = await account(api, "A" * 300)

    assert created["name"] == "A" * 300


async def test_a_currency_longer_than_three_letters_is_refused(api):
    proposal = await stage(api)

    error = await api.error(CREATE_OPPORTUNITY, {"input": {"name": "Deal", "stageId": proposal["id"], "currency": "EURO"}})

    assert code_and_field(error) == ("VALIDATION", "currency")
    assert await count(api, "opportunities") == 0


async def test_a_too_long_value_in_an_update_leaves_the_record_unchanged(api):
    acme = await account(api, "Acme")

    error = await api.error(UPDATE_ACCOUNT, {"id": acme["id"], "version": 1, "input": {"industry": "x" * 201}})

    assert code_and_field(error) == ("VALIDATION", "industry")
    assert await read(api, "Account", acme["id"], "industry version") == {
        "id": acme["id"], "industry": None, "version": 1}


async def test_an_amount_beyond_the_precision_of_money_is_refused(api):
    error = await api.error(CREATE_ACCOUNT, {"input": {"name": "Acme", "annualRevenue": "12345678901234567890.00"}})

    assert code_and_field(error) == ("VALIDATION", "annualRevenue")
    assert await count(api, "accounts") == 0


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity"])
async def test_an_amount_that_is_not_a_finite_number_is_refused(api, amount):
    acme = await account(api)

    error = await api.error(create_mutation("BillingEntry"),
                            {"input": {"date": "2026-01-31", "amount": amount, "accountId": acme["id"]}})

    assert code_and_field(error) == ("VALIDATION", "amount")
    assert await count(api, "billingEntries") == 0


async def test_a_person_id_given_as_owner_is_refused(api):
    ada = await person(api)

    error = await api.error(CREATE_ACCOUNT, {"input": {"name": "Acme", "ownerId": ada["id"]}})

    assert code_and_field(error) == ("VALIDATION", "ownerId")
    assert "User" in error["message"]
    assert await count(api, "accounts") == 0


async def test_an_account_id_given_as_stage_is_refused(api):
    acme = await account(api)

    error = await api.error(CREATE_OPPORTUNITY, {"input": {"name": "Deal", "stageId": acme["id"]}})

    assert code_and_field(error) == ("VALIDATION", "stageId")
    assert await count(api, "opportunities") == 0


async def test_a_person_id_among_account_ids_is_refused(api):
    acme = await account(api)
    ada = await person(api, "ada@example.com")

    error = await api.error(CREATE_PERSON, {"input": {"email": "bob@example.com", "accountIds": [acme["id"], ada["id"]]}})

    assert code_and_field(error) == ("VALIDATION", "accountIds")
    assert await count(api, "people") == 1
    assert (await read(api, "Account", acme["id"], "people { totalCount }"))["people"]["totalCount"] == 0


@pytest.mark.parametrize("bad_id", ["not-an-id", "zz", "", "4163636f756e743a"])
async def test_a_malformed_id_in_a_reference_is_refused(api, bad_id):
    error = await api.error(CREATE_OPPORTUNITY, {"input": {"name": "Deal", "stageId": bad_id}})

    assert code_and_field(error) == ("VALIDATION", "stageId")
    assert await count(api, "opportunities") == 0


async def test_a_malformed_id_in_a_lookup_is_refused(api):
    error = await api.error("{ account(id: \"not-an-id\") { name } }")

    assert code_and_field(error) == ("VALIDATION", "id")


async def test_a_malformed_id_in_node_is_refused(api):
    error = await api.error("{ node(id: \"not-an-id\") { id } }")

    assert code_and_field(error) == ("VALIDATION", "id")


async def test_looking_up_an_account_with_a_person_id_is_refused(api):
    ada = await person(api)

    error = await api.error("query($id: ID!) { account(id: $id) { name } }", {"id": ada["id"]})

    assert code_and_field(error) == ("VALIDATION", "id")


async def test_updating_an_account_with_a_person_id_is_refused(api):
    ada = await person(api)

    error = await api.error(UPDATE_ACCOUNT, {"id": ada["id"], "version": 1, "input": {"name": "Acme"}})

    assert code_and_field(error) == ("VALIDATION", "id")
    assert await count(api, "accounts") == 0


async def test_an_activity_linked_to_nothing_is_refused(api):
    error = await api.error(CREATE_ACTIVITY, {"input": {"kind": "CALL", "subject": "Intro"}})

    assert code_and_field(error) == ("VALIDATION", "accountId")
    assert await count(api, "activities") == 0


@pytest.mark.parametrize("link", ["personId", "leadId", "opportunityId"])
async def test_an_activity_linked_to_a_person_lead_or_opportunity_alone_is_accepted(api, link):
    targets = {
        "personId": lambda: person(api),
        "leadId": lambda: _lead(api),
        "opportunityId": lambda: opportunity(api),
    }
    record = await targets[link]()

    data = await api.gql(create_mutation("Activity", f"{link[:-2]} {{ id }}"),
                         {"input": {"kind": "NOTE", "subject": "Note", link: record["id"]}})

    assert data["createActivity"][link[:-2]] == {"id": record["id"]}


async def _lead(api) -> dict:
    return (await api.gql(create_mutation("Lead"), {"input": {"email": "lead@example.com"}}))["createLead"]


async def test_unlinking_an_activity_from_its_only_record_is_refused(api):
    acme = await account(api)
    call = (await api.gql(CREATE_ACTIVITY, {"input": {"kind": "CALL", "subject": "Intro", "accountId": acme["id"]}}))

    error = await api.error(update_mutation("Activity"),
                            {"id": call["createActivity"]["id"], "version": 1, "input": {"accountId": None}})

    assert code_and_field(error) == ("VALIDATION", "accountId")
    found = await read(api, "Activity", call["createActivity"]["id"], "version account { id }")
    assert found["account"] == {"id": acme["id"]} and found["version"] == 1


PAGE = "query($first: Int, $last: Int) { accounts(first: $first, last: $last) { edges { node { name } } } }"


async def test_a_page_above_the_cap_of_100_is_refused(api):
    error = await api.error(PAGE, {"first": 101})

    assert code_and_field(error) == ("LIMIT_EXCEEDED", "first")
    assert "100" in error["message"]


async def test_a_page_of_exactly_100_is_accepted(api):
    await account(api)

    data = await api.gql(PAGE, {"first": 100})

    assert len(data["accounts"]["edges"]) == 1


async def test_a_negative_page_size_is_refused(api):
    error = await api.error(PAGE, {"first": -1})

    assert code_and_field(error) == ("VALIDATION", "first")


async def test_a_last_above_the_cap_is_refused(api):
    error = await api.error(PAGE, {"last": 101})

    assert code_and_field(error) == ("LIMIT_EXCEEDED", "last")


async def test_first_and_last_together_are_refused(api):
    error = await api.error(PAGE, {"first": 2, "last": 2})

    assert code_and_field(error)[0] == "VALIDATION"


async def test_a_nested_page_above_the_cap_is_refused(api):
    await account(api)

    error = await api.error("{ accounts { edges { node { people(first: 101) { totalCount } } } } }")

    assert code_and_field(error) == ("LIMIT_EXCEEDED", "first")


async def test_a_cursor_that_is_not_a_cursor_is_refused(api):
    error = await api.error('{ accounts(first: 2, after: "not a cursor") { edges { node { name } } } }')

    assert code_and_field(error) == ("VALIDATION", "after")


async def test_a_cursor_of_another_list_is_refused(api):
    acme = await account(api)
    await api.gql(CREATE_ACTIVITY, {"input": {"kind": "CALL", "subject": "Intro", "accountId": acme["id"]}})
    data = await api.gql("{ activities(first: 1) { pageInfo { endCursor } } }")

    error = await api.error("query($after: String) { accounts(first: 2, after: $after) { edges { node { name } } } }",
                            {"after": data["activities"]["pageInfo"]["endCursor"]})

    assert code_and_field(error) == ("VALIDATION", "after")


async def test_a_tampered_cursor_is_refused_as_invalid(api):
    await account(api)
    # A well-formed cursor (hex of a JSON list) whose value is not what the list orders by.
    tampered = b'[{"id": 1}]'.hex()

    error = await api.error("query($after: String) { accounts(first: 2, after: $after) { edges { node { name } } } }",
                            {"after": tampered})

    assert code_and_field(error) == ("VALIDATION", "after")
