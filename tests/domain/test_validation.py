"""The bad-input catalogue of reliability.md §7 (rows 1-6), as pure checks."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from caretrack.domain.model import EntryContent, MedicineGiven, SymptomReport
from caretrack.domain.temperature import Unit
from caretrack.domain.validation import (
    Level,
    check_child,
    check_content,
    check_observed_at,
    check_temperature_text,
)

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 5, 20, 0, tzinfo=NY)
BIRTH = date(2018, 5, 1)
START = date(2026, 11, 1)


def codes(problems: list) -> list[tuple[str, Level]]:  # type: ignore[type-arg]
    return [(p.code, p.level) for p in problems]


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("38.2", Unit.C, []),
        ("100.8", Unit.F, []),
        ("abc", Unit.C, [("not_a_number", Level.ERROR)]),
        ("38.5", Unit.F, [("other_unit", Level.ERROR)]),
        ("101.3", Unit.C, [("other_unit", Level.ERROR)]),
        ("-5", Unit.C, [("impossible", Level.ERROR)]),
        ("60", Unit.C, [("impossible", Level.ERROR)]),
        ("35.0", Unit.C, [("unusual_temperature", Level.CONFIRM)]),
        ("41.5", Unit.C, [("unusual_temperature", Level.CONFIRM)]),
        ("95.0", Unit.F, [("unusual_temperature", Level.CONFIRM)]),
    ],
)
def test_temperature_text(text: str, unit: Unit, expected: list[tuple[str, Level]]) -> None:
    _, problems = check_temperature_text(text, unit)
    assert codes(problems) == expected


def test_did_you_mean_names_the_other_unit() -> None:
    _, problems = check_temperature_text("38.5", Unit.F)
    assert "Did you mean 38.5 °C?" in problems[0].message


def test_refused_values_tell_the_parent_to_call_if_worried() -> None:
    _, problems = check_temperature_text("60", Unit.C)
    assert "call your care team" in problems[0].message


@pytest.mark.parametrize(
    ("observed", "expected"),
    [
        (NOW, []),
        (NOW + timedelta(minutes=9), []),
        (NOW + timedelta(minutes=11), [("future", Level.ERROR)]),
        (NOW - timedelta(days=2), []),
        (datetime(2026, 10, 30, 9, 0, tzinfo=NY), [("long_ago", Level.CONFIRM)]),
        (datetime(2017, 1, 1, 9, 0, tzinfo=NY), [("before_birth", Level.ERROR)]),
    ],
)
def test_observed_time(observed: datetime, expected: list[tuple[str, Level]]) -> None:
    assert codes(check_observed_at(observed, NOW, BIRTH, START)) == expected


def test_more_than_a_year_ago_asks_even_without_a_course() -> None:
    long_ago = NOW - timedelta(days=400)
    assert codes(check_observed_at(long_ago, NOW, BIRTH, None)) == [("long_ago", Level.CONFIRM)]


def test_naive_times_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_observed_at(datetime(2026, 11, 5, 8, 0), NOW, BIRTH, START)


def test_empty_entry_is_refused() -> None:
    assert codes(check_content(EntryContent(observed_at=NOW), NOW, BIRTH, START)) == [
        ("empty", Level.ERROR)
    ]


def test_bad_symptom_severity_and_medicines_are_refused() -> None:
    content = EntryContent(
        observed_at=NOW,
        symptoms=(SymptomReport("chills", 5),),
        medicines=(
            MedicineGiven(" ", "5 ml"),
            MedicineGiven("Paracetamol", "", NOW + timedelta(hours=1)),
        ),
    )
    assert sorted(p.code for p in check_content(content, NOW, BIRTH, START)) == [
        "medicine_future",
        "medicine_name",
        "severity",
    ]


@pytest.mark.parametrize(
    ("name", "birth", "weight", "expected"),
    [
        ("Maya", BIRTH, Decimal("21.5"), []),
        ("  ", BIRTH, None, ["name"]),
        ("Maya", date(2027, 1, 1), None, ["birth_future"]),
        ("Maya", date(1980, 1, 1), None, ["birth_old"]),
        ("Maya", BIRTH, Decimal("0"), ["weight"]),
        ("Maya", BIRTH, Decimal("400"), ["weight"]),
    ],
)
def test_child_checks(name: str, birth: date, weight: Decimal | None, expected: list[str]) -> None:
    assert [p.code for p in check_child(name, birth, weight, NOW.date())] == expected
