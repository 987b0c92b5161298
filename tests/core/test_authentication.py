"""Every request to /graphql needs a valid bearer token; without one the answer is HTTP 401
with a GraphQL-shaped `UNAUTHENTICATED` error, and nothing runs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crm_graphql.auth.tokens import create_token, revoke_tokens
from crm_graphql.models import ApiToken, Role, User

from ..helpers import code_and_field, count, create_mutation, user

ME = "{ me { email role } }"


async def post(api, headers: dict, query: str = ME, variables: dict | None = None):
    return await api.client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)


def assert_unauthenticated(response) -> None:
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    body = response.json()
    assert "data" not in body  # nothing ran
    [error] = body["errors"]
    assert error["message"]
    assert code_and_field(error)[0] == "UNAUTHENTICATED"


async def test_a_request_without_a_token_is_unauthenticated(api):
    response = await post(api, {})

    assert_unauthenticated(response)


@pytest.mark.parametrize("header", ["Token abc", "Basic YWRtaW46c2VjcmV0", "Bearer", "Bearer ", "abc"])
async def test_a_malformed_authorization_header_is_unauthenticated(api, header):
    response = await post(api, {"Authorization": header})

    assert_unauthenticated(response)


async def test_an_unknown_token_is_unauthenticated(api):
    response = await post(api, {"Authorization": "Bearer crm_this-token-was-never-issued"})

    assert_unauthenticated(response)


async def test_a_token_is_accepted_whatever_the_case_of_bearer(api):
    response = await post(api, {"Authorization": f"bearer {api.token}"})

    assert response.status_code == 200
    assert response.json()["data"]["me"]["email"] == "admin@example.com"


async def test_a_revoked_token_stops_working(api):
    sam = await User.create(email="sam@example.com", role=Role.SALES)
    token = await create_token(sam)
    assert (await post(api, {"Authorization": f"Bearer {token}"})).status_code == 200

    await revoke_tokens(sam)

    assert_unauthenticated(await post(api, {"Authorization": f"Bearer {token}"}))


async def test_revoking_one_users_tokens_leaves_other_users_working(api):
    sam = await User.create(email="sam@example.com", role=Role.SALES)
    await create_token(sam)

    await revoke_tokens(sam)

    assert (await post(api, {"Authorization": f"Bearer {api.token}"})).status_code == 200


async def test_a_token_that_has_not_expired_yet_works(api):
    sam = await User.create(email="sam@example.com", role=Role.SALES)
    token = await create_token(sam, days=1)

    response = await post(api, {"Authorization": f"Bearer {token}"})

    assert response.json()["data"]["me"] == {"email": "sam@example.com", "role": "SALES"}


async def test_an_expired_token_is_unauthenticated(api):
    sam = await User.create(email="sam@example.com", role=Role.SALES)
    token = await create_token(sam, days=1)
    # A day later, as far as the token knows.
    await ApiToken.filter(user=sam).update(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1))

    assert_unauthenticated(await post(api, {"Authorization": f"Bearer {token}"}))


async def test_a_token_created_already_expired_is_unauthenticated(api):
    sam = await User.create(email="sam@example.com", role=Role.SALES)
    token = await create_token(sam, days=-1)

    assert_unauthenticated(await post(api, {"Authorization": f"Bearer {token}"}))


async def test_the_token_of_a_deactivated_user_stops_working(api):
    sam = await user(api, "sam@example.com")
    token = await create_token(await User.get(email="sam@example.com"))

    await api.gql("mutation($id: ID!) { updateUser(id: $id, input: {isActive: false}) { isActive } }",
                  {"id": sam["id"]})

    assert_unauthenticated(await post(api, {"Authorization": f"Bearer {token}"}))


async def test_a_mutation_without_a_token_writes_nothing(api):
    response = await post(api, {}, create_mutation("Account"), {"input": {"name": "Acme"}})

    assert_unauthenticated(response)
    assert await count(api, "accounts") == 0


async def test_a_mutation_with_a_revoked_token_writes_nothing(api):
    sam = await User.create(email="sam@example.com", role=Role.ADMIN)
    token = await create_token(sam)
    await revoke_tokens(sam)

    response = await post(api, {"Authorization": f"Bearer {token}"}, create_mutation("Account"),
                          {"input": {"name": "Acme"}})

    assert_unauthenticated(response)
    assert await count(api, "accounts") == 0


async def test_a_get_query_without_a_token_is_unauthenticated(api):
    response = await api.client.get("/graphql", params={"query": ME})

    assert_unauthenticated(response)


async def test_tokens_are_not_stored_in_clear_text(api):
    sam = await User.create(email="sam@example.com", role=Role.SALES)

    token = await create_token(sam)

    stored = await ApiToken.filter(user=sam).values_list("digest", flat=True)
    assert len(stored) == 1 and token not in stored[0]


# -- me --------------------------------------------------------------------------------


async def test_me_is_the_admin_whose_token_made_the_request(api):
    data = await api.gql("{ me { id email name role isActive } }")

    assert data["me"]["email"] == "admin@example.com"
    assert data["me"]["name"] == "Admin"
    assert data["me"]["role"] == "ADMIN"
    assert data["me"]["isActive"] is True


async def test_me_is_whoever_sent_the_token(api):
    token = await api.user_token("bi@example.com", Role.BI)

    data = await api.gql(ME, token=token)

    assert data["me"] == {"email": "bi@example.com", "role": "BI"}


async def test_me_has_the_same_id_as_the_user_record(api):
    me = (await api.gql("{ me { id } }"))["me"]

    data = await api.gql("query($id: ID!) { user(id: $id) { email } node(id: $id) { ... on User { email } } }",
                         {"id": me["id"]})

    assert data == {"user": {"email": "admin@example.com"}, "node": {"email": "admin@example.com"}}
