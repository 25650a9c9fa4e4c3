"""Saving and editing check-ins: validated, cleaned, idempotent, never silently overwritten."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import Evaluation, Tier
from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import Child, Entry, EntryContent, MedicineGiven
from caretrack.domain.neuro_check import CHANGE_MEANS
from caretrack.domain.temperature import Temperature
from caretrack.domain.text import NOTE_LIMIT, SHORT_LIMIT, clean_text
from caretrack.domain.validation import Level, Problem, check_content
from caretrack.services.clock import Clock
from caretrack.services.errors import EditConflict, NeedsConfirmation, NotFound, ValidationFailed
from caretrack.services.flags import FlagService
from caretrack.storage import repository as repo
from caretrack.storage.database import Database


@dataclass(frozen=True)
class SaveResult:
    entry: Entry
    created: bool  # False when this form had already been saved (double click, retry)
    evaluation: Evaluation  # what the rules said about this entry when it was saved
    flag_ids: tuple[int, ...] = ()  # flags this save added
    note_was_cut: bool = False


class EntryService:
    def __init__(
        self, db: Database, catalogue: Catalogue, clock: Clock, flags: FlagService
    ) -> None:
        self._db = db
        self._catalogue = catalogue
        self._clock = clock
        self._flags = flags

    def save_new(
        self,
        child_id: int,
        uid: str,
        content: EntryContent,
        confirmed: Collection[str] = (),
    ) -> SaveResult:
        """Save once per form: the same `uid` saved twice gives back the first entry."""
        with self._db.unit_of_work() as s:
            existing = repo.entry_by_uid(s, uid)
            if existing is not None:
                flags = tuple(f.flag for f in repo.flags(s, entry_id=existing.id))
                earlier = Evaluation(
                    Tier.highest([f.tier for f in flags]), flags, self._flags.rules_version
                )
                return SaveResult(existing, created=False, evaluation=earlier)
            child = repo.child(s, child_id)
            if child is None:
                raise NotFound(f"no child with id {child_id}")
            content, cut = self._prepared(content, child, confirmed)
            now = self._clock.now()
            entry_id = repo.add_entry(s, now, uid, child_id, content)
            saved = repo.entry(s, entry_id)
            assert saved is not None
            # Judged in the same transaction: an entry is never stored without its flags.
            evaluation, flag_ids = self._flags.judge(s, child, saved)
        return SaveResult(saved, True, evaluation, tuple(flag_ids), note_was_cut=cut)

    def edit(
        self,
        entry_id: int,
        expected_version: int,
        content: EntryContent,
        confirmed: Collection[str] = (),
    ) -> SaveResult:
        """Add a new version; the earlier ones, and every flag already raised, stay."""
        with self._db.unit_of_work() as s:
            current = repo.entry(s, entry_id)
            if current is None:
                raise NotFound(f"no entry with id {entry_id}")
            child = repo.child(s, current.child_id)
            assert child is not None
            content, cut = self._prepared(content, child, confirmed)
            if content == current.content:
                return SaveResult(
                    current, False, Evaluation(Tier.NONE, (), self._flags.rules_version)
                )
            if not repo.add_version(s, self._clock.now(), entry_id, expected_version, content):
                raise EditConflict(f"entry {entry_id} changed since it was opened")
            saved = repo.entry(s, entry_id)
            assert saved is not None
            evaluation, flag_ids = self._flags.judge(s, child, saved)
        return SaveResult(saved, True, evaluation, tuple(flag_ids), note_was_cut=cut)

    def entry(self, entry_id: int) -> Entry:
        with self._db.unit_of_work() as s:
            found = repo.entry(s, entry_id)
        if found is None:
            raise NotFound(f"no entry with id {entry_id}")
        return found

    def history(
        self,
        child_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> list[Entry]:
        with self._db.unit_of_work() as s:
            return repo.entries(s, child_id, since, until, limit)

    def latest_temperature(self, child_id: int) -> tuple[Temperature, datetime] | None:
        """Newest reading by time observed; scans a bounded page at a time."""
        with self._db.unit_of_work() as s:
            for e in repo.entries(s, child_id, limit=200):
                if e.content.temperature is not None:
                    return e.content.temperature, e.content.observed_at
        return None

    def _prepared(
        self, content: EntryContent, child: Child, confirmed: Collection[str]
    ) -> tuple[EntryContent, bool]:
        """Clean the text, then refuse errors and ask about anything unusual."""
        note, cut = clean_text(content.note, NOTE_LIMIT)
        content = dataclasses.replace(
            content,
            note=note,
            logged_by=clean_text(content.logged_by, SHORT_LIMIT)[0],
            medicines=tuple(
                MedicineGiven(
                    clean_text(m.name, SHORT_LIMIT)[0],
                    clean_text(m.dose, SHORT_LIMIT)[0],
                    m.given_at,
                )
                for m in content.medicines
            ),
        )
        if content.neuro_check is not None:
            check = content.neuro_check
            content = dataclasses.replace(
                content,
                neuro_check=dataclasses.replace(
                    check, sentence=clean_text(check.sentence, SHORT_LIMIT)[0]
                ),
            )
        course = child.current_course
        problems = check_content(
            content,
            self._clock.now(),
            child.birth_date,
            None if course is None else course.start_date,
        )
        problems += self._unknown_symptoms(content)
        errors = [p for p in problems if p.level is Level.ERROR]
        if errors:
            raise ValidationFailed(errors)
        unconfirmed = [p for p in problems if p.code not in confirmed]
        if unconfirmed:
            raise NeedsConfirmation(unconfirmed)
        return content, cut

    def _unknown_symptoms(self, content: EntryContent) -> list[Problem]:
        known = {s.id for s in self._catalogue.symptoms}
        check = content.neuro_check
        odd = [] if check is None else [d for d in check.changed if d not in CHANGE_MEANS]
        if odd:
            return [
                Problem(
                    "neuro_check",
                    Level.ERROR,
                    "unknown_domain",
                    QT_TRANSLATE_NOOP("validation", "Unknown check question: {name}"),
                    {"name": odd[0]},
                )
            ]
        return [
            Problem(
                "symptoms",
                Level.ERROR,
                "unknown_symptom",
                QT_TRANSLATE_NOOP("validation", "Unknown symptom: {name}"),
                {"name": s.symptom_id},
            )
            for s in content.symptoms
            if s.symptom_id not in known
        ]
