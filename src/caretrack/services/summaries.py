"""Gathers one child's data for the clinic-visit summary; the layout is the renderer's business."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Period, Summary, SummaryInputs, build_summary, default_period
from caretrack.reports.therapy import PUMP_LOOKBACK
from caretrack.services.clock import Clock
from caretrack.services.errors import NotFound
from caretrack.services.flags import FlagService
from caretrack.storage import repository as repo
from caretrack.storage.database import Database


class SummaryService:
    def __init__(self, db: Database, catalogue: Catalogue, clock: Clock, flags: FlagService):
        self._db = db
        self._catalogue = catalogue
        self._clock = clock
        self._flags = flags

    def default_period(self, child_id: int) -> Period:
        """Since the last recorded clinic visit, or the last 7 days."""
        today = self._clock.now().date()
        with self._db.unit_of_work() as s:
            visit = repo.last_visit(s, child_id, today)
        return default_period(today, visit.on if visit else None)

    def build(self, child_id: int, period: Period | None = None) -> Summary:
        """One read transaction, so the summary is a consistent snapshot of the file."""
        now = self._clock.now()
        zone = now.tzinfo
        assert zone is not None
        period = period or self.default_period(child_id)
        # A day or so of margin either side: the family's zone decides the day, not UTC.
        since = datetime.combine(period.start, time.min, zone) - timedelta(days=1)
        until = datetime.combine(period.end, time.min, zone) + timedelta(days=2)
        with self._db.unit_of_work() as s:
            child = repo.child(s, child_id)
            if child is None:
                raise NotFound(f"no child with id {child_id}")
            course = child.current_course
            therapy = self._catalogue.therapy(course.therapy_id) if course else None
            if therapy is not None and therapy.schedule.bag_hours:
                since -= PUMP_LOOKBACK  # a stop logged earlier may still be running
            entries = repo.entries(s, child_id, since, until)
            flags = repo.flags(s, child_id=child_id)
            questions = repo.questions(s, child_id)
            plans = repo.medicine_plans(s, child_id, only_active=False)
            team = repo.care_team(s)
            settings = self._flags.settings(s)
        return build_summary(
            SummaryInputs(
                child=child,
                catalogue=self._catalogue,
                care_team=team,
                period=period,
                zone=zone,
                printed_at=now,
                rules_version=self._flags.rules_version,
                fever_line_c_tenths=settings.fever_threshold_c_tenths,
                entries=entries,
                flags=flags,
                questions=questions,
                medicine_plans=plans,
            )
        )
