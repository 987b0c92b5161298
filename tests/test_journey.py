"""The customer journey: targets and leads converted (every create-or-select combination,
all or nothing), duplicate candidates, the pipeline's stage history, closing deals, calls,
meetings and tasks."""

from __future__ import annotations

import asyncio
import itertools
from datetime import date, datetime, timezone

import pytest

from crm_graphql import db
from crm_graphql.auth import tokens
from crm_graphql.ids import to_global_id
from crm_graphql.models import Role, Territory, User

from .conftest import TABLES
from .helpers import code_and_field, create_record, stage

LEAD = {"firstName": "Grace", "lastName": "Hopper", "email": "grace@compilers.example", "title": "CTO",
        "phone": "+1 555 0100", "companyName": "Compilers Inc", "website": "https://www.compilers.example",
        "source": "Webinar", "stage": "SQL"}
CONVERT_LEAD = """mutation($input: ConvertLeadInput!) { convertLead(input: $input) {
  lead { id stage version convertedAt convertedPerson { id } convertedAccount { id } convertedOpportunity { id } }
  person { id email firstName lastName title phone accounts { edges { node { id } } } }
  account { id name website primaryPerson { id } people { edges { node { id } } } }
  opportunity { id name amount expectedCloseDate stage { name } account { id } people { edges { node { id } } } }
  activities { id kind subject direction durationSeconds outcome startsAt endsAt dueDate done
               assignee { email } person { id } account { id } opportunity { id }
               attendees { edges { node { id } } } }
} }"""
CONVERT_TARGET = """mutation($id: ID!) { convertTarget(id: $id) {
  id firstName lastName email phone title companyName website source stage owner { email } } }"""
CANDIDATES = """query($id: ID!) { leadConversionCandidates(id: $id) {
  people { id email } accounts { id name } } }"""
CLOSE = """mutation($id: ID!, $won: Boolean!, $version: Int!) {
  closeOpportunity(id: $id, won: $won, version: $version) { id version closedOn stage { name } } }"""
UPDATE_OPPORTUNITY = """mutation($id: ID!, $version: Int!, $input: UpdateOpportunityInput!) {
  updateOpportunity(id: $id, version: $version, input: $input) { id version } }"""
STAGE_CHANGES = """query($id: ID!) { timeline(recordId: $id, kinds: [STAGE_CHANGE]) { edges { node {
  at stageChange { opportunity { id } fromStage { name } toStage { name } at user { email } } } } } }"""
COMPLETE = """mutation($id: ID!, $version: Int) { completeTask(id: $id, version: $version) {
  id done occurredAt version } }"""
MY_TASKS = """query($from: Date, $to: Date, $done: Boolean) { myTasks(dueFrom: $from, dueTo: $to, done: $done) {
  totalCount edges { node { subject dueDate done } } } }"""


async def lead(api, **values) -> dict:
    return await create_record(api, "Lead", {**LEAD, **values}, "version")


async def pipeline(api) -> dict[str, str]:
    """Stage IDs by name, with the won and lost stages out of order on purpose."""
    stages = [("Qualification", 1, 10), ("Proposal", 2, 50), ("Closed lost", 9, 0), ("Closed won", 8, 100),
              ("Lost late", 10, 0)]
    ids = {name: (await stage(api, name, position, probability))["id"] for name, position, probability in stages}
    await api.gql("mutation($id: ID!) { updatePipelineStage(id: $id, input: {isWon: true}) { id } }",
                  {"id": ids["Closed won"]})
    for name in ("Closed lost", "Lost late"):
        await api.gql("mutation($id: ID!) { updatePipelineStage(id: $id, input: {isLost: true}) { id } }",
                      {"id": ids[name]})
    return ids


async def row_counts() -> dict[str, int]:
    """Rows in every table of the test database."""
    conn = db.connection()
    return {table: (await conn.execute_query_dict(f'SELECT COUNT(*) AS n FROM "{table}"'))[0]["n"]
            for table in TABLES}


def ids(connection: dict) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


# -- targets ------------------------------------------------------------------------------


