"""The compiled read path against the resolved one on a wide world and on paging sessions.

The world has territories users are assigned to and excluded from, custom access and
field rules, several users of every role, a renamed entity and renamed fields (old names
kept), and values at the edges: floats needing 17 digits, whole floats, big and negative
money, datetimes with and without microseconds, unicode, empty multi-selects.

A session is one document (a list with a filter drawn from every operator, relation
filters, a multi-term order on core and plugin fields, and a drawn selection of members,
old names and GraphQL aliases included) sent again and again with the page variables of
a client paging: `first`, then `after` the end cursor, `before` the start cursor with
`last`, the cursor of an edge. `Api.post` (conftest) sends every read on both paths and
requires the same JSON; strict mode (the suite's setting) makes a planner or compiler
error fail the read. Page sizes and filter values are variables, so later requests of a
session reuse the plan of the first. `me` and `node` of every type are read by every user.

A walk checks what both paths share against an oracle: paging forwards and backwards with
any page size meets the records of one big page once each, in its order.

`CRM_DIFFERENTIAL_SESSIONS` sets the number of hypothesis examples (a session and a walk
each).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from tortoise.transactions import in_transaction

from crm_graphql.auth.tokens import create_token
from crm_graphql.catalog import Catalog, Entity
from crm_graphql.graphql import read_paths
from crm_graphql.ids import to_global_id
from crm_graphql.models import Role, User
from crm_graphql.models.access import AccessRule, AuditEntry, FieldRule
from crm_graphql.models.accounts import Account, AccountPerson, BillingEntry
from crm_graphql.models.journey import ActivityAttendee
from crm_graphql.models.organization import Team, Territory
from crm_graphql.models.people import Person
from crm_graphql.models.prospects import Lead, Target
from crm_graphql.models.sales import Opportunity, OpportunityPerson, PipelineStage
from crm_graphql.models.work import Activity, Delivery, DeliveryPhase
from crm_graphql.query.filters import OPERATORS

SESSIONS = int(os.environ.get("CRM_DIFFERENTIAL_SESSIONS", "100"))

RUNTIME_PLUGIN = {"name": "edge-fields", "fields": [
    {"entity": "Account", "name": "nickname", "type": "text"},
    {"entity": "Account", "name": "riskScore", "type": "number"},
    {"entity": "Account", "name": "ledger", "type": "money"},
    {"entity": "Account", "name": "seenAt", "type": "datetime"},
    {"entity": "Opportunity", "name": "lossReason", "type": "select",
     "options": [{"value": "PRICE"}, {"value": "TIMING"}]},
]}
# Renamed members, the old names kept: a core field, a plugin field and a reference.
RENAMES = {"name": "edge-renames", "renames": [
    {"entity": "Opportunity", "field": "amount", "to": "dealValue", "keep_alias": True},
    {"entity": "Account", "field": "riskScore", "to": "risk", "keep_alias": True},
    {"entity": "Activity", "field": "account", "to": "company", "keep_alias": True},
]}
REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name } }"
# Custom rules, stored as `setAccessRule`/`setFieldRule` store them (by keys) with one
# schema reload instead of one per rule.
ACCESS_RULES = [("SALES", "Activity", "OWNED"), ("BI", "Delivery", "NONE"), ("MANAGER", "Person", "ACCOUNTS")]
FIELD_RULES = [("SALES", "Account", "annual_revenue"), ("BI", "Account", "tier"), ("MANAGER", "Opportunity", "amount")]

NAMES = ["Acme", 'Quote "and" back\\slash', "Zeta Ü — ünïcödé 日本", "line\nbreak\ttab", "Globex",
         "100% _under_ score", "", "Ångström"]
FLOATS = [0.1 + 0.2, 2.0, -1e-17, 1 / 3, 123456789.12345679, None, 1e15, -0.0]
MONEY = ["99999999999999.99", "-0.01", "0.00", "1001.25", None, "-123456789012.50", "7.10", "1"]
MOMENTS = [datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=timezone.utc),
           datetime(2026, 3, 1, 9, 30, 15, tzinfo=timezone.utc),
           datetime(1999, 12, 31, 23, 59, 59, 1, tzinfo=timezone.utc), None]


@dataclass
class World:
    catalog: Catalog
    # (role, token) of every user
    users: list[tuple[str, str]]
    # entity key -> global ids (of records that exist, and one that does not)
    ids: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, pk: int) -> None:
        self.ids.setdefault(key, []).append(to_global_id(key, pk))


@pytest.fixture
async def world(api, app) -> World:
    for definition in (RUNTIME_PLUGIN, RENAMES):
        await api.gql(REGISTER, {"d": definition})
    async with in_transaction() as conn:
        for role, entity, scope in ACCESS_RULES:
            await AccessRule.create(role=role, entity=entity, read_scope=scope, write_scope=scope, using_db=conn)
        for role, entity, key in FIELD_RULES:
            await FieldRule.create(role=role, entity=entity, field=key, hidden=True, using_db=conn)
        await app.state.service.bump_version(conn)
    await app.state.service.reload()
    admin = await User.get(email="admin@example.com")
    north, south, east = [await Territory.create(name=n) for n in ("North", "Süd", "East")]
    team = await Team.create(name="Team ü")
    users: list[tuple[str, User]] = [("ADMIN", admin),
                                      ("ADMIN", await User.create(email="admin2@example.com", role=Role.ADMIN))]
    plan = {"MANAGER": [[north], [south, east]], "SALES": [[north], [north, south], []],
            "EXTERNAL": [[], [east]], "BI": [[], [north]]}
    for role, territory_lists in plan.items():
        for i, territories in enumerate(territory_lists):
            user = await User.create(email=f"{role.lower()}{i}@example.com", role=Role(role), name=f"{role} {i}")
            for territory in territories:
                await user.territories.add(territory)
            users.append((role, user))
    sales = [user for role, user in users if role == "SALES"]
    # Excluded: a sales user of North and South is kept out of East, a manager out of South.
    await sales[1].excluded_territories.add(east)
    await users[3][1].excluded_territories.add(south)
    tokens = [(role, await create_token(user)) for role, user in users]
    world = World(app.state.service.current.catalog, tokens)
    for _, user in users:
        world.add("User", user.id)
    for territory in (north, south, east):
        world.add("Territory", territory.id)
    world.add("Team", team.id)
    stages = [await PipelineStage.create(name=f"Stage {i}", position=i, probability=p)
              for i, p in enumerate((10, 50, 90))]
    for stage in stages:
        world.add("PipelineStage", stage.id)
    owners = [admin, *sales, users[2][1]]
    for i, name in enumerate(NAMES):
        owner = owners[i % len(owners)]
        account = await Account.create(
            name=name, owner=owner, territory=(north, south, east, None)[i % 4],
            annual_revenue=Decimal(MONEY[i]) if MONEY[i] is not None else None,
            employee_count=(None, 0, 2_147_483_647, -5, 10)[i % 5],
            billing_stage=("ACTIVE", "PROSPECT", "CHURNED")[i % 3],
            contract_end_date=date(2026, 1 + i, 28) if i % 3 else None,
            custom={"tier": ("GOLD", "SILVER", "BRONZE")[i % 3], "region": ("EMEA", "APAC", "AMER")[i % 3],
                    "intentScore": (20 * i) - 40, "engagementScore": FLOATS[i], "abmTarget": bool(i % 2),
                    "lastEngagedOn": f"2026-0{i % 9 + 1}-15", "reportedRevenue": MONEY[(i + 3) % len(MONEY)],
                    "currentRevenue": MONEY[(i + 1) % len(MONEY)], "nickname": f"nick {name}",
                    "riskScore": FLOATS[(i + 2) % len(FLOATS)], "ledger": MONEY[(i + 5) % len(MONEY)],
                    "seenAt": MOMENTS[i % 4].isoformat() if MOMENTS[i % 4] else None}
            if i % 4 != 3 else {},
        )
        world.add("Account", account.id)
        for j in range(i % 3 + 1):
            person = await Person.create(
                email=f"p{j}.{i}@exämple.com", first_name=name if j == 0 else None, last_name=f"Last {j} {name}",
                owner=owners[(i + j) % len(owners)],
                custom={"seniority": "SENIOR", "interests": [["EVENTS", "WEBINARS"], [], ["EVENTS"]][j]}
                if j != 2 or i % 2 else {"interests": []})
            await AccountPerson.create(account=account, person=person)
            world.add("Person", person.id)
        for j in range(i % 4):
            deal = await Opportunity.create(
                name=f"{name} deal {j}", stage=stages[(i + j) % 3], account=account, owner=owners[j % len(owners)],
                amount=Decimal(MONEY[(i + j) % len(MONEY)]) if MONEY[(i + j) % len(MONEY)] else None,
                commission=Decimal("-10.00") if j else None, expected_close_date=date(2026, 6, 1 + i),
                custom={"dealType": "NEW_BUSINESS", "lossReason": ("PRICE", "TIMING")[j % 2]} if j else {})
            world.add("Opportunity", deal.id)
            await OpportunityPerson.create(opportunity=deal, person=person)
        for j, moment in enumerate(MOMENTS[: i % 3 + 1]):
            activity = await Activity.create(
                kind=("CALL", "MEETING", "TASK", "NOTE")[(i + j) % 4], subject=f"{name} #{j}", account=account,
                owner=owners[(i + j + 1) % len(owners)], done=bool((i + j) % 2), occurred_at=moment,
                custom={"channel": "EMAIL"} if j else {})
            world.add("Activity", activity.id)
            if j:
                await ActivityAttendee.create(activity=activity, person=person)
        entry = await BillingEntry.create(account=account, owner=owner, date=date(2026, 1, 1 + i),
                                          amount=Decimal(MONEY[(i + 2) % len(MONEY)] or "0"),
                                          status=("DRAFT", "PAID")[i % 2], description=name or None)
        world.add("BillingEntry", entry.id)
        if i:  # a person of two accounts
            await AccountPerson.create(account=account, person=first_person)
        else:
            first_person = person
        if i % 2 == 0:
            delivery = await Delivery.create(name=f"Rollout {name}", account=account, owner=owners[i % len(owners)],
                                             start_date=date(2026, 2, 1 + i), custom={"priority": "HIGH"} if i else {})
            phase = await DeliveryPhase.create(name="Design ü", position=1, delivery=delivery, owner=admin)
            world.add("Delivery", delivery.id)
            world.add("DeliveryPhase", phase.id)
    for i, (role, user) in enumerate(users[:6]):
        world.add("Lead", (await Lead.create(last_name=f"lead {i} ü", owner=user, custom={})).id)
        world.add("Target", (await Target.create(last_name=f"target {i}", owner=user)).id)
    for i, (_, user) in enumerate(users):
        entry = await AuditEntry.create(user=user if i % 3 else None, action=("create", "update", "delete")[i % 3],
                                        entity="Account", record_id=i, changes={"name": [None, NAMES[i % len(NAMES)]]})
        world.add("AuditEntry", entry.id)
    for entity in world.catalog:
        world.add(entity.key, 999_999)  # no such record
    return world


# -- values and filters -------------------------------------------------------------------


class Enum(str):
    """An enum value: bare in a document, a string in variables."""


def literal(value) -> str:
    """A value as a GraphQL literal."""
    if isinstance(value, Enum):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(map(literal, value)) + "]"
    return "{" + ", ".join(f"{k}: {literal(v)}" for k, v in value.items()) + "}"


def operand(draw, entity: Entity, field, world: World):
    """A value of the field's type, from the world's values and the edges."""
    kind = field.type
    if kind in ("select", "multiselect"):
        return Enum(draw(st.sampled_from(field.option_values)))
    if kind in ("text", "email", "url"):
        return draw(st.sampled_from(["a", "ü", "Acme", "deal", "%", "_", "\\", "日本", "nick", "p0", "", "Last 1"]))
    if kind == "int":
        return draw(st.sampled_from([-40, 0, 20, 2_147_483_647, -2_147_483_648, 1]))
    if kind == "number":
        return draw(st.sampled_from([0.30000000000000004, 2.0, 1 / 3, -1e-17, 0, 1e15, 0.1]))
    if kind == "money":
        return draw(st.sampled_from(["-0.01", "0", "1001.25", "99999999999999.99", "7.1", "-123456789012.5"]))
    if kind == "date":
        return draw(st.sampled_from(["2026-03-15", "2026-06-03", "1999-01-01"]))
    if kind == "datetime":
        return draw(st.sampled_from(["2026-03-01T09:30:15.123456Z", "2026-03-01T09:30:15Z",
                                     "2026-03-01T10:30:15+01:00", "1999-12-31T23:59:59.000001Z"]))
    if kind == "boolean":
        return draw(st.booleans())
    return draw(st.sampled_from(world.ids.get(entity.key, ["x"])))


def condition(draw, entity: Entity, field, world: World) -> dict:
    op = draw(st.sampled_from(OPERATORS[field.type]))
    if op == "isNull":
        return {op: draw(st.booleans())}
    if op in ("in", "notIn"):
        return {op: [operand(draw, entity, field, world) for _ in range(draw(st.integers(0, 3)))]}
    return {op: operand(draw, entity, field, world)}


@st.composite
def filters(draw, catalog: Catalog, entity: Entity, world: World, depth: int = 0) -> dict:
    """A filter of every kind: operators on fields (old names included), ids, references,
    relations (`some`/`none`/`every`), `and`/`or`/`not`."""
    fields = [f for f in entity.fields if f.filterable]
    old = {new: old for old, new in entity.field_aliases.items()}
    kinds = ["field", "field", "field", "id"]
    if depth < 2:
        kinds += ["logic"] + ["reference"] * bool(entity.references) + ["relation"] * bool(entity.collections)
    result = {}
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(kinds))
        if kind == "field" and fields:
            f = draw(st.sampled_from(fields))
            name = old[f.name] if f.name in old and draw(st.booleans()) else f.name
            result[name] = condition(draw, entity, f, world)
        elif kind == "id":
            op = draw(st.sampled_from(["eq", "ne", "in", "notIn", "isNull"]))
            ids = world.ids.get(entity.key, [])
            value = (draw(st.booleans()) if op == "isNull" else
                     draw(st.lists(st.sampled_from(ids), max_size=3)) if op in ("in", "notIn") else
                     draw(st.sampled_from(ids)))
            result["id"] = {op: value}
        elif kind == "reference":
            reference = draw(st.sampled_from(entity.references))
            target = catalog[reference.target]
            if draw(st.booleans()):
                result[reference.name] = draw(filters(catalog, target, world, depth + 1))
            else:
                ids = world.ids.get(target.key, [])
                result[reference.input_name] = draw(st.sampled_from(
                    [{"eq": ids[0]}, {"in": ids[:2]}, {"ne": ids[-2]}, {"isNull": True}, {"notIn": ids[1:3]}]))
        elif kind == "relation":
            collection = draw(st.sampled_from(entity.collections))
            target = catalog[collection.target]
            quantifier = draw(st.sampled_from(["some", "none", "every"]))
            name = old.get(collection.name, collection.name) if draw(st.booleans()) else collection.name
            result[name] = {quantifier: draw(filters(catalog, target, world, depth + 1))}
        elif kind == "logic":
            how = draw(st.sampled_from(["and", "or", "not"]))
            if how == "not":
                result["not"] = draw(filters(catalog, entity, world, depth + 1))
            else:
                result[how] = draw(st.lists(filters(catalog, entity, world, depth + 1), max_size=2))
    return result


def revalued(draw, catalog: Catalog, entity: Entity, spec, world: World):
    """The filter `spec` with other values of the same kinds (its shape kept: nulls,
    booleans, lists' lengths, keys), as a client sends the next filter of a form."""
    if isinstance(spec, list):
        return [revalued(draw, catalog, entity, item, world) for item in spec]
    result = {}
    for key, value in spec.items():
        name = entity.field_aliases.get(key, key)
        field, reference = entity.field_named(key), entity.reference(name)
        collection = entity.collection(name)
        by_id = next((r for r in entity.references if r.input_name == key), None)
        if key in ("and", "or", "not"):
            result[key] = revalued(draw, catalog, entity, value, world)
        elif field is not None or key == "id" or by_id is not None:
            target = catalog[by_id.target] if by_id else entity
            result[key] = {op: operand_like(draw, target, field, world, item) for op, item in value.items()}
        elif reference is not None:
            result[key] = revalued(draw, catalog, catalog[reference.target], value, world)
        elif collection is not None:
            target = catalog[collection.target]
            result[key] = {q: revalued(draw, catalog, target, inner, world) for q, inner in value.items()}
        else:
            result[key] = value
    return result


def operand_like(draw, entity: Entity, field, world: World, value):
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, list):
        return [operand_like(draw, entity, field, world, item) for item in value]
    if field is None:  # an ID
        return draw(st.sampled_from(world.ids[entity.key]))
    return json.loads(json.dumps(operand(draw, entity, field, world)))


