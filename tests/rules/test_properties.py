"""Properties of the rules engine over random check-ins (Hypothesis, derandomized for CI).

- determinism: the same input gives an identical Evaluation;
- monotonicity (safety target 5): adding a symptom never lowers the overall tier;
- no suppression (safety target 4): a later entry never removes or changes an earlier flag;
- order: the order of the input list does not matter (entries are judged in time order).
"""

from __future__ import annotations

import dataclasses
import random
from datetime import timedelta
from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caretrack.domain.flags import Evaluation, Flag
from caretrack.domain.model import EntryContent, MedicineGiven, PumpEvent, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.rules import CareSettings, evaluate
from caretrack.rules.notes import NoteReader
from tests.rules.support import (
    THERAPIES,
    at,
    catalogue,
    entry,
    rules,
    run,
    settings_with,
    situation,
)

T = TypeVar("T")

PROPERTY_SETTINGS = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SYMPTOM_IDS = sorted(s.id for s in catalogue().symptoms)
# A few symptoms drawn more often, so the same symptom recurs across entries (trend, repeats).
FREQUENT = ["headache", "vomiting", "confusion", "constipation", "nausea", "fatigue", "rash"]
symptom_ids = st.one_of(st.sampled_from(FREQUENT), st.sampled_from(SYMPTOM_IDS))
NOTES = [
    "",
    "no fever today",
    "he had a fit",
    "sin fiebre pero con convulsiones",
    "she seems confused and keeps losing her words",
    "a faint rash on her arm",
    "está mareado y tiene escalofríos",
    "burning up, throwing up twice",
    "won't wake up",
    "tired but eating well",
    "it was hot outside",
    "le sangra la nariz",
    "no rash or itching",
]
MEDICINES = ["Tylenol", "ibuprofen", "dexamethasone", "ondansetron"]

severities = st.one_of(st.none(), st.integers(min_value=0, max_value=4))
symptom_lists = st.lists(
    st.tuples(symptom_ids, severities), max_size=4, unique_by=lambda t: t[0]
).map(lambda items: tuple(SymptomReport(s, v) for s, v in items))
temperatures = st.one_of(
    st.none(),
    st.builds(
        Temperature,
        st.integers(min_value=355, max_value=410),
        st.just(Unit.C),
        st.sampled_from(list(Route)),
    ),
    st.builds(
        Temperature,
        st.integers(min_value=960, max_value=1060),
        st.just(Unit.F),
        st.sampled_from(list(Route)),
    ),
)


def sometimes(strategy: st.SearchStrategy[T], empty: T) -> st.SearchStrategy[T]:
    """Mostly empty, so that one field at a time decides the tier (sparse check-ins)."""
    return st.one_of(st.just(empty), st.just(empty), strategy)


@st.composite
def entry_contents(draw: st.DrawFn, minute: int) -> EntryContent:
    moment = at(0) + timedelta(minutes=minute)
    medicines = draw(sometimes(st.lists(st.sampled_from(MEDICINES), max_size=2), []))
    return EntryContent(
        observed_at=moment,
        temperature=draw(sometimes(temperatures, None)),
        symptoms=draw(symptom_lists),
        medicines=tuple(MedicineGiven(m, "", moment) for m in medicines),
        note=draw(sometimes(st.sampled_from(NOTES), "")),
        pump_event=draw(sometimes(st.sampled_from(list(PumpEvent)), None)),
    )


@st.composite
def histories(draw: st.DrawFn, min_size: int = 1, max_size: int = 5) -> list[EntryContent]:
    """Entries at distinct times over about 100 days (days -3 to 97 from the start)."""
    minutes = draw(
        st.lists(
            st.integers(min_value=-3 * 1440, max_value=97 * 1440),
            min_size=min_size,
            max_size=max_size,
            unique=True,
        )
    )
    return [draw(entry_contents(m)) for m in minutes]


care_settings = st.builds(
    lambda line, trend: settings_with(fever_threshold_c_tenths=line, trend_enabled=trend),
    st.sampled_from([375, 380, 383]),
    st.booleans(),
)


def _entry_tiers(evaluation: Evaluation) -> dict[str | None, int]:
    """The highest tier raised for each entry (stronger than comparing the overall tier)."""
    tiers: dict[str | None, int] = {}
    for f in evaluation.flags:
        tiers[f.entry_uid] = max(tiers.get(f.entry_uid, 0), f.tier.rank)
    return tiers


def _never_lower(before: Evaluation, after: Evaluation) -> None:
    assert after.tier.rank >= before.tier.rank
    grown = _entry_tiers(after)
    for uid, rank in _entry_tiers(before).items():
        assert grown.get(uid, 0) >= rank, f"entry {uid} went down"


def _key(f: Flag) -> tuple[object, ...]:
    return (f.entry_uid, f.rule_id, f.tier, f.evidence, f.observed_at)


@PROPERTY_SETTINGS
@given(st.sampled_from(THERAPIES), histories(), care_settings)
def test_determinism(therapy: str, entries: list[EntryContent], team: CareSettings) -> None:
    first = run(therapy, entries, settings=team, now=at(100))
    second = run(therapy, list(entries), settings=team, now=at(100))
    assert first == second


