"""Who is asking and what they may see: actors, tokens, and row rules as SQL predicates.

Every read in `query/` asks `row_predicate` for the actor's rule; every write asks
`require_write`. This package is the one place those decisions are made.
"""

from .actor import Actor
from .rules import require_admin, require_write, row_predicate

__all__ = ["Actor", "require_admin", "require_write", "row_predicate"]
