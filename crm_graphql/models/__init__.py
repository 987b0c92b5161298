"""Tortoise models: the source of truth for tables, migrations and writes."""

from .access import AccessRule, AuditEntry, FieldRule, Scope
from .feed import Change
from .accounts import Account, AccountPerson, BillingEntry, BillingStage, BillingStatus
from .journey import ActivityAttendee, Attachment, AttachmentChunk, OpportunityStageChange
from .organization import ApiToken, Role, Team, Territory, User
from .people import Person
from .persisted import PersistedDocument
from .plugins import PluginDefinition, SchemaState
from .prospects import Lead, LeadStage, Target, TargetStatus
from .sales import DEFAULT_STAGES, Opportunity, OpportunityPerson, PipelineStage
from .webhooks import WebhookDelivery, WebhookEndpoint
from .work import Activity, ActivityKind, CallDirection, Delivery, DeliveryPhase, DeliveryStatus

__all__ = [
    "AccessRule", "AuditEntry", "Change", "FieldRule", "Scope", "Account", "AccountPerson", "Activity", "ActivityKind", "ApiToken", "BillingEntry",
    "BillingStage", "BillingStatus", "DEFAULT_STAGES", "Delivery", "DeliveryPhase",
    "DeliveryStatus", "Lead", "LeadStage", "Opportunity", "OpportunityPerson", "PersistedDocument", "Person", "PipelineStage", "PluginDefinition", "SchemaState", "Role",
    "Target", "TargetStatus", "Team", "Territory", "User",
    "ActivityAttendee", "Attachment", "AttachmentChunk", "CallDirection", "OpportunityStageChange",
    "WebhookDelivery", "WebhookEndpoint",
]
