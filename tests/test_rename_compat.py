"""A rename that keeps the old names breaks no client: every document that validated
before it still validates and gives the same data (only `__typename` may show the new
name), on both read paths and for every role; a schema diff finds no breaking change.
Without `keep_alias` the old names go: that is the documented breaking change."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import sys
from pathlib import Path

import graphql

from crm_graphql.auth.tokens import create_token
from crm_graphql.models import User
from crm_graphql.seed import seed_demo

from bench.queries import NESTED_ACCOUNT_VIEW

ROOT = Path(__file__).parents[1]
SCHEMA_DIFF = ROOT / "tests" / "schema_diff"
CLI = (sys.executable, "-c", "from crm_graphql.cli import main; main()")
REGISTER = "mutation($d: JSON!) { registerPlugin(definition: $d) { name enabled } }"

RENAMES = [
    {"entity": "Opportunity", "to": "Deal", "plural": "Deals", "keep_alias": True},
    {"entity": "Opportunity", "field": "amount", "to": "value", "keep_alias": True},
    {"entity": "Account", "field": "tier", "to": "level", "keep_alias": True},
    {"entity": "Account", "field": "opportunities", "to": "deals", "keep_alias": True},
    {"entity": "Activity", "field": "account", "to": "company", "keep_alias": True},
    {"entity": "Person", "field": "firstName", "to": "givenName", "keep_alias": True},
]
DEALS = {"name": "deal-terms", "renames": RENAMES}


def _admin(api) -> dict:
    return {"Authorization": f"Bearer {api.token}"}


def readme_document(operation: str) -> str:
    text = (ROOT / "README.md").read_text()
    return re.search(rf"```graphql\n(query {operation}\b.*?)```", text, re.S).group(1)


# Documents written against the schema before the rename, with the old names in every
# place a document can hold them.
WRITTEN_BEFORE = [
    (readme_document("NestedAccountView"), {}),
    (NESTED_ACCOUNT_VIEW, {"first": 50}),
    ("""query($f: OpportunityFilter, $o: [OpportunityOrder!]) {
          opportunities(filter: $f, orderBy: $o, first: 20) {
            totalCount edges { cursor node { name amount account { name tier } } } } }""",
     {"f": {"amount": {"gte": "1000"}, "account": {"tier": {"in": ["GOLD", "SILVER"]}}},
      "o": [{"field": "amount", "direction": "DESC"}]}),
    ("""query($f: AccountFilter) { accounts(filter: $f, orderBy: [{field: tier}], first: 20) {
          edges { node { name tier opportunities(first: 3, orderBy: [{field: amount}]) {
            edges { node { name amount } } } } } } }""",
     {"f": {"opportunities": {"some": {"amount": {"gt": "0"}}}, "not": {"tier": {"isNull": True}}}}),
    ("""{ activities(filter: {account: {tier: {eq: GOLD}}}, first: 20) {
          edges { node { subject account { name } opportunity { name amount } } } } }""", {}),
    ("""{ opportunitiesAggregate(groupBy: [{field: stageId}]) {
          totalCount groups { key { stageId } count sum { amount } avg { amount } max { amount } } } }""", {}),
    ("""{ accountsAggregate(groupBy: [{field: tier}]) { groups { key { tier } count } } }""", {}),
    ("""{ activitiesAggregate(groupBy: [{field: accountId}], filter: {accountId: {isNull: false}}) {
          groups { key { accountId } count } } }""", {}),
    ("""{ people(first: 10, orderBy: [{field: firstName}], filter: {firstName: {isNull: false}}) {
          edges { node { firstName opportunities(first: 2) { edges { node { name } } } } } } }""", {}),
]

# `node` and the timeline, for one record of each kind (filled in by the test).
BY_ID = [
    readme_document("Pipeline"),  # the README's example of a document a rename keeps working
    """query($id: ID!) { node(id: $id) { id ... on Opportunity { name amount account { tier } } } }""",
    """query($id: ID!) { node(id: $id) { ...Old } } fragment Old on Opportunity { name amount }""",
    """query($id: ID!) { opportunity(id: $id) { name amount stage { name } } }""",
    """query($id: ID!) { timeline(recordId: $id, first: 20) { edges { node { kind summary
          stageChange { opportunity { name amount } fromStageName toStageName }
          conversion { opportunity { ... on Opportunity { name } } }
          activity { subject account { name } } } } } }""",
]


def generated(schema: graphql.GraphQLSchema) -> list[str]:
    """One document per list of the schema: every field of its records that takes no
    arguments, references by their IDs, relations by their counts."""
    documents = []
    for name, root in schema.query_type.fields.items():
        connection = graphql.get_named_type(root.type)
        if (not connection.name.endswith("Connection") or root.deprecation_reason
                or any(graphql.is_required_argument(a) for a in root.args.values())):
            continue
        node = graphql.get_named_type(graphql.get_named_type(connection.fields["edges"].type).fields["node"].type)
        if not isinstance(node, graphql.GraphQLObjectType) or "id" not in node.fields:
            continue
        selections = []
        for field_name, field in node.fields.items():
            if any(graphql.is_required_argument(a) for a in field.args.values()):
                continue
            target = graphql.get_named_type(field.type)
            if isinstance(target, (graphql.GraphQLScalarType, graphql.GraphQLEnumType)):
                selections.append(field_name)
            elif target.name.endswith("Connection"):
                selections.append(f"{field_name}(first: 2) {{ totalCount }}")
            elif "id" in getattr(target, "fields", {}):
                selections.append(f"{field_name} {{ id }}")
        documents.append(f"{{ {name}(first: 10) {{ totalCount edges {{ cursor node {{ {' '.join(selections)} }} }} }} }}")
    return documents


def without_typename(value):
    if isinstance(value, dict):
        return {k: without_typename(v) for k, v in value.items() if k != "__typename"}
    if isinstance(value, list):
        return [without_typename(v) for v in value]
    return value


async def answers(api, token: str, documents: list[tuple[str, dict]]) -> list:
    """What a client reads from each document: data, and the code and path of each error."""
    found = []
    for query, variables in documents:
        response = await api.post(query, variables, token=token)
        body = response.json()
        errors = [((e.get("extensions") or {}).get("code"), e.get("path")) for e in body.get("errors", [])]
        found.append((without_typename(body.get("data")), errors))
    return found


async def test_documents_written_before_a_rename_give_the_same_data_after_it(api):
    await User.filter(email="admin@example.com").update(email="fixture-admin@example.com")
    admin = await seed_demo()
    sales = await create_token(await User.get(email="sales1@example.com"))
    before_schema = graphql.build_schema((await api.client.get("/schema.graphql", headers=_admin(api))).text)
    ids = await api.gql("""{ opportunities(first: 3) { edges { node { id } } } }""", token=admin)
    record_ids = [edge["node"]["id"] for edge in ids["opportunities"]["edges"]]
    documents = WRITTEN_BEFORE + [(query, {"id": id}) for query in BY_ID for id in record_ids]
    documents += [(query, {}) for query in generated(before_schema)]
    assert len(documents) > 30
    before = {token: await answers(api, token, documents) for token in (admin, sales)}
    # The documents are valid and read real data, and the sales user is not shown everything.
    assert [query for (query, _), (_, errors) in zip(documents, before[admin]) if errors] == []
    assert before[admin][0][0]["accounts"]["edges"]
    assert before[sales] != before[admin]

    assert (await api.gql(REGISTER, {"d": DEALS}, token=admin))["registerPlugin"]["enabled"] is True

    after_schema = graphql.build_schema((await api.client.get("/schema.graphql", headers=_admin(api))).text)
    assert "Deal" in after_schema.type_map and "dealsAggregate" in after_schema.query_type.fields
    for query, _ in documents:
        assert graphql.validate(after_schema, graphql.parse(query)) == [], query
    for token in (admin, sales):
        after = await answers(api, token, documents)
        for (query, variables), old, new in zip(documents, before[token], after, strict=True):
            assert new == old, f"{query} {variables}"


async def test_new_names_answer_as_the_old_ones_did(api):
    await User.filter(email="admin@example.com").update(email="fixture-admin@example.com")
    admin = await seed_demo()
    opportunity = (await api.gql("{ opportunities(first: 1) { edges { node { id name amount } } } }",
                                 token=admin))["opportunities"]["edges"][0]["node"]
    await api.gql(REGISTER, {"d": DEALS}, token=admin)
    query = "query($id: ID!) { node(id: $id) { __typename ... on Deal { name value } ... on Opportunity { amount } } }"
    data = await api.gql(query, {"id": opportunity["id"]}, token=admin)
    assert data["node"] == {"__typename": "Deal", "name": opportunity["name"], "value": opportunity["amount"]}
    old = await api.gql("query($id: ID!) { node(id: $id) { __typename ... on Opportunity { name } } }",
                        {"id": opportunity["id"]}, token=admin)
    assert old["node"] == {"__typename": "Opportunity", "name": opportunity["name"]}
    new = await api.gql("""{ dealsAggregate { totalCount groups { sum { value amount } } }
                             opportunitiesAggregate { totalCount groups { sum { value amount } } } }""", token=admin)
    assert new["dealsAggregate"] == new["opportunitiesAggregate"]
    sums = new["dealsAggregate"]["groups"][0]["sum"]
    assert sums["value"] == sums["amount"] is not None


async def test_writes_with_old_names_and_old_input_types_still_work(api):
    stage = (await api.gql("mutation { createPipelineStage(input: {name: \"Open\", position: 1, probability: 10}) "
                           "{ id } }"))["createPipelineStage"]["id"]
    await api.gql(REGISTER, {"d": DEALS})  # `tier` is the shipped segmentation plugin's
    account = (await api.gql("mutation($i: CreateAccountInput!) { createAccount(input: $i) { id tier level } }",
                             {"i": {"name": "Acme", "tier": "GOLD"}}))["createAccount"]
    assert account["tier"] == account["level"] == "GOLD"
    deal = (await api.gql(
        "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id name amount value } }",
        {"i": {"name": "Big one", "amount": "100.00", "stageId": stage, "accountId": account["id"]}}))
    deal = deal["createOpportunity"]
    assert deal["amount"] == deal["value"] == "100.00"
    person = (await api.gql(
        "mutation($i: CreatePersonInput!) { createPerson(input: $i) { givenName firstName "
        "opportunities { edges { node { name } } } } }",
        {"i": {"email": "ana@example.com", "firstName": "Ana", "opportunityIds": [deal["id"]]}}))["createPerson"]
    assert person == {"givenName": "Ana", "firstName": "Ana", "opportunities": {"edges": [{"node": {"name": "Big one"}}]}}
    activity = (await api.gql(
        "mutation($i: CreateActivityInput!) { createActivity(input: $i) { account { name } company { name } } }",
        {"i": {"kind": "NOTE", "subject": "Met", "accountId": account["id"]}}))["createActivity"]
    assert activity == {"account": {"name": "Acme"}, "company": {"name": "Acme"}}
    # An old name and its new name both given is refused, and nothing is written.
    error = await api.error("mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
                            {"i": {"name": "Twice", "amount": "1.00", "value": "2.00", "stageId": stage,
                                   "accountId": account["id"]}})
    assert error["extensions"]["code"] == "VALIDATION" and "amount" in error["message"]
    assert (await api.gql("{ deals { totalCount } }"))["deals"]["totalCount"] == 1


async def test_without_keep_alias_the_old_names_go(api):
    await api.gql(REGISTER, {"d": {"name": "deal-terms", "renames": [{"entity": "Opportunity", "to": "Deal"}]}})
    assert (await api.gql("{ deals { totalCount } }"))["deals"]["totalCount"] == 0
    error = await api.error("{ opportunities { totalCount } }")
    assert "opportunities" in error["message"]


# -- the schema diff ------------------------------------------------------------------


async def export_schema(plugins: Path, database_url: str) -> Path:
    output = plugins.parent / f"{plugins.name}.graphql"
    process = await asyncio.create_subprocess_exec(
        *CLI, "export-schema", "-o", str(output), cwd=ROOT,
        env={**os.environ, "CRM_PLUGINS_DIR": str(plugins), "DATABASE_URL": database_url},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out = (await process.communicate())[0].decode()
    assert process.returncode == 0, out
    return output


async def schema_diff(before: Path, after: Path) -> tuple[int, str]:
    npx = shutil.which("npx")
    assert npx is not None, "npx is not installed: apt-get install nodejs npm (.ci/run installs it)"
    assert (SCHEMA_DIFF / "node_modules" / ".bin" / "graphql-inspector").exists(), \
        "graphql-inspector is not installed: run `make test-tools`"
    process = await asyncio.create_subprocess_exec(
        npx, "--no-install", "graphql-inspector", "diff", str(before), str(after), cwd=SCHEMA_DIFF,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out = (await process.communicate())[0].decode()
    return process.returncode, out


def toml(name: str, renames: list[dict]) -> str:
    def value(v) -> str:
        return str(v).lower() if isinstance(v, bool) else f'"{v}"'
    return f'name = "{name}"\n' + "".join(
        "[[renames]]\n" + "".join(f"{k} = {value(v)}\n" for k, v in rename.items()) for rename in renames)


# Renames one after another, each keeping the old names: Opportunity -> Deal -> Chance ->
# Opportunity again, `tier` -> `level` -> `grade` -> `tier`.
STEPS = [
    ("deal-terms", RENAMES),
    ("chance-terms", [{"entity": "Deal", "to": "Chance", "plural": "Chances", "keep_alias": True},
                      {"entity": "Account", "field": "level", "to": "grade", "keep_alias": True},
                      {"entity": "Account", "field": "deals", "to": "chances", "keep_alias": True}]),
    ("back-again", [{"entity": "Chance", "to": "Opportunity", "keep_alias": True},
                    {"entity": "Account", "field": "grade", "to": "tier", "keep_alias": True}]),
]


async def test_schema_diff_of_renames_keeping_old_names_finds_no_breaking_change(tmp_path, settings):
    schemas = []
    for step in range(len(STEPS) + 1):
        folder = tmp_path / f"step{step}"
        shutil.copytree(ROOT / "plugins", folder)
        for i, (name, renames) in enumerate(STEPS[:step]):
            (folder / f"zz{i}_{name}.toml").write_text(toml(name, renames))
        schemas.append(await export_schema(folder, settings.database_url))
    assert "type Chance implements Node" in schemas[2].read_text()
    for before, after in zip(schemas, schemas[1:]):
        code, report = await schema_diff(before, after)
        assert code == 0 and "No breaking changes detected" in report, f"{before.name} -> {after.name}\n{report}"


async def test_schema_diff_of_a_rename_without_keep_alias_finds_the_breaking_change(tmp_path, settings):
    before_dir, after_dir = tmp_path / "before", tmp_path / "after"
    shutil.copytree(ROOT / "plugins", before_dir)
    shutil.copytree(ROOT / "plugins", after_dir)
    (after_dir / "zz_deal_terms.toml").write_text(
        toml("deal-terms", [{**rename, "keep_alias": False} for rename in RENAMES]))
    code, report = await schema_diff(await export_schema(before_dir, settings.database_url),
                                     await export_schema(after_dir, settings.database_url))
    assert code != 0 and "breaking changes" in report and "opportunitiesAggregate" in report, report


async def test_search_looks_in_renamed_fields(api):
    """Search fields are named by key: a renamed email is still searched, under any name."""
    await api.gql('mutation { createPerson(input: {email: "ada@lovelace.example", lastName: "Lovelace"}) { id } }')
    await api.gql(REGISTER, {"d": {"name": "person-terms", "renames": [
        {"entity": "Person", "field": "email", "to": "mail", "keep_alias": True},
        {"entity": "Person", "field": "lastName", "to": "surname"}]}})
    for text in ("lovelace.example", "Lovelace", "ada love"):
        data = await api.gql('query($q: String!) { people(search: $q) { edges { node { mail surname } } } }',
                             {"q": text})
        assert data["people"]["edges"] == [{"node": {"mail": "ada@lovelace.example", "surname": "Lovelace"}}], text
