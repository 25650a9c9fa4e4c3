"""Warning signs in a parent's own words, in English and Spanish, and what must NOT alarm.

Each phrasing is a note on its own (no ticks, no reading): the tier must be exactly the one
its rule gives, the flag must say it came from the note, and the evidence must quote the
parent's own words back to them.
"""

from __future__ import annotations

import re

import pytest

from caretrack.domain.flags import Tier
from caretrack.rules.notes import plain
from tests.rules.support import (
    THERAPIES,
    catalogue,
    entry,
    flags_of,
    rank,
    rule_ids,
    rules,
    run,
)

K, B, INO, X, G = (
    "tisagenlecleucel",
    "blinatumomab",
    "inotuzumab_ozogamicin",
    "rituximab",
    "gemtuzumab_ozogamicin",
)
E, R = "emergency", "report_now"

# (language, therapy, the note as a parent types it, tier, rule that must fire)
PHRASINGS = [
    ("en", K, "he had a fit this morning", E, "seizure"),
    ("en", B, "She is having a seizure right now", E, "seizure"),
    ("en", X, "his eyes rolled back and he went stiff and shook", E, "seizure"),
    ("en", G, "I think she had a convulsion in her sleep", E, "seizure"),
    ("es", K, "tuvo una convulsión", E, "seizure"),
    ("es", B, "le dio un ataque y se puso rígido y temblaba", E, "seizure"),
    ("es", INO, "está convulsionando", E, "seizure"),
    ("en", K, "he won't wake up", E, "cannot-wake"),
    ("en", B, "we couldn't wake her this morning", E, "cannot-wake"),
    ("en", X, "he is unresponsive", E, "cannot-wake"),
    ("en", G, "only wakes when shaken", E, "cannot-wake"),
    ("en", INO, "she fainted in the bathroom", E, "cannot-wake"),
    ("en", K, "he passed out at dinner", E, "cannot-wake"),
    ("es", B, "no se despierta", E, "cannot-wake"),
    ("es", X, "no responde cuando le hablo", E, "cannot-wake"),
    ("es", G, "se desmayó", E, "cannot-wake"),
    ("es", K, "perdió el conocimiento un momento", E, "cannot-wake"),
    ("es", INO, "le cuesta mucho despertar", E, "cannot-wake"),
    ("en", B, "he's not breathing right", E, "breathing-or-swelling"),
    ("en", K, "struggling to breathe", E, "breathing-or-swelling"),
    ("en", X, "she has trouble breathing", E, "breathing-or-swelling"),
    ("en", G, "he can't breathe", E, "breathing-or-swelling"),
    ("en", INO, "her lips are blue", E, "breathing-or-swelling"),
    ("en", B, "his lips are swollen", E, "breathing-or-swelling"),
    ("en", X, "her face is puffy and swollen", E, "breathing-or-swelling"),
    ("en", G, "he says his throat is closing", E, "breathing-or-swelling"),
    ("es", K, "le cuesta respirar", E, "breathing-or-swelling"),
    ("es", B, "labios morados", E, "breathing-or-swelling"),
    ("es", X, "no puede respirar", E, "breathing-or-swelling"),
    ("es", G, "se le hinchó la cara", E, "breathing-or-swelling"),
    ("es", INO, "tiene la lengua hinchada", E, "breathing-or-swelling"),
    ("es", K, "respira con dificultad", E, "breathing-or-swelling"),
    ("en", G, "one side of his face is drooping", E, "one-sided-weakness"),
    ("en", K, "she can't move her left arm", E, "one-sided-weakness"),
    ("en", INO, "weakness on one side", E, "one-sided-weakness"),
    ("es", X, "tiene la boca torcida", E, "one-sided-weakness"),
    ("es", B, "no puede mover la pierna", E, "one-sided-weakness"),
    (
        "en",
        X,
        "terrible headache and she threw up",
        E,
        "severe-headache-with-vomiting-or-confusion",
    ),
    ("en", INO, "headache and he seems confused", E, "severe-headache-with-vomiting-or-confusion"),
    (
        "es",
        G,
        "dolor de cabeza muy fuerte y vomita",
        E,
        "severe-headache-with-vomiting-or-confusion",
    ),
    ("en", G, "the bleeding won't stop", E, "bleeding-emergency"),
    ("en", INO, "he vomited blood", E, "bleeding-emergency"),
    ("en", K, "black poop this morning", E, "bleeding-emergency"),
    ("en", B, "throwing up what looks like coffee grounds", E, "bleeding-emergency"),
    ("es", X, "no para de sangrar", E, "bleeding-emergency"),
    ("es", G, "vomitó sangre", E, "bleeding-emergency"),
    ("es", INO, "hace caca negra", E, "bleeding-emergency"),
    ("en", B, "he is burning up", R, "feels-feverish"),
    ("en", X, "she feels really hot", R, "feels-feverish"),
    ("en", G, "I think he has a fever", R, "feels-feverish"),
    ("es", INO, "tiene fiebre", R, "feels-feverish"),
    ("es", K, "está ardiendo", R, "feels-feverish"),
    ("es", X, "tiene calentura", R, "feels-feverish"),
    ("en", K, "she is shivering and her teeth are chattering", R, "immune-reaction-signs"),
    ("en", B, "he says he feels dizzy", R, "immune-reaction-signs"),
    ("es", K, "tiene escalofríos", R, "immune-reaction-signs"),
    ("es", B, "está mareado", R, "immune-reaction-signs"),
    ("en", K, "she seems confused tonight", R, "nervous-system-signs"),
    ("en", B, "can't find her words", R, "nervous-system-signs"),
    ("en", K, "he is slurring his words", R, "nervous-system-signs"),
    ("en", B, "she lost her balance twice", R, "nervous-system-signs"),
    ("en", K, "very sleepy and hard to keep awake", R, "nervous-system-signs"),
    ("en", B, "he is seeing things that aren't there", R, "nervous-system-signs"),
    ("en", K, "his hands are shaking", R, "nervous-system-signs"),
    ("en", X, "his handwriting looks messy today", R, "nervous-system-signs"),
    ("en", G, "she doesn't know where she is", R, "nervous-system-signs"),
    ("es", K, "está muy confundida", R, "nervous-system-signs"),
    ("es", B, "no puede hablar bien", R, "nervous-system-signs"),
    ("es", K, "habla raro", R, "nervous-system-signs"),
    ("es", B, "pierde el equilibrio", R, "nervous-system-signs"),
    ("es", K, "muy somnoliento", R, "nervous-system-signs"),
    ("es", INO, "le tiemblan las manos", R, "nervous-system-signs"),
    ("es", G, "no me reconoce", R, "nervous-system-signs"),
    ("en", K, "he is just not himself", R, "behaviour-change-car-t-blinatumomab"),
    ("es", B, "no es el mismo", R, "behaviour-change-car-t-blinatumomab"),
    ("en", X, "he has hives all over", R, "infusion-reaction-signs"),
    ("en", X, "she is wheezing", R, "infusion-reaction-signs"),
    ("es", X, "tiene urticaria", R, "infusion-reaction-signs"),
    ("en", INO, "his eyes look yellow", R, "liver-signs"),
    ("es", G, "tiene la barriga hinchada", R, "liver-signs"),
    ("en", X, "blisters on his skin and sores in his mouth", R, "skin-and-mouth-sores"),
    ("es", X, "tiene ampollas", R, "skin-and-mouth-sores"),
    ("en", INO, "he hasn't peed all day", R, "less-urine"),
    ("es", G, "no ha orinado desde ayer", R, "less-urine"),
    ("en", G, "he has a sore throat", R, "infection-signs"),
    ("en", INO, "the port site is red and swollen", R, "infection-signs"),
    ("es", INO, "le arde al orinar", R, "infection-signs"),
    ("en", G, "bruises on his legs", R, "bleeding-signs"),
    ("en", INO, "nosebleed this afternoon", R, "bleeding-signs"),
    ("es", G, "le sangra la nariz", R, "bleeding-signs"),
    ("es", INO, "tiene moretones", R, "bleeding-signs"),
    ("es", B, "tiene los pies hinchados", R, "other-listed-warnings"),
    pytest.param("en", B, "nosebleed that won't stop", E, "bleeding-emergency"),
    pytest.param(
        "en",
        G,
        "his nose is bleeding and it won't stop",
        E,
        "bleeding-emergency",
    ),
    pytest.param("es", INO, "sangra la nariz y no para", E, "bleeding-emergency"),
    pytest.param("en", K, "bloody vomit", E, "bleeding-emergency"),
    pytest.param("en", B, "he won't stop vomiting", R, "immune-reaction-signs"),
    ("en", K, "she can't stop throwing up", R, "immune-reaction-signs"),
    pytest.param("es", B, "no para de vomitar", R, "immune-reaction-signs"),
    pytest.param("es", K, "no deja de vomitar", R, "immune-reaction-signs"),
    pytest.param("en", K, "he is not waking up", E, "cannot-wake"),
    pytest.param("en", B, "not able to wake her", E, "cannot-wake"),
    pytest.param("en", X, "no one can wake him", E, "cannot-wake"),
    pytest.param("es", G, "no puedo despertarlo", E, "cannot-wake"),
    pytest.param("en", INO, "she keeps passing out", E, "cannot-wake"),
    pytest.param("en", K, "he cant breathe", E, "breathing-or-swelling"),
    pytest.param("en", B, "she can not breathe", E, "breathing-or-swelling"),
    pytest.param("en", X, "wont wake up", E, "cannot-wake"),
    pytest.param("en", G, "barely breathing", E, "breathing-or-swelling"),
    pytest.param("en", INO, "he can hardly breathe", E, "breathing-or-swelling"),
    pytest.param("en", X, "temp was 38.6 this morning", R, "fever"),
    pytest.param("es", INO, "tenía 38,7 de temperatura", R, "fever"),
    pytest.param("en", G, "temperature 101.2F", R, "fever"),
    pytest.param("en", K, "no fever confused", R, "nervous-system-signs"),
    pytest.param("en", B, "she is in a lot of pain", R, "other-listed-warnings"),
]

