"""Flags are facts: raised on save, kept through edits and restarts, closed only by a call."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import UNAVAILABLE_RULE_ID, Tier
from caretrack.domain.model import Child, EntryContent, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.services import Services, open_services
from caretrack.services.clock import FixedClock
from caretrack.services.errors import ValidationFailed
from tests.conftest import NOW


def reading(tenths: int, minutes_ago: int = 5, **more: object) -> EntryContent:
    base = EntryContent(
        observed_at=NOW - timedelta(minutes=minutes_ago),
        logged_by="Mum",
        temperature=Temperature(tenths, Unit.C, Route.ORAL),
    )
    return dataclasses.replace(base, **more)  # type: ignore[arg-type]


def test_a_fever_is_flagged_and_stored_with_the_save(services: Services, child: Child) -> None:
    result = services.entries.save_new(child.id, "a", reading(382))
    assert result.evaluation.tier is Tier.REPORT_NOW
    (stored,) = services.flags.open_flags(child.id)
    assert stored.flag.rule_id == "fever"
    assert stored.flag.evidence == ("38.2 °C oral at 2026-11-05 19:55",)
    assert stored.entry_id == result.entry.id
    assert stored.rules_version == services.flags.rules_version
    assert list(result.flag_ids) == [stored.id]


def test_a_normal_day_raises_nothing(services: Services, child: Child) -> None:
    result = services.entries.save_new(child.id, "a", reading(368))
    assert result.evaluation.tier is Tier.NONE
    assert services.flags.log() == []


def test_a_later_normal_entry_never_clears_an_earlier_flag(
    services: Services, child: Child
) -> None:
    services.entries.save_new(child.id, "a", reading(384, minutes_ago=240))
    services.entries.save_new(child.id, "b", reading(370, minutes_ago=5))
    assert [f.flag.rule_id for f in services.flags.open_flags(child.id)] == ["fever"]


def test_editing_the_reading_down_keeps_the_flag(services: Services, child: Child) -> None:
    first = services.entries.save_new(child.id, "a", reading(384)).entry
    services.entries.edit(first.id, first.version, reading(370))
    assert [f.flag.rule_id for f in services.flags.open_flags(child.id)] == ["fever"]


def test_editing_in_a_new_warning_adds_its_flag(services: Services, child: Child) -> None:
    first = services.entries.save_new(child.id, "a", reading(370)).entry
    edited = services.entries.edit(
        first.id, first.version, reading(370, symptoms=(SymptomReport("seizure"),))
    )
    assert edited.evaluation.tier is Tier.EMERGENCY
    assert [f.flag.rule_id for f in services.flags.open_flags(child.id)] == ["seizure"]
    assert services.flags.open_flags()[0].entry_version == 2


def test_saving_the_same_form_twice_raises_the_flag_once(services: Services, child: Child) -> None:
    services.entries.save_new(child.id, "a", reading(390))
    again = services.entries.save_new(child.id, "a", reading(390))
    assert not again.created
    assert again.evaluation.tier is Tier.REPORT_NOW
    assert len(services.flags.log()) == 1


def test_recording_the_call_closes_the_flag_and_keeps_it(services: Services, child: Child) -> None:
    services.entries.save_new(child.id, "a", reading(385))
    (flag,) = services.flags.open_flags()
    call = services.flags.record_call(
        [flag.id], NOW, "Mum", "Nurse Kim", "Come to the day unit; no paracetamol."
    )
    assert services.flags.open_flags() == []
    (logged,) = services.flags.log()
    assert logged.call == call
    assert logged.flag == flag.flag
    assert call.advice == "Come to the day unit; no paracetamol."


def test_a_call_needs_a_flag_and_a_time_not_in_the_future(services: Services, child: Child) -> None:
    services.entries.save_new(child.id, "a", reading(385))
    (flag,) = services.flags.open_flags()
    with pytest.raises(ValidationFailed):
        services.flags.record_call([], NOW, "Mum", "", "")
    with pytest.raises(ValidationFailed):
        services.flags.record_call([flag.id], NOW + timedelta(hours=1), "Mum", "", "")
    assert len(services.flags.open_flags()) == 1


def test_open_flags_survive_a_restart(
    services: Services, child: Child, catalogue: Catalogue, clock: FixedClock
) -> None:
    services.entries.save_new(child.id, "a", reading(389))
    folder = services.database.path.parent
    services.close()
    again = open_services(folder, catalogue, clock)
    try:
        assert [f.flag.rule_id for f in again.flags.open_flags(child.id)] == ["fever"]
    finally:
        again.close()


def test_without_rules_every_save_says_alerts_unavailable(
    data_dir: Path, catalogue: Catalogue, clock: FixedClock
) -> None:
    services = open_services(data_dir, catalogue, clock, rules=None)
    try:
        kid = services.household.add_child(
            "Maya", NOW.date().replace(year=2018), None, "blinatumomab", NOW.date()
        )
        result = services.entries.save_new(kid.id, "a", reading(366))
        assert not result.evaluation.available
        assert result.evaluation.tier is Tier.REPORT_NOW
        (stored,) = services.flags.open_flags()
        assert stored.flag.rule_id == UNAVAILABLE_RULE_ID
        assert services.rules_problem
    finally:
        services.close()


def test_the_care_teams_fever_line_is_used(services: Services, child: Child) -> None:
    services.flags.set_fever_threshold(383)
    assert services.entries.save_new(child.id, "a", reading(382)).evaluation.tier is Tier.NONE
    assert (
        services.entries.save_new(child.id, "b", reading(383, 1)).evaluation.tier is Tier.REPORT_NOW
    )
    with pytest.raises(ValidationFailed):
        services.flags.set_fever_threshold(355)


def test_flags_are_never_updated_or_deleted_by_the_app(services: Services, child: Child) -> None:
    """Append-only at the SQL level: count the statements that touch the flags table."""
    from sqlalchemy import event

    touched: list[str] = []

    def watch(conn: object, cursor: object, statement: str, *rest: object) -> None:
        lowered = statement.lower()
        if "flags" in lowered and lowered.startswith(("update", "delete")):
            touched.append(statement)

    event.listen(services.database.engine, "before_cursor_execute", watch)
    first = services.entries.save_new(child.id, "a", reading(385)).entry
    services.entries.edit(first.id, first.version, reading(366))
    (flag,) = services.flags.open_flags()
    services.flags.record_call([flag.id], NOW, "Dad", "", "")
    assert touched == []
    with services.database.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM flags")).scalar() == 1


def test_a_call_before_the_sign_was_noticed_cannot_close_it(
    services: Services, child: Child
) -> None:
    services.entries.save_new(child.id, "a", reading(385, minutes_ago=5))
    (flag,) = services.flags.open_flags()
    with pytest.raises(ValidationFailed) as err:
        services.flags.record_call([flag.id], NOW - timedelta(hours=2), "Mum", "", "")
    assert [p.code for p in err.value.problems] == ["call_before_warning"]
    assert len(services.flags.open_flags()) == 1
    services.flags.record_call([flag.id], NOW - timedelta(minutes=15), "Mum", "", "")
    assert services.flags.open_flags() == []
