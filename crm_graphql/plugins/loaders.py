"""Where plugins come from: the plugins folder, the `crm_graphql` entry-point group, and
definitions stored in the database by admins."""

from __future__ import annotations

import importlib.util
import logging
import sys
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from ..models import PluginDefinition
from .document import PluginDocument, PluginError, parse_document, parse_toml

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "crm_graphql"


@dataclass
class Found:
    documents: list[PluginDocument] = field(default_factory=list)
    modules: list[ModuleType] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def folder_fingerprint(folder: Path) -> tuple:
    """Changes whenever a plugin file is added, removed or edited."""
    if not folder.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                        for p in folder.iterdir() if p.suffix in (".toml", ".py")))


def folder_documents(folder: Path) -> Found:
    found = Found()
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            found.documents.append(parse_toml(path.read_text(encoding="utf-8"), source=f"file {path.name}"))
        except PluginError as error:
            found.problems.append(f"{path.name}: {error.message}")
    return found


def folder_modules(folder: Path) -> Found:
    found = Found()
    for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
        if path.name.startswith("_"):
            continue
        module_name = f"crm_graphql_plugin_{path.stem}"
        try:
            spec = importlib.util.spec_from_file_location(module_name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            spec.loader.exec_module(module)
        except Exception as error:  # a broken plugin must not stop the API
            sys.modules.pop(module_name, None)
            found.problems.append(f"{path.name}: cannot be imported: {error!r}")
            continue
        found.modules.append(module)
    return found


def entry_point_modules() -> Found:
    found = Found()
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            found.modules.append(entry_point.load())
        except Exception as error:  # a broken plugin must not stop the API
            found.problems.append(f"entry point {entry_point.name}: cannot be loaded: {error!r}")
    return found


async def database_documents() -> list[PluginDocument]:
    documents = []
    for row in await PluginDefinition.filter(enabled=True).order_by("name"):
        try:
            documents.append(parse_document(row.document, source="database"))
        except PluginError as error:  # stored before a check existed; skip rather than fail
            log.error("stored plugin %s is invalid and was skipped: %s", row.name, error.message)
    return documents
