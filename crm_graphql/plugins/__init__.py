"""The plugin API: declarative documents (TOML/JSON), code plugins (pluggy hooks), the
registry that loads them from files, entry points and the database, and runtime
registration with a schema version every API process follows."""

import pluggy

hookimpl = pluggy.HookimplMarker("crm_graphql")

__all__ = ["hookimpl"]