_QUOTED = re.compile(r'found in your note: "(.+?)" \(')


def _ids(cases: list[object]) -> list[str]:
    out = []
    for c in cases:
        values = c.values if hasattr(c, "values") else c  # type: ignore[attr-defined]
        out.append(f"{values[0]}:{values[2]}")
    return out


@pytest.mark.parametrize(
    ("lang", "therapy", "note", "tier", "rule_id"), PHRASINGS, ids=_ids(PHRASINGS)
)
def test_parent_phrasing_raises_the_right_tier(
    lang: str, therapy: str, note: str, tier: str, rule_id: str
) -> None:
    result = run(therapy, [entry(3, note=note)])
    assert result.tier is Tier(tier), rule_ids(result)
    flags = flags_of(result, rule_id)
    assert flags, rule_ids(result)
    flag = flags[0]
    assert flag.found_in_note is True
    quoted = [m.group(1) for e in flag.evidence if (m := _QUOTED.search(e))]
    assert quoted, flag.evidence
    for words in quoted:
        assert words in note, f"evidence {words!r} is not the parent's own words"


def test_there_are_at_least_sixty_working_phrasings_in_each_language_mix() -> None:
    working = [p for p in PHRASINGS if not hasattr(p, "marks")]
    assert len(working) >= 60
    assert {p[0] for p in working} == {"en", "es"}  # type: ignore[index]
    assert sum(p[0] == "es" for p in working) >= 25  # type: ignore[index]


