"""Saving check-ins through the service the window and the command line share."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import Child, EntryContent, MedicineGiven, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.domain.text import NOTE_LIMIT
from caretrack.services import Services, open_services
from caretrack.services.clock import FixedClock
from caretrack.services.errors import EditConflict, NeedsConfirmation, ValidationFailed
from tests.conftest import NOW


def content(**changes: object) -> EntryContent:
    base = EntryContent(
        observed_at=NOW - timedelta(minutes=5),
        logged_by="Mum",
        temperature=Temperature(382, Unit.C, Route.ORAL),
        symptoms=(SymptomReport("chills", 2),),
        medicines=(MedicineGiven("Ondansetron", "4 mg", NOW - timedelta(hours=1)),),
        note="Shivery after dinner.",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_saved_entry_reads_back_exactly(services: Services, child: Child) -> None:
    saved = services.entries.save_new(child.id, "form-1", content()).entry
    assert saved.content == content()
    assert saved.version == 1
    assert saved.content.observed_at.tzinfo is not None
    assert services.entries.history(child.id) == [saved]


def test_times_are_stored_in_utc_with_the_parents_zone(services: Services, child: Child) -> None:
    services.entries.save_new(child.id, "form-1", content())
    with services.database.engine.connect() as conn:
        row = conn.execute(text("SELECT observed_at, observed_tz FROM entry_versions")).one()
    assert row == ("2026-11-06T00:55:00.000000Z", "America/New_York")


def test_entry_survives_a_restart(
    services: Services, child: Child, catalogue: Catalogue, clock: FixedClock
) -> None:
    saved = services.entries.save_new(child.id, "form-1", content()).entry
    folder = services.database.path.parent
    services.close()
    again = open_services(folder, catalogue, clock)
    try:
        assert again.entries.history(child.id) == [saved]
        assert again.household.children() == [child]
    finally:
        again.close()


def test_the_same_form_saves_once(services: Services, child: Child) -> None:
    first = services.entries.save_new(child.id, "form-1", content())
    second = services.entries.save_new(child.id, "form-1", content(note="clicked twice"))
    assert first.created and not second.created
    assert second.entry == first.entry
    assert len(services.entries.history()) == 1


def test_errors_save_nothing(services: Services, child: Child) -> None:
    future = content(observed_at=NOW + timedelta(hours=2))
    with pytest.raises(ValidationFailed) as err:
        services.entries.save_new(child.id, "form-1", future)
    assert [p.field for p in err.value.problems] == ["observed_at"]
    assert services.entries.history() == []


def test_unusual_values_need_confirmation_then_save(services: Services, child: Child) -> None:
    hot = content(temperature=Temperature(415, Unit.C, Route.ORAL))
    with pytest.raises(NeedsConfirmation) as err:
        services.entries.save_new(child.id, "form-1", hot)
    assert [p.code for p in err.value.problems] == ["unusual_temperature"]
    assert services.entries.history() == []
    saved = services.entries.save_new(child.id, "form-1", hot, confirmed=["unusual_temperature"])
    assert saved.entry.content.temperature == Temperature(415, Unit.C, Route.ORAL)


def test_unknown_symptoms_are_refused(services: Services, child: Child) -> None:
    with pytest.raises(ValidationFailed):
        services.entries.save_new(
            child.id, "f", content(symptoms=(SymptomReport("purple_elbows", 1),))
        )


def test_text_is_cleaned_and_capped(services: Services, child: Child) -> None:
    dirty = content(note="a\x00b\u202e" + "x" * (NOTE_LIMIT + 50), logged_by=" Dad\x07 ")
    result = services.entries.save_new(child.id, "f", dirty)
    assert result.note_was_cut
    assert len(result.entry.content.note) == NOTE_LIMIT
    assert result.entry.content.note.startswith("abx")
    assert result.entry.content.logged_by == "Dad"


def test_editing_keeps_every_earlier_version(services: Services, child: Child) -> None:
    first = services.entries.save_new(child.id, "f", content()).entry
    edited = services.entries.edit(
        first.id, first.version, content(note="Actually 2 vomits.")
    ).entry
    assert edited.version == 2 and edited.edited
    assert [v.content.note for v in edited.history] == [
        "Shivery after dinner.",
        "Actually 2 vomits.",
    ]
    assert services.entries.entry(first.id) == edited


def test_a_stale_edit_is_refused_and_nothing_is_lost(services: Services, child: Child) -> None:
    first = services.entries.save_new(child.id, "f", content()).entry
    services.entries.edit(first.id, 1, content(note="second window"))
    with pytest.raises(EditConflict):
        services.entries.edit(first.id, 1, content(note="first window, stale"))
    notes = [v.content.note for v in services.entries.entry(first.id).history]
    assert notes == ["Shivery after dinner.", "second window"]


def test_an_unchanged_edit_adds_no_version(services: Services, child: Child) -> None:
    first = services.entries.save_new(child.id, "f", content()).entry
    assert services.entries.edit(first.id, 1, content()).entry.version == 1


def test_history_is_newest_first_and_filterable(services: Services, child: Child) -> None:
    other = services.household.add_child(
        "Leo", date(2014, 9, 14), None, "Kymriah", date(2026, 10, 20)
    )
    times = [NOW - timedelta(days=d) for d in (3, 1, 2)]
    for t in times:
        services.entries.save_new(child.id, str(uuid.uuid4()), content(observed_at=t))
    services.entries.save_new(other.id, "leo-1", content())
    mine = services.entries.history(child.id)
    assert [e.content.observed_at for e in mine] == sorted(times, reverse=True)
    since = services.entries.history(child.id, since=NOW - timedelta(days=2, hours=1))
    assert len(since) == 2
    assert len(services.entries.history()) == 4


def test_latest_temperature_is_the_newest_observed(services: Services, child: Child) -> None:
    assert services.entries.latest_temperature(child.id) is None
    services.entries.save_new(child.id, "a", content(observed_at=NOW - timedelta(hours=1)))
    services.entries.save_new(
        child.id,
        "b",
        content(
            observed_at=NOW - timedelta(hours=5), temperature=Temperature(1004, Unit.F, Route.EAR)
        ),
    )
    services.entries.save_new(child.id, "c", content(temperature=None))
    latest = services.entries.latest_temperature(child.id)
    assert latest is not None
    assert latest[0] == Temperature(382, Unit.C, Route.ORAL)


def test_dst_fall_back_times_stay_distinct(services: Services, child: Child) -> None:
    ny = ZoneInfo("America/New_York")
    first = datetime(2026, 11, 1, 1, 30, tzinfo=ny, fold=0)
    second = datetime(2026, 11, 1, 1, 30, tzinfo=ny, fold=1)
    services.entries.save_new(child.id, "a", content(observed_at=first))
    services.entries.save_new(child.id, "b", content(observed_at=second))
    got = [e.content.observed_at.astimezone(UTC) for e in services.entries.history(child.id)]
    assert got[0] - got[1] == timedelta(hours=1)
    assert [e.content.observed_at.fold for e in services.entries.history(child.id)] == [1, 0]