async def test_a_target_becomes_a_lead_with_its_details_and_links_to_it(api):
    target = await create_record(api, "Target", {
        "firstName": "Ada", "lastName": "Lovelace", "email": "ada@engines.example", "phone": "+44 20 7946 0000",
        "title": "Analyst", "companyName": "Analytical Engines", "website": "https://engines.example",
        "source": "Trade fair list", "status": "CONTACTED"})
    converted = (await api.gql(CONVERT_TARGET, {"id": target["id"]}))["convertTarget"]
    assert {k: v for k, v in converted.items() if k != "id"} == {
        "firstName": "Ada", "lastName": "Lovelace", "email": "ada@engines.example", "phone": "+44 20 7946 0000",
        "title": "Analyst", "companyName": "Analytical Engines", "website": "https://engines.example",
        "source": "Trade fair list", "stage": "ML", "owner": {"email": "admin@example.com"}}

    data = await api.gql("query($id: ID!) { target(id: $id) { status convertedAt convertedLead { id } version } }",
                         {"id": target["id"]})
    assert data["target"]["status"] == "CONVERTED"
    assert data["target"]["convertedLead"] == {"id": converted["id"]}
    assert data["target"]["convertedAt"] is not None
    assert data["target"]["version"] == 2


async def test_a_target_is_converted_once_and_never_when_disqualified(api):
    target = await create_record(api, "Target", {"email": "ada@engines.example"})
    lead_id = (await api.gql(CONVERT_TARGET, {"id": target["id"]}))["convertTarget"]["id"]
    error = await api.error(CONVERT_TARGET, {"id": target["id"]})
    assert code_and_field(error) == ("CONFLICT", "id")
    assert lead_id in error["message"]

    disqualified = await create_record(api, "Target", {"email": "no@example.com", "status": "DISQUALIFIED"})
    before = await row_counts()
    error = await api.error(CONVERT_TARGET, {"id": disqualified["id"]})
    assert code_and_field(error) == ("VALIDATION", "id")
    assert "disqualified" in error["message"]
    assert await row_counts() == before


# -- leads: every combination of creating and selecting ---------------------------------


@pytest.mark.parametrize("new_person, new_account, with_opportunity",
                         list(itertools.product([True, False], repeat=3)))
async def test_a_lead_becomes_a_person_and_an_account_created_or_selected(api, new_person, new_account,
                                                                          with_opportunity):
    ids_of = await pipeline(api)
    grace = await lead(api)
    existing_person = await create_record(api, "Person", {"email": "g.hopper@navy.example", "firstName": "G."})
    existing_account = await create_record(api, "Account", {"name": "US Navy", "website": "https://navy.example"})
    plan: dict = {"leadId": grace["id"]}
    if not new_person:
        plan["personId"] = existing_person["id"]
    if not new_account:
        plan["accountId"] = existing_account["id"]
    if with_opportunity:
        plan["opportunity"] = {"name": "Compiler licences", "stageId": ids_of["Proposal"], "amount": "12000.00",
                               "expectedCloseDate": "2026-09-30"}
    before = await row_counts()

    result = (await api.gql(CONVERT_LEAD, {"input": plan}))["convertLead"]

    person, account, opportunity = result["person"], result["account"], result["opportunity"]
    if new_person:
        assert {k: person[k] for k in ("email", "firstName", "lastName", "title", "phone")} == {
            "email": "grace@compilers.example", "firstName": "Grace", "lastName": "Hopper", "title": "CTO",
            "phone": "+1 555 0100"}
    else:
        assert person["id"] == existing_person["id"]
    if new_account:
        assert (account["name"], account["website"]) == ("Compilers Inc", "https://www.compilers.example")
        assert account["primaryPerson"] == {"id": person["id"]}
    else:
        assert account["id"] == existing_account["id"]
    assert person["id"] in ids(account["people"])
    assert account["id"] in ids(person["accounts"])
    if with_opportunity:
        assert opportunity["name"] == "Compiler licences"
        assert (opportunity["amount"], opportunity["expectedCloseDate"]) == ("12000.00", "2026-09-30")
        assert opportunity["stage"] == {"name": "Proposal"}
        assert opportunity["account"] == {"id": account["id"]}
        assert ids(opportunity["people"]) == [person["id"]]
    else:
        assert opportunity is None
    assert result["lead"] == {
        "id": grace["id"], "stage": "CONVERTED", "version": 2, "convertedAt": result["lead"]["convertedAt"],
        "convertedPerson": {"id": person["id"]}, "convertedAccount": {"id": account["id"]},
        "convertedOpportunity": {"id": opportunity["id"]} if with_opportunity else None}
    assert result["lead"]["convertedAt"] is not None

    after = await row_counts()
    assert after["person"] - before["person"] == int(new_person)
    assert after["account"] - before["account"] == int(new_account)
    assert after["opportunity"] - before["opportunity"] == int(with_opportunity)
    assert after["account_person"] - before["account_person"] == 1


