"""The HTTP routes besides POST /graphql: health, the GraphiQL page, GET queries, the SDL."""

from __future__ import annotations

from ..helpers import count


async def test_healthz_answers_ok_without_a_token(api):
    response = await api.client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_the_graphiql_page_opens_in_a_browser_without_a_token(api):
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "graphiql" in response.text.lower()


async def test_a_query_sent_with_get_works_with_a_token(api):
    response = await api.client.get("/graphql", params={"query": "{ me { email } }"},
                                    headers={"Authorization": f"Bearer {api.token}"})

    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"email": "admin@example.com"}}}


async def test_a_get_query_with_html_accepted_still_runs_the_query(api):
    response = await api.client.get("/graphql", params={"query": "{ me { email } }"},
                                    headers={"Authorization": f"Bearer {api.token}", "Accept": "text/html"})

    assert response.json() == {"data": {"me": {"email": "admin@example.com"}}}


async def test_a_mutation_sent_with_get_is_refused_and_writes_nothing(api):
    response = await api.client.get("/graphql", params={"query": 'mutation { createAccount(input: {name: "A"}) { id } }'},
                                    headers={"Authorization": f"Bearer {api.token}"})

    assert response.status_code in (400, 405)
    assert await count(api, "accounts") == 0


async def test_the_live_schema_needs_a_token_like_introspection(api):
    response = await api.client.get("/schema.graphql")

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_live_schema_is_served_as_sdl(api):
    response = await api.client.get("/schema.graphql", headers={"Authorization": f"Bearer {api.token}"})

    assert response.status_code == 200
    assert "type Query" in response.text
    assert "createAccount(input: CreateAccountInput!): Account!" in response.text


async def test_responses_are_json(api):
    response = await api.post("{ me { email } }")

    assert response.headers["content-type"].startswith("application/json")
