"""Cleaning free text before it is stored (reliability.md §7 rows 10-11)."""

from __future__ import annotations

import unicodedata

NOTE_LIMIT = 10_000
SHORT_LIMIT = 200

_ALLOWED_CONTROLS = {"\n", "\t"}


def clean_text(text: str, limit: int) -> tuple[str, bool]:
    """NFC, no control or lone-surrogate characters, at most `limit` characters.

    Returns the cleaned text and whether anything had to be cut, so the form can say so.
    Bidi controls such as U+202E are removed so a note cannot reorder the printed page.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in _ALLOWED_CONTROLS:
            kept.append(ch)
        elif cat in ("Cc", "Cs") or (cat == "Cf" and _is_bidi_control(ch)):
            continue
        else:
            kept.append(ch)
    cleaned = unicodedata.normalize("NFC", "".join(kept)).strip()
    if len(cleaned) > limit:
        return cleaned[:limit], True
    return cleaned, False


def _is_bidi_control(ch: str) -> bool:
    return ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
