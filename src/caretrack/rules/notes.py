"""Finding warning signs a parent described in their own words.

Notes are matched clause by clause. A negation cue shortly before a phrase ("no fever today",
"sin fiebre") cancels only that phrase, so "no fever but she had a fit" still finds the fit.
Anything not clearly negated counts: a missed warning is worse than a question for the team.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from caretrack.rules.model import NotePhrase

NEGATION_REACH = 3  # words before a phrase that a cue like "no" or "not" can cover


@dataclass(frozen=True)
class NoteFinding:
    symptom_id: str
    words: str  # the words as the parent wrote them


def plain(text: str) -> str:
    """Lower case, no accents, straight apostrophes: 'RESPIRÓ' -> 'respiro'."""
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class NoteReader:
    def __init__(
        self,
        phrases: tuple[NotePhrase, ...],
        negations: dict[str, tuple[str, ...]],
        clause_breaks: tuple[str, ...],
    ) -> None:
        self._phrases = [(p.symptom_id, re.compile(p.pattern)) for p in phrases]
        cues = sorted({plain(c) for words in negations.values() for c in words}, key=len)
        self._negation = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues[::-1]) + r")\b")
        breaks = "|".join(re.escape(plain(b)) for b in clause_breaks)
        self._clauses = re.compile(r"[.!?;:,\n()]+|\b(?:" + breaks + r")\b")

    def read(self, note: str) -> tuple[NoteFinding, ...]:
        """Every symptom the note describes and does not negate, in order of appearance."""
        if not note.strip():
            return ()
        original = unicodedata.normalize("NFC", note)
        # Plain text built character by character, so every match maps back to the original.
        text = "".join(plain(ch) for ch in original)
        offsets = _offsets(original)
        found: list[tuple[int, NoteFinding]] = []
        seen: set[str] = set()
        for symptom_id, pattern in self._phrases:
            if symptom_id in seen:
                continue
            for m in pattern.finditer(text):
                if self._negated(text[: m.start()]):
                    continue
                end = m.end()
                while end < len(text) and text[end].isalnum():  # show whole words
                    end += 1
                words = original[offsets[m.start()] : offsets[end]].strip()
                found.append((m.start(), NoteFinding(symptom_id, words)))
                seen.add(symptom_id)
                break
        return tuple(f for _, f in sorted(found, key=lambda pair: pair[0]))

    def _negated(self, before: str) -> bool:
        """A cue among the last few words of the same clause ("no fever", "sin fiebre")."""
        breaks = list(self._clauses.finditer(before))
        clause = before[breaks[-1].end() :] if breaks else before
        words = re.findall(r"[\w']+", clause)[-NEGATION_REACH:]
        return bool(self._negation.search(" ".join(words)))


def _offsets(original: str) -> list[int]:
    """offsets[i] = index in `original` of the character that produced plain(original)[i]."""
    result: list[int] = []
    for index, ch in enumerate(original):
        result.extend([index] * len(plain(ch)))
    result.append(len(original))
    return result
