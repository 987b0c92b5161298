"""Admin fields for plugins: `plugins`, `registerPlugin`, `unregisterPlugin`, `purgePluginData`."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from ..auth import require_admin
from ..plugins import runtime
from .context import context_of


@strawberry.type
class Plugin:
    name: str
    description: str
    source: str = strawberry.field(
        description="`file <name>`, `entry point` (a package or a module's documents), `code` (a computed field "
                    "of a module) or `database`.")
    enabled: bool
    fields: list[str] = strawberry.field(description="`Entity.field` of each field the plugin adds.")
    renames: list[str]
    problem: str | None = strawberry.field(
        description="Why the plugin is not in use: it does not apply on top of the plugins before it "
                    "(an unknown entity, a name another plugin took), so it is skipped.")


def _plugin(info: runtime.PluginInfo) -> Plugin:
    return Plugin(**info.__dict__)


async def plugins(info: strawberry.Info) -> list[Plugin]:
    context = context_of(info)
    require_admin(context.actor, "list plugins")
    return [_plugin(p) for p in await runtime.list_plugins(context.service)]


async def register_plugin(info: strawberry.Info, definition: JSON) -> Plugin:
    context = context_of(info)
    require_admin(context.actor, "register plugins")
    return _plugin(await runtime.register(context.service, definition))


async def unregister_plugin(info: strawberry.Info, name: str) -> Plugin:
    context = context_of(info)
    require_admin(context.actor, "unregister plugins")
    return _plugin(await runtime.unregister(context.service, name))


async def purge_plugin_data(info: strawberry.Info, name: str) -> int:
    context = context_of(info)
    require_admin(context.actor, "purge plugin data")
    return await runtime.purge(context.service, name)


def query_fields() -> dict:
    return {
    "plugins": strawberry.field(resolver=plugins, graphql_type=list[Plugin],
                                description="Installed and registered plugins (admins only)."),
    }


def mutation_fields() -> dict:
    return {
    "register_plugin": strawberry.field(
        resolver=register_plugin, graphql_type=Plugin,
        description="Register or replace a declarative plugin (the TOML structure as JSON); "
                    "every API process serves the new schema within seconds."),
    "unregister_plugin": strawberry.field(
        resolver=unregister_plugin, graphql_type=Plugin,
        description="Hide a registered plugin's fields; their values stay until purged."),
    "purge_plugin_data": strawberry.field(
        resolver=purge_plugin_data, graphql_type=int,
        description="Delete an unregistered plugin and its stored values; returns the rows changed."),
    }
