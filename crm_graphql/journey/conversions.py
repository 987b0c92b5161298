"""Conversions: a target becomes a lead; a lead becomes a person and an account (new or
existing), perhaps with an opportunity and first activities. Each conversion is one
transaction: if any part is refused, nothing of it is written.

New records are made by the `Writer`, so they are checked, owned and audited like any
other. Converting twice, or converting a lost lead or a disqualified target, is refused.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from tortoise.expressions import F
from tortoise.models import Model
from tortoise.transactions import in_transaction

from .. import auth, feed
from ..catalog import Entity, Field
from ..errors import ApiError, ConflictError, ForbiddenError, ValidationError
from ..ids import to_global_id
from ..models import AccountPerson, Activity, Lead, LeadStage, Target, TargetStatus
from ..query import matching
from ..query.pages import PageArgs
from ..query.reader import ALIAS, Reader, custom_attr
from ..records import Hooks, Writer
from .lookup import require_writable, visible


@dataclass
class LeadConversion:
    """What a lead becomes. Values are named as the API names them, like the Writer's input."""

    # An existing person to select, or values for a new one that differ from the lead's details.
    person_id: int | None = None
    person: dict[str, Any] = dataclasses.field(default_factory=dict)
    # An existing account to select, or values for a new one (its name is the lead's company).
    account_id: int | None = None
    account: dict[str, Any] = dataclasses.field(default_factory=dict)
    opportunity: dict[str, Any] | None = None
    # Calls to log, meetings to schedule and tasks to create, about the new records.
    activities: list[dict[str, Any]] = dataclasses.field(default_factory=list)


@dataclass
class ConvertedLead:
    lead: int
    person: int
    account: int
    opportunity: int | None
    activities: list[int]


@dataclass
class Candidates:
    people: list[dict]
    accounts: list[dict]


async def convert_target(writer: Writer, reader: Reader, actor: auth.Actor, target_pk: int) -> int:
    """A new lead with the target's details, owner and plugin values; returns its key."""
    targets, leads = writer.catalog["Target"], writer.catalog["Lead"]
    await require_writable(reader, actor, targets, target_pk)
    target = await visible(reader, actor, targets, target_pk)
    if target["status"] == TargetStatus.CONVERTED.value:
        raise ConflictError(
            f"the target was converted already, to lead {_global('Lead', target['converted_lead_id'])}",
            field="id")
    if target["status"] == TargetStatus.DISQUALIFIED.value:
        raise ValidationError("a disqualified target cannot be converted; set its status to NEW or CONTACTED first",
                              field="id")
    data = carried_over(actor, targets, target, leads)
    if target["owner_id"] is not None:
        data["ownerId"] = to_global_id("User", target["owner_id"])
    notices = DeferredNotices(writer.hooks)
    async with in_transaction() as conn:
        lead_pk = await Writer(writer.catalog, writer.dialect, notices).create(leads, actor, data)
        now = _now()
        await _mark_converted(conn, Target, targets, target, actor, "id", now, {
            "status": (TargetStatus.CONVERTED, target["status"]),
            "converted_at": (now, None),
            "converted_lead_id": (lead_pk, None),
        })
    await notices.after_write(targets.key, target_pk, "update", actor)
    feed.written()
    await notices.deliver()
    return lead_pk


