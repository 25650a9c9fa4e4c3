"""Every warning the source documents list reaches the parent as "report now" or higher.

Two layers:
- SEED_WARNINGS is a hand-checked golden table, one row per warning phrase of
  data/phrases.toml and therapy: the rules that must fire and the tier. Reading it is reading
  the traceability table; tools/traceability.py finds these rows by their phrase text.
- The generated tests walk the data files themselves, so a phrase or a listing added later is
  checked at once, before anyone writes a row for it.
"""

# ruff: noqa: E501  (tables of source wording and parents' words read best one row a line)

from __future__ import annotations

import pytest

from caretrack.domain.catalogue import WarningKind
from caretrack.domain.flags import Tier
from caretrack.domain.model import SymptomReport
from tests.rules.support import THERAPIES, catalogue, entry, rank, rule_ids, run

# Days checked: inside every time window (day 1) and well after all of them (day 100).
DAYS = (1, 100)

EMERGENCY = "emergency"
REPORT_NOW = "report_now"

# (therapy, phrase exactly as data/phrases.toml prints it, tier, rules that must fire)
SEED_WARNINGS: list[tuple[str, str, str, set[str]]] = [
    # S1, CAR T and blinatumomab: "Cytokine release syndrome (CRS) ... Symptoms can include"
    ("tisagenlecleucel", "High fever and chills", REPORT_NOW, {"feels-feverish", "immune-reaction-signs"}),
    ("blinatumomab", "High fever and chills", REPORT_NOW, {"feels-feverish", "immune-reaction-signs"}),
    ("tisagenlecleucel", "Trouble breathing", EMERGENCY, {"breathing-or-swelling"}),
    ("blinatumomab", "Trouble breathing", EMERGENCY, {"breathing-or-swelling"}),
    ("tisagenlecleucel", "Low blood pressure", REPORT_NOW, {"immune-reaction-signs"}),
    ("blinatumomab", "Low blood pressure", REPORT_NOW, {"immune-reaction-signs"}),
    ("tisagenlecleucel", "Heart problems", REPORT_NOW, {"immune-reaction-signs"}),
    ("blinatumomab", "Heart problems", REPORT_NOW, {"immune-reaction-signs"}),
    ("tisagenlecleucel", "Kidney problems", REPORT_NOW, {"immune-reaction-signs"}),
    ("blinatumomab", "Kidney problems", REPORT_NOW, {"immune-reaction-signs"}),
    ("tisagenlecleucel", "Severe nausea, vomiting, and/or diarrhea", REPORT_NOW, {"immune-reaction-signs"}),
    ("blinatumomab", "Severe nausea, vomiting, and/or diarrhea", REPORT_NOW, {"immune-reaction-signs"}),
    ("tisagenlecleucel", "Severe muscle or joint pain", REPORT_NOW, {"immune-reaction-signs"}),
    ("blinatumomab", "Severe muscle or joint pain", REPORT_NOW, {"immune-reaction-signs"}),
    ("tisagenlecleucel", "Feeling dizzy or lightheaded", REPORT_NOW, {"immune-reaction-signs"}),
    ("blinatumomab", "Feeling dizzy or lightheaded", REPORT_NOW, {"immune-reaction-signs"}),
    # S1, CAR T and blinatumomab: "Nervous system problems ... symptoms such as"
    ("tisagenlecleucel", "Headaches", REPORT_NOW, {"nervous-system-signs"}),
    ("blinatumomab", "Headaches", REPORT_NOW, {"immune-reaction-signs"}),
    ("tisagenlecleucel", "Changes in consciousness", REPORT_NOW, {"nervous-system-signs"}),
    ("blinatumomab", "Changes in consciousness", REPORT_NOW, {"nervous-system-signs"}),
    ("tisagenlecleucel", "Confusion or agitation", REPORT_NOW, {"nervous-system-signs"}),
    ("blinatumomab", "Confusion or agitation", REPORT_NOW, {"nervous-system-signs"}),
    ("tisagenlecleucel", "Seizures", EMERGENCY, {"seizure"}),
    ("blinatumomab", "Seizures", EMERGENCY, {"seizure"}),
    ("tisagenlecleucel", "Trouble speaking and understanding", REPORT_NOW, {"nervous-system-signs"}),
    ("blinatumomab", "Trouble speaking and understanding", REPORT_NOW, {"nervous-system-signs"}),
    ("tisagenlecleucel", "Loss of balance", REPORT_NOW, {"nervous-system-signs"}),
    ("blinatumomab", "Loss of balance", REPORT_NOW, {"nervous-system-signs"}),
    # S1, CAR T: "Other serious side effects"
    ("tisagenlecleucel", "Serious infections", REPORT_NOW, {"infection-signs"}),
    (
        "tisagenlecleucel",
        "Low blood cell count, which can increase the risk of infections, fatigue, and bruising or bleeding",
        REPORT_NOW,
        {"bleeding-signs", "infection-signs", "other-listed-warnings"},
    ),
    ("tisagenlecleucel", "infections", REPORT_NOW, {"infection-signs"}),
    ("tisagenlecleucel", "fatigue", REPORT_NOW, {"other-listed-warnings"}),
    ("tisagenlecleucel", "bruising or bleeding", REPORT_NOW, {"bleeding-signs"}),
    # S1, blinatumomab and rituximab: "serious infusion reactions ... Symptoms can include"
    ("blinatumomab", "feeling lightheaded or dizzy (due to low blood pressure)", REPORT_NOW, {"immune-reaction-signs"}),
    ("rituximab", "feeling lightheaded or dizzy (due to low blood pressure)", REPORT_NOW, {"infusion-reaction-signs"}),
    ("blinatumomab", "headache", REPORT_NOW, {"immune-reaction-signs"}),
    ("rituximab", "headache", REPORT_NOW, {"infusion-reaction-signs"}),
    ("blinatumomab", "nausea", REPORT_NOW, {"immune-reaction-signs"}),
    ("rituximab", "nausea", REPORT_NOW, {"infusion-reaction-signs"}),
    ("blinatumomab", "fever or chills", REPORT_NOW, {"feels-feverish", "immune-reaction-signs"}),
    ("rituximab", "fever or chills", REPORT_NOW, {"feels-feverish", "infusion-reaction-signs"}),
    ("blinatumomab", "shortness of breath", EMERGENCY, {"breathing-or-swelling"}),
    ("rituximab", "shortness of breath", EMERGENCY, {"breathing-or-swelling"}),
    ("blinatumomab", "wheezing", REPORT_NOW, {"immune-reaction-signs"}),
    ("rituximab", "wheezing", REPORT_NOW, {"infusion-reaction-signs"}),
    # S1, rituximab: Stevens-Johnson syndrome
    ("rituximab", "A rare and severe blistering skin rash with mouth sores", REPORT_NOW, {"skin-and-mouth-sores"}),
    # S27, inotuzumab (ASHP "call your doctor immediately")
    ("inotuzumab_ozogamicin", "extreme tiredness", REPORT_NOW, {"liver-signs"}),
]  # fmt: skip