def orders(draw, entity: Entity) -> list[dict]:
    """A multi-term order on core and plugin fields, with directions and null placement."""
    names = [f.name for f in entity.fields if f.type != "multiselect"]
    if not names:
        return []
    terms = []
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)):
        term = {"field": Enum(name)}
        if draw(st.booleans()):
            term["direction"] = Enum(draw(st.sampled_from(["ASC", "DESC"])))
        if draw(st.booleans()):
            term["nulls"] = Enum(draw(st.sampled_from(["FIRST", "LAST"])))
        terms.append(term)
    if draw(st.booleans()):
        terms.append({"field": Enum("id"), "direction": Enum(draw(st.sampled_from(["ASC", "DESC"])))})
    return terms


# -- selections -------------------------------------------------------------------------


def members(entity: Entity) -> list[tuple[str, str, object]]:
    """(GraphQL name, kind, catalog member) of every member of the entity's type, old names
    kept after renames included."""
    result = [("id", "value", None), ("__typename", "value", None)]
    result += [(f.name, "value", f) for f in entity.fields]
    result += [(c.name, "value", c) for c in entity.computed]
    result += [(r.name, "reference", r) for r in entity.references]
    result += [(c.name, "collection", c) for c in entity.collections]
    current = {name: (kind, member) for name, kind, member in result}
    result += [(old, *current[new]) for old, new in entity.field_aliases.items() if new in current]
    return result


