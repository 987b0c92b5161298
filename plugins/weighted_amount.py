"""A code plugin: `Opportunity.weightedAmount`, the amount times the stage's win probability.

Code plugins are Python modules in the plugins folder (or packages exposing the
`crm_graphql` entry-point group) that implement hooks from `crm_graphql.plugins.hookspecs`.
"""

from decimal import Decimal

from crm_graphql.catalog import ComputedField
from crm_graphql.plugins import hookimpl

CENT = Decimal("0.01")


async def weighted_amount(opportunity: dict, load) -> Decimal | None:
    if opportunity["amount"] is None:
        return None
    stage = await load("PipelineStage", opportunity["stage_id"])
    if stage is None:
        return None
    return (opportunity["amount"] * stage["probability"] / 100).quantize(CENT)


@hookimpl
def crm_computed_fields():
    return [(
        "Opportunity",
        ComputedField(
            name="weightedAmount", type="money", resolve=weighted_amount, plugin="weighted-amount",
            labels={"en": "Weighted amount", "de": "Gewichteter Betrag"},
            description="The amount times the stage's win probability.",
        ),
    )]
