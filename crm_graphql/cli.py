"""The `crm-graphql` command: serve, migrate, seed, export-schema, users, tokens."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Optional

import typer

from . import db
from .config import Settings

app = typer.Typer(help="crm-graphql: a GraphQL API for CRM data.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
users_app = typer.Typer(help="Create and list users.", no_args_is_help=True)
tokens_app = typer.Typer(help="Create and revoke API tokens.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")


def _with_db(work: Callable[[Settings], Awaitable]) -> object:
    settings = Settings.from_env()

    async def run():
        await db.init(settings)
        try:
            return await work(settings)
        finally:
            await db.close()

    return asyncio.run(run())


def _fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


@app.command()
def migrate() -> None:
    """Apply the database migrations that have not run yet (no prompt)."""
    from .migrate import upgrade

    settings = Settings.from_env()
    applied = asyncio.run(upgrade(settings))
    typer.echo(f"applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else ""))


@app.command()
def seed(
    demo: bool = typer.Option(False, "--demo", help="Load the demo data set and print an admin token."),
) -> None:
    """Load data: `--demo` for a small realistic CRM (safe to run twice)."""
    if not demo:
        _fail("say what to seed: --demo")
    from .seed import seed_demo

    token = _with_db(lambda settings: seed_demo())
    if token:
        typer.echo(f"demo data loaded; admin token:\n{token}")
    else:
        typer.echo("demo data already present; create a token with `crm-graphql tokens create --email admin@example.com`")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, help="Worker processes."),
) -> None:
    """Serve the API with uvicorn."""
    import uvicorn

    uvicorn.run("crm_graphql.asgi:app", host=host, port=port, workers=workers, log_level="info")


@app.command("export-schema")
def export_schema(
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
) -> None:
    """Print the GraphQL schema (SDL) the API serves."""
    from .schema_export import schema_sdl

    sdl = schema_sdl(Settings.from_env())
    if output is None:
        typer.echo(sdl, nl=False)
    else:
        output.write_text(sdl)
        typer.echo(f"wrote {output}")


@users_app.command("create")
def users_create(
    email: str = typer.Option(..., help="The user's email (their login)."),
    role: str = typer.Option("sales", help="admin, manager, sales, external or bi."),
    name: Optional[str] = typer.Option(None, help="Display name."),
    territory: list[str] = typer.Option([], help="Territory name (created if new); repeatable."),
) -> None:
    """Create a user with a role and territories."""
    from .models import Role, Territory, User

    try:
        role_value = Role(role.upper())
    except ValueError:
        _fail(f"unknown role {role!r}; use one of: {', '.join(r.value.lower() for r in Role)}")

    async def work(settings):
        if await User.filter(email=email).exists():
            _fail(f"a user with email {email} exists already")
        user = await User.create(email=email, role=role_value, name=name)
        for territory_name in territory:
            found, _ = await Territory.get_or_create(name=territory_name)
            await user.territories.add(found)
        return user

    user = _with_db(work)
    typer.echo(f"created user {user.email} ({user.role.value.lower()})")


@users_app.command("list")
def users_list() -> None:
    """List users with their roles."""
    from .models import Role, User

    async def work(settings):
        return await User.all().order_by("email").values_list("email", "role", "is_active")

    for email, role, active in _with_db(work):
        typer.echo("\t".join([email, Role(role).value.lower()] + ([] if active else ["inactive"])))


@tokens_app.command("create")
def tokens_create(
    email: str = typer.Option(..., help="The user the token belongs to."),
    name: Optional[str] = typer.Option(None, help="What the token is for."),
    days: Optional[int] = typer.Option(None, help="Expire after this many days."),
) -> None:
    """Create an API token and print it (it is shown only once)."""
    from .auth.tokens import create_token
    from .models import User

    async def work(settings):
        user = await User.get_or_none(email=email)
        if user is None:
            _fail(f"no user with email {email}; create one with `crm-graphql users create`")
        return await create_token(user, name=name, days=days)

    typer.echo(_with_db(work))


@tokens_app.command("revoke")
def tokens_revoke(email: str = typer.Option(..., help="Revoke every token of this user.")) -> None:
    """Revoke all tokens of a user; they stop working at once."""
    from .auth.tokens import revoke_tokens
    from .models import User

    async def work(settings):
        user = await User.get_or_none(email=email)
        if user is None:
            _fail(f"no user with email {email}")
        return await revoke_tokens(user)

    typer.echo(f"revoked {_with_db(work)} token(s)")


def main() -> None:
    app()
