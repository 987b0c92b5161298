"""The change feed: every committed change as a row in sequence order (the outbox that
subscriptions and webhooks read). See docs/ARCHITECTURE.md, "Change feed"."""

from .listener import FeedListener, written
from .outbox import CHANNEL, append, configure
from .reader import changes_after, hold, keep_pruned, latest_sequence, oldest_sequence, prune

__all__ = ["CHANNEL", "FeedListener", "append", "configure", "written", "changes_after", "hold", "keep_pruned", "latest_sequence", "oldest_sequence", "prune"]