@st.composite
def selection(draw, catalog: Catalog, entity: Entity, type_name: str, world: World, depth: int) -> str:
    chosen = draw(st.lists(st.sampled_from(members(entity)), min_size=1, max_size=6, unique_by=lambda m: m[0]))
    parts = []
    for i, (name, kind, member) in enumerate(chosen):
        alias = f"a{depth}_{i}: " if draw(st.integers(0, 3)) == 0 else ""
        if kind == "value":
            parts.append(alias + name)
        elif depth >= 3:
            continue
        elif kind == "reference":
            target = catalog[member.target]
            parts.append(f"{alias}{name} {{ {draw(selection(catalog, target, target.name, world, depth + 1))} }}")
        else:
            target = catalog[member.target]
            args = []
            if draw(st.booleans()):
                args.append(f"{draw(st.sampled_from(['first', 'last']))}: {draw(st.integers(0, 3))}")
            if draw(st.integers(0, 2)) == 0:
                args.append(f"filter: {literal(draw(filters(catalog, target, world, 1)))}")
            if draw(st.integers(0, 2)) == 0:
                args.append(f"orderBy: {literal(orders(draw, target))}")
            inner = draw(selection(catalog, target, target.name, world, depth + 1))
            head = f"{alias}{name}({', '.join(args)})" if args else f"{alias}{name}"
            parts.append(f"{head} {{ totalCount pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} "
                         f"edges {{ cursor node {{ {inner} }} }} }}")
    return " ".join(parts) or "id"


