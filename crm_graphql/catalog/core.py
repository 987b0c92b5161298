"""The core entities of the CRM, as the API exposes them before any plugin."""

from __future__ import annotations

from enum import Enum

from .. import models
from ..ids import to_global_id
from .model import (
    ACCOUNT, ADMIN_ONLY, PROSPECT, SYSTEM, Access, Catalog, Collection, ComputedField, Entity, Field, Hop, Option,
    Reference,
)


def _camel(column: str) -> str:
    head, *rest = column.split("_")
    return head + "".join(part.title() for part in rest)


def col(column: str, type_: str, **kwargs) -> Field:
    return Field(name=kwargs.pop("name", _camel(column)), type=type_, column=column, **kwargs)


def choice(column: str, enum: type[Enum], enum_name: str, **kwargs) -> Field:
    options = tuple(Option(member.value) for member in enum)
    return col(column, "select", options=options, enum_name=enum_name, **kwargs)


def ref(name: str, target: str, **kwargs) -> Reference:
    """A reference named by its snake_case column stem: `ref("primary_person", ...)`."""
    return Reference(name=_camel(name), target=target, column=kwargs.pop("column", f"{name}_id"), **kwargs)


def _timestamps() -> list[Field]:
    return [
        col("created_at", "datetime", required=True, writable=False),
        col("updated_at", "datetime", required=True, writable=False),
    ]


def _record_fields(*fields: Field) -> list[Field]:
    return [*fields, *_timestamps(), col("version", "int", required=True, writable=False)]


def _owner() -> Reference:
    return ref("owner", "User")


# How records reach the accounts they belong to (see `Access`).
ITSELF: tuple[Hop, ...] = ()
ACCOUNT_COLUMN = (Hop("account", column="account_id"),)
PERSON_ACCOUNTS = (Hop("account", link=("account_person", "person_id", "account_id")),)


def _belongs_to_accounts(*paths: tuple[Hop, ...], owners: tuple[str, ...] = ("owner_id",)) -> Access:
    return Access(ACCOUNT, owners=owners, accounts=paths)