async def test_a_conversion_logs_a_call_schedules_a_meeting_and_creates_a_task(api):
    grace = await lead(api)
    activities = [
        {"kind": "CALL", "subject": "Conversion call", "direction": "OUTBOUND", "durationSeconds": 540,
         "outcome": "Agreed to a pilot", "occurredAt": "2026-03-02T10:00:00+00:00"},
        {"kind": "MEETING", "subject": "Pilot kick-off", "startsAt": "2026-03-09T09:00:00+00:00",
         "endsAt": "2026-03-09T10:30:00+00:00"},
        {"kind": "TASK", "subject": "Send the pilot contract", "dueDate": "2026-03-05"},
    ]
    result = (await api.gql(CONVERT_LEAD, {"input": {"leadId": grace["id"], "activities": activities}}))["convertLead"]
    person, account = result["person"]["id"], result["account"]["id"]
    call, meeting, task = result["activities"]
    assert (call["kind"], call["direction"], call["durationSeconds"], call["outcome"]) == (
        "CALL", "OUTBOUND", 540, "Agreed to a pilot")
    assert (meeting["startsAt"], meeting["endsAt"]) == ("2026-03-09T09:00:00+00:00", "2026-03-09T10:30:00+00:00")
    assert ids(meeting["attendees"]) == [person]
    assert (task["dueDate"], task["done"], task["assignee"]) == ("2026-03-05", False, {"email": "admin@example.com"})
    for activity in result["activities"]:
        assert (activity["person"], activity["account"]) == ({"id": person}, {"id": account})


async def test_the_leads_activities_move_to_the_new_person_and_account(api):
    grace = await lead(api)
    call = await create_record(api, "Activity", {"kind": "CALL", "subject": "Qualification call",
                                                 "leadId": grace["id"]})
    result = (await api.gql(CONVERT_LEAD, {"input": {"leadId": grace["id"]}}))["convertLead"]
    query = "query($id: ID!) { node(id: $id) { ... on Activity { person { id } account { id } lead { id } version } } }"
    moved = (await api.gql(query, {"id": call["id"]}))["node"]
    assert moved == {"person": {"id": result["person"]["id"]}, "account": {"id": result["account"]["id"]},
                     "lead": {"id": grace["id"]}, "version": 2}


async def test_plugin_values_are_carried_over_and_overrides_win(api):
    grace = await lead(api)
    plan = {"leadId": grace["id"], "person": {"firstName": "Amazing Grace", "seniority": "EXECUTIVE"},
            "account": {"name": "Compilers International", "tier": "GOLD"}}
    result = (await api.gql(CONVERT_LEAD, {"input": plan}))["convertLead"]
    data = await api.gql("query($p: ID!, $a: ID!) { person(id: $p) { firstName lastName seniority } "
                         "account(id: $a) { name website tier } }",
                         {"p": result["person"]["id"], "a": result["account"]["id"]})
    assert data["person"] == {"firstName": "Amazing Grace", "lastName": "Hopper", "seniority": "EXECUTIVE"}
    assert data["account"] == {"name": "Compilers International", "website": "https://www.compilers.example",
                               "tier": "GOLD"}


# -- leads: all or nothing ------------------------------------------------------------


