"""Export/import at the storage level: exact round trips, refusals that change nothing, CSV."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import stat
import tempfile
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caretrack.catalogue import find_data_dir
from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import EntryContent, MedicineGiven, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.rules import RuleSet, load_rules
from caretrack.services import Services, open_services
from caretrack.services.clock import FixedClock
from caretrack.services.demo import ALL_CONFIRMATIONS, make_demo_household
from caretrack.storage.database import open_database
from caretrack.storage.transfer import (
    FORMAT_VERSION,
    TABLES,
    TransferRefused,
    dump_document,
    export_csv,
    export_document,
    export_json,
    import_document,
    read_document,
)
from tests.conftest import NOW

NOTE = 'Line one, "quoted"\nשלום עולם مرحبا 😀🩺 ; 38,5 °C\r\nend'


def tables_of(folder: Path) -> dict[str, Any]:
    db = open_database(folder)
    try:
        return export_document(db, "test", NOW)["tables"]  # type: ignore[no-any-return]
    finally:
        db.close()


def round_trip(source: Path, work: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    db = open_database(source)
    try:
        first = export_json(db, work / "a.json", "test", NOW)
    finally:
        db.close()
    target = work / "b"
    doc = read_document(work / "a.json")
    db = open_database(target)
    try:
        import_document(db, doc)
        second = export_document(db, "test", NOW)
    finally:
        db.close()
    return first, second


def test_demo_round_trip_is_exact(services: Services, tmp_path: Path) -> None:
    make_demo_household(services)
    services.household.set_setting("last_logged_by", json.dumps("Mum"))
    services.close()
    first, second = round_trip(services.database.path.parent, tmp_path)
    assert first["tables"] == second["tables"]
    assert first["format_version"] == FORMAT_VERSION
    assert set(first["tables"]) == set(TABLES)
    for name in ("children", "entries", "flags", "calls", "flag_calls", "questions", "settings"):
        assert first["tables"][name], name
    # The file is the document, byte for byte deterministic apart from exported_at.
    assert (tmp_path / "a.json").read_bytes() == dump_document(first)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o600


def test_values_are_exactly_as_stored(services: Services, child: Any, tmp_path: Path) -> None:
    services.entries.save_new(
        child.id, "u1", EntryContent(NOW - timedelta(hours=1), note="only a note"), ()
    )
    services.close()
    tables = tables_of(services.database.path.parent)
    version = tables["entry_versions"][0]
    assert version["temp_tenths"] is None and version["temp_unit"] is None
    assert version["pump_event"] is None
    assert version["observed_at"] == "2026-11-06T00:00:00.000000Z"
    assert version["observed_tz"] == "America/New_York"
    assert tables["children"][0]["weight_g"] == 21500
    assert tables["children"][0]["birth_date"] == "2018-05-01"
    assert tables["therapy_courses"][0]["break_days"] is None


@cache
def _rules(catalogue: Catalogue) -> RuleSet:
    return load_rules(find_data_dir(), catalogue)


NOTE_TEXT = st.text(alphabet=st.sampled_from(list("aZé ,;\"'\n=😀🩺שלוםمرحبا\u200d0")), max_size=30)
ENTRY = st.tuples(
    st.one_of(st.none(), st.integers(355, 405)),  # temperature tenths °C, or none taken
    NOTE_TEXT,
    st.booleans(),  # a medicine given
    st.integers(0, 2),  # how many edits
    st.integers(1, 300),  # hours ago
)
QUESTIONS = st.lists(st.tuples(NOTE_TEXT, st.booleans()), max_size=3)  # text, ticked off
VISITS = st.lists(st.integers(0, 40), max_size=2, unique=True)  # days ago
CHILD = st.tuples(st.lists(ENTRY, min_size=0, max_size=4), QUESTIONS, VISITS)
HOUSEHOLD = st.lists(CHILD, min_size=1, max_size=3)
Spec = tuple[int | None, str, bool, int, int]


def _content(spec: tuple[int | None, str, bool, int, int], edit: int) -> EntryContent:
    tenths, note, medicine, _, hours = spec
    at = NOW - timedelta(hours=hours, minutes=edit)
    return EntryContent(
        observed_at=at,
        logged_by="Mum" if edit % 2 == 0 else "Dad",
        temperature=None if tenths is None else Temperature(tenths + edit, Unit.C, Route.EAR),
        symptoms=() if tenths is not None else (SymptomReport("chills", edit % 5),),
        medicines=(MedicineGiven("Paracetamol", "240 mg", at - timedelta(minutes=5)),)
        if medicine
        else (),
        note=f"{note} v{edit}",
    )


@settings(max_examples=25, deadline=None, derandomize=True)
@given(household=HOUSEHOLD)
def test_generated_household_round_trip(
    catalogue: Catalogue, household: list[tuple[list[Spec], list[tuple[str, bool]], list[int]]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        svc = open_services(work / "a", catalogue, FixedClock(NOW), _rules(catalogue))
        try:
            for i, (entries, questions, visits) in enumerate(household):
                kid = svc.household.add_child(
                    f"Kid {i} ✨", date(2016, 1, 2), Decimal("20.5") if i else None,
                    "tisagenlecleucel", date(2026, 10, 20),
                )  # fmt: skip
                for spec in entries:
                    saved = svc.entries.save_new(
                        kid.id, str(uuid.uuid4()), _content(spec, 0), ALL_CONFIRMATIONS
                    )
                    for edit in range(1, spec[3] + 1):
                        saved = svc.entries.edit(
                            saved.entry.id,
                            saved.entry.version,
                            _content(spec, edit),
                            ALL_CONFIRMATIONS,
                        )
                for text, ticked in questions:
                    q = svc.visits.add_question(kid.id, f"Q {text}?")
                    if ticked:
                        svc.visits.answer_question(q.id)
                for days_ago in visits:
                    svc.visits.record_visit(kid.id, NOW.date() - timedelta(days=days_ago))
            open_ids = [f.id for f in svc.flags.open_flags()]
            if open_ids:
                svc.flags.record_call(open_ids[:2], NOW, "Mum", "Nurse ☎", "Come in.\nNow.")
        finally:
            svc.close()
        first, second = round_trip(work / "a", work)
        assert first["tables"] == second["tables"]
        assert len(first["tables"]["children"]) == len(household)
        assert len(first["tables"]["entries"]) == sum(len(e) for e, _, _ in household)
        assert len(first["tables"]["entry_versions"]) == sum(
            1 + s[3] for e, _, _ in household for s in e
        )
        assert len(first["tables"]["questions"]) == sum(len(q) for _, q, _ in household)
        assert len(first["tables"]["clinic_visits"]) == sum(len(v) for _, _, v in household)
        # Absent stays absent: a question not ticked off has a null, not an empty text.
        answered = [r["answered_at"] for r in first["tables"]["questions"]]
        assert answered.count(None) == sum(not t for _, q, _ in household for _, t in q)


# --- refusals --------------------------------------------------------------------------------


@pytest.fixture
def export_file(services: Services, tmp_path: Path) -> Path:
    make_demo_household(services)
    path = tmp_path / "export.json"
    export_json(services.database, path, "test", NOW)
    return path


def test_refuses_a_folder_with_children(
    export_file: Path, services: Services, tmp_path: Path
) -> None:
    target = services.database.path.parent
    services.close()
    before = tables_of(target)
    db = open_database(target)
    try:
        with pytest.raises(TransferRefused, match="already holds data"):
            import_document(db, read_document(export_file))
    finally:
        db.close()
    assert tables_of(target) == before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else", "format_version": 1, "tables": {}}', "not a CareTrack"),
        ("[1, 2]", "not a CareTrack"),
        (
            '{"format": "caretrack-export", "format_version": 99, "tables": {}}',
            "newer than this CareTrack",
        ),
    ],
)
def test_refuses_bad_files(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TransferRefused, match=words):
        read_document(path)


def _modified(export_file: Path, change: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(export_file.read_text(encoding="utf-8"))
    change(doc["tables"])
    return doc


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda t: t["entries"][0].pop("uid"), "exactly the table's columns"),
        (lambda t: t["entries"][0].update(extra=1), "exactly the table's columns"),
        (lambda t: t["entries"][0].update(entered_at="yesterday"), "UTC timestamp"),
        (lambda t: t["entries"][0].update(version="1"), "whole number"),
        (lambda t: t["entries"][0].update(uid=None), "required"),
        (lambda t: t.pop("settings"), "tables differ"),
    ],
)
def test_refuses_rows_that_would_lose_or_invent_data(
    export_file: Path, tmp_path: Path, change: Any, words: str
) -> None:
    path = tmp_path / "changed.json"
    path.write_bytes(dump_document(_modified(export_file, change)))
    with pytest.raises(TransferRefused, match=words):
        read_document(path)


def test_any_failure_rolls_back_everything(export_file: Path, tmp_path: Path) -> None:
    def break_last_flag(tables: dict[str, Any]) -> None:
        tables["flag_calls"][-1]["call_id"] = 10_000  # inserted last but one: a missing call

    path = tmp_path / "broken.json"
    path.write_bytes(dump_document(_modified(export_file, break_last_flag)))
    target = tmp_path / "fresh"
    db = open_database(target)
    try:
        with pytest.raises(TransferRefused, match="do not fit together"):
            import_document(db, read_document(path))
    finally:
        db.close()
    assert all(rows == [] for rows in tables_of(target).values())


# --- CSV -------------------------------------------------------------------------------------


def test_csv_one_row_per_entry_survives_hard_notes(
    services: Services, child: Any, catalogue: Catalogue, tmp_path: Path
) -> None:
    at = NOW - timedelta(hours=2)
    first = services.entries.save_new(
        child.id,
        "u1",
        EntryContent(
            at,
            logged_by="Mum",
            temperature=Temperature(391, Unit.C, Route.ORAL),
            symptoms=(SymptomReport("chills", 2),),
            medicines=(MedicineGiven("Ondansetron", "4 mg", at - timedelta(minutes=10)),),
            note="first",
        ),
        ALL_CONFIRMATIONS,
    )
    services.entries.edit(
        first.entry.id,
        first.entry.version,
        EntryContent(at, logged_by="Mum", symptoms=(SymptomReport("chills", 2),), note=NOTE),
        ALL_CONFIRMATIONS,
    )
    services.entries.save_new(child.id, "u2", EntryContent(at, note="plain"), ())
    path = tmp_path / "entries.csv"
    count = export_csv(services.database, path, lambda s: catalogue.symptom(s).label)
    assert count == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    edited, plain = rows
    assert edited["note"] == NOTE.replace("\r\n", "\n")
    assert edited["version"] == "2"
    assert edited["temperature"] == "" and edited["unit"] == "" and edited["route"] == ""
    assert edited["observed_at"] == "2026-11-05T18:00:00-05:00"
    assert edited["observed_zone"] == "America/New_York"
    assert edited["symptoms"] == f"{catalogue.symptom('chills').label} (moderate)"
    assert edited["medicines"] == ""  # the current version dropped it; version 1 had it
    assert edited["flags"]  # the fever raised a flag on version 1; it stays on the entry
    assert edited["child"] == "Maya"
    assert plain["note"] == "plain" and plain["flags"] == ""


def test_csv_medicine_and_temperature_columns(
    services: Services, child: Any, catalogue: Catalogue, tmp_path: Path
) -> None:
    at = datetime(2026, 11, 5, 8, 20, tzinfo=NOW.tzinfo)
    services.entries.save_new(
        child.id,
        "u1",
        EntryContent(
            at,
            temperature=Temperature(1004, Unit.F, Route.AXILLARY),
            medicines=(MedicineGiven("Ondansetron", "4 mg", at - timedelta(minutes=10)),),
        ),
        ALL_CONFIRMATIONS,
    )
    path = tmp_path / "entries.csv"
    export_csv(services.database, path, lambda s: catalogue.symptom(s).label)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    got = dict(zip(header, row, strict=True))
    assert (got["temperature"], got["unit"], got["route"]) == ("100.4", "F", "axillary")
    assert got["medicines"] == "Ondansetron 4 mg at 08:10"


def _raw_export(path: Path) -> dict[str, Any]:
    """What an older CareTrack's `export --format json` held: every row as SQLite stores it."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        tables = {
            n: [dict(r) for r in conn.execute(f'SELECT * FROM "{n}" ORDER BY 1')] for n in names
        }
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    conn.close()
    return {
        "format": "caretrack-export",
        "format_version": 1,
        "app_version": "0.older",
        "schema_revision": revision,
        "exported_at": "2026-11-24T00:00:00.000000Z",
        "tables": tables,
    }


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_an_export_from_an_older_schema_is_brought_up_to_date(
    tmp_path: Path, revision: str
) -> None:
    """The same rows as opening (and so migrating) that older data file, nothing lost."""
    fixture = Path(__file__).with_name("fixtures") / f"revision-{revision}.sqlite3"
    migrated = tmp_path / "migrated"
    migrated.mkdir(mode=0o700)
    shutil.copy(fixture, migrated / "caretrack.sqlite3")
    expected = tables_of(migrated)
    old = _raw_export(fixture)
    assert old["schema_revision"] == revision
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    target = tmp_path / "new"
    db = open_database(target)
    try:
        import_document(db, read_document(path))
    finally:
        db.close()
    assert tables_of(target) == expected
    assert [p.name for p in target.iterdir() if p.name.startswith(".import-")] == []


