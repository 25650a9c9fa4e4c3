"""Medicines, reminders and "next due": listens to the three panels, calls the services and
pushes plain values back. Owns the ReminderNotifier (the minute timer and the tray icon).

Every dose saved goes out through `entry_saved` with its SaveResult, so the main window shows
any warning (R20 "fever medicine given", or anything else the rules said): never swallowed.
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from caretrack.domain.calendar import NEURO_WINDOW_ID, window_spans
from caretrack.domain.model import Child, MedicinePlan, ReminderKind, ReminderPlan
from caretrack.domain.reminders import Due
from caretrack.domain.validation import Level, Problem
from caretrack.services import Services
from caretrack.services.clock import local_zone
from caretrack.services.entries import SaveResult
from caretrack.services.errors import NeedsConfirmation, NotFound, StorageError, ValidationFailed
from caretrack.ui import autostart
from caretrack.ui.confirm import confirm_problems
from caretrack.ui.entry_text import time_text
from caretrack.ui.flag_style import rules_text
from caretrack.ui.messages import problem_text, short_date
from caretrack.ui.reminder_notifier import ReminderNotifier
from caretrack.ui.widgets.medicines_panel import GiveDialog, MedicinesPanel, medicine_title
from caretrack.ui.widgets.next_due_panel import NextDuePanel
from caretrack.ui.widgets.reminders_panel import Offers, RemindersPanel

FEVER_MEDICINE_RULE = "fever-medicine-given"  # data/rules.toml: its words are the standing note
LOGGED_BY_KEY = "logged_by"  # shared with the check-in form: the last name typed
MAX_CONFIRM_ROUNDS = 4


class CareController(QObject):
    entry_saved = Signal(object)  # SaveResult of a dose given: the window shows its warnings
    act_requested = Signal(str, int, str)  # temperature / neuro_check / bag_change, child, ""
    flags_raised = Signal(list)  # flag ids raised by time alone (pump stopped 4 hours)
    problem = Signal(str)  # the reminders could not be read this minute (plain words)

    def __init__(self, services: Services, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self.services = services
        self.window = parent_window
        self.child_id: int | None = None
        self.child: Child | None = None
        self.give_dialog: GiveDialog | None = None
        self._give_uid = ""
        self._give_plan: MedicinePlan | None = None

        self.medicines_panel = MedicinesPanel()
        self.medicines_panel.add_requested.connect(self._on_medicines_add_requested)
        self.medicines_panel.give_requested.connect(self._on_medicines_give_requested)
        self.medicines_panel.stop_requested.connect(self._on_medicines_stop_requested)
        self.medicines_panel.set_rule_note(self.fever_medicine_note())

        self.reminders_panel = RemindersPanel()
        self.reminders_panel.save_requested.connect(self._on_reminders_save_requested)

        self.next_due_panel = NextDuePanel()
        self.next_due_panel.act_requested.connect(self._on_next_due_act_requested)

        self.notifier = ReminderNotifier(services, self)
        self.notifier.due_changed.connect(self._on_notifier_due_changed)
        self.notifier.flags_raised.connect(self.flags_raised)
        self.notifier.problem.connect(self.problem)
        self.notifier.open_requested.connect(self._on_notifier_open_requested)
        self.notifier.quit_requested.connect(self._on_notifier_quit_requested)

    # ---- what the window asks ----------------------------------------------------------------

    def start(self) -> None:
        """The tray icon, and the first look at what is due; then once a minute."""
        self.notifier.start()

    def stop(self) -> None:
        self.notifier.stop()

    def refresh_due(self, saved_for: int | None = None) -> None:
        """Look again now: after an entry is saved for `saved_for`, a waiting reminder may be
        done, and a stop logged late may already need its warning."""
        if saved_for is None:
            self.notifier.tick()
        else:
            self.notifier.after_save(saved_for)

    def show_child(self, child_id: int) -> None:
        """Point the medicine list and the reminder settings at one child.

        Showing the same child again only refreshes the list: a half-typed medicine or
        unsaved reminder choices stay as they are.
        """
        changed = child_id != self.child_id
        try:
            child = self.services.household.child(child_id)
        except NotFound:
            child = None
        except StorageError as exc:
            self.medicines_panel.show_error(str(exc))
            self.reminders_panel.show_error(str(exc))
            return
        self.child_id = None if child is None else child_id
        self.child = child
        if child is None:
            return
        if changed:
            self.medicines_panel.set_child_name(child.name)
            self.medicines_panel.close_add_form()
            self.medicines_panel.banner.clear()
            self.refresh_reminders()
        self.refresh_medicines()

    def refresh_medicines(self) -> None:
        if self.child_id is None:
            return
        try:
            plans = self.services.medicines.medicines(self.child_id, only_active=False)
        except StorageError as exc:
            self.medicines_panel.show_error(str(exc))
            return
        self.medicines_panel.set_medicines(plans, self._today())

    def refresh_reminders(self) -> None:
        child = self.child
        if child is None:
            return
        try:
            plans = self.services.reminders.plans(child.id)
        except StorageError as exc:
            self.reminders_panel.show_error(str(exc))
            return
        self.reminders_panel.set_child(
            child.name, self.offers(child), plans, autostart.is_enabled()
        )

    # ---- words from data ---------------------------------------------------------------------

    def fever_medicine_note(self) -> str:
        """What data/rules.toml says about fever medicine, word for word (translatable)."""
        rules = self.services.flags.rules
        found = () if rules is None else rules.rules
        rule = next((r for r in found if r.id == FEVER_MEDICINE_RULE), None)
        if rule is None:
            return ""
        return " ".join(rules_text(t) for t in (rule.message, rule.what_to_do) if t)

    def offers(self, child: Child) -> Offers:
        """Neuro-check reminders where the therapy has its watch window; bags for the pump."""
        course = child.current_course
        therapy = None if course is None else self.services.catalogue.therapy(course.therapy_id)
        if course is None or therapy is None:
            return Offers()
        spans = [s for s in window_spans(therapy, course) if s.window.id == NEURO_WINDOW_ID]
        text = ""
        if spans:
            starts, ends = min(s.starts for s in spans), max(s.ends for s in spans)
            today = self._today()
            if today > ends:
                text = self.tr(
                    "Only during the weeks the check is needed. They ended on {date}, "
                    "so this reminder no longer shows."
                ).format(date=short_date(ends, today))
            elif today < starts:
                text = self.tr(
                    "Only during the weeks the check is needed: {start} to {end}."
                ).format(start=short_date(starts, today), end=short_date(ends, today))
            else:
                text = self.tr("Only during the weeks the check is needed: until {date}.").format(
                    date=short_date(ends, today)
                )
        return Offers(
            neuro_check=bool(spans),
            neuro_window_text=text,
            bag_change=bool(therapy.schedule.bag_hours),
        )

    # ---- medicines: add and stop -------------------------------------------------------------

    def _on_medicines_add_requested(self) -> None:
        panel = self.medicines_panel
        if self.child_id is None:
            return
        name, dose, schedule, times = panel.add_form.values()
        panel.add_form.name_message.clear()
        panel.add_form.times_message.clear()
        if not name.strip():
            panel.show_add_problem("name", self.tr("Type the medicine's name."))
            return
        if len(set(times)) != len(times):
            panel.show_add_problem(
                "times", self.tr("The same time is there twice. Change or remove one.")
            )
            return
        try:
            plan = self.services.medicines.add(self.child_id, name, dose, schedule, sorted(times))
        except ValidationFailed as exc:
            for p in exc.problems:
                panel.show_add_problem(
                    "name" if p.field == "medicine_name" else "", problem_text(p)
                )
            return
        except NotFound:
            panel.show_error(self.tr("This child is no longer in CareTrack."))
            return
        except StorageError as exc:
            panel.show_error(
                self.tr("Not added: {reason} What you typed is still here.").format(reason=str(exc))
            )
            return
        panel.close_add_form()
        self.refresh_medicines()
        panel.show_ok(self.tr("{medicine} is on the list.").format(medicine=medicine_title(plan)))
        panel.add_open_button.setFocus()
        self.refresh_due()

    def _on_medicines_stop_requested(self, medicine_id: int) -> None:
        plan = self._plan(medicine_id)
        if plan is None:
            return
        title = medicine_title(plan)
        answer = QMessageBox.question(
            self.window,
            self.tr("Stop {medicine}?").format(medicine=title),
            self.tr(
                "Stop {medicine} only when the care team has stopped it. It comes off the list "
                "from today. Doses you logged stay in your records."
            ).format(medicine=title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.medicines.stop(medicine_id)
        except NotFound:
            pass  # already stopped elsewhere: the list catches up below
        except StorageError as exc:
            self.medicines_panel.show_error(str(exc))
            return
        self.refresh_medicines()
        text = self.tr(
            "{medicine} is stopped. You can still see it under “Show stopped medicines”."
        )
        self.medicines_panel.show_ok(text.format(medicine=title))
        self.refresh_due()

    # ---- medicines: a dose given -------------------------------------------------------------

    def _on_medicines_give_requested(self, medicine_id: int) -> None:
        plan = self._plan(medicine_id)
        if plan is not None:
            self.open_give_dialog(plan)

    def open_give_dialog(self, plan: MedicinePlan) -> GiveDialog:
        """Window-modal, without a nested event loop; one uid per dialog, so a retry or a
        double click saves one dose."""
        if self.give_dialog is not None:
            self.give_dialog.close()
        given_by = ""
        with contextlib.suppress(StorageError):
            given_by = self.services.household.setting(LOGGED_BY_KEY)
        zone = self.services.clock.now().tzinfo or local_zone()
        dialog = GiveDialog(
            medicine_title(plan), self.services.clock.now, given_by, zone, self.window
        )
        dialog.save_requested.connect(self._on_give_dialog_save_requested)
        dialog.finished.connect(self._on_give_dialog_finished)
        self.give_dialog = dialog
        self._give_plan = plan
        self._give_uid = str(uuid.uuid4())
        dialog.open()
        return dialog

    def _on_give_dialog_save_requested(self) -> None:
        dialog, plan = self.give_dialog, self._give_plan
        if dialog is None or plan is None:
            return
        dialog.clear_problems()
        dialog.set_saving(True)
        try:
            result = self._give(dialog, plan)
        finally:
            dialog.set_saving(False)
        if result is None:
            return
        given_by = dialog.given_by()
        if given_by:
            with contextlib.suppress(StorageError):
                self.services.household.set_setting(LOGGED_BY_KEY, given_by)
        dialog.accept()
        self.medicines_panel.show_ok(
            self.tr("Saved: {medicine} given at {time}.").format(
                medicine=medicine_title(plan), time=time_text(dialog.given_at())
            )
        )
        self.entry_saved.emit(result)
        self.refresh_due()

    def _give(self, dialog: GiveDialog, plan: MedicinePlan) -> SaveResult | None:
        confirmed: set[str] = set()
        for _ in range(MAX_CONFIRM_ROUNDS):
            try:
                return self.services.medicines.give(
                    plan.id, self._give_uid, dialog.given_at(), dialog.given_by(), sorted(confirmed)
                )
            except ValidationFailed as exc:
                self._show_give_problems(dialog, exc.problems)
                return None
            except NeedsConfirmation as exc:
                answered = self._confirm(dialog, exc.problems)
                if answered is None:
                    return None
                confirmed |= answered
            except NotFound:
                dialog.show_problem(self.tr("This medicine is no longer on the list."))
                return None
            except StorageError as exc:
                dialog.show_problem(
                    self.tr("Not saved: {reason} Everything you typed is still here.").format(
                        reason=str(exc)
                    )
                )
                return None
        return None

    def _show_give_problems(self, dialog: GiveDialog, problems: list[Problem]) -> None:
        timing = [p for p in problems if p.field in ("observed_at", "medicines")]
        other = [p for p in problems if p not in timing]
        if timing:
            kind = "error" if any(p.level is Level.ERROR for p in timing) else "note"
            dialog.show_when_problem("\n".join(problem_text(p) for p in timing), kind)
        if other:
            dialog.show_problem("\n".join(problem_text(p) for p in other))

    def _confirm(self, dialog: GiveDialog, problems: list[Problem]) -> set[str] | None:
        return confirm_problems(dialog, problems, lambda p: self._show_give_problems(dialog, [p]))

    def _on_give_dialog_finished(self, _result: int) -> None:
        dialog = self.give_dialog
        self.give_dialog = None
        self._give_plan = None
        if dialog is not None:
            dialog.deleteLater()

    # ---- reminders ---------------------------------------------------------------------------

    def _on_reminders_save_requested(self) -> None:
        panel = self.reminders_panel
        child = self.child
        if child is None:
            return
        choices = panel.choices()
        times = choices.temperature_times
        if choices.temperature and not times:
            panel.show_temperature_problem(
                self.tr("Add at least one time, or turn temperature checks off.")
            )
            return
        if len(set(times)) != len(times):
            panel.show_temperature_problem(
                self.tr("The same time is there twice. Change or remove one.")
            )
            return
        plans = [
            ReminderPlan(
                child.id, ReminderKind.TEMPERATURE, choices.temperature, tuple(sorted(times))
            ),
            ReminderPlan(child.id, ReminderKind.MEDICINE, choices.medicine),
        ]
        if panel.offers_neuro_check():
            plans.append(
                ReminderPlan(
                    child.id, ReminderKind.NEURO_CHECK, choices.neuro_check, (choices.neuro_time,)
                )
            )
        if panel.offers_bag_change():
            plans.append(ReminderPlan(child.id, ReminderKind.BAG_CHANGE, choices.bag_change))
        try:
            for plan in plans:
                self.services.reminders.set_plan(plan)
        except StorageError as exc:
            panel.show_error(
                self.tr("Not saved: {reason} Your choices are still here.").format(reason=str(exc))
            )
            return
        if not self._save_autostart(choices.autostart):
            return
        panel.saved(self.tr("Reminders saved."))
        self.refresh_due()

    def _save_autostart(self, on: bool) -> bool:
        """The system's setting first (it can fail on its own), then our record of it."""
        if on == autostart.is_enabled():
            return True
        try:
            autostart.set_enabled(on, self.services.database.path.parent)
            self.services.reminders.set_autostart(on)
        except autostart.AutostartError as exc:
            self.reminders_panel.show_autostart_problem(
                str(exc) + " " + self.tr("The other reminder settings are saved.")
            )
            return False
        except StorageError:
            pass  # our copy of the setting only; the system's setting is what counts
        return True

    # ---- next due ----------------------------------------------------------------------------

    def _on_notifier_due_changed(self, due: list[Due]) -> None:
        self.next_due_panel.set_due(due, self.notifier.child_names, self.services.clock.now())

    def _on_next_due_act_requested(self, kind: str, child_id: int, what: str) -> None:
        """A dose is given right here; the other tasks go to the window's own forms."""
        if kind == ReminderKind.MEDICINE.value:
            plan = self._plan_named(child_id, what)
            if plan is not None:
                self.open_give_dialog(plan)
                return
        self.act_requested.emit(kind, child_id, what)

    # ---- tray ----------------------------------------------------------------------------------

    def _on_notifier_open_requested(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _on_notifier_quit_requested(self) -> None:
        if self.window.close():  # the window may ask about an unsaved form first
            QCoreApplication.quit()

    # ---- helpers -----------------------------------------------------------------------------

    def _plan(self, medicine_id: int) -> MedicinePlan | None:
        if self.child_id is None:
            return None
        try:
            plans = self.services.medicines.medicines(self.child_id, only_active=False)
        except StorageError as exc:
            self.medicines_panel.show_error(str(exc))
            return None
        return next((p for p in plans if p.id == medicine_id), None)

    def _plan_named(self, child_id: int, what: str) -> MedicinePlan | None:
        """The medicine a reminder is about: Due.what is its name and dose."""
        try:
            plans = self.services.medicines.medicines(child_id)
        except StorageError:
            return None
        return next((p for p in plans if f"{p.name} {p.dose}".strip() == what), None)

    def _today(self) -> date:
        return self.services.clock.now().date()
