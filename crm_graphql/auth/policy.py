"""The access policy: each role's read and write scope per entity, and hidden fields.

The defaults below are the rules of the source CRMs; admins change them as data
(`access_rule` and `field_rule` rows, through mutations or the CLI). A policy is part
of a schema build, so every API process applies the same rules and a change reaches
all of them like a plugin change does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog import ACCOUNT, ADMIN_ONLY, PROSPECT, SYSTEM, Catalog
from ..catalog.core import core_catalog
from ..models import AccessRule, FieldRule, Role, Scope

A, T, AC, O, N = Scope.ALL, Scope.TERRITORY, Scope.ACCOUNTS, Scope.OWNED, Scope.NONE

# Each role's (read, write) scopes by the kind of access an entity declares (`catalog.Access`).
_BY_KIND = {
    ACCOUNT: {Role.MANAGER: (T, T), Role.SALES: (AC, AC)},
    PROSPECT: {Role.MANAGER: (T, T), Role.SALES: (O, O)},
    SYSTEM: {Role.MANAGER: (A, N), Role.SALES: (A, N)},
    ADMIN_ONLY: {Role.MANAGER: (N, N), Role.SALES: (N, N), Role.BI: (N, N)},
}
# Where a role's default differs from its entity's kind, by entity key.
_EXCEPTIONS = {
    # A sales user changes only the accounts they own, never a colleague's.
    (Role.SALES, "Account"): (AC, O),
    # Lead-generation helpers see and create targets, and see themselves.
    (Role.EXTERNAL, "Target"): (O, O),
    (Role.EXTERNAL, "User"): (O, N),
}


def _defaults(catalog: Catalog) -> dict[tuple[str, str], tuple[Scope, Scope]]:
    """Every role's scopes on every entity, from the kind each entity declares, so a new
    entity gets rules by declaring how it belongs to accounts and owners."""
    rules: dict[tuple[str, str], tuple[Scope, Scope]] = {}
    for entity in catalog:
        by_role = {Role.ADMIN: (A, A), Role.BI: (A, N), Role.EXTERNAL: (N, N), **_BY_KIND[entity.access.kind]}
        for role, scopes in by_role.items():
            rules[(role.value, entity.key)] = _EXCEPTIONS.get((role, entity.key), scopes)
    return rules


DEFAULT_SCOPES = _defaults(core_catalog())
# (role, entity key, field key): field rules name fields by key, so a rename keeps them.
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

    def is_hidden(self, role: str, entity: str, field_key: str) -> bool:
        return (role, entity, field_key) in self.hidden

    def hidden_fields(self, entity: str) -> set[str]:
        """Keys of the fields of `entity` hidden from some role: they get a guarded resolver."""
        return {key for _, entity_key, key in self.hidden if entity_key == entity}


async def load_policy(catalog: Catalog) -> Policy:
    """The defaults overlaid with the rules admins stored. A field rule stored under a name
    (before rules were kept by key) is read as the key of the field that name finds."""
    scopes = dict(DEFAULT_SCOPES)
    for rule in await AccessRule.all():
        scopes[(rule.role, rule.entity)] = (Scope(rule.read_scope), Scope(rule.write_scope))
    hidden = set(DEFAULT_HIDDEN)
    for rule in await FieldRule.all():
        entity = catalog.entities.get(rule.entity)
        field = entity.field_by_key(rule.field) or entity.resolve_field(rule.field) if entity else None
        key = (rule.role, rule.entity, field.key if field else rule.field)
        if rule.hidden:
            hidden.add(key)
        else:
            hidden.discard(key)
    return Policy(scopes, frozenset(hidden))