async def convert_lead(writer: Writer, reader: Reader, actor: auth.Actor, lead_pk: int,
                       plan: LeadConversion) -> ConvertedLead:
    """Converts the lead as `plan` says, all or nothing; returns the keys of what it became."""
    catalog = writer.catalog
    leads = catalog["Lead"]
    await require_writable(reader, actor, leads, lead_pk, field="leadId")
    lead = await visible(reader, actor, leads, lead_pk, field="leadId")
    _check_convertible(lead)
    _check_select_or_create(plan.person_id, plan.person, "person")
    _check_select_or_create(plan.account_id, plan.account, "account")
    notices = DeferredNotices(writer.hooks)
    parts = Writer(catalog, writer.dialect, notices)
    people, accounts = catalog["Person"], catalog["Account"]
    async with in_transaction() as conn:
        # The account comes first: a new person is created into it, which puts the person
        # within reach of users who see people through their accounts (managers).
        account_pk = plan.account_id
        if account_pk is None:
            values = carried_over(actor, leads, lead, accounts)
            if lead["company_name"]:
                values["name"] = lead["company_name"]
            account_pk = await _create_part(parts, actor, accounts, {**values, **plan.account}, "account")
        else:
            await visible(reader, actor, accounts, account_pk, field="accountId")
        account_id = to_global_id("Account", account_pk)

        person_pk = plan.person_id
        if person_pk is None:
            values = {**carried_over(actor, leads, lead, people), **plan.person}
            values["accountIds"] = list(dict.fromkeys([account_id, *(values.get("accountIds") or [])]))
            person_pk = await _create_part(parts, actor, people, values, "person")
        else:
            await visible(reader, actor, people, person_pk, field="personId")
        person_id = to_global_id("Person", person_pk)
        await _link(account_pk, person_pk)
        if plan.account_id is None and "primaryPersonId" not in plan.account:
            await _update_part(parts, actor, accounts, account_pk, {"primaryPersonId": person_id}, "account")

        links = {"personId": person_id, "accountId": account_id}
        opportunity_pk = None
        if plan.opportunity is not None:
            values = _opportunity_values(plan.opportunity, account_id, person_id)
            opportunity_pk = await _create_part(parts, actor, catalog["Opportunity"], values, "opportunity")
            links["opportunityId"] = to_global_id("Opportunity", opportunity_pk)
        activity_pks = [
            await _create_part(parts, actor, catalog["Activity"], _activity_values(activity, links, actor),
                               f"activities.{index}")
            for index, activity in enumerate(plan.activities)
        ]

        now = _now()
        # The lead's history moves to the timelines of the person and account it became.
        await Activity.filter(lead_id=lead_pk, person_id=None, account_id=None).update(
            person_id=person_pk, account_id=account_pk, version=F("version") + 1, updated_at=now)
        await _mark_converted(conn, Lead, leads, lead, actor, "leadId", now, {
            "stage": (LeadStage.CONVERTED, lead["stage"]),
            "converted_at": (now, None),
            "converted_person_id": (person_pk, None),
            "converted_account_id": (account_pk, None),
            "converted_opportunity_id": (opportunity_pk, None),
        })
    await notices.after_write(leads.key, lead_pk, "update", actor)
    feed.written()
    await notices.deliver()
    return ConvertedLead(lead_pk, person_pk, account_pk, opportunity_pk, activity_pks)


async def conversion_candidates(reader: Reader, actor: auth.Actor, lead_pk: int, limit: int) -> Candidates:
    """People with the lead's email, and accounts with its company name or on the domain of
    its website or email, as far as the actor may see them."""
    catalog = reader.catalog
    lead = await visible(reader, actor, catalog["Lead"], lead_pk)
    args = PageArgs(first=limit)
    people = []
    if lead["email"]:
        condition = matching.same_email(lead["email"], ALIAS)
        people = (await reader.page(catalog["Person"], actor, args, filter=condition)).rows
    domains = [matching.domain_of_website(lead["website"]), matching.domain_of_email(lead["email"])]
    condition = matching.same_name_or_domain(lead["company_name"], [d for d in domains if d], ALIAS)
    accounts = [] if condition is None else (await reader.page(catalog["Account"], actor, args, filter=condition)).rows
    return Candidates(people, accounts)


def carried_over(actor: auth.Actor, source: Entity, row: dict, target: Entity) -> dict[str, Any]:
    """The row's values for a new record of `target`: those of the fields both entities have
    (same key and type, plugin fields included, whatever either is named now) that the actor
    may read there and write here."""
    values = {}
    for wanted in target.fields:
        origin = source.field_by_key(wanted.key)
        if not wanted.writable or origin is None or origin.type != wanted.type:
            continue
        value = row.get(origin.column or custom_attr(origin.key))
        if value is not None and _fits(wanted, value) and _may_carry(actor, source, origin, target, wanted):
            values[wanted.name] = value
    return values


class DeferredNotices:
    """The plugin hooks for writes that are parts of a larger transaction: validation runs at
    once, but plugins hear of the writes only once the whole transaction has committed."""

    def __init__(self, hooks: Hooks | None) -> None:
        self.hooks = hooks
        self.pending: list[tuple[str, int, str, auth.Actor]] = []

    def validate(self, entity: str, data: dict, creating: bool, actor: auth.Actor) -> None:
        if self.hooks:
            self.hooks.validate(entity, data, creating, actor)

    async def after_write(self, entity: str, pk: int, action: str, actor: auth.Actor) -> None:
        self.pending.append((entity, pk, action, actor))

    async def deliver(self) -> None:
        if self.hooks:
            for entity, pk, action, actor in self.pending:
                await self.hooks.after_write(entity, pk, action, actor)
        self.pending.clear()


# -- the parts ----------------------------------------------------------------------------


def _check_convertible(lead: dict) -> None:
    if lead["stage"] == LeadStage.CONVERTED.value:
        made = [f"{name} {_global(key, lead[column])}" for name, key, column in (
            ("person", "Person", "converted_person_id"), ("account", "Account", "converted_account_id"),
            ("opportunity", "Opportunity", "converted_opportunity_id")) if lead[column] is not None]
        raise ConflictError(f"the lead was converted already (to {', '.join(made) or 'records since deleted'})",
                            field="leadId")
    if lead["stage"] == LeadStage.LOST.value:
        raise ValidationError("a lost lead cannot be converted; move it back to ML, MQL or SQL first",
                              field="leadId")