@PROPERTY_SETTINGS
@given(st.sampled_from(THERAPIES), histories(), care_settings, st.randoms(use_true_random=False))
def test_reordering_the_input_does_not_change_the_result(
    therapy: str, entries: list[EntryContent], team: CareSettings, rnd: random.Random
) -> None:
    numbered = list(enumerate(entries))
    shuffled = numbered[:]
    rnd.shuffle(shuffled)

    def ev(items: list[tuple[int, EntryContent]]) -> Evaluation:
        pairs = [(f"e{i}", c) for i, c in items]
        return evaluate(rules(), catalogue(), situation(therapy, team), pairs, at(100))

    assert ev(numbered) == ev(shuffled)


def _maybe_one_already_logged(
    data: st.DataObject, entries: list[EntryContent], symptom_id: str
) -> str:
    """Half the time, a symptom another entry already logged: that is where the rules that
    look at history (R18) could make an addition lower something."""
    logged = sorted({s.symptom_id for e in entries for s in e.symptoms})
    if logged and data.draw(st.booleans()):
        return data.draw(st.sampled_from(logged))
    return symptom_id


def _not_already_there(entry: EntryContent, symptom_id: str) -> bool:
    reader = NoteReader(rules().phrases, rules().negations, rules().clause_breaks)
    in_note = {f.symptom_id for f in reader.read(entry.note)}
    return symptom_id not in {s.symptom_id for s in entry.symptoms} | in_note


@PROPERTY_SETTINGS
@given(
    st.sampled_from(THERAPIES),
    histories(),
    symptom_ids,
    severities,
    st.data(),
)
def test_adding_a_symptom_to_any_entry_never_lowers_the_tier_without_r18(
    therapy: str,
    entries: list[EntryContent],
    symptom_id: str,
    severity: int | None,
    data: st.DataObject,
) -> None:
    """Any entry, any symptom, any severity (R18 off: see the SPEC-R18 test below)."""
    index = data.draw(st.integers(min_value=0, max_value=len(entries) - 1))
    target = entries[index]
    symptom_id = _maybe_one_already_logged(data, entries, symptom_id)
    if not _not_already_there(target, symptom_id):
        return  # covered by the BUG-8 examples in test_sequences / below
    team = settings_with(trend_enabled=False)
    before = run(therapy, entries, settings=team, now=at(100))
    grown = entries[:]
    grown[index] = dataclasses.replace(
        target, symptoms=(*target.symptoms, SymptomReport(symptom_id, severity))
    )
    after = run(therapy, grown, settings=team, now=at(100))
    _never_lower(before, after)


@PROPERTY_SETTINGS
@given(
    st.sampled_from(THERAPIES),
    histories(),
    symptom_ids,
    severities,
    st.data(),
)
def test_adding_a_symptom_to_the_latest_entry_never_lowers_the_tier(
    therapy: str,
    entries: list[EntryContent],
    symptom_id: str,
    severity: int | None,
    data: st.DataObject,
) -> None:
    """With R18 on, as the app ships: the entry being saved can only raise the tier."""
    latest = max(range(len(entries)), key=lambda i: entries[i].observed_at)
    target = entries[latest]
    symptom_id = _maybe_one_already_logged(data, entries, symptom_id)
    if not _not_already_there(target, symptom_id):
        return
    before = run(therapy, entries, now=at(100))
    grown = entries[:]
    grown[latest] = dataclasses.replace(
        target, symptoms=(*target.symptoms, SymptomReport(symptom_id, severity))
    )
    after = run(therapy, grown, now=at(100))
    _never_lower(before, after)


@PROPERTY_SETTINGS
@given(st.sampled_from(THERAPIES), histories(max_size=4), st.data(), care_settings)
def test_a_later_entry_never_removes_or_changes_an_earlier_flag(
    therapy: str, entries: list[EntryContent], data: st.DataObject, team: CareSettings
) -> None:
    """Safety target 4. `now` is left out: a still-running pump stop is provisional by design
    (a later restart entry replaces it with the real interruption length)."""
    last = max(e.observed_at for e in entries)
    gap = data.draw(st.integers(min_value=1, max_value=10 * 1440))
    later = data.draw(entry_contents(0))
    later = dataclasses.replace(later, observed_at=last + timedelta(minutes=gap))
    before = run(therapy, entries, settings=team)
    after = run(therapy, [*entries, later], settings=team)
    new_uid = f"e{len(entries) + 1}"
    assert [_key(f) for f in after.flags if f.entry_uid != new_uid] == [
        _key(f) for f in before.flags
    ]
    assert after.tier.rank >= before.tier.rank


# --- The counterexamples the properties above had to step around -----------------------------


def test_a_duplicate_report_at_a_lower_severity_does_not_lower_the_tier() -> None:
    base = [SymptomReport("headache", 4), SymptomReport("vomiting", 3)]
    before = run("blinatumomab", [entry(3, symptoms=base)])
    after = run("blinatumomab", [entry(3, symptoms=[*base, SymptomReport("headache", 1)])])
    assert before.tier.value == "emergency"
    assert after.tier.rank >= before.tier.rank


def test_ticking_a_symptom_the_note_describes_does_not_lower_the_tier() -> None:
    note = "terrible headache and he keeps throwing up"
    before = run("rituximab", [entry(30, note=note)])
    after = run("rituximab", [entry(30, note=note, symptoms=[SymptomReport("headache", 1)])])
    assert before.tier.value == "emergency"
    assert after.tier.rank >= before.tier.rank
