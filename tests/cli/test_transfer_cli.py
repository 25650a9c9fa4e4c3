"""`caretrack export` and `caretrack import` as real subprocesses (contracts/cli.md)."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

from tests.cli.test_cli import assert_bad_input, run


def _tables(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))["tables"]


def test_export_import_round_trip(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run("demo", data_dir=a).returncode == 0
    first = tmp_path / "a.json"
    out = run("export", "--format", "json", "--out", str(first), data_dir=a)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(first)
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    imported = run("import", str(first), data_dir=b)
    assert imported.returncode == 0, imported.stderr
    assert len(imported.stdout.strip().splitlines()) == 1
    assert "2 children" in imported.stdout
    second = tmp_path / "b.json"
    assert run("export", "--format", "json", "--out", str(second), data_dir=b).returncode == 0
    assert _tables(first) == _tables(second)

    again = run("import", str(first), data_dir=b)
    assert_bad_input(again, "already holds data")
    third = tmp_path / "c.json"
    assert run("export", "--format", "json", "--out", str(third), data_dir=b).returncode == 0
    assert _tables(third) == _tables(first)

    sheet = tmp_path / "a.csv"
    out = run("export", "--format", "csv", "--out", str(sheet), data_dir=a)
    assert out.returncode == 0, out.stderr
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) - 1 == len(_tables(first)["entries"])  # type: ignore[index]


def test_bad_files_are_refused_and_change_nothing(tmp_path: Path) -> None:
    target = tmp_path / "target"
    bad = tmp_path / "bad.json"
    cases = {
        "{oops": "not valid JSON",
        '{"format": "x"}': "not a CareTrack export",
        '{"format": "caretrack-export", "format_version": 2, "tables": {}}': "newer",
    }
    for text, words in cases.items():
        bad.write_text(text, encoding="utf-8")
        assert_bad_input(run("import", str(bad), data_dir=target), words)
    assert_bad_input(run("import", str(tmp_path / "missing.json"), data_dir=target), "missing")
    assert not target.exists()  # refused before any database was opened


def test_export_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    assert_bad_input(
        run("export", "--format", "json", "--out", str(tmp_path / "x.json"), data_dir=empty),
        "no CareTrack data",
    )
    folder = tmp_path / "a"
    assert run("demo", data_dir=folder).returncode == 0
    nowhere = tmp_path / "no" / "such" / "x.json"
    assert_bad_input(
        run("export", "--format", "json", "--out", str(nowhere), data_dir=folder), "does not exist"
    )
    assert_bad_input(
        run("export", "--format", "xml", "--out", str(tmp_path / "x"), data_dir=folder)
    )
