"""The summary's therapy parts as data: pump log and stops, neuro checks, medicine list, plan."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

import pytest

from caretrack.domain.model import Child, EntryContent, MedicineGiven, NeuroCheck, PumpEvent
from caretrack.reports import Period, answers, domain_words
from caretrack.reports.therapy import DOMAIN_WORDS
from caretrack.services import Services
from caretrack.services.clock import FixedClock
from caretrack.services.demo import ALL_CONFIRMATIONS
from tests.conftest import NEW_YORK, NOW

PERIOD = Period(date(2026, 11, 2), date(2026, 11, 5))


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=NEW_YORK)


def pump(
    services: Services,
    child: Child,
    event: PumpEvent,
    at: datetime,
    logged_by: str = "",
    bag_hours: int | None = None,
    note: str = "",
) -> None:
    services.therapy.log_pump_event(
        child.id, str(uuid.uuid4()), event, at, logged_by, bag_hours, note, ALL_CONFIRMATIONS
    )


def test_pump_events_of_the_period_with_bag_lengths_and_who(
    services: Services, child: Child
) -> None:
    pump(services, child, PumpEvent.BAG_CHANGE, local(1, 9), logged_by="Mum", bag_hours=24)
    pump(services, child, PumpEvent.BAG_CHANGE, local(2, 9), logged_by="Mum", bag_hours=48)
    pump(services, child, PumpEvent.ALARM, local(3, 2, 30), logged_by="Dad", note="beeping")
    pump(services, child, PumpEvent.BAG_CHANGE, local(4, 9, 5), logged_by="Dad", bag_hours=168)
    summary = services.summaries.build(child.id, PERIOD)
    assert summary.pump is not None
    events = [(e.at, e.event, e.bag_hours, e.logged_by) for e in summary.pump.events]
    assert events == [  # the 1 Nov change is before the period
        (local(2, 9), PumpEvent.BAG_CHANGE, 48, "Mum"),
        (local(3, 2, 30), PumpEvent.ALARM, None, "Dad"),
        (local(4, 9, 5), PumpEvent.BAG_CHANGE, 168, "Dad"),
    ]
    assert summary.pump.events[1].note == "beeping"
    assert summary.pump.bag_changes == 2
    assert summary.pump.interruptions == ()


def test_an_interruption_is_computed_from_the_logged_stop_and_restart(
    services: Services, child: Child
) -> None:
    pump(services, child, PumpEvent.STOPPED, local(3, 9, 10))
    pump(services, child, PumpEvent.ALARM, local(3, 10))
    pump(services, child, PumpEvent.STOPPED, local(3, 11))  # still the same stop
    pump(services, child, PumpEvent.RESTARTED, local(3, 13, 20))
    pump(services, child, PumpEvent.STOPPED, local(5, 17, 40))  # not restarted: NOW is 20:00
    summary = services.summaries.build(child.id, PERIOD)
    assert summary.pump is not None
    first, running = summary.pump.interruptions
    assert (first.stopped_at, first.restarted_at) == (local(3, 9, 10), local(3, 13, 20))
    assert first.length == timedelta(hours=4, minutes=10) and not first.ongoing
    assert running.ongoing and running.restarted_at is None
    assert running.length == timedelta(hours=2, minutes=20)  # counted to the printing time


def test_a_stop_still_running_at_a_past_periods_end_counts_to_that_end(
    services: Services, child: Child
) -> None:
    pump(services, child, PumpEvent.STOPPED, local(3, 22))
    pump(services, child, PumpEvent.RESTARTED, local(4, 1, 30))  # after the chosen period
    summary = services.summaries.build(child.id, Period(date(2026, 11, 2), date(2026, 11, 3)))
    assert summary.pump is not None
    (stop,) = summary.pump.interruptions
    assert stop.ongoing and stop.length == timedelta(hours=2)
    assert [e.event for e in summary.pump.events] == [PumpEvent.STOPPED]


def test_a_stop_from_before_the_period_is_part_of_it(services: Services, child: Child) -> None:
    """The service looks back before the period, so a long stop is not missed."""
    pump(services, child, PumpEvent.STOPPED, local(25, 8, month=10))
    pump(services, child, PumpEvent.RESTARTED, local(25, 9, month=10))  # over before: not shown
    pump(services, child, PumpEvent.STOPPED, local(28, 8, month=10))
    pump(services, child, PumpEvent.STOPPED, local(29, 8, month=10))  # the same stop
    pump(services, child, PumpEvent.RESTARTED, local(2, 8))
    summary = services.summaries.build(child.id, PERIOD)
    assert summary.pump is not None
    (stop,) = summary.pump.interruptions
    assert stop.stopped_at == local(28, 8, month=10) and stop.restarted_at == local(2, 8)
    assert stop.length == timedelta(days=5, hours=1)  # 1 Nov is 25 hours long in New York


def test_stop_length_is_real_time_across_the_clock_change(services: Services, child: Child) -> None:
    """1 Nov 2026, 02:00 in New York happens twice: 00:30 to 03:30 is four real hours."""
    pump(services, child, PumpEvent.STOPPED, local(1, 0, 30))
    pump(services, child, PumpEvent.RESTARTED, local(1, 3, 30))
    summary = services.summaries.build(child.id, Period(date(2026, 11, 1), date(2026, 11, 1)))
    assert summary.pump is not None
    assert summary.pump.interruptions[0].length == timedelta(hours=4)


def test_no_pump_section_without_a_pump(services: Services) -> None:
    leo = services.household.add_child(
        "Leo", date(2014, 9, 14), None, "tisagenlecleucel", date(2026, 10, 20)
    )
    assert services.summaries.build(leo.id, PERIOD).pump is None


def test_a_pump_therapy_has_a_pump_section_even_when_quiet(
    services: Services, child: Child
) -> None:
    summary = services.summaries.build(child.id, PERIOD)
    assert summary.pump is not None and summary.pump.events == ()


def test_neuro_checks_in_order_with_their_day_and_answers(services: Services, child: Child) -> None:
    asked = ("writing", "speech", "balance", "alertness")
    later = NeuroCheck(asked, ("speech", "balance"), ("balance",), "The sun.", b"png")
    earlier = NeuroCheck(asked)
    services.therapy.save_neuro_check(child.id, "n2", later, local(4, 18), "Mum",
                                      confirmed=ALL_CONFIRMATIONS)  # fmt: skip
    for uid, day in (("n1", 3), ("n0", 1)):  # 1 Nov is before the period
        services.therapy.save_neuro_check(
            child.id, uid, earlier, local(day, 18), "Dad", confirmed=ALL_CONFIRMATIONS
        )
    summary = services.summaries.build(child.id, PERIOD)
    first, second = summary.neuro_checks
    assert (first.at, first.logged_by, first.check) == (local(3, 18), "Dad", earlier)
    assert second.check.handwriting_png == b"png"
    assert first.therapy_day is not None and first.therapy_day.text == "Day 3 of 28, cycle 1"
    assert answers(second.check) == (("speech",), ("balance",))
    assert answers(first.check) == ((), ())


def test_every_domain_has_plain_words() -> None:
    from caretrack.domain.neuro_check import CHANGE_MEANS

    assert set(DOMAIN_WORDS) == set(CHANGE_MEANS)
    for words in DOMAIN_WORDS.values():
        assert words == words.lower() and "score" not in words
    assert domain_words("new_thing") == "new thing"


def test_medicine_list_active_and_stopped_in_the_period_only(
    services: Services, child: Child, clock: FixedClock
) -> None:
    meds = services.medicines
    clock.moment = local(1, 9)
    gone = meds.add(child.id, "Dexamethasone", "2 mg", "Mornings")
    meds.stop(gone.id)  # stopped 1 Nov: before the period
    stopped = meds.add(child.id, "Emla", "thin layer", "Before needle changes")
    clock.moment = local(3, 9)
    meds.stop(stopped.id)  # stopped inside the period
    clock.moment = NOW
    meds.add(child.id, "Ondansetron", "4 mg", "Every 8 hours if sick", (time(8), time(16)))
    other = services.household.add_child(
        "Leo", date(2014, 9, 14), None, "tisagenlecleucel", date(2026, 10, 20)
    )
    meds.add(other.id, "Aciclovir", "400 mg", "Twice a day")
    summary = services.summaries.build(child.id, PERIOD)
    assert [(m.name, m.schedule, m.stopped_on) for m in summary.medicine_list] == [
        ("Ondansetron", "Every 8 hours if sick", None),
        ("Emla", "Before needle changes", date(2026, 11, 3)),
    ]
    assert summary.medicine_list[0].times == (time(8), time(16))


def test_doses_given_keep_their_time_and_who_gave_them(services: Services, child: Child) -> None:
    plan = services.medicines.add(child.id, "Co-trimoxazole", "240 mg", "Twice a day")
    services.medicines.give(plan.id, "g1", local(4, 8, 5), "Mum", ALL_CONFIRMATIONS)
    services.medicines.give(plan.id, "g2", local(4, 20, 10), "Dad", ALL_CONFIRMATIONS)
    services.entries.save_new(
        child.id, "g3",
        EntryContent(local(5, 9), "Gran", medicines=(MedicineGiven("co-trimoxazole", "240 mg"),)),
        ALL_CONFIRMATIONS,
    )  # fmt: skip
    (tally,) = services.summaries.build(child.id, PERIOD).medicines
    assert (tally.times, tally.days) == (3, 2)
    assert [(g.at, g.dose, g.by) for g in tally.given] == [
        (local(4, 8, 5), "240 mg", "Mum"),
        (local(4, 20, 10), "240 mg", "Dad"),
        (local(5, 9), "240 mg", "Gran"),  # no time of its own: the entry's
    ]


def test_blinatumomab_plan_facts(services: Services, child: Child) -> None:
    services.therapy.set_course_plan(child.id, 9, None, 21, [])
    plan = services.summaries.build(child.id, PERIOD).plan
    assert plan is not None
    assert (plan.start, plan.cycle, plan.infusion_days) == (date(2026, 11, 1), 1, 28)
    assert plan.hospital_until == date(2026, 11, 9) and plan.infusion_ends == date(2026, 11, 28)
    assert plan.break_days == 21 and plan.next_cycle == date(2026, 11, 1) + timedelta(days=49)
    assert plan.dose_dates == ()
    assert [(w.window.id, w.ends) for w in plan.windows] == [
        ("nervous_system_watch", date(2026, 11, 30))
    ]
    assert plan.neuro_watch


def test_car_t_windows_open_in_the_period_with_the_teams_longer_stay(
    services: Services,
) -> None:
    leo = services.household.add_child(
        "Leo", date(2014, 9, 14), None, "tisagenlecleucel", date(2026, 10, 20)
    )
    services.therapy.set_course_plan(leo.id, None, 28, None, [])
    plan = services.summaries.build(leo.id, PERIOD).plan
    assert plan is not None and plan.hospital_days is None and plan.break_days is None
    ends = {w.window.id: w.ends for w in plan.windows}
    assert ends == {"stay_near": date(2026, 11, 17), "nervous_system_watch": date(2026, 12, 15)}
    late = services.summaries.build(leo.id, Period(date(2026, 11, 20), date(2026, 11, 25))).plan
    assert late is not None and [w.window.id for w in late.windows] == ["nervous_system_watch"]


@pytest.mark.parametrize(
    ("therapy", "doses", "expected"),
    [
        ("inotuzumab_ozogamicin", [], (date(2026, 10, 28), date(2026, 11, 4), date(2026, 11, 11))),
        ("rituximab", [date(2026, 10, 28), date(2026, 11, 3)], None),
    ],
)
def test_dose_days_and_per_dose_windows(
    services: Services, therapy: str, doses: list[date], expected: tuple[date, ...] | None
) -> None:
    kid = services.household.add_child("Sam", date(2015, 1, 1), None, therapy, date(2026, 10, 28))
    if doses:
        services.therapy.set_course_plan(kid.id, None, None, None, doses)
    plan = services.summaries.build(kid.id, PERIOD).plan
    assert plan is not None
    assert plan.dose_dates == (expected or tuple(doses))
    reaction = next(w for w in plan.windows if w.window.id == "reaction_watch")
    # Only the dose windows that touch 2 to 5 Nov, each with its own dates.
    in_period = [d for d in plan.dose_dates if d <= PERIOD.end and d + timedelta(1) >= PERIOD.start]
    assert [(s.starts, s.ends) for s in reaction.spans] == [
        (d, d + timedelta(days=1)) for d in in_period
    ]
