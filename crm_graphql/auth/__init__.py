"""Who is asking and what they may see: actors, tokens, and row rules as SQL predicates.

Every read in `query/` asks `row_predicate` for the actor's rule; every write asks
`require_write`. This package is the one place those decisions are made.
"""

from .actor import Actor
from .policy import Policy, load_policy
from .rules import (
    field_hidden, reference_sql, require_admin, require_field, require_field_write, require_write,
    row_predicate, write_predicate,
)

__all__ = [
    "Actor", "Policy", "field_hidden", "load_policy", "reference_sql", "require_admin", "require_field",
    "require_field_write", "require_write", "row_predicate", "write_predicate",
]
