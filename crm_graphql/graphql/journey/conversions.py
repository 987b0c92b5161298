"""`convertTarget`, `convertLead` and `leadConversionCandidates`."""

from __future__ import annotations

from typing import Any

import strawberry

from ...catalog import Catalog
from ...errors import NotFoundError
from ...journey import conversions
from ...journey.lookup import entity_pk
from ...records import Writer
from ..context import context_of
from .. import names
from ..inputs import EntityInputs, input_values
from ..relay import make
from ..types import EntityTypes
from .loading import forward_page, node

CANDIDATES_PER_KIND = 10


def query_fields(catalog: Catalog, types: EntityTypes) -> dict[str, Any]:
    leads, people, accounts = catalog["Lead"], catalog["Person"], catalog["Account"]
    candidates_type = types.factory.object_type("LeadConversionCandidates", {
        "people": strawberry.field(graphql_type=list[types.objects["Person"]],
                                   description=f"{people.plural} with the lead's email."),
        "accounts": strawberry.field(
            graphql_type=list[types.objects["Account"]],
            description=f"{accounts.plural} with the lead's company name, or whose website is on the "
                        "domain of the lead's website or email."),
    }, description="Existing records a lead's conversion may select instead of creating duplicates.")

    async def lead_conversion_candidates(info: strawberry.Info, id: strawberry.ID, first: int = CANDIDATES_PER_KIND):
        context = context_of(info)
        limit = forward_page(info, first, None).size
        found = await conversions.conversion_candidates(context.reader, context.actor, entity_pk(leads, id), limit)
        return make(candidates_type, {
            "people": [types.node(people, row) for row in found.people],
            "accounts": [types.node(accounts, row) for row in found.accounts],
        })

    return {
        "lead_conversion_candidates": strawberry.field(
            resolver=lead_conversion_candidates, graphql_type=candidates_type,
            description="Before converting a lead: people and accounts it may be a duplicate of "
                        "(the `first` of each)."),
    }


def mutation_fields(catalog: Catalog, types: EntityTypes, inputs: EntityInputs, writer: Writer) -> dict[str, Any]:
    targets, leads = catalog["Target"], catalog["Lead"]
    # The inputs of the entities' first names, which this input had before any rename.
    person, account = names.first_name(catalog["Person"]), names.first_name(catalog["Account"])
    opportunity, activity = names.first_name(catalog["Opportunity"]), names.first_name(catalog["Activity"])
    convert_input = types.factory.input_type("ConvertLeadInput", {
        "lead_id": strawberry.field(name="leadId", graphql_type=strawberry.ID),
        "person_id": strawberry.field(name="personId", graphql_type=strawberry.ID | None, default=None,
                                      description=f"An existing {person} to select instead of creating one."),
        "person": strawberry.field(graphql_type=inputs.update[person] | None, default=None,
                                   description=f"For a new {person}: values other than the lead's details."),
        "account_id": strawberry.field(name="accountId", graphql_type=strawberry.ID | None, default=None,
                                       description=f"An existing {account} to select instead of creating one."),
        "account": strawberry.field(graphql_type=inputs.update[account] | None, default=None,
                                    description=f"For a new {account}: values other than the lead's "
                                                "company name and website."),
        "opportunity": strawberry.field(graphql_type=inputs.create[opportunity] | None, default=None,
                                        description=f"A new {opportunity} of the account, with the person."),
        "activities": strawberry.field(
            graphql_type=list[inputs.create[activity]] | None, default=None,
            description="Calls to log, meetings to schedule and tasks to create, about the new records "
                        "unless they name others; a meeting's attendee is the person, a task is yours, "
                        "unless they say otherwise."),
    }, description="What a lead becomes: a person and an account, each created or selected, and "
                   "perhaps an opportunity and activities.")
    conversion_type = types.factory.object_type("LeadConversion", {
        "lead": _loaded(types, "Lead", "lead"),
        "person": _loaded(types, "Person", "person"),
        "account": _loaded(types, "Account", "account"),
        "opportunity": _loaded(types, "Opportunity", "opportunity"),
        "activities": strawberry.field(graphql_type=list[types.objects["Activity"]], resolver=_activities(types)),
    }, description="The records a lead was converted into.")

    async def convert_target(info: strawberry.Info, id: strawberry.ID):
        context = context_of(info)
        lead_pk = await conversions.convert_target(writer, context.reader, context.actor, entity_pk(targets, id))
        lead = await node(info, types, "Lead", lead_pk)
        if lead is None:
            raise NotFoundError("the target was converted, but you may not see the lead", field="id")
        return lead

    async def convert_lead(info: strawberry.Info, input: Any):
        context = context_of(info)
        converted = await conversions.convert_lead(writer, context.reader, context.actor,
                                                   entity_pk(leads, input.lead_id, "leadId"), _plan(catalog, input))
        return make(conversion_type, vars(converted))

    convert_lead.__annotations__ = {"info": strawberry.Info, "input": convert_input}
    return {
        "convert_target": strawberry.field(
            resolver=convert_target, graphql_type=types.objects["Lead"],
            description="Makes a lead of a target, with its details, owner and history; the target is "
                        "marked CONVERTED and links to the lead."),
        "convert_lead": strawberry.field(
            resolver=convert_lead, graphql_type=conversion_type,
            description="Converts a lead in one transaction: a person and an account (created or selected), "
                        "perhaps an opportunity and activities; the lead's activities move to the person "
                        "and account. If any part is refused, nothing is written."),
    }


def _plan(catalog: Catalog, input: Any) -> conversions.LeadConversion:
    def given(value) -> dict:
        return {} if value is None else input_values(value)

    return conversions.LeadConversion(
        person_id=None if input.person_id is None else entity_pk(catalog["Person"], input.person_id, "personId"),
        person=given(input.person),
        account_id=None if input.account_id is None else entity_pk(catalog["Account"], input.account_id, "accountId"),
        account=given(input.account),
        opportunity=None if input.opportunity is None else input_values(input.opportunity),
        activities=[input_values(activity) for activity in input.activities or []],
    )


def _loaded(types: EntityTypes, entity_key: str, attr: str):
    async def resolve(root, info: strawberry.Info):
        return await node(info, types, entity_key, root.__dict__[attr])

    return strawberry.field(graphql_type=types.objects[entity_key] | None, resolver=resolve)


def _activities(types: EntityTypes):
    entity = types.catalog["Activity"]

    async def resolve(root, info: strawberry.Info):
        rows = await context_of(info).records(entity).load_many(root.__dict__["activities"])
        return [types.node(entity, row) for row in rows if row is not None]

    return resolve
