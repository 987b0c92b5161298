"""BENCH ONLY: the real app plus a hand-written reference route for the nested account view.

`GET|POST /reference/nested-accounts?first=50` answers the data of
`bench.queries.NESTED_ACCOUNT_VIEW` with ONE hand-written PostgreSQL statement that
builds the whole response (`{"data": {"accounts": ...}}`) with `json_build_object`,
`json_agg` and `LATERAL` subqueries; the JSON goes to the client as the database
wrote it (UTF-8 bytes, as `/graphql`'s compiled statements give it). It is the
yardstick for the GraphQL read path ("Read path" in docs/ARCHITECTURE.md): same Starlette app, same uvicorn, same Tortoise/asyncpg pool, no GraphQL.

The reference route checks NO token and applies NO access rule, so this app must never
be deployed: it exists for `bench/nested_view.py`. `/reference/nested-accounts-authenticated`
is the same statement after the same token check as `/graphql` (measured with
`--auth-reference`), to show how much of the gap is authentication; it is a route of the
real app, so the HTTP edge (`crm_graphql.edge`) authenticates it as it does `/graphql`.

`GET /reference/replay?n=N` runs the N-th statement of the file `BENCH_REPLAY_FILE` names
(a JSON list of {"sql", "params"}: the compiled statements and parameters that
`bench/nested_view.py` recorded for its SPA workload) and answers `{"data": <its JSON>}`,
as `/graphql` does: the same SQL with nothing of GraphQL, the yardstick of that workload.
`/reference/replay-authenticated` is the same route inside the real app, behind its HTTP
edge, so it checks the token as `/graphql` does (`spa-replay+auth`; a process that
remembers the check sends no statement for it, see crm_graphql/auth/tokens.py).
Its connections are the app's pool, which runs without JIT (`crm_graphql.db.SESSION_SETTINGS`).

Serve it with `uvicorn bench.reference_app:app` (settings from the environment:
DATABASE_URL must be a postgres:// URL).
"""

from __future__ import annotations

import json
import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from crm_graphql import db
from crm_graphql.app import create_app
from crm_graphql.config import Settings

REFERENCE_PATH = "/reference/nested-accounts"
AUTHENTICATED_REFERENCE_PATH = "/reference/nested-accounts-authenticated"
REPLAY_PATH = "/reference/replay"
AUTHENTICATED_REPLAY_PATH = "/reference/replay-authenticated"
MAX_FIRST = 100


def global_id(key: str, column: str) -> str:
    """SQL for the global ID of `crm_graphql.ids.to_global_id`: hex of the UTF-8 `Key:pk`."""
    return f"encode(convert_to('{key}:' || {column}, 'UTF8'), 'hex')"


