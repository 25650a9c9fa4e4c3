"""A mistyped catalogue file is refused with a message naming the file, the line and the field.

Each test copies the real data/ into tmp_path, breaks one thing, and checks the message.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caretrack.catalogue import ENV_VAR, CatalogueError, find_data_dir, load_catalogue

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def edit(folder: Path, name: str, anchor: str, old: str, new: str) -> int:
    """Replace the first `old` after `anchor` in one file; return the line it was on."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    at = text.index(old, text.index(anchor))
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def line_of(folder: Path, name: str, anchor: str, needle: str, *, before: bool = False) -> int:
    """The line of the first `needle` after (or the last one before) `anchor`."""
    text = (folder / name).read_text(encoding="utf-8")
    start = text.index(anchor)
    at = text.rindex(needle, 0, start) if before else text.index(needle, start)
    return text.count("\n", 0, at) + 1


def error(folder: Path) -> str:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(folder)
    return str(info.value)


def test_unknown_group(data: Path) -> None:
    line = edit(data, "symptoms.toml", 'id = "confusion"', '"nervous_system"', '"nerves"')
    assert error(data) == (
        f'symptoms.toml, line {line}, field "group": unknown group "nerves" (symptom "confusion")'
    )


def test_missing_label_points_at_the_symptom(data: Path) -> None:
    edit(data, "symptoms.toml", 'id = "seizure"', 'label = "Seizure (fit)"\n', "")
    header = line_of(data, "symptoms.toml", 'id = "seizure"', "[[symptom]]", before=True)
    assert error(data) == (
        f'symptoms.toml, line {header}, field "label": missing; this field is required '
        '(symptom "seizure")'
    )


def test_badly_written_source_id_in_a_therapy_fact(data: Path) -> None:
    line = edit(data, "therapies.toml", "the dose steps up on day 8", '["S14"]', '["X14"]')
    message = error(data)
    assert message.startswith(f'therapies.toml, line {line}, field "sources": ')
    assert '"X14" must look like S1' in message and 'therapy "blinatumomab"' in message


def test_unknown_source_in_a_listing_points_at_its_line(data: Path) -> None:
    anchor = 'id = "seizure"'
    line = edit(data, "symptoms.toml", anchor, '"S11", "S20"', '"S11", "S200"')
    assert error(data) == (
        f'symptoms.toml, line {line}, field "listed_under.sources": unknown source "S200" '
        '(not in sources.toml) (symptom "seizure")'
    )


def test_duplicate_symptom_id(data: Path) -> None:
    first = line_of(data, "symptoms.toml", 'id = "seizure"', 'id = "seizure"')
    line = edit(data, "symptoms.toml", 'id = "tremor"', 'id = "tremor"', 'id = "seizure"')
    assert error(data) == (
        f'symptoms.toml, line {line}, field "id": duplicate symptom id "seizure" '
        f'(first used at line {first}) (symptom "seizure")'
    )


def test_toml_syntax_error_gives_file_and_line(data: Path) -> None:
    line = edit(data, "symptoms.toml", 'id = "cough"', 'label = "Cough"', "label = Cough")
    message = error(data)
    assert message.startswith(f"symptoms.toml, line {line}: not valid TOML: ")


def test_unclosed_list_at_the_end_gives_the_last_line(data: Path) -> None:
    path = data / "phrases.toml"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text.removesuffix('"]') + "\n", encoding="utf-8")
    last = len(path.read_text(encoding="utf-8").splitlines())
    assert error(data).startswith(f"phrases.toml, line {last}: not valid TOML: ")


def test_bad_severity_in_a_phrase(data: Path) -> None:
    anchor = 'text = "Severe nausea, vomiting, and/or diarrhea"'
    line = edit(data, "phrases.toml", anchor, '"nausea:3"', '"nausea:7"')
    assert error(data) == (
        f'phrases.toml, line {line}, field "means": severity must be 0-4, got "7" in "nausea:7" '
        '(phrase "Severe nausea, vomiting, and/or diarrhea")'
    )


def test_bad_severity_in_a_listing(data: Path) -> None:
    line = edit(data, "symptoms.toml", 'id = "diarrhoea"', "min_severity = 3", "min_severity = 9")
    assert error(data) == (
        f'symptoms.toml, line {line}, field "listed_under.min_severity": severity must be 0-4, '
        'got 9 (symptom "diarrhoea")'
    )


