"""Reminder due times: local wall-clock slots, missed ones waiting, daylight-saving days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from caretrack.domain.model import MedicinePlan, ReminderKind, ReminderPlan
from caretrack.domain.reminders import Logged, due_for_child, local_moment, timed_due

NY = ZoneInfo("America/New_York")
TIMES = (time(8, 0), time(20, 0))


def test_the_next_slot_today() -> None:
    now = datetime(2026, 11, 12, 7, 0, tzinfo=NY)
    due = timed_due(1, ReminderKind.TEMPERATURE, TIMES, [], now, NY)
    assert due is not None and due.at == datetime(2026, 11, 12, 8, 0, tzinfo=NY)
    assert not due.waiting


def test_a_missed_slot_waits_until_it_is_logged() -> None:
    now = datetime(2026, 11, 12, 9, 30, tzinfo=NY)
    due = timed_due(1, ReminderKind.TEMPERATURE, TIMES, [], now, NY)
    assert due is not None and due.waiting and due.at.hour == 8
    logged = [datetime(2026, 11, 12, 9, 0, tzinfo=NY)]
    after = timed_due(1, ReminderKind.TEMPERATURE, TIMES, logged, now, NY)
    assert after is not None and not after.waiting and after.at.hour == 20


def test_logged_up_to_an_hour_early_counts() -> None:
    now = datetime(2026, 11, 12, 8, 5, tzinfo=NY)
    early = [datetime(2026, 11, 12, 7, 10, tzinfo=NY)]
    due = timed_due(1, ReminderKind.TEMPERATURE, TIMES, early, now, NY)
    assert due is not None and not due.waiting and due.at.hour == 20
    too_early = [datetime(2026, 11, 12, 6, 50, tzinfo=NY)]
    assert timed_due(1, ReminderKind.TEMPERATURE, TIMES, too_early, now, NY).waiting  # type: ignore[union-attr]


def test_slot_keeps_its_wall_clock_time_across_daylight_saving() -> None:
    # Fall back: 1 Nov 2026. 08:00 is still 08:00 (now UTC-5 instead of UTC-4).
    before = local_moment(date(2026, 10, 31), time(8, 0), NY)
    after = local_moment(date(2026, 11, 1), time(8, 0), NY)
    assert (before.hour, after.hour) == (8, 8)
    assert after.timestamp() - before.timestamp() == 25 * 3600


def test_a_time_in_the_spring_forward_gap_moves_on_by_the_gap() -> None:
    moment = local_moment(date(2026, 3, 8), time(2, 30), NY)
    assert (moment.hour, moment.minute) == (3, 30)
    assert moment.utcoffset() == timedelta(hours=-4)


def test_a_repeated_time_on_fall_back_day_counts_once() -> None:
    now = datetime(2026, 11, 1, 0, 30, tzinfo=NY)
    due = timed_due(1, ReminderKind.TEMPERATURE, (time(1, 30),), [], now, NY)
    assert due is not None and due.at.fold == 0 and due.at.utcoffset() == timedelta(hours=-4)


def test_due_for_child_puts_waiting_first_and_skips_what_is_off() -> None:
    now = datetime(2026, 11, 12, 9, 0, tzinfo=NY)
    plans = [
        ReminderPlan(1, ReminderKind.TEMPERATURE, True, TIMES),
        ReminderPlan(1, ReminderKind.NEURO_CHECK, False, (time(9, 30),)),
        ReminderPlan(1, ReminderKind.BAG_CHANGE, True),
        ReminderPlan(1, ReminderKind.MEDICINE, True),
    ]
    stopped = date(2026, 11, 1)
    meds = [
        MedicinePlan(1, 1, "Ondansetron", "2 mg", "", (time(20, 0),)),
        MedicinePlan(2, 1, "Old", "", "", (time(10, 0),), stopped_on=stopped),
    ]
    bag = datetime(2026, 11, 12, 9, 30, tzinfo=NY)
    due = due_for_child(1, plans, meds, Logged(), now, NY, True, bag)
    kinds = [(d.kind, d.waiting) for d in due]
    assert kinds[0] == (ReminderKind.TEMPERATURE, True)
    assert (ReminderKind.BAG_CHANGE, True) in kinds  # within an hour of the change
    assert ReminderKind.NEURO_CHECK not in {d.kind for d in due}
    assert [d.what for d in due if d.kind is ReminderKind.MEDICINE] == ["Ondansetron 2 mg"]


def test_neuro_check_reminder_only_inside_its_window() -> None:
    now = datetime(2026, 11, 12, 9, 45, tzinfo=NY)
    plans = [ReminderPlan(1, ReminderKind.NEURO_CHECK, True, (time(9, 30),))]
    assert due_for_child(1, plans, [], Logged(), now, NY, True, None)[0].waiting
    assert due_for_child(1, plans, [], Logged(), now, NY, False, None) == []
