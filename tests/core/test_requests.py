"""Broken requests get an error and change nothing; unexpected failures are masked."""

from __future__ import annotations

from crm_graphql import db

from ..helpers import account, count


async def test_a_syntax_error_is_reported_and_writes_nothing(api):
    response = await api.post('mutation { createAccount(input: {name: "Acme"}) { id ')

    errors = response.json()["errors"]
    assert "Syntax Error" in errors[0]["message"]
    assert response.json().get("data") is None
    assert await count(api, "accounts") == 0


async def test_an_unknown_field_in_the_selection_is_reported_and_the_mutation_does_not_run(api):
    response = await api.post('mutation { createAccount(input: {name: "Acme"}) { id nickname } }')

    errors = response.json()["errors"]
    assert "nickname" in errors[0]["message"]
    assert await count(api, "accounts") == 0


async def test_an_unknown_input_field_is_reported_and_writes_nothing(api):
    response = await api.post("mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }",
                              {"input": {"name": "Acme", "nickname": "ACME"}})

    errors = response.json()["errors"]
    assert "nickname" in errors[0]["message"]
    assert await count(api, "accounts") == 0


async def test_a_missing_required_field_in_variables_is_named_in_the_error(api):
    response = await api.post("mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }",
                              {"input": {"firstName": "Ada"}})

    errors = response.json()["errors"]
    assert "email" in errors[0]["message"]
    assert await count(api, "people") == 0


async def test_a_value_of_the_wrong_type_in_variables_is_named_in_the_error(api):
    response = await api.post("mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }",
                              {"input": {"name": "Acme", "employeeCount": "many"}})

    errors = response.json()["errors"]
    assert "employeeCount" in errors[0]["message"]
    assert await count(api, "accounts") == 0


async def test_an_unknown_enum_value_is_reported_and_writes_nothing(api):
    response = await api.post("mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }",
                              {"input": {"name": "Acme", "billingStage": "BANKRUPT"}})

    errors = response.json()["errors"]
    assert "BANKRUPT" in errors[0]["message"]
    assert await count(api, "accounts") == 0


async def test_an_unknown_query_field_is_reported(api):
    response = await api.post("{ companies { totalCount } }")

    body = response.json()
    assert body.get("data") is None
    assert "companies" in body["errors"][0]["message"]


async def test_a_body_that_is_not_json_is_a_bad_request(api):
    response = await api.client.post("/graphql", content=b"{not json",
                                     headers={"Authorization": f"Bearer {api.token}",
                                              "Content-Type": "application/json"})

    assert response.status_code == 400


async def test_one_failing_mutation_does_not_undo_the_ones_before_it(api):
    response = await api.post("""mutation {
      a: createAccount(input: {name: "Acme"}) { name }
      b: createAccount(input: {name: "Globex", website: "not a url"}) { name }
    }""")

    body = response.json()
    assert body["data"] is None or body["data"].get("a") == {"name": "Acme"}
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert await count(api, "accounts") == 1


async def test_an_unexpected_error_is_masked_and_nothing_is_written(api):
    await account(api, "Acme")
    # A failure no client can cause: the audit log, written in each write's transaction, is gone.
    await db.connection().execute_script("ALTER TABLE audit_entry RENAME TO audit_entry_away")
    try:
        response = await api.post('mutation { createAccount(input: {name: "Globex"}) { id } }')
    finally:
        await db.connection().execute_script("ALTER TABLE audit_entry_away RENAME TO audit_entry")

    body = response.json()
    assert [error["message"] for error in body["errors"]] == ["Unexpected error."]
    assert "audit_entry" not in response.text
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL"
    assert await count(api, "accounts") == 1


async def test_a_stored_value_the_api_cannot_show_is_an_error_that_names_it(api):
    acme = await account(api, "Acme")
    # A value no client could have written: the data is wrong, not the server.
    await db.connection().execute_script("UPDATE account SET billing_stage = 'SECRET_STAGE'")

    response = await api.post("query($id: ID!) { account(id: $id) { name billingStage } }", {"id": acme["id"]})

    body = response.json()
    assert body["data"] == {"account": None}  # billingStage is non-null: GraphQL nulls its parent
    assert body["errors"][0]["extensions"]["code"] == "INVALID_STORED_VALUE"
    assert "SECRET_STAGE" in body["errors"][0]["message"]


async def test_expected_errors_keep_their_message_when_others_are_masked(api):
    response = await api.post('mutation { createAccount(input: {name: "Acme", website: "acme"}) { id } }')

    error = response.json()["errors"][0]
    assert error["message"] != "Unexpected error."
    assert "website" in error["message"]


async def test_queries_deeper_than_the_limit_are_refused(api):
    await account(api, "Acme")
    selection = "id"
    for _ in range(4):  # account -> people -> accounts -> ..., each hop three levels deep
        selection = f"people {{ edges {{ node {{ accounts {{ edges {{ node {{ {selection} }} }} }} }} }} }}"

    response = await api.post(f"{{ accounts {{ edges {{ node {{ {selection} }} }} }} }}")

    body = response.json()
    assert body.get("data") is None
    assert "depth" in body["errors"][0]["message"].lower()
