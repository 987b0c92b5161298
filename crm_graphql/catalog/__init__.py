"""The API catalog: which entities, fields and relations the API exposes.

The GraphQL schema, the SQL of `query/`, validation of writes and exports are all
derived from one `Catalog`; plugins change the catalog, never the schema directly.
"""

from .model import (
    ACCOUNT, ADMIN_ONLY, PROSPECT, SYSTEM, Access, Catalog, Collection, ComputedField, Entity, Field, Hop,
    Option, Reference,
)

__all__ = [
    "ACCOUNT", "ADMIN_ONLY", "PROSPECT", "SYSTEM", "Access", "Catalog", "Collection", "ComputedField",
    "Entity", "Field", "Hop", "Option", "Reference",
]
