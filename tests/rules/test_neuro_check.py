"""The daily neuro check: any change from usual raises report_now (R7, R8); no score exists."""

from __future__ import annotations

import pytest

from caretrack.domain.flags import Tier
from caretrack.domain.model import EntryContent, NeuroCheck
from caretrack.domain.neuro_check import CHANGE_MEANS, questions_for
from caretrack.rules import evaluate
from tests.rules.support import at, catalogue, rules, situation

CHECK_THERAPIES = ("tisagenlecleucel", "blinatumomab")


def check(changed: tuple[str, ...] = (), unsure: tuple[str, ...] = ()) -> EntryContent:
    return EntryContent(
        observed_at=at(6),
        neuro_check=NeuroCheck(asked=tuple(CHANGE_MEANS), changed=changed + unsure, unsure=unsure),
    )


@pytest.mark.parametrize("therapy", CHECK_THERAPIES)
@pytest.mark.parametrize("domain", sorted(CHANGE_MEANS))
def test_any_change_from_usual_raises_report_now(therapy: str, domain: str) -> None:
    result = evaluate(rules(), catalogue(), situation(therapy), [("e", check((domain,)))])
    assert result.tier is Tier.REPORT_NOW, domain
    (flag,) = [f for f in result.flags if f.tier is Tier.REPORT_NOW]
    assert domain.replace("_", " ") in flag.evidence[0]
    assert "Daily check" in flag.evidence[0]


@pytest.mark.parametrize("therapy", CHECK_THERAPIES)
def test_not_sure_counts_as_a_change(therapy: str) -> None:
    result = evaluate(rules(), catalogue(), situation(therapy), [("e", check((), ("balance",)))])
    assert result.tier is Tier.REPORT_NOW


@pytest.mark.parametrize("therapy", CHECK_THERAPIES)
def test_all_usual_raises_nothing(therapy: str) -> None:
    result = evaluate(rules(), catalogue(), situation(therapy), [("e", check())])
    assert result.tier is Tier.NONE and result.flags == ()


def test_two_answers_meaning_one_symptom_name_both() -> None:
    result = evaluate(
        rules(), catalogue(), situation("tisagenlecleucel"),
        [("e", check(("eye_contact", "inconsolable")))],
    )  # fmt: skip
    evidence = " ".join(e for f in result.flags for e in f.evidence)
    assert "eye contact" in evidence and "inconsolable" in evidence


def test_a_check_never_lowers_what_the_checklist_said() -> None:
    """A seizure ticked on the same entry stays an emergency."""
    from caretrack.domain.model import SymptomReport

    content = EntryContent(
        observed_at=at(6),
        symptoms=(SymptomReport("seizure", None),),
        neuro_check=NeuroCheck(asked=("speech",), changed=()),
    )
    result = evaluate(rules(), catalogue(), situation("tisagenlecleucel"), [("e", content)])
    assert result.tier is Tier.EMERGENCY


@pytest.mark.parametrize(
    ("age", "must", "must_not"),
    [
        (1, {"eye_contact", "inconsolable", "underactive"}, {"writing", "speech"}),
        (4, {"speech", "balance", "eye_contact"}, {"writing"}),
        (7, {"writing", "speech", "restless"}, set()),
        (14, {"writing", "speech", "understanding"}, {"eye_contact", "inconsolable"}),
    ],
)
def test_questions_are_worded_for_the_age(age: int, must: set[str], must_not: set[str]) -> None:
    domains = {q.domain for q in questions_for(age)}
    assert must <= domains and not (must_not & domains)
    assert all(d in CHANGE_MEANS for d in domains)


def test_a_child_who_does_not_write_yet_is_not_asked_to() -> None:
    assert "writing" not in {q.domain for q in questions_for(8, writes=False)}
    assert "writing" in {q.domain for q in questions_for(5, writes=True)}


def test_no_question_mentions_a_score_or_grade() -> None:
    words = " ".join(q.text + " " + q.hint for age in range(0, 19) for q in questions_for(age))
    for banned in ("score", "grade", "ICE", "CAPD", "ICANS", "CRS"):
        assert banned not in words
