"""Standard Webhooks signatures (https://www.standardwebhooks.com): secrets, ids, headers.

Signed by the spec's reference library, `standardwebhooks`, which receivers use to verify."""

from __future__ import annotations

import base64
import secrets
from datetime import datetime

from standardwebhooks.webhooks import Webhook

PREFIX = "whsec_"


def new_secret() -> str:
    """A new endpoint secret, `whsec_` and 32 random bytes in base64 (the spec's form)."""
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def webhook_id(endpoint_id: int, sequence: int) -> str:
    """The `webhook-id` of one change for one endpoint: the same on every redelivery, so
    receivers can drop duplicates by it."""
    return f"msg_{endpoint_id}_{sequence}"


def headers(message_id: str, at: datetime, body: bytes, signing_secrets: list[str]) -> dict[str, str]:
    """The three headers of a delivery; one `v1,` signature per secret (the new and the
    previous one while a rotation's grace lasts), separated by spaces as the spec allows."""
    signatures = [Webhook(secret).sign(message_id, at, body) for secret in signing_secrets]
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(signatures),
        "content-type": "application/json",
        "user-agent": "crm-graphql-webhooks",
    }
