"""The `crm-graphql` command: serve, migrate, seed, export-schema, users, tokens, rules, plugins, documents,
webhooks."""

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
plugins_app = typer.Typer(help="List, check, register and unregister plugins.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(plugins_app, name="plugins")


def _with_db(work: Callable[[Settings], Awaitable]) -> object:
    settings = Settings.from_env()

    async def run():
        await db.init(settings)
        try:
            return await work(settings)
        finally:
            await db.close()

    return asyncio.run(run())


def _checked(value: str | None, option: str, max_length: int) -> str | None:
    """An option's text as the API checks text (values.text), within its column's length."""
    from . import values
    from .errors import ValidationError

    if value is None:
        return None
    try:
        return values.text(value, option, max_length=max_length)
    except ValidationError as error:
        _fail(error.message)


def _checked_email(email: str) -> str:
    from .records import EMAIL

    email = _checked(email, "--email", 320)
    if not EMAIL.match(email):
        _fail(f"{email!r} is not an email address")
    return email


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
    scale: Optional[int] = typer.Option(
        None, "--scale", min=1,
        help="Bulk-generate this many accounts, each with people, opportunities and activities (for benchmarks).",
    ),
) -> None:
    """Load data: `--demo` for a small realistic CRM (safe to run twice), `--scale N` for N
    generated accounts (5 people, 3 opportunities and 5 activities each)."""
    if demo == (scale is not None):
        _fail("say what to seed: --demo or --scale N")
    if scale is not None:
        _seed_scale(scale)
        return
    from .seed import seed_demo

    token = _with_db(lambda settings: seed_demo())
    if token:
        typer.echo(f"demo data loaded; admin token:\n{token}")
    else:
        typer.echo("demo data already present; create a token with `crm-graphql tokens create --email admin@example.com`")


def _seed_scale(accounts: int) -> None:
    from .seed import seed_scale

    with typer.progressbar(length=accounts, label=f"seeding {accounts} accounts") as bar:
        reported = 0

        def progress(done: int) -> None:
            # seed_scale reports the accounts done so far; the bar wants the step.
            nonlocal reported
            bar.update(done - reported)
            reported = done

        counts = _with_db(lambda settings: seed_scale(accounts, progress=progress))
    typer.echo(", ".join(f"{rows} {table}" for table, rows in counts.items()))


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, envvar="PORT", help="Port to listen on (also from PORT, like `make run`)."),
    workers: int = typer.Option(1, help="Worker processes."),
) -> None:
    """Serve the API with uvicorn (metrics of every worker at /metrics or on CRM_METRICS_PORT,
    logs as JSON lines unless on a terminal)."""
    from .ops.serving import serve as run

    run(Settings.from_env(), host, port, workers)


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
    from tortoise.transactions import in_transaction

    from .models import Role, Territory, User

    try:
        role_value = Role(role.upper())
    except ValueError:
        _fail(f"unknown role {role!r}; use one of: {', '.join(r.value.lower() for r in Role)}")
    email, name = _checked_email(email), _checked(name, "--name", 200)
    territories = [_checked(t, "--territory", 200) for t in territory]

    async def work(settings):
        if await User.filter(email=email).exists():
            _fail(f"a user with email {email} exists already")
        async with in_transaction() as conn:  # the user with all its territories, or nothing
            user = await User.create(email=email, role=role_value, name=name, using_db=conn)
            for territory_name in territories:
                found, _ = await Territory.get_or_create(name=territory_name, using_db=conn)
                await user.territories.add(found, using_db=conn)
        return user

    user = _with_db(work)
    typer.echo(f"created user {user.email} ({user.role.value.lower()})")


