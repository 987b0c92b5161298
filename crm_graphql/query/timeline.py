"""The timeline of a record as SQL: its activities, stage changes, conversions, audit
entries and attachments in one keyset-paginated list, newest first.

Each source is a subquery giving `(src, id, at)`: which table the event comes from, the
row's id there, and when it happened. Every source applies the access predicate of the
records it reads, so an event of a record the actor may not see is not listed, not
counted and cannot be paged to. `(at, src, id)` is unique, which makes the keyset total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from .. import auth
from ..catalog import Catalog
from .pages import OrderTerm, PageArgs, key_columns, keyset, order_by, pop_cursor
from .sql import SQL, and_

ALIAS = "t"


class TimelineSource(int, Enum):
    """Where an event comes from; the value is its tie-breaker in the order."""

    ACTIVITY = 1
    STAGE_CHANGE = 2
    LEAD_CONVERSION = 3
    TARGET_CONVERSION = 4
    AUDIT = 5
    ATTACHMENT = 6


TIMELINE_ENTITIES = ("Account", "Person", "Lead", "Opportunity", "Target")
# The activity column that links an activity to a record of each entity.
ACTIVITY_LINKS = {"Account": "account_id", "Person": "person_id", "Lead": "lead_id",
                  "Opportunity": "opportunity_id"}
# The lead column that points at what a conversion made of the lead.
CONVERTED_LINKS = {"Lead": "id", "Person": "converted_person_id", "Account": "converted_account_id",
                   "Opportunity": "converted_opportunity_id"}
TERMS = (OrderTerm("at", "datetime", True), OrderTerm("src", "int", True), OrderTerm("id", "int", True))


@dataclass
class TimelineRow:
    source: TimelineSource
    id: int
    # As the database returns it: a datetime, or UTC text on SQLite.
    at: object
    cursor: str


class TimelineQuery:
    """The sources of one record's timeline for one actor."""

    def __init__(self, catalog: Catalog, dialect: str, actor: auth.Actor, entity_key: str, pk: int,
                 sources: Sequence[TimelineSource]) -> None:
        self.catalog = catalog
        self.dialect = dialect
        self.actor = actor
        self.key = entity_key
        self.pk = pk
        self.sources = sources

    def page(self, args: PageArgs) -> SQL | None:
        """The statement of one page (`first` + 1 rows, to tell whether more follow)."""
        union = self._union()
        if union is None:
            return None
        where = SQL("") if args.after is None else (
            SQL(" WHERE ") + keyset(TERMS, args.after, ALIAS, self.dialect, after=True, field="after"))
        return (SQL(f"SELECT {ALIAS}.src, {ALIAS}.id{key_columns(TERMS, ALIAS)} FROM (") + union
                + f") {ALIAS}" + where + f" ORDER BY {order_by(TERMS, ALIAS)} LIMIT {args.size + 1}")

    def count(self) -> SQL | None:
        union = self._union()
        return None if union is None else SQL("SELECT COUNT(*) AS n FROM (") + union + f") {ALIAS}"

    @staticmethod
    def rows(fetched: list[dict]) -> list[TimelineRow]:
        rows = []
        for row in fetched:
            at = row["k__0"]
            rows.append(TimelineRow(TimelineSource(row["src"]), row["id"], at, pop_cursor(row, TERMS)))
        return rows

    # -- sources ----------------------------------------------------------------------

    def _union(self) -> SQL | None:
        parts = [part for source in self.sources if (part := self._source(source)) is not None]
        return SQL.join(" UNION ALL ", parts) if parts else None

    def _source(self, source: TimelineSource) -> SQL | None:
        build = {
            TimelineSource.ACTIVITY: self._activities,
            TimelineSource.STAGE_CHANGE: self._stage_changes,
            TimelineSource.LEAD_CONVERSION: self._lead_conversions,
            TimelineSource.TARGET_CONVERSION: self._target_conversions,
            TimelineSource.AUDIT: self._audit_entries,
            TimelineSource.ATTACHMENT: self._attachments,
        }[source]
        return build()

    def _select(self, source: TimelineSource, table: str, alias: str, at: str, conditions: list) -> SQL:
        where = and_(conditions)
        return (SQL(f'SELECT {source.value} AS src, {alias}.id AS id, {self._utc(at)} AS "at" '
                    f'FROM "{table}" {alias} WHERE ') + where)

    def _visible(self, entity_key: str, alias: str) -> SQL | None:
        return auth.row_predicate(self.actor, self.catalog[entity_key], alias)

    def _activities(self) -> SQL | None:
        link = ACTIVITY_LINKS.get(self.key)
        if link is None:
            return None
        this = SQL(f"ja.{link} = ?", [self.pk])
        if self.key == "Person":
            # A person's timeline also shows the meetings they attend.
            this = this + SQL(" OR EXISTS (SELECT 1 FROM \"activity_attendee\" jaa "
                              "WHERE jaa.activity_id = ja.id AND jaa.person_id = ?)", [self.pk])
        return self._select(TimelineSource.ACTIVITY, "activity", "ja",
                            "COALESCE(ja.occurred_at, ja.starts_at, ja.created_at)",
                            [this, self._visible("Activity", "ja")])

    def _stage_changes(self) -> SQL | None:
        if self.key == "Opportunity":
            this = SQL("js.opportunity_id = ?", [self.pk])
        elif self.key == "Account":
            # The account's timeline follows the deals of the account the actor may see.
            this = (SQL("js.opportunity_id IN (SELECT jo.id FROM \"opportunity\" jo WHERE ")
                    + and_([SQL("jo.account_id = ?", [self.pk]), self._visible("Opportunity", "jo")]) + ")")
        else:
            return None
        return self._select(TimelineSource.STAGE_CHANGE, "opportunity_stage_change", "js", "js.at", [this])

    def _lead_conversions(self) -> SQL | None:
        link = CONVERTED_LINKS.get(self.key)
        if link is None:
            return None
        return self._select(TimelineSource.LEAD_CONVERSION, "lead", "jl", "jl.converted_at", [
            SQL(f"jl.{link} = ?", [self.pk]), SQL("jl.converted_at IS NOT NULL"), self._visible("Lead", "jl"),
        ])

    def _target_conversions(self) -> SQL | None:
        link = {"Target": "id", "Lead": "converted_lead_id"}.get(self.key)
        if link is None:
            return None
        return self._select(TimelineSource.TARGET_CONVERSION, "target", "jt", "jt.converted_at", [
            SQL(f"jt.{link} = ?", [self.pk]), SQL("jt.converted_at IS NOT NULL"), self._visible("Target", "jt"),
        ])

    def _audit_entries(self) -> SQL:
        this = SQL("(je.entity = ? AND je.record_id = ?)", [self.key, self.pk])
        if self.key == "Lead":
            # A lead carries the history of the target it was converted from.
            this = this + SQL(" OR (je.entity = 'Target' AND je.record_id IN "
                              "(SELECT jt.id FROM \"target\" jt WHERE jt.converted_lead_id = ?))", [self.pk])
        return self._select(TimelineSource.AUDIT, "audit_entry", "je", "je.at",
                            [this.parens(), self._visible("AuditEntry", "je")])

    def _attachments(self) -> SQL:
        # Files are visible with their record, which the caller has checked.
        return self._select(TimelineSource.ATTACHMENT, "attachment", "jf", "jf.uploaded_at",
                            [SQL("jf.entity = ? AND jf.record_id = ?", [self.key, self.pk])])

    def _utc(self, expression: str) -> str:
        # SQLite keeps datetimes as text, some with other offsets than UTC: compare them in
        # UTC (to the millisecond, the finest strftime gives).
        return f"strftime('%Y-%m-%d %H:%M:%f', {expression})" if self.dialect == "sqlite" else expression
