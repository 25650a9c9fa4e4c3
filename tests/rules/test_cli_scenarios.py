"""Scenario files through the real command line: `python -m caretrack evaluate FILE`.

Covers every example in ../shared/scenarios and this folder's own corpus (scenarios/*.json,
same format; `expect` may also list `rules` that must fire and `not_rules` that must not).
The subprocesses run a few at a time, once per session, so the folder stays fast.
"""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from caretrack.domain.flags import Tier
from tests.rules.support import BAD_SCENARIOS, OWN_SCENARIOS, SHARED_SCENARIOS, run_cli

SHARED = sorted(SHARED_SCENARIOS.glob("*.json"))
OWN = sorted(OWN_SCENARIOS.glob("*.json"))
BAD = sorted(BAD_SCENARIOS.glob("*.json"))
MISSING = BAD_SCENARIOS / "no-such-file.json"

# What the one-line message must name, per bad scenario.
BAD_MESSAGES = {
    "bad-json": "not valid JSON",
    "bad-start-date": "therapy.start_date",
    "bad-time": "entries[0].at",
    "care-team-line-out-of-bounds": "care_team.fever_threshold_c",
    "impossible-temperature-c": "entries[0].temperature",
    "impossible-temperature-f": "entries[0].temperature",
    "missing-at": "entries[0].at: missing",
    "no-entries": "entries",
    "not-an-object": "must be a JSON object",
    "rectal-route": "rectal",
    "severity-out-of-range": "severity",
    "temperature-in-the-other-unit": "Did you mean 38.5 °C",
    "temperature-not-a-number": "not a number",
    "unknown-neuro-domain": "neuro_check",
    "unknown-pump-event": "pump",
    "unknown-symptom": "unknown symptom 'headach'",
    "unknown-therapy": "unknown therapy 'Kymria'",
    "no-such-file": "cannot read",
}


@pytest.fixture(scope="session")
def cli_results() -> dict[Path, subprocess.CompletedProcess[str]]:
    """Every file evaluated once by the real CLI (the shared examples twice, for determinism)."""
    jobs: list[tuple[Path, str]] = [(p, "a") for p in [*SHARED, *OWN, *BAD, MISSING]]
    jobs += [(p, "b") for p in SHARED]
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(lambda job: run_cli("evaluate", str(job[0])), jobs))
    results: dict[Path, subprocess.CompletedProcess[str]] = {}
    for (path, tag), result in zip(jobs, done, strict=True):
        results[path if tag == "a" else path.with_suffix(".again")] = result
    return results


def _expect(path: Path) -> dict[str, Any]:
    expect = json.loads(path.read_text(encoding="utf-8")).get("expect", {})
    assert isinstance(expect, dict)
    return expect


def _check_result(path: Path, result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = json.loads(result.stdout)
    assert set(out) >= {"tier", "flags", "rules_version"}
    tier = Tier(out["tier"])
    flags = out["flags"]
    assert tier is Tier.highest([Tier(f["tier"]) for f in flags])
    for f in flags:
        assert f["rule_id"] and f["title"] and f["source"], f
        assert f["evidence"], f"flag {f['rule_id']} shows no evidence"
    expect = _expect(path)
    fired = {f["rule_id"] for f in flags}
    if "min_tier" in expect:
        assert tier.rank >= Tier(expect["min_tier"]).rank, f"missed warning: {out}"
    if "max_tier" in expect:
        assert tier.rank <= Tier(expect["max_tier"]).rank, f"false alarm: {out}"
    missing = set(expect.get("rules", [])) - fired
    assert not missing, f"rules that did not fire: {missing}; fired: {fired}"
    unwanted = set(expect.get("not_rules", [])) & fired
    assert not unwanted, f"rules that must not fire: {unwanted}"
    return out


@pytest.mark.parametrize("path", SHARED, ids=[p.stem for p in SHARED])
def test_shared_scenario_is_within_its_expected_tiers(
    path: Path, cli_results: dict[Path, subprocess.CompletedProcess[str]]
) -> None:
    _check_result(path, cli_results[path])
    again = cli_results[path.with_suffix(".again")]
    assert again.stdout == cli_results[path].stdout, "evaluate is not deterministic"


@pytest.mark.parametrize("path", OWN, ids=[p.stem for p in OWN])
def test_own_scenario_is_within_its_expected_tiers(
    path: Path, cli_results: dict[Path, subprocess.CompletedProcess[str]]
) -> None:
    _check_result(path, cli_results[path])


def test_the_own_corpus_is_big_and_says_what_it_expects() -> None:
    assert len(OWN) >= 50
    for path in OWN:
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert set(raw) <= {"about", "child", "therapy", "care_team", "now", "entries", "expect"}
        expect = raw["expect"]
        assert expect.get("min_tier") or expect.get("max_tier"), path.name
        assert set(expect) <= {"min_tier", "max_tier", "rules", "not_rules"}, path.name


def test_every_tier_has_scenarios_on_both_sides() -> None:
    mins = {_expect(p).get("min_tier") for p in OWN}
    maxes = {_expect(p).get("max_tier") for p in OWN}
    assert {"emergency", "report_now", "note_for_visit"} <= mins
    assert {"none", "note_for_visit", "report_now"} <= maxes


@pytest.mark.parametrize("path", [*BAD, MISSING], ids=[p.stem for p in [*BAD, MISSING]])
def test_bad_scenario_is_one_plain_line_and_exit_2(
    path: Path, cli_results: dict[Path, subprocess.CompletedProcess[str]]
) -> None:
    result = cli_results[path]
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("caretrack: ")
    assert BAD_MESSAGES[path.stem] in lines[0]


def test_every_bad_scenario_has_an_expected_message() -> None:
    assert {p.stem for p in BAD} | {MISSING.stem} == set(BAD_MESSAGES)
