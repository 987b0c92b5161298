"""The compiled path's plan cache for real traffic: users of one rules' shape paging with
cursors from earlier answers share one statement (their ids and the cursors' keys are
its parameters), and each still sees only their own records."""

from __future__ import annotations

import re

from crm_graphql.auth.tokens import create_token
from crm_graphql.models import Role, User
from crm_graphql.models.accounts import Account
from crm_graphql.models.organization import Territory
from crm_graphql.query.compiler import Compiler

from .helpers import is_compiled

PAGES = """query Pages($first: Int!, $after: String) {
  accounts(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { name people(first: 2) { edges { node { email } } } } }
  }
}"""


def _compiled(statements: list[str]) -> list[tuple[str, str]]:
    """(text, parameters) of the compiled statements Tortoise logged ("text: [params]")."""
    found = []
    for logged in statements:
        if is_compiled(logged):
            text, _, params = logged.rpartition(": [")
            found.append((text, params))
    return found


async def test_sales_users_paging_share_one_statement(api, sql_log, monkeypatch):
    north, south, east = [await Territory.create(name=n) for n in ("North", "South", "East")]
    users = {}
    for name, territory in (("ana", north), ("ben", south), ("cem", east)):
        user = await User.create(email=f"{name}@example.com", role=Role.SALES)
        await user.territories.add(territory)
        users[name] = (user, await create_token(user))
    for territory, prefix in ((north, "N"), (south, "S"), (east, "E")):
        for i in range(5):
            await Account.create(name=f"{prefix}{i}", territory=territory)
    # Counted, not replaced: how often the compiler writes a statement.
    written = []
    original = Compiler.statement
    monkeypatch.setattr(Compiler, "statement", lambda self, members: written.append(1) or original(self, members))

    sql_log.statements.clear()
    seen = {}
    for name, (_, token) in users.items():
        after, names = None, []
        while True:
            page = (await api.gql(PAGES, {"first": 2, "after": after}, token=token))["accounts"]
            names += [edge["node"]["name"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        seen[name] = names
    assert seen == {"ana": ["N0", "N1", "N2", "N3", "N4"], "ben": ["S0", "S1", "S2", "S3", "S4"],
                    "cem": ["E0", "E1", "E2", "E3", "E4"]}
    compiled = _compiled(sql_log.statements)
    assert len(compiled) == 9  # three pages each
    # Two statements (the first page has no keyset) for three users of nine pages, written once each.
    assert len({text for text, _ in compiled}) == 2
    assert len(written) == 2
    assert len({params for _, params in compiled}) == 9
    assert not re.search(r"owner_id = \d|territory_id IN \(\d", compiled[-1][0]), "ids are parameters"


SIZED = """query Sized($first: Int, $last: Int) {
  accounts(first: $first, last: $last) { pageInfo { hasNextPage hasPreviousPage } edges { node { name } } }
}"""


def _count_statements(monkeypatch) -> list:
    written = []
    original = Compiler.statement
    monkeypatch.setattr(Compiler, "statement", lambda self, members: written.append(1) or original(self, members))
    return written


async def test_page_sizes_are_parameters(api, settings, sql_log, monkeypatch):
    for i in range(settings.max_page_size + 2):
        await Account.create(name=f"A{i:04}")
    written = _count_statements(monkeypatch)
    sql_log.statements.clear()
    names = lambda page: [edge["node"]["name"] for edge in page["edges"]]  # noqa: E731
    for first in (2, 0, settings.max_page_size, 1):
        page = (await api.gql(SIZED, {"first": first}))["accounts"]
        assert names(page) == [f"A{i:04}" for i in range(first)]
        assert page["pageInfo"] == {"hasNextPage": True, "hasPreviousPage": False}
    # Beyond the limits: refused as without the shared statement, which then still serves.
    error = await api.error(SIZED, {"first": settings.max_page_size + 1})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("LIMIT_EXCEEDED", "first")
    error = await api.error(SIZED, {"first": -1})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("VALIDATION", "first")
    assert names((await api.gql(SIZED, {"first": 3}))["accounts"]) == ["A0000", "A0001", "A0002"]
    # `last` reads backwards: another statement, again one for every size.
    for last in (1, 3):
        page = (await api.gql(SIZED, {"last": last}))["accounts"]
        assert names(page) == [f"A{i:04}" for i in range(settings.max_page_size + 2 - last, settings.max_page_size + 2)]
    compiled = _compiled(sql_log.statements)
    assert len(compiled) == 7
    assert len({text for text, _ in compiled}) == 2
    assert len(written) == 2


FILTERED = """query Filtered($prefix: String, $tiers: [AccountTier!], $f: [AccountFilter!]) {
  accounts(filter: {name: {startsWith: $prefix}, tier: {in: $tiers}, and: $f}) {
    totalCount edges { node { name tier region } }
  }
}"""


async def test_filter_values_are_parameters(api, sql_log, monkeypatch):
    for name, tier, region in (("North 1", "GOLD", "EMEA"), ("North 2", "SILVER", "APAC"), ("South 1", "GOLD", "APAC"),
                               ("South 2", "BRONZE", "EMEA"), ("n%_", "GOLD", "EMEA")):
        await Account.create(name=name, custom={"tier": tier, "region": region})
    written = _count_statements(monkeypatch)
    sql_log.statements.clear()

    async def names(variables: dict) -> list[str]:
        page = (await api.gql(FILTERED, variables))["accounts"]
        assert page["totalCount"] == len(page["edges"])
        return [edge["node"]["name"] for edge in page["edges"]]

    emea, apac = [{"region": {"eq": "EMEA"}}], [{"region": {"eq": "APAC"}}]
    assert await names({"prefix": "North", "tiers": ["GOLD"], "f": emea}) == ["North 1"]
    assert await names({"prefix": "South", "tiers": ["BRONZE"], "f": apac}) == []
    assert await names({"prefix": "n%", "tiers": ["GOLD"], "f": emea}) == ["n%_"]  # escaped, not a pattern
    assert await names({"prefix": "", "tiers": ["SILVER"], "f": apac}) == ["North 2"]
    assert len(written) == 1, "the values of one shape share a statement"
    # Another shape (a list's length, a null, another key) is another statement.
    assert await names({"prefix": "South", "tiers": ["GOLD", "BRONZE"], "f": emea}) == ["South 2"]
    assert await names({"prefix": "South", "tiers": ["GOLD", "BRONZE"], "f": []}) == ["South 1", "South 2"]
    assert await names({"prefix": "S", "tiers": [], "f": emea}) == []
    assert await names({"prefix": "North", "tiers": ["GOLD"], "f": [{"name": {"contains": "1"}}]}) == ["North 1"]
    assert len(written) == 5
    # Null and wrong values are refused as before, and the shared statement still serves.
    error = await api.error(FILTERED, {"prefix": None, "tiers": ["GOLD"], "f": emea})
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("VALIDATION", "filter.name.startsWith")
    error = await api.error(FILTERED, {"prefix": "N", "tiers": ["TIN"], "f": emea})
    assert "TIN" in error["message"]
    error = await api.error(FILTERED, {"prefix": "N\u0000", "tiers": ["GOLD"], "f": emea})
    assert error["extensions"]["code"] == "VALIDATION"
    assert await names({"prefix": "North", "tiers": ["SILVER"], "f": apac}) == ["North 2"]
    assert len(written) == 5
    compiled = _compiled(sql_log.statements)
    assert len({text for text, _ in compiled}) == 5
    # The first request's statement served the last, with the last one's values.
    (first_text, first_params), (last_text, last_params) = compiled[0], compiled[-1]
    assert last_text == first_text and "'SILVER'" in last_params and "'SILVER'" not in first_params
