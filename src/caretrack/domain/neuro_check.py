"""The daily neuro check: which "different from usual?" questions to ask a child of this age.

A change in any domain is reported like the matching symptom (clinical.md §6.2 R7, R8), so
the ordinary rules raise "report to care team now". No ICE or CAPD score is ever computed:
the questions only ask whether something differs from the child's own usual (§2.3, §6.3).
"""

from __future__ import annotations

from dataclasses import dataclass

from caretrack.domain.i18n import QT_TRANSLATE_NOOP

_CTX = "neuro_check"

# The six domains of contracts/cli.md, then the CAPD domains for young children (S45) in
# plain words. Each maps to the symptom whose rule covers it (R7 for the first, R8 after).
CHANGE_MEANS: dict[str, str] = {
    "speech": "speech_trouble",
    "writing": "worse_handwriting",
    "balance": "balance_loss",
    "alertness": "less_alert",
    "behaviour": "unusual_behaviour",
    "recognition": "confusion",
    "understanding": "speech_trouble",
    "eye_contact": "unusual_behaviour",
    "purposeful": "unusual_behaviour",
    "awareness": "unusual_behaviour",
    "communicating": "unusual_behaviour",
    "restless": "agitation",
    "inconsolable": "unusual_behaviour",
    "underactive": "less_alert",
    "slow_response": "unusual_behaviour",
}

WRITING_FROM_AGE = 6  # "for children who write" (R7); the parent can still skip the pad
CAPD_BELOW_AGE = 12  # CAPD domains for children under 12 (clinical.md §2.3, R8)


@dataclass(frozen=True)
class Question:
    domain: str
    text: str  # translatable, with {name}
    hint: str = ""


_QUESTIONS: dict[str, Question] = {
    "speech": Question(
        "speech",
        QT_TRANSLATE_NOOP(_CTX, "Does {name} talk differently from usual?"),
        QT_TRANSLATE_NOOP(_CTX, "Slurred or slow words, wrong words, or not talking."),
    ),
    "understanding": Question(
        "understanding",
        QT_TRANSLATE_NOOP(_CTX, "Does {name} understand you less well than usual?"),
        QT_TRANSLATE_NOOP(_CTX, "Ask them to point to their nose, then to the door."),
    ),
    "writing": Question(
        "writing",
        QT_TRANSLATE_NOOP(_CTX, "Is {name}'s writing different from their usual?"),
        QT_TRANSLATE_NOOP(_CTX, "Compare today's sentence with the earlier days."),
    ),
    "balance": Question(
        "balance",
        QT_TRANSLATE_NOOP(
            _CTX, "Is {name} less steady than usual when sitting, standing or walking?"
        ),
        QT_TRANSLATE_NOOP(_CTX, "Wobbly, falling over, or new shaking hands."),
    ),
    "alertness": Question(
        "alertness",
        QT_TRANSLATE_NOOP(_CTX, "Is {name} sleepier or harder to wake than usual?"),
    ),
    "behaviour": Question(
        "behaviour",
        QT_TRANSLATE_NOOP(_CTX, "Is {name} acting differently from their usual self?"),
        QT_TRANSLATE_NOOP(_CTX, "Upset, confused, seeing things, or not themselves."),
    ),
    "recognition": Question(
        "recognition",
        QT_TRANSLATE_NOOP(_CTX, "Does {name} know who you are and where they are, as usual?"),
        QT_TRANSLATE_NOOP(_CTX, "Answer 'different' if they seem mixed up about this."),
    ),
    "eye_contact": Question(
        "eye_contact",
        QT_TRANSLATE_NOOP(_CTX, "Does {name} look at you less than usual?"),
    ),
    "purposeful": Question(
        "purposeful",
        QT_TRANSLATE_NOOP(_CTX, "Does {name} play or reach for things less than usual?"),
    ),
    "awareness": Question(
        "awareness",
        QT_TRANSLATE_NOOP(_CTX, "Does {name} notice what is around them less than usual?"),
    ),
    "communicating": Question(
        "communicating",
        QT_TRANSLATE_NOOP(_CTX, "Is it harder than usual for {name} to show what they want?"),
    ),
    "restless": Question(
        "restless",
        QT_TRANSLATE_NOOP(_CTX, "Is {name} more restless than usual?"),
    ),
    "inconsolable": Question(
        "inconsolable",
        QT_TRANSLATE_NOOP(_CTX, "Is {name} harder to comfort than usual?"),
    ),
    "underactive": Question(
        "underactive",
        QT_TRANSLATE_NOOP(_CTX, "Does {name} move much less than usual while awake?"),
    ),
    "slow_response": Question(
        "slow_response",
        QT_TRANSLATE_NOOP(_CTX, "Does {name} take longer than usual to respond to you?"),
    ),
}

_YOUNG = ("eye_contact", "purposeful", "awareness", "communicating", "restless",
          "inconsolable", "underactive", "slow_response")  # fmt: skip
_TALKING = ("speech", "understanding", "balance", "alertness", "behaviour", "recognition")


def questions_for(age_years: int, writes: bool | None = None) -> tuple[Question, ...]:
    """The questions for a child of this age, in the order a parent can ask them.

    Under 2: the CAPD domains only. 2 to 11: the everyday domains, then the CAPD ones that add
    something. 12 and over: the everyday domains. Writing is asked of children who write
    (from 6 unless the parent says otherwise).
    """
    writes = age_years >= WRITING_FROM_AGE if writes is None else writes
    if age_years < 2:
        domains: tuple[str, ...] = _YOUNG
    elif age_years < CAPD_BELOW_AGE:
        domains = (*_TALKING, "eye_contact", "restless", "inconsolable", "slow_response")
    else:
        domains = _TALKING
    if writes:
        domains = ("writing", *domains)
    return tuple(_QUESTIONS[d] for d in domains)


def question(domain: str) -> Question:
    return _QUESTIONS[domain]


SENTENCE = QT_TRANSLATE_NOOP(_CTX, "The sun is shining and the birds are singing.")
