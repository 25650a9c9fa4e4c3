"""Warnings in the window: the alert right after a save, open flags on Today, calls, the log.

A flag raised by a save is shown at once and stays on Today until a parent records the call;
nothing here can close a flag except a call record saved through the services.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from caretrack.domain.flags import StoredFlag, Tier
from caretrack.domain.model import CareTeam, Child, EntryContent
from caretrack.services import Services
from caretrack.services.entries import SaveResult
from caretrack.services.errors import NotFound, StorageError
from caretrack.ui.alert_dialog import AlertDialog, alert_for_flags, alert_for_save
from caretrack.ui.call_record_dialog import CallRecordDialog
from caretrack.ui.flag_log_view import FlagLogView
from caretrack.ui.widgets.open_flags_panel import OpenFlagsPanel


class FlagsController(QObject):
    call_recorded = Signal()  # Today and the log refresh themselves after this
    open_count_changed = Signal(int)  # urgent open warnings, for the Warnings tab

    def __init__(self, services: Services, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self.services = services
        self.window = parent_window
        self.panel = OpenFlagsPanel(now=services.clock.now)
        self.panel.call_record_requested.connect(self._on_panel_call_record_requested)
        self.panel.details_requested.connect(self._on_details_requested)
        self.panel.set_rules_problem(services.rules_problem)
        self.panel.set_numbers_visible(False)  # Today's care-team card beside it has them
        self.log_view = FlagLogView()
        self.log_view.details_requested.connect(self._on_details_requested)
        self.alert: AlertDialog | None = None  # the dialog on screen, if any (tests look)
        self.call_dialog: CallRecordDialog | None = None

    # ---- what the window asks ----------------------------------------------------------------

    def refresh_panel(self, team: CareTeam, child_names: Mapping[int, str]) -> None:
        """Open warnings of every child, whichever child Today shows: none may hide another's."""
        urgent = self.urgent_open_flags()
        self.panel.set_flags(urgent, team, child_names)
        self.open_count_changed.emit(len(urgent))

    def urgent_open_flags(self) -> list[StoredFlag]:
        """Open flags that ask for a call (visit notes wait in the log), most urgent first."""
        try:
            flags = self.services.flags.open_flags()
        except StorageError:
            return []
        urgent = [f for f in flags if f.flag.tier.rank >= Tier.REPORT_NOW.rank]
        return sorted(urgent, key=lambda f: (f.flag.tier.rank, f.raised_at), reverse=True)

    def refresh_log(self) -> None:
        try:
            flags = self.services.flags.log()
        except StorageError:
            flags = []
        self.log_view.set_flags(flags, self._names(), self.services.clock.now())

    def on_entry_saved(self, result: SaveResult) -> None:
        """Show what the rules said about this save at once, if it asks for a call.

        Visit notes alone need no dialog: the saved message on Today mentions them.
        """
        evaluation = result.evaluation
        if not result.created:
            return
        if evaluation.available and evaluation.tier.rank < Tier.REPORT_NOW.rank:
            return
        child = self._child(result.entry.child_id)
        if child is None:
            return
        if result.entry.version > 1:
            # An edit: only warnings this edit raised; the earlier ones are already on Today.
            try:
                new = self.services.flags.flags_by_id(result.flag_ids)
            except StorageError:
                new = []
            urgent = [f for f in new if f.flag.tier.rank >= Tier.REPORT_NOW.rank]
            if urgent:
                content = result.entry.content
                self._show_alert(
                    alert_for_flags(urgent, child, content, self.services, self.window)
                )
            return
        dialog = alert_for_save(result, child, self.services, self.window)
        if dialog is not None:
            self._show_alert(dialog)

    # ---- slots -------------------------------------------------------------------------------

    def _on_details_requested(self, flag_id: int) -> None:
        self.show_alert_for([flag_id])

    def show_alert_for(self, flag_ids: Sequence[int]) -> None:
        """The warning dialog for flags raised without a new entry (a pump stopped 4 hours)."""
        try:
            chosen = self.services.flags.flags_by_id(flag_ids)
        except StorageError:
            return
        if not chosen:
            return
        child = self._child(chosen[0].child_id)
        if child is None:
            return
        content = self._entry_content(chosen[0])
        self._show_alert(alert_for_flags(chosen, child, content, self.services, self.window))

    def _on_panel_call_record_requested(self, flag_ids: list[int]) -> None:
        self.open_call_record(flag_ids)

    def _on_alert_call_record_requested(self, flag_ids: list[int]) -> None:
        self.open_call_record(flag_ids)

    def open_call_record(self, flag_ids: Sequence[int]) -> None:
        try:
            open_flags = self.services.flags.open_flags()
            caller = self.services.household.setting("logged_by")
        except StorageError:
            return
        if not open_flags:
            return
        dialog = CallRecordDialog(
            open_flags,
            self.services.flags.record_call,
            self.services.clock.now(),
            caller,
            checked=list(flag_ids) or None,
            parent=self.window,
        )
        dialog.recorded.connect(self._on_call_dialog_recorded)
        self.call_dialog = dialog
        dialog.open()

    def _on_call_dialog_recorded(self, _record: object) -> None:
        self.call_recorded.emit()

    # ---- helpers -----------------------------------------------------------------------------

    def _show_alert(self, dialog: AlertDialog) -> None:
        """A more urgent warning replaces the one on screen; a less urgent one never does.

        The one not shown stays in the open-warnings panel on Today until someone calls.
        """
        if self.alert is not None and self.alert.isVisible():
            if dialog.tier.rank < self.alert.tier.rank:
                dialog.deleteLater()
                return
            self.alert.close()
        dialog.call_record_requested.connect(self._on_alert_call_record_requested)
        self.alert = dialog
        dialog.open()

    def _child(self, child_id: int) -> Child | None:
        with contextlib.suppress(StorageError, NotFound):
            return self.services.household.child(child_id)
        return None

    def _entry_content(self, flag: StoredFlag) -> EntryContent | None:
        with contextlib.suppress(StorageError, NotFound):
            entry = self.services.entries.entry(flag.entry_id)
            for version in entry.history:
                if version.number == flag.entry_version:
                    return version.content
            return entry.content
        return None

    def _names(self) -> dict[int, str]:
        try:
            return {c.id: c.name for c in self.services.household.children()}
        except StorageError:
            return {}
