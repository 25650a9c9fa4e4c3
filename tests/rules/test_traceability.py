"""Complete traceability (reliability.md safety target 1), checked on every run.

Fails when a listed source warning has no rule that flags it at report_now or above, when a
warning has no test, when a rule has no source or refs, when a rule is not exercised by at
least one positive scenario, or when docs/traceability.md is stale.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from caretrack.cli.scenario import read_scenario
from caretrack.domain.catalogue import WarningKind
from caretrack.domain.flags import Tier
from caretrack.rules import evaluate
from caretrack.rules.model import Rule
from tests.rules.support import REPO, catalogue, rules
from tests.rules.test_seed_warnings import SEED_WARNINGS

TOOL = REPO / "tools" / "traceability.py"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("caretrack_traceability_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
TESTS = tool.index_tests()
SCENARIOS = tool.read_scenarios(catalogue())
WARNINGS = tool.warning_rows(rules(), catalogue(), TESTS, SCENARIOS)
RULES = tool.rule_rows(rules(), TESTS, SCENARIOS)


@pytest.mark.parametrize("row", WARNINGS, ids=[f"{w.therapy}:{w.phrase[:40]}" for w in WARNINGS])
def test_every_listed_warning_is_flagged_report_now_or_higher(row: Any) -> None:
    assert row.rules, f"no rule flags {row.phrase!r} for {row.therapy}"
    for tier in (row.tier, row.late_tier):
        assert tier.rank >= Tier.REPORT_NOW.rank, row


@pytest.mark.parametrize("row", WARNINGS, ids=[f"{w.therapy}:{w.phrase[:40]}" for w in WARNINGS])
def test_every_listed_warning_has_a_test_naming_it(row: Any) -> None:
    assert row.tests, (
        f"add ({row.therapy!r}, {row.phrase!r}, ...) to SEED_WARNINGS "
        "in tests/rules/test_seed_warnings.py"
    )


def test_the_golden_table_matches_the_data_exactly() -> None:
    in_data = {
        (t, p.text)
        for p in catalogue().phrases
        if p.kind is not WarningKind.SIDE_EFFECT
        for t in p.therapies
    }
    in_table = {(t, p) for t, p, _, _ in SEED_WARNINGS}
    assert in_table == in_data
    assert len(SEED_WARNINGS) == len(in_table), "a row is listed twice"


def test_every_seed_document_warning_heading_is_in_the_data() -> None:
    """The S1 headings CareTrack must cover, per therapy (shared/README.md)."""
    listed = {(t, p.kind) for p in catalogue().phrases if p.source == "S1" for t in p.therapies}
    expected = {
        ("tisagenlecleucel", WarningKind.CRS),
        ("tisagenlecleucel", WarningKind.NERVOUS_SYSTEM),
        ("tisagenlecleucel", WarningKind.OTHER_SERIOUS),
        ("blinatumomab", WarningKind.CRS),
        ("blinatumomab", WarningKind.NERVOUS_SYSTEM),
        ("blinatumomab", WarningKind.INFUSION_REACTION),
        ("rituximab", WarningKind.INFUSION_REACTION),
        ("rituximab", WarningKind.SKIN_REACTION),
    }
    assert expected <= listed


@pytest.mark.parametrize("rule", rules().rules, ids=[r.id for r in rules().rules])
def test_every_rule_has_refs_and_known_sources(rule: Rule) -> None:
    assert rule.sources, f"rule {rule.id} has no source"
    for s in rule.sources:
        assert s in rules().source_titles, f"rule {rule.id}: unknown source {s}"
        assert catalogue().source(s) is not None
    assert rule.refs, f"rule {rule.id} does not say which draft rule or list it implements"
    assert rule.tier is not Tier.NONE


@pytest.mark.parametrize("row", RULES, ids=[r.id for r in RULES])
def test_every_rule_is_exercised_by_a_positive_scenario(row: Any) -> None:
    """At least one scenario says the rule must fire, and it does (evaluated in-process here,
    and through the real command line in test_cli_scenarios.py)."""
    positive = row.positive
    assert positive, f"no scenario in tests/rules/scenarios lists {row.id!r} in expect.rules"
    for name in positive:
        path = REPO.parent / name if name.startswith("shared/") else REPO / name
        scenario = read_scenario(path, catalogue(), rules())
        result = evaluate(rules(), catalogue(), scenario.situation, scenario.entries, scenario.now)
        assert row.id in {f.rule_id for f in result.flags}, name


@pytest.mark.parametrize("row", RULES, ids=[r.id for r in RULES])
def test_every_rule_is_named_by_a_test(row: Any) -> None:
    assert row.tests, f"no test in tests/rules names {row.id!r}"


_SHARED_LINK = re.compile(r"<br>`shared/scenarios/[^`]*`")


def test_the_generated_document_is_up_to_date() -> None:
    current = tool.DOC.read_text(encoding="utf-8") if tool.DOC.exists() else ""
    generated = tool.generate()
    if not (REPO.parent / "shared" / "scenarios").is_dir():
        # A clone away from ../shared cannot list the shared scenarios; everything else must
        # still match (CI runs beside shared/ and compares the whole document).
        current = _SHARED_LINK.sub("", current)
    assert current == generated, (
        "docs/traceability.md is stale: run `.venv/bin/python tools/traceability.py`"
    )


def test_check_mode_reports_a_stale_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "traceability.md"
    assert tool.main(["--out", str(out)]) == 0
    assert tool.main(["--check", "--out", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "\nhand edit\n", encoding="utf-8")
    assert tool.main(["--check", "--out", str(out)]) == 1
    assert "out of date" in capsys.readouterr().err


def test_the_document_lists_every_warning_and_every_rule() -> None:
    text = tool.DOC.read_text(encoding="utf-8")
    for r in rules().rules:
        assert f"| `{r.id}` |" in text
    assert text.count("\n| ") >= len(WARNINGS) + len(RULES)
