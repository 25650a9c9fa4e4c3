"""What the daily neuro check means: the questions for this child's age, why it matters today,
earlier days' writing, and a Save that stores the check once and hands the rules' answer on.

Imported only after the first paint, because it talks to the (SQLAlchemy-backed) services.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Collection
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from caretrack.domain.calendar import NEURO_WINDOW_ID, window_spans
from caretrack.domain.catalogue import Therapy
from caretrack.domain.flags import Tier
from caretrack.domain.model import Child, NeuroCheck, TherapyCourse
from caretrack.domain.neuro_check import SENTENCE, WRITING_FROM_AGE, questions_for
from caretrack.domain.schedule import therapy_day
from caretrack.domain.validation import Problem
from caretrack.services import Services
from caretrack.services.entries import SaveResult
from caretrack.services.errors import NeedsConfirmation, NotFound, StorageError, ValidationFailed
from caretrack.ui.confirm import confirm_problems
from caretrack.ui.entry_text import day_text
from caretrack.ui.messages import catalogue_text, short_date, therapy_day_text
from caretrack.ui.neuro_check_page import (
    Answer,
    NeuroCheckPage,
    QuestionView,
    ResultKind,
    WritingMode,
)
from caretrack.ui.neuro_check_text import check_summary_text
from caretrack.ui.widgets.handwriting_strip import StripSample

SAMPLES_SHOWN = 4  # earlier days beside today's writing; more would shrink them too much
MAX_CONFIRM_ROUNDS = 4
WRITING_OFFERED_FROM_AGE = 3  # younger children get no writing card, not even "writes now"
_QUESTIONS_CTX = "neuro_check"


def writes_setting_key(child_id: int) -> str:
    """Per child: 'no' once a parent says the child does not write yet, 'yes' after that."""
    return f"neuro_writes.{child_id}"


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def course_on(child: Child, day: date) -> TherapyCourse | None:
    """The course a day belongs to: the latest one started by then (a new cycle is a course)."""
    started = [c for c in child.courses if c.start_date <= day]
    if not started:
        return child.current_course
    return max(started, key=lambda c: (c.start_date, c.id))


class NeuroCheckController(QObject):
    entry_saved = Signal(object)  # SaveResult: the window shows any warning from it
    closed = Signal()

    def __init__(self, services: Services, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self.services = services
        self.window = parent_window
        zone = services.clock.now().tzinfo
        assert zone is not None
        self.page = NeuroCheckPage(zone, services.clock.now)
        self.page.save_requested.connect(self._on_page_save_requested)
        self.page.cancel_requested.connect(self._on_page_cancel_requested)
        self.page.done_requested.connect(self.closed)
        self.page.writing_mode_changed.connect(self._on_page_writing_mode_changed)
        self.child: Child | None = None
        self.uid = str(uuid.uuid4())
        self._saving = False
        self._mode = WritingMode.WRITES

    # ---- what the window asks ----------------------------------------------------------------

    def open_for(self, child_id: int) -> None:
        """A fresh check for this child: a new form id, the questions for their age today,
        and their earlier writing. A read that fails leaves the reason on the page."""
        self.uid = str(uuid.uuid4())  # one per opened form: a double click saves once
        self.page.reset()
        try:
            child = self.services.household.child(child_id)
        except (NotFound, StorageError) as exc:
            self.child = None
            self.page.set_child_name("")
            self.page.set_reason("", "", "")
            self.page.banner.show_message(self._read_problem(exc), "error")
            self.page.save_button.setEnabled(False)
            return
        self.child = child
        today = self._today()
        name = first_name(child.name)
        self.page.set_child_name(name)
        self.page.set_sentence(QCoreApplication.translate(_QUESTIONS_CTX, SENTENCE))
        self._mode = self._default_mode(child, today)
        self.page.set_writing_mode(self._mode)
        self.page.set_writing_offered(
            self._mode is WritingMode.WRITES or child.age_on(today) >= WRITING_OFFERED_FROM_AGE
        )
        self._show_questions()
        self._show_reason(child, today)
        self._show_samples(child, today)
        self.page.set_observed_at(self.services.clock.now())
        self.page.set_logged_by(self._setting("logged_by", ""))
        self.page.mark_clean()

    def confirm_close(self) -> bool:
        """For the window's close button: True when it is fine to close."""
        return not self.page.is_dirty() or self._agree_to_discard(self.tr("Close without saving?"))

    # ---- filling the page --------------------------------------------------------------------

    def _default_mode(self, child: Child, today: date) -> WritingMode:
        said = self._setting(writes_setting_key(child.id), "")
        if said == "no":
            return WritingMode.NOT_YET
        if said == "yes" or child.age_on(today) >= WRITING_FROM_AGE:
            return WritingMode.WRITES
        return WritingMode.NOT_YET

    def _show_questions(self) -> None:
        if self.child is None:
            return
        name = first_name(self.child.name)
        writes = self.page.writing_mode() is WritingMode.WRITES
        views = []
        for q in questions_for(self.child.age_on(self._today()), writes):
            text = QCoreApplication.translate(_QUESTIONS_CTX, q.text).format(name=name)
            hint = QCoreApplication.translate(_QUESTIONS_CTX, q.hint) if q.hint else ""
            views.append(QuestionView(q.domain, text, hint))
        self.page.set_questions(views)

    def _show_reason(self, child: Child, today: date) -> None:
        """The therapy day, and the watch window's own words from the catalogue."""
        course = child.current_course
        therapy = self._therapy(course)
        day = ""
        if course is not None and therapy is not None:
            day = therapy_day_text(therapy_day(therapy, course, today))
        due = self.services.therapy.neuro_check_due(child, today)
        window = None if therapy is None else therapy.window(NEURO_WINDOW_ID)
        if not due or window is None or therapy is None or course is None:
            self.page.set_reason(
                day,
                self.tr("This check is not needed every day now."),
                self.tr("You can still do it whenever {name} seems different from usual.").format(
                    name=first_name(child.name)
                ),
            )
            return
        span = next(
            (s for s in window_spans(therapy, course) if s.window.id == NEURO_WINDOW_ID
             and s.contains(today)),
            None,
        )  # fmt: skip
        until = ""
        if span is not None:
            until = self.tr("Do this check every day until {date}.").format(
                date=short_date(span.ends, today)
            )
        self.page.set_reason(day, catalogue_text(window.label), until)

    def _show_samples(self, child: Child, today: date) -> None:
        try:
            samples = self.services.therapy.handwriting_samples(child.id, limit=SAMPLES_SHOWN)
        except StorageError as exc:
            self.page.banner.show_message(
                self.tr("Earlier writing could not be read: {reason}").format(reason=str(exc)),
                "error",
            )
            samples = []
        zone = self.page.zone
        shown = []
        for sample in samples:
            day = sample.observed_at.astimezone(zone).date()
            shown.append(StripSample(self._sample_caption(child, day, today), sample.png))
        self.page.set_samples(shown)

    def _sample_caption(self, child: Child, day: date, today: date) -> str:
        """'Today · Day +6', 'Tue 3 Nov · Day 3 of 28, cycle 1': the date and therapy day."""
        course = course_on(child, day)
        therapy = self._therapy(course)
        if course is None or therapy is None:
            return day_text(day, today)
        return self.tr("{day} · {therapy_day}").format(
            day=day_text(day, today),
            therapy_day=therapy_day_text(therapy_day(therapy, course, day)),
        )

    # ---- saving ------------------------------------------------------------------------------

    def check(self) -> NeuroCheck:
        """The answers as the rules read them: 'Not sure' is a change, and is marked as unsure."""
        asked = self.page.asked()
        answers = self.page.answers()
        writing = self.page.writing_mode() is WritingMode.WRITES
        return NeuroCheck(
            asked=asked,
            changed=tuple(d for d in asked if answers.get(d) != Answer.SAME.value),
            unsure=tuple(d for d in asked if answers.get(d) == Answer.UNSURE.value),
            sentence=self.page.sentence() if writing else "",
            handwriting_png=self.page.handwriting_png(),
        )

    def save(self) -> bool:
        """True once the check is stored; on any other outcome the page keeps everything."""
        if self._saving or self.child is None or self.page.is_done():
            return False
        self._saving = True
        self.page.set_saving(True)
        try:
            return self._save(self.child)
        finally:
            self._saving = False
            self.page.set_saving(False)

    def _save(self, child: Child) -> bool:
        self.page.clear_problems()
        missing = self.page.unanswered()
        if self.page.writing_mode() is WritingMode.WRITES and self.page.pad.is_empty():
            self.page.show_pad_problem(
                self.tr(
                    "The pad is empty. Ask {name} to write the sentence, or choose "
                    "“Skip writing today”."
                ).format(name=first_name(child.name))
            )
            if missing:
                self.page.show_unanswered(missing)
            return False
        if missing:
            self.page.show_unanswered(missing)
            return False
        check = self.check()
        confirmed: set[str] = set()
        for _ in range(MAX_CONFIRM_ROUNDS):
            try:
                result = self._store(child, check, confirmed)
            except ValidationFailed as exc:
                self.page.show_problems(exc.problems)
                return False
            except NeedsConfirmation as exc:
                answered = self._ask(exc.problems)
                if answered is None:
                    return False
                confirmed |= answered
                continue
            except StorageError as exc:
                self.page.show_storage_error(str(exc))
                return False
            except NotFound:
                self.page.show_storage_error(self.tr("This child is no longer in CareTrack."))
                return False
            self._remember_logged_by(self.page.logged_by())
            self.page.mark_clean()
            self._show_result(child, check, result)
            self.entry_saved.emit(result)
            return True
        return False

    def _store(self, child: Child, check: NeuroCheck, confirmed: Collection[str]) -> SaveResult:
        """Always this form's uid: a retry of a saved check hands back the first entry."""
        return self.services.therapy.save_neuro_check(
            child.id,
            self.uid,
            check,
            self.page.observed_at(),
            self.page.logged_by(),
            self.page.note_text(),
            tuple(confirmed),
        )

    def _show_result(self, child: Child, check: NeuroCheck, result: SaveResult) -> None:
        """Plain words for what the answers mean; the window's warning dialog adds the numbers."""
        name = first_name(child.name)
        tier = result.evaluation.tier
        summary = check_summary_text(check)
        if tier is Tier.EMERGENCY:
            self.page.show_saved(
                ResultKind.CALL,
                self.tr("Call emergency services now."),
                summary,
                self.tr(
                    "The check is saved. Follow the warning on screen. Stay with {name}."
                ).format(name=name),
            )
        elif check.changed or tier is Tier.REPORT_NOW:
            self.page.show_saved(
                ResultKind.CALL,
                self.tr("Call your care team now."),
                summary,
                self.tr("The check is saved. Tell them what you noticed. Stay with {name}.").format(
                    name=name
                ),
            )
        elif tier is Tier.NOTE_FOR_VISIT:
            self.page.show_saved(
                ResultKind.NOTE,
                self.tr("Saved. Everything in the check was as usual today."),
                "",
                self.tr("Something is noted for the next clinic visit (see Warnings)."),
            )
        else:
            self.page.show_saved(
                ResultKind.CALM,
                self.tr("Saved. Everything was as usual today."),
                "",
                self.tr("If anything changes later, do the check again or call your care team."),
            )

    def _ask(self, problems: list[Problem]) -> set[str] | None:
        return confirm_problems(self.page, problems, lambda p: self.page.show_problems([p]))

    # ---- helpers -----------------------------------------------------------------------------

    def _today(self) -> date:
        return self.services.clock.now().date()

    def _therapy(self, course: TherapyCourse | None) -> Therapy | None:
        return None if course is None else self.services.catalogue.therapy(course.therapy_id)

    def _setting(self, key: str, default: str) -> str:
        """Settings are a convenience: a failed read falls back to the default."""
        try:
            return self.services.household.setting(key, default)
        except StorageError:
            return default

    def _remember(self, key: str, value: str) -> None:
        with contextlib.suppress(StorageError):
            self.services.household.set_setting(key, value)

    def _remember_logged_by(self, name: str) -> None:
        if name:
            self._remember("logged_by", name)

    def _read_problem(self, exc: Exception) -> str:
        if isinstance(exc, NotFound):
            return self.tr("This child is no longer in CareTrack.")
        return self.tr("The check could not be opened: {reason}").format(reason=str(exc))

    def _agree_to_discard(self, title: str) -> bool:
        answer = QMessageBox.question(
            self.page,
            title,
            self.tr("The answers and the writing in this check will not be saved."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # ---- slots -------------------------------------------------------------------------------

    def _on_page_save_requested(self) -> None:
        self.save()

    def _on_page_cancel_requested(self) -> None:
        if self._saving:
            return
        if self.page.is_dirty() and not self._agree_to_discard(self.tr("Leave without saving?")):
            return
        self.closed.emit()

    def _on_page_writing_mode_changed(self, mode: str) -> None:
        """'Does not write yet' is remembered for this child; skipping is for today only."""
        before, self._mode = self._mode, WritingMode(mode)
        if self.child is not None:
            key = writes_setting_key(self.child.id)
            if self._mode is WritingMode.NOT_YET:
                self._remember(key, "no")
            elif before is WritingMode.NOT_YET:
                self._remember(key, "yes")
        self._show_questions()
