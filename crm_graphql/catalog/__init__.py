"""The API catalog: which entities, fields and relations the API exposes.

The GraphQL schema, the SQL of `query/`, validation of writes and exports are all
derived from one `Catalog`; plugins change the catalog, never the schema directly.
"""

from .model import Catalog, Collection, ComputedField, Entity, Field, Option, Reference

__all__ = ["Catalog", "Collection", "ComputedField", "Entity", "Field", "Option", "Reference"]
