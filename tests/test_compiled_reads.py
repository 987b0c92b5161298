"""The compiled read path against the resolved one, on documents generated from the live
schema (the bundled plugins, and one registered at run time: plugin fields, a renamed
entity with its old names, a code plugin's computed field), for every role.

`Api.post` (conftest) sends every read twice, compiled and resolved, and requires the
same JSON, key order and errors included; the tests here feed it documents hypothesis
draws: random selections, aliases, named and inline fragments, `@include`/`@skip`,
filters, orderings and page sizes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from tortoise.exceptions import OperationalError

from crm_graphql import db
from crm_graphql.auth.tokens import create_token
from crm_graphql.catalog import Catalog, Entity
from crm_graphql.ids import to_global_id
from crm_graphql.models import Role, User
from crm_graphql.models.accounts import Account, AccountPerson
from crm_graphql.models.organization import Territory
from crm_graphql.models.people import Person
from crm_graphql.models.prospects import Lead, Target
from crm_graphql.models.sales import Opportunity, PipelineStage
from crm_graphql.models.work import Activity, Delivery, DeliveryPhase

from .helpers import is_compiled

ROLES = ("ADMIN", "MANAGER", "SALES", "EXTERNAL", "BI")
NAMES = ["Acme", 'Quote "and" back\\slash', "Zeta Ü — ünïcödé", "line\nbreak", "Globex"]


@dataclass
class World:
    catalog: Catalog
    tokens: dict[str, str]
    ids: list[str]


RUNTIME_PLUGIN = {"name": "runtime-fields", "fields": [
    {"entity": "Account", "name": "nickname", "type": "text"},
    {"entity": "Account", "name": "riskScore", "type": "number"},
    {"entity": "Opportunity", "name": "lossReason", "type": "select",
     "options": [{"value": "PRICE"}, {"value": "TIMING"}]},
]}


@pytest.fixture
async def world(api, app) -> World:
    # A plugin registered at run time, besides the bundled ones the folder brings.
    await api.gql("mutation($d: JSON!) { registerPlugin(definition: $d) { name } }", {"d": RUNTIME_PLUGIN})
    admin = await User.get(email="admin@example.com")
    north, south = await Territory.create(name="North"), await Territory.create(name="South")
    users = {"ADMIN": admin}
    for role in ("MANAGER", "SALES", "EXTERNAL", "BI"):
        users[role] = await User.create(email=f"{role.lower()}@example.com", role=Role(role), name=role.title())
    await users["MANAGER"].territories.add(north)
    await users["SALES"].territories.add(north)
    tokens = {who: await create_token(user) for who, user in users.items()}
    stages = [await PipelineStage.create(name=f"Stage {i}", position=i, probability=p)
              for i, p in enumerate((10, 50, 90))]
    ids = []
    for i, name in enumerate(NAMES):
        account = await Account.create(
            name=name, owner=users["SALES"] if i % 2 else admin, territory=north if i % 2 else south,
            annual_revenue=Decimal(f"{1000 * i}.50") if i != 3 else None, employee_count=10 * i or None,
            billing_stage=("ACTIVE", "PROSPECT", "CHURNED")[i % 3],
            contract_end_date=date(2026, 1 + i, 1) if i != 2 else None,
            custom={"tier": ("GOLD", "SILVER", "BRONZE")[i % 3], "region": "EMEA" if i % 2 else "APAC",
                    "intentScore": 20 * i, "engagementScore": i / 3, "abmTarget": bool(i % 2),
                    "lastEngagedOn": f"2026-0{i + 1}-15", "reportedRevenue": f"{100 * i}.10",
                    "nickname": f"nick {name}", "riskScore": 0.1 * i} if i != 4 else {},
        )
        ids.append(to_global_id("Account", account.id))
        for j in range(3 if i != 4 else 0):
            person = await Person.create(
                email=f"p{j}@{i}.example", first_name=name if j == 0 else None, last_name=f"Last {j}",
                owner=admin, custom={"seniority": "SENIOR", "interests": ["EVENTS", "WEBINARS"]} if j else {})
            await AccountPerson.create(account=account, person=person)
            ids.append(to_global_id("Person", person.id))
        for j in range(2):
            deal = await Opportunity.create(
                name=f"{name} deal {j}", stage=stages[(i + j) % 3], account=account, owner=admin,
                amount=Decimal(f"{1001 + 250 * j}.25") if j or i % 2 else None, commission=Decimal("10.00"),
                expected_close_date=date(2026, 6, 1 + i), custom={"dealType": "NEW_BUSINESS", "lossReason": "PRICE"} if j else {})
            ids.append(to_global_id("Opportunity", deal.id))
        activity = await Activity.create(
            kind="CALL", subject=f"Call {name}", account=account, owner=admin, done=bool(i % 2),
            occurred_at=datetime(2026, 3, 1 + i, 9, 30, 15, 123456 * (i % 2), tzinfo=timezone.utc))
        ids.append(to_global_id("Activity", activity.id))
        delivery = await Delivery.create(name=f"Rollout {name}", account=account, owner=admin,
                                         start_date=date(2026, 2, 1), custom={"priority": "HIGH"})
        await DeliveryPhase.create(name="Design", position=1, delivery=delivery, owner=admin)
        ids.append(to_global_id("Delivery", delivery.id))
    for who in ("SALES", "ADMIN"):
        ids.append(to_global_id("Lead", (await Lead.create(last_name=f"lead {who}", owner=users[who])).id))
        ids.append(to_global_id("Target", (await Target.create(last_name=f"target {who}", owner=users[who])).id))
    ids.append(to_global_id("Account", 999_999))
    return World(app.state.service.current.catalog, tokens, ids)


# -- documents drawn from the catalog ---------------------------------------------------


class Document:
    """What a drawn document needs besides its operation: variables and fragments."""

    def __init__(self) -> None:
        self.variables: dict = {}
        self.definitions: list[str] = []
        self.fragments: list[str] = []
        self.aliases = 0

    def variable(self, type_: str, value) -> str:
        name = f"v{len(self.variables)}"
        self.variables[name] = value
        self.definitions.append(f"${name}: {type_}")
        return f"${name}"

    def text(self, selection: str) -> str:
        head = f"query Drawn({', '.join(self.definitions)})" if self.definitions else "query Drawn"
        return "\n".join([f"{head} {{ {selection} }}", *self.fragments])


def _members(entity: Entity, depth: int) -> list[tuple[str, object]]:
    members: list[tuple[str, object]] = [("id", None), ("__typename", None)]
    members += [(f.name, f) for f in entity.fields]
    members += [(old, entity.field(new)) for old, new in entity.field_aliases.items() if entity.field(new)]
    members += [(c.name, "computed") for c in entity.computed]
    if depth < 3:
        members += [(r.name, r) for r in entity.references]
        members += [(c.name, c) for c in entity.collections]
    return members


@st.composite
def record(draw, catalog: Catalog, entity: Entity, type_name: str, doc: Document, depth: int) -> str:
    members = _members(entity, depth)
    chosen = draw(st.lists(st.sampled_from(members), min_size=1, max_size=5, unique_by=lambda m: m[0]))
    parts = []
    for name, member in chosen:
        if hasattr(member, "target") and hasattr(member, "column"):  # a reference
            target = catalog[member.target]
            head, body = name, f" {{ {draw(record(catalog, target, target.name, doc, depth + 1))} }}"
        elif hasattr(member, "target"):  # a collection
            target = catalog[member.target]
            head = f"{name}{draw(arguments(target, doc))}"
            body = f" {{ {draw(connection(catalog, target, doc, depth + 1))} }}"
        else:
            head, body = name, ""
        parts.append(draw(decorated(head, body, type_name, doc)))
    if draw(st.booleans()) and len(doc.fragments) < 3:
        inner = draw(record(catalog, entity, type_name, doc, 3))
        fragment = f"F{len(doc.fragments)}"
        doc.fragments.append(f"fragment {fragment} on {type_name} {{ {inner} }}")
        parts.append(f"...{fragment}")
    return " ".join(parts)


@st.composite
def decorated(draw, head: str, body: str, type_name: str, doc: Document) -> str:
    """The field (`head` with its arguments, `body` its selection) as it is, aliased, in an
    inline fragment, or under `@include`/`@skip`."""
    how = draw(st.sampled_from(["plain", "plain", "alias", "inline", "node", "include", "skip"]))
    text = head + body
    if how == "alias":
        doc.aliases += 1
        return f"{draw(st.sampled_from(['a', 'b', 'renamed']))}{doc.aliases}: {text}"
    if how == "inline":
        return f"... on {type_name} {{ {text} }}"
    if how == "node":
        return f"... on Node {{ id }} {text}"
    if how in ("include", "skip"):
        return f"{head} @{how}(if: {doc.variable('Boolean!', draw(st.booleans()))}){body}"
    return text


@st.composite
def connection(draw, catalog: Catalog, entity: Entity, doc: Document, depth: int, type_name: str | None = None) -> str:
    type_name = type_name or entity.name
    parts = draw(st.lists(st.sampled_from(["totalCount", "pageInfo", "edges", "edges", "__typename"]),
                          min_size=1, max_size=3, unique=True))
    out = []
    for part in parts:
        if part == "pageInfo":
            info = draw(st.lists(st.sampled_from(["hasNextPage", "hasPreviousPage", "startCursor", "endCursor",
                                                  "__typename"]), min_size=1, max_size=4, unique=True))
            out.append(f"pageInfo {{ {' '.join(info)} }}")
        elif part == "edges":
            node = draw(record(catalog, entity, type_name, doc, depth))
            cursor = "cursor " if draw(st.booleans()) else ""
            out.append(f"edges {{ {cursor}node {{ {node} }} }}")
        else:
            out.append(part)
    return " ".join(out)


@st.composite
def arguments(draw, entity: Entity, doc: Document) -> str:
    args = []
    size = draw(st.sampled_from([None, 0, 1, 2, 3]))
    if size is not None:
        args.append(f"{draw(st.sampled_from(['first', 'first', 'last']))}: {size}")
    if draw(st.booleans()):
        args.append(f"filter: {draw(filter_value(entity))}")
    if draw(st.booleans()):
        fields = [f.name for f in entity.fields if f.type != "multiselect"] + ["id"]
        name = draw(st.sampled_from(fields))
        direction = draw(st.sampled_from(["ASC", "DESC"]))
        nulls = draw(st.sampled_from(["", ", nulls: FIRST", ", nulls: LAST"]))
        order = f"{{field: {name}, direction: {direction}{nulls}}}"
        if draw(st.booleans()):
            args.append(f"orderBy: {doc.variable(f'[{entity.name}Order!]', [{'field': name, 'direction': direction}])}")
        else:
            args.append(f"orderBy: [{order}]")
    if draw(st.booleans()) and entity.search_fields:
        args.append(f'search: "{draw(st.sampled_from(["a", "ü", "deal", "zz"]))}"')
    return f"({', '.join(args)})" if args else ""


@st.composite
def filter_value(draw, entity: Entity) -> str:
    fields = [f for f in entity.fields if f.filterable]
    field = draw(st.sampled_from(fields))
    if field.type in ("select",):
        condition = f"{{eq: {draw(st.sampled_from(field.option_values))}}}"
    elif field.type in ("int", "number", "money"):
        condition = f"{{gt: {draw(st.sampled_from(['0', '1', '20']))}}}" if field.type != "money" else '{gt: "1"}'
    elif field.type in ("text", "email", "url"):
        condition = f'{{contains: "{draw(st.sampled_from(["a", "e", "1"]))}"}}'
    else:
        condition = f"{{isNull: {draw(st.sampled_from(['true', 'false']))}}}"
    one = f"{{{field.name}: {condition}}}"
    return draw(st.sampled_from([one, f"{{not: {one}}}", f"{{or: [{one}, {{id: {{isNull: false}}}}]}}"]))


@st.composite
def documents(draw, world: World) -> tuple[str, dict]:
    catalog, doc = world.catalog, Document()
    roots = []
    for i in range(draw(st.integers(1, 2))):
        entity = draw(st.sampled_from([e for e in catalog if e.key != "AuditEntry"]))
        names = [(entity.plural, entity.name, entity.singular_field)]
        names += [(plural, old, old[:1].lower() + old[1:]) for old, plural in entity.aliases]
        plural, type_name, singular = draw(st.sampled_from(names))
        how = draw(st.sampled_from(["list", "list", "one", "node"]))
        if how == "list":
            body = draw(connection(catalog, entity, doc, 1, type_name))
            roots.append(f"r{i}: {plural}{draw(arguments(entity, doc))} {{ {body} }}")
        else:
            own = [i for i in world.ids if bytes.fromhex(i).decode().startswith(entity.key + ":")]
            id_ = draw(st.sampled_from(own)) if own and draw(st.integers(0, 5)) else draw(st.sampled_from(world.ids))
            body = draw(record(catalog, entity, type_name, doc, 1))
            field = "node" if how == "node" else singular
            selection = f"... on {type_name} {{ {body} }}" if how == "node" else body
            roots.append(f"r{i}: {field}(id: {doc.variable('ID!', id_)}) {{ __typename {selection} }}")
    return doc.text(" ".join(roots)), doc.variables


@settings(max_examples=int(os.environ.get("CRM_DIFFERENTIAL_EXAMPLES", "80")), deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
async def test_generated_reads_agree_on_both_paths(api, world, data):
    query, variables = data.draw(documents(world))
    who = data.draw(st.sampled_from(ROLES))
    response = await api.post(query, variables, token=world.tokens[who])
    assert response.status_code == 200, response.text


# -- what the compiled path covers --------------------------------------------------------


RICH_VIEW = """
query Rich($first: Int!, $withPeople: Boolean!) {
  accounts(first: $first, orderBy: [{field: tier, direction: DESC}, {field: name}], filter: {region: {eq: EMEA}}) {
    __typename totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node {
      ...AccountFields
      people(first: 2) @include(if: $withPeople) { edges { node { email interests seniority } } }
      opportunities { edges { node { name amount weightedAmount lossReason stage { name probability } } } }
      projects { totalCount edges { node { name priority } } }
      deliveries { totalCount }
    } }
  }
  projects(last: 2) { edges { node { __typename name account { name } } } }
  deliveries(first: 1) { edges { node { __typename name } } }
  node(id: "4163636f756e743a31") { __typename ... on Account { name tier } ... on Person { email } }
  me { email role }
}
fragment AccountFields on Account {
  id name annualRevenue contractEndDate tier intentScore engagementScore abmTarget lastEngagedOn reportedRevenue
  nickname riskScore
}
"""


@pytest.mark.parametrize("who", ROLES)
async def test_a_rich_view_is_one_statement_for_every_role(api, world, sql_log, who):
    sql_log.statements.clear()
    response = await api.post(RICH_VIEW, {"first": 3, "withPeople": True}, token=world.tokens[who])
    body = response.json()
    assert "errors" not in body, body
    # The whole view is one statement (beside the token check, if it was not remembered).
    assert len(sql_log.of_the_request()) == 1
    assert is_compiled(sql_log.statements[-1])
    assert body["data"]["accounts"]["__typename"] == "AccountConnection"
    assert {e["node"]["__typename"] for e in body["data"]["deliveries"]["edges"]} <= {"Delivery"}


async def test_fields_without_sql_form_or_hidden_go_the_resolved_way(api, world, sql_log):
    for query, who in (("{ schemaMetadata(locale: \"de\") { entity(name: \"Account\") { label } } }", "ADMIN"),
                       ("{ opportunities { edges { node { name commission } } } }", "SALES")):
        sql_log.statements.clear()
        await api.post(query, token=world.tokens[who])
        assert not any(is_compiled(s) for s in sql_log.statements), query


async def test_compiled_reads_can_be_switched_off_per_request(api, world, sql_log):
    sql_log.statements.clear()
    response = await api.post(RICH_VIEW, {"first": 3, "withPeople": False}, extensions={"readPath": "resolved"})
    assert "errors" not in response.json()
    assert not any(is_compiled(s) for s in sql_log.statements)


# Nested deep enough (a multi-select's option check inside three levels of lists) that
# SQLite 3.40's parser, whose stack has a fixed size, refuses the compiled statement.
DEEP_VIEW = """{ leads(first: 2) { totalCount edges { node { lastName activities { edges { node { subject
  attendees { edges { node { email firstName interests } } } } } } } } } }"""


async def test_a_statement_the_database_refuses_is_resolved_instead(api, world, sql_log):
    async def compiled_statements() -> list[str]:
        sql_log.statements.clear()
        body = (await api.post(DEEP_VIEW)).json()  # `post` compares it with the resolved answer
        assert "errors" not in body, body
        assert body["data"]["leads"]["totalCount"] == 2
        return [s for s in sql_log.statements if is_compiled(s)]

    [logged] = await compiled_statements()
    # Tortoise logs the parameters after the text (here the page sizes, integers).
    statement, _, parameters = logged.rpartition(": ")
    try:
        await db.connection().execute_query(statement, json.loads(parameters))
        refused = False
    except OperationalError:  # which databases refuse it depends on their version
        refused = True
    # Refused once, the document is resolved from then on without trying it again.
    assert await compiled_statements() == ([] if refused else [logged])
