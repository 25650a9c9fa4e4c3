"""Clinic visits and the family's questions for them: what the summary's first page carries."""

from __future__ import annotations

from datetime import date

from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import ClinicVisit, Question
from caretrack.domain.text import clean_text
from caretrack.domain.validation import Level, Problem
from caretrack.services.clock import Clock
from caretrack.services.errors import NotFound, ValidationFailed
from caretrack.storage import repository as repo
from caretrack.storage.database import Database

QUESTION_LIMIT = 2_000


class VisitService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def questions(self, child_id: int, only_open: bool = True) -> list[Question]:
        with self._db.unit_of_work() as s:
            return repo.questions(s, child_id, only_open)

    def add_question(self, child_id: int, text: str) -> Question:
        cleaned, cut = clean_text(text, QUESTION_LIMIT)
        if not cleaned:
            raise ValidationFailed(
                [
                    Problem(
                        "question",
                        Level.ERROR,
                        "empty",
                        QT_TRANSLATE_NOOP("validation", "Type your question first."),
                    )
                ]
            )
        if cut:
            raise ValidationFailed(
                [
                    Problem(
                        "question",
                        Level.ERROR,
                        "too_long",
                        QT_TRANSLATE_NOOP(
                            "validation",
                            "That question is very long. Keep it under {limit} characters, "
                            "or put the details in a check-in note.",
                        ),
                        {"limit": str(QUESTION_LIMIT)},
                    )
                ]
            )
        with self._db.unit_of_work() as s:
            if repo.child(s, child_id) is None:
                raise NotFound(f"no child with id {child_id}")
            return repo.add_question(s, self._clock.now(), child_id, cleaned)

    def answer_question(self, question_id: int) -> None:
        """Ticked off after the visit; kept in the data file and in exports."""
        with self._db.unit_of_work() as s:
            if not repo.answer_question(s, question_id, self._clock.now()):
                raise NotFound(f"no open question with id {question_id}")

    def last_visit(self, child_id: int) -> ClinicVisit | None:
        with self._db.unit_of_work() as s:
            return repo.last_visit(s, child_id, self._clock.now().date())

    def record_visit(self, child_id: int, day: date | None = None) -> ClinicVisit:
        today = self._clock.now().date()
        day = day or today
        if day > today:
            raise ValidationFailed(
                [
                    Problem(
                        "visit_date",
                        Level.ERROR,
                        "future",
                        QT_TRANSLATE_NOOP("validation", "The visit date cannot be in the future."),
                    )
                ]
            )
        with self._db.unit_of_work() as s:
            if repo.child(s, child_id) is None:
                raise NotFound(f"no child with id {child_id}")
            return repo.record_visit(s, self._clock.now(), child_id, day)
