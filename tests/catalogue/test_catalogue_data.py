"""The real catalogue files load, and say what the app and the rules rely on."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from caretrack.catalogue import load_catalogue
from caretrack.domain.catalogue import Catalogue, ScheduleKind, WarningKind

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
SHARED = REPO.parent / "shared"

THERAPIES = {
    "tisagenlecleucel": "Kymriah",
    "blinatumomab": "Blincyto",
    "inotuzumab_ozogamicin": "Besponsa",
    "rituximab": "Rituxan",
    "gemtuzumab_ozogamicin": "Mylotarg",
}
GROUPS = [
    "fever_chills",
    "breathing",
    "heart",
    "stomach",
    "pain",
    "nervous_system",
    "skin",
    "infection",
    "bleeding",
    "liver",
    "other",
]
SCENARIO_NAMES = [
    "Confusion or agitation",
    "Seizures",
    "Trouble speaking and understanding",
    "Severe blistering skin rash with mouth sores",
    "low energy",
    "Feeling dizzy or lightheaded",
    "Headaches",
    "chills",
]
# What a parent may type for the "call right away" items of clinical.md §1 and rules R1-R21.
PARENT_WORDS = [
    "cannot be woken", "wakes only when shaken or touched", "unresponsive", "fainted",
    "loss of consciousness", "struggling to breathe", "difficulty breathing", "blue lips",
    "swollen lips", "swollen tongue", "throat swelling", "face swelling", "facial droop",
    "one-sided weakness", "sudden numbness or weakness", "bleeding that won't stop",
    "vomiting blood", "coffee grounds", "black stools", "hives", "itching", "flushing",
    "wheezing", "chest pain", "palpitations", "tremor", "hallucinations", "unusual sleepiness",
    "worse handwriting", "yellow skin", "yellow eyes", "yellowing of the skin or eyes",
    "belly swelling", "abdominal swelling", "pain under right ribs", "right-sided abdominal pain",
    "rapid weight gain", "dark urine", "less urine", "decreased urination", "cough",
    "sudden cough", "cough that won't go away", "sore throat", "painful urination",
    "redness at central line", "pus at central line", "nosebleed", "petechiae",
    "pinpoint red spots", "unusual bruising", "night sweats", "low energy", "tiredness",
    "extreme tiredness", "poor appetite", "constipation", "mouth sores", "trouble sleeping",
    "blurred vision", "vision changes", "trouble swallowing", "trouble hearing", "agitation",
    "delirium", "disorientation", "slurred speech", "hypotension", "very low blood pressure",
    "shaking chills", "light-headedness", "dizziness", "fever", "feels hot", "rash",
    "skin rash", "peeling skin", "blistering", "swelling of the feet or legs", "weakness",
    "leg weakness", "clumsiness", "memory loss", "numbness", "tingling", "inconsolable",
    "restlessness", "slow responses", "severe nausea", "nausea", "vomiting", "diarrhea",
    "diarrhoea", "muscle pain", "joint pain", "headache", "sad", "stomach ache",
]  # fmt: skip
JARGON = [
    "CRS", "ICANS", "grade", "cytokine", "encephalopathy", "hypotension", "syndrome",
    "neurotoxicity", "VOD", "veno-occlusive", "hepatic", "renal", "edema", "oedema",
    "petechiae", "palpitations", "pruritus", "dyspnea", "dyspnoea", "aphasia", "ataxia",
    "urticaria", "jaundice", "emesis", "melena", "hematemesis", "syncope", "myalgia",
    "arthralgia", "mucositis", "nausea", "diarrhea", "diarrhoea", "urination", "abdominal",
    "lesion", "tachycardia", "hypoxia", "cyanosis", "febrile", "pyrexia", "insomnia",
]  # fmt: skip


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(DATA)


def test_real_data_loads_fast() -> None:
    start = time.perf_counter()
    catalogue = load_catalogue(DATA)
    assert time.perf_counter() - start < 1.0
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", catalogue.version)
    assert catalogue.reviewed
    assert len(catalogue.therapies) == 5


def test_the_default_folder_is_the_repos(cat: Catalogue) -> None:
    assert load_catalogue() == cat


def test_catalogue_is_hashable_and_comparable(cat: Catalogue) -> None:
    assert hash(cat) == hash(load_catalogue(DATA))


@pytest.mark.parametrize(("therapy_id", "brand"), THERAPIES.items())
def test_therapy_resolves_by_id_generic_and_brand(
    cat: Catalogue, therapy_id: str, brand: str
) -> None:
    therapy = cat.therapy(therapy_id)
    assert therapy is not None
    assert therapy.id == therapy_id
    for name in (brand, brand.upper(), brand.lower(), therapy.generic_name, therapy_id.upper()):
        assert cat.therapy(name) is therapy, name
    assert brand in therapy.brand_names
    assert therapy.display_name.endswith(f"({brand})")
    assert therapy.facts and therapy.schedule.facts and therapy.how_given.sources


def test_schedules(cat: Catalogue) -> None:
    car_t = cat.therapy("tisagenlecleucel")
    blin = cat.therapy("blinatumomab")
    ino = cat.therapy("inotuzumab_ozogamicin")
    assert car_t is not None and blin is not None and ino is not None
    assert car_t.schedule.kind is ScheduleKind.SINGLE_INFUSION
    assert blin.schedule.kind is ScheduleKind.CONTINUOUS_CYCLES
    assert (blin.schedule.infusion_days, blin.schedule.break_days) == (28, 14)
    assert blin.schedule.later_break_days == 56
    assert ino.schedule.kind is ScheduleKind.DOSE_DAYS
    assert ino.schedule.dose_days == (1, 8, 15)
    assert (ino.schedule.cycle_days, ino.schedule.later_cycle_days) == (21, 28)
    for therapy_id in ("rituximab", "gemtuzumab_ozogamicin"):
        therapy = cat.therapy(therapy_id)
        assert therapy is not None and therapy.schedule.kind is ScheduleKind.TEAM_ENTERED


def test_every_cited_source_is_known(cat: Catalogue) -> None:
    cited = {s for t in cat.therapies for f in (t.how_given, *t.facts, *t.schedule.facts)
             for s in f.sources}  # fmt: skip
    cited |= {s for sym in cat.symptoms for w in sym.listed_under for s in w.sources}
    cited |= {p.source for p in cat.phrases}
    assert "S1" in cited
    for sid in cited:
        assert cat.source(sid) is not None, sid
    seed = cat.source("S1")
    assert seed is not None and "American Cancer Society" in seed.citation


def test_sources_match_clinical_md() -> None:
    clinical = SHARED / "reference" / "clinical.md"
    if not clinical.is_file():
        pytest.skip(f"{clinical} not present (shared/ is beside the repo in development and CI)")
    section = clinical.read_text(encoding="utf-8").split("## 8. Sources", 1)[1]
    expected = re.findall(r"^- \*\*(S\d+)\*\*", section, re.MULTILINE)
    assert [s.id for s in load_catalogue(DATA).sources] == expected


def test_groups_in_order_each_with_symptoms(cat: Catalogue) -> None:
    assert [g.id for g in cat.groups] == GROUPS
    for group in cat.groups:
        assert cat.symptoms_in_group(group.id), group.id


@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_scenario_names_resolve(cat: Catalogue, name: str) -> None:
    assert cat.resolve_symptom(name), name


def test_every_symptom_name_in_the_shared_scenarios_resolves(cat: Catalogue) -> None:
    folder = SHARED / "scenarios"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    names = []
    for path in sorted(folder.glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")).get("entries", []):
            for item in entry.get("symptoms", []):
                names.append(item if isinstance(item, str) else item["name"])
    assert names
    for name in names:
        assert cat.resolve_symptom(name), name


@pytest.mark.parametrize("name", PARENT_WORDS)
def test_parent_words_resolve(cat: Catalogue, name: str) -> None:
    assert cat.resolve_symptom(name), name


def test_own_names_resolve_to_that_symptom_ignoring_case(cat: Catalogue) -> None:
    for s in cat.symptoms:
        for name in (s.id, s.label, *s.synonyms):
            for variant in (name, name.upper(), f"  {name.lower()}. "):
                assert [m.symptom_id for m in cat.resolve_symptom(variant)] == [s.id], variant


def test_unknown_names_resolve_to_nothing(cat: Catalogue) -> None:
    assert cat.resolve_symptom("purple elbows") == ()
    assert cat.resolve_symptom("") == ()


def test_severe_phrases_imply_severity(cat: Catalogue) -> None:
    matches = cat.resolve_symptom("Severe nausea, vomiting, and/or diarrhea")
    assert {(m.symptom_id, m.implied_severity) for m in matches} == {
        ("nausea", 3),
        ("vomiting", 3),
        ("diarrhoea", 3),
    }
    assert {m.symptom_id for m in cat.resolve_symptom("High fever and chills")} == {
        "fever",
        "chills",
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("severe nausea", ("nausea", 3)),
        ("Mild nausea", ("nausea", 1)),
        ("moderate headache", ("headache", 2)),
        ("Very severe headache", ("headache", 4)),
        ("severe tiredness", ("fatigue", 3)),
        ("extreme tiredness", ("fatigue", 3)),
        ("mild seizure", ("seizure", None)),  # an event stays simply present
    ],
)
def test_a_scale_word_before_a_name_gives_the_severity(
    cat: Catalogue, name: str, expected: tuple[str, int | None]
) -> None:
    (match,) = cat.resolve_symptom(name)
    assert (match.symptom_id, match.implied_severity) == expected


def test_separate_observations_are_separate_symptoms(cat: Catalogue) -> None:
    ids = [s.id for s in cat.symptoms]
    assert len(ids) == len(set(ids))
    for sid in ("fever", "chills", "nausea", "vomiting", "diarrhoea", "muscle_pain", "joint_pain"):
        assert sid in ids


def test_events_are_present_or_absent_not_graded(cat: Catalogue) -> None:
    for sid in ("seizure", "cannot_wake", "fainted", "hard_to_wake", "struggling_to_breathe"):
        assert not cat.symptom(sid).graded, sid
    for sid in ("nausea", "headache", "fatigue", "chills"):
        assert cat.symptom(sid).graded, sid


def test_labels_hints_and_groups_use_no_jargon(cat: Catalogue) -> None:
    texts = [g.label for g in cat.groups]
    texts += [s.label for s in cat.symptoms] + [s.hint for s in cat.symptoms if s.hint]
    for text in texts:
        for word in JARGON:
            assert not re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE), (word, text)


def test_labels_are_short_and_unique(cat: Catalogue) -> None:
    labels = [s.label for s in cat.symptoms]
    assert len({label.casefold() for label in labels}) == len(labels)
    assert all(len(label) <= 60 for label in labels)


def test_warning_listings(cat: Catalogue) -> None:
    assert cat.symptom("seizure").is_warning_for("tisagenlecleucel")
    assert cat.symptom("seizure").is_warning_for("blinatumomab")
    assert not cat.symptom("night_sweats").is_warning_for("rituximab")  # a side effect only
    (crs,) = [w for w in cat.symptom("nausea").listings_for("tisagenlecleucel") if w.kind == "crs"]
    assert crs.min_severity == 3
    assert crs.applies_at(3) and crs.applies_at(None) and not crs.applies_at(1)
    checklist = cat.symptoms_for("blinatumomab")
    assert checklist[0].is_warning_for("blinatumomab")
    assert {s.id for s in checklist} == {s.id for s in cat.symptoms}


def test_every_phrase_kind_is_a_warning_kind(cat: Catalogue) -> None:
    kinds = {p.kind for p in cat.phrases}
    assert WarningKind.CRS in kinds and WarningKind.NERVOUS_SYSTEM in kinds


def test_draft_rules_about_observations_are_covered(cat: Catalogue) -> None:
    """Each parent-observable row of clinical.md §6.2 is named by at least one symptom."""
    named = {r for s in cat.symptoms for r in s.rules}
    observable = ["R1", "R2", "R3", "R4", "R5", "R7", "R8", "R9", "R12", "R13", "R14", "R15",
                  "R16", "R17", "R19"]  # fmt: skip
    assert not [r for r in observable if r not in named]
