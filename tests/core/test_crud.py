"""Create, read, update and delete every entity through the API, as a client does.

Each entity's example input (`helpers.KINDS`) sets text, enums, dates, decimals,
booleans and references; what the API returns must be what was written.
"""

from __future__ import annotations

import pytest

from ..helpers import (
    KINDS, as_read, count, create_mutation, delete_mutation, node, read, selection, update_mutation,
)

RECORDS = [kind for kind in KINDS if kind.versioned]


def by_name(kinds):
    return pytest.mark.parametrize("kind", kinds, ids=str)


@by_name(KINDS)
async def test_create_returns_the_record_as_written(api, kind):
    values = await kind.make_input(api)

    data = await api.gql(create_mutation(kind.name, selection(values)), {"input": values})

    created = data[f"create{kind.name}"]
    assert created["id"]
    assert {key: created[key] for key in as_read(values)} == as_read(values)


@by_name(KINDS)
async def test_a_created_record_reads_back_with_the_values_written(api, kind):
    values = await kind.make_input(api)
    created = (await api.gql(create_mutation(kind.name), {"input": values}))[f"create{kind.name}"]

    record = await read(api, kind.name, created["id"], selection(values))

    assert record == {"id": created["id"], **as_read(values)}


@by_name(KINDS)
async def test_a_created_record_is_listed_and_counted(api, kind):
    before = await count(api, kind.plural)
    values = await kind.make_input(api)
    created = (await api.gql(create_mutation(kind.name), {"input": values}))[f"create{kind.name}"]

    data = await api.gql(f"{{ {kind.plural}(first: 100) {{ totalCount edges {{ node {{ id }} }} }} }}")

    assert data[kind.plural]["totalCount"] == before + 1
    assert {"node": {"id": created["id"]}} in data[kind.plural]["edges"]


@by_name(RECORDS)
async def test_create_returns_version_1(api, kind):
    values = await kind.make_input(api)

    data = await api.gql(create_mutation(kind.name, "version"), {"input": values})

    assert data[f"create{kind.name}"]["version"] == 1


@by_name(RECORDS)
async def test_update_changes_the_values_and_bumps_the_version(api, kind):
    values = await kind.make_input(api)
    fields = selection({**values, **kind.update_input})
    created = (await api.gql(create_mutation(kind.name, "version"), {"input": values}))[f"create{kind.name}"]

    data = await api.gql(update_mutation(kind.name, f"version {fields}"),
                         {"id": created["id"], "version": 1, "input": kind.update_input})

    updated = data[f"update{kind.name}"]
    assert updated == {"id": created["id"], "version": 2, **as_read({**values, **kind.update_input})}
    assert await read(api, kind.name, created["id"], f"version {fields}") == updated


@by_name(RECORDS)
async def test_each_update_bumps_the_version_once(api, kind):
    values = await kind.make_input(api)
    created = (await api.gql(create_mutation(kind.name), {"input": values}))[f"create{kind.name}"]

    for version in (1, 2, 3):
        data = await api.gql(update_mutation(kind.name, "version"),
                             {"id": created["id"], "version": version, "input": kind.update_input})
        assert data[f"update{kind.name}"]["version"] == version + 1


@by_name([kind for kind in KINDS if not kind.versioned])
async def test_update_of_a_system_record_changes_its_values(api, kind):
    values = await kind.make_input(api)
    fields = selection({**values, **kind.update_input})
    created = (await api.gql(create_mutation(kind.name), {"input": values}))[f"create{kind.name}"]

    data = await api.gql(update_mutation(kind.name, fields, versioned=False),
                         {"id": created["id"], "input": kind.update_input})

    expected = {"id": created["id"], **as_read({**values, **kind.update_input})}
    assert data[f"update{kind.name}"] == expected
    assert await read(api, kind.name, created["id"], fields) == expected


@by_name(KINDS)
async def test_delete_returns_the_id_and_the_record_is_gone(api, kind):
    values = await kind.make_input(api)
    created = (await api.gql(create_mutation(kind.name), {"input": values}))[f"create{kind.name}"]
    before = await count(api, kind.plural)

    data = await api.gql(delete_mutation(kind.name), {"id": created["id"]})

    assert data[f"delete{kind.name}"] == created["id"]
    assert await node(api, created["id"]) is None
    assert await read(api, kind.name, created["id"]) is None
    assert await count(api, kind.plural) == before - 1


@by_name(RECORDS)
async def test_delete_with_the_current_version_removes_the_record(api, kind):
    values = await kind.make_input(api)
    created = (await api.gql(create_mutation(kind.name), {"input": values}))[f"create{kind.name}"]

    await api.gql(delete_mutation(kind.name), {"id": created["id"], "version": 1})

    assert await read(api, kind.name, created["id"]) is None


@by_name(KINDS)
async def test_a_record_is_reachable_by_node_with_its_type(api, kind):
    values = await kind.make_input(api)
    created = (await api.gql(create_mutation(kind.name), {"input": values}))[f"create{kind.name}"]

    found = await node(api, created["id"], f"... on {kind.name} {{ {selection(values)} }}")

    assert found == {"__typename": kind.name, "id": created["id"], **as_read(values)}