# -- paging sessions -----------------------------------------------------------------------


@dataclass
class Session:
    query: str
    variables: dict
    entity: Entity
    role: str
    token: str
    steps: list[str]


# The entities with the most kinds of values, drawn more often.
RICH_KEYS = ("Account", "Opportunity", "Person", "Activity")


@st.composite
def sessions(draw, world: World) -> Session:
    catalog = world.catalog
    entity = draw(st.sampled_from([catalog[key] for key in RICH_KEYS] * 2 + list(catalog)))
    namings = [(entity.plural, entity.name)] + [(plural, old) for old, plural in entity.aliases]
    plural, type_name = draw(st.sampled_from(namings))
    definitions = ["$first: Int", "$last: Int", "$after: String", "$before: String"]
    variables: dict = {"first": draw(st.integers(0, 4))}
    args = ["first: $first", "last: $last", "after: $after", "before: $before"]
    if draw(st.booleans()):
        drawn = draw(filters(catalog, entity, world))
        if draw(st.booleans()):
            definitions.append(f"$filter: {type_name}Filter")
            variables["filter"] = json.loads(json.dumps(drawn))
            args.append("filter: $filter")
        else:
            args.append(f"filter: {literal(drawn)}")
    if draw(st.booleans()):
        args.append(f"orderBy: {literal(orders(draw, entity))}")
    if draw(st.integers(0, 3)) == 0 and entity.search_fields:
        args.append(f"search: {literal(draw(st.sampled_from(['a', 'ü', 'deal nick', 'zz'])))}")
    body = draw(selection(catalog, entity, type_name, world, 1))
    extra = ""
    if draw(st.integers(0, 3)) == 0:
        extra += f" me {{ {draw(selection(catalog, catalog['User'], 'User', world, 2))} }}"
    if draw(st.integers(0, 3)) == 0:
        key = draw(st.sampled_from(sorted(world.ids)))
        target = catalog[key]
        extra += (f" n: node(id: {literal(draw(st.sampled_from(world.ids[key])))}) {{ __typename "
                  f"... on {target.name} {{ {draw(selection(catalog, target, target.name, world, 2))} }} }}")
    query = (f"query Session({', '.join(definitions)}) {{ page: {plural}({', '.join(args)}) {{ totalCount "
             f"pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} "
             f"edges {{ cursor node {{ {body} }} }} }}{extra} }}")
    role, token = draw(st.sampled_from(world.users))
    steps = draw(st.lists(st.sampled_from(["next", "next", "previous", "edge", "last", "size", "filter", "user"]),
                          min_size=2, max_size=6))
    return Session(query, variables, entity, role, token, steps)


