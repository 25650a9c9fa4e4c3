"""The emergency tier (clinical.md §6.2 R1-R5) for every therapy, ticked in the checklist.

Names go through the catalogue exactly as the command line resolves them, so a label, a
synonym or a source phrase a parent picks is what is tested.
"""

from __future__ import annotations

import pytest

from caretrack.domain.flags import Tier
from caretrack.domain.model import SymptomReport
from tests.rules.support import THERAPIES, entry, flags_of, rule_ids, run

# (what the parent ticks, the rule that must fire) -- R1 to R5
EMERGENCY_TICKS: list[tuple[tuple[str, ...], str]] = [
    (("Seizures",), "seizure"),  # R1
    (("seizure",), "seizure"),
    (("convulsion",), "seizure"),
    (("cannot be woken",), "cannot-wake"),  # R2
    (("Wakes only when shaken or touched",), "cannot-wake"),
    (("only wakes when shaken",), "cannot-wake"),
    (("unresponsive",), "cannot-wake"),
    (("fainted",), "cannot-wake"),
    (("passed out",), "cannot-wake"),
    (("struggling to breathe",), "breathing-or-swelling"),  # R3
    (("trouble breathing",), "breathing-or-swelling"),
    (("difficulty breathing",), "breathing-or-swelling"),
    (("blue lips",), "breathing-or-swelling"),
    (("Swelling of the face, lips, tongue or throat",), "breathing-or-swelling"),
    (("swollen lips",), "breathing-or-swelling"),
    (("swollen tongue",), "breathing-or-swelling"),
    (("throat swelling",), "breathing-or-swelling"),
    (("one-sided weakness",), "one-sided-weakness"),  # R4
    (("weakness on one side",), "one-sided-weakness"),
    (("face drooping",), "one-sided-weakness"),
    (("Severe headache", "vomiting"), "severe-headache-with-vomiting-or-confusion"),
    (("Severe headache", "confusion"), "severe-headache-with-vomiting-or-confusion"),
    (("Very severe headache", "Throwing up"), "severe-headache-with-vomiting-or-confusion"),
    (("bleeding that won't stop",), "bleeding-emergency"),  # R5
    (("vomiting blood",), "bleeding-emergency"),
    (("coffee grounds",), "bleeding-emergency"),
    (("black stools",), "bleeding-emergency"),
    (("black poop",), "bleeding-emergency"),
]


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize(
    ("names", "rule_id"), EMERGENCY_TICKS, ids=[" + ".join(n) for n, _ in EMERGENCY_TICKS]
)
def test_emergency_signs_are_emergency_for_every_therapy(
    therapy: str, names: tuple[str, ...], rule_id: str
) -> None:
    for day in (0, 1, 30, 200):
        result = run(therapy, [entry(day, names=names)])
        assert result.tier is Tier.EMERGENCY, (day, rule_ids(result))
        (flag,) = flags_of(result, rule_id)
        assert flag.tier is Tier.EMERGENCY
        assert flag.sources, "an emergency flag must name its sources"
        assert not flag.found_in_note


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize("headache", [3, 4, None])
@pytest.mark.parametrize("other", ["vomiting", "confusion"])
def test_severe_headache_boundary_is_severe(therapy: str, headache: int | None, other: str) -> None:
    """R4: severe (3), very severe (4) or "present" without a severity (may be severe)."""
    result = run(
        therapy,
        [entry(5, symptoms=[SymptomReport("headache", headache), SymptomReport(other, 1)])],
    )
    assert "severe-headache-with-vomiting-or-confusion" in rule_ids(result)
    assert result.tier is Tier.EMERGENCY


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize("other", ["vomiting", "confusion"])
def test_moderate_headache_with_vomiting_is_not_the_emergency_rule(
    therapy: str, other: str
) -> None:
    """Boundary below R4: a moderate headache (2) does not call emergency services."""
    result = run(
        therapy,
        [entry(5, symptoms=[SymptomReport("headache", 2), SymptomReport(other, 1)])],
    )
    assert "severe-headache-with-vomiting-or-confusion" not in rule_ids(result)
    assert result.tier is not Tier.EMERGENCY


@pytest.mark.parametrize("therapy", THERAPIES)
def test_severe_headache_alone_is_not_emergency(therapy: str) -> None:
    result = run(therapy, [entry(5, symptoms=[SymptomReport("headache", 4)])])
    assert "severe-headache-with-vomiting-or-confusion" not in rule_ids(result)
    assert result.tier is Tier.REPORT_NOW


@pytest.mark.parametrize("therapy", THERAPIES)
def test_an_emergency_sign_is_not_lowered_by_everything_else_being_fine(therapy: str) -> None:
    """A seizure next to a normal temperature and mild, stable symptoms is still emergency."""
    from tests.rules.support import temp

    result = run(
        therapy,
        [
            entry(
                3,
                names=["Seizures", ("constipation", 1), ("low mood", 1)],
                temperature=temp("36.8"),
                note="otherwise a good day, eating well",
            )
        ],
    )
    assert result.tier is Tier.EMERGENCY
    assert "seizure" in rule_ids(result)


@pytest.mark.parametrize("therapy", THERAPIES)
def test_emergency_evidence_names_what_the_parent_ticked(therapy: str) -> None:
    result = run(therapy, [entry(2, hour=3, minute=15, names=["Seizures"])])
    (flag,) = flags_of(result, "seizure")
    assert flag.evidence == ("Seizure (fit) at 2026-11-03 03:15",)
    assert flag.entry_uid == "e1"