@pytest.mark.parametrize("broken, field", [
    ({"person": {"email": "not an email"}}, "person.email"),
    ({"opportunity": {"name": "Deal", "stageId": to_global_id("PipelineStage", 99999)}}, "opportunity.stageId"),
    ({"opportunity": {"name": "Deal", "stageId": "STAGE"}, "activities": [{"kind": "CALL", "subject": "   "}]},
     "activities.0.subject"),
])
async def test_a_conversion_that_fails_half_way_writes_nothing(api, broken, field):
    proposal = (await stage(api, "Proposal", 1, 50))["id"]
    grace = await lead(api)
    await create_record(api, "Activity", {"kind": "NOTE", "subject": "Met at the webinar", "leadId": grace["id"]})
    plan = {"leadId": grace["id"], "activities": [{"kind": "TASK", "subject": "Follow up"}], **broken}
    if plan.get("opportunity", {}).get("stageId") == "STAGE":
        plan["opportunity"]["stageId"] = proposal
    before = await row_counts()

    error = await api.error(CONVERT_LEAD, {"input": plan})

    assert code_and_field(error)[1] == field
    assert error["message"].startswith(field.rsplit(".", 1)[0] + ":")  # names the part that failed
    assert await row_counts() == before
    data = await api.gql("query($id: ID!) { lead(id: $id) { stage version convertedPerson { id } "
                         "activities { edges { node { person { id } account { id } version } } } } }",
                         {"id": grace["id"]})
    assert data["lead"]["stage"] == "SQL" and data["lead"]["version"] == 1
    assert data["lead"]["convertedPerson"] is None
    assert [e["node"] for e in data["lead"]["activities"]["edges"]] == [{"person": None, "account": None, "version": 1}]


async def test_converting_twice_or_converting_a_lost_lead_is_refused(api):
    grace = await lead(api)
    result = (await api.gql(CONVERT_LEAD, {"input": {"leadId": grace["id"]}}))["convertLead"]
    before = await row_counts()
    error = await api.error(CONVERT_LEAD, {"input": {"leadId": grace["id"]}})
    assert code_and_field(error) == ("CONFLICT", "leadId")
    assert "converted already" in error["message"] and result["person"]["id"] in error["message"]

    lost = await lead(api, email="lost@example.com", stage="LOST")
    error = await api.error(CONVERT_LEAD, {"input": {"leadId": lost["id"]}})
    assert code_and_field(error) == ("VALIDATION", "leadId")
    assert "lost lead cannot be converted" in error["message"]
    # Only the lost lead's creation was written (a row, its audit entry, its change).
    assert await row_counts() == {**before, "lead": before["lead"] + 1, "audit_entry": before["audit_entry"] + 1,
                                  "change_feed": before["change_feed"] + 1}


async def test_of_two_simultaneous_conversions_one_wins_and_the_other_writes_nothing(api):
    grace = await lead(api)
    before = await row_counts()
    first, second = await asyncio.gather(*(api.post(CONVERT_LEAD, {"input": {"leadId": grace["id"]}})
                                           for _ in range(2)))
    bodies = [first.json(), second.json()]
    assert sorted("errors" in body for body in bodies) == [False, True]
    refused = next(body for body in bodies if "errors" in body)["errors"][0]
    assert code_and_field(refused) == ("CONFLICT", "leadId")
    after = await row_counts()
    assert (after["person"] - before["person"], after["account"] - before["account"]) == (1, 1)


async def test_selecting_and_creating_the_same_part_is_refused(api):
    grace = await lead(api)
    person = await create_record(api, "Person", {"email": "someone@example.com"})
    error = await api.error(CONVERT_LEAD, {"input": {"leadId": grace["id"], "personId": person["id"],
                                                     "person": {"firstName": "X"}}})
    assert code_and_field(error) == ("VALIDATION", "person")


async def test_a_lead_the_user_may_not_see_cannot_be_converted(api):
    grace = await lead(api)
    sales = await api.user_token("sales@example.com", Role.SALES)
    error = await api.error(CONVERT_LEAD, {"input": {"leadId": grace["id"]}}, token=sales)
    assert code_and_field(error) == ("NOT_FOUND", "leadId")