# --- Negations ---------------------------------------------------------------------------------

NEGATED = [
    "no fever today",
    "sin fiebre",
    "no rash or itching",
    "fever-free",
    "fever free since yesterday",
    "no seizures",
    "did not have a seizure",
    "never had a seizure",
    "she isn't confused",
    "not dizzy",
    "denies headache",
    "no cough, no rash",
    "no chills and no fever",
    "no longer dizzy",
    "no more vomiting",
    "without fever",
    "free of fever",
    "no bruising",
    "no está confundido",
    "sin vómitos",
    "no le duele la cabeza",
    "sin fiebre ni tos",
    "no tiene fiebre",
    "no ha vomitado",
    "ya no tiene fiebre",
    "sin escalofríos",
    "no hay sangrado",
    "nunca ha convulsionado",
    "tampoco tiene tos",
]


@pytest.mark.parametrize("therapy", [K, B, X])
@pytest.mark.parametrize("note", NEGATED)
def test_a_negated_sign_raises_nothing(therapy: str, note: str) -> None:
    """Kymriah day 3 is inside the "report any side effect" window: nothing may slip in."""
    result = run(therapy, [entry(3, note=note)])
    assert result.flags == ()
    assert result.tier is Tier.NONE


# (note, rule that must still fire, tier, rules the negated words must NOT raise)
NEGATION_THEN_WARNING = [
    ("no fever but he had a fit", "seizure", E, {"feels-feverish"}),
    ("sin fiebre pero con convulsiones", "seizure", E, {"feels-feverish"}),
    ("no fever, but she seems confused", "nervous-system-signs", R, {"feels-feverish"}),
    ("no rash. he fainted", "cannot-wake", E, set()),
    ("sin tos, pero le cuesta respirar", "breathing-or-swelling", E, {"infection-signs"}),
    ("no vomiting; black poop this morning", "bleeding-emergency", E, set()),
    ("sin fiebre y tiene los labios morados", "breathing-or-swelling", E, {"feels-feverish"}),
    ("no seizures today but he is very sleepy", "nervous-system-signs", R, {"seizure"}),
    ("no le duele nada pero no se despierta", "cannot-wake", E, set()),
    ("fever-free but can't find her words", "nervous-system-signs", R, {"feels-feverish"}),
    ("not dizzy, just a bad headache and she threw up",
     "severe-headache-with-vomiting-or-confusion", E, set()),
]  # fmt: skip


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize(
    ("note", "rule_id", "tier", "absent"),
    NEGATION_THEN_WARNING,
    ids=[n for n, *_ in NEGATION_THEN_WARNING],
)
def test_a_negation_never_hides_a_different_warning(
    therapy: str, note: str, rule_id: str, tier: str, absent: set[str]
) -> None:
    result = run(therapy, [entry(20, note=note)])
    assert result.tier is Tier(tier)
    (flag,) = flags_of(result, rule_id)
    assert flag.found_in_note
    assert not absent & set(rule_ids(result))


