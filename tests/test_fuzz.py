"""Hostile input into every input of every route, drawn by hypothesis: huge and tiny
numbers, overflowing datetimes, NUL and control characters, over-long strings and IDs,
malformed JSON bodies and parameters. Every answer is a success or a JSON error with a
documented code (README's table), never INTERNAL or a 5xx, and a refused request writes
nothing.

The app's database connections live on the test session's event loop, so hypothesis draws
the cases (deterministically, `derandomize`) and the async test sends them in turn.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from crm_graphql import errors
from crm_graphql.models import Attachment, AuditEntry, Role

from .helpers import ACCOUNT, create

EXAMPLES = 25
DOCUMENTED = errors.codes() - {"INTERNAL"}

HOSTILE = [
    "\x00", "a\x00b", "x" * 10_001, "x" * 300, "\u202e\ufeff", "\ud7ff\ue000", "'; DROP TABLE account; --", "%_\\",
    "1e131072", "-1e131072", "1e-131072", "NaN", "Infinity", "9999-12-31T23:59:59-05:00",
    "0001-01-01T00:00:00+01:00", "9999-12-31", "0000-00-00", "2026-02-30",
    "Account:99999999999999999999".encode().hex(), "Account:-1".encode().hex(), "Account:0".encode().hex(),
    ":1".encode().hex(), "zz", "f" * 5000, "sha256:" + "f" * 64,
    2**31, -(2**31) - 1, 2**63, 2**64, 10**400, 1e308, -1e308, 5e-324, [], {}, {"eq": "\x00"},
]
HOSTILE_TEXT = st.sampled_from([value for value in HOSTILE if isinstance(value, str)])
TEXT = st.one_of(HOSTILE_TEXT, st.text(max_size=40), st.text(st.characters(max_codepoint=0x1f), max_size=10))
NUMBERS = st.one_of(
    st.integers(), st.sampled_from([2**31, -(2**31) - 1, 2**63, 2**64, -(2**63) - 1, 10**400]),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([1e308, -1e308, 5e-324]))
SCALARS = st.one_of(TEXT, NUMBERS, st.booleans(), st.none())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(TEXT, st.sampled_from(["eq", "gt", "in", "and", "not"])),
                                                 inner, max_size=4)), max_leaves=12)
FIELDS = ["name", "website", "annualRevenue", "employeeCount", "contractEndDate", "tier", "ownerId", "createdAt",
          "id", "intentScore", "engagementScore", "lastEngagedOn"]
OPERATORS = ["eq", "ne", "in", "notIn", "lt", "gt", "contains", "startsWith", "isNull"]
FILTERS = st.one_of(
    st.fixed_dictionaries({}, optional={field: st.dictionaries(st.sampled_from(OPERATORS), VALUES, max_size=2)
                                        for field in FIELDS}),
    VALUES)
INPUTS = st.fixed_dictionaries({"name": SCALARS}, optional={field: SCALARS for field in FIELDS if field != "name"})

# Every argument a client can send, as a (variable type, document) pair: the value goes
# into `$v`, so the variable coercion, the scalars and the resolvers all meet it.
DOCUMENTS = [
    ("ID!", "query($v: ID!) { node(id: $v) { id } }"),
    ("ID!", "query($v: ID!) { account(id: $v) { id name } }"),
    ("ID!", "query($v: ID!) { timeline(recordId: $v) { totalCount } }"),
    ("ID!", "query($v: ID!) { attachments(recordId: $v) { totalCount } }"),
    ("ID!", "query($v: ID!) { auditLog(recordId: $v) { totalCount } }"),
    ("String", "query($v: String) { accounts(search: $v) { totalCount } }"),
    ("String", "query($v: String) { accounts(first: 2, after: $v) { totalCount } }"),
    ("Int", "query($v: Int) { accounts(first: $v) { totalCount } }"),
    ("Decimal!", "query($v: Decimal!) { accounts(filter: {annualRevenue: {gt: $v}}) { totalCount } }"),
    ("DateTime!", "query($v: DateTime!) { accounts(filter: {createdAt: {lt: $v}}) { totalCount } }"),
    ("Date!", "query($v: Date!) { accounts(filter: {contractEndDate: {gte: $v}}) { totalCount } }"),
    ("String", "query($v: String) { schemaMetadata(locale: $v) { entities { name } } }"),
    ("String!", "mutation($v: String!) { createAccount(input: {name: $v}) { id } }"),
    ("ID!", "mutation($v: ID!) { updateAccount(id: $v, version: 1, input: {name: \"B\"}) { id } }"),
    ("ID!", "mutation($v: ID!) { deleteAccount(id: $v) }"),
    ("ID!", "mutation($v: ID!) { convertTarget(id: $v) { id } }"),
    ("JSON!", "mutation($v: JSON!) { registerPlugin(definition: $v) { name } }"),
]


def _cases(strategy, examples: int = EXAMPLES) -> list:
    """Values drawn by hypothesis, the same on every run."""
    drawn = []

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def draw(value):
        drawn.append(value)

    draw()
    return drawn


async def _written() -> tuple[int, int, int]:
    return await AuditEntry.all().count(), await Attachment.all().count(), await _accounts()


async def _accounts() -> int:
    from crm_graphql.models import Account

    return await Account.all().count()


def _assert_coded(response, what) -> bool:
    """Whether the answer is an error (checking it is a documented, non-internal one)."""
    assert response.status_code < 500, (what, response.status_code, response.text)
    assert response.headers.get("content-type", "").startswith(
        ("application/json", "application/graphql-response+json", "text/csv", "application/x-ndjson")), (
        what, response.status_code, response.text[:200])
    if response.headers.get("content-type", "").startswith(("text/csv", "application/x-ndjson")):
        return False
    body = response.json()
    codes = [error.get("extensions", {}).get("code") for error in body.get("errors") or []]
    assert set(codes) <= DOCUMENTED, (what, response.text[:2000])
    return bool(codes)


@pytest.fixture
async def fuzz(api):
    await create(api, ACCOUNT, name="Acme")
    sales = await api.user_token("sam@example.com", Role.SALES)
    return api, {"admin": api.token, "sales": sales}


@pytest.mark.parametrize("variable_type, document", DOCUMENTS, ids=[d for _, d in DOCUMENTS])
async def test_graphql_arguments(fuzz, variable_type, document):
    api, tokens = fuzz
    # Every known hostile value, then what hypothesis draws.
    for index, value in enumerate(HOSTILE + _cases(VALUES)):
        token = tokens["sales" if index % 3 == 0 else "admin"]
        before = await _written()
        response = await api.client.post("/graphql", json={"query": document, "variables": {"v": value}},
                                         headers={"Authorization": f"Bearer {token}"})
        if _assert_coded(response, (document, value)):
            assert await _written() == before, (document, value)


async def test_graphql_filters_and_inputs(fuzz):
    api, tokens = fuzz
    headers = {"Authorization": f"Bearer {tokens['admin']}"}
    for value in _cases(FILTERS, 60):
        response = await api.client.post("/graphql", headers=headers, json={
            "query": "query($f: AccountFilter) { accounts(filter: $f) { totalCount } }", "variables": {"f": value}})
        _assert_coded(response, value)
    for value in _cases(INPUTS, 60):
        before = await _written()
        response = await api.client.post("/graphql", headers=headers, json={"query": ACCOUNT, "variables": {"input": value}})
        if _assert_coded(response, value):
            assert await _written() == before, value


async def test_graphql_literals(fuzz):
    api, tokens = fuzz
    headers = {"Authorization": f"Bearer {tokens['admin']}"}
    for value in [v for v in HOSTILE if isinstance(v, str)] + _cases(TEXT, 40):
        literal = json.dumps(value)  # a GraphQL string literal, escapes and all
        for document in (f"{{ accounts(search: {literal}) {{ totalCount }} }}",
                         f"{{ node(id: {literal}) {{ id }} }}",
                         f"{{ accounts(filter: {{createdAt: {{gt: {literal}}}}}) {{ totalCount }} }}",
                         f"{{ accounts(filter: {{annualRevenue: {{gt: {literal}}}}}) {{ totalCount }} }}",
                         f"mutation {{ createAccount(input: {{name: {literal}}}) {{ id }} }}"):
            before = await _written()
            response = await api.client.post("/graphql", headers=headers, json={"query": document})
            if _assert_coded(response, document):
                assert await _written() == before, document


async def test_request_bodies(fuzz):
    api, tokens = fuzz
    bodies = _cases(st.one_of(st.binary(max_size=200), VALUES.map(lambda v: json.dumps(v).encode()),
                              st.sampled_from([b"", b"{", b'{"query": null}', b'{"query": 1}', b'{"variables": []}',
                                               b'{"query": "{ me { id } }", "variables": "x"}', b"\xff\xfe{}"])), 60)
    for body in bodies:
        for content_type in ("application/json", "text/plain", "multipart/form-data; boundary=x"):
            before = await _written()
            response = await api.client.post("/graphql", content=body, headers={
                "Authorization": f"Bearer {tokens['admin']}", "Content-Type": content_type})
            if _assert_coded(response, (content_type, body)):
                assert await _written() == before, body


async def test_get_parameters_and_headers(fuzz):
    api, tokens = fuzz
    for value in [v for v in HOSTILE if isinstance(v, str)] + _cases(TEXT, 40):
        for params in ({"query": value}, {"query": "{ me { id } }", "variables": value},
                       {"query": "query($v: ID!) { node(id: $v) { id } }", "variables": json.dumps({"v": value})},
                       {"documentId": value}, {"extensions": value}):
            response = await api.client.get("/graphql", params=params,
                                            headers={"Authorization": f"Bearer {tokens['admin']}"})
            _assert_coded(response, params)
        header = b"Bearer " + value.encode("utf-8", "surrogatepass").replace(b"\r", b"").replace(b"\n", b"")
        response = await api.client.post("/graphql", json={"query": "{ me { id } }"},
                                         headers={"Authorization": header})
        assert _assert_coded(response, header)


async def test_export_parameters(fuzz):
    api, tokens = fuzz
    parameters = st.fixed_dictionaries({}, optional={
        "filter": st.one_of(TEXT, FILTERS.map(json.dumps)), "fields": st.one_of(TEXT, st.just("id,name,id")),
        "orderBy": st.one_of(TEXT, VALUES.map(json.dumps)), "locale": TEXT, "search": TEXT})
    for index, params in enumerate(_cases(parameters, 80)):
        token = tokens["sales" if index % 2 else "admin"]
        for path in ("/export/accounts.csv", "/export/people.ndjson"):
            response = await api.client.get(path, params=params, headers={"Authorization": f"Bearer {token}"})
            _assert_coded(response, (path, params))
    for name in _cases(TEXT, 20):
        response = await api.client.get(f"/export/{quote(name, safe='')}.csv",
                                        headers={"Authorization": f"Bearer {tokens['admin']}"})
        assert _assert_coded(response, name)


async def test_attachment_routes(fuzz):
    api, tokens = fuzz
    acme = (await api.gql("{ accounts { edges { node { id } } } }"))["accounts"]["edges"][0]["node"]["id"]
    headers = {"Authorization": f"Bearer {tokens['admin']}"}
    for value in [v for v in HOSTILE if isinstance(v, str)] + _cases(TEXT, 30):
        before = await _written()
        upload = await api.client.post("/attachments", params={"record": value}, headers=headers,
                                       files={"file": ("a.txt", b"a", "text/plain")})
        assert _assert_coded(upload, value)
        typed = await api.client.post("/attachments", params={"record": acme}, headers=headers,
                                      files={"file": (value[:200] or "x", b"a", value[:300].replace("\x00", "") or "x")})
        if _assert_coded(typed, value):
            assert await _written() == before, value
        download = await api.client.get(f"/attachments/{quote(value, safe='')}", headers=headers)
        assert _assert_coded(download, (value, download.status_code, download.headers, download.text[:200]))