def test_an_older_export_that_does_not_fit_its_schema_is_refused(tmp_path: Path) -> None:
    old = _raw_export(Path(__file__).with_name("fixtures") / "revision-0002.sqlite3")
    old["tables"]["medicine_plans"] = []  # a table revision 0002 did not have
    db = open_database(tmp_path / "new")
    try:
        with pytest.raises(TransferRefused, match="do not match"):
            import_document(db, old)
        assert tables_of_db(db)["entries"] == []
    finally:
        db.close()


def tables_of_db(db: Any) -> dict[str, Any]:
    return export_document(db, "test", NOW)["tables"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t["children"][0].update(surprise="extra column"),
        lambda t: t["children"][0].pop("birth_date"),
        lambda t: t["children"].__setitem__(0, ["not", "a", "row"]),
        lambda t: t["children"][0].update(name={"a": "dict"}),
    ],
    ids=["extra-column", "missing-column", "not-a-row", "unstorable-value"],
)
def test_a_malformed_older_export_is_refused_plainly(tmp_path: Path, damage: Any) -> None:
    old = _raw_export(Path(__file__).with_name("fixtures") / "revision-0002.sqlite3")
    damage(old["tables"])
    db = open_database(tmp_path / "new")
    try:
        with pytest.raises(TransferRefused):
            import_document(db, old)
        assert tables_of_db(db)["children"] == []
    finally:
        db.close()
