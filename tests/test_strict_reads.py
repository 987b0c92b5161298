"""Strict mode: a planner or compiler error fails the read instead of being resolved in
silence (the suite runs strict); in production the client gets the resolved answer, and
the log and the read-path metric show the failure."""

from __future__ import annotations

import dataclasses
import logging

import pytest
from prometheus_client import REGISTRY

from crm_graphql.query.compiler import Compiler

from .conftest import another_process

PAGE = "{ accounts(first: 1) { pageInfo { hasPreviousPage } edges { node { name } } } }"


@pytest.fixture
def broken_page_info(monkeypatch):
    """A compiler bug: page info fails to compile."""
    def crash(*args, **kwargs):
        raise KeyError("a compiler bug")

    monkeypatch.setattr(Compiler, "_page_info", crash)


async def test_strict_mode_fails_the_read_on_a_compiler_error(api, broken_page_info):
    await api.gql("mutation { createAccount(input: {name: \"Acme\"}) { id } }")
    api.compare_paths = False
    response = await api.post(PAGE)
    assert "data" not in response.json() or response.json()["data"] is None, response.text
    # The resolved path still answers when asked.
    resolved = (await api.post(PAGE, extensions={"readPath": "resolved"})).json()
    assert resolved == {"data": {"accounts": {"pageInfo": {"hasPreviousPage": False},
                                              "edges": [{"node": {"name": "Acme"}}]}}}


async def test_production_resolves_a_compiler_error_and_counts_it(api, settings, broken_page_info, caplog):
    await api.gql("mutation { createAccount(input: {name: \"Acme\"}) { id } }")
    production = dataclasses.replace(settings, strict_reads=False)
    before = _planner_failures()
    async with another_process(production, api.token) as (client, _):
        with caplog.at_level(logging.ERROR, logger="crm_graphql.graphql.compiled"):
            body = await client.gql(PAGE)
    assert body == {"accounts": {"pageInfo": {"hasPreviousPage": False}, "edges": [{"node": {"name": "Acme"}}]}}
    assert _planner_failures() == before + 1
    assert any("planning a compiled read failed" in r.getMessage() for r in caplog.records)


def _planner_failures() -> float:
    """Reads resolved because the planner failed, as /metrics counts them."""
    return REGISTRY.get_sample_value("crm_graphql_read_path_total", {"path": "resolved", "reason": "planner_failed"}) or 0
