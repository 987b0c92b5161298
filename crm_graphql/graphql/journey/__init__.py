"""GraphQL fields of the customer journey: conversions, the pipeline, tasks, timelines and
attachments. The schema builder adds them to the root types; the work is done by
`crm_graphql.journey`."""

from __future__ import annotations

from typing import Any

from ...catalog import Catalog
from ...records import Writer
from ..inputs import EntityInputs
from ..types import EntityTypes
from . import attachments, conversions, pipeline, tasks, timeline


def query_fields(catalog: Catalog, types: EntityTypes) -> dict[str, Any]:
    return {
        **conversions.query_fields(catalog, types),
        **tasks.query_fields(catalog, types),
        **timeline.query_fields(catalog, types),
        **attachments.query_fields(catalog, types),
    }


def mutation_fields(catalog: Catalog, types: EntityTypes, inputs: EntityInputs, writer: Writer) -> dict[str, Any]:
    return {
        **conversions.mutation_fields(catalog, types, inputs, writer),
        **pipeline.mutation_fields(catalog, types, writer),
        **tasks.mutation_fields(catalog, types, writer),
        **attachments.mutation_fields(),
    }
