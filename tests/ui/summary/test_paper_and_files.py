"""Paper sizes, the locale's default, and writing the file atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Summary
from caretrack.ui.summary import Paper, SummaryWriteError, default_paper, pdf_file, write_pdf
from caretrack.ui.summary.paper import paper_for_territory
from tests.ui.summary.pdf_text import page_sizes

A4_PT = (595.3, 841.9)
LETTER_PT = (612.0, 792.0)


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, A4_PT), (Paper.LETTER, LETTER_PT)])
def test_page_size_on_every_page(
    qapp: QApplication,
    demo_summary: Summary,
    catalogue: Catalogue,
    out: Path,
    paper: Paper,
    size: tuple[float, float],
) -> None:
    path = out / f"{paper}.pdf"
    write_pdf(demo_summary, catalogue, path, paper)
    sizes = page_sizes(path)
    assert len(sizes) >= 2
    for width, height in sizes:
        assert width == pytest.approx(size[0], abs=0.6)
        assert height == pytest.approx(size[1], abs=0.6)


@pytest.mark.parametrize(
    ("territory", "paper"),
    [
        (QLocale.Country.UnitedStates, Paper.LETTER),
        (QLocale.Country.Canada, Paper.LETTER),
        (QLocale.Country.Mexico, Paper.LETTER),
        (QLocale.Country.Philippines, Paper.LETTER),
        (QLocale.Country.Chile, Paper.LETTER),
        (QLocale.Country.Germany, Paper.A4),
        (QLocale.Country.UnitedKingdom, Paper.A4),
        (QLocale.Country.Spain, Paper.A4),
        (QLocale.Country.Argentina, Paper.A4),
    ],
)
def test_paper_follows_the_territory(territory: QLocale.Country, paper: Paper) -> None:
    assert paper_for_territory(territory) is paper


def test_default_paper_reads_the_locale(qapp: QApplication) -> None:
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert default_paper() is Paper.LETTER
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
        assert default_paper() is Paper.A4
    finally:
        QLocale.setDefault(before)


def test_missing_folder_is_a_plain_error(
    qapp: QApplication, demo_summary: Summary, catalogue: Catalogue, out: Path
) -> None:
    target = out / "not-there" / "summary.pdf"
    with pytest.raises(SummaryWriteError, match="does not exist"):
        write_pdf(demo_summary, catalogue, target, Paper.A4)
    assert not target.parent.exists()


def test_a_folder_as_target_is_refused(
    qapp: QApplication, demo_summary: Summary, catalogue: Catalogue, out: Path
) -> None:
    folder = out / "summary.pdf"
    folder.mkdir()
    with pytest.raises(SummaryWriteError, match="is a folder"):
        write_pdf(demo_summary, catalogue, folder, Paper.A4)
    assert folder.is_dir() and not any(folder.iterdir())
    assert sorted(p.name for p in out.iterdir()) == ["summary.pdf"]


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write into read-only folders"
)
def test_read_only_folder_keeps_the_old_file(
    qapp: QApplication, demo_summary: Summary, catalogue: Catalogue, out: Path
) -> None:
    target = out / "summary.pdf"
    target.write_bytes(b"old summary")
    out.chmod(0o555)
    try:
        with pytest.raises(SummaryWriteError, match="could not save"):
            write_pdf(demo_summary, catalogue, target, Paper.A4)
    finally:
        out.chmod(0o755)
    assert target.read_bytes() == b"old summary"
    assert [p.name for p in out.iterdir()] == ["summary.pdf"]


def test_failure_while_drawing_keeps_the_old_file(
    qapp: QApplication,
    demo_summary: Summary,
    catalogue: Catalogue,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Works as root too: the write fails half-way, after the temporary file was opened."""
    target = out / "summary.pdf"
    target.write_bytes(b"old summary")

    def broken(*_args: object) -> int:
        raise RuntimeError("disk went away")

    monkeypatch.setattr(pdf_file, "render", broken)
    with pytest.raises(SummaryWriteError, match="nothing was saved"):
        write_pdf(demo_summary, catalogue, target, Paper.A4)
    assert target.read_bytes() == b"old summary"
    assert [p.name for p in out.iterdir()] == ["summary.pdf"]  # no temporary file left


def test_success_replaces_the_file_and_leaves_nothing_else(
    qapp: QApplication, demo_summary: Summary, catalogue: Catalogue, out: Path
) -> None:
    target = out / "summary.pdf"
    target.write_bytes(b"old summary")
    write_pdf(demo_summary, catalogue, target, Paper.A4)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert [p.name for p in out.iterdir()] == ["summary.pdf"]
