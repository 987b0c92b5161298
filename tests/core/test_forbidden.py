"""`FORBIDDEN`: only admins change users, teams, territories and pipeline stages; the BI
role reads everything and writes nothing. A refused write changes nothing."""

from __future__ import annotations

import pytest

from ..helpers import (
    KINDS, account, code_and_field, count, create_mutation, create_record, delete_mutation, read, stage,
    update_mutation,
)

ADMIN_ONLY = [kind for kind in KINDS if kind.name in ("User", "Team", "Territory", "PipelineStage")]
RECORDS = [kind for kind in KINDS if kind.versioned]


@pytest.fixture
async def sales_token(api):
    return await api.user_token("sales@example.com", "SALES")


@pytest.fixture
async def manager_token(api):
    return await api.user_token("manager@example.com", "MANAGER")


@pytest.fixture
async def bi_token(api):
    return await api.user_token("bi@example.com", "BI")


async def test_a_sales_user_cannot_create_a_user(api, sales_token):
    error = await api.error(create_mutation("User"), {"input": {"email": "new@example.com", "role": "ADMIN"}},
                            token=sales_token)

    assert code_and_field(error)[0] == "FORBIDDEN"
    assert await count(api, "users") == 2  # the admin and the sales user


async def test_a_manager_cannot_create_a_territory(api, manager_token):
    error = await api.error(create_mutation("Territory"), {"input": {"name": "DACH"}}, token=manager_token)

    assert code_and_field(error)[0] == "FORBIDDEN"
    assert await count(api, "territories") == 0


async def test_a_sales_user_cannot_create_a_pipeline_stage(api, sales_token):
    error = await api.error(create_mutation("PipelineStage"), {"input": {"name": "Won", "position": 1}},
                            token=sales_token)

    assert code_and_field(error)[0] == "FORBIDDEN"
    assert await count(api, "pipelineStages") == 0


@pytest.mark.parametrize("kind", ADMIN_ONLY, ids=str)
async def test_a_non_admin_cannot_create_admin_records(api, manager_token, kind):
    values = await kind.make_input(api)
    before = await count(api, kind.plural)

    error = await api.error(create_mutation(kind.name), {"input": values}, token=manager_token)

    assert code_and_field(error)[0] == "FORBIDDEN"
    assert await count(api, kind.plural) == before


@pytest.mark.parametrize("kind", ADMIN_ONLY, ids=str)
async def test_a_non_admin_cannot_change_or_delete_admin_records(api, sales_token, kind):
    values = await kind.make_input(api)
    created = await create_record(api, kind.name, values)
    fields = " ".join(kind.update_input)

    update_error = await api.error(update_mutation(kind.name, versioned=False),
                                   {"id": created["id"], "input": kind.update_input}, token=sales_token)
    delete_error = await api.error(delete_mutation(kind.name), {"id": created["id"]}, token=sales_token)

    assert code_and_field(update_error)[0] == "FORBIDDEN"
    assert code_and_field(delete_error)[0] == "FORBIDDEN"
    unchanged = {key: value for key, value in values.items() if key in kind.update_input}
    assert await read(api, kind.name, created["id"], fields) == {"id": created["id"], **unchanged}


async def test_a_sales_user_can_create_and_change_accounts(api, sales_token):
    created = await api.gql(create_mutation("Account", "owner { email }"), {"input": {"name": "Acme"}},
                            token=sales_token)
    acme = created["createAccount"]

    updated = await api.gql(update_mutation("Account", "name"),
                            {"id": acme["id"], "version": 1, "input": {"name": "Acme Corp"}}, token=sales_token)

    assert acme["owner"] == {"email": "sales@example.com"}
    assert updated["updateAccount"]["name"] == "Acme Corp"


async def test_a_sales_user_can_read_pipeline_stages_and_users(api, sales_token):
    await stage(api, "Proposal")

    data = await api.gql("{ pipelineStages { edges { node { name } } } users { totalCount } }", token=sales_token)

    assert data["pipelineStages"]["edges"] == [{"node": {"name": "Proposal"}}]
    assert data["users"]["totalCount"] == 2


@pytest.mark.parametrize("kind", KINDS, ids=str)
async def test_the_bi_role_cannot_create_anything(api, bi_token, kind):
    values = await kind.make_input(api)
    before = await count(api, kind.plural)

    error = await api.error(create_mutation(kind.name), {"input": values}, token=bi_token)

    assert code_and_field(error)[0] == "FORBIDDEN"
    assert await count(api, kind.plural) == before


@pytest.mark.parametrize("kind", RECORDS, ids=str)
async def test_the_bi_role_cannot_update_a_record(api, bi_token, kind):
    created = await create_record(api, kind.name, await kind.make_input(api))

    error = await api.error(update_mutation(kind.name),
                            {"id": created["id"], "version": 1, "input": kind.update_input}, token=bi_token)

    assert code_and_field(error)[0] == "FORBIDDEN"
    assert (await read(api, kind.name, created["id"], "version"))["version"] == 1


@pytest.mark.parametrize("kind", KINDS, ids=str)
async def test_the_bi_role_cannot_delete_anything(api, bi_token, kind):
    created = await create_record(api, kind.name, await kind.make_input(api))

    error = await api.error(delete_mutation(kind.name), {"id": created["id"]}, token=bi_token)

    assert code_and_field(error)[0] == "FORBIDDEN"
    assert await read(api, kind.name, created["id"]) == {"id": created["id"]}


async def test_the_bi_role_reads_everything(api, bi_token):
    acme = await account(api, "Acme", annualRevenue="10.00")

    data = await api.gql("query($id: ID!) { accounts { totalCount } account(id: $id) { name annualRevenue } }",
                         {"id": acme["id"]}, token=bi_token)

    assert data == {"accounts": {"totalCount": 1}, "account": {"name": "Acme", "annualRevenue": "10.00"}}
