"""What Save means for a check-in form: parse, ask, save once, and never lose what was typed.

Imported only after the first paint, because it talks to the (SQLAlchemy-backed) services.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from caretrack.domain.model import Child, Entry, EntryContent
from caretrack.domain.temperature import Temperature, Unit
from caretrack.domain.validation import Level, Problem, check_temperature_text
from caretrack.services import Services
from caretrack.services.entries import SaveResult
from caretrack.services.errors import (
    EditConflict,
    NeedsConfirmation,
    NotFound,
    StorageError,
    ValidationFailed,
)
from caretrack.ui.checkin_form import CheckinForm
from caretrack.ui.confirm import confirm_problems

MAX_CONFIRM_ROUNDS = 4  # each round can only add codes, so this is never reached in practice


class CheckinController(QObject):
    """One per open form. `entry` is None for a new check-in, the saved entry when editing."""

    entry_saved = Signal(object)  # SaveResult: the entry, whether it is new, what the rules said
    closed = Signal()

    def __init__(
        self,
        services: Services,
        form: CheckinForm,
        child: Child,
        entry: Entry | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.form = form
        self.child = child
        self.entry = entry
        self.uid = str(uuid.uuid4())  # one per form instance: a retry or double click saves once
        self._saving = False
        form.save_requested.connect(self._on_form_save_requested)
        form.cancel_requested.connect(self._on_form_cancel_requested)
        form.unit_changed.connect(self._on_form_unit_changed)
        form.route_changed.connect(self._on_form_route_changed)
        form.switch_unit_requested.connect(self._on_form_switch_unit_requested)

    # ---- building the content ----------------------------------------------------------------

    def content(self) -> EntryContent | None:
        """The form as an EntryContent, or None after showing why the temperature is wrong."""
        temperature = None
        text = self.form.temperature_text()
        if text:
            tenths, problems = check_temperature_text(text, self.form.unit())
            errors = [p for p in problems if p.level is Level.ERROR]
            if errors or tenths is None:
                self.form.show_problems(errors)
                return None
            temperature = Temperature(tenths, self.form.unit(), self.form.route())
        content = EntryContent(
            observed_at=self.form.observed_at(),
            logged_by=self.form.logged_by(),
            temperature=temperature,
            symptoms=self.form.symptom_reports(),
            medicines=self.form.medicines_given(),
            note=self.form.note_text(),
        )
        if self.entry is None:
            return content
        # Keep what this form does not show (e.g. a pump event logged elsewhere).
        return dataclasses.replace(
            self.entry.content,
            observed_at=content.observed_at,
            logged_by=content.logged_by,
            temperature=content.temperature,
            symptoms=content.symptoms,
            medicines=content.medicines,
            note=content.note,
        )

    # ---- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """True once the entry is stored; on any other outcome the form keeps everything."""
        if self._saving:
            return False
        self._saving = True
        self.form.set_saving(True)
        try:
            return self._save()
        finally:
            self._saving = False
            self.form.set_saving(False)

    def _save(self) -> bool:
        self.form.clear_problems()
        content = self.content()
        if content is None:
            return False
        confirmed: set[str] = set()
        for _ in range(MAX_CONFIRM_ROUNDS):
            try:
                result = self._store(content, confirmed)
            except ValidationFailed as exc:
                self.form.show_problems(exc.problems)
                return False
            except NeedsConfirmation as exc:
                answered = self._ask(exc.problems)
                if answered is None:
                    return False
                confirmed |= answered
                continue
            except EditConflict:
                self._show_conflict()
                return False
            except StorageError as exc:
                self.form.show_storage_error(str(exc))
                return False
            except NotFound:
                self.form.show_storage_error(self.tr("This child or entry is no longer there."))
                return False
            self._remember_logged_by(content.logged_by)
            if self.entry is not None:
                self.entry = result.entry  # a further save edits from the newest version
            self.form.mark_clean()
            self.entry_saved.emit(result)
            return True
        return False

    def _store(self, content: EntryContent, confirmed: set[str]) -> SaveResult:
        """New check-ins always go through save_new with this form's uid, so a retry of a
        saved form hands back the first entry instead of adding a second one."""
        if self.entry is None:
            return self.services.entries.save_new(self.child.id, self.uid, content, confirmed)
        return self.services.entries.edit(self.entry.id, self.entry.version, content, confirmed)

    def _ask(self, problems: list[Problem]) -> set[str] | None:
        return confirm_problems(self.form, problems, lambda p: self.form.show_problems([p]))

    def _show_conflict(self) -> None:
        text = self.tr(
            "This entry was changed somewhere else after you opened it, so your changes were "
            "not saved. Nothing is lost: every version is kept. Go back to History and open "
            "the entry again to see the newest version."
        )
        self.form.banner.show_message(text, "error")
        QMessageBox.information(self.form, self.tr("Changed somewhere else"), text)

    def _remember_logged_by(self, name: str) -> None:
        if name:
            self._remember("logged_by", name)

    def _remember(self, key: str, value: str) -> None:
        """Settings are a convenience: failing to store one must never block a check-in."""
        with contextlib.suppress(StorageError):
            self.services.household.set_setting(key, value)

    # ---- slots -------------------------------------------------------------------------------

    def _on_form_save_requested(self) -> None:
        self.save()

    def _on_form_cancel_requested(self) -> None:
        if self._saving:
            return
        if self.form.is_dirty():
            answer = QMessageBox.question(
                self.form,
                self.tr("Leave without saving?"),
                self.tr("What you typed in this check-in will not be saved."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.closed.emit()

    def confirm_close(self) -> bool:
        """For the window's close button: True when it is fine to close."""
        if not self.form.is_dirty():
            return True
        answer = QMessageBox.question(
            self.form,
            self.tr("Close without saving?"),
            self.tr("What you typed in this check-in will not be saved."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_form_unit_changed(self, unit: str) -> None:
        self._remember("unit", unit)

    def _on_form_route_changed(self, route: str) -> None:
        self._remember("route", route)

    def _on_form_switch_unit_requested(self, unit: str) -> None:
        self.form.switch_unit(Unit(unit))
        self._remember("unit", unit)
