"""Several entries: flags that stay, the trend rule R18, time windows, and the pump (R10, R11)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from caretrack.domain.flags import Tier
from caretrack.domain.model import SymptomReport
from tests.rules.support import (
    THERAPIES,
    ZONE,
    at,
    bug,
    entry,
    flags_of,
    rule_ids,
    run,
    settings_with,
    temp,
)

K, B, INO, X, G = (
    "tisagenlecleucel",
    "blinatumomab",
    "inotuzumab_ozogamicin",
    "rituximab",
    "gemtuzumab_ozogamicin",
)

# --- An earlier flag stays ---------------------------------------------------------------------

LATER_NORMAL = [
    entry(4, hour=12, temperature=temp("37.0")),
    entry(4, hour=12, note="all good now, no fever, playing happily"),
    entry(4, hour=12, temperature=temp("98.2", "F"), names=[("fever", 0), ("Headaches", 0)]),
    entry(4, hour=12, medicines=["Tylenol"], temperature=temp("36.5")),
]


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize("later", LATER_NORMAL, ids=["normal", "note", "zeros", "medicine"])
def test_a_later_normal_entry_never_clears_an_earlier_fever(therapy: str, later: object) -> None:
    """Scenario 13: 38.4 °C at 08:00, then a normal check-in at 12:00."""
    first = entry(4, hour=8, temperature=temp("38.4"))
    result = run(therapy, [first, later], now=at(4, 12, 5))  # type: ignore[list-item]
    assert result.tier is Tier.REPORT_NOW
    (fever,) = flags_of(result, "fever")
    assert fever.entry_uid == "e1"


@pytest.mark.parametrize("therapy", THERAPIES)
def test_a_later_normal_entry_never_clears_an_earlier_emergency(therapy: str) -> None:
    result = run(
        therapy,
        [
            entry(4, hour=2, note="he had a fit, lasted a minute"),
            entry(4, hour=9, note="sleeping now, seems fine, no seizures since"),
            entry(4, hour=15, temperature=temp("36.8")),
        ],
    )
    assert result.tier is Tier.EMERGENCY
    assert [f.entry_uid for f in flags_of(result, "seizure")] == ["e1"]


def test_entries_are_judged_in_time_order_not_list_order() -> None:
    late_first = [
        entry(5, hour=20, temperature=temp("36.9")),
        entry(5, hour=8, temperature=temp("38.6")),
    ]
    result = run(B, late_first)
    (fever,) = flags_of(result, "fever")
    assert fever.entry_uid == "e2"
    assert fever.observed_at == at(5, 8)


# --- Trend rule R18 ----------------------------------------------------------------------------
# Rituximab on day 60, constipation / low mood: on no warning list, so only R18 or R19 apply.


def _trend(before: int | None, after: int, therapy: str = X, day: int = 60) -> list[str]:
    first = [SymptomReport("constipation", before)] if before is not None else []
    result = run(
        therapy,
        [
            entry(day, hour=8, symptoms=first, note="" if first else "check-in"),
            entry(day, hour=20, symptoms=[SymptomReport("constipation", after)]),
        ],
    )
    return [f.rule_id for f in result.flags if f.entry_uid == "e2"]


@pytest.mark.parametrize(
    ("before", "after", "flagged"),
    [
        (None, 1, False),  # new and mild
        (None, 2, True),  # new at moderate: up 2 from nothing
        (1, 2, False),  # up 1
        (1, 3, True),  # up 2, and severe
        (2, 3, True),  # up 1 but severe
        (2, 4, True),
        (3, 3, True),  # still severe
        (2, 2, False),  # stable moderate
        (4, 2, False),  # better
        (0, 2, True),  # "none" before
    ],
)
def test_r18_rise_by_two_or_severe(before: int | None, after: int, flagged: bool) -> None:
    rules_fired = _trend(before, after)
    assert ("getting-worse" in rules_fired) is flagged
    if not flagged:
        assert rules_fired == ["other-symptoms"]


def test_r18_severe_on_the_first_report() -> None:
    result = run(X, [entry(60, symptoms=[SymptomReport("low_mood", 3)])])
    assert rule_ids(result) == ["getting-worse"]
    assert result.tier is Tier.REPORT_NOW


@pytest.mark.parametrize(
    ("therapy", "day", "symptom", "covering_rule"),
    [
        (B, 5, "headache", "immune-reaction-signs"),
        (K, 5, "nausea", "immune-reaction-signs"),
        (K, 30, "constipation", "any-side-effect-after-car-t"),
        (INO, 40, "belly_swelling", "liver-signs"),
        (X, 40, "itching", "infusion-reaction-signs"),
    ],
)
def test_r18_stays_quiet_when_another_report_now_rule_covers_the_symptom(
    therapy: str, day: int, symptom: str, covering_rule: str
) -> None:
    result = run(therapy, [entry(day, symptoms=[SymptomReport(symptom, 4)])])
    assert rule_ids(result) == [covering_rule]


MIXED_DAY = [
    entry(60, hour=7, symptoms=[SymptomReport("constipation", 1)]),
    entry(
        60,
        hour=19,
        temperature=temp("38.3"),
        medicines=["ibuprofen"],
        symptoms=[
            SymptomReport("constipation", 3),
            SymptomReport("low_mood", 2),
            SymptomReport("poor_appetite", 1),
            SymptomReport("seizure", None),
        ],
        note="she is more tired than usual",
    ),
]


@pytest.mark.parametrize("therapy", THERAPIES)
def test_turning_the_trend_rule_off_removes_only_r18_flags(therapy: str) -> None:
    on = run(therapy, MIXED_DAY)
    off = run(therapy, MIXED_DAY, settings=settings_with(trend_enabled=False))
    assert "getting-worse" in rule_ids(on)
    assert "getting-worse" not in rule_ids(off)
    soft = {"getting-worse", "other-symptoms"}
    assert [f for f in on.flags if f.rule_id not in soft] == [
        f for f in off.flags if f.rule_id not in soft
    ], "a hard rule changed when R18 was turned off"
    # What R18 flagged falls back to R19 "bring it up at the next visit"; nothing is lost.
    on_evidence = {e for f in on.flags if f.rule_id in soft for e in f.evidence}
    off_evidence = {e for f in off.flags if f.rule_id == "other-symptoms" for e in f.evidence}
    assert on_evidence == off_evidence
    assert off.tier is on.tier is Tier.EMERGENCY


def test_trend_off_on_its_own_lowers_only_the_r18_tier() -> None:
    result = run(X, [entry(60, symptoms=[SymptomReport("low_mood", 4)])])
    off = run(
        X,
        [entry(60, symptoms=[SymptomReport("low_mood", 4)])],
        settings=settings_with(trend_enabled=False),
    )
    assert (result.tier, off.tier) == (Tier.REPORT_NOW, Tier.NOTE_FOR_VISIT)


@bug("SPEC-R18")
def test_r18_adding_a_milder_earlier_report_does_not_lower_the_tier() -> None:
    without = run(X, [entry(60, hour=8), entry(60, hour=20, names=[("constipation", 2)])])
    with_earlier = run(
        X,
        [
            entry(60, hour=8, names=[("constipation", 1)]),
            entry(60, hour=20, names=[("constipation", 2)]),
        ],
    )
    assert without.tier is Tier.REPORT_NOW
    assert with_earlier.tier.rank >= without.tier.rank


# --- Windows -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "tier"),
    [
        (-3, Tier.NOTE_FOR_VISIT),  # chemo before the infusion
        (-1, Tier.NOTE_FOR_VISIT),
        (0, Tier.REPORT_NOW),  # infusion day
        (1, Tier.REPORT_NOW),
        (28, Tier.REPORT_NOW),
        (56, Tier.REPORT_NOW),
        (57, Tier.NOTE_FOR_VISIT),
        (120, Tier.NOTE_FOR_VISIT),
    ],
)
def test_any_side_effect_after_car_t_only_days_0_to_56(day: int, tier: Tier) -> None:
    result = run(K, [entry(day, symptoms=[SymptomReport("constipation", 1)])])
    assert result.tier is tier
    assert ("any-side-effect-after-car-t" in rule_ids(result)) is (tier is Tier.REPORT_NOW)


@pytest.mark.parametrize("therapy", [B, INO, X, G])
def test_any_side_effect_after_car_t_is_only_for_car_t(therapy: str) -> None:
    result = run(therapy, [entry(3, symptoms=[SymptomReport("constipation", 1)])])
    assert "any-side-effect-after-car-t" not in rule_ids(result)


# Symptoms that no source lists for the therapy outside the 24 hours after an infusion.
REACTION_SIGNS = {
    INO: ["hives", "itching", "rash", "flushing", "wheezing", "heart_racing", "chest_pain",
        "dizziness"],
    G: ["itching", "flushing", "wheezing", "heart_racing", "chest_pain", "dizziness"],
    X: ["flushing"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("therapy", "symptom"), [(t, s) for t, signs in REACTION_SIGNS.items() for s in signs]
)
@pytest.mark.parametrize(
    ("day", "flagged"), [(-1, False), (0, True), (1, True), (2, False), (30, False)]
)
def test_reaction_after_infusion_only_days_0_and_1(
    therapy: str, symptom: str, day: int, flagged: bool
) -> None:
    result = run(therapy, [entry(day, hour=23, symptoms=[SymptomReport(symptom, 1)])])
    assert ("reaction-after-infusion" in rule_ids(result)) is flagged
    assert result.tier is (Tier.REPORT_NOW if flagged else Tier.NOTE_FOR_VISIT)


@pytest.mark.parametrize("dose_day", [8, 15])
def test_reaction_window_opens_after_every_inotuzumab_dose(dose_day: int) -> None:
    """Doses on days 1, 8 and 15 of the cycle (day offsets 0, 7, 14): R12 applies to each."""
    result = run(INO, [entry(dose_day - 1, hour=20, names=["hives"])])
    assert "reaction-after-infusion" in rule_ids(result)


# --- Blinatumomab pump -------------------------------------------------------------------------


@pytest.mark.parametrize("event", ["alarm", "stopped", "line_problem"])
def test_pump_problems_are_report_now_for_blinatumomab(event: str) -> None:
    result = run(B, [entry(6, hour=3, pump=event)])
    assert result.tier is Tier.REPORT_NOW
    (flag,) = flags_of(result, "pump-problem")
    assert flag.evidence == (f"Pump: {event.replace('_', ' ')} at 2026-11-07 03:00",)
    assert "Do not flush the line" in flag.what_to_do


@pytest.mark.parametrize("event", ["bag_change", "restarted"])
def test_routine_pump_events_raise_nothing(event: str) -> None:
    result = run(B, [entry(6, pump=event)])
    assert result.tier is Tier.NONE


def _stop_restart(minutes: int) -> list[str]:
    stop = entry(6, hour=8, pump="stopped")
    restart = entry(when=at(6, 8) + timedelta(minutes=minutes), pump="restarted")
    return rule_ids(run(B, [stop, restart]))


@pytest.mark.parametrize(
    ("minutes", "flagged"), [(60, False), (239, False), (240, True), (241, True), (600, True)]
)
def test_r11_interruption_of_four_hours_or_more(minutes: int, flagged: bool) -> None:
    fired = _stop_restart(minutes)
    assert ("pump-interrupted-4-hours" in fired) is flagged
    assert "pump-problem" in fired  # the stop itself is always a call


def test_r11_evidence_gives_the_times_and_hours() -> None:
    stop = entry(6, hour=8, pump="stopped")
    restart = entry(6, hour=12, pump="restarted")
    (flag,) = flags_of(run(B, [stop, restart]), "pump-interrupted-4-hours")
    assert flag.evidence == (
        "Pump stopped 2026-11-07 08:00, restarted 2026-11-07 12:00 (4.0 hours)",
    )
    assert flag.entry_uid == "e2"


@pytest.mark.parametrize(("minutes", "flagged"), [(239, False), (240, True), (24 * 60, True)])
def test_r11_pump_still_stopped_at_now(minutes: int, flagged: bool) -> None:
    now = at(6, 8) + timedelta(minutes=minutes)
    result = run(B, [entry(6, hour=8, pump="stopped")], now=now)
    assert bool(flags_of(result, "pump-interrupted-4-hours")) is flagged
    if flagged:
        (flag,) = flags_of(result, "pump-interrupted-4-hours")
        assert flag.entry_uid == "e1"


def test_r11_counts_from_the_first_stop() -> None:
    result = run(
        B,
        [
            entry(6, hour=8, pump="stopped"),
            entry(6, hour=10, pump="alarm"),
            entry(6, hour=11, pump="stopped"),
            entry(6, hour=12, pump="restarted"),
        ],
    )
    assert "pump-interrupted-4-hours" in rule_ids(result)


def test_r11_a_restart_resets_the_clock() -> None:
    result = run(
        B,
        [
            entry(6, hour=8, pump="stopped"),
            entry(6, hour=9, pump="restarted"),
            entry(6, hour=10, pump="stopped"),
            entry(6, hour=13, pump="restarted"),
        ],
        now=at(6, 13, 30),
    )
    assert "pump-interrupted-4-hours" not in rule_ids(result)


@pytest.mark.parametrize("therapy", [K, INO, X, G])
def test_pump_rules_belong_to_blinatumomab_only(therapy: str) -> None:
    result = run(therapy, [entry(6, hour=8, pump="stopped")], now=at(6, 20))
    assert not {"pump-problem", "pump-interrupted-4-hours"} & set(rule_ids(result))


def test_r11_counts_real_hours_across_the_clock_change() -> None:
    """2026-11-01 is the US fall-back night: 00:30 EDT to 03:45 EST is 4 h 15 min, not 3 h 15.

    The entries carry the family's ZoneInfo, as storage.timestamps.localise returns them.
    """
    stop = datetime(2026, 11, 1, 0, 30, tzinfo=ZONE)
    restart = datetime(2026, 11, 1, 3, 45, tzinfo=ZONE)
    assert restart.astimezone(UTC) - stop.astimezone(UTC) == timedelta(hours=4, minutes=15)
    result = run(B, [entry(when=stop, pump="stopped"), entry(when=restart, pump="restarted")])
    assert "pump-interrupted-4-hours" in rule_ids(result)


def test_r11_still_stopped_counts_real_hours_across_the_clock_change() -> None:
    stop = datetime(2026, 11, 1, 0, 30, tzinfo=ZONE)
    result = run(
        B, [entry(when=stop, pump="stopped")], now=datetime(2026, 11, 1, 3, 45, tzinfo=ZONE)
    )
    assert "pump-interrupted-4-hours" in rule_ids(result)


def test_r11_counts_real_hours_when_offsets_are_explicit() -> None:
    """The same night with fixed offsets (as a scenario file gives them) already works."""
    from datetime import timezone

    stop = datetime(2026, 11, 1, 0, 30, tzinfo=timezone(timedelta(hours=-4)))
    restart = datetime(2026, 11, 1, 3, 45, tzinfo=timezone(timedelta(hours=-5)))
    result = run(B, [entry(when=stop, pump="stopped"), entry(when=restart, pump="restarted")])
    assert "pump-interrupted-4-hours" in rule_ids(result)


def test_entries_in_the_repeated_hour_are_judged_in_real_time_order() -> None:
    """01:30 EDT comes before 01:10 EST on the fall-back night (fold=1 is the second 01:10)."""
    first = datetime(2026, 11, 1, 1, 30, tzinfo=ZONE)
    second = datetime(2026, 11, 1, 1, 10, tzinfo=ZONE, fold=1)
    assert first.astimezone(UTC) < second.astimezone(UTC)
    result = run(
        B,
        [
            entry(when=second, pump="restarted"),
            entry(when=first, pump="stopped"),
        ],
        now=datetime(2026, 11, 1, 9, 0, tzinfo=ZONE),
    )
    # Stopped first, restarted 40 minutes later: no interruption of 4 hours.
    assert "pump-interrupted-4-hours" not in rule_ids(result)
    assert [f.entry_uid for f in result.flags] == ["e2"]
