"""Global IDs: opaque, the same everywhere a record appears, and fetchable by `node(id:)`."""

from __future__ import annotations

from ..helpers import account, create_record, node, opportunity, person, read, stage, user


async def test_node_finds_an_account_with_a_fragment(api):
    acme = await account(api, "Acme")

    data = await api.gql("query($id: ID!) { node(id: $id) { __typename id ... on Account { name } } }",
                         {"id": acme["id"]})

    assert data["node"] == {"__typename": "Account", "id": acme["id"], "name": "Acme"}


async def test_node_finds_records_of_different_types_in_one_request(api):
    acme = await account(api, "Acme")
    ada = await person(api, "ada@example.com")
    deal = await opportunity(api, "Renewal")
    sam = await user(api, "sam@example.com")

    data = await api.gql("""
      query($a: ID!, $p: ID!, $o: ID!, $u: ID!) {
        a: node(id: $a) { __typename ... on Account { name } ... on Person { email } }
        p: node(id: $p) { __typename ... on Account { name } ... on Person { email } }
        o: node(id: $o) { __typename ... on Opportunity { name stage { name } } }
        u: node(id: $u) { __typename ... on User { email role } }
      }""", {"a": acme["id"], "p": ada["id"], "o": deal["id"], "u": sam["id"]})

    assert data == {
        "a": {"__typename": "Account", "name": "Acme"},
        "p": {"__typename": "Person", "email": "ada@example.com"},
        "o": {"__typename": "Opportunity", "name": "Renewal", "stage": {"name": "Stage for Renewal"}},
        "u": {"__typename": "User", "email": "sam@example.com", "role": "SALES"},
    }


async def test_a_fragment_on_another_type_selects_nothing(api):
    acme = await account(api, "Acme")

    data = await api.gql("query($id: ID!) { node(id: $id) { id ... on Person { email } } }", {"id": acme["id"]})

    assert data["node"] == {"id": acme["id"]}


async def test_the_id_is_the_same_in_create_list_lookup_node_and_relations(api):
    acme = await account(api, "Acme")
    await person(api, accountIds=[acme["id"]])

    data = await api.gql("""query($id: ID!) {
        accounts { edges { node { id } } }
        account(id: $id) { id }
        node(id: $id) { id }
        people { edges { node { accounts { edges { node { id } } } } } }
    }""", {"id": acme["id"]})

    assert data["accounts"]["edges"] == [{"node": {"id": acme["id"]}}]
    assert data["account"] == {"id": acme["id"]} == data["node"]
    assert data["people"]["edges"][0]["node"]["accounts"]["edges"] == [{"node": {"id": acme["id"]}}]


async def test_records_of_different_types_have_different_ids(api):
    acme = await account(api, "Acme")
    ada = await person(api)
    proposal = await stage(api)

    assert len({acme["id"], ada["id"], proposal["id"]}) == 3


async def test_node_follows_references_of_the_record_it_found(api):
    acme = await account(api, "Acme")
    call = await create_record(api, "Activity", {"kind": "CALL", "subject": "Intro", "accountId": acme["id"]})

    found = await node(api, call["id"], "... on Activity { subject account { name owner { email } } }")

    assert found == {"__typename": "Activity", "id": call["id"], "subject": "Intro",
                     "account": {"name": "Acme", "owner": {"email": "admin@example.com"}}}


async def test_an_account_shows_its_primary_person_and_territory(api):
    ada = await person(api)
    dach = await create_record(api, "Territory", {"name": "DACH"})
    acme = await account(api, "Acme", primaryPersonId=ada["id"], territoryId=dach["id"])

    found = await read(api, "Account", acme["id"], "primaryPerson { email } territory { name accounts { totalCount } }")

    assert found["primaryPerson"] == {"email": "ada@example.com"}
    assert found["territory"] == {"name": "DACH", "accounts": {"totalCount": 1}}
