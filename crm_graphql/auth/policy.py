"""The access policy: each role's read and write scope per entity, and hidden fields.

The defaults below are the rules of the source CRMs; admins change them as data
(`access_rule` and `field_rule` rows, through mutations or the CLI). A policy is part
of a schema build, so every API process applies the same rules and a change reaches
all of them like a plugin change does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import AccessRule, FieldRule, Role, Scope

# What belongs to an account: a sales user who may see an account sees these too.
ACCOUNT_ENTITIES = ("Account", "Person", "Opportunity", "Activity", "Delivery", "DeliveryPhase", "BillingEntry")
SYSTEM_ENTITIES = ("User", "Team", "Territory", "PipelineStage")
PROSPECT_ENTITIES = ("Target", "Lead")
ADMIN_ONLY_ENTITIES = ("AuditEntry",)

A, T, AC, O, N = Scope.ALL, Scope.TERRITORY, Scope.ACCOUNTS, Scope.OWNED, Scope.NONE


def _defaults() -> dict[tuple[str, str], tuple[Scope, Scope]]:
    rules: dict[tuple[str, str], tuple[Scope, Scope]] = {}
    for entity in (*ACCOUNT_ENTITIES, *PROSPECT_ENTITIES, *SYSTEM_ENTITIES, *ADMIN_ONLY_ENTITIES):
        rules[(Role.ADMIN.value, entity)] = (A, A)
        rules[(Role.BI.value, entity)] = (A, N)
        rules[(Role.EXTERNAL.value, entity)] = (N, N)
    for entity in ACCOUNT_ENTITIES:
        rules[(Role.MANAGER.value, entity)] = (T, T)
        rules[(Role.SALES.value, entity)] = (AC, AC)
    # A sales user changes only the accounts they own, never a colleague's.
    rules[(Role.SALES.value, "Account")] = (AC, O)
    for entity in PROSPECT_ENTITIES:
        rules[(Role.MANAGER.value, entity)] = (T, T)
        rules[(Role.SALES.value, entity)] = (O, O)
    for entity in SYSTEM_ENTITIES:
        rules[(Role.MANAGER.value, entity)] = (A, N)
        rules[(Role.SALES.value, entity)] = (A, N)
    # Lead-generation helpers see and create targets, and see themselves.
    rules[(Role.EXTERNAL.value, "Target")] = (O, O)
    rules[(Role.EXTERNAL.value, "User")] = (O, N)
    for role in (Role.MANAGER, Role.SALES, Role.BI):
        rules[(role.value, "AuditEntry")] = (N, N)
    return rules


DEFAULT_SCOPES = _defaults()
DEFAULT_HIDDEN = frozenset({
    ("SALES", "Opportunity", "commission"),
    ("EXTERNAL", "Opportunity", "commission"),
    ("EXTERNAL", "BillingEntry", "amount"),
})


@dataclass(frozen=True)
class Policy:
    scopes: dict[tuple[str, str], tuple[Scope, Scope]] = field(default_factory=lambda: dict(DEFAULT_SCOPES))
    hidden: frozenset[tuple[str, str, str]] = DEFAULT_HIDDEN

    def read_scope(self, role: str, entity: str) -> Scope:
        return self.scopes.get((role, entity), (Scope.NONE, Scope.NONE))[0]

    def write_scope(self, role: str, entity: str) -> Scope:
        return self.scopes.get((role, entity), (Scope.NONE, Scope.NONE))[1]

    def is_hidden(self, role: str, entity: str, field_name: str) -> bool:
        return (role, entity, field_name) in self.hidden

    def hidden_fields(self, entity: str) -> set[str]:
        """Fields of `entity` hidden from some role: they get a guarded resolver."""
        return {name for _, key, name in self.hidden if key == entity}


async def load_policy() -> Policy:
    """The defaults overlaid with the rules admins stored."""
    scopes = dict(DEFAULT_SCOPES)
    for rule in await AccessRule.all():
        scopes[(rule.role, rule.entity)] = (Scope(rule.read_scope), Scope(rule.write_scope))
    hidden = set(DEFAULT_HIDDEN)
    for rule in await FieldRule.all():
        key = (rule.role, rule.entity, rule.field)
        if rule.hidden:
            hidden.add(key)
        else:
            hidden.discard(key)
    return Policy(scopes, frozenset(hidden))
