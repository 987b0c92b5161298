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
    value = (_sqlite_weighted(f"{opportunity}.amount") if dialect == "sqlite"
             else f"round({opportunity}.amount * s.probability / 100.0, 2)")
    return (SQL(f"(SELECT {value} FROM pipeline_stage s "
                f"WHERE s.id = {opportunity}.stage_id AND ") + visible("PipelineStage", "s") + ")")


def _sqlite_weighted(amount: str) -> str:
    """SQLite: the weighted amount as exact decimal text. SQLite keeps an amount as the
    text of its Decimal with two places; a REAL holds 15 digits, an amount up to 18, so
    the sum is worked in integer cents: units x probability, plus the cents' share
    rounded half away from zero."""
    magnitude = f"ltrim({amount}, '-')"
    units = f"CAST(substr({magnitude}, 1, length({magnitude}) - 3) AS INTEGER)"
    cents = f"CAST(substr({magnitude}, -2) AS INTEGER)"
    weighted = f"({units} * s.probability + ({cents} * s.probability + 50) / 100)"
    sign = f"CASE WHEN {amount} LIKE '-%' AND {weighted} > 0 THEN '-' ELSE '' END"
    return f"{sign} || ({weighted} / 100) || '.' || printf('%02d', {weighted} % 100)"


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
