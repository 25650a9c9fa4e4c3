"""The Treatment page: reads the child's TherapyPlan, puts it on the page in plain words, and
saves what the parent does there (a pump event, the team's plan, the next cycle).

A pump event is an ordinary entry judged by the rules, so its SaveResult goes out through
`entry_saved` exactly like a check-in's: the window shows any "call the team now" warning.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from caretrack.domain.calendar import STAY_NEAR_WINDOW_ID, WindowSpan, break_length
from caretrack.domain.catalogue import Fact, ScheduleKind, Therapy, WindowAnchor
from caretrack.domain.model import BAG_HOURS_7_DAYS, Child, PumpEvent
from caretrack.domain.pump import PumpStatus
from caretrack.domain.schedule import therapy_day
from caretrack.domain.validation import Problem
from caretrack.services import Services
from caretrack.services.errors import NeedsConfirmation, NotFound, StorageError, ValidationFailed
from caretrack.services.therapy import PUMP_LOOKBACK, TherapyPlan
from caretrack.ui.confirm import confirm_problems
from caretrack.ui.entry_text import bag_text, excerpt, pump_event_text, time_text
from caretrack.ui.flag_style import rules_text
from caretrack.ui.messages import catalogue_text, nice_date, problem_text, therapy_day_text
from caretrack.ui.messages import therapy_name as therapy_words
from caretrack.ui.treatment_page import TreatmentPage, WindowLine, WindowState
from caretrack.ui.widgets.course_plan_form import PlanFields, PlanValues
from caretrack.ui.widgets.cycle_calendar import calendar_cells, legend_for

RECENT_PUMP_EVENTS = 10
CLOCK_TICK_MS = 30_000
MAX_CONFIRM_ROUNDS = 4  # each round only adds codes
_UNDER_KG = re.compile(r"under (\d+(?:\.\d+)?)\s*kg", re.IGNORECASE)
# Which catalogue facts are the pump's standing instructions, the hospital days, the break...
PUMP_WORDS = ("pump", "flush", "interruption")


def facts_mentioning(facts: Iterable[Fact], *words: str) -> list[Fact]:
    """The catalogue's sentences about a topic, in the catalogue's order."""
    return [f for f in facts if any(w in f.text.casefold() for w in words)]


def weight_limit(fact: Fact) -> Decimal | None:
    """'not recommended for children under 22 kg' -> 22, read from the fact, never typed here."""
    found = _UNDER_KG.search(fact.text)
    return Decimal(found.group(1)) if found else None


def _source_order(source_id: str) -> tuple[int, str]:
    """S4 before S14: by number, as the sources list them."""
    digits = source_id.lstrip("S")
    return (int(digits), source_id) if digits.isdigit() else (10**6, source_id)


class TreatmentController(QObject):
    entry_saved = Signal(object)  # SaveResult of a pump event: the window shows any warning
    child_selected = Signal(int)  # the parent chose another child here; the window remembers
    course_changed = Signal(int)  # child id: the team's plan or a new cycle was saved

    def __init__(self, services: Services, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self.services = services
        self.window = parent_window
        self.catalogue = services.catalogue
        self.page = TreatmentPage()
        self.child_list: list[Child] = []
        self.child_id: int | None = None
        self.plan: TherapyPlan | None = None
        self._uid = ""
        self._saving = False
        self._plan_shown: tuple[object, ...] | None = None  # what the plan form was filled with
        self._load_failed = False
        # "In 5 hours" must not go stale while the page stays open.
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_TICK_MS)
        self.clock_timer.timeout.connect(self._on_clock_timer_timeout)
        self.clock_timer.start()
        self.page.child_selected.connect(self._on_page_child_selected)
        self.page.pump.event_chosen.connect(self._on_pump_event_chosen)
        self.page.pump.save_requested.connect(self._on_pump_save_requested)
        self.page.plan_form.save_requested.connect(self._on_plan_save_requested)
        self.page.next_cycle_button.clicked.connect(self._on_next_cycle_button_clicked)
        self.page.next_cycle_requested.connect(self._on_next_cycle_requested)

    # ---- what the window asks ----------------------------------------------------------------

    def show_child(self, child_id: int | None, children: Sequence[Child]) -> None:
        """Fill the page for one child. Another child: open forms and old messages go; the
        same child again (coming back to the page): what is half typed stays."""
        self.child_list = list(children)
        ids = [c.id for c in self.child_list]
        chosen = child_id if child_id in ids else (ids[0] if ids else None)
        changed = chosen != self.child_id
        if changed:
            self.page.clear_messages()
            self._plan_shown = None
        self.child_id = chosen
        self.page.set_children([(c.id, c.name) for c in self.child_list], self.child_id or 0)
        self.refresh()
        if changed:  # another child's page starts at its top, not where the last one was left
            self.page.scroll_area.verticalScrollBar().setValue(0)

    def refresh(self) -> None:
        """Everything on the page read again (after any save, or when the day changes)."""
        if self.child_id is None:
            self.plan = None
            self.page.set_heading(self.tr("Treatment"), "")
            self.page.show_unavailable(self.tr("Add a child to see their treatment here."))
            return
        try:
            plan = self.services.therapy.plan(self.child_id)
        except NotFound:
            self.plan = None
            self.page.set_heading(self.tr("Treatment"), "")
            self.page.show_unavailable(
                self.tr("No treatment is set for this child, so there is no calendar to show.")
            )
            return
        except StorageError as exc:
            self.page.banner.show_message(str(exc), "error")
            self._load_failed = True
            return
        if self._load_failed:  # it reads again: the old error no longer holds
            self.page.banner.clear()
            self._load_failed = False
        self.plan = plan
        self.page.show_unavailable("")
        self._show_heading(plan)
        self._show_windows(plan)
        self._show_calendar(plan)
        self._show_pump(plan)
        self._show_plan_form(plan)

    # ---- words -------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.services.clock.now()

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.now().tzinfo)

    def day_words(self, day: date) -> str:
        """'Sat 22 November', with the year when it is not this year's."""
        pattern = "ddd d MMMM" if day.year == self.now().year else "ddd d MMMM yyyy"
        return QLocale().toString(QDate(day.year, day.month, day.day), pattern)

    def moment_words(self, moment: datetime, with_day: bool = False) -> str:
        """'Tue 12 Nov 14:02' in the family's zone; just '14:02' today unless `with_day`."""
        local = self._local(moment)
        today = self.now().date()
        time = time_text(local)
        if local.date() == today and not with_day:
            return time
        pattern = "ddd d MMM" if local.year == today.year else "ddd d MMM yyyy"
        day = QLocale().toString(QDate(local.year, local.month, local.day), pattern)
        return self.tr("{day} {time}").format(day=day, time=time)

    def duration_words(self, span: timedelta) -> str:
        """'45 min', '5 hours', '3 h 20 min', '2 days 4 h'."""
        minutes = max(int(span.total_seconds() // 60), 0)
        days, rest = divmod(minutes, 24 * 60)
        hours, mins = divmod(rest, 60)
        if days:
            head = self.tr("1 day") if days == 1 else self.tr("{n} days").format(n=days)
            return self.tr("{days} {h} h").format(days=head, h=hours) if hours else head
        if hours:
            if mins:
                return self.tr("{h} h {m} min").format(h=hours, m=mins)
            return self.tr("1 hour") if hours == 1 else self.tr("{n} hours").format(n=hours)
        return self.tr("{m} min").format(m=mins)

    def bag_choice_words(self, hours: int) -> str:
        """The bag-length choices: '24 h' ... '7 days' (bag_text has the long words)."""
        return bag_text(hours) if hours == BAG_HOURS_7_DAYS else self.tr("{n} h").format(n=hours)

    def sources_words(self, ids: Sequence[str]) -> tuple[str, str]:
        """('Sources: S4, S5', the citations one a line) for a small line and its tooltip."""
        if not ids:
            return "", ""
        text = (self.tr("Source: {ids}") if len(ids) == 1 else self.tr("Sources: {ids}")).format(
            ids=", ".join(ids)
        )
        lines = []
        for sid in ids:
            source = self.catalogue.source(sid)
            lines.append(f"{sid}: {source.citation}" if source is not None else sid)
        return text, "\n".join(lines)

    def unverified_words(self) -> str:
        return self.tr("(leaflets differ on how long: ask your care team)")

    # ---- heading, windows, calendar ----------------------------------------------------------

    def _show_heading(self, plan: TherapyPlan) -> None:
        day = therapy_day_text(therapy_day(plan.therapy, plan.course, plan.today))
        key = [
            self._window_text(span, plan, WindowState.ACTIVE)
            for span in plan.active
            if span.window.id == STAY_NEAR_WINDOW_ID
        ]
        self.page.set_heading(
            self.tr("{name}'s treatment").format(name=plan.child.name),
            self.tr("{therapy} · {day}").format(therapy=therapy_words(plan.therapy), day=day),
            " ".join(key),
        )

    def _window_text(self, span: WindowSpan, plan: TherapyPlan, state: WindowState) -> str:
        w = span.window
        name = catalogue_text(w.label)
        if w.anchor is WindowAnchor.EACH_DOSE and len(self._spans_of(plan, w.id)) > 1:
            name = self.tr("{label} (after each dose)").format(label=name)
        if state is WindowState.FINISHED:
            return self.tr("{label}: ended {date}").format(
                label=name, date=self.day_words(span.ends)
            )
        if state is WindowState.UPCOMING:
            return self.tr("{label}: from {start} to {end}").format(
                label=name, start=self.day_words(span.starts), end=self.day_words(span.ends)
            )
        until = self.day_words(span.ends)
        if plan.therapy.schedule.kind is ScheduleKind.SINGLE_INFUSION:
            number = (span.ends - plan.course.start_date).days
            return self.tr("{label}: until {date} (Day +{n})").format(
                label=name, date=until, n=number
            )
        return self.tr("{label}: until {date}").format(label=name, date=until)

    @staticmethod
    def _spans_of(plan: TherapyPlan, window_id: str) -> list[WindowSpan]:
        return [s for s in plan.windows if s.window.id == window_id]

    def window_lines(self, plan: TherapyPlan) -> list[WindowLine]:
        """One line per window: the span open today, else the next one, else the last one."""
        lines: list[WindowLine] = []
        today = plan.today
        for w in plan.therapy.windows:
            spans = self._spans_of(plan, w.id)
            if not spans:
                continue
            active = [s for s in spans if s.contains(today)]
            coming = [s for s in spans if s.starts > today]
            if active:
                span, state = max(active, key=lambda s: s.ends), WindowState.ACTIVE
            elif coming:
                span, state = min(coming, key=lambda s: s.starts), WindowState.UPCOMING
            else:
                span, state = max(spans, key=lambda s: s.ends), WindowState.FINISHED
            sources, detail = self.sources_words(w.sources)
            lines.append(
                WindowLine(
                    self._window_text(span, plan, state),
                    state,
                    sources,
                    detail,
                    self.unverified_words() if w.unverified else "",
                )
            )
        order = {WindowState.ACTIVE: 0, WindowState.UPCOMING: 1, WindowState.FINISHED: 2}
        return sorted(lines, key=lambda line: order[line.state])

    def _show_windows(self, plan: TherapyPlan) -> None:
        self.page.set_windows(self.window_lines(plan))

    def _show_calendar(self, plan: TherapyPlan) -> None:
        therapy, course = plan.therapy, plan.course
        cycles = therapy.schedule.kind is ScheduleKind.CONTINUOUS_CYCLES
        next_cycle = plan.next_cycle if cycles else None
        cells = calendar_cells(
            therapy, plan.days, plan.today, next_cycle, break_length(therapy, course)
        )
        self.page.set_calendar(cells, legend_for(therapy, cells))
        text = ""
        if next_cycle is not None:
            text = self.tr(
                "Next cycle could start on {date}; the care team confirms the date."
            ).format(date=self.day_words(next_cycle))
        self.page.set_next_cycle(text)

    # ---- pump --------------------------------------------------------------------------------

    def _show_pump(self, plan: TherapyPlan) -> None:
        therapy = plan.therapy
        uses_pump = bool(therapy.schedule.bag_hours) and plan.pump is not None
        self.page.set_pump_visible(uses_pump)
        if not uses_pump or plan.pump is None:
            return
        panel = self.page.pump
        facts = facts_mentioning(therapy.facts, *PUMP_WORDS)
        lines = [catalogue_text(f.text) for f in facts] or [
            self.tr(
                "Do not change the pump settings. Do not flush the line. "
                "Call your care team about any alarm or problem."
            )
        ]
        ids = sorted({s for f in facts for s in f.sources}, key=_source_order)
        sources, detail = self.sources_words(ids)
        panel.set_instructions(lines, sources, detail)
        panel.form.set_bag_choices(
            [(h, self.bag_choice_words(h)) for h in therapy.schedule.bag_hours]
        )
        panel.form.set_seven_day_note(self.seven_day_note(plan), BAG_HOURS_7_DAYS)
        headline, detail_text, kind = self.pump_status_words(plan.pump)
        panel.set_status(headline, detail_text, kind)
        panel.set_recent(self.recent_pump_lines())

    def seven_day_note(self, plan: TherapyPlan) -> str:
        """The catalogue's 7-day bag sentence when the child may be too light for it."""
        found = facts_mentioning(plan.therapy.schedule.facts, "kg")
        if not found:
            return ""
        fact = found[0]
        limit = weight_limit(fact)
        weight = plan.child.weight_kg
        if limit is not None and weight is not None and weight >= limit:
            return ""
        if weight is None:
            head = self.tr("CareTrack does not know {name}'s weight.")
        else:
            head = self.tr("{name} weighs {kg} kg.")
        parts = [head.format(name=plan.child.name, kg=weight), catalogue_text(fact.text)]
        if fact.unverified:
            parts.append(self.unverified_words())
        parts.append(self.tr("Check with your care team that this bag is right."))
        return " ".join(parts)

    def pump_status_words(self, status: PumpStatus) -> tuple[str, str, str]:
        """(headline, detail, 'info' or 'error') for the pump's status now."""
        now = self.now()
        stopped_for = status.stopped_for(now)
        if status.stopped_since is not None and stopped_for is not None:
            detail = self.tr("Call your care team now. Press “Restarted” when it runs again.")
            rule = self._interruption_rule()
            if rule is not None and stopped_for >= timedelta(hours=rule[0]):
                detail = rule[1]  # the rules' own words for a long stop (R11)
            return (
                self.tr("Pump stopped since {time} ({duration})").format(
                    time=self.moment_words(status.stopped_since),
                    duration=self.duration_words(stopped_for),
                ),
                detail,
                "error",
            )
        due = status.next_change_due
        if due is None or status.last_bag_change is None or status.bag_hours is None:
            return (
                self.tr("No bag change logged yet"),
                self.tr(
                    "Press “Bag changed” at the next bag change, and CareTrack shows when the "
                    "one after it is due."
                ),
                "info",
            )
        running = self.tr("Current bag: {bag}, started {time}.").format(
            bag=bag_text(status.bag_hours),
            time=self.moment_words(status.last_bag_change, with_day=True),
        )
        # In UTC: two times in the same zone subtract by wall clock, which is off by an hour
        # across a daylight-saving change.
        left = due.astimezone(UTC) - now.astimezone(UTC)
        if left <= timedelta(0):
            return (
                self.tr("Bag change overdue: it was due {time} ({duration} ago)").format(
                    time=self.moment_words(due, with_day=True), duration=self.duration_words(-left)
                ),
                running
                + " "
                + self.tr("Change the bag as you were shown, or call your care team."),
                "error",
            )
        return (
            self.tr("Next bag change due: {time} (in {duration})").format(
                time=self.moment_words(due, with_day=True), duration=self.duration_words(left)
            ),
            running,
            "info",
        )

    def _interruption_rule(self) -> tuple[int, str] | None:
        """(hours, what to do) of the rule for a long pump stop, from data/rules.toml."""
        rules = self.services.flags.rules
        plan = self.plan
        if rules is None or plan is None:
            return None
        for rule in rules.rules:
            hours = rule.when.pump_interruption_hours
            if hours is not None and rule.applies_to(plan.therapy.id):
                words = " ".join(rules_text(t) for t in (rule.message, rule.what_to_do) if t)
                return hours, words
        return None

    def recent_pump_lines(self) -> list[str]:
        """'Tue 12 Nov 14:02 · Bag changed (48 hours) · Mum', newest first."""
        if self.child_id is None:
            return []
        try:
            entries = self.services.entries.history(self.child_id, since=self.now() - PUMP_LOOKBACK)
        except StorageError:
            return []
        lines: list[str] = []
        for entry in entries:
            c = entry.content
            if c.pump_event is None:
                continue
            what = pump_event_text(c.pump_event, c.pump_bag_hours)
            local = self._local(c.observed_at)
            day = QLocale().toString(QDate(local.year, local.month, local.day), "ddd d MMM")
            parts = [self.tr("{day} {time}").format(day=day, time=time_text(local)), what]
            if c.logged_by:
                parts.append(c.logged_by)
            if c.note:
                parts.append(f"“{excerpt(c.note, 60)}”")
            lines.append(" · ".join(parts))
            if len(lines) >= RECENT_PUMP_EVENTS:
                break
        return lines

    def _event_hint(self, event: PumpEvent) -> str:
        return {
            PumpEvent.BAG_CHANGE: self.tr(
                "Log it once the new bag is running. CareTrack then shows when the next change "
                "is due."
            ),
            PumpEvent.ALARM: self.tr(
                "Call your care team about any alarm, day or night. Log it here too."
            ),
            PumpEvent.STOPPED: self.tr("Call your care team now. Log the time it stopped."),
            PumpEvent.RESTARTED: self.tr("Log the time the infusion ran again."),
            PumpEvent.LINE_PROBLEM: self.tr(
                "Call your care team now. Say in the note what you saw (wet, loose, red, leaking)."
            ),
        }[event]

    def _on_pump_event_chosen(self, value: str) -> None:
        event = PumpEvent(value)
        self._uid = str(uuid.uuid4())  # one per opened form: a double click saves once
        logged_by = ""
        with contextlib.suppress(StorageError):
            logged_by = self.services.household.setting("logged_by", "")
        panel = self.page.pump
        panel.banner.clear()
        panel.form.open(
            event, panel.button_text(event), self._event_hint(event), self.now, logged_by
        )
        self.page.reveal(panel.form)

    def _on_pump_save_requested(self) -> None:
        if self._saving:
            return
        self._saving = True
        self.page.pump.form.set_saving(True)
        try:
            self._save_pump_event()
        finally:
            self._saving = False
            self.page.pump.form.set_saving(False)

    def _save_pump_event(self) -> None:
        form = self.page.pump.form
        event = form.pump_event
        if self.child_id is None or event is None:
            return
        form.clear_problems()
        confirmed: set[str] = set()
        for _ in range(MAX_CONFIRM_ROUNDS):
            try:
                result = self.services.therapy.log_pump_event(
                    self.child_id,
                    self._uid,
                    event,
                    form.observed_at(),
                    form.logged_by(),
                    form.bag_hours() if event is PumpEvent.BAG_CHANGE else None,
                    form.note(),
                    sorted(confirmed),
                )
            except ValidationFailed as exc:
                form.show_problems(exc.problems)
                return
            except NeedsConfirmation as exc:
                answered = self._ask(exc.problems)
                if answered is None:
                    form.show_problems(exc.problems)
                    return
                confirmed |= answered
                continue
            except NotFound:
                form.show_error(self.tr("This child is no longer in CareTrack."))
                return
            except StorageError as exc:
                form.show_error(str(exc))
                return
            if form.logged_by():
                with contextlib.suppress(StorageError):
                    self.services.household.set_setting("logged_by", form.logged_by())
            form.close_form()
            self.refresh()
            self.page.pump.banner.show_message(
                self.tr("Saved: {event}, {time}.").format(
                    event=self.page.pump.button_text(event),
                    time=self.moment_words(result.entry.content.observed_at),
                ),
                "ok",
                hide_after_ms=15_000,
            )
            self.entry_saved.emit(result)
            return

    def _ask(self, problems: Sequence[Problem]) -> set[str] | None:
        return confirm_problems(self.window, problems)

    def _done(
        self,
        action: Callable[[], object],
        show_problems: Callable[[Sequence[Problem]], None],
        show_error: Callable[[str], None],
    ) -> bool:
        """Run one save; on failure say why in plain words at the form, which keeps its values."""
        try:
            action()
        except ValidationFailed as exc:
            show_problems(exc.problems)
            return False
        except NotFound:
            show_error(self.tr("This child is no longer in CareTrack."))
            return False
        except StorageError as exc:
            show_error(str(exc))
            return False
        return True

    # ---- the care team's plan ----------------------------------------------------------------

    def plan_fields(self, therapy: Therapy) -> PlanFields:
        sched = therapy.schedule
        cycles = sched.kind is ScheduleKind.CONTINUOUS_CYCLES
        stay = therapy.window(STAY_NEAR_WINDOW_ID)
        doses = sched.kind in (ScheduleKind.TEAM_ENTERED, ScheduleKind.DOSE_DAYS)

        def hint(facts: Iterable[Fact]) -> str:
            parts = []
            for f in facts:
                text = catalogue_text(f.text)
                parts.append(f"{text} {self.unverified_words()}" if f.unverified else text)
            return " ".join(parts)

        return PlanFields(
            hospital_most=sched.infusion_days if cycles else None,
            hospital_hint=hint(facts_mentioning(sched.facts, "hospital")) if cycles else "",
            break_default=sched.break_days if cycles else None,
            break_hint=hint(facts_mentioning(sched.facts, "break")) if cycles else "",
            break_choices=tuple(
                d for d in (sched.break_days, sched.later_break_days) if d and cycles
            ),
            stay_near_least=stay.to_day if stay is not None else None,
            stay_near_hint=(
                hint(facts_mentioning(therapy.facts, "stay near"))
                + (
                    " " + self.tr("The care team may make it longer.")
                    if stay.team_may_extend
                    else ""
                )
            ).strip()
            if stay is not None
            else "",
            doses=doses,
            dose_hint=hint(facts_mentioning(sched.facts, "dose", "infusions")) if doses else "",
        )

    def _show_plan_form(self, plan: TherapyPlan) -> None:
        """Filled in again only when the course changed, so a refresh after another save
        never throws away what the parent is typing here."""
        course = plan.course
        shown = (plan.therapy.id, course)
        if shown == self._plan_shown:
            return
        self._plan_shown = shown
        form = self.page.plan_form
        form.configure(self.plan_fields(plan.therapy))
        form.set_values(
            PlanValues(
                course.hospital_days, course.break_days, course.stay_near_days, course.dose_dates
            ),
            plan.today,
        )

    def _on_plan_save_requested(self) -> None:
        form = self.page.plan_form
        if self.child_id is None:
            return
        form.banner.clear()
        values = form.values()
        child_id = self.child_id
        if not self._done(
            lambda: self.services.therapy.set_course_plan(
                child_id,
                values.hospital_days,
                values.stay_near_days,
                values.break_days,
                values.dose_dates,
            ),
            form.show_problems,
            form.show_error,
        ):
            return
        self.refresh()
        form.banner.show_message(
            self.tr("Saved. The calendar and the watch dates now follow what the team told you."),
            "ok",
            hide_after_ms=15_000,
        )
        self.course_changed.emit(self.child_id)

    # ---- the next cycle ----------------------------------------------------------------------

    def _on_next_cycle_button_clicked(self) -> None:
        plan = self.plan
        if plan is None or plan.next_cycle is None:
            return
        sched = plan.therapy.schedule
        hint = " ".join(catalogue_text(f.text) for f in facts_mentioning(sched.facts, "break"))
        form = self.page.next_cycle_form
        form.open((plan.course.cycle or 1) + 1, plan.next_cycle, sched.break_days or 0, hint)
        self.page.reveal(form)

    def _on_next_cycle_requested(self) -> None:
        plan = self.plan
        form = self.page.next_cycle_form
        if plan is None or self.child_id is None:
            return
        cycle = (plan.course.cycle or 1) + 1
        first = form.first_day()
        answer = QMessageBox.question(
            self.window,
            self.tr("Start cycle {n}?").format(n=cycle),
            self.tr(
                "Start cycle {n} on {date}? Do this when your care team has confirmed the date. "
                "The earlier cycle's days stay as they were."
            ).format(n=cycle, date=nice_date(first)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        child_id = self.child_id
        if not self._done(
            lambda: self.services.therapy.start_next_cycle(child_id, first, form.break_days()),
            lambda problems: form.message.show_text(" ".join(problem_text(p) for p in problems)),
            form.message.show_text,
        ):
            return
        form.close_form()
        self.refresh()
        self.page.banner.show_message(
            self.tr("Cycle {n} starts on {date}. The calendar now shows it.").format(
                n=cycle, date=nice_date(first)
            ),
            "ok",
            hide_after_ms=15_000,
        )
        self.course_changed.emit(self.child_id)

    # ---- time passing ------------------------------------------------------------------------

    def _on_clock_timer_timeout(self) -> None:
        plan = self.plan
        if plan is None or not self.page.isVisible():
            return
        if self.now().date() != plan.today:
            self.refresh()  # a new day: the day number, the calendar's ring, the windows
        elif plan.pump is not None:
            self.page.pump.set_status(*self.pump_status_words(plan.pump))

    # ---- children ----------------------------------------------------------------------------

    def _on_page_child_selected(self, child_id: int) -> None:
        self.show_child(child_id, self.child_list)
        self.child_selected.emit(child_id)
