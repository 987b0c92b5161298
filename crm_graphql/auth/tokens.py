"""API tokens: created for a user, stored as SHA-256 digests, checked on every request."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from ..db import connection
from ..errors import UnauthenticatedError
from ..models import ApiToken, Role, User
from ..query.values import column_decoder
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
    row = await _actor_row("JOIN api_token k ON k.user_id = u.id WHERE k.digest = ? AND k.revoked_at IS NULL",
                           digest(token.strip()), token_columns=", k.expires_at")
    if row is not None and row["expires_at"] is not None:
        expires = column_decoder("datetime", connection().capabilities.dialect)
        expired = (expires(row["expires_at"]) if expires else row["expires_at"]) <= datetime.now(timezone.utc)
    else:
        expired = False
    if row is None or expired or not row["is_active"]:
        raise UnauthenticatedError("the token is unknown, expired or revoked")
    return _actor(row, policy)


async def actor_of(user: User, policy: Policy) -> Actor:
    """The actor a user acts as: their role, territories and excluded territories."""
    return _actor(await _actor_row("WHERE u.id = ?", user.id), policy)


async def _actor_row(condition: str, value, token_columns: str = "") -> dict | None:
    """The user, with their assigned and excluded territories, in one statement: it runs on
    every request, so it is written by hand rather than by the ORM."""
    postgres = connection().capabilities.dialect == "postgres"
    ids = ("ARRAY(SELECT territory_id FROM {} WHERE crm_user_id = u.id)" if postgres
           else "(SELECT group_concat(territory_id) FROM {} WHERE crm_user_id = u.id)")
    statement = (f"SELECT u.id, u.email, u.role, u.is_active{token_columns}, "
                 f"{ids.format('user_territory')} AS territories, {ids.format('user_excluded_territory')} AS excluded "
                 f"FROM crm_user u {condition}")
    rows = await connection().execute_query_dict(statement.replace("?", "$1") if postgres else statement, [value])
    return rows[0] if rows else None


def _actor(row: dict, policy: Policy) -> Actor:
    return Actor(user_id=row["id"], email=row["email"], role=Role(row["role"]),
                 territory_ids=_ids(row["territories"]), excluded_territory_ids=_ids(row["excluded"]),
                 policy=policy)


def _ids(value) -> frozenset[int]:
    """Territory IDs as PostgreSQL's array or SQLite's comma-separated text gives them."""
    if not value:
        return frozenset()
    return frozenset(int(item) for item in (value.split(",") if isinstance(value, str) else value))
