"""The therapy calendar: cycle boundaries, break lengths, hospital days, windows on dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caretrack.domain.calendar import (
    DayKind,
    active_windows,
    course_days,
    dose_dates,
    in_window,
    next_cycle_start,
    window_spans,
)
from caretrack.domain.catalogue import Therapy
from caretrack.domain.model import TherapyCourse
from tests.rules.support import catalogue

START = date(2026, 11, 1)


def therapy(tid: str) -> Therapy:
    found = catalogue().therapy(tid)
    assert found is not None
    return found


def course(tid: str, **kw: object) -> TherapyCourse:
    return TherapyCourse(1, 1, tid, START, **kw)  # type: ignore[arg-type]


def by_date(tid: str, **kw: object) -> dict[date, object]:
    return {d.on: d for d in course_days(therapy(tid), course(tid, **kw))}


def test_blinatumomab_cycle_is_28_days_then_the_break() -> None:
    days = course_days(therapy("blinatumomab"), course("blinatumomab", cycle=1))
    assert len(days) == 28 + 14
    assert (days[0].on, days[0].kind, days[0].number) == (START, DayKind.INFUSION, 1)
    assert (days[27].on, days[27].kind, days[27].number) == (
        date(2026, 11, 28),
        DayKind.INFUSION,
        28,
    )
    assert (days[28].kind, days[28].number) == (DayKind.BREAK, 1)
    assert (days[-1].on, days[-1].kind, days[-1].number) == (date(2026, 12, 12), DayKind.BREAK, 14)
    assert next_cycle_start(therapy("blinatumomab"), course("blinatumomab")) == date(2026, 12, 13)


def test_the_team_sets_a_longer_break() -> None:
    c = course("blinatumomab", cycle=6, break_days=56)
    days = course_days(therapy("blinatumomab"), c)
    assert len(days) == 28 + 56
    assert days[-1].kind is DayKind.BREAK and days[-1].number == 56
    assert next_cycle_start(therapy("blinatumomab"), c) == START + timedelta(days=84)


@pytest.mark.parametrize("hospital", [0, 3, 9])
def test_hospital_days_are_the_first_days_of_the_cycle(hospital: int) -> None:
    days = course_days(therapy("blinatumomab"), course("blinatumomab", hospital_days=hospital))
    assert [d.number for d in days if d.in_hospital] == list(range(1, hospital + 1))


def test_hospital_days_unknown_marks_none() -> None:
    days = course_days(therapy("blinatumomab"), course("blinatumomab"))
    assert not any(d.in_hospital for d in days)


def test_calendar_days_do_not_shift_across_daylight_saving() -> None:
    """1 Nov 2026 is fall-back day in New York; 8 Mar 2026 spring-forward: one cell per date."""
    for start in (date(2026, 11, 1), date(2026, 3, 8), date(2026, 10, 25)):
        c = TherapyCourse(1, 1, "blinatumomab", start)
        days = course_days(therapy("blinatumomab"), c)
        assert [d.on for d in days] == [start + timedelta(days=i) for i in range(42)]


def test_car_t_days_and_windows() -> None:
    t = therapy("tisagenlecleucel")
    days = course_days(t, course("tisagenlecleucel"))
    assert (days[0].kind, days[0].number) == (DayKind.INFUSION, 0)
    assert days[6].number == 6 and days[6].kind is DayKind.AFTER
    assert days[-1].on == START + timedelta(days=56)  # the nervous-system watch ends on day 56
    spans = {s.window.id: s for s in window_spans(t, course("tisagenlecleucel"))}
    assert spans["stay_near"].ends == START + timedelta(days=14)
    assert spans["nervous_system_watch"].ends == START + timedelta(days=56)
    assert in_window(t, course("tisagenlecleucel"), "stay_near", START + timedelta(days=14))
    assert not in_window(t, course("tisagenlecleucel"), "stay_near", START + timedelta(days=15))


def test_the_team_can_only_lengthen_the_stay_near_period() -> None:
    t = therapy("tisagenlecleucel")
    longer = {
        s.window.id: s for s in window_spans(t, course("tisagenlecleucel", stay_near_days=28))
    }
    shorter = {
        s.window.id: s for s in window_spans(t, course("tisagenlecleucel", stay_near_days=7))
    }
    assert longer["stay_near"].ends == START + timedelta(days=28)
    assert shorter["stay_near"].ends == START + timedelta(days=14)


def test_inotuzumab_dose_days_and_liver_watch_after_the_last_dose() -> None:
    t = therapy("inotuzumab_ozogamicin")
    c = course("inotuzumab_ozogamicin")
    assert dose_dates(t, c) == (START, START + timedelta(days=7), START + timedelta(days=14))
    days = course_days(t, c)
    assert [d.number for d in days if d.kind is DayKind.DOSE] == [1, 8, 15]
    assert len(days) == 21
    liver = [s for s in window_spans(t, c) if s.window.id == "liver_watch"]
    assert len(liver) == 1 and liver[0].ends == START + timedelta(days=14 + 56)
    # A moved dose (the team's dates) moves the watch too.
    moved = course("inotuzumab_ozogamicin", dose_dates=(START, START + timedelta(days=9)))
    (span,) = [s for s in window_spans(t, moved) if s.window.id == "liver_watch"]
    assert span.ends == START + timedelta(days=9 + 56)


def test_rituximab_reaction_watch_follows_every_dose_the_team_entered() -> None:
    t = therapy("rituximab")
    second = START + timedelta(days=21)
    c = course("rituximab", dose_dates=(START, second))
    assert in_window(t, c, "reaction_watch", second + timedelta(days=1))
    assert not in_window(t, c, "reaction_watch", second + timedelta(days=2))
    assert not in_window(t, c, "reaction_watch", START + timedelta(days=5))
    assert {d.on for d in course_days(t, c) if d.kind is DayKind.DOSE} == {START, second}
    # Skin watch 1 to 13 weeks after each dose; one span shown when they overlap.
    active = active_windows(t, c, second + timedelta(days=8))
    assert [s.window.id for s in active].count("skin_watch") == 1


def test_every_window_cites_a_source() -> None:
    for t in catalogue().therapies:
        for w in t.windows:
            assert w.sources and w.label and w.to_day >= w.from_day
