"""The window's controller: which page shows, and what each button asks the services to do.

Imported after the first paint (it needs the SQLAlchemy-backed services). Views never call
services; this class listens to their intent signals and pushes plain values back.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QWidget

from caretrack.domain.calendar import NEURO_WINDOW_ID, STAY_NEAR_WINDOW_ID
from caretrack.domain.catalogue import Therapy
from caretrack.domain.flags import Tier
from caretrack.domain.model import CareTeam, Child, Entry
from caretrack.domain.schedule import therapy_day
from caretrack.domain.temperature import Route, Unit
from caretrack.rules import CareSettings
from caretrack.services import Services
from caretrack.services.entries import SaveResult
from caretrack.services.errors import NotFound, StorageError, ValidationFailed
from caretrack.ui.backups_dialog import BackupsDialog
from caretrack.ui.care_controller import CareController
from caretrack.ui.care_settings_form import celsius_text, fahrenheit_text
from caretrack.ui.care_team_page import CareTeamPage
from caretrack.ui.checkin_controller import CheckinController
from caretrack.ui.checkin_form import CheckinForm
from caretrack.ui.entry_editor import EntryEditor
from caretrack.ui.entry_table_model import EntryTableModel
from caretrack.ui.entry_text import content_lines, day_text, time_text, when_text
from caretrack.ui.flags_controller import FlagsController
from caretrack.ui.history_view import HistoryView
from caretrack.ui.main_window import MainWindow
from caretrack.ui.messages import (
    catalogue_text,
    problem_text,
    route_text,
    short_date,
    temperature_text,
    therapy_day_text,
    therapy_name,
)
from caretrack.ui.neuro_check_controller import NeuroCheckController
from caretrack.ui.neuro_check_section import NeuroCheckSection
from caretrack.ui.setup_wizard import SetupAnswers, SetupFlow
from caretrack.ui.today_view import EntrySummary, TodayView
from caretrack.ui.treatment_controller import TreatmentController
from caretrack.ui.versions_model import VersionListModel
from caretrack.ui.visit_controller import VisitController

RECENT_DAYS = 3


class AppController(QObject):
    # After a check-in is stored and the window has gone back: the SaveResult, including what
    # the rules said (result.evaluation, result.flag_ids), for whoever shows warnings.
    entry_saved = Signal(object)
    # The parent chose to put a backup back: (path, when in words). The start-up object
    # closes this controller and its data, restores, and loads again.
    restore_requested = Signal(object, str)

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.catalogue = services.catalogue
        self.child_list: list[Child] = []
        self.current_child_id: int | None = None

        self.today_view = TodayView()
        self.today_view.child_selected.connect(self._on_today_child_selected)
        self.today_view.log_requested.connect(self._on_today_log_requested)
        self.today_view.care_team_edit_requested.connect(self._on_window_care_team_requested)
        self.today_view.entry_open_requested.connect(self._on_entry_open_requested)
        self.today_view.history_requested.connect(self._on_window_history_requested)
        self.today_view.neuro_check_requested.connect(self._on_today_neuro_check_requested)

        self.history_model = EntryTableModel(self.catalogue)
        self.history_view = HistoryView(self.history_model)
        self.history_view.filters_changed.connect(self._on_history_filters_changed)
        self.history_view.all_dates_requested.connect(self._on_history_all_dates_requested)
        self.history_view.entry_open_requested.connect(self._on_entry_open_requested)
        self._history_range_set = False

        self.flags = FlagsController(services, window)
        self.today_view.set_flags_panel(self.flags.panel)
        self.flags.call_recorded.connect(self._on_flags_call_recorded)
        self.flags.open_count_changed.connect(self.window.set_open_warnings)
        self.entry_saved.connect(self.flags.on_entry_saved)

        self.visit = VisitController(services, window)
        self.visit.child_selected.connect(self._on_visit_child_selected)

        self.treatment = TreatmentController(services, window)
        self.treatment.child_selected.connect(self._on_treatment_child_selected)
        self.treatment.entry_saved.connect(self._on_treatment_entry_saved)
        self.treatment.course_changed.connect(self._on_treatment_course_changed)
        self.care = CareController(services, window)
        self.care.entry_saved.connect(self._on_care_entry_saved)
        self.care.act_requested.connect(self._on_care_act_requested)
        self.care.flags_raised.connect(self._on_care_flags_raised)
        self.care.problem.connect(self._on_care_problem)
        self.entry_saved.connect(self._on_any_entry_saved)
        self.today_view.set_due_panel(self.care.next_due_panel)
        self.treatment.page.add_card(self.care.medicines_panel)
        self.treatment.page.add_card(self.care.reminders_panel)
        self.neuro_section = NeuroCheckSection()
        self.neuro_section.check_requested.connect(self._on_treatment_neuro_check_requested)
        self.neuro_card = self.treatment.page.add_section(
            self.tr("Daily neuro check"), self.neuro_section
        )

        self.checkin: CheckinController | None = None
        self.neuro_check: NeuroCheckController | None = None
        self.transient_page: QWidget | None = None  # a form, setup or care-team page
        self.setup_flow: SetupFlow | None = None
        self.care_team_page: CareTeamPage | None = None
        self._return_to = "today"

        window.today_requested.connect(self._on_window_today_requested)
        window.history_requested.connect(self._on_window_history_requested)
        window.flags_requested.connect(self._on_window_flags_requested)
        window.visit_requested.connect(self._on_window_visit_requested)
        window.treatment_requested.connect(self._on_window_treatment_requested)
        window.add_child_requested.connect(self._on_window_add_child_requested)
        window.care_team_requested.connect(self._on_window_care_team_requested)
        window.about_requested.connect(self._on_window_about_requested)
        window.backups_requested.connect(self._on_window_backups_requested)
        self.backups_dialog: BackupsDialog | None = None
        window.close_guard = self._on_window_close_requested
        self.log_shortcut = QShortcut(QKeySequence.StandardKey.New, window)
        self.log_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.log_shortcut.activated.connect(self._on_log_shortcut_activated)

    # ---- start ----------------------------------------------------------------------------

    def start(self) -> None:
        """First run goes to setup; otherwise Today for the child looked at last."""
        self.window.set_nav_enabled(True)
        try:
            self.child_list = self.services.household.children()
            remembered = self.services.household.setting("current_child")
        except StorageError as exc:
            self.child_list, remembered = [], ""
            self.today_view.banner.show_message(str(exc), "error")
        if not self.child_list:
            self.show_setup(first_run=True)
            return
        ids = {c.id for c in self.child_list}
        self.current_child_id = (
            int(remembered)
            if remembered.isdigit() and int(remembered) in ids
            else self.child_list[0].id
        )
        urgent = self.flags.urgent_open_flags()
        if urgent:  # open on the child whose warning is most urgent
            self.current_child_id = urgent[0].child_id
        self.show_today()
        self.care.start()

    # ---- helpers ---------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.services.clock.now()

    def today(self) -> date:
        return self.now().date()

    def child(self, child_id: int | None = None) -> Child | None:
        wanted = self.current_child_id if child_id is None else child_id
        return next((c for c in self.child_list if c.id == wanted), None)

    def therapy_of(self, child: Child) -> Therapy | None:
        course = child.current_course
        return None if course is None else self.catalogue.therapy(course.therapy_id)

    def _care_team(self) -> CareTeam:
        try:
            return self.services.household.care_team()
        except StorageError:
            return CareTeam()

    def _care_strip_text(self, team: CareTeam) -> str:
        parts = []
        if team.phone_24h:
            parts.append(self.tr("Care team, day or night: {number}").format(number=team.phone_24h))
        if team.phone_emergency:
            parts.append(self.tr("Emergency: {number}").format(number=team.phone_emergency))
        parts.append(self.tr("When in doubt, call your care team."))
        return "   ·   ".join(parts)

    def _leave_transient(self) -> bool:
        """Close an open form/setup page; False when the parent wants to keep editing."""
        if self.checkin is not None and not self.checkin.confirm_close():
            return False
        if self.neuro_check is not None and not self.neuro_check.confirm_close():
            return False
        self._drop_transient()
        return True

    def _drop_transient(self) -> None:
        page = self.transient_page
        self.transient_page = None
        self.setup_flow = None
        self.care_team_page = None
        if self.checkin is not None:
            self.checkin.deleteLater()
            self.checkin = None
        if self.neuro_check is not None:
            self.neuro_check.deleteLater()
            self.neuro_check = None
        if page is not None:
            self.window.remove_page(page)
            page.deleteLater()

    def _show_transient(self, page: QWidget) -> None:
        self._drop_transient()
        self.transient_page = page
        self.window.set_page(page)
        self.window.set_nav_current("")

    # ---- Today -----------------------------------------------------------------------------

    def show_today(self) -> None:
        self._return_to = "today"
        self.window.set_nav_visible(True)
        self.refresh_today()
        self.window.set_page(self.today_view)
        self.window.set_nav_current("today")
        self.window.set_care_strip("")
        self.today_view.log_button.setFocus()

    def refresh_today(self) -> None:
        child = self.child()
        team = self._care_team()
        self.today_view.set_care_team(team)
        try:
            last = self.services.backups.last_backup()
        except OSError:
            last = None
        self.today_view.care_panel.set_last_backup(
            ""
            if last is None
            else when_text(last.taken_at.astimezone(self.now().tzinfo), self.today())
        )
        self.today_view.set_children(
            [(c.id, c.name) for c in self.child_list], child.id if child else 0
        )
        self.flags.refresh_panel(team, {c.id: c.name for c in self.child_list})
        if child is None:
            return
        therapy = self.therapy_of(child)
        course = child.current_course
        day = ""
        if therapy is not None and course is not None:
            day = therapy_day_text(therapy_day(therapy, course, self.today()))
        self.today_view.set_header(
            child.name, therapy_name(therapy) if therapy is not None else "", day
        )
        try:
            latest = self.services.entries.latest_temperature(child.id)
            start = datetime.combine(self.today(), time(0), tzinfo=self.now().tzinfo)
            todays = self.services.entries.history(child.id, start, start + timedelta(days=1))
            earlier = self.services.entries.history(
                child.id, start - timedelta(days=RECENT_DAYS), start
            )
        except StorageError as exc:
            self.today_view.banner.show_message(str(exc), "error")
            return
        if latest is None:
            self.today_view.set_last_temperature("", "")
        else:
            reading, when = latest
            self.today_view.set_last_temperature(
                temperature_text(reading),
                self.tr("{route} · {when}").format(
                    route=route_text(reading.route), when=when_text(when, self.today())
                ),
            )
        self.today_view.set_entries(
            [
                EntrySummary(
                    e.id,
                    time_text(e.content.observed_at),
                    tuple(content_lines(e.content, self.catalogue)),
                    e.edited,
                )
                for e in todays
            ]
        )
        self.today_view.set_recent_days(self._recent_days(earlier))
        self._refresh_neuro_row(child, todays)
        self._refresh_therapy_notice(child)

    def _refresh_therapy_notice(self, child: Child) -> None:
        """The pump's next bag change (or a stop), or the CAR T stay-near period, on Today."""
        try:
            plan = self.services.therapy.plan(child.id, self.today())
        except (StorageError, NotFound):
            self.today_view.set_therapy_notice("")
            return
        if plan.pump is not None:
            headline, _detail, kind = self.treatment.pump_status_words(plan.pump)
            self.today_view.set_therapy_notice(headline, kind)
            return
        stay = next((s for s in plan.active if s.window.id == STAY_NEAR_WINDOW_ID), None)
        if stay is None:
            self.today_view.set_therapy_notice("")
            return
        self.today_view.set_therapy_notice(
            self.tr("{what}: until {date}.").format(
                what=catalogue_text(stay.window.label), date=short_date(stay.ends, self.today())
            )
        )

    def _refresh_neuro_row(self, child: Child, todays: list[Entry]) -> None:
        """Offer the daily neuro check while its watch window is open."""
        if not self.services.therapy.neuro_check_due(child, self.today()):
            self.today_view.set_neuro_check("", "")
            return
        done = [e for e in todays if e.content.neuro_check is not None]
        self.today_view.set_neuro_check(
            child.name, time_text(done[0].content.observed_at) if done else ""
        )

    def _recent_days(self, entries: list[Entry]) -> list[tuple[str, str]]:
        """One line per earlier day: how many check-ins and the highest temperature."""
        by_day: dict[date, list[Entry]] = {}
        for e in entries:
            by_day.setdefault(e.content.observed_at.date(), []).append(e)
        lines = []
        for day in sorted(by_day, reverse=True):
            items = by_day[day]
            readings = [e.content.temperature for e in items if e.content.temperature]
            count = (
                self.tr("1 check-in")
                if len(items) == 1
                else self.tr("{n} check-ins").format(n=len(items))
            )
            if readings:
                highest = max(readings, key=lambda t: t.celsius_tenths)
                count = self.tr("{count}, highest {value}").format(
                    count=count, value=temperature_text(highest).replace(" ", "\u00a0")
                )
            lines.append((day_text(day, self.today()), count))
        return lines

    def _on_today_child_selected(self, child_id: int) -> None:
        self._remember_child(child_id)
        self.refresh_today()

    def _remember_child(self, child_id: int) -> None:
        self.current_child_id = child_id
        with contextlib.suppress(StorageError):
            self.services.household.set_setting("current_child", str(child_id))

    def _on_window_today_requested(self) -> None:
        if self.transient_page is not None and not self._leave_transient():
            self.window.set_nav_current("")
            return
        if self.child_list:
            self.show_today()

    # ---- daily neuro check -------------------------------------------------------------------

    def _on_today_neuro_check_requested(self) -> None:
        self.open_neuro_check(self.current_child_id)

    def open_neuro_check(self, child_id: int | None, return_to: str = "today") -> None:
        """A fresh form each time (its own idempotency key); it replaces any open form."""
        child = self.child(child_id)
        if child is None or (self.transient_page is not None and not self._leave_transient()):
            return
        self._return_to = return_to
        controller = NeuroCheckController(self.services, self.window)
        controller.entry_saved.connect(self._on_neuro_check_entry_saved)
        controller.closed.connect(self._on_neuro_check_closed)
        controller.open_for(child.id)
        self._show_transient(controller.page)
        self.neuro_check = controller
        self.window.set_care_strip(self._care_strip_text(self._care_team()))

    def _on_neuro_check_entry_saved(self, result: SaveResult) -> None:
        """The page shows its own result; the warning dialog comes from the usual path."""
        self._refresh_children()
        self.entry_saved.emit(result)

    def _on_neuro_check_closed(self) -> None:
        self._go_back("")

    # ---- check-in --------------------------------------------------------------------------

    def open_checkin(self, entry: Entry | None = None) -> None:
        child = self.child(entry.child_id if entry is not None else None)
        if child is None:
            return
        therapy = self.therapy_of(child)
        if therapy is not None:
            ordered = self.catalogue.symptoms_for(therapy.id)
            symptoms = [s for s in ordered if s.is_warning_for(therapy.id)]
            more = [s for s in ordered if not s.is_warning_for(therapy.id)]
        else:
            symptoms, more = list(self.catalogue.symptoms), []
        now = self.now()
        zone = now.tzinfo
        assert zone is not None
        if entry is None:
            title = self.tr("How is {name} doing?").format(name=child.name)
            subtitle = self.tr("Fill in what you can and leave the rest empty.")
        else:
            title = self.tr("Change the check-in from {when}").format(
                when=when_text(entry.content.observed_at, self.today())
            )
            subtitle = self.tr("{name}. Your earlier version is kept.").format(name=child.name)
        form = CheckinForm(self.catalogue.groups, symptoms, more, zone, self.now, title, subtitle)
        page: QWidget = form
        if entry is None:
            self._prefill_from_settings(form)
        else:
            form.load(entry.content)
            versions = VersionListModel(self.catalogue)
            versions.set_versions(entry.history)
            page = EntryEditor(form, versions)
            versions.setParent(page)
        self._show_transient(page)
        self.window.set_care_strip(self._care_strip_text(self._care_team()))
        self.checkin = CheckinController(self.services, form, child, entry, self)
        self.checkin.entry_saved.connect(self._on_checkin_entry_saved)
        self.checkin.closed.connect(self._on_checkin_closed)
        form.temperature.value_edit.setFocus()

    def _prefill_from_settings(self, form: CheckinForm) -> None:
        try:
            unit = self.services.household.setting("unit", Unit.C.value)
            route = self.services.household.setting("route", Route.ORAL.value)
            logged_by = self.services.household.setting("logged_by", "")
        except StorageError:
            unit, route, logged_by = Unit.C.value, Route.ORAL.value, ""
        form.temperature.set_unit(Unit(unit) if unit in Unit.__members__.values() else Unit.C)
        form.temperature.set_route(
            Route(route) if route in {r.value for r in Route} else Route.ORAL
        )
        form.set_logged_by(logged_by)
        form.mark_clean()

    def _on_today_log_requested(self) -> None:
        self.open_checkin()

    def _on_log_shortcut_activated(self) -> None:
        if self.transient_page is None and self.child_list:
            self.open_checkin()

    def _on_entry_open_requested(self, entry_id: int) -> None:
        try:
            entry = self.services.entries.entry(entry_id)
        except (NotFound, StorageError) as exc:
            QMessageBox.warning(
                self.window,
                self.tr("Could not open"),
                str(exc)
                if isinstance(exc, StorageError)
                else self.tr("This entry is no longer there."),
            )
            return
        self.open_checkin(entry)

    def _on_checkin_entry_saved(self, result: SaveResult) -> None:
        entry = result.entry
        saved_at = entry.history[-1].saved_at if entry.history else self.now()
        text = self.tr("Saved at {time}.").format(
            time=time_text(saved_at.astimezone(self.now().tzinfo))
        )
        if result.note_was_cut:
            text += " " + self.tr("The note was too long, so its end was left out.")
        if result.evaluation.tier is Tier.NOTE_FOR_VISIT:
            text += " " + self.tr("Noted for the next clinic visit (see Warnings).")
        self._drop_transient()
        self.current_child_id = entry.child_id
        self._refresh_children()
        if self._return_to == "history":
            self.show_history()
            self.history_view.select_entry(entry.id)
            self.history_view.banner.show_message(text, "ok", hide_after_ms=15_000)
        else:
            self.show_today()
            self.today_view.show_saved(text)
        self.entry_saved.emit(result)

    def _on_checkin_closed(self) -> None:
        self._drop_transient()
        if self._return_to == "history":
            self.show_history()
        else:
            self.show_today()

    def _refresh_children(self) -> None:
        with contextlib.suppress(StorageError):
            self.child_list = self.services.household.children()

    # ---- Warnings --------------------------------------------------------------------------

    def show_flags(self) -> None:
        self._return_to = "flags"
        self.flags.refresh_log()
        self.window.set_page(self.flags.log_view)
        self.window.set_nav_current("flags")
        self.window.set_care_strip(self._care_strip_text(self._care_team()))

    def _on_window_flags_requested(self) -> None:
        if self.transient_page is not None and not self._leave_transient():
            self.window.set_nav_current("")
            return
        self.show_flags()

    def _on_flags_call_recorded(self) -> None:
        if self._return_to == "flags":
            self.flags.refresh_log()
        self.refresh_today()

    # ---- Clinic visit ----------------------------------------------------------------------

    def show_visit(self) -> None:
        self._return_to = "visit"
        self.window.set_nav_visible(True)
        self.visit.show_child(self.child_list, self.current_child_id)
        self.window.set_page(self.visit.page)
        self.window.set_nav_current("visit")
        self.window.set_care_strip(self._care_strip_text(self._care_team()))

    def _on_window_visit_requested(self) -> None:
        if self.transient_page is not None and not self._leave_transient():
            self.window.set_nav_current("")
            return
        if self.child_list:
            self.show_visit()
        else:
            self.window.set_nav_current("")

    def _on_visit_child_selected(self, child_id: int) -> None:
        self._remember_child(child_id)
        self.visit.show_child(self.child_list, child_id)

    # ---- Treatment -------------------------------------------------------------------------

    def show_treatment(self) -> None:
        self._return_to = "treatment"
        self.window.set_nav_visible(True)
        self.treatment.show_child(self.current_child_id, self.child_list)
        if self.current_child_id is not None:
            self.care.show_child(self.current_child_id)
        self._refresh_treatment_extras()
        self.window.set_page(self.treatment.page)
        self.window.set_nav_current("treatment")
        self.window.set_care_strip(self._care_strip_text(self._care_team()))

    def _refresh_treatment_extras(self) -> None:
        child = self.child()
        due = child is not None and self.services.therapy.neuro_check_due(child, self.today())
        offered = child is not None and self._has_neuro_window(child)
        self.neuro_card.setVisible(offered)
        if child is not None and offered:
            self.neuro_section.set_child(child.name, due)

    def _has_neuro_window(self, child: Child) -> bool:
        therapy = self.therapy_of(child)
        return therapy is not None and therapy.window(NEURO_WINDOW_ID) is not None

    def _on_window_treatment_requested(self) -> None:
        if self.transient_page is not None and not self._leave_transient():
            self.window.set_nav_current("")
            return
        if self.child_list:
            self.show_treatment()
        else:
            self.window.set_nav_current("")

    def _on_treatment_child_selected(self, child_id: int) -> None:
        self._remember_child(child_id)
        self.care.show_child(child_id)
        self._refresh_treatment_extras()

    def _on_treatment_entry_saved(self, result: SaveResult) -> None:
        self._refresh_children()
        self.entry_saved.emit(result)

    def _on_treatment_course_changed(self, child_id: int) -> None:
        self._refresh_children()
        self._remember_child(child_id)

    # ---- medicines and reminders ----------------------------------------------------------

    def _on_care_entry_saved(self, result: SaveResult) -> None:
        self._refresh_children()
        if self.window.current_page() is self.today_view:
            self.refresh_today()
        self.entry_saved.emit(result)

    def _on_any_entry_saved(self, result: SaveResult) -> None:
        """From any page: the Warnings tab's count and Today's panel follow every save."""
        self.flags.refresh_panel(self._care_team(), {c.id: c.name for c in self.child_list})
        self.care.refresh_due(result.entry.child_id)  # a done reminder clears at once

    def _on_care_act_requested(self, kind: str, child_id: int, _what: str) -> None:
        """A waiting reminder's button: go straight to the form that does it."""
        if self.transient_page is not None and not self._leave_transient():
            return
        self._remember_child(child_id)
        if kind == "neuro_check":
            self.open_neuro_check(child_id)
        elif kind == "bag_change":
            self.show_treatment()
        else:
            self.show_today()
            self.open_checkin()

    def _on_care_flags_raised(self, flag_ids: list[int]) -> None:
        self.flags.show_alert_for(flag_ids)
        self.flags.refresh_panel(self._care_team(), {c.id: c.name for c in self.child_list})
        self.flags.refresh_log()

    def _on_care_problem(self, message: str) -> None:
        self.today_view.banner.show_message(message, "error")

    def _on_treatment_neuro_check_requested(self) -> None:
        self.open_neuro_check(self.current_child_id, return_to="treatment")

    # ---- History ---------------------------------------------------------------------------

    def show_history(self) -> None:
        self._return_to = "history"
        self.history_view.set_children(
            [(c.id, c.name) for c in self.child_list], self.history_view.child_id()
        )
        if not self._history_range_set:
            self._set_history_all_dates()
            self._history_range_set = True
        self.refresh_history()
        self.window.set_page(self.history_view)
        self.window.set_nav_current("history")
        self.window.set_care_strip(self._care_strip_text(self._care_team()))

    def _earliest_entry_day(self) -> date:
        try:
            entries = self.services.entries.history(self.history_view.child_id())
        except StorageError:
            return self.today() - timedelta(days=30)
        if not entries:
            return self.today()
        return min(e.content.observed_at.date() for e in entries)

    def _set_history_all_dates(self) -> None:
        self.history_view.set_range(min(self._earliest_entry_day(), self.today()), self.today())

    def refresh_history(self) -> None:
        start, end = self.history_view.date_range()
        if end < start:
            start, end = end, start
        zone = self.now().tzinfo
        since = datetime.combine(start, time(0), tzinfo=zone)
        until = datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone)
        try:
            entries = self.services.entries.history(self.history_view.child_id(), since, until)
        except StorageError as exc:
            self.history_view.banner.show_message(str(exc), "error")
            entries = []
        names = {c.id: c.name for c in self.child_list}
        self.history_model.set_entries(entries, names, self.today())
        self.history_view.table.setColumnHidden(EntryTableModel.CHILD, len(self.child_list) < 2)
        self.history_view.show_count(len(entries))

    def _on_window_history_requested(self) -> None:
        if self.transient_page is not None and not self._leave_transient():
            self.window.set_nav_current("")
            return
        self.show_history()

    def _on_history_filters_changed(self) -> None:
        self.refresh_history()

    def _on_history_all_dates_requested(self) -> None:
        self._set_history_all_dates()
        self.refresh_history()

    # ---- setup and children ----------------------------------------------------------------

    def show_setup(self, first_run: bool) -> None:
        flow = SetupFlow(
            self.catalogue.therapies,
            self.today(),
            ask_care_team=first_run,
            first_run=first_run,
            team=self._care_team(),
        )
        flow.finished.connect(self._on_setup_finished)
        flow.cancelled.connect(self._on_setup_cancelled)
        self._show_transient(flow)
        self.setup_flow = flow
        self.window.set_nav_visible(not first_run)
        self.window.set_care_strip("")

    def _on_setup_finished(self, answers: SetupAnswers) -> None:
        flow = self.setup_flow
        if flow is None:
            return
        first_run = not self.child_list
        try:
            child = self.services.household.add_child(
                answers.name,
                answers.birth_date,
                answers.weight_kg,
                answers.therapy_id,
                answers.start_date,
                answers.cycle,
            )
            if answers.team is not None:
                self.services.household.set_care_team(answers.team)
            self.services.household.set_setting("current_child", str(child.id))
        except ValidationFailed as exc:
            flow.show_problems(exc.problems)
            return
        except StorageError as exc:
            QMessageBox.warning(self.window, self.tr("Not saved"), str(exc))
            return
        self._drop_transient()
        self._refresh_children()
        self.current_child_id = child.id
        self.show_today()
        if first_run:
            self.today_view.show_saved(
                self.tr(
                    "All set. Press “Log how {name} is doing” whenever you check on them."
                ).format(name=child.name)
            )
        else:
            self.today_view.show_saved(self.tr("{name} was added.").format(name=child.name))

    def _on_setup_cancelled(self) -> None:
        self._drop_transient()
        self.show_today()

    # ---- backups ---------------------------------------------------------------------------

    def _on_window_backups_requested(self) -> None:
        dialog = BackupsDialog(self.window)
        dialog.backup_now_requested.connect(self._on_backups_backup_now_requested)
        dialog.restore_requested.connect(self._on_backups_restore_requested)
        self.backups_dialog = dialog
        self._fill_backups(dialog)
        dialog.open()

    def _fill_backups(self, dialog: BackupsDialog) -> None:
        try:
            dialog.set_backups(self.services.backups.backups(), self.now())
        except OSError as exc:
            dialog.banner.show_message(str(exc), "error")

    def _on_backups_backup_now_requested(self) -> None:
        dialog = self.backups_dialog
        if dialog is None:
            return
        try:
            made = self.services.backups.backup_now()
        except StorageError as exc:
            dialog.banner.show_message(str(exc), "error")
            return
        self._fill_backups(dialog)
        dialog.banner.show_message(
            self.tr("Backup made: {when}.").format(
                when=when_text(made.taken_at.astimezone(self.now().tzinfo), self.today())
            ),
            "ok",
        )

    def _on_backups_restore_requested(self, path: object, when: str) -> None:
        if self.transient_page is not None and not self._leave_transient():
            return
        if self.backups_dialog is not None:
            self.backups_dialog.accept()
            self.backups_dialog = None
        self.restore_requested.emit(path, when)

    def shut_down(self) -> None:
        """Before the data is closed under it (a backup is put back): stop the minute timer."""
        self.care.stop()
        self.window.close_guard = None

    def _on_window_about_requested(self) -> None:
        from caretrack.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.services.flags.rules_version, self.catalogue.version, self.window)
        dialog.exec()

    def _on_window_add_child_requested(self) -> None:
        if self.transient_page is not None and not self._leave_transient():
            return
        self.show_setup(first_run=False)

    # ---- care team -------------------------------------------------------------------------

    def _on_window_care_team_requested(self) -> None:
        if self.transient_page is not None and not self._leave_transient():
            return
        rules = self.services.flags.rules
        try:
            settings = self.services.flags.settings()
        except StorageError:
            settings = rules.defaults if rules is not None else CareSettings()
        page = CareTeamPage(self._care_team(), settings, rules)
        page.save_requested.connect(self._on_care_team_save_requested)
        page.cancel_requested.connect(self._on_care_team_cancel_requested)
        self._show_transient(page)
        self.care_team_page = page
        self.window.set_care_strip("")
        page.form.name_edit.setFocus()

    def _on_care_team_save_requested(self) -> None:
        page = self.care_team_page
        if page is None:
            return
        form = page.settings_form
        before = form.initial
        fever: int | None = None
        trend: bool | None = None
        if form.available():
            # The fever line is checked before anything is written, so a wrong one saves nothing.
            typed = form.checked_fever_tenths()
            if typed is None:
                page.reveal(form.fever_message)
                return
            fever = None if typed == before.fever_threshold_c_tenths else typed
            trend = None if form.trend_enabled() == before.trend_enabled else form.trend_enabled()
        try:
            if fever is not None:
                self.services.flags.set_fever_threshold(fever)
            self.services.household.set_care_team(page.form.team())
            if trend is not None:
                self.services.flags.set_trend_enabled(trend)
        except ValidationFailed as exc:
            for problem in exc.problems:
                if problem.field == "fever_threshold":
                    form.show_fever_problem(problem_text(problem))
                    page.reveal(form.fever_message)
                else:
                    page.show_error(problem_text(problem))
            return
        except StorageError as exc:
            page.show_error(str(exc))
            return
        if form.available():
            message = self.tr("The care team's numbers and settings were saved.")
        else:
            message = self.tr("The care team's numbers were saved.")
        if fever is not None:
            message += " " + self.tr(
                "CareTrack now asks you to call at {c} °C ({f} °F) or higher."
            ).format(c=celsius_text(fever), f=fahrenheit_text(fever))
        if trend is False:
            message += " " + self.tr("Warnings for a symptom getting much worse are off.")
        elif trend:
            message += " " + self.tr("Warnings for a symptom getting much worse are on again.")
        self._go_back(message)

    def _on_care_team_cancel_requested(self) -> None:
        self._go_back("")

    def _go_back(self, message: str) -> None:
        self._drop_transient()
        if self._return_to == "history":
            self.show_history()
            if message:
                self.history_view.banner.show_message(message, "ok", hide_after_ms=15_000)
        elif self._return_to == "visit":
            self.show_visit()
            if message:
                self.visit.page.banner.show_message(message, "ok", hide_after_ms=15_000)
        elif self._return_to == "treatment":
            self.show_treatment()
        else:
            self.show_today()
            if message:
                self.today_view.show_saved(message)

    # ---- window ----------------------------------------------------------------------------

    def _on_window_close_requested(self) -> bool:
        if self.neuro_check is not None and not self.neuro_check.confirm_close():
            return False
        return self.checkin is None or self.checkin.confirm_close()