def test_severity_on_an_event_is_refused(data: Path) -> None:
    line = edit(data, "phrases.toml", 'text = "Seizures"', '["seizure"]', '["seizure:3"]')
    message = error(data)
    assert message.startswith(f'phrases.toml, line {line}, field "means": ')
    assert "not graded" in message


def test_unknown_therapy_and_kind_in_a_listing(data: Path) -> None:
    line = edit(data, "symptoms.toml", 'id = "chest_pain"', '"rituximab"', '"rituxan"')
    assert error(data).startswith(
        f'symptoms.toml, line {line}, field "listed_under.therapy": unknown therapy "rituxan"'
    )


def test_unknown_kind(data: Path) -> None:
    line = edit(data, "symptoms.toml", 'id = "chest_pain"', '"infusion_reaction"', '"allergy"')
    message = error(data)
    assert message.startswith(f'symptoms.toml, line {line}, field "listed_under.kind": ')
    assert 'unknown kind "allergy"' in message


def test_misspelt_field_is_refused_not_ignored(data: Path) -> None:
    line = edit(data, "symptoms.toml", 'id = "rash"', "synonyms =", "synonym =")
    assert error(data).startswith(
        f'symptoms.toml, line {line}, field "synonym": unknown field; expected one of:'
    )


def test_a_name_claimed_by_two_symptoms(data: Path) -> None:
    line = edit(data, "symptoms.toml", 'id = "tremor"', '"tremors",', '"tremors", "fits",')
    assert error(data) == (
        f'symptoms.toml, line {line}, field "synonyms": "fits" is already a name of symptom '
        '"seizure" (symptom "tremor")'
    )


def test_a_phrase_must_match_the_listings(data: Path) -> None:
    line = edit(data, "phrases.toml", 'text = "Seizures"', '["seizure"]', '["tremor"]')
    assert error(data) == (
        f'phrases.toml, line {line}, field "means": symptom "tremor" is not listed for '
        '"tisagenlecleucel" under "nervous_system" in symptoms.toml (phrase "Seizures")'
    )


def test_a_therapy_needs_a_fact(data: Path) -> None:
    path = data / "therapies.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('id = "gemtuzumab_ozogamicin"')
    path.write_text(text[: text.index("[[therapy.fact]]", start)], encoding="utf-8")
    header = line_of(data, "therapies.toml", 'id = "gemtuzumab_ozogamicin"', "[[therapy]]",
                     before=True)  # fmt: skip
    assert error(data) == (
        f"therapies.toml, line {header}: needs at least one [[...fact]] with its sources "
        '(therapy "gemtuzumab_ozogamicin")'
    )


def test_schedule_numbers_are_checked(data: Path) -> None:
    line = edit(
        data, "therapies.toml", "[therapy.schedule]", "infusion_days = 28", "infusion_days = true"
    )
    message = error(data)
    assert message.startswith(f'therapies.toml, line {line}, field "infusion_days": ')
    assert "whole number" in message


def test_versions_must_agree(data: Path) -> None:
    line = edit(data, "symptoms.toml", "version", '"2026.11.1"', '"2026.10.1"')
    assert error(data).startswith(f'symptoms.toml, line {line}, field "version": ')


def test_a_group_without_symptoms(data: Path) -> None:
    line = edit(
        data,
        "symptoms.toml",
        '[[group]]\nid = "other"',
        "[[group]]",
        '[[group]]\nid = "eyes"\nlabel = "Eyes"\n\n[[group]]',
    )
    assert error(data) == (
        f'symptoms.toml, line {line + 1}, field "id": group "eyes" has no symptoms'
    )


def test_a_missing_file(data: Path) -> None:
    (data / "phrases.toml").unlink()
    assert error(data).startswith("phrases.toml: file not found in ")


def test_the_folder_can_be_set_by_environment(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(data))
    assert find_data_dir() == data
    edit(data, "therapies.toml", "version", '"2026.11.1"', '"9999.1.1"')
    edit(data, "symptoms.toml", "version", '"2026.11.1"', '"9999.1.1"')
    edit(data, "phrases.toml", "version", '"2026.11.1"', '"9999.1.1"')
    assert load_catalogue().version == "9999.1.1"


def test_without_the_environment_the_repo_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert find_data_dir() == DATA
