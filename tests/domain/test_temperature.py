"""Temperatures: exact tenths, both units agreeing at every boundary, no silent conversion."""

from __future__ import annotations

import pytest

from caretrack.domain.temperature import (
    Route,
    Temperature,
    Unit,
    looks_like_other_unit,
    parse_tenths,
)


@pytest.mark.parametrize(
    ("text", "tenths"),
    [("38", 380), ("38.0", 380), ("38.25", 383), ("38,2", 382), (" 100.4 ", 1004), ("37.94", 379)],
)
def test_parse_tenths_rounds_half_up(text: str, tenths: int) -> None:
    assert parse_tenths(text) == tenths


@pytest.mark.parametrize("text", ["", "abc", "38..2", "nan", "inf", "1e999x"])
def test_parse_tenths_refuses_non_numbers(text: str) -> None:
    assert parse_tenths(text) is None


@pytest.mark.parametrize(
    ("value", "unit", "at_or_above"),
    [
        ("37.9", "C", False),
        ("38.0", "C", True),
        ("38.1", "C", True),
        ("100.3", "F", False),
        ("100.4", "F", True),
        ("100.5", "F", True),
    ],
)
def test_default_threshold_is_inclusive_and_unit_independent(
    value: str, unit: str, at_or_above: bool
) -> None:
    assert Temperature.of(value, unit, "oral").at_or_above_celsius(380) is at_or_above


@pytest.mark.parametrize(
    ("value", "unit", "threshold", "expected"),
    [
        ("38.2", "C", 383, False),
        ("38.3", "C", 383, True),
        ("100.9", "F", 383, False),  # 38.28 °C
        ("101.0", "F", 383, True),  # 38.33 °C
        ("99.5", "F", 375, True),  # exactly 37.5 °C
        ("99.4", "F", 375, False),
    ],
)
def test_team_threshold_compared_exactly(
    value: str, unit: str, threshold: int, expected: bool
) -> None:
    assert Temperature.of(value, unit, "axillary").at_or_above_celsius(threshold) is expected


def test_celsius_tenths_is_for_display_only() -> None:
    assert Temperature.of("100.4", "F", "oral").celsius_tenths == 380
    assert Temperature.of("98.6", "F", "oral").celsius_tenths == 370
    assert str(Temperature(382, Unit.C, Route.EAR)) == "38.2 °C"


@pytest.mark.parametrize(
    ("tenths", "unit", "expected"),
    [(385, Unit.F, True), (1013, Unit.C, True), (380, Unit.C, False), (1004, Unit.F, False)],
)
def test_detects_the_other_unit(tenths: int, unit: Unit, expected: bool) -> None:
    assert looks_like_other_unit(tenths, unit) is expected


def test_there_is_no_rectal_route() -> None:
    assert "rectal" not in {r.value for r in Route}
    with pytest.raises(ValueError):
        Route("rectal")