def _phrase_reports(text: str) -> tuple[SymptomReport, ...]:
    """The phrase as a checklist tick: what the catalogue resolves it to (with "severe")."""
    matches = catalogue().resolve_symptom(text)
    assert matches, f"the catalogue does not know the source phrase {text!r}"
    return tuple(SymptomReport(m.symptom_id, m.implied_severity) for m in matches)


@pytest.mark.parametrize(
    ("therapy", "phrase", "tier", "rules"),
    SEED_WARNINGS,
    ids=[f"{t}:{p[:40]}" for t, p, _, _ in SEED_WARNINGS],
)
def test_source_warning_phrase_fires_its_rules(
    therapy: str, phrase: str, tier: str, rules: set[str]
) -> None:
    result = run(therapy, [entry(1, symptoms=_phrase_reports(phrase))])
    assert result.tier is Tier(tier)
    assert set(rule_ids(result)) == rules


def _warning_phrase_cases() -> list[tuple[str, str, int]]:
    return [
        (therapy, p.text, day)
        for p in catalogue().phrases
        if p.kind is not WarningKind.SIDE_EFFECT
        for therapy in p.therapies
        for day in DAYS
    ]


@pytest.mark.parametrize(
    ("therapy", "phrase", "day"),
    _warning_phrase_cases(),
    ids=[f"{t}:{p[:40]}:day{d}" for t, p, d in _warning_phrase_cases()],
)
def test_every_listed_warning_phrase_is_report_now_or_higher(
    therapy: str, phrase: str, day: int
) -> None:
    result = run(therapy, [entry(day, symptoms=_phrase_reports(phrase))])
    assert rank(result.tier) >= rank(Tier.REPORT_NOW), rule_ids(result)