def _check_select_or_create(pk: int | None, values: dict, part: str) -> None:
    if pk is not None and values:
        raise ValidationError(f"pass `{part}Id` to select an existing {part} or `{part}` to create one, not both",
                              field=part)


async def _create_part(writer: Writer, actor: auth.Actor, entity: Entity, data: dict, part: str) -> int:
    try:
        return await writer.create(entity, actor, data)
    except ApiError as error:
        raise _in_part(error, part) from None


async def _update_part(writer: Writer, actor: auth.Actor, entity: Entity, pk: int, data: dict, part: str) -> None:
    """An update of a record this conversion has just created (so at its first version)."""
    try:
        await writer.update(entity, actor, pk, 1, data)
    except ApiError as error:
        raise _in_part(error, part) from None


def _in_part(error: ApiError, part: str) -> ApiError:
    """The error, saying which part of the conversion was refused: `opportunity.stageId`."""
    path = error.extensions.get("field")
    details = {k: v for k, v in error.extensions.items() if k not in ("code", "field")}
    return type(error)(f"{part}: {error.message}", field=f"{part}.{path}" if path else part, **details)


async def _link(account_pk: int, person_pk: int) -> None:
    """The person belongs to the account, their primary one if they have none yet."""
    link, _ = await AccountPerson.get_or_create(account_id=account_pk, person_id=person_pk)
    if not await AccountPerson.filter(person_id=person_pk, is_primary=True).exists():
        await AccountPerson.filter(id=link.id).update(is_primary=True)


def _opportunity_values(data: dict, account_id: str, person_id: str) -> dict:
    if data.get("accountId") not in (None, account_id):
        raise ValidationError("opportunity: the opportunity belongs to the converted account; leave out `accountId`",
                              field="opportunity.accountId")
    people = list(dict.fromkeys([person_id, *(data.get("personIds") or [])]))
    return {**data, "accountId": account_id, "personIds": people}


def _activity_values(data: dict, links: dict[str, str], actor: auth.Actor) -> dict:
    """An activity of the conversion is about the new records unless it names others; a
    meeting is attended by the person, a task is the actor's."""
    values = {**links, **data}
    if values.get("kind") == "MEETING":
        values.setdefault("attendeeIds", [links["personId"]])
    if values.get("kind") == "TASK":
        values.setdefault("assigneeId", to_global_id("User", actor.user_id))
    return values


async def _mark_converted(conn, model: type[Model], entity: Entity, row: dict, actor: auth.Actor, id_field: str,
                          now: datetime, changes: dict[str, tuple[Any, Any]]) -> None:
    """Set the conversion's columns (`column: (new, old)`) if the record is still the version
    that was checked, and log them as one conversion: in the audit log by API name, in the
    change feed by key (a core field's key is its column)."""
    values = {column: new for column, (new, _) in changes.items()}
    changed = await model.filter(id=row["pk"], version=row["version"]).using_db(conn).update(
        **values, version=F("version") + 1, updated_at=now)
    if not changed:
        raise ConflictError(f"the {entity.name} was changed while it was being converted; read it again and retry",
                            field=id_field)
    await Writer.record_change(conn, actor, "convert", entity, row["pk"], [
        (_api_name(entity, column), column, _plain(entity, column, old), _plain(entity, column, new))
        for column, (new, old) in changes.items()])


def _api_name(entity: Entity, column: str) -> str:
    reference = next((r for r in entity.references if r.column == column), None)
    if reference is not None:
        return reference.input_name
    return next(f.name for f in entity.fields if f.column == column)


def _plain(entity: Entity, column: str, value: Any) -> Any:
    """A value as the audit log keeps it: references as global IDs, the rest as JSON."""
    if value is None:
        return None
    reference = next((r for r in entity.references if r.column == column), None)
    if reference is not None:
        return to_global_id(reference.target, value)
    if isinstance(value, datetime):
        return value.isoformat()
    return getattr(value, "value", value)


def _fits(target_field: Field, value: Any) -> bool:
    """Whether a carried-over select value is one of the target field's options."""
    if target_field.type == "select":
        return value in target_field.option_values
    if target_field.type == "multiselect":
        return set(value) <= set(target_field.option_values)
    return True


def _may_carry(actor: auth.Actor, source: Entity, origin: Field, target: Entity, wanted: Field) -> bool:
    if auth.field_hidden(actor, source, origin):
        return False
    try:
        auth.require_field_write(actor, target, wanted)
    except ForbiddenError:
        return False
    return True


def _global(key: str, pk: int | None) -> str:
    return to_global_id(key, pk) if pk is not None else "(deleted)"


def _now() -> datetime:
    return datetime.now(timezone.utc)
