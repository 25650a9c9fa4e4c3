"""`caretrack summary` as a real subprocess, with no display (contracts/cli.md)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from caretrack.domain.catalogue import Catalogue
from caretrack.services import open_services
from caretrack.services.clock import FixedClock
from tests.cli.test_cli import assert_bad_input, run
from tests.conftest import NOW
from tests.ui.summary.therapy_data import pump_week


def pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("summary") / "data"
    assert run("demo", data_dir=folder).returncode == 0
    return folder


def test_writes_the_pdf_without_a_display_and_prints_the_path(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "maya.pdf"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CARETRACK_DATA_DIR", "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    today = date.today()
    result = subprocess.run(
        [sys.executable, "-m", "caretrack", "--data-dir", str(demo), "summary",
         "--child", "maya", "--from", (today - timedelta(days=6)).isoformat(),
         "--to", today.isoformat(), "--out", str(out), "--paper", "letter"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "Maya" in text and "Blinatumomab" in text
    assert "Can Maya go back to school after this cycle?" in text  # the demo's question
    assert not list(tmp_path.glob(".*"))  # no temporary file left beside it


def test_default_period_needs_no_dates(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "leo.pdf"
    result = run("summary", "--child", "Leo", "--out", str(out), data_dir=demo)
    assert result.returncode == 0, result.stderr
    assert "Leo" in pdf_text(out)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--child", "Nobody"], "no child called 'Nobody'"),
        (["--child", "Maya", "--from", "5 Nov"], "--from must be a date"),
        (["--child", "Maya", "--from", "2026-11-05", "--to", "2026-11-01"], "before"),
    ],
)
def test_bad_input_is_one_plain_line(
    demo: Path, tmp_path: Path, args: list[str], words: str
) -> None:
    out = tmp_path / "x.pdf"
    assert_bad_input(run("summary", *args, "--out", str(out), data_dir=demo), words)
    assert not out.exists()


def test_a_missing_folder_for_the_file_is_bad_input(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "x.pdf"
    assert_bad_input(
        run("summary", "--child", "Maya", "--out", str(out), data_dir=demo), "does not exist"
    )


def test_a_pump_week_with_writing_samples_prints_its_therapy_parts(
    qapp: QApplication, catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command draws the same pages as the window: the pump's stops worked out from the
    logged times, the writing samples as images on the page, the team's medicine list."""
    monkeypatch.setenv("TZ", "America/New_York")  # the family's zone, where they logged
    folder = tmp_path / "data"
    services = open_services(folder, catalogue, FixedClock(NOW))
    try:
        week = pump_week(services, date(2026, 10, 30), checks=2)
    finally:
        services.close()
    out = tmp_path / "week.pdf"
    result = run(
        "summary", "--child", "Maya", "--from", week.start.isoformat(),
        "--to", week.end.isoformat(), "--out", str(out), data_dir=folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Stopped 09:10, restarted 13:20: 4 h 10 min" in text
    assert "Stopped 17:40, not restarted by the end of this period: 6 h 20 min so far" in text
    assert "Daily neuro checks" in text and "All as usual" in text
    assert "Every 8 hours if she feels sick" in text
    assert sum(len(page.images) for page in PdfReader(out).pages) == 2
