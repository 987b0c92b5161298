"""The hooks a code plugin can implement. Mark implementations with `@hookimpl`:

    from crm_graphql.plugins import hookimpl

    @hookimpl
    def crm_computed_fields():
        return [("Opportunity", ComputedField(...))]
"""

import pluggy

hookspec = pluggy.HookspecMarker("crm_graphql")


@hookspec
def crm_plugin_documents():
    """Return plugin documents (dicts shaped like a plugin TOML file) this plugin brings."""


@hookspec
def crm_computed_fields():
    """Return `(entity, ComputedField)` pairs: read-only fields computed by a resolver."""


@hookspec
def crm_validate(entity, data, creating, actor):
    """Check a create or update (API-named values) before it is written; raise ValidationError to refuse."""


@hookspec
def crm_after_write(entity, pk, action, actor):
    """Called after a create, update or delete of a record has been committed."""
