"""`schema.graphql` is what the API serves; regenerate it with `make schema`."""

from pathlib import Path

from crm_graphql.schema_export import schema_sdl

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


async def test_checked_in_schema_is_current(settings):
    assert SCHEMA_FILE.read_text() == schema_sdl(settings), (
        "schema.graphql is stale: run `make schema` and commit it"
    )


async def test_live_schema_route_serves_the_sdl(api):
    response = await api.client.get("/schema.graphql", headers={"Authorization": f"Bearer {api.token}"})
    assert response.status_code == 200
    assert "type Account implements Node" in response.text
    assert response.text == SCHEMA_FILE.read_text()
