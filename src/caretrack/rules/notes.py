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
    severity: int | None = None  # from a word just before it ("mild", "muy fuerte"); None: unsaid


@dataclass(frozen=True)
class NoteReading:
    """A temperature written in the note ("temp was 38.6", "tenía 38,7", "101.2F")."""

    tenths: int
    unit: str  # "C" or "F"
    words: str


def plain(text: str) -> str:
    """Lower case, no accents, straight apostrophes: 'RESPIRÓ' -> 'respiro'."""
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Words between two phrases that carry a negation on ("no rash or itching", "sin fiebre ni tos").
_CARRY = {"or", "nor", "ni", "o", "u", "/"}
_SEVERITY_WORDS: dict[str, int] = {
    "mild": 1, "slight": 1, "slightly": 1, "a bit of": 1, "a bit": 1, "a little": 1, "bit of": 1,
    "leve": 1, "un poco de": 1, "un poco": 1, "poco": 1, "ligero": 1, "ligera": 1,
    "moderate": 2, "moderado": 2, "moderada": 2,
    "severe": 3, "bad": 3, "very bad": 3, "really bad": 3, "terrible": 3, "awful": 3,
    "horrible": 3, "intense": 3, "strong": 3, "fuerte": 3, "muy fuerte": 3, "intenso": 3,
    "intensa": 3, "severo": 3, "severa": 3, "grave": 3, "worst": 4, "unbearable": 4,
    "insoportable": 4,
}  # fmt: skip
_TEMP_WORDS = r"(?:temp|temps|temperature|temperatura|fever|fiebre|reading|thermometer|termometro)"
_NUMBER = r"(\d{2,3}(?:[.,]\d{1,2})?)"
_NOTE_TEMP = re.compile(
    rf"\b{_NUMBER}\s*(?:°|º|deg(?:rees)?|grados?)?\s*([cf])\b"  # 38.6 C, 101.2F
    rf"|\b{_TEMP_WORDS}\b[^.;!?\d]{{0,25}}?{_NUMBER}\b"  # temp was 38.6
    rf"|\b{_NUMBER}\s*(?:°|º)"  # 38.6°
    rf"|\b{_NUMBER}\s*(?:grados?\s*)?(?:de\s+)?{_TEMP_WORDS}\b"  # 38,7 de fiebre
)


class NoteReader:
    def __init__(
        self,
        phrases: tuple[NotePhrase, ...],
        negations: dict[str, tuple[str, ...]],
        clause_breaks: tuple[str, ...],
        continuing: tuple[str, ...] = (),
    ) -> None:
        self._phrases = [(p.symptom_id, re.compile(p.pattern)) for p in phrases]
        cues = sorted({plain(c) for words in negations.values() for c in words}, key=len)
        self._negation = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues[::-1]) + r")\b")
        breaks = "|".join(re.escape(plain(b)) for b in clause_breaks)
        self._clauses = re.compile(r"[.!?;:,\n()]+|\b(?:" + breaks + r")\b")
        # "won't stop", "no para de": they look like negations but say it goes on.
        going = sorted({plain(c) for c in continuing}, key=len, reverse=True)
        self._continuing = (
            re.compile(r"\b(?:" + "|".join(re.escape(c) for c in going) + r")\b") if going else None
        )
        severity = sorted(_SEVERITY_WORDS, key=len, reverse=True)
        self._severity = re.compile(
            r"\b(" + "|".join(re.escape(w) for w in severity) + r")\s+(?:\w+\s+)?$"
        )

    def read(self, note: str) -> tuple[NoteFinding, ...]:
        """Every symptom the note describes and does not negate, in order of appearance."""
        if not note.strip():
            return ()
        original = unicodedata.normalize("NFC", note)
        # Plain text built character by character, so every match maps back to the original.
        text = "".join(plain(ch) for ch in original)
        offsets = _offsets(original)
        matches: list[tuple[int, int, str]] = []
        for symptom_id, pattern in self._phrases:
            for m in pattern.finditer(text):
                end = m.end()
                while end < len(text) and text[end].isalnum():  # show whole words
                    end += 1
                matches.append((m.start(), end, symptom_id))
        matches.sort()
        negated: list[bool] = []
        found: dict[str, NoteFinding] = {}
        for i, (start, end, symptom_id) in enumerate(matches):
            negated.append(self._negated(text, matches, negated, i))
            if negated[i] or symptom_id in found:
                continue
            words = original[offsets[start] : offsets[end]].strip()
            found[symptom_id] = NoteFinding(symptom_id, words, self._severity_before(text, start))
        return tuple(found.values())

    def readings(self, note: str) -> tuple[NoteReading, ...]:
        """Temperatures written as numbers; the unit inferred only where it cannot be misread."""
        text = "".join(plain(ch) for ch in unicodedata.normalize("NFC", note))
        found = []
        for m in _NOTE_TEMP.finditer(text):
            number = m.group(1) or m.group(3) or m.group(4) or m.group(5)
            unit = (m.group(2) or "").upper()
            value = float(number.replace(",", "."))
            if not unit:
                unit = "C" if 34.0 <= value <= 43.0 else "F" if 93.0 <= value <= 110.0 else ""
            if not unit:
                continue
            tenths = round(value * 10)
            found.append(NoteReading(tenths, unit, m.group(0).strip()))
        return tuple(found)

    def _negated(
        self, text: str, matches: list[tuple[int, int, str]], negated: list[bool], i: int
    ) -> bool:
        """A cue shortly before, in the same clause, and not already used by an earlier phrase."""
        start = matches[i][0]
        breaks = list(self._clauses.finditer(text, 0, start))
        clause_start = breaks[-1].end() if breaks else 0
        earlier = [j for j in range(i) if clause_start <= matches[j][0] and matches[j][1] <= start]
        if earlier:
            j = max(earlier, key=lambda k: matches[k][1])
            gap = text[matches[j][1] : start]
            if gap.strip() in _CARRY:
                return negated[j]
            return self._cue_in(gap)
        return self._cue_in(text[clause_start:start])

    def _cue_in(self, segment: str) -> bool:
        if self._continuing is not None:
            segment = self._continuing.sub(" ", segment)
        words = re.findall(r"[\w']+", segment)[-NEGATION_REACH:]
        return bool(self._negation.search(" ".join(words)))

    def _severity_before(self, text: str, start: int) -> int | None:
        m = self._severity.search(text[max(0, start - 30) : start])
        return None if m is None else _SEVERITY_WORDS[m.group(1)]


def _offsets(original: str) -> list[int]:
    """offsets[i] = index in `original` of the character that produced plain(original)[i]."""
    result: list[int] = []
    for index, ch in enumerate(original):
        result.extend([index] * len(plain(ch)))
    result.append(len(original))
    return result
