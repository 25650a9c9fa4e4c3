"""Fever (R6) at its boundaries, in both units and every route, and R20 fever medicine.

reliability.md safety target 2: inclusive, unit-independent thresholds, tested at the threshold
minus 0.1, at the threshold and plus 0.1, in °C and °F (fixed-point tenths, never floats).
"""

from __future__ import annotations

import pytest

from caretrack.domain.flags import Tier
from tests.rules.support import (
    ROUTES,
    THERAPIES,
    entry,
    flags_of,
    rule_ids,
    run,
    settings_with,
    temp,
)

# (reading, unit, flagged at the default line of 38.0 °C / 100.4 °F)
DEFAULT_BOUNDARY = [
    ("37.9", "C", False),
    ("38.0", "C", True),
    ("38.1", "C", True),
    ("100.3", "F", False),
    ("100.4", "F", True),
    ("100.5", "F", True),
]


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("value", "unit", "flagged"), DEFAULT_BOUNDARY)
def test_default_fever_line_is_inclusive_in_both_units(
    therapy: str, route: str, value: str, unit: str, flagged: bool
) -> None:
    result = run(therapy, [entry(3, hour=18, temperature=temp(value, unit, route))])
    fever = flags_of(result, "fever")
    if flagged:
        assert result.tier is Tier.REPORT_NOW
        (flag,) = fever
        symbol = "°C" if unit == "C" else "°F"
        assert flag.evidence == (f"{value} {symbol} {route} at 2026-11-04 18:00",)
    else:
        assert fever == []
        assert result.tier is Tier.NONE


# (care team's line in °C, reading, unit, flagged)
CARE_TEAM_LINES = [
    (37.5, "37.4", "C", False),
    (37.5, "37.5", "C", True),
    (37.5, "37.6", "C", True),
    (37.5, "99.4", "F", False),
    (37.5, "99.5", "F", True),  # exactly 37.5 °C
    (38.3, "38.2", "C", False),
    (38.3, "38.3", "C", True),
    (38.3, "38.4", "C", True),
    (38.3, "100.9", "F", False),  # 38.28 °C: below the line
    (38.3, "101.0", "F", True),  # 38.33 °C
    (38.3, "38.0", "C", False),  # the default line no longer applies
    (38.3, "100.4", "F", False),
]


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize("route", ["oral", "axillary"])
@pytest.mark.parametrize(("line", "value", "unit", "flagged"), CARE_TEAM_LINES)
def test_care_team_fever_line_is_inclusive_in_both_units(
    therapy: str, route: str, line: float, value: str, unit: str, flagged: bool
) -> None:
    settings = settings_with(fever_threshold_c_tenths=round(line * 10))
    result = run(therapy, [entry(3, temperature=temp(value, unit, route))], settings=settings)
    assert bool(flags_of(result, "fever")) is flagged
    assert result.tier is (Tier.REPORT_NOW if flagged else Tier.NONE)


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize(("value", "unit"), [("41.5", "C"), ("106.7", "F"), ("44.9", "C")])
def test_a_very_high_but_possible_reading_still_alerts(therapy: str, value: str, unit: str) -> None:
    """reliability.md §7 #3: confirmed implausible values are stored and still evaluated."""
    result = run(therapy, [entry(3, temperature=temp(value, unit))])
    assert flags_of(result, "fever")


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize(("value", "unit"), [("35.0", "C"), ("95.0", "F")])
def test_a_low_reading_is_not_a_fever(therapy: str, value: str, unit: str) -> None:
    result = run(therapy, [entry(3, temperature=temp(value, unit))])
    assert result.tier is Tier.NONE


MEDICINES = [
    "Tylenol",
    "acetaminophen",
    "Paracetamol 250 mg",
    "Calpol",
    "Motrin",
    "ibuprofen",
    "Acetaminofén",
    "dexamethasone",
    "Dexametasona",
    "prednisolone",
]


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize("medicine", MEDICINES)
def test_fever_medicine_in_the_same_entry_never_hides_the_fever(
    therapy: str, medicine: str
) -> None:
    result = run(therapy, [entry(3, temperature=temp("38.4"), medicines=[medicine])])
    assert result.tier is Tier.REPORT_NOW
    assert flags_of(result, "fever")
    (note,) = flags_of(result, "fever-medicine-given")
    assert note.tier is Tier.NOTE_FOR_VISIT
    assert medicine in note.evidence[0]


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize("medicine", MEDICINES)
def test_fever_medicine_and_a_normal_reading_later_never_clear_the_fever(
    therapy: str, medicine: str
) -> None:
    """R20: do not suppress R6 on later low readings."""
    result = run(
        therapy,
        [
            entry(3, hour=8, temperature=temp("100.8", "F")),
            entry(3, hour=9, medicines=[medicine]),
            entry(3, hour=12, temperature=temp("36.9"), medicines=[medicine]),
        ],
    )
    assert result.tier is Tier.REPORT_NOW
    (fever,) = flags_of(result, "fever")
    assert fever.entry_uid == "e1"
    assert [f.entry_uid for f in flags_of(result, "fever-medicine-given")] == ["e2", "e3"]


@pytest.mark.parametrize("therapy", THERAPIES)
def test_fever_after_a_dose_of_fever_medicine_is_still_a_fever(therapy: str) -> None:
    result = run(
        therapy,
        [
            entry(3, hour=8, medicines=["Tylenol"]),
            entry(3, hour=10, temperature=temp("38.0", "C", "axillary")),
        ],
    )
    assert [f.entry_uid for f in flags_of(result, "fever")] == ["e2"]
    assert result.tier is Tier.REPORT_NOW


@pytest.mark.parametrize("therapy", THERAPIES)
def test_fever_medicine_alone_is_for_the_next_visit(therapy: str) -> None:
    result = run(therapy, [entry(40, medicines=["ibuprofen"], temperature=temp("37.1"))])
    assert result.tier is Tier.NOTE_FOR_VISIT
    assert rule_ids(result) == ["fever-medicine-given"]


@pytest.mark.parametrize("therapy", THERAPIES)
def test_other_medicines_are_not_fever_medicine(therapy: str) -> None:
    result = run(therapy, [entry(40, medicines=["ondansetron", "vitamin D"])])
    assert result.tier is Tier.NONE


@pytest.mark.parametrize("therapy", THERAPIES)
def test_fever_with_an_emergency_sign_is_emergency(therapy: str) -> None:
    """R6b escalates to EMERGENCY when R2 or R3 applies."""
    result = run(therapy, [entry(3, temperature=temp("39.2"), names=["trouble breathing"])])
    assert result.tier is Tier.EMERGENCY
    assert {"fever", "breathing-or-swelling"} <= set(rule_ids(result))
