"""Notes in any language survive into the PDF as real, extractable text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import Child, EntryContent
from caretrack.reports import Period
from caretrack.services import Services
from caretrack.ui.summary import Paper, write_pdf
from caretrack.ui.summary.style import body_font
from tests.ui.summary.conftest import at, save
from tests.ui.summary.pdf_text import all_text, normalise, squash

NOTES = {
    "spanish": "Tenía fiebre y escalofríos; comió poco. ¿Llamamos mañana al equipo?",
    "hebrew": "היא אכלה מעט בערב והרגישה חם",
    "arabic": "كانت تشعر بالحرارة وأكلت قليلا",
    "chinese": "她今天有点发烧，吃得很少。",
    "symbols": "Better now ❤ ☺ — 38,5 °C → 37,2 °C",
}
EMOJI_NOTE = "Slept well 😊 then cried 🤒"


def _pdf(
    services: Services, child: Child, catalogue: Catalogue, out: Path, notes: list[str]
) -> str:
    for hour, note in enumerate(notes, start=7):
        save(services, child, EntryContent(observed_at=at(date(2026, 11, 3), hour), note=note))
    summary = services.summaries.build(child.id, Period(date(2026, 11, 1), date(2026, 11, 5)))
    path = out / "notes.pdf"
    write_pdf(summary, catalogue, path, Paper.A4)
    return all_text(path)


def test_notes_in_many_languages_appear_in_full(
    qapp: QApplication, services: Services, child: Child, catalogue: Catalogue, out: Path
) -> None:
    text = squash(_pdf(services, child, catalogue, out, list(NOTES.values())))
    for name in ("spanish", "chinese", "symbols"):
        assert squash(NOTES[name]) in text, name
    # pypdf gives right-to-left text in visual order (poppler's pdftotext reorders it); either
    # way every letter is there, in one unbroken run, so it was drawn as real text.
    for name in ("hebrew", "arabic"):
        note = squash(normalise(NOTES[name]))
        assert note in text or _same_letters(note, text), name


def _same_letters(note: str, text: str) -> bool:
    """Some note in the text holds exactly the note's letters. pypdf returns right-to-left
    text in drawing order, and an Arabic ligature such as lam-alef comes back as one glyph
    whose letters keep their logical order, so the order can't be compared, only the letters."""
    want = sorted(note)
    return any(sorted(part[: len(note)]) == want for part in text.split("Note:")[1:])


def _has_glyphs(text: str) -> bool:
    """Whether Qt finds a real glyph (not the empty 'tofu' box, glyph 0) for every character,
    through its font fallback, as it will when drawing the PDF."""
    layout = QTextLayout(text, body_font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return all(0 not in run.glyphIndexes() for run in layout.glyphRuns())


def test_emoji_in_a_note(
    qapp: QApplication, services: Services, child: Child, catalogue: Catalogue, out: Path
) -> None:
    emoji = [ch for ch in EMOJI_NOTE if ord(ch) > 0xFFFF]
    missing = [ch for ch in emoji if not _has_glyphs(ch)]
    if missing:
        pytest.xfail(
            f"no installed font draws {' '.join(missing)}: install fonts-noto-color-emoji "
            "(or fonts-symbola) for emoji in printed notes"
        )
    text = _pdf(services, child, catalogue, out, [EMOJI_NOTE])
    assert "Slept well" in text and "then cried" in text  # the words around them survive
    if not all(ch in text for ch in emoji):
        pytest.xfail(
            "emoji are drawn but do not extract as text: Qt 6.11-6.12's PDF ToUnicode map holds "
            "16-bit code units only, so characters beyond U+FFFF cannot be mapped back"
        )
