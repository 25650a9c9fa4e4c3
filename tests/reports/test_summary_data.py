"""The summary as data: which entries, flags, readings, symptoms and questions a period holds."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from caretrack.domain.flags import Tier
from caretrack.domain.model import Child, EntryContent, MedicineGiven, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.reports import Period, PeriodBasis, build_summary, default_period
from caretrack.reports.build import SummaryInputs
from caretrack.services import Services
from caretrack.services.demo import ALL_CONFIRMATIONS
from caretrack.services.errors import ValidationFailed
from tests.conftest import NEW_YORK, NOW


def save(services: Services, child: Child, at: datetime, **content: object) -> int:
    result = services.entries.save_new(
        child.id,
        str(uuid.uuid4()),
        EntryContent(observed_at=at, logged_by="Mum", **content),  # type: ignore[arg-type]
        ALL_CONFIRMATIONS,
    )
    return result.entry.id


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=NEW_YORK)


def test_default_period_is_the_last_week_then_since_the_visit(
    services: Services, child: Child
) -> None:
    assert services.summaries.default_period(child.id) == Period(
        date(2026, 10, 30), date(2026, 11, 5), PeriodBasis.LAST_DAYS
    )
    services.visits.record_visit(child.id, date(2026, 11, 3))
    assert services.summaries.default_period(child.id) == Period(
        date(2026, 11, 3), date(2026, 11, 5), PeriodBasis.SINCE_VISIT
    )
    with pytest.raises(ValidationFailed):
        services.visits.record_visit(child.id, date(2026, 11, 6))
    assert default_period(date(2026, 11, 5), date(2026, 11, 9)).basis is PeriodBasis.LAST_DAYS


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        Period(date(2026, 11, 5), date(2026, 11, 4))
    assert Period(date(2026, 11, 5), date(2026, 11, 5)).day_count == 1


def test_entries_belong_to_the_familys_local_day(services: Services, child: Child) -> None:
    """23:30 in New York is the next day in UTC; it still belongs to the day the parent saw."""
    inside = [
        save(services, child, local(3, 0, 5), note="just after midnight"),
        save(services, child, local(4, 23, 30), note="late evening"),
    ]
    save(services, child, local(2, 23, 55), note="the day before")
    save(services, child, local(5, 0, 10), note="the day after")
    summary = services.summaries.build(child.id, Period(date(2026, 11, 3), date(2026, 11, 4)))
    logged = [e.id for d in summary.days for e in d.entries]
    assert logged == inside
    assert summary.entry_count == 2
    assert [d.day for d in summary.days] == [date(2026, 11, 3), date(2026, 11, 4)]
    assert summary.days[0].therapy_day is not None and summary.days[0].therapy_day.day == 3


def test_every_entry_of_the_period_is_in_the_log_and_the_count_matches(
    services: Services, child: Child
) -> None:
    for day in range(1, 6):
        for hour in (8, 14, 20):
            at = local(day, hour)
            if at <= NOW:
                save(services, child, at, temperature=Temperature(368, Unit.C, Route.ORAL))
    period = Period(date(2026, 11, 2), date(2026, 11, 5))
    summary = services.summaries.build(child.id, period)
    since = local(2, 0)
    in_db = services.entries.history(child.id, since=since, until=local(5, 23, 59))
    assert summary.entry_count == len(in_db) == 12
    assert len(summary.readings) == 12
    assert not summary.is_empty


def test_an_empty_period_is_empty(services: Services, child: Child) -> None:
    summary = services.summaries.build(child.id, Period(date(2026, 11, 1), date(2026, 11, 5)))
    assert summary.is_empty and summary.entry_count == 0
    assert len(summary.days) == 5 and all(not d.entries for d in summary.days)


def test_flags_of_the_period_and_earlier_warnings_still_open(
    services: Services, child: Child
) -> None:
    old_fever = save(services, child, local(1, 9), temperature=Temperature(385, Unit.C, Route.ORAL))
    save(services, child, local(1, 10), temperature=Temperature(386, Unit.C, Route.ORAL))
    new_fever = save(
        services, child, local(5, 19), temperature=Temperature(1012, Unit.F, Route.EAR)
    )
    flags = {f.entry_id: f for f in services.flags.open_flags(child.id)}
    services.flags.record_call(
        [flags[new_fever].id], local(5, 19, 30), "Mum", "Nurse Ana", "Come in tonight."
    )
    summary = services.summaries.build(child.id, Period(date(2026, 11, 4), date(2026, 11, 5)))
    by_entry = {f.stored.entry_id: f for f in summary.flags}
    assert {old_fever, new_fever} <= set(by_entry)
    earlier = [f for f in summary.flags if f.before_period]
    assert earlier and all(f.stored.is_open for f in earlier)
    assert all(f.stored.flag.tier.rank >= Tier.REPORT_NOW.rank for f in earlier)
    assert by_entry[old_fever].before_period and by_entry[old_fever].stored.is_open
    called = by_entry[new_fever]
    assert not called.before_period and called.stored.call is not None
    assert called.stored.call.advice == "Come in tonight."
    assert called.stored.flag.tier is Tier.REPORT_NOW
    assert summary.open_flag_count == len([f for f in summary.flags if f.stored.is_open])


def test_earlier_flags_that_were_called_about_are_left_out(
    services: Services, child: Child
) -> None:
    save(services, child, local(1, 9), temperature=Temperature(385, Unit.C, Route.ORAL))
    ids = [f.id for f in services.flags.open_flags(child.id)]
    services.flags.record_call(ids, local(1, 9, 20), "Mum", "Nurse", "Paracetamol, call back.")
    summary = services.summaries.build(child.id, Period(date(2026, 11, 4), date(2026, 11, 5)))
    assert summary.flags == ()
    assert summary.is_empty


def test_readings_are_judged_exactly_against_the_teams_line(
    services: Services, child: Child
) -> None:
    save(services, child, local(5, 8), temperature=Temperature(1003, Unit.F, Route.ORAL))
    save(services, child, local(5, 9), temperature=Temperature(1004, Unit.F, Route.AXILLARY))
    summary = services.summaries.build(child.id, Period(date(2026, 11, 5), date(2026, 11, 5)))
    assert summary.fever_line_c_tenths == 380
    assert [r.at_or_above_line for r in summary.readings] == [False, True]
    assert [r.temperature.route for r in summary.readings] == [Route.ORAL, Route.AXILLARY]
    assert summary.readings[0].at.tzinfo is not None


def test_symptoms_tally_worst_severity_and_days(services: Services, child: Child) -> None:
    save(services, child, local(3, 8), symptoms=(SymptomReport("nausea", 1),))
    save(services, child, local(3, 20), symptoms=(SymptomReport("nausea", 3),))
    save(services, child, local(4, 8), symptoms=(SymptomReport("nausea", 2),))
    save(services, child, local(4, 9), symptoms=(SymptomReport("fatigue", 0),))
    save(services, child, local(4, 10), symptoms=(SymptomReport("confusion", 1),))
    save(services, child, local(5, 8), symptoms=(SymptomReport("chills", None),))
    summary = services.summaries.build(child.id, Period(date(2026, 11, 3), date(2026, 11, 5)))
    tallies = {t.symptom_id: t for t in summary.symptoms}
    assert "fatigue" not in tallies  # logged as "none"
    assert (tallies["nausea"].worst, tallies["nausea"].days) == (3, 2)
    assert tallies["nausea"].first_day == date(2026, 11, 3)
    assert tallies["chills"].worst is None
    assert tallies["confusion"].warning  # listed for blinatumomab
    assert summary.symptoms[0].warning  # warning signs come first


def test_medicines_are_counted_by_name(services: Services, child: Child) -> None:
    dose = MedicineGiven("Paracetamol", "240 mg", local(4, 7, 50))
    save(services, child, local(4, 8), medicines=(dose,))
    save(services, child, local(4, 20), medicines=(MedicineGiven("paracetamol ", "240 mg"),))
    save(services, child, local(5, 8), medicines=(MedicineGiven("Ondansetron", "4 mg"),))
    summary = services.summaries.build(child.id, Period(date(2026, 11, 4), date(2026, 11, 5)))
    assert [(m.name, m.times, m.days, m.doses) for m in summary.medicines] == [
        ("Paracetamol", 2, 1, ("240 mg",)),
        ("Ondansetron", 1, 1, ("4 mg",)),
    ]


def test_an_edited_entry_shows_its_newest_words(services: Services, child: Child) -> None:
    saved = services.entries.save_new(
        child.id, "e", EntryContent(local(5, 8), note="first words"), ALL_CONFIRMATIONS
    )
    services.entries.edit(
        saved.entry.id, saved.entry.version, EntryContent(local(5, 8), note="second words"),
        ALL_CONFIRMATIONS,
    )  # fmt: skip
    summary = services.summaries.build(child.id, Period(date(2026, 11, 5), date(2026, 11, 5)))
    (entry,) = summary.days[0].entries
    assert entry.content.note == "second words" and entry.edited


def test_open_questions_of_this_child_only(services: Services, child: Child) -> None:
    other = services.household.add_child(
        "Leo", date(2014, 9, 14), None, "tisagenlecleucel", date(2026, 10, 20)
    )
    first = services.visits.add_question(child.id, "  Can she swim?  ")
    done = services.visits.add_question(child.id, "Is the rash normal?")
    services.visits.add_question(other.id, "Leo's question")
    services.visits.answer_question(done.id)
    summary = services.summaries.build(child.id)
    assert [q.text for q in summary.questions] == ["Can she swim?"]
    assert summary.questions[0].id == first.id
    assert len(services.visits.questions(child.id, only_open=False)) == 2
    with pytest.raises(ValidationFailed):
        services.visits.add_question(child.id, " \n ")


def test_child_facts_are_on_the_last_day(services: Services, child: Child) -> None:
    summary = services.summaries.build(child.id, Period(date(2026, 11, 1), date(2026, 11, 5)))
    facts = summary.child
    assert (facts.name, facts.age_years, str(facts.weight_kg)) == ("Maya", 8, "21.5")
    assert facts.therapy is not None and facts.therapy.id == "blinatumomab"
    assert facts.therapy_day is not None and facts.therapy_day.text == "Day 5 of 28, cycle 1"
    assert summary.rules_version == services.flags.rules_version
    assert summary.printed_at == NOW


def test_the_builder_is_pure_and_ignores_entries_outside(services: Services, child: Child) -> None:
    save(services, child, local(5, 8), note="in")
    entries = services.entries.history(child.id)
    inputs = SummaryInputs(
        child=services.household.child(child.id),
        catalogue=services.catalogue,
        care_team=services.household.care_team(),
        period=Period(date(2026, 11, 6), date(2026, 11, 7)),
        zone=ZoneInfo("Asia/Tokyo"),  # 08:00 New York is 22:00 the same day in Tokyo
        printed_at=NOW,
        rules_version="x",
        fever_line_c_tenths=380,
        entries=entries,
        flags=(),
        questions=(),
    )
    assert build_summary(inputs).entry_count == 0
    tokyo = build_summary(
        dataclasses.replace(inputs, period=Period(date(2026, 11, 5), date(2026, 11, 5)))
    )
    assert tokyo.entry_count == 1
    assert build_summary(inputs) == build_summary(inputs)
