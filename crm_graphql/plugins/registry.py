"""`PluginRegistry`: loads code plugins once, reads plugin documents, builds catalogs."""

from __future__ import annotations

import logging
from pathlib import Path

import pluggy

from ..catalog import Catalog
from ..catalog.core import core_catalog
from ..config import Settings
from . import hookspecs, loaders
from .apply import apply_documents
from .document import PluginDocument, PluginError, parse_document

log = logging.getLogger(__name__)


class PluginRegistry:
    def __init__(self, settings: Settings) -> None:
        self.folder = Path(settings.plugins_dir)
        self.manager = pluggy.PluginManager("crm_graphql")
        self.manager.add_hookspecs(hookspecs)
        self.code_problems: list[str] = []
        for found in (loaders.entry_point_modules(), loaders.folder_modules(self.folder)):
            for module in found.modules:
                self.manager.register(module, name=module.__name__)
            self.code_problems += found.problems
        for problem in self.code_problems:
            log.error("plugin skipped: %s", problem)

    def static_documents(self) -> tuple[list[PluginDocument], list[str]]:
        """Documents from code plugins and the plugins folder, and the problems found."""
        documents, problems = [], []
        for module_documents in self.manager.hook.crm_plugin_documents():
            for data in module_documents or []:
                try:
                    documents.append(parse_document(data, source="entry point"))
                except PluginError as error:
                    problems.append(error.message)
        found = loaders.folder_documents(self.folder)
        return documents + found.documents, problems + found.problems

    def folder_fingerprint(self) -> tuple:
        return loaders.folder_fingerprint(self.folder)

    def catalog(self, documents: list[PluginDocument]) -> Catalog:
        """The core catalog with the code plugins' computed fields and the documents applied."""
        catalog = core_catalog()
        for entity_name, computed in self.computed_fields():
            entity = catalog.find(entity_name)
            if entity is None or computed.name in entity.member_names():
                raise PluginError(computed.plugin or "code plugin",
                                  f"computed field {entity_name}.{computed.name} has an unknown entity or a taken name")
            entity.computed.append(computed)
        names = [d.name for d in documents]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise PluginError(duplicates[0], "is defined twice (a file and a stored definition, or two files)")
        return apply_documents(catalog, documents)

    def usable(self, documents: list[PluginDocument]) -> tuple[list[PluginDocument], dict[tuple[str, str], str]]:
        """The documents that apply together, and the problem of each one left out (by name
        and source, as two sources may bring one name): taken in order, a document that
        does not apply on top of those before it (an unknown entity, a name another plugin
        took) is skipped, so that one bad file cannot stop the rest."""
        try:
            self.catalog(documents)
            return documents, {}
        except PluginError:
            pass
        kept, skipped = [], {}
        for document in documents:
            try:
                self.catalog(kept + [document])
            except PluginError as error:
                skipped[document.name, document.source] = f"{error.message} ({document.source}, skipped)"
            else:
                kept.append(document)
        return kept, skipped

    def computed_fields(self) -> list[tuple]:
        """`(entity, ComputedField)` pairs from every code plugin."""
        return [pair for pairs in self.manager.hook.crm_computed_fields() for pair in pairs or []]

    def validate(self, entity: str, data: dict, creating: bool, actor) -> None:
        self.manager.hook.crm_validate(entity=entity, data=data, creating=creating, actor=actor)

    async def after_write(self, entity: str, pk: int, action: str, actor) -> None:
        for result in self.manager.hook.crm_after_write(entity=entity, pk=pk, action=action, actor=actor):
            if hasattr(result, "__await__"):
                await result
