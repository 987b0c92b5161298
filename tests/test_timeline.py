"""Timelines of accounts, people, leads, opportunities and targets: every kind of event,
newest first, paged by cursor without skipping or repeating, under the access rules."""

from __future__ import annotations

from datetime import datetime

from crm_graphql.models import Role

from .helpers import code_and_field, create_record, stage

TIMELINE = """query($id: ID!, $first: Int, $after: String, $kinds: [TimelineKind!]) {
  timeline(recordId: $id, first: $first, after: $after, kinds: $kinds) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node {
      kind at summary user { email }
      activity { id subject }
      stageChange { fromStage { name } toStage { name } }
      conversion { target { id } lead { id } person { id } account { id } opportunity { id } }
      auditEntry { action recordId }
      attachment { id }
    } } } }"""
CONVERT_LEAD = """mutation($input: ConvertLeadInput!) { convertLead(input: $input) {
  person { id } account { id } opportunity { id } } }"""


async def events(api, record_id: str, *, token: str | None = None, **variables) -> list[dict]:
    data = await api.gql(TIMELINE, {"id": record_id, "first": 100, **variables}, token=token)
    return [edge["node"] for edge in data["timeline"]["edges"]]


def activity_subjects(nodes: list[dict]) -> list[str]:
    return [node["activity"]["subject"] for node in nodes if node["kind"] == "ACTIVITY"]


async def call(api, subject: str, occurred_at: str, **links) -> dict:
    return await create_record(api, "Activity", {"kind": "CALL", "subject": subject, "occurredAt": occurred_at,
                                                 **links}, "version")


async def test_events_of_every_kind_newest_first(api):
    proposal, won = (await stage(api, "Proposal", 1, 50))["id"], (await stage(api, "Negotiation", 2, 75))["id"]
    acme = await create_record(api, "Account", {"name": "Acme"})
    deal = await create_record(api, "Opportunity", {"name": "Deal", "stageId": proposal, "accountId": acme["id"]})
    await call(api, "January call", "2026-01-10T09:00:00+00:00", accountId=acme["id"])
    await call(api, "March call", "2026-03-10T09:00:00+00:00", accountId=acme["id"])
    await call(api, "February call", "2026-02-10T09:00:00+00:00", accountId=acme["id"])
    await api.gql("mutation($id: ID!, $s: ID!) { updateOpportunity(id: $id, version: 1, input: {stageId: $s}) { id } }",
                  {"id": deal["id"], "s": won})

    nodes = await events(api, acme["id"])
    moments = [datetime.fromisoformat(node["at"]) for node in nodes]
    assert moments == sorted(moments, reverse=True)
    assert activity_subjects(nodes) == ["March call", "February call", "January call"]
    # Made just now: the stage change and the account's audit entry come before last year's calls.
    kinds = [node["kind"] for node in nodes]
    assert set(kinds[:2]) == {"STAGE_CHANGE", "AUDIT"}
    change = next(node for node in nodes if node["kind"] == "STAGE_CHANGE")
    assert change["stageChange"] == {"fromStage": {"name": "Proposal"}, "toStage": {"name": "Negotiation"}}
    assert change["summary"] == "Stage changed from Proposal to Negotiation"
    assert change["user"] == {"email": "admin@example.com"}
    audit = next(node for node in nodes if node["kind"] == "AUDIT")
    assert audit["auditEntry"] == {"action": "create", "recordId": acme["id"]}
    assert nodes[-1]["summary"] == "Call: January call"

    only_calls = await events(api, acme["id"], kinds=["ACTIVITY"])
    assert [node["kind"] for node in only_calls] == ["ACTIVITY"] * 3


