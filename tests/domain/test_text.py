"""Free text is cleaned and capped before it is stored."""

from __future__ import annotations

import unicodedata

from caretrack.domain.text import NOTE_LIMIT, clean_text


def test_keeps_newlines_tabs_emoji_and_right_to_left_text() -> None:
    text = "Fever 🌡️\n\tשלום مرحبا"
    assert clean_text(text, NOTE_LIMIT) == (text, False)


def test_strips_nul_controls_bidi_overrides_and_lone_surrogates() -> None:
    dirty = "a\x00b\x07c\u202ed\ud800e"
    assert clean_text(dirty, NOTE_LIMIT) == ("abcde", False)


def test_normalises_to_nfc() -> None:
    decomposed = "Jose\u0301"
    cleaned, _ = clean_text(decomposed, NOTE_LIMIT)
    assert cleaned == unicodedata.normalize("NFC", decomposed) == "José"


def test_caps_huge_text_and_says_so() -> None:
    cleaned, cut = clean_text("x" * 1_000_000, NOTE_LIMIT)
    assert len(cleaned) == NOTE_LIMIT
    assert cut is True


def test_windows_line_endings_become_newlines() -> None:
    assert clean_text("a\r\nb\rc", 100) == ("a\nb\nc", False)