def core_catalog() -> Catalog:
    """A fresh catalog of the core entities (plugins then change their own copy)."""
    person_name = [col("first_name", "text"), col("last_name", "text")]
    contact = [
        col("email", "email"), col("phone", "text"), col("title", "text"),
        col("company_name", "text"), col("website", "url"), col("source", "text"),
    ]
    entities = [
        Entity(
            key="Territory", table="territory", model=models.Territory, is_record=False, plural="territories",
            admin_only_writes=True, search_fields=("name",),
            fields=[col("name", "text", required=True), *_timestamps()],
            collections=[Collection("accounts", "Account", foreign_column="territory_id")],
        ),
        Entity(
            key="Team", table="team", model=models.Team, is_record=False, admin_only_writes=True,
            search_fields=("name",),
            fields=[col("name", "text", required=True), *_timestamps()],
            collections=[Collection("members", "User", foreign_column="team_id")],
        ),
        Entity(
            key="User", table="crm_user", model=models.User, is_record=False,
            access=Access(SYSTEM, owners=("id",)),
            admin_only_writes=True, search_fields=("name", "email"),
            fields=[
                col("email", "email", required=True), col("name", "text"),
                choice("role", models.Role, "Role", required=True, default=models.Role.SALES.value),
                col("is_active", "boolean", required=True, default=True), *_timestamps(),
            ],
            references=[ref("team", "Team")],
        ),
        Entity(
            key="PipelineStage", table="pipeline_stage", model=models.PipelineStage,
            is_record=False, admin_only_writes=True, default_order=(("position", False),),
            search_fields=("name",),
            fields=[
                col("name", "text", required=True), col("position", "int", required=True),
                col("probability", "int", required=True, default=0),
                col("is_won", "boolean", required=True, default=False),
                col("is_lost", "boolean", required=True, default=False), *_timestamps(),
            ],
            collections=[Collection("opportunities", "Opportunity", foreign_column="stage_id")],
        ),
        Entity(
            key="Target", table="target", model=models.Target, access=Access(PROSPECT, owners=("owner_id",)),
            description="A person or company not yet contacted (bought lists, research).",
            search_fields=("first_name", "last_name", "email", "company_name"),
            fields=_record_fields(
                *person_name, *contact,
                choice("status", models.TargetStatus, "TargetStatus", required=True,
                       default=models.TargetStatus.NEW.value),
                col("converted_at", "datetime", writable=False),
            ),
            references=[_owner(), ref("converted_lead", "Lead", column="converted_lead_id", writable=False)],
        ),
        Entity(
            key="Lead", table="lead", model=models.Lead, access=Access(PROSPECT, owners=("owner_id",)),
            description="Someone who showed interest, with person and company details in one record.",
            search_fields=("first_name", "last_name", "email", "company_name"),
            fields=_record_fields(
                *person_name, *contact,
                choice("stage", models.LeadStage, "LeadStage", required=True,
                       default=models.LeadStage.ML.value),
                col("converted_at", "datetime", writable=False),
            ),
            references=[
                _owner(),
                ref("converted_person", "Person", writable=False),
                ref("converted_account", "Account", writable=False),
                ref("converted_opportunity", "Opportunity", writable=False),
            ],
            collections=[Collection("activities", "Activity", foreign_column="lead_id")],
        ),
        Entity(
            key="Person", table="person", model=models.Person, plural="people",
            access=_belongs_to_accounts(PERSON_ACCOUNTS),
            description="A contact; the email is the only required field.",
            search_fields=("first_name", "last_name", "email"),
            fields=_record_fields(
                col("email", "email", required=True), *person_name, col("title", "text"),
                col("phone", "text"), col("linkedin_url", "url"),
            ),
            references=[_owner()],
            collections=[
                Collection("accounts", "Account", link_table="account_person",
                           link_from="person_id", link_to="account_id",
                           link_model=models.AccountPerson),
                Collection("opportunities", "Opportunity", link_table="opportunity_person",
                           link_from="person_id", link_to="opportunity_id",
                           link_model=models.OpportunityPerson),
                Collection("activities", "Activity", foreign_column="person_id"),
            ],
        ),
        Entity(
            key="Account", table="account", model=models.Account, access=_belongs_to_accounts(ITSELF),
            description="A company: prospect or customer.", search_fields=("name", "website"),
            fields=_record_fields(
                col("name", "text", required=True), col("website", "url"), col("industry", "text"),
                col("annual_revenue", "money"), col("employee_count", "int"),
                choice("billing_stage", models.BillingStage, "BillingStage", required=True,
                       default=models.BillingStage.PROSPECT.value),
                col("contract_end_date", "date"),
            ),
            references=[_owner(), ref("primary_person", "Person"), ref("territory", "Territory")],
            collections=[
                Collection("people", "Person", link_table="account_person",
                           link_from="account_id", link_to="person_id",
                           link_model=models.AccountPerson),
                Collection("opportunities", "Opportunity", foreign_column="account_id"),
                Collection("activities", "Activity", foreign_column="account_id"),
                Collection("deliveries", "Delivery", foreign_column="account_id"),
                Collection("billingEntries", "BillingEntry", foreign_column="account_id"),
            ],
        ),
        Entity(
            key="Opportunity", table="opportunity", model=models.Opportunity,
            access=_belongs_to_accounts(ACCOUNT_COLUMN),
            plural="opportunities", description="A deal in the pipeline.", search_fields=("name",),
            fields=_record_fields(
                col("name", "text", required=True), col("amount", "money"),
                col("currency", "text", required=True, default="EUR"),
                col("expected_close_date", "date"), col("closed_on", "date"),
                col("commission", "money", description="The salesperson's commission on the deal."),
            ),
            references=[_owner(), ref("stage", "PipelineStage", required=True), ref("account", "Account")],
            collections=[
                Collection("people", "Person", link_table="opportunity_person",
                           link_from="opportunity_id", link_to="person_id",
                           link_model=models.OpportunityPerson),
                Collection("activities", "Activity", foreign_column="opportunity_id"),
                Collection("deliveries", "Delivery", foreign_column="opportunity_id"),
            ],
        ),
        Entity(
            key="Activity", table="activity", model=models.Activity, plural="activities",
            # An activity belongs to its account, its deal's account and its person's accounts;
            # its assignee sees it like its owner.
            access=_belongs_to_accounts(
                ACCOUNT_COLUMN,
                (Hop("opportunity", column="opportunity_id"), *ACCOUNT_COLUMN),
                (Hop("person", column="person_id"), *PERSON_ACCOUNTS),
                owners=("owner_id", "assignee_id"),
            ),
            description="A call, meeting, task or note on the timeline of a record.",
            default_order=(("created_at", True),), search_fields=("subject",),
            one_of_references=("account", "person", "lead", "opportunity", "delivery"),
            fields=_record_fields(
                choice("kind", models.ActivityKind, "ActivityKind", required=True),
                col("subject", "text", required=True), col("body", "text"),
                col("occurred_at", "datetime"), col("due_date", "date"),
                col("done", "boolean", required=True, default=False),
                choice("direction", models.CallDirection, "CallDirection",
                       description="Of a call: who called whom."),
                col("duration_seconds", "int", description="Of a call: how long it took."),
                col("outcome", "text", description="Of a call: what came of it."),
                col("starts_at", "datetime", description="Of a meeting: when it starts."),
                col("ends_at", "datetime", description="Of a meeting: when it ends."),
            ),
            references=[
                _owner(), ref("assignee", "User"), ref("account", "Account"),
                ref("person", "Person"), ref("lead", "Lead"), ref("opportunity", "Opportunity"),
                ref("delivery", "Delivery"),
            ],
            collections=[
                Collection("attendees", "Person", link_table="activity_attendee",
                           link_from="activity_id", link_to="person_id",
                           link_model=models.ActivityAttendee, input_name="attendeeIds"),
            ],
        ),
        Entity(
            key="Delivery", table="delivery", model=models.Delivery, plural="deliveries",
            access=_belongs_to_accounts(ACCOUNT_COLUMN),
            description="What was sold and is being delivered.", search_fields=("name",),
            fields=_record_fields(
                col("name", "text", required=True),
                choice("status", models.DeliveryStatus, "DeliveryStatus", required=True,
                       default=models.DeliveryStatus.PLANNED.value),
                col("start_date", "date"), col("due_date", "date"),
            ),
            references=[
                _owner(), ref("account", "Account", required=True), ref("opportunity", "Opportunity"),
                ref("responsible", "User"),
            ],
            collections=[
                Collection("phases", "DeliveryPhase", foreign_column="delivery_id"),
                Collection("activities", "Activity", foreign_column="delivery_id"),
            ],
        ),
        Entity(
            key="DeliveryPhase", table="delivery_phase", model=models.DeliveryPhase,
            access=_belongs_to_accounts((Hop("delivery", column="delivery_id"), *ACCOUNT_COLUMN)),
            default_order=(("position", False),), search_fields=("name",),
            fields=_record_fields(
                col("name", "text", required=True), col("position", "int", required=True, default=1),
                col("start_date", "date"), col("end_date", "date"),
                col("done", "boolean", required=True, default=False),
            ),
            references=[_owner(), ref("delivery", "Delivery", required=True)],
        ),
        Entity(
            key="BillingEntry", table="billing_entry", model=models.BillingEntry,
            access=_belongs_to_accounts(ACCOUNT_COLUMN),
            plural="billingEntries", description="An invoice or payment in an account's billing history.",
            search_fields=("description",),
            default_order=(("date", True),),
            fields=_record_fields(
                col("date", "date", required=True), col("amount", "money", required=True),
                col("currency", "text", required=True, default="EUR"),
                choice("status", models.BillingStatus, "BillingStatus", required=True,
                       default=models.BillingStatus.DRAFT.value),
                col("description", "text"),
            ),
            references=[_owner(), ref("account", "Account", required=True)],
        ),
        Entity(
            key="AuditEntry", table="audit_entry", model=models.AuditEntry, plural="auditEntries",
            access=Access(ADMIN_ONLY),
            is_record=False, read_only=True, default_order=(("at", True),),
            description="A change to a record: who, when, and each field's old and new value.",
            fields=[
                col("at", "datetime", required=True, writable=False),
                col("action", "text", required=True, writable=False,
                    description="create, update, delete or a conversion."),
                col("entity", "text", required=True, writable=False, description="The record's entity."),
                col("record_id", "int", name="recordNumber", required=True, writable=False,
                    description="The record's number within its entity; `recordId` is its global ID."),
                col("changes", "json", required=True, writable=False, filterable=False,
                    description="Field name to [old, new] value."),
                col("request_id", "text", writable=False,
                    description="The id of the HTTP request that made the change (its `X-Request-Id` header)."),
            ],
            references=[ref("user", "User", writable=False)],
            computed=[ComputedField("recordId", "id", resolve=_audited_record_id,
                                    description="The global ID of the changed record.")],
        ),
    ]
    return Catalog({entity.key: entity for entity in entities})


async def _audited_record_id(entry: dict, load) -> str:
    return to_global_id(entry["entity"], entry["record_id"])