# Catalogue listings (symptom, therapy, warning heading) whose mild form is dropped today.
# (therapy, symptom, day) at severity 1: see KNOWN_BUGS["BUG-1"].


def _listing_cases() -> list[object]:
    cases: list[object] = []
    for s in catalogue().symptoms:
        for w in s.listed_under:
            if not w.is_warning:
                continue
            if w.min_severity is not None:
                severities: list[int | None] = [w.min_severity]
            elif s.graded:
                severities = [None, 1, 2, 3, 4]
            else:
                severities = [None]
            for sev in severities:
                for day in DAYS:
                    shown = "present" if sev is None else f"sev{sev}"
                    cases.append(
                        pytest.param(
                            w.therapy_id,
                            s.id,
                            sev,
                            day,
                            id=f"{w.therapy_id}:{s.id}:{w.kind.value}:{shown}:day{day}",
                        )
                    )
    return cases


@pytest.mark.parametrize(("therapy", "symptom_id", "severity", "day"), _listing_cases())
def test_every_catalogue_warning_listing_is_report_now_or_higher(
    therapy: str, symptom_id: str, severity: int | None, day: int
) -> None:
    """A symptom listed for the therapy under a warning heading, at any severity it covers."""
    result = run(therapy, [entry(day, symptoms=[SymptomReport(symptom_id, severity)])])
    assert rank(result.tier) >= rank(Tier.REPORT_NOW), rule_ids(result)


@pytest.mark.parametrize("therapy", THERAPIES)
def test_a_listed_warning_at_severity_none_raises_nothing(therapy: str) -> None:
    """Severity 0 means the parent said "not there": the negative case of every listing."""
    reports = [
        SymptomReport(s.id, 0)
        for s in catalogue().symptoms
        if s.graded and s.is_warning_for(therapy)
    ]
    assert reports
    result = run(therapy, [entry(1, symptoms=reports)])
    assert result.tier is Tier.NONE
    assert result.flags == ()


@pytest.mark.parametrize(
    ("therapy", "symptom_id"),
    [
        ("tisagenlecleucel", "nausea"),
        ("tisagenlecleucel", "diarrhoea"),
        ("tisagenlecleucel", "muscle_pain"),
        ("tisagenlecleucel", "joint_pain"),
        ("blinatumomab", "diarrhoea"),
        ("blinatumomab", "muscle_pain"),
    ],
)
def test_severe_only_crs_listings_are_not_flagged_as_crs_when_mild(
    therapy: str, symptom_id: str
) -> None:
    """S1 lists only the SEVERE form: mild is not "signs of a strong immune reaction".

    (After CAR T it is still reported through the "any side effect" rule in days 0-56; on day
    100 a mild report is for the next visit.)
    """
    result = run(therapy, [entry(100, symptoms=[SymptomReport(symptom_id, 1)])])
    assert "immune-reaction-signs" not in rule_ids(result)
    severe = run(therapy, [entry(100, symptoms=[SymptomReport(symptom_id, 3)])])
    assert "immune-reaction-signs" in rule_ids(severe)
