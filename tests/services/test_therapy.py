"""Therapy services: the course plan, pump log, neuro checks and medicines, through real storage."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from caretrack.domain.flags import Tier
from caretrack.domain.model import Child, NeuroCheck, PumpEvent
from caretrack.services import Services
from caretrack.services.errors import ValidationFailed
from caretrack.storage.database import open_database
from caretrack.storage.transfer import export_document, import_document
from tests.conftest import NOW

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # bytes only: storage does not decode


def uid() -> str:
    return str(uuid.uuid4())


def test_course_plan_is_kept_and_shapes_the_calendar(services: Services, child: Child) -> None:
    services.therapy.set_course_plan(child.id, 9, None, 21, [])
    plan = services.therapy.plan(child.id)
    assert plan.course.hospital_days == 9 and plan.course.break_days == 21
    assert [d.number for d in plan.days if d.in_hospital] == list(range(1, 10))
    assert len(plan.days) == 28 + 21
    assert plan.next_cycle == date(2026, 11, 1) + timedelta(days=49)


def test_bad_plan_values_are_refused_with_the_field(services: Services, child: Child) -> None:
    with pytest.raises(ValidationFailed) as err:
        services.therapy.set_course_plan(child.id, 40, None, 0, [])
    assert {p.field for p in err.value.problems} == {"hospital_days", "break_days"}
    assert services.therapy.plan(child.id).course.hospital_days is None  # nothing written


def test_car_t_stay_near_can_only_grow(services: Services) -> None:
    leo = services.household.add_child(
        "Leo", date(2014, 2, 3), None, "tisagenlecleucel", date(2026, 11, 1)
    )
    with pytest.raises(ValidationFailed):
        services.therapy.set_course_plan(leo.id, None, 7, None, [])
    services.therapy.set_course_plan(leo.id, None, 28, None, [])
    spans = {s.window.id: s for s in services.therapy.plan(leo.id).windows}
    assert spans["stay_near"].ends == date(2026, 11, 29)


def test_rituximab_dose_dates_open_the_reaction_window(services: Services) -> None:
    """R12 watches 24 hours after every dose the team entered, not only the first."""
    from caretrack.domain.model import EntryContent, SymptomReport

    sam = services.household.add_child(
        "Sam", date(2015, 1, 1), None, "rituximab", date(2026, 10, 1)
    )
    flushing = EntryContent(NOW - timedelta(hours=2), symptoms=(SymptomReport("flushing", 1),))
    before = services.entries.save_new(sam.id, uid(), flushing)
    assert before.evaluation.tier is Tier.NOTE_FOR_VISIT  # 35 days after the only known dose
    services.therapy.set_course_plan(
        sam.id, None, None, None, [date(2026, 10, 1), date(2026, 11, 5)]
    )
    result = services.entries.save_new(sam.id, uid(), flushing)
    assert result.evaluation.tier is Tier.REPORT_NOW  # within 24 hours of the second dose


def test_next_cycle_is_a_new_course(services: Services, child: Child) -> None:
    services.therapy.start_next_cycle(child.id, date(2026, 12, 13))
    plan = services.therapy.plan(child.id, today=date(2026, 12, 20))
    assert plan.course.cycle == 2 and plan.course.start_date == date(2026, 12, 13)
    with pytest.raises(ValidationFailed):
        services.therapy.start_next_cycle(child.id, date(2026, 12, 1))


def test_pump_events_are_entries_judged_by_the_rules(services: Services, child: Child) -> None:
    bag = services.therapy.log_pump_event(
        child.id, uid(), PumpEvent.BAG_CHANGE, NOW - timedelta(hours=30), "Mum", 48
    )
    assert bag.evaluation.tier is Tier.NONE
    assert bag.entry.content.pump_bag_hours == 48
    status = services.therapy.plan(child.id).pump
    assert status is not None and status.next_change_due == NOW + timedelta(hours=18)
    alarm = services.therapy.log_pump_event(child.id, uid(), PumpEvent.ALARM, NOW, "Mum")
    assert alarm.evaluation.tier is Tier.REPORT_NOW
    with pytest.raises(ValidationFailed):
        services.therapy.log_pump_event(child.id, uid(), PumpEvent.BAG_CHANGE, NOW, "Mum", 36)


def test_a_pump_still_stopped_after_4_hours_is_flagged_once(
    services: Services, child: Child
) -> None:
    services.therapy.log_pump_event(
        child.id, uid(), PumpEvent.STOPPED, NOW - timedelta(hours=3, minutes=59), "Mum"
    )
    assert services.flags.check_ongoing(child.id) == []
    services.clock.moment = NOW + timedelta(minutes=2)  # type: ignore[attr-defined]
    first = services.flags.check_ongoing(child.id)
    assert len(first) == 1
    assert services.flags.check_ongoing(child.id) == []
    (flag,) = services.flags.flags_by_id(first)
    assert flag.flag.rule_id == "pump-interrupted-4-hours" and flag.is_open


def test_neuro_check_and_its_writing_round_trip(services: Services) -> None:
    leo = services.household.add_child(
        "Leo", date(2014, 2, 3), None, "tisagenlecleucel", date(2026, 11, 1)
    )
    check = NeuroCheck(("writing", "speech"), ("writing",), (), "The sun is shining.", PNG)
    saved = services.therapy.save_neuro_check(leo.id, uid(), check, NOW, "Dad")
    assert saved.entry.content.neuro_check == check
    assert saved.evaluation.tier is Tier.REPORT_NOW
    (sample,) = services.therapy.handwriting_samples(leo.id)
    assert sample.png == PNG and sample.sentence == "The sun is shining."
    assert services.therapy.neuro_check_due(leo, date(2026, 12, 27))  # day +56
    assert not services.therapy.neuro_check_due(leo, date(2026, 12, 28))


def test_medicines_list_give_and_stop(services: Services, child: Child) -> None:
    med = services.medicines.add(child.id, " Ondansetron ", "2 mg", "every 8 hours if sick",
                                 [time(20, 0), time(8, 0)])  # fmt: skip
    assert (med.name, med.times) == ("Ondansetron", (time(8, 0), time(20, 0)))
    given = services.medicines.give(med.id, uid(), NOW - timedelta(minutes=5), "Mum")
    assert given.entry.content.medicines[0].name == "Ondansetron"
    services.medicines.stop(med.id)
    assert services.medicines.medicines(child.id) == []
    (kept,) = services.medicines.medicines(child.id, only_active=False)
    assert kept.stopped_on == NOW.date()
    with pytest.raises(ValidationFailed):
        services.medicines.add(child.id, "   ")


def test_fever_medicine_never_hides_a_later_fever(services: Services, child: Child) -> None:
    from caretrack.domain.model import EntryContent
    from caretrack.domain.temperature import Route, Temperature, Unit

    med = services.medicines.add(child.id, "Paracetamol", "240 mg")
    given = services.medicines.give(med.id, uid(), NOW - timedelta(hours=1), "Mum")
    assert given.evaluation.tier is Tier.NOTE_FOR_VISIT
    fever = EntryContent(NOW, temperature=Temperature(381, Unit.C, Route.ORAL))
    assert services.entries.save_new(child.id, uid(), fever).evaluation.tier is Tier.REPORT_NOW


def test_everything_new_survives_export_and_import(
    services: Services, child: Child, tmp_path: Path
) -> None:
    from caretrack.domain.model import ReminderKind, ReminderPlan

    services.therapy.set_course_plan(child.id, 3, None, None, [])
    services.therapy.log_pump_event(child.id, uid(), PumpEvent.BAG_CHANGE, NOW, "Mum", 96)
    services.therapy.save_neuro_check(
        child.id, uid(), NeuroCheck(("speech",), (), (), "x", PNG), NOW
    )
    services.medicines.add(child.id, "Ondansetron", "2 mg", "", [time(8, 0)])
    services.reminders.set_plan(
        ReminderPlan(child.id, ReminderKind.TEMPERATURE, True, (time(8, 0),))
    )
    first = export_document(services.database, "test", NOW)
    assert first["tables"]["entry_neuro_checks"][0]["handwriting_png"]  # base64 text
    other = open_database(tmp_path / "other")
    try:
        import_document(other, first)
        second = export_document(other, "test", NOW)
    finally:
        other.close()
    assert first["tables"] == second["tables"]


def test_a_check_in_in_the_same_minute_as_the_stop_does_not_hide_it(
    services: Services, child: Child
) -> None:
    """The 4-hour flag goes on the stop entry, found by what it is, not by its time."""
    from caretrack.domain.model import EntryContent
    from caretrack.domain.temperature import Route, Temperature, Unit

    stop_at = NOW - timedelta(hours=4, minutes=5)
    services.therapy.log_pump_event(child.id, uid(), PumpEvent.STOPPED, stop_at, "Mum")
    reading = EntryContent(stop_at, temperature=Temperature(369, Unit.C, Route.ORAL))
    services.entries.save_new(child.id, uid(), reading)
    (flag_id,) = services.flags.check_ongoing(child.id)
    (flag,) = services.flags.flags_by_id([flag_id])
    assert flag.flag.rule_id == "pump-interrupted-4-hours"


def test_a_stop_is_found_behind_many_later_entries(services: Services, child: Child) -> None:
    from caretrack.domain.model import EntryContent

    stop_at = NOW - timedelta(hours=5)
    services.therapy.log_pump_event(child.id, uid(), PumpEvent.STOPPED, stop_at, "Mum")
    for i in range(60):
        later = EntryContent(stop_at + timedelta(minutes=4 * (i + 1)), note=f"note {i}")
        services.entries.save_new(child.id, uid(), later)
    assert len(services.flags.check_ongoing(child.id)) == 1


def test_a_rules_failure_in_the_minute_check_is_never_a_silent_no_warning(
    services: Services, child: Child, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection, as in tests/rules/test_fault_injection.py: the rules raise."""
    from caretrack.rules import engine
    from caretrack.services.flags import RulesFailed

    services.therapy.log_pump_event(
        child.id, uid(), PumpEvent.STOPPED, NOW - timedelta(hours=5), "Mum"
    )

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("a bug in a rule")

    monkeypatch.setattr(engine, "evaluate", broken)
    with pytest.raises(RulesFailed):
        services.flags.check_ongoing(child.id)


def test_the_minute_check_judges_nothing_while_the_pump_runs(
    services: Services, child: Child, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caretrack.rules import engine

    services.therapy.log_pump_event(
        child.id, uid(), PumpEvent.STOPPED, NOW - timedelta(hours=6), "Mum"
    )
    services.therapy.log_pump_event(
        child.id, uid(), PumpEvent.RESTARTED, NOW - timedelta(hours=5), "Mum"
    )
    calls: list[object] = []
    real = engine.evaluate
    monkeypatch.setattr(engine, "evaluate", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert services.flags.check_ongoing(child.id) == []
    assert calls == []
