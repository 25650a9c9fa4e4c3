"""Read-only storage (reliability.md T18): a data folder that cannot be written opens for
viewing. Reading, checking and copying out work; every save is refused with a plain reason,
never dropped quietly; nothing in the folder changes.

As a normal user the folder is 0500 and the file 0400. As root those do not stop writes, so
`test_as_root` runs this module again as root without capabilities, and under a read-only
bind mount (tests/read_only.py).
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import CareTeam
from caretrack.services import Services
from caretrack.services.backups import BackupError
from caretrack.services.clock import FixedClock
from caretrack.services.errors import StorageError
from caretrack.storage.database import DatabaseOpenError, OpenProblem, open_database
from tests.conftest import NOW, REPO
from tests.read_only import (
    REFUSED,
    WAYS,
    fingerprint,
    make_read_only,
    outdated,
    read_only_household,
    reading,
    rerun_as_root,
    writable_again,
)


@pytest.fixture
def data_dir(tmp_path: Path, catalogue: Catalogue, clock: FixedClock) -> Iterator[Path]:
    """Maya's household, made read-only; the usual `services` fixture opens it."""
    with read_only_household(tmp_path / "data", catalogue, clock) as data:
        yield data


def test_it_opens_read_only_and_shows_everything(data_dir: Path, services: Services) -> None:
    assert services.database.read_only
    (maya,) = services.household.children()
    notes = [e.content.note for e in services.entries.history(maya.id)]
    assert sorted(notes) == ["reading 368", "reading 371", "reading 384"]
    assert [f.flag.rule_id for f in services.flags.open_flags(maya.id)] == ["fever"]
    assert [q.text for q in services.visits.questions(maya.id)] == ["Can she go swimming?"]
    assert services.household.care_team().phone_24h == "555-0100"
    assert services.backups.check().ok


def test_every_save_is_refused_with_a_plain_reason(data_dir: Path, services: Services) -> None:
    before = fingerprint(data_dir)
    (maya,) = services.household.children()
    first = services.entries.history(maya.id)[-1]
    (flag,) = services.flags.open_flags(maya.id)
    question = services.visits.questions(maya.id)[0]
    saves: dict[str, Callable[[], object]] = {
        "check-in": lambda: services.entries.save_new(maya.id, "new", reading(390, 1)),
        "edit": lambda: services.entries.edit(
            first.id, first.version, dataclasses.replace(first.content, note="changed")
        ),
        "child": lambda: services.household.add_child(
            "Leo", date(2016, 2, 2), None, "blinatumomab", date(2026, 11, 2), 1
        ),
        "care team": lambda: services.household.set_care_team(CareTeam("New", "1", "2", "3")),
        "setting": lambda: services.household.set_setting("unit", "F"),
        "fever line": lambda: services.flags.set_fever_threshold(383),
        "trend": lambda: services.flags.set_trend_enabled(False),
        "call": lambda: services.flags.record_call([flag.id], NOW, "Mum", "Kim", "Come in"),
        "question": lambda: services.visits.add_question(maya.id, "Is a bath fine?"),
        "asked": lambda: services.visits.answer_question(question.id),
        "visit": lambda: services.visits.record_visit(maya.id),
    }
    refused = {}
    for name, save in saves.items():
        with pytest.raises(StorageError) as err:
            save()
        refused[name] = str(err.value)
    assert refused == dict.fromkeys(saves, REFUSED)  # 100 %: every one, in plain words
    assert len(services.entries.history(maya.id)) == 3
    assert services.flags.open_flags(maya.id) == [flag]
    assert fingerprint(data_dir) == before


def test_copies_go_to_another_folder(data_dir: Path, services: Services, tmp_path: Path) -> None:
    out = tmp_path / "chosen"
    out.mkdir()
    assert services.transfers.export_json(out / "all.json") > 0
    assert services.transfers.export_csv(out / "all.csv") == 3
    (maya,) = services.household.children()
    summary = services.summaries.build(maya.id)
    assert len(summary.readings) == 3
    assert b"reading 384" in (out / "all.json").read_bytes()


def test_a_backup_is_refused_plainly_and_leaves_nothing(data_dir: Path, services: Services) -> None:
    before = fingerprint(data_dir)
    with pytest.raises(BackupError) as err:
        services.backups.backup_now()
    assert "cannot be created" in str(err.value)
    assert fingerprint(data_dir) == before


def test_a_file_that_needs_an_update_is_refused_untouched(tmp_path: Path) -> None:
    data = outdated(tmp_path / "old")
    make_read_only(data)
    try:
        before = fingerprint(data)
        with pytest.raises(DatabaseOpenError) as err:
            open_database(data)
        assert err.value.problem is OpenProblem.READ_ONLY_OUTDATED
        assert fingerprint(data) == before
    finally:
        writable_again(data)


def test_a_read_only_folder_without_data_cannot_start(tmp_path: Path) -> None:
    data = tmp_path / "empty"
    data.mkdir()
    make_read_only(data)
    try:
        with pytest.raises(DatabaseOpenError) as err:
            open_database(data)
        assert err.value.problem is OpenProblem.UNWRITABLE  # nothing to show, nothing made
        assert list(data.iterdir()) == []
    finally:
        writable_again(data)


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "caretrack", "--data-dir", str(folder), *args],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
             "PYTHONPATH": str(REPO / "src"), "HOME": str(folder.parent)},
    )  # fmt: skip


def test_the_command_line_views_and_copies_but_never_saves(data_dir: Path, tmp_path: Path) -> None:
    before = fingerprint(data_dir)
    out = tmp_path / "chosen"
    out.mkdir()
    listed = cli(data_dir, "child", "list")
    assert listed.returncode == 0 and "Maya" in listed.stdout
    assert cli(data_dir, "check").returncode == 0
    exported = cli(data_dir, "export", "--format", "json", "--out", str(out / "all.json"))
    assert exported.returncode == 0
    summary = cli(data_dir, "summary", "--child", "Maya", "--out", str(out / "maya.pdf"))
    assert summary.returncode == 0, summary.stderr
    assert (out / "maya.pdf").read_bytes().startswith(b"%PDF")
    for args in (("entry", "add", "--child", "Maya", "--note", "x"), ("backup",)):
        result = cli(data_dir, *args)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert "cannot be" in line
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize("way", WAYS)
def test_as_root(way: str, tmp_path: Path) -> None:
    print(rerun_as_root(__file__, way, tmp_path))