@users_app.command("set")
def users_set(
    email: str = typer.Option(..., help="The user to change."),
    role: Optional[str] = typer.Option(None, help="A new role."),
    team: Optional[str] = typer.Option(None, help="Team name (created if new)."),
    territory: list[str] = typer.Option([], help="Assign this territory (created if new); repeatable."),
    exclude_territory: list[str] = typer.Option([], help="Hide this territory's accounts from the user; repeatable."),
    active: Optional[bool] = typer.Option(None, "--active/--inactive", help="Enable or disable the user."),
) -> None:
    """Change a user's role, team, territories or excluded territories."""
    from tortoise.transactions import in_transaction

    from .auth import tokens
    from .models import Role, Team, Territory, User

    role_value = None
    if role is not None:
        try:
            role_value = Role(role.upper())
        except ValueError:
            _fail(f"unknown role {role!r}; use one of: {', '.join(r.value.lower() for r in Role)}")
    team = _checked(team, "--team", 200)
    territories = [_checked(t, "--territory", 200) for t in territory]
    excluded = [_checked(t, "--exclude-territory", 200) for t in exclude_territory]

    async def work(settings):
        user = await User.get_or_none(email=email)
        if user is None:
            _fail(f"no user with email {email}")
        async with in_transaction() as conn:  # every change, or none
            if role_value is not None:
                user.role = role_value
            if team is not None:
                user.team, _ = await Team.get_or_create(name=team, using_db=conn)
            if active is not None:
                user.is_active = active
            await user.save(using_db=conn)
            for name in territories:
                await user.territories.add((await Territory.get_or_create(name=name, using_db=conn))[0],
                                           using_db=conn)
            for name in excluded:
                await user.excluded_territories.add((await Territory.get_or_create(name=name, using_db=conn))[0],
                                                    using_db=conn)
            # Every process forgets the token checks it remembers, at this commit.
            await tokens.users_changed(conn)
        return user

    user = _with_db(work)
    typer.echo(f"updated {user.email}")


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


@app.command()
def explain(
    query: str = typer.Argument(..., help="A GraphQL document, or @path of a file holding one."),
    variables: Optional[str] = typer.Option(None, help="The variables, as a JSON object."),
    operation: Optional[str] = typer.Option(None, help="The operation to run, when the document has several."),
    as_user: Optional[str] = typer.Option(None, "--as", help="The email of the user whose rules apply "
                                                             "(default: the first admin)."),
) -> None:
    """Print which path a read takes (compiled to one SQL statement, or resolved), why, and its SQL."""
    import orjson

    from .auth.tokens import actor_of
    from .graphql.compiled import explain as explain_plan
    from .models import Role, User

    document = Path(query[1:]).read_text() if query.startswith("@") else query

    async def work(service):
        build = service.current
        user = await (User.get_or_none(email=as_user) if as_user else User.filter(role=Role.ADMIN).first())
        if user is None:
            _fail(f"no user {as_user}" if as_user else "no admin user: create one with `crm-graphql users create`")
        actor = await actor_of(user, build.policy)
        return explain_plan(build.schema.planner, document, orjson.loads(variables) if variables else None,
                            operation, actor, build.reader)

    plan = _with_service(work)
    typer.echo(f"path: {plan.path}\nreason: {plan.reason}")
    if plan.sql is not None:
        typer.echo(f"sql: {plan.sql}\nparams: {list(plan.params)!r}")