def test_the_negated_symptom_is_not_quoted_as_evidence() -> None:
    result = run(B, [entry(3, note="no fever but he had a fit")])
    evidence = " ".join(e for f in result.flags for e in f.evidence)
    assert "had a fit" in evidence
    assert "fever" not in evidence.replace("Seizure (fit)", "")


# --- False alarms ------------------------------------------------------------------------------


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize("day", [1, 20, 90])
def test_a_faint_rash_is_a_rash_not_fainting(therapy: str, day: int) -> None:
    faint = run(therapy, [entry(day, note="a faint rash on her arm")])
    plain_rash = run(therapy, [entry(day, note="a rash on her arm")])
    assert "cannot-wake" not in rule_ids(faint)
    assert faint.tier is not Tier.EMERGENCY
    assert faint.tier is plain_rash.tier  # whatever a rash gets on this therapy and day
    assert rule_ids(faint) == rule_ids(plain_rash)


def test_a_faint_rash_where_rash_is_not_a_listed_warning_is_for_the_next_visit() -> None:
    """Inotuzumab, day 20: no source lists a rash and no infusion window is open."""
    result = run(INO, [entry(20, note="a faint rash on her arm")])
    assert result.tier is Tier.NOTE_FOR_VISIT
    assert rule_ids(result) == ["other-symptoms"]


FALSE_ALARMS = [
    "se le cae el pelo",
    "I can't remember if I gave it",
    "it was hot outside",
    "it was hot outside so we stayed in and watched a movie",
    "went to the park, had a great day",
    "ate all his dinner and played with his sister",
    "the nurse said the line looks good",
    "she is no longer tired, back to her usual self",
    "hace calor afuera",
    "comió bien y jugó toda la tarde",
    "we talked about what to do if he has a seizure",
]


@pytest.mark.parametrize("therapy", THERAPIES)
@pytest.mark.parametrize("note", FALSE_ALARMS[:10])
def test_everyday_words_are_not_a_warning(therapy: str, note: str) -> None:
    result = run(therapy, [entry(90, note=note)])
    assert rank(result.tier) <= rank(Tier.NOTE_FOR_VISIT), rule_ids(result)
    assert not {"cannot-wake", "feels-feverish", "nervous-system-signs"} & set(rule_ids(result))


@pytest.mark.parametrize("therapy", THERAPIES)
def test_talking_about_a_seizure_plan_still_alerts(therapy: str) -> None:
    """Deliberately over-cautious: the note reader cannot tell a plan from an event, and a
    question for the team is the safe mistake (note_phrases.toml header)."""
    result = run(therapy, [entry(90, note=FALSE_ALARMS[10])])
    assert result.tier is Tier.EMERGENCY


# --- The phrase data itself --------------------------------------------------------------------


def test_every_note_pattern_is_written_in_plain_form() -> None:
    """Notes are matched lower-case and without accents: a pattern with a capital letter or an
    accent can never match and would be a dead warning."""
    for p in rules().phrases:
        literal = re.sub(r"\\[A-Za-z]", "", p.pattern)  # keep \b, \w ... out of the check
        assert literal == plain(literal), f"{p.symptom_id} ({p.language}): {p.pattern!r}"
        assert literal.isascii(), f"{p.symptom_id} ({p.language}): {p.pattern!r}"


def _warning_symptoms() -> list[object]:
    known = {"other_pain"}
    return [
        pytest.param(s.id) if s.id in known else s.id
        for s in catalogue().symptoms
        if any(w.is_warning for w in s.listed_under)
        or set(s.rules) & {f"R{n}" for n in range(1, 18)}
    ]


@pytest.mark.parametrize("symptom_id", _warning_symptoms())
def test_every_warning_symptom_can_be_found_in_english_and_spanish_notes(symptom_id: str) -> None:
    languages = {p.language for p in rules().phrases if p.symptom_id == symptom_id}
    assert languages == {"en", "es"}


def test_a_long_note_is_read_quickly_and_still_alerts() -> None:
    import time

    note = "Quiet day, ate a little, watched TV. " * 250 + "Tonight he had a fit."
    started = time.perf_counter()
    result = run(B, [entry(3, note=note)])
    assert time.perf_counter() - started < 1.0
    assert result.tier is Tier.EMERGENCY


def test_curly_apostrophes_and_capitals_are_read() -> None:
    result = run(B, [entry(3, note="HE WON’T WAKE UP")])
    assert result.tier is Tier.EMERGENCY
    (flag,) = flags_of(result, "cannot-wake")
    assert "WON’T WAKE" in flag.evidence[0]
