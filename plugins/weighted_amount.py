"""A code plugin: `Opportunity.weightedAmount`, the amount times the stage's win probability.

Code plugins are Python modules in the plugins folder (or packages exposing the
`crm_graphql` entry-point group) that implement hooks from `crm_graphql.plugins.hookspecs`.
A computed field with an `sql` form lets reads that select it run as one SQL statement.
"""

from decimal import ROUND_HALF_UP, Decimal

from crm_graphql.catalog import ComputedField
from crm_graphql.plugins import hookimpl
from crm_graphql.query.sql import SQL

CENT = Decimal("0.01")


async def weighted_amount(opportunity: dict, load) -> Decimal | None:
    if opportunity["amount"] is None:
        return None
    stage = await load("PipelineStage", opportunity["stage_id"])
    if stage is None:
        return None
    # Half-cents round away from zero, as SQL's round() does; no negative zero (`+ 0`).
    return (opportunity["amount"] * stage["probability"] / 100).quantize(CENT, rounding=ROUND_HALF_UP) + 0


def weighted_amount_sql(opportunity: str, dialect: str, visible) -> SQL:
    """The same value in SQL: null without an amount or a stage the reader may see."""
    amount = f"CAST({opportunity}.amount AS REAL)" if dialect == "sqlite" else f"{opportunity}.amount"
    return (SQL(f"(SELECT round({amount} * s.probability / 100.0, 2) FROM pipeline_stage s "
                f"WHERE s.id = {opportunity}.stage_id AND ") + visible("PipelineStage", "s") + ")")


@hookimpl
def crm_computed_fields():
    return [(
        "Opportunity",
        ComputedField(
            name="weightedAmount", type="money", resolve=weighted_amount, sql=weighted_amount_sql,
            plugin="weighted-amount", labels={"en": "Weighted amount", "de": "Gewichteter Betrag"},
            description="The amount times the stage's win probability.",
        ),
    )]