async def test_a_sales_user_converts_their_own_lead(api):
    sales = await api.user_token("sales@example.com", Role.SALES)
    own = (await api.gql("mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }",
                         {"input": LEAD}, token=sales))["createLead"]
    result = (await api.gql(CONVERT_LEAD, {"input": {"leadId": own["id"], "activities": [
        {"kind": "TASK", "subject": "Call back"}]}}, token=sales))["convertLead"]
    assert result["lead"]["stage"] == "CONVERTED"
    assert result["activities"][0]["assignee"] == {"email": "sales@example.com"}


async def test_a_manager_converts_a_lead_into_an_account_of_their_territory(api):
    manager = await api.user_token("manager@example.com", Role.MANAGER)
    territory = await Territory.create(name="DACH")
    await (await User.get(email="manager@example.com")).territories.add(territory)
    own = (await api.gql("mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }",
                         {"input": LEAD}, token=manager))["createLead"]
    plan = {"leadId": own["id"], "account": {"territoryId": to_global_id("Territory", territory.id)}}
    result = (await api.gql(CONVERT_LEAD, {"input": plan}, token=manager))["convertLead"]
    # The person is theirs to see through the account it was created into.
    assert result["person"]["email"] == "grace@compilers.example"
    assert ids(result["account"]["people"]) == [result["person"]["id"]]


# -- candidates -------------------------------------------------------------------------


async def test_candidates_are_found_by_email_name_and_domain(api):
    grace = await lead(api, email="Grace@Compilers.example")
    same_email = await create_record(api, "Person", {"email": "grace@compilers.EXAMPLE"})
    await create_record(api, "Person", {"email": "grace@elsewhere.example"})
    same_name = await create_record(api, "Account", {"name": "compilers inc"})
    same_site = await create_record(api, "Account", {"name": "Compilers Incorporated",
                                                     "website": "http://compilers.example/about"})
    await create_record(api, "Account", {"name": "Other", "website": "https://notcompilers.example"})
    await create_record(api, "Account", {"name": "Sub", "website": "https://www.compilers.example.org"})

    found = (await api.gql(CANDIDATES, {"id": grace["id"]}))["leadConversionCandidates"]
    assert [p["id"] for p in found["people"]] == [same_email["id"]]
    assert sorted(a["id"] for a in found["accounts"]) == sorted([same_name["id"], same_site["id"]])


async def test_candidates_by_the_domain_of_the_email_alone(api):
    bare = await lead(api, companyName=None, website=None, email="kim@acme-tools.example")
    acme = await create_record(api, "Account", {"name": "ACME Tools", "website": "https://acme-tools.example"})
    found = (await api.gql(CANDIDATES, {"id": bare["id"]}))["leadConversionCandidates"]
    assert found == {"people": [], "accounts": [{"id": acme["id"], "name": "ACME Tools"}]}


async def test_candidates_are_only_records_the_user_may_see(api):
    sales_token = await api.user_token("sales@example.com", Role.SALES)
    own = (await api.gql("mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }",
                         {"input": LEAD}, token=sales_token))["createLead"]
    await create_record(api, "Account", {"name": "Compilers Inc"})  # the admin's, in no territory of theirs
    territory = await Territory.create(name="EMEA")
    await (await User.get(email="sales@example.com")).territories.add(territory)
    await tokens.users_changed(db.connection())  # as `crm-graphql users set --territory` does
    visible = await create_record(api, "Account", {"name": "Compilers Inc",
                                                   "territoryId": to_global_id("Territory", territory.id)})
    found = (await api.gql(CANDIDATES, {"id": own["id"]}, token=sales_token))["leadConversionCandidates"]
    assert [a["id"] for a in found["accounts"]] == [visible["id"]]


# -- the pipeline -----------------------------------------------------------------------


