"""The clinic visit page: the summary to print or save, the family's questions, the last visit,
and a copy of all data. Listens to the VisitPage's intent signals and calls the services."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from caretrack.domain.model import Child
from caretrack.reports import Period, PeriodBasis, Summary
from caretrack.services import Services
from caretrack.services.errors import NotFound, StorageError, ValidationFailed
from caretrack.services.transfers import TransferError
from caretrack.ui.messages import problem_text, short_date
from caretrack.ui.summary import Paper, SummaryWriteError, default_paper, show_preview, write_pdf
from caretrack.ui.visit_page import VisitPage

_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def documents_folder() -> Path:
    """Where files are offered first: the Documents folder, else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def file_name_part(text: str) -> str:
    """A child's name as it can appear in a file name on every system."""
    return " ".join(_NOT_IN_FILE_NAMES.sub(" ", text).split()).strip(" .") or "child"


def with_suffix(path: Path, suffix: str) -> Path:
    """'summary' -> 'summary.pdf'; a name that already ends so is left alone."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


class VisitController(QObject):
    child_selected = Signal(int)  # the parent chose another child here; the window remembers

    def __init__(self, services: Services, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self.services = services
        self.window = parent_window
        self.catalogue = services.catalogue
        self.page = VisitPage()
        self.page.child_selected.connect(self.child_selected)
        self.page.preview_requested.connect(self._on_page_preview_requested)
        self.page.save_pdf_requested.connect(self._on_page_save_pdf_requested)
        self.page.question_add_requested.connect(self._on_page_question_add_requested)
        self.page.question_answered.connect(self._on_page_question_answered)
        self.page.visit_record_requested.connect(self._on_page_visit_record_requested)
        self.page.export_json_requested.connect(self._on_page_export_json_requested)
        self.page.export_csv_requested.connect(self._on_page_export_csv_requested)
        self.child_list: list[Child] = []
        self.child_id: int | None = None
        self._paper_chosen = False

    # ---- what the window asks ----------------------------------------------------------------

    def show_child(self, children: Sequence[Child], child_id: int | None) -> None:
        """Fill the page for one child: usual dates, questions, last visit. Messages go."""
        self.child_list = list(children)
        ids = [c.id for c in self.child_list]
        self.child_id = child_id if child_id in ids else (ids[0] if ids else None)
        if not self._paper_chosen:
            self.page.set_paper(default_paper().value)
            self._paper_chosen = True
        self.page.clear_messages()
        self.page.set_children([(c.id, c.name) for c in self.child_list], self.child_id or 0)
        child = self.child()
        self.page.set_intro(
            ""
            if child is None
            else self.tr("Get ready for {name}'s next visit.").format(name=child.name)
        )
        self.refresh()

    def refresh(self) -> None:
        """The usual dates, open questions and last visit of the chosen child, read again."""
        if self.child_id is None:
            return
        try:
            period = self.services.summaries.default_period(self.child_id)
            visit = self.services.visits.last_visit(self.child_id)
        except StorageError as exc:
            self.page.banner.show_message(str(exc), "error")
            return
        today = self._today()
        self.page.set_default_period(period.start, period.end, self._period_text(period), today)
        if visit is None:
            self.page.set_last_visit(self.tr("No visit recorded yet."), False)
        elif visit.on == today:
            self.page.set_last_visit(self.tr("Last visit: today"), True)
        else:
            self.page.set_last_visit(
                self.tr("Last visit: {date}").format(date=short_date(visit.on, today)), False
            )
        self.refresh_questions()

    def refresh_questions(self) -> None:
        if self.child_id is None:
            return
        try:
            questions = self.services.visits.questions(self.child_id)
        except StorageError as exc:
            self.page.banner.show_message(str(exc), "error")
            return
        self.page.set_questions([(q.id, q.text) for q in questions])

    def child(self) -> Child | None:
        return next((c for c in self.child_list if c.id == self.child_id), None)

    # ---- summary -----------------------------------------------------------------------------

    def chosen_period(self) -> Period | None:
        """The dates in the fields, or None (and a message by them) when From is after To."""
        start, end = self.page.period()
        if end < start:
            self.page.show_period_problem(
                self.tr("The “From” date is after the “To” date. Change one of them.")
            )
            return None
        basis = PeriodBasis.CHOSEN
        if self.page.is_default_period() and self.child_id is not None:
            try:
                basis = self.services.summaries.default_period(self.child_id).basis
            except StorageError:
                basis = PeriodBasis.CHOSEN
        return Period(start, end, basis)

    def build_summary(self, period: Period) -> Summary | None:
        if self.child_id is None:
            return None
        try:
            return self.services.summaries.build(self.child_id, period)
        except NotFound:
            self.page.summary_banner.show_message(
                self.tr("This child is no longer in CareTrack."), "error"
            )
        except StorageError as exc:
            self.page.summary_banner.show_message(str(exc), "error")
        return None

    def _on_page_preview_requested(self) -> None:
        self.page.summary_banner.clear()
        period = self.chosen_period()
        if period is None:
            return
        summary = self.build_summary(period)
        if summary is None:
            return
        show_preview(summary, self.catalogue, Paper(self.page.paper()), self.window)

    def _on_page_save_pdf_requested(self) -> None:
        self.page.summary_banner.clear()
        period = self.chosen_period()
        child = self.child()
        if period is None or child is None:
            return
        name = self.tr("CareTrack summary {name} {date}.pdf").format(
            name=file_name_part(child.name), date=self._today().isoformat()
        )
        path = self._ask_save_path(
            self.tr("Save the summary as PDF"), name, self.tr("PDF files (*.pdf)")
        )
        if path is None:
            return
        path = with_suffix(path, ".pdf")
        summary = self.build_summary(period)
        if summary is None:
            return
        try:
            write_pdf(summary, self.catalogue, path, Paper(self.page.paper()))
        except SummaryWriteError as exc:
            self.page.summary_banner.show_message(str(exc), "error")
            return
        self.page.summary_banner.show_message(
            self.tr("The summary was saved: {path}").format(path=str(path)), "ok"
        )

    # ---- questions and visits ----------------------------------------------------------------

    def _on_page_question_add_requested(self, text: str) -> None:
        if self.child_id is None:
            return
        try:
            self.services.visits.add_question(self.child_id, text)
        except ValidationFailed as exc:
            self.page.show_question_problem(" ".join(problem_text(p) for p in exc.problems))
            return
        except NotFound:
            self.page.show_question_problem(self.tr("This child is no longer in CareTrack."))
            return
        except StorageError as exc:
            self.page.show_question_problem(str(exc))
            return
        self.page.question_added()
        self.refresh_questions()

    def _on_page_question_answered(self, question_id: int) -> None:
        try:
            self.services.visits.answer_question(question_id)
        except NotFound:
            pass  # already ticked off (a second click, another window): the list catches up
        except StorageError as exc:
            self.page.banner.show_message(str(exc), "error")
            return
        self.refresh_questions()
        self.page.question_edit.setFocus()  # the clicked button is gone; stay in the card

    def _on_page_visit_record_requested(self) -> None:
        if self.child_id is None:
            return
        try:
            self.services.visits.record_visit(self.child_id)
        except ValidationFailed as exc:
            self.page.banner.show_message(" ".join(problem_text(p) for p in exc.problems), "error")
            return
        except NotFound:
            self.page.banner.show_message(self.tr("This child is no longer in CareTrack."), "error")
            return
        except StorageError as exc:
            self.page.banner.show_message(str(exc), "error")
            return
        self.refresh()
        self.page.banner.show_message(
            self.tr("Today's visit is recorded. The next summary starts from today."),
            "ok",
            hide_after_ms=15_000,
        )

    # ---- a copy of all data ------------------------------------------------------------------

    def _on_page_export_json_requested(self) -> None:
        self.page.copy_banner.clear()
        path = self._ask_save_path(
            self.tr("Save a copy of all data"),
            self.tr("CareTrack data {date}.json").format(date=self._today().isoformat()),
            self.tr("CareTrack data (*.json)"),
        )
        if path is None:
            return
        path = with_suffix(path, ".json")
        try:
            self.services.transfers.export_json(path)
        except (StorageError, TransferError, OSError) as exc:
            self._copy_failed(exc, path)
            return
        self.page.copy_banner.show_message(
            self.tr("Saved: {path}. Keep it somewhere private.").format(path=str(path)), "ok"
        )

    def _on_page_export_csv_requested(self) -> None:
        self.page.copy_banner.clear()
        path = self._ask_save_path(
            self.tr("Save the check-ins as a spreadsheet"),
            self.tr("CareTrack check-ins {date}.csv").format(date=self._today().isoformat()),
            self.tr("Spreadsheet (*.csv)"),
        )
        if path is None:
            return
        path = with_suffix(path, ".csv")
        try:
            rows = self.services.transfers.export_csv(path)
        except (StorageError, TransferError, OSError) as exc:
            self._copy_failed(exc, path)
            return
        text = (
            self.tr("Saved 1 check-in: {path}. Keep it somewhere private.")
            if rows == 1
            else self.tr("Saved {n} check-ins: {path}. Keep it somewhere private.")
        )
        self.page.copy_banner.show_message(text.format(n=rows, path=str(path)), "ok")

    def _copy_failed(self, exc: Exception, path: Path) -> None:
        if isinstance(exc, StorageError):
            text = str(exc)
        elif isinstance(exc, TransferError):
            text = self.tr(
                "CareTrack could not make a complete copy, so it saved nothing. ({reason})"
            ).format(reason=str(exc))
        else:
            text = self.tr(
                "CareTrack could not save in {folder}. Choose another folder, such as Documents."
            ).format(folder=str(path.parent))
        self.page.copy_banner.show_message(text, "error")

    # ---- helpers -----------------------------------------------------------------------------

    def _ask_save_path(self, title: str, name: str, file_filter: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, title, str(documents_folder() / name), file_filter
        )
        return Path(chosen) if chosen else None

    def _today(self) -> date:
        return self.services.clock.now().date()

    def _period_text(self, period: Period) -> str:
        today = self._today()
        if period.basis is PeriodBasis.SINCE_VISIT:
            if period.start == today:
                return self.tr("From today's visit")
            return self.tr("Since the last visit on {date}").format(
                date=short_date(period.start, today)
            )
        if period.day_count == 1:
            return self.tr("Today only")
        return self.tr("The last {n} days").format(n=period.day_count)