@pytest.fixture
def paths():
    """How the reads of a test were answered: counts by path."""
    seen = {"compiled": 0, "resolved": 0}

    def see(query, plan):
        if plan.cause != "asked":
            seen[plan.path] += 1

    stop = read_paths.observe(see)
    yield seen
    stop()


@settings(max_examples=SESSIONS, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
async def test_sessions_agree_on_both_paths_and_walks_page_right(api, world, data):
    """Each example: a paging session, then a walk (one world for all: building it is
    most of this module's time)."""
    await _session(api, world, data)
    await _walk(api, world, data)


async def _session(api, world: World, data) -> None:
    """A drawn session's requests, on both paths (`Api.post`)."""
    session = data.draw(sessions(world))
    variables, token = dict(session.variables), session.token
    for step in ["start", *session.steps]:
        response = await api.post(session.query, variables, token=token)
        assert response.status_code == 200, response.text
        body = response.json()
        page = (body.get("data") or {}).get("page")
        if page is None:
            return  # refused alike on both paths (a hidden field, a bad cursor): nothing to page
        info = page["pageInfo"]
        size = data.draw(st.integers(0, 4))
        if step == "next" and info["endCursor"]:
            variables = {**variables, "first": size, "after": info["endCursor"], "last": None, "before": None}
        elif step == "previous" and info["startCursor"]:
            variables = {**variables, "last": size, "before": info["startCursor"], "first": None, "after": None}
        elif step == "edge" and page["edges"]:
            cursor = data.draw(st.sampled_from(page["edges"]))["cursor"]
            before = data.draw(st.booleans())
            variables = {**variables, "first": None if before else size, "last": size if before else None,
                         "after": None if before else cursor, "before": cursor if before else None}
        elif step == "filter" and "filter" in variables:  # the same document, other values
            variables = {**variables, "filter": revalued(data.draw, world.catalog, session.entity,
                                                         variables["filter"], world)}
        elif step == "user":  # the same request by another user (a plan shared by rules' shape)
            token = data.draw(st.sampled_from(world.users))[1]
        elif step == "last":
            variables = {**variables, "last": size, "first": None, "after": None, "before": None}
        else:  # another page size, the same direction
            variables = {**variables, ("first" if variables.get("last") is None else "last"): size}


async def _walk(api, world: World, data) -> None:
    """What both paths share (keysets, cursors, page info) against an oracle: paging
    forwards with `after` and backwards with `before`, any size, meets the records of one
    big page once each and in its order, and a cursor splits that page where it stands.
    The list is a root list or a record's collection (through `node`)."""
    catalog = world.catalog
    parent = data.draw(st.sampled_from([None, None, *(catalog[key] for key in RICH_KEYS)]))
    if parent is None:
        entity = data.draw(st.sampled_from([catalog[key] for key in RICH_KEYS] * 2 + list(catalog)))
        list_name = entity.plural
    else:
        collection = data.draw(st.sampled_from(parent.collections))
        entity, list_name = catalog[collection.target], collection.name
    args = ["first: $first", "last: $last", "after: $after", "before: $before"]
    if data.draw(st.booleans()):
        args.append(f"filter: {literal(data.draw(filters(catalog, entity, world)))}")
    args.append(f"orderBy: {literal(orders(data.draw, entity))}")
    connection = (f"page: {list_name}({', '.join(args)}) {{ totalCount "
                  f"pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} edges {{ cursor node {{ id }} }} }}")
    if parent is None:
        query = f"query Walk($first: Int, $last: Int, $after: String, $before: String) {{ {connection} }}"
    else:
        query = (f"query Walk($id: ID!, $first: Int, $last: Int, $after: String, $before: String) {{ "
                 f"node(id: $id) {{ ... on {parent.name} {{ {connection} }} }} }}")
        parent_id = data.draw(st.sampled_from(world.ids[parent.key]))
    role, token = data.draw(st.sampled_from(world.users))

    async def page(**variables) -> dict | None:
        if parent is not None:
            variables["id"] = parent_id
        data = (await api.post(query, variables, token=token)).json().get("data") or {}
        return (data.get("node") or {}).get("page") if parent is not None else data.get("page")

    everything = await page(first=100)
    if everything is None:
        return  # refused alike on both paths (ordering by a hidden field)
    ids = [edge["node"]["id"] for edge in everything["edges"]]
    assert everything["totalCount"] == len(ids) and not everything["pageInfo"]["hasNextPage"]
    size = data.draw(st.integers(1, 3))
    forwards, after = [], None
    for _ in range(len(ids) + 1):
        current = await page(first=size, after=after)
        forwards += [edge["node"]["id"] for edge in current["edges"]]
        assert current["pageInfo"]["hasPreviousPage"] == (after is not None)
        if not current["pageInfo"]["hasNextPage"]:
            break
        after = current["pageInfo"]["endCursor"]
    assert forwards == ids, query
    backwards, before = [], None
    for _ in range(len(ids) + 1):
        current = await page(last=size, before=before)
        backwards = [edge["node"]["id"] for edge in current["edges"]] + backwards
        assert current["pageInfo"]["hasNextPage"] == (before is not None)
        if not current["pageInfo"]["hasPreviousPage"]:
            break
        before = current["pageInfo"]["startCursor"]
    assert backwards == ids, query
    if ids:
        at = data.draw(st.integers(0, len(ids) - 1))
        cursor = everything["edges"][at]["cursor"]
        assert [e["node"]["id"] for e in (await page(first=100, after=cursor))["edges"]] == ids[at + 1:]
        assert [e["node"]["id"] for e in (await page(last=100, before=cursor))["edges"]] == ids[:at]


async def _sessions_compile(api, world: World, paths: dict) -> None:
    """The sessions exercise the compiled path: most of a session's reads compile (a
    fixed document here, each user's first page and the next)."""
    query = """query P($first: Int, $after: String, $f: AccountFilter) {
      page: accounts(first: $first, after: $after, filter: $f,
                     orderBy: [{field: region, direction: DESC, nulls: FIRST}, {field: engagementScore}]) {
        pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
        edges { cursor node { name risk riskScore engagementScore ledger seenAt
          projects { edges { node { name } } } deliveries { totalCount } } } } }"""
    for role, token in world.users:
        variables = {"first": 2, "f": {"region": {"in": ["EMEA", "APAC"]}}}
        page = (await api.gql(query, variables, token=token))["page"]
        if page["pageInfo"]["endCursor"]:
            await api.gql(query, {**variables, "after": page["pageInfo"]["endCursor"]}, token=token)
    assert paths["compiled"] >= paths["resolved"], paths


# -- me and node of every type --------------------------------------------------------------


def _every_value(catalog: Catalog, entity: Entity) -> str:
    return " ".join(name for name, kind, _ in members(entity) if kind == "value")


async def test_me_node_of_every_type_and_a_page_agree_for_every_user(api, world, paths):
    await _sessions_compile(api, world, paths)
    catalog = world.catalog
    for role, token in world.users:
        await api.post(f"{{ me {{ {_every_value(catalog, catalog['User'])} }} }}", token=token)
        for key, ids in sorted(world.ids.items()):
            entity = catalog[key]
            names = [entity.name] + [old for old, _ in entity.aliases]
            for i, id_ in enumerate(ids[:3] + ids[-1:]):
                type_name = names[i % len(names)]
                selected = _every_value(catalog, entity)
                for _ in range(5):
                    query = f"query($id: ID!) {{ node(id: $id) {{ __typename ... on {type_name} {{ {selected} }} }} }}"
                    hidden = {error["extensions"].get("field") for error in
                              (await api.post(query, {"id": id_}, token=token)).json().get("errors", [])}
                    if not hidden - {None}:
                        break
                    # Once more without the fields hidden from this user, so the rest compiles.
                    selected = " ".join(name for name in selected.split() if name not in hidden)