def iso_datetime(column: str) -> str:
    """SQL for Python's `datetime.isoformat()` of a UTC timestamp (microseconds only if any)."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        f" || CASE WHEN date_trunc('second', {utc}) = {utc} THEN '' ELSE to_char({utc}, '.US') END"
        " || '+00:00'"
    )


def iso_date(column: str) -> str:
    return f"to_char({column}, 'YYYY-MM-DD')"


# The default orders of crm_graphql.catalog.core with crm_graphql.query.pages.ordering:
# accounts, people and opportunities by id; activities by created_at DESC, id DESC.
NESTED_ACCOUNTS_SQL = f"""
SELECT convert_to(json_build_object('data', json_build_object('accounts', json_build_object(
  'totalCount', (SELECT count(*) FROM account),
  'edges', COALESCE(json_agg(json_build_object('node', json_build_object(
    'id', {global_id('Account', 'a.id')},
    'name', a.name,
    'website', a.website,
    'industry', a.industry,
    'annualRevenue', a.annual_revenue::text,
    'billingStage', a.billing_stage,
    'people', json_build_object('edges', people.edges),
    'opportunities', json_build_object('edges', opportunities.edges),
    'activities', json_build_object('edges', activities.edges)
  )) ORDER BY a.id), '[]'::json)
)))::text, 'UTF8') AS body
FROM (SELECT * FROM account ORDER BY id LIMIT $1) a
CROSS JOIN LATERAL (
  SELECT COALESCE(json_agg(json_build_object('node', json_build_object(
    'id', {global_id('Person', 'p.id')},
    'email', p.email,
    'firstName', p.first_name,
    'lastName', p.last_name,
    'title', p.title
  )) ORDER BY p.id), '[]'::json) AS edges
  FROM (
    SELECT person.* FROM account_person link
    JOIN person ON person.id = link.person_id
    WHERE link.account_id = a.id
    ORDER BY person.id LIMIT 5
  ) p
) people
CROSS JOIN LATERAL (
  SELECT COALESCE(json_agg(json_build_object('node', json_build_object(
    'id', {global_id('Opportunity', 'o.id')},
    'name', o.name,
    'amount', o.amount::text,
    'currency', o.currency,
    'expectedCloseDate', {iso_date('o.expected_close_date')},
    'stage', CASE WHEN s.id IS NULL THEN NULL
                  ELSE json_build_object('name', s.name, 'probability', s.probability) END
  )) ORDER BY o.id), '[]'::json) AS edges
  FROM (SELECT * FROM opportunity WHERE account_id = a.id ORDER BY id LIMIT 3) o
  LEFT JOIN pipeline_stage s ON s.id = o.stage_id
) opportunities
CROSS JOIN LATERAL (
  SELECT COALESCE(json_agg(json_build_object('node', json_build_object(
    'id', {global_id('Activity', 'act.id')},
    'kind', act.kind,
    'subject', act.subject,
    'occurredAt', {iso_datetime('act.occurred_at')}
  )) ORDER BY act.created_at DESC, act.id DESC), '[]'::json) AS edges
  FROM (
    SELECT * FROM activity WHERE account_id = a.id
    ORDER BY created_at DESC, id DESC LIMIT 5
  ) act
) activities
"""


def _first(request: Request) -> int:
    try:
        first = int(request.query_params.get("first", "50"))
    except ValueError:
        first = -1
    if not 0 <= first <= MAX_FIRST:
        raise ValueError(f"first must be an integer from 0 to {MAX_FIRST}")
    return first


async def nested_accounts_body(first: int) -> bytes:
    """The JSON of the nested account view, written by PostgreSQL as UTF-8 bytes (as
    `/graphql`'s compiled statements are: no decoding and encoding on the way)."""
    _, rows = await db.connection().execute_query(NESTED_ACCOUNTS_SQL, [first])
    return rows[0]["body"]


async def nested_accounts(request: Request) -> Response:
    try:
        first = _first(request)
    except ValueError as error:
        return Response(str(error), status_code=400, media_type="text/plain")
    return Response(await nested_accounts_body(first), media_type="application/json")


def replayed_statements() -> list[tuple[str, list]]:
    path = os.environ.get("BENCH_REPLAY_FILE")
    if not path:
        return []
    with open(path) as file:
        return [(item["sql"], item["params"]) for item in json.load(file)]


def replay_route(path: str, statements: list[tuple[str, list]]) -> Route:
    async def replay(request: Request) -> Response:
        try:
            sql, params = statements[int(request.query_params["n"])]
        except (KeyError, ValueError, IndexError):
            return Response(f"n must be a statement's index below {len(statements)}", status_code=400)
        _, rows = await db.connection().execute_query(sql, params)
        return Response(b'{"data":' + rows[0][0] + b"}", media_type="application/json")

    return Route(path, replay, methods=["GET"])


def create_reference_app(settings: Settings | None = None) -> Starlette:
    """The real app (`/graphql`, `/healthz`, ...) with the bench-only reference routes: the
    authenticated one inside the real app, behind its HTTP edge like `/graphql`, the other
    in front of it, without a token check."""
    settings = settings or Settings.from_env()
    if db.dialect_of(settings.database_url) != "postgres":
        raise ValueError("the reference route is PostgreSQL SQL: set DATABASE_URL to a postgres:// URL")
    app = create_app(settings)
    statements = replayed_statements()
    app.router.routes.extend([
        Route(AUTHENTICATED_REFERENCE_PATH, nested_accounts, methods=["GET", "POST"]),
        replay_route(AUTHENTICATED_REPLAY_PATH, statements),
    ])
    outer = Starlette(routes=[Route(REFERENCE_PATH, nested_accounts, methods=["GET", "POST"]),
                              replay_route(REPLAY_PATH, statements), Mount("/", app=app)],
                      lifespan=lambda _: app.router.lifespan_context(app))
    outer.state.service = app.state.service
    return outer


def __getattr__(name: str):
    """`app` is built on first use (by uvicorn), so importing this module needs no database."""
    if name == "app":
        globals()["app"] = built = create_reference_app()
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
