"""API tokens: created for a user, stored as SHA-256 digests, checked on every request."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from ..db import connection
from ..errors import UnauthenticatedError
from ..models import ApiToken, User
from .actor import Actor
from .policy import Policy

PREFIX = "crm_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(user: User, *, name: str | None = None, days: int | None = None) -> str:
    """A new token for the user; the clear text is returned once and never stored."""
    token = PREFIX + secrets.token_urlsafe(32)
    expires = datetime.now(timezone.utc) + timedelta(days=days) if days else None
    await ApiToken.create(user=user, name=name, digest=digest(token), expires_at=expires)
    return token


async def revoke_tokens(user: User) -> int:
    return await ApiToken.filter(user=user, revoked_at=None).update(revoked_at=datetime.now(timezone.utc))


async def authenticate(authorization: str | None, policy: Policy) -> Actor:
    """The actor of an `Authorization: Bearer <token>` header, or UNAUTHENTICATED."""
    if not authorization:
        raise UnauthenticatedError("send an `Authorization: Bearer <token>` header")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthenticatedError("the Authorization header must be `Bearer <token>`")
    found = await ApiToken.filter(digest=digest(token.strip()), revoked_at=None).select_related("user").first()
    now = datetime.now(timezone.utc)
    if found is None or (found.expires_at and found.expires_at <= now) or not found.user.is_active:
        raise UnauthenticatedError("the token is unknown, expired or revoked")
    return await actor_of(found.user, policy)


async def actor_of(user: User, policy: Policy) -> Actor:
    """The actor a user acts as: their role, territories and excluded territories."""
    # Assigned and excluded territories in one statement: this runs on every request.
    postgres = connection().capabilities.dialect == "postgres"
    rows = await connection().execute_query_dict(
        "SELECT territory_id, 0 AS excluded FROM user_territory WHERE crm_user_id = {} "
        "UNION ALL SELECT territory_id, 1 FROM user_excluded_territory WHERE crm_user_id = {}"
        .format(*(("$1", "$1") if postgres else ("?", "?"))),
        [user.id] if postgres else [user.id, user.id],
    )
    territory_ids = frozenset(r["territory_id"] for r in rows if not r["excluded"])
    excluded = frozenset(r["territory_id"] for r in rows if r["excluded"])
    return Actor(user_id=user.id, email=user.email, role=user.role, territory_ids=territory_ids,
                 excluded_territory_ids=excluded, policy=policy)