async def test_stage_changes_are_kept_with_time_and_user(api):
    ids_of = await pipeline(api)
    deal = await create_record(api, "Opportunity", {"name": "Deal", "stageId": ids_of["Qualification"]}, "version")
    started = datetime.now(timezone.utc)
    await api.gql(UPDATE_OPPORTUNITY, {"id": deal["id"], "version": 1, "input": {"name": "Same stage"}})
    await api.gql(UPDATE_OPPORTUNITY, {"id": deal["id"], "version": 2, "input": {"stageId": ids_of["Qualification"]}})
    await api.gql(UPDATE_OPPORTUNITY, {"id": deal["id"], "version": 3, "input": {"stageId": ids_of["Proposal"]}})

    edges = (await api.gql(STAGE_CHANGES, {"id": deal["id"]}))["timeline"]["edges"]
    assert len(edges) == 1
    change = edges[0]["node"]["stageChange"]
    assert {k: change[k] for k in ("opportunity", "fromStage", "toStage", "user")} == {
        "opportunity": {"id": deal["id"]}, "fromStage": {"name": "Qualification"},
        "toStage": {"name": "Proposal"}, "user": {"email": "admin@example.com"}}
    assert datetime.fromisoformat(change["at"]) >= started.replace(microsecond=0)

    # A stage no deal uses any more can go; the history keeps its name.
    await api.gql("mutation($id: ID!) { deletePipelineStage(id: $id) }", {"id": ids_of["Qualification"]})
    query = """query($id: ID!) { timeline(recordId: $id, kinds: [STAGE_CHANGE]) { edges { node {
      stageChange { fromStage { name } fromStageName toStageName } } } } }"""
    edges = (await api.gql(query, {"id": deal["id"]}))["timeline"]["edges"]
    assert edges[0]["node"]["stageChange"] == {"fromStage": None, "fromStageName": "Qualification",
                                               "toStageName": "Proposal"}


async def test_closing_an_opportunity_won_or_lost(api):
    ids_of = await pipeline(api)
    won = await create_record(api, "Opportunity", {"name": "Won", "stageId": ids_of["Proposal"]})
    lost = await create_record(api, "Opportunity", {"name": "Lost", "stageId": ids_of["Proposal"]})
    today = date.today().isoformat()

    closed = (await api.gql(CLOSE, {"id": won["id"], "won": True, "version": 1}))["closeOpportunity"]
    assert closed == {"id": won["id"], "version": 2, "closedOn": closed["closedOn"], "stage": {"name": "Closed won"}}
    assert closed["closedOn"] in (today, date.fromordinal(date.today().toordinal() + 1).isoformat())
    closed = (await api.gql(CLOSE, {"id": lost["id"], "won": False, "version": 1}))["closeOpportunity"]
    # The first lost stage by position, not by creation.
    assert closed["stage"] == {"name": "Closed lost"}

    edges = (await api.gql(STAGE_CHANGES, {"id": lost["id"]}))["timeline"]["edges"]
    assert [(e["node"]["stageChange"]["fromStage"]["name"], e["node"]["stageChange"]["toStage"]["name"])
            for e in edges] == [("Proposal", "Closed lost")]

    error = await api.error(CLOSE, {"id": won["id"], "won": False, "version": 2})
    assert code_and_field(error) == ("CONFLICT", "id")
    assert "closed already" in error["message"]


async def test_closing_needs_the_read_version_and_a_configured_stage(api):
    proposal = (await stage(api, "Proposal", 1, 50))["id"]
    deal = await create_record(api, "Opportunity", {"name": "Deal", "stageId": proposal})
    error = await api.error(CLOSE, {"id": deal["id"], "won": True, "version": 1})
    assert code_and_field(error) == ("VALIDATION", "won")
    assert "no pipeline stage is marked as won" in error["message"]

    won = await stage(api, "Closed won", 2, 100)
    await api.gql("mutation($id: ID!) { updatePipelineStage(id: $id, input: {isWon: true}) { id } }",
                  {"id": won["id"]})
    await api.gql(UPDATE_OPPORTUNITY, {"id": deal["id"], "version": 1, "input": {"name": "Renamed"}})
    error = await api.error(CLOSE, {"id": deal["id"], "won": True, "version": 1})
    assert code_and_field(error) == ("CONFLICT", "version")


# -- calls, meetings, tasks ----------------------------------------------------------