async def test_pages_follow_each_other_without_skipping_or_repeating(api):
    acme = await create_record(api, "Account", {"name": "Acme"})
    for day in range(1, 8):
        await call(api, f"Call {day}", f"2026-01-0{day}T09:00:00+00:00", accountId=acme["id"])
    # Two events at the very same moment: the order still tells them apart.
    await call(api, "Twin A", "2026-01-04T09:00:00+00:00", accountId=acme["id"])
    everything = await events(api, acme["id"], kinds=["ACTIVITY"])
    assert len(everything) == 8

    seen, after, pages = [], None, 0
    while True:
        data = (await api.gql(TIMELINE, {"id": acme["id"], "first": 3, "after": after,
                                         "kinds": ["ACTIVITY"]}))["timeline"]
        pages += 1
        assert data["totalCount"] == 8
        assert data["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen += [edge["node"]["activity"]["id"] for edge in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert pages == 3
    assert seen == [node["activity"]["id"] for node in everything]


async def test_times_in_other_zones_are_ordered_as_the_moments_they_are(api):
    acme = await create_record(api, "Account", {"name": "Acme"})
    await call(api, "At ten UTC", "2026-01-10T10:00:00+00:00", accountId=acme["id"])
    moved = await call(api, "Moved", "2026-01-01T00:00:00+00:00", accountId=acme["id"])
    # 11:30 in UTC+2 is 09:30 UTC: before the other call, whatever the clock says.
    await api.gql("mutation($id: ID!) { updateActivity(id: $id, version: 1, "
                  "input: {occurredAt: \"2026-01-10T11:30:00+02:00\"}) { id } }", {"id": moved["id"]})
    assert activity_subjects(await events(api, acme["id"], kinds=["ACTIVITY"])) == ["At ten UTC", "Moved"]


async def test_a_person_sees_the_meetings_they_attend(api):
    acme = await create_record(api, "Account", {"name": "Acme"})
    ada = await create_record(api, "Person", {"email": "ada@acme.example"})
    await create_record(api, "Activity", {"kind": "MEETING", "subject": "Workshop", "accountId": acme["id"],
                                          "startsAt": "2026-02-01T10:00:00+00:00", "attendeeIds": [ada["id"]]})
    assert activity_subjects(await events(api, ada["id"])) == ["Workshop"]


async def test_conversions_appear_on_every_record_they_touch(api):
    proposal = (await stage(api, "Proposal", 1, 50))["id"]
    target = await create_record(api, "Target", {"firstName": "Grace", "lastName": "Hopper",
                                                 "email": "grace@compilers.example", "companyName": "Compilers"})
    await api.gql("mutation($id: ID!) { updateTarget(id: $id, version: 1, input: {status: CONTACTED}) { id } }",
                  {"id": target["id"]})
    lead = (await api.gql("mutation($id: ID!) { convertTarget(id: $id) { id } }",
                          {"id": target["id"]}))["convertTarget"]
    converted = (await api.gql(CONVERT_LEAD, {"input": {"leadId": lead["id"], "opportunity": {
        "name": "Licences", "stageId": proposal}}}))["convertLead"]

    lead_events = await events(api, lead["id"], kinds=["CONVERSION"])
    assert [node["conversion"] for node in lead_events] == [
        {"target": None, "lead": {"id": lead["id"]}, "person": converted["person"],
         "account": converted["account"], "opportunity": converted["opportunity"]},
        {"target": {"id": target["id"]}, "lead": {"id": lead["id"]}, "person": None, "account": None,
         "opportunity": None},
    ]
    assert [node["summary"] for node in lead_events] == ["Lead Grace Hopper converted",
                                                         "Target Grace Hopper converted to a lead"]
    for record in (converted["person"], converted["account"], converted["opportunity"]):
        nodes = await events(api, record["id"], kinds=["CONVERSION"])
        assert [node["conversion"]["lead"] for node in nodes] == [{"id": lead["id"]}]

    # The lead carries the target's history: its creation, update and conversion.
    audits = [node["auditEntry"] for node in await events(api, lead["id"], kinds=["AUDIT"])]
    assert {"action": "update", "recordId": target["id"]} in audits
    assert {"action": "create", "recordId": target["id"]} in audits
    assert {"action": "convert", "recordId": lead["id"]} in audits
    target_events = await events(api, target["id"], kinds=["CONVERSION"])
    assert [node["conversion"]["lead"] for node in target_events] == [{"id": lead["id"]}]


async def test_the_timeline_obeys_the_access_rules(api):
    sales = await api.user_token("sales@example.com", Role.SALES)
    own = (await api.gql('mutation { createAccount(input: {name: "Own"}) { id } }', token=sales))["createAccount"]
    await call(api, "Call on their account", "2026-01-10T09:00:00+00:00", accountId=own["id"])
    nodes = await events(api, own["id"], token=sales)
    # Sales users do not read the audit log: its entries are not on their timelines either.
    assert [node["kind"] for node in nodes] == ["ACTIVITY"]
    data = await api.gql("query($id: ID!) { timeline(recordId: $id) { totalCount } }", {"id": own["id"]}, token=sales)
    assert data["timeline"]["totalCount"] == 1

    hidden = await create_record(api, "Account", {"name": "Not theirs"})
    error = await api.error(TIMELINE, {"id": hidden["id"]}, token=sales)
    assert code_and_field(error) == ("NOT_FOUND", "recordId")


async def test_records_without_a_timeline_and_foreign_cursors_are_refused(api):
    phase_owner = await create_record(api, "Account", {"name": "Acme"})
    project = (await api.gql('mutation($a: ID!) { createProject(input: {name: "Rollout", accountId: $a}) { id } }',
                             {"a": phase_owner["id"]}))["createProject"]
    error = await api.error(TIMELINE, {"id": project["id"]})
    assert code_and_field(error) == ("VALIDATION", "recordId")
    error = await api.error("query($id: ID!) { timeline(recordId: $id, after: \"zz\") { totalCount } }",
                            {"id": phase_owner["id"]})
    assert code_and_field(error) == ("VALIDATION", "after")
