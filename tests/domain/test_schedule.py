"""Therapy days: 'Day 12 of 28, cycle 1', the break after it, 'Day +6' after CAR T."""

from __future__ import annotations

from datetime import date

import pytest

from caretrack.domain.catalogue import Catalogue, Fact, Schedule, ScheduleKind, Therapy
from caretrack.domain.model import TherapyCourse
from caretrack.domain.schedule import Phase, therapy_day


def _therapy(schedule: Schedule) -> Therapy:
    return Therapy("t", "test", (), "kind", "disease", Fact("IV", ("S1",)), schedule)


BLIN = _therapy(Schedule(ScheduleKind.CONTINUOUS_CYCLES, infusion_days=28, break_days=14))
CART = _therapy(Schedule(ScheduleKind.SINGLE_INFUSION))
INO = _therapy(Schedule(ScheduleKind.DOSE_DAYS, cycle_days=21, dose_days=(1, 8, 15)))
RITUX = _therapy(Schedule(ScheduleKind.TEAM_ENTERED))
START = date(2026, 11, 1)


def course(cycle: int | None = 1, break_days: int | None = None) -> TherapyCourse:
    return TherapyCourse(1, 1, "t", START, cycle, break_days)


@pytest.mark.parametrize(
    ("today", "phase", "text"),
    [
        (date(2026, 10, 31), Phase.BEFORE, "Treatment starts on 2026-11-01"),
        (date(2026, 11, 1), Phase.INFUSION, "Day 1 of 28, cycle 1"),
        (date(2026, 11, 12), Phase.INFUSION, "Day 12 of 28, cycle 1"),
        (date(2026, 11, 28), Phase.INFUSION, "Day 28 of 28, cycle 1"),
        (date(2026, 11, 29), Phase.BREAK, "Break: day 1 of 14 after cycle 1"),
        (date(2026, 12, 12), Phase.BREAK, "Break: day 14 of 14 after cycle 1"),
        (date(2026, 12, 13), Phase.AFTER, "15 days since cycle 1 ended"),
    ],
)
def test_blinatumomab_cycle_and_break(today: date, phase: Phase, text: str) -> None:
    day = therapy_day(BLIN, course(), today)
    assert (day.phase, day.text) == (phase, text)


def test_blinatumomab_team_break_length_and_later_cycle() -> None:
    day = therapy_day(BLIN, course(cycle=6, break_days=56), date(2027, 1, 1))
    assert day.text == "Break: day 34 of 56 after cycle 6"


def test_blinatumomab_infusion_end_is_the_next_change() -> None:
    assert therapy_day(BLIN, course(), date(2026, 11, 12)).next_change == date(2026, 11, 29)


@pytest.mark.parametrize(
    ("today", "text"),
    [
        (date(2026, 10, 30), "Infusion day is 2026-11-01"),
        (date(2026, 11, 1), "Day 0: infusion day"),
        (date(2026, 11, 7), "Day +6"),
        (date(2026, 12, 27), "Day +56"),
    ],
)
def test_car_t_counts_from_day_zero(today: date, text: str) -> None:
    assert therapy_day(CART, course(cycle=None), today).text == text


def test_dose_days_point_at_the_next_dose() -> None:
    day = therapy_day(INO, course(), date(2026, 11, 3))
    assert day.text == "Day 3 of cycle 1"
    assert day.next_change == date(2026, 11, 8)


def test_team_entered_schedules_count_from_first_dose() -> None:
    assert (
        therapy_day(RITUX, course(cycle=None), date(2026, 11, 10)).text
        == "Day 10 since the first dose"
    )


def test_real_catalogue_blinatumomab_is_28_days_on_14_off(catalogue: Catalogue) -> None:
    blin = catalogue.therapy("Blincyto")
    assert blin is not None
    assert therapy_day(blin, course(), date(2026, 11, 12)).text == "Day 12 of 28, cycle 1"
    assert (
        therapy_day(blin, course(), date(2026, 11, 29)).text == "Break: day 1 of 14 after cycle 1"
    )
    kymriah = catalogue.therapy("kymriah")
    assert kymriah is not None
    assert therapy_day(kymriah, course(cycle=None), date(2026, 11, 7)).text == "Day +6"