async def test_calls_and_meetings_keep_their_details_and_meetings_their_attendees(api):
    acme = await create_record(api, "Account", {"name": "Acme"})
    rollout = (await api.gql('mutation($a: ID!) { createProject(input: {name: "Rollout", accountId: $a}) { id } }',
                             {"a": acme["id"]}))["createProject"]
    ada = await create_record(api, "Person", {"email": "ada@acme.example"})
    bob = await create_record(api, "Person", {"email": "bob@acme.example"})
    meeting = await create_record(api, "Activity", {
        "kind": "MEETING", "subject": "Steering committee", "deliveryId": rollout["id"],
        "startsAt": "2026-04-01T14:00:00+00:00", "endsAt": "2026-04-01T15:00:00+00:00",
        "attendeeIds": [ada["id"], bob["id"]]}, "startsAt endsAt attendees { totalCount }")
    assert meeting["attendees"] == {"totalCount": 2}
    call = await create_record(api, "Activity", {
        "kind": "CALL", "subject": "Status call", "deliveryId": rollout["id"], "direction": "INBOUND",
        "durationSeconds": 300, "outcome": "On track"}, "direction durationSeconds outcome")
    assert (call["direction"], call["durationSeconds"], call["outcome"]) == ("INBOUND", 300, "On track")
    data = await api.gql("query($id: ID!) { project(id: $id) { activities { totalCount } } }", {"id": rollout["id"]})
    assert data["project"]["activities"]["totalCount"] == 2

    error = await api.error("mutation { createActivity(input: {kind: NOTE, subject: \"Nowhere\"}) { id } }")
    assert code_and_field(error)[0] == "VALIDATION" and "deliveryId" in error["message"]


async def test_completing_a_task(api):
    acme = await create_record(api, "Account", {"name": "Acme"})
    task = await create_record(api, "Activity", {"kind": "TASK", "subject": "Send offer", "accountId": acme["id"],
                                                 "dueDate": "2026-05-01"})
    done = (await api.gql(COMPLETE, {"id": task["id"]}))["completeTask"]
    assert (done["done"], done["version"]) == (True, 2)
    assert done["occurredAt"] is not None
    # Completing a done task changes nothing.
    assert (await api.gql(COMPLETE, {"id": task["id"]}))["completeTask"]["version"] == 2

    other = await create_record(api, "Activity", {"kind": "TASK", "subject": "Other", "accountId": acme["id"]})
    error = await api.error(COMPLETE, {"id": other["id"], "version": 7})
    assert code_and_field(error) == ("CONFLICT", "version")
    call = await create_record(api, "Activity", {"kind": "CALL", "subject": "Call", "accountId": acme["id"]})
    error = await api.error(COMPLETE, {"id": call["id"]})
    assert code_and_field(error) == ("VALIDATION", "id")


async def test_my_open_tasks_in_a_date_range(api):
    acme = await create_record(api, "Account", {"name": "Acme"})
    colleague = await create_record(api, "User", {"email": "colleague@example.com", "role": "SALES"})
    tasks = [("Due early", "2026-05-01", None), ("Due later", "2026-05-20", None), ("Due too late", "2026-06-15", None),
             ("Undated", None, None), ("Colleague's", "2026-05-10", colleague["id"])]
    for subject, due, assignee in tasks:
        values = {"kind": "TASK", "subject": subject, "accountId": acme["id"], "dueDate": due}
        if assignee:
            values["assigneeId"] = assignee
        await create_record(api, "Activity", values)
    completed = await create_record(api, "Activity", {"kind": "TASK", "subject": "Done already",
                                                      "accountId": acme["id"], "dueDate": "2026-05-02"})
    await api.gql(COMPLETE, {"id": completed["id"]})
    await create_record(api, "Activity", {"kind": "CALL", "subject": "Not a task", "accountId": acme["id"],
                                          "dueDate": "2026-05-03"})

    mine = (await api.gql(MY_TASKS, {"from": "2026-05-01", "to": "2026-05-31"}))["myTasks"]
    assert [e["node"]["subject"] for e in mine["edges"]] == ["Due early", "Due later"]
    assert mine["totalCount"] == 2
    done = (await api.gql(MY_TASKS, {"done": True}))["myTasks"]
    assert [e["node"]["subject"] for e in done["edges"]] == ["Done already"]
    everything = (await api.gql(MY_TASKS, {"done": None}))["myTasks"]
    assert [e["node"]["subject"] for e in everything["edges"]] == [
        "Due early", "Done already", "Due later", "Due too late", "Undated"]
