"""`timeline(recordId:, first:, after:, kinds:)`: what happened to a record, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from ...catalog import Catalog
from ...journey import timeline
from ...journey.lookup import record_of
from ...journey.timeline import TimelineEvent, TimelineKind
from ...query.reader import Page
from ...query.timeline import TIMELINE_ENTITIES, TimelineSource
from ..context import context_of
from ..relay import ConnectionTypes, make
from ..types import EntityTypes
from .attachments import attachment_node, attachment_type
from .loading import forward_page, node


class TimelineTypes:
    """The timeline's object types for one schema build, and how to fill them."""

    def __init__(self, types: EntityTypes) -> None:
        self.types = types
        factory = types.factory
        self.kind = factory.enum_type("TimelineKind", tuple(kind.value for kind in TimelineKind),
                                      description="What a timeline event is.")
        self.stage_change = factory.object_type("OpportunityStageChange", {
            "opportunity": self._loaded("Opportunity", "opportunity_id"),
            "from_stage": self._loaded("PipelineStage", "from_stage_id", description="Null once deleted."),
            "from_stage_name": strawberry.field(graphql_type=str, description="As the stage was called then."),
            "to_stage": self._loaded("PipelineStage", "to_stage_id", description="Null once deleted."),
            "to_stage_name": strawberry.field(graphql_type=str, description="As the stage was called then."),
            "at": strawberry.field(graphql_type=datetime),
            "user": self._loaded("User", "user_id", description="Who changed the stage."),
        }, description="An opportunity's move from one pipeline stage to another.")
        self.conversion = factory.object_type("Conversion", {
            "target": self._loaded("Target", "target_pk"),
            "lead": self._loaded("Lead", "lead_pk"),
            "person": self._loaded("Person", "person_pk"),
            "account": self._loaded("Account", "account_pk"),
            "opportunity": self._loaded("Opportunity", "opportunity_pk"),
        }, description="A target converted to a lead, or a lead converted to a person, an account and "
                       "perhaps an opportunity.")
        self.event = factory.object_type("TimelineEvent", {
            "kind": strawberry.field(graphql_type=self.kind),
            "at": strawberry.field(graphql_type=datetime),
            "summary": strawberry.field(graphql_type=str, description="What happened, in a line."),
            "user": self._loaded("User", "user_id", description="Who did it, when that is known."),
            "activity": strawberry.field(graphql_type=types.objects["Activity"] | None),
            "stage_change": strawberry.field(graphql_type=self.stage_change | None),
            "conversion": strawberry.field(graphql_type=self.conversion | None),
            "audit_entry": strawberry.field(graphql_type=types.objects["AuditEntry"] | None),
            "attachment": strawberry.field(graphql_type=attachment_type(types) | None),
        }, description="One event on a record's timeline; the field named after its kind holds it.")
        self.connection = ConnectionTypes(factory, "TimelineEvent", self.event)

    def values(self, event: TimelineEvent) -> dict:
        """The event as its object type reads it."""
        values = {"kind": event.kind.value, "at": event.at, "summary": event.summary, "user_id": event.user_id,
                  "activity": None, "stage_change": None, "conversion": None, "audit_entry": None,
                  "attachment": None}
        row, source, catalog = event.row, event.source, self.types.catalog
        if source is TimelineSource.ACTIVITY:
            values["activity"] = self.types.node(catalog["Activity"], row)
        elif source is TimelineSource.STAGE_CHANGE:
            values["stage_change"] = make(self.stage_change, row)
        elif source is TimelineSource.LEAD_CONVERSION:
            values["conversion"] = make(self.conversion, {
                "target_pk": None, "lead_pk": row["pk"], "person_pk": row["converted_person_id"],
                "account_pk": row["converted_account_id"], "opportunity_pk": row["converted_opportunity_id"]})
        elif source is TimelineSource.TARGET_CONVERSION:
            values["conversion"] = make(self.conversion, {
                "target_pk": row["pk"], "lead_pk": row["converted_lead_id"], "person_pk": None,
                "account_pk": None, "opportunity_pk": None})
        elif source is TimelineSource.AUDIT:
            values["audit_entry"] = self.types.node(catalog["AuditEntry"], row)
        else:
            values["attachment"] = attachment_node(self.types, row)
        return values

    def _loaded(self, entity_key: str, attr: str, description: str | None = None):
        types = self.types

        async def resolve(root, info: strawberry.Info):
            return await node(info, types, entity_key, root.__dict__[attr])

        return strawberry.field(graphql_type=types.objects[entity_key] | None, resolver=resolve,
                                description=description)


def query_fields(catalog: Catalog, types: EntityTypes) -> dict[str, Any]:
    timeline_types = TimelineTypes(types)

    async def record_timeline(info: strawberry.Info, record_id: strawberry.ID, first: int | None = None,
                              after: str | None = None, kinds: list[Any] | None = None):
        context = context_of(info)
        entity, pk = record_of(catalog, record_id)
        chosen = None if kinds is None else [TimelineKind(kind.value) for kind in kinds]
        page = await timeline.timeline(context.reader, context.actor, entity, pk, forward_page(info, first, after),
                                       chosen)
        rows = [timeline_types.values(event) for event in page.events]
        cursors = [event.cursor for event in page.events]
        return timeline_types.connection.build(Page(rows, cursors, page.info), page.count)

    record_timeline.__annotations__ = {
        "info": strawberry.Info, "record_id": strawberry.ID, "first": int | None, "after": str | None,
        "kinds": list[timeline_types.kind] | None,
    }
    names = ", ".join(catalog[key].plural for key in TIMELINE_ENTITIES)
    return {
        "timeline": strawberry.field(
            resolver=record_timeline, graphql_type=timeline_types.connection.connection,
            description=f"What happened to a record ({names}), newest first: activities, stage changes, "
                        "conversions, audit entries (for those who may read the audit log) and attachments; "
                        "`kinds` picks some."),
    }
