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
        if logged.startswith("SELECT json_"):
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