rules_app = typer.Typer(help="Show and change who may see and change what.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


def _with_service(change):
    """Run `change(service)` against the database's current build; API errors end the command."""
    from .errors import ApiError
    from .service import Service

    async def work(settings):
        service = Service(settings)
        await service.reload()
        return await change(service)

    try:
        return _with_db(work)
    except ApiError as error:
        _fail(error.message)


@rules_app.command("list")
def rules_list() -> None:
    """Each role's read and write scope per entity, and hidden fields (by their current names)."""
    from .auth import admin

    async def listing(service):
        return admin.field_rules(service.current.catalog, service.current.policy), service.current.policy

    rules, policy = _with_service(listing)
    for (role, entity), (read, write) in sorted(policy.scopes.items()):
        typer.echo(f"{role.lower()}\t{entity}\tread {read.value.lower()}\twrite {write.value.lower()}")
    for rule in rules:
        typer.echo(f"{rule.role.lower()}\t{rule.entity}.{rule.field}\thidden\t(key {rule.key})")


@rules_app.command("set")
def rules_set(
    role: str = typer.Option(..., help="manager, sales, external or bi."),
    entity: str = typer.Option(..., help="An entity, like Account."),
    read: str = typer.Option(..., help="all, territory, accounts, owned or none."),
    write: str = typer.Option(..., help="all, territory, accounts, owned or none."),
) -> None:
    """Set a role's read and write scope on an entity."""
    from .auth import admin

    _with_service(lambda service: admin.set_access_rule(service, role, entity, read, write))
    typer.echo(f"{role}: {entity} read {read}, write {write}")


@rules_app.command("hide-field")
def rules_hide_field(
    role: str = typer.Option(..., help="The role that may not read the field."),
    entity: str = typer.Option(..., help="An entity, like Opportunity."),
    field: str = typer.Option(..., help="A field by any of its names or its key, like commission."),
    show: bool = typer.Option(False, "--show", help="Show the field again instead."),
) -> None:
    """Hide a field from a role (in reads, filters, ordering, aggregates and exports)."""
    from .auth import admin

    _with_service(lambda service: admin.set_field_rule(service, role, entity, field, hidden=not show))
    typer.echo(f"{role}: {entity}.{field} {'shown' if show else 'hidden'}")


def _read_plugin_file(path: Path) -> dict:
    import tomllib

    import orjson

    from .plugins.document import PluginError

    text = path.read_text(encoding="utf-8")
    try:
        return orjson.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except (orjson.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise PluginError(path.name, f"cannot be read: {error}") from None


@plugins_app.command("list")
def plugins_list() -> None:
    """List plugins from files, packages and the database, and problems found."""
    from .plugins import runtime
    from .service import Service

    async def work(settings):
        service = Service(settings)
        infos = await runtime.list_plugins(service)
        _, unreadable = service.registry.static_documents()
        return infos, unreadable + service.registry.code_problems + [i.problem for i in infos if i.problem]

    infos, problems = _with_db(work)
    for info in infos:
        state = " (skipped: see its problem below)" if info.problem else "" if info.enabled \
            else " (unregistered; values kept)"
        typer.echo(f"{info.name}\t{info.source}{state}\t{len(info.fields)} field(s), {len(info.renames)} rename(s)")
    for problem in problems:
        typer.secho(f"problem: {problem}", fg=typer.colors.RED, err=True)


@plugins_app.command("validate")
def plugins_validate(file: Path = typer.Argument(..., exists=True, help="A plugin .toml or .json file.")) -> None:
    """Check a plugin file against the schema without changing anything."""
    from .errors import ApiError
    from .plugins.document import parse_document
    from .service import Service

    settings = Settings.from_env()
    try:
        document = parse_document(_read_plugin_file(file), source=f"file {file.name}")
        service = Service(settings)
        static, _ = service.registry.static_documents()
        others, _ = service.registry.usable([d for d in static if d.name != document.name])
        service.build(service.registry.catalog(others + [document]), version=-1)
    except ApiError as error:
        _fail(error.message)
    typer.echo(f"{document.name}: valid ({len(document.fields)} field(s), {len(document.renames)} rename(s))")


@plugins_app.command("register")
def plugins_register(file: Path = typer.Argument(..., exists=True, help="A plugin .toml or .json file.")) -> None:
    """Store a plugin in the database; running API processes pick it up within seconds."""
    from .plugins import runtime

    info = _with_service(lambda service: runtime.register(service, _read_plugin_file(file)))
    typer.echo(f"registered {info.name}: {', '.join(info.fields) or 'no fields'}")


@plugins_app.command("unregister")
def plugins_unregister(name: str = typer.Argument(..., help="The plugin's name.")) -> None:
    """Hide a registered plugin's fields; their values stay until purged."""
    from .plugins import runtime

    _with_service(lambda service: runtime.unregister(service, name))
    typer.echo(f"unregistered {name}; its values are kept (purge them with `crm-graphql plugins purge {name}`)")


@plugins_app.command("purge")
def plugins_purge(name: str = typer.Argument(..., help="An unregistered plugin's name.")) -> None:
    """Delete an unregistered plugin's definition and all its stored values."""
    from .plugins import runtime

    changed = _with_service(lambda service: runtime.purge(service, name))
    typer.echo(f"purged {name}: {changed} row(s) changed")


documents_app = typer.Typer(help="Register, list and remove persisted GraphQL documents.", no_args_is_help=True)
app.add_typer(documents_app, name="documents")


@documents_app.command("register")
def documents_register(
    file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="A client's persisted-documents JSON: {\"<id>\": \"query ...\"} as Relay "
                                     "(persistConfig) and GraphQL Code Generator (persisted-documents.json) write it."),
    client: Optional[str] = typer.Option(None, "--client",
                                         help="The client the file belongs to (for list and remove)."),
) -> None:
    """Validate every document against the current schema and store them as trusted, all or none."""
    from .graphql.persisted import read_documents_file, register_documents

    async def change(service):
        documents = read_documents_file(file.read_text(encoding="utf-8"), file.name)
        return await register_documents(service, documents, client)

    done = _with_service(change)
    typer.echo(f"registered {done.added} document(s) from {file.name}"
               + (f"; {done.already_registered} were registered already" if done.already_registered else ""))


@documents_app.command("list")
def documents_list(
    client: Optional[str] = typer.Option(None, "--client", help="Only this client's documents."),
) -> None:
    """List stored documents: id, client (or `apq` for those clients stored), operation."""
    from .graphql.persisted import operation_label
    from .models import PersistedDocument

    async def work(settings):
        rows = PersistedDocument.all().order_by("client", "document_id")
        return await (rows.filter(client=client) if client else rows)

    for row in _with_db(work):
        source = row.client or ("registered" if row.trusted else "apq")
        typer.echo(f"{row.document_id}\t{source}\t{operation_label(row.document)}")


@documents_app.command("remove")
def documents_remove(
    ids: list[str] = typer.Argument(None, help="Ids of documents to remove."),
    client: Optional[str] = typer.Option(None, "--client", help="Remove all of this client's documents."),
    apq: bool = typer.Option(False, "--apq", help="Remove all documents clients stored by hash (APQ)."),
) -> None:
    """Remove documents; every API process stops running them within seconds."""
    from .graphql.persisted import remove_documents

    removed = _with_service(lambda service: remove_documents(service, ids or [], client, apq))
    typer.echo(f"removed {removed} document(s)")


attachments_app = typer.Typer(help="Manage where attachment files are kept.", no_args_is_help=True)
app.add_typer(attachments_app, name="attachments")


@attachments_app.command("migrate")
def attachments_migrate(
    at_most: Optional[int] = typer.Option(None, "--at-most", min=1, help="Move at most this many files this run."),
) -> None:
    """Move attachment files from CRM_ATTACHMENTS_DIR into the database, one file per
    transaction; run it again to go on after an interruption. Files whose bytes are not
    those uploaded (SHA-256) or that are missing stay where they are, and are listed."""
    from .journey.attachment_migration import move_into_database

    result = _with_db(lambda settings: move_into_database(settings, at_most))
    typer.echo(f"moved {result.moved} file(s) into the database"
               + (f"; removed {result.cleaned} file(s) an earlier run had moved" if result.cleaned else ""))
    for label, keys in (("are missing from the folder", result.missing),
                        ("do not match the SHA-256 recorded at upload", result.damaged)):
        if keys:
            typer.secho(f"{len(keys)} file(s) {label}, left on disk: {', '.join(keys)}", fg=typer.colors.RED, err=True)
    if result.missing or result.damaged:
        raise typer.Exit(1)


# -- webhooks -------------------------------------------------------------------------------

webhooks_app = typer.Typer(help="Register webhook endpoints, rotate their secrets, read their delivery log.",
                           no_args_is_help=True)
app.add_typer(webhooks_app, name="webhooks")


def _webhook_user(email: str):
    async def find():
        from .models import User

        user = await User.get_or_none(email=email)
        if user is None:
            _fail(f"no user with email {email}")
        return user.id
    return find()


@webhooks_app.command("add")
def webhooks_add(
    url: str = typer.Argument(..., help="The http(s) URL to POST changes to."),
    entity: list[str] = typer.Option(..., "--entity", help="An entity to send changes of (name or key); repeatable."),
    user: str = typer.Option(..., "--user", help="Email of the user whose access rules shape the payloads."),
    kind: list[str] = typer.Option([], "--kind", help="create, update, delete or convert; repeatable (default: all)."),
    filter: Optional[str] = typer.Option(None, "--filter", help="A filter as JSON, in the API's filter language."),
) -> None:
    """Register an endpoint; prints its number and, on the last line, its signing secret (shown once)."""
    import orjson

    from .webhooks import endpoints

    try:
        spec = orjson.loads(filter) if filter else None
    except orjson.JSONDecodeError as error:
        _fail(f"--filter is not JSON: {error}")

    async def change(service):
        return await endpoints.create(service, url=url, entities=entity, kinds=kind or None, filter=spec,
                                      user_id=await _webhook_user(user))

    registered = _with_service(change)
    typer.echo(f"registered webhook endpoint {registered.endpoint.id}; its secret (shown once):")
    typer.echo(registered.secret)


@webhooks_app.command("list")
def webhooks_list() -> None:
    """Every endpoint: number, state, URL, entities, kinds, user, cursor, filter."""
    import orjson

    from .models import User, WebhookEndpoint
    from .webhooks import endpoints

    async def listing(service):
        catalog = service.current.catalog
        emails = dict(await User.all().values_list("id", "email"))
        return [(row, endpoints.shown_entities(catalog, row), endpoints.shown_filter(catalog, row),
                 emails.get(row.user_id)) for row in await WebhookEndpoint.all().order_by("id")]

    for row, entities, shown_filter, email in _with_service(listing):
        state = "enabled" if row.enabled else f"disabled ({row.disabled_reason})"
        line = (f"{row.id}\t{state}\t{row.url}\t{','.join(entities)}\t{','.join(row.kinds)}\tuser {email}"
                f"\tcursor {row.cursor}")
        typer.echo(line + (f"\tfilter {orjson.dumps(shown_filter).decode()}" if shown_filter else ""))


@webhooks_app.command("rotate")
def webhooks_rotate(endpoint: int = typer.Argument(..., help="The endpoint's number.")) -> None:
    """A new signing secret (printed on the last line); the previous one still signs beside it
    for CRM_WEBHOOK_ROTATION_GRACE_HOURS."""
    from datetime import timedelta

    from .webhooks import endpoints

    async def change(service):
        return await endpoints.rotate(endpoint, timedelta(hours=service.settings.webhook_rotation_grace_hours))

    registered = _with_service(change)
    typer.echo(f"rotated the secret of endpoint {endpoint}; the previous one signs too until "
               f"{registered.endpoint.previous_secret_until.isoformat()}; the new one:")
    typer.echo(registered.secret)


@webhooks_app.command("replay")
def webhooks_replay(
    endpoint: int = typer.Argument(..., help="The endpoint's number."),
    from_sequence: int = typer.Option(..., "--from", help="The first change-feed sequence to send again."),
) -> None:
    """Send every change from a sequence on again (same webhook-ids), and enable the endpoint."""
    from .webhooks import endpoints

    _with_service(lambda service: endpoints.replay(endpoint, from_sequence))
    typer.echo(f"endpoint {endpoint} delivers again from sequence {from_sequence}")


@webhooks_app.command("disable")
def webhooks_disable(
    endpoint: int = typer.Argument(..., help="The endpoint's number."),
    reason: str = typer.Option("disabled by an admin", help="Shown with the endpoint."),
) -> None:
    """Stop delivering to an endpoint (changes wait in the feed until it is enabled)."""
    from .webhooks import endpoints

    _with_service(lambda service: endpoints.disable(endpoint, reason))
    typer.echo(f"endpoint {endpoint} disabled")


@webhooks_app.command("enable")
def webhooks_enable(endpoint: int = typer.Argument(..., help="The endpoint's number.")) -> None:
    """Deliver again from where delivery stopped."""
    from .webhooks import endpoints

    _with_service(lambda service: endpoints.enable(endpoint))
    typer.echo(f"endpoint {endpoint} enabled")


@webhooks_app.command("deliveries")
def webhooks_deliveries(
    endpoint: int = typer.Argument(..., help="The endpoint's number."),
    status: Optional[str] = typer.Option(None, help="pending, delivered, failed or skipped."),
    limit: int = typer.Option(50, min=1, max=500, help="At most this many, newest first."),
) -> None:
    """The endpoint's delivery log: sequence, webhook-id, status, attempts, next try, last error."""
    from .webhooks import endpoints

    for row in _with_service(lambda service: endpoints.deliveries(endpoint, status, limit)):
        when = row.delivered_at or row.next_try
        typer.echo(f"{row.sequence}\t{row.webhook_id}\t{row.status}\t{row.attempts} attempt(s)"
                   f"\t{when.isoformat() if when else '-'}\t{row.last_error or ''}")


@webhooks_app.command("delete")
def webhooks_delete(endpoint: int = typer.Argument(..., help="The endpoint's number.")) -> None:
    """Remove an endpoint and its delivery log."""
    from .webhooks import endpoints

    _with_service(lambda service: endpoints.delete(endpoint))
    typer.echo(f"endpoint {endpoint} deleted")


def main() -> None:
    app()
