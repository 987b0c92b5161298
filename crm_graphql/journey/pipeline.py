"""The pipeline: every change of an opportunity's stage is kept (when, by whom, from which
stage to which), and `close_opportunity` moves a deal to the won or lost stage."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from .. import auth
from ..catalog import Entity
from ..errors import ConflictError, ValidationError
from ..ids import to_global_id
from ..models import OpportunityStageChange, PipelineStage
from ..query.reader import Reader
from .lookup import visible

if TYPE_CHECKING:
    from ..records import Writer


async def record_stage_change(entity: Entity, pk: int, before: dict[str, Any], values: dict[str, Any],
                              actor: auth.Actor, conn) -> None:
    """Called by the Writer inside the transaction of every update: keeps the stage change
    of an opportunity, if the update changes its stage."""
    if entity.key != "Opportunity" or "stage_id" not in values or values["stage_id"] == before["stage_id"]:
        return
    from_stage, to_stage = before["stage_id"], values["stage_id"]
    names = dict(await PipelineStage.filter(id__in=[from_stage, to_stage]).using_db(conn).values_list("id", "name"))
    await OpportunityStageChange.create(
        using_db=conn, opportunity_id=pk, from_stage_id=from_stage, from_stage_name=names[from_stage],
        to_stage_id=to_stage, to_stage_name=names[to_stage], at=datetime.now(timezone.utc), user_id=actor.user_id,
    )


async def close_opportunity(writer: Writer, reader: Reader, actor: auth.Actor, pk: int, version: int,
                            won: bool) -> None:
    """Moves an open opportunity to the first won (or lost) stage of the pipeline and sets
    its close date to today."""
    entity = writer.catalog["Opportunity"]
    opportunity = await visible(reader, actor, entity, pk)
    current = await PipelineStage.get(id=opportunity["stage_id"])
    if current.is_won or current.is_lost:
        raise ConflictError(f"the opportunity is closed already (stage {current.name!r}); "
                            "change its stage with updateOpportunity to reopen it", field="id")
    stage = await PipelineStage.filter(**{"is_won" if won else "is_lost": True}).order_by("position", "id").first()
    if stage is None:
        raise ValidationError(f"no pipeline stage is marked as {'won' if won else 'lost'}; an admin sets "
                              f"`{'isWon' if won else 'isLost'}` on one", field="won")
    await writer.update(entity, actor, pk, version, {
        "stageId": to_global_id("PipelineStage", stage.id),
        "closedOn": datetime.now(timezone.utc).date(),
    })
