"""Admin fields for access: the audit log, role scopes and field rules."""

from __future__ import annotations

import strawberry

from ..auth import admin, require_admin
from ..catalog import Catalog
from ..ids import from_global_id
from ..query.pages import page_args
from .context import context_of
from .types import EntityTypes


@strawberry.type
class AccessRuleInfo:
    role: str
    entity: str
    read: str
    write: str


@strawberry.type
class FieldRuleInfo:
    role: str
    entity: str
    field: str = strawberry.field(description="The field's current name.")
    key: str = strawberry.field(description="The field's key: the rule holds whatever the field is named.")


def query_fields(catalog: Catalog, types: EntityTypes) -> dict:
    audit = catalog["AuditEntry"]
    connection = types.connections["AuditEntry"]

    async def audit_log(info: strawberry.Info, record_id: strawberry.ID, first: int | None = None,
                        after: str | None = None):
        context = context_of(info)
        require_admin(context.actor, "read the audit log")
        key, pk = from_global_id(record_id, field="recordId")
        args = page_args(first, after, None, None, default_size=context.settings.default_page_size,
                         max_size=context.settings.max_page_size)
        condition = context.reader.filter_sql(audit, context.actor,
                                              {"entity": {"eq": key}, "recordNumber": {"eq": pk}})
        page = await context.reader.page(audit, context.actor, args, filter=condition)
        return connection.build(page, lambda: context.reader.count(audit, context.actor, filter=condition))

    def access_rules(info: strawberry.Info) -> list[AccessRuleInfo]:
        context = context_of(info)
        require_admin(context.actor, "read the access rules")
        policy = context.actor.policy
        return [AccessRuleInfo(role=role, entity=entity, read=read.value, write=write.value)
                for (role, entity), (read, write) in sorted(policy.scopes.items())]

    def field_rules(info: strawberry.Info) -> list[FieldRuleInfo]:
        context = context_of(info)
        require_admin(context.actor, "read the field rules")
        return [FieldRuleInfo(role=rule.role, entity=rule.entity, field=rule.field, key=rule.key)
                for rule in admin.field_rules(context.reader.catalog, context.actor.policy)]

    return {
        "audit_log": strawberry.field(resolver=audit_log, graphql_type=connection.connection,
                                      description="Changes of one record, newest first (admins only)."),
        "access_rules": strawberry.field(resolver=access_rules, graphql_type=list[AccessRuleInfo],
                                         description="Each role's read and write scope per entity."),
        "field_rules": strawberry.field(resolver=field_rules, graphql_type=list[FieldRuleInfo],
                                        description="Fields hidden from roles."),
    }


def mutation_fields() -> dict:
    async def set_access_rule(info: strawberry.Info, role: str, entity: str, read: str, write: str) -> bool:
        context = context_of(info)
        require_admin(context.actor, "change access rules")
        await admin.set_access_rule(context.service, role, entity, read, write)
        return True

    async def set_field_rule(info: strawberry.Info, role: str, entity: str, field: str, hidden: bool) -> bool:
        context = context_of(info)
        require_admin(context.actor, "change field rules")
        await admin.set_field_rule(context.service, role, entity, field, hidden)
        return True

    return {
        "set_access_rule": strawberry.field(
            resolver=set_access_rule, graphql_type=bool,
            description="Set a role's scope on an entity: ALL, TERRITORY, ACCOUNTS, OWNED or NONE."),
        "set_field_rule": strawberry.field(
            resolver=set_field_rule, graphql_type=bool,
            description="Hide a field from a role (or show it again with `hidden: false`)."),
    }
