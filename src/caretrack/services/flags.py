"""Judging saved entries and keeping their flags until someone records the call."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from caretrack.domain.calendar import dose_dates
from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import CallRecord, Evaluation, StoredFlag, Tier
from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import Child, Entry, PumpEvent
from caretrack.domain.pump import pump_status
from caretrack.domain.text import NOTE_LIMIT, SHORT_LIMIT, clean_text
from caretrack.domain.validation import Level, Problem
from caretrack.rules import CareSettings, RuleSet, Situation, evaluate_safely, unavailable
from caretrack.services.clock import Clock
from caretrack.services.errors import NotFound, ValidationFailed
from caretrack.storage import repository as repo
from caretrack.storage.database import Database

CALL_GRACE = timedelta(minutes=15)  # clocks and rounded times; never more
CONTEXT_ENTRIES = 50  # earlier entries the trend and pump rules look back over
ONGOING_LOOKBACK = timedelta(days=60)  # a pump stop is looked for this far back (a cycle is 28)

FEVER_KEY = "fever_threshold_c_tenths"
TREND_KEY = "trend_enabled"


class RulesFailed(Exception):
    """The rules raised while judging; the window tells the parent to call the care team."""


class FlagService:
    def __init__(
        self, db: Database, catalogue: Catalogue, rules: RuleSet | None, clock: Clock
    ) -> None:
        self._db = db
        self._catalogue = catalogue
        self._rules = rules
        self._clock = clock

    @property
    def rules(self) -> RuleSet | None:
        return self._rules

    @property
    def rules_version(self) -> str:
        return "unavailable" if self._rules is None else self._rules.version

    def judge(self, session: Session, child: Child, entry: Entry) -> tuple[Evaluation, list[int]]:
        """Evaluate one saved entry against the ones before it and append its new flags."""
        course = child.current_course
        settings = self._settings(session)
        if course is None:
            evaluation = unavailable(self.rules_version)
        else:
            situation = self._situation(child, settings)
            context = repo.entries(
                session,
                child.id,
                until=entry.content.observed_at + timedelta(microseconds=1),
                limit=CONTEXT_ENTRIES,
            )
            pairs = [(e.uid, e.content) for e in context if e.id != entry.id]
            pairs.append((entry.uid, entry.content))
            whole = evaluate_safely(self._rules, self._catalogue, situation, pairs)
            mine = tuple(f for f in whole.flags if f.entry_uid in (entry.uid, None))
            evaluation = Evaluation(
                whole.tier if not whole.available else Tier.highest([f.tier for f in mine]),
                mine,
                whole.rules_version,
                whole.available,
            )
        ids = repo.add_flags(session, self._clock.now(), entry.id, entry.version, evaluation)
        return evaluation, ids

    def _situation(self, child: Child, settings: CareSettings) -> Situation:
        course = child.current_course
        assert course is not None
        therapy = self._catalogue.therapy(course.therapy_id)
        doses = () if therapy is None else dose_dates(therapy, course)
        return Situation(course.therapy_id, course.start_date, child.birth_date, settings, doses)

    def check_ongoing(self, child_id: int) -> list[int]:
        """Flags that need only time to pass: a pump still stopped 4 hours after it stopped.

        Run every minute while CareTrack is open. The flag goes on the entry that logged the
        stop, once; a later restart entry cannot take it back.
        """
        with self._db.unit_of_work() as s:
            child = repo.child(s, child_id)
            if child is None or child.current_course is None or self._rules is None:
                return []
            now = self._clock.now()
            # Every entry since well before any bag could still be running: a stop logged
            # before many later check-ins must still be found (not only the last 50).
            context = repo.entries(s, child.id, since=now - ONGOING_LOOKBACK, until=now)
            if pump_status(e.content for e in context).stopped_since is None:
                return []  # the usual minute: no stop waiting for a restart, nothing to judge
            situation = self._situation(child, self._settings(s))
            pairs = [(e.uid, e.content) for e in context]
            whole = evaluate_safely(self._rules, self._catalogue, situation, pairs, now)
            if not whole.available:  # never a silent "no warning": the caller says so
                raise RulesFailed("the warning rules could not judge the pump log")
            timed = {r.id for r in self._rules.rules if r.when.pump_interruption_hours is not None}
            by_uid = {e.uid: e for e in context}
            added: list[int] = []
            for f in whole.flags:
                entry = by_uid.get(f.entry_uid or "")
                if (
                    f.rule_id not in timed
                    or entry is None
                    or entry.content.pump_event is not PumpEvent.STOPPED
                ):
                    continue
                raised = repo.flags(s, entry_id=entry.id)
                if any(r.flag.rule_id == f.rule_id for r in raised):
                    continue
                one = Evaluation(f.tier, (f,), whole.rules_version)
                added += repo.add_flags(s, now, entry.id, entry.version, one)
            return added

    def open_flags(self, child_id: int | None = None) -> list[StoredFlag]:
        with self._db.unit_of_work() as s:
            return repo.flags(s, child_id, only_open=True)

    def flags_by_id(self, ids: Sequence[int]) -> list[StoredFlag]:
        """Just these flags (newest first), without reading the whole log."""
        with self._db.unit_of_work() as s:
            return repo.flags(s, ids=list(ids))

    def log(self, child_id: int | None = None) -> list[StoredFlag]:
        with self._db.unit_of_work() as s:
            return repo.flags(s, child_id)

    def record_call(
        self,
        flag_ids: Sequence[int],
        called_at: datetime,
        caller: str,
        spoke_with: str,
        advice: str,
    ) -> CallRecord:
        """Close the given open flags with one call record; the flags themselves stay."""
        now = self._clock.now()
        problems = []
        if not flag_ids:
            problems.append(
                Problem(
                    "flags",
                    Level.ERROR,
                    "no_flags",
                    QT_TRANSLATE_NOOP("validation", "Choose the warning you called about."),
                )
            )
        if called_at.tzinfo is None or called_at > now + timedelta(minutes=10):
            problems.append(
                Problem(
                    "called_at",
                    Level.ERROR,
                    "future",
                    QT_TRANSLATE_NOOP("validation", "The call time is in the future."),
                )
            )
        if problems:
            raise ValidationFailed(problems)
        with self._db.unit_of_work() as s:
            chosen = repo.flags(s, ids=list(flag_ids))
            missing = set(flag_ids) - {f.id for f in chosen}
            if missing:
                raise NotFound(f"no flags with ids {sorted(missing)}")
            noticed = [f.flag.observed_at for f in chosen if f.flag.observed_at is not None]
            if noticed and called_at.astimezone(UTC) < max(noticed).astimezone(UTC) - CALL_GRACE:
                # A call cannot be about a sign nobody had noticed yet: never close it by mistake.
                raise ValidationFailed(
                    [
                        Problem(
                            "called_at",
                            Level.ERROR,
                            "call_before_warning",
                            QT_TRANSLATE_NOOP(
                                "validation",
                                "The call time is before the warning sign was noticed. "
                                "Check the time of the call.",
                            ),
                        )
                    ]
                )
            call_id = repo.record_call(
                s,
                now,
                list(flag_ids),
                called_at,
                clean_text(caller, SHORT_LIMIT)[0],
                clean_text(spoke_with, SHORT_LIMIT)[0],
                clean_text(advice, NOTE_LIMIT)[0],
            )
            closed = repo.flags(s, ids=list(flag_ids))
        for f in closed:
            if f.call is not None and f.call.id == call_id:
                return f.call
        raise NotFound("the call was recorded but no open flag was closed")

    def settings(self, session: Session | None = None) -> CareSettings:
        """The team's settings; inside `session` when the caller reads a snapshot."""
        if session is not None:
            return self._settings(session)
        with self._db.unit_of_work() as s:
            return self._settings(s)

    def set_fever_threshold(self, c_tenths: int) -> None:
        """The care team's own line, within the bounds the rules file allows."""
        lo, hi = (370, 390) if self._rules is None else self._rules.fever_threshold_bounds
        if not lo <= c_tenths <= hi:
            raise ValidationFailed(
                [
                    Problem(
                        "fever_threshold",
                        Level.ERROR,
                        "threshold",
                        QT_TRANSLATE_NOOP(
                            "validation", "The fever line must be between {lo} and {hi} °C."
                        ),
                        {"lo": f"{lo / 10:.1f}", "hi": f"{hi / 10:.1f}"},
                    )
                ]
            )
        with self._db.unit_of_work() as s:
            repo.set_setting(s, FEVER_KEY, str(c_tenths))

    def set_trend_enabled(self, enabled: bool) -> None:
        with self._db.unit_of_work() as s:
            repo.set_setting(s, TREND_KEY, "1" if enabled else "0")

    def _settings(self, session: Session) -> CareSettings:
        base = CareSettings() if self._rules is None else self._rules.defaults
        fever = repo.setting(session, FEVER_KEY)
        trend = repo.setting(session, TREND_KEY)
        return CareSettings(
            fever_threshold_c_tenths=int(fever) if fever else base.fever_threshold_c_tenths,
            trend_enabled=base.trend_enabled if trend is None else trend == "1",
            trend_rise=base.trend_rise,
            trend_severe_at=base.trend_severe_at,
        )
