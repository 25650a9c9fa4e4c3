"""Write docs/traceability.md: every source-document warning and every rule, with its tests.

    .venv/bin/python tools/traceability.py          # regenerate docs/traceability.md
    .venv/bin/python tools/traceability.py --check  # exit 1 if the file is out of date

The tables are computed, never typed by hand:

- Warnings: every phrase of data/phrases.toml under a warning heading (not "side_effect"), for
  each therapy that lists it, is ticked as a checklist symptom and evaluated with the real rules
  on day 1 (inside every time window) and day 100 (after all of them). The rules that fire and
  the tier come from that evaluation. "Tests" are the tests in tests/rules/ that name the
  phrase together with the therapy, and the scenario files that tick it and expect
  report_now or higher.
- Rules: every rule of data/rules.toml with its refs (clinical.md §6.2 and source lists),
  sources, tier, therapies and window; "positive scenarios" are scenario files whose
  `expect.rules` says the rule must fire; "tests" are the test functions that name its id.
- Known gaps: the KNOWN_BUGS of tests/rules/support.py and the tests marked with each.

tests/rules/test_traceability.py fails when a warning is not flagged at report_now or above,
a rule has no source, a rule has no positive scenario, or this file is stale.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from caretrack.catalogue import find_data_dir, load_catalogue
from caretrack.domain.catalogue import Catalogue, WarningKind, normalise_name
from caretrack.domain.flags import Tier
from caretrack.domain.model import EntryContent, SymptomReport
from caretrack.rules import RuleSet, Situation, evaluate, load_rules

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests" / "rules"
SCENARIO_DIRS = (TESTS / "scenarios", REPO.parent / "shared" / "scenarios")
DOC = REPO / "docs" / "traceability.md"

START = date(2026, 11, 1)
BIRTH = date(2018, 5, 1)
EARLY_DAY = 1  # inside every rule window (CAR T days 0-56, the day after an infusion)
LATE_DAY = 100  # after every window


@dataclass(frozen=True)
class WarningRow:
    therapy: str
    kind: str
    source: str
    phrase: str
    means: str
    rules: tuple[str, ...]
    tier: Tier
    late_tier: Tier
    tests: tuple[str, ...]


@dataclass(frozen=True)
class RuleRow:
    id: str
    refs: tuple[str, ...]
    sources: tuple[str, ...]
    tier: Tier
    therapies: str
    window: str
    positive: tuple[str, ...]
    tests: tuple[str, ...]


@dataclass(frozen=True)
class GapRow:
    id: str
    text: str
    tests: tuple[str, ...]


# --- Reading the tests -------------------------------------------------------------------------


@dataclass
class TestIndex:
    """What each test function in tests/rules/ names: strings, and tuples of strings."""

    strings: dict[str, set[str]]  # test name -> string constants it can reach
    tuples: dict[str, list[frozenset[str]]]  # test name -> string tuples it can reach

    def naming(self, text: str) -> tuple[str, ...]:
        return tuple(sorted(t for t, found in self.strings.items() if text in found))

    def naming_together(self, *texts: str) -> tuple[str, ...]:
        wanted = set(texts)
        return tuple(
            sorted(t for t, groups in self.tuples.items() if any(wanted <= g for g in groups))
        )


def _constants(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


def _string_tuples(node: ast.AST) -> Iterator[frozenset[str]]:
    for child in ast.walk(node):
        if isinstance(child, ast.Tuple | ast.List | ast.Call):
            elements = child.args if isinstance(child, ast.Call) else child.elts
            found = frozenset(
                e.value
                for e in elements
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            )
            if len(found) >= 2:
                yield found


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def index_tests(folder: Path = TESTS) -> TestIndex:
    strings: dict[str, set[str]] = {}
    tuples: dict[str, list[frozenset[str]]] = {}
    for path in sorted(folder.glob("test_*.py")):
        module = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        top: dict[str, ast.AST] = {}
        for stmt in module.body:
            targets: list[ast.expr] = []
            if isinstance(stmt, ast.Assign):
                targets = list(stmt.targets)
            elif isinstance(stmt, ast.AnnAssign):
                targets = [stmt.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    top[target.id] = stmt
            if isinstance(stmt, ast.FunctionDef) and not stmt.name.startswith("test_"):
                top[stmt.name] = stmt
        for stmt in module.body:
            if not isinstance(stmt, ast.FunctionDef) or not stmt.name.startswith("test_"):
                continue
            name = f"{path.relative_to(REPO).as_posix()}::{stmt.name}"
            reach: list[ast.AST] = [stmt]
            seen: set[str] = set()
            # Tables reach a test through its parametrize decorators; helpers through calls.
            # (A table only read in the body, e.g. to count its rows, does not "name" a rule.)
            queue = sorted(
                {n for d in stmt.decorator_list for n in _names(d)}
                | {n for n in _names(stmt) if isinstance(top.get(n), ast.FunctionDef)}
            )
            while queue:
                n = queue.pop()
                if n in seen or n not in top:
                    continue
                seen.add(n)
                reach.append(top[n])
                queue.extend(sorted(_names(top[n])))
            strings[name] = {s for node in reach for s in _constants(node)}
            tuples[name] = [t for node in reach for t in _string_tuples(node)]
    return TestIndex(strings, tuples)


@dataclass(frozen=True)
class ScenarioFile:
    name: str  # "tests/rules/scenarios/x.json", or "shared/scenarios/x.json" beside the repo
    therapy: str | None
    ticked: frozenset[str]  # normalised symptom names
    expected_rules: frozenset[str]
    positive: bool  # expects report_now or higher


def _label(path: Path) -> str:
    """Independent of where the checkout lives, so the generated file is the same in CI."""
    if path.is_relative_to(REPO):
        return path.relative_to(REPO).as_posix()
    return path.relative_to(REPO.parent).as_posix()


def read_scenarios(
    catalogue: Catalogue, folders: Iterable[Path] = SCENARIO_DIRS
) -> list[ScenarioFile]:
    found: list[ScenarioFile] = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            raw = json.loads(path.read_text(encoding="utf-8"))
            therapy = catalogue.therapy(str(raw.get("therapy", {}).get("id", "")))
            ticked: set[str] = set()
            for e in raw.get("entries", []):
                for s in e.get("symptoms", []) or []:
                    text = s if isinstance(s, str) else s.get("name", "")
                    ticked.add(normalise_name(str(text)))
            expect = raw.get("expect", {})
            minimum = expect.get("min_tier")
            found.append(
                ScenarioFile(
                    _label(path),
                    therapy.id if therapy else None,
                    frozenset(ticked),
                    frozenset(expect.get("rules", [])),
                    minimum is not None and Tier(minimum).rank >= Tier.REPORT_NOW.rank,
                )
            )
    return found


# --- Evaluating the warnings -------------------------------------------------------------------


def _tier_and_rules(
    rules: RuleSet, catalogue: Catalogue, therapy: str, reports: Sequence[SymptomReport], day: int
) -> tuple[Tier, tuple[str, ...]]:
    moment = datetime(START.year, START.month, START.day, 15, tzinfo=UTC) + timedelta(days=day)
    content = EntryContent(observed_at=moment, symptoms=tuple(reports))
    situation = Situation(therapy, START, BIRTH, rules.defaults)
    result = evaluate(rules, catalogue, situation, [("trace", content)])
    return result.tier, tuple(sorted({f.rule_id for f in result.flags}))


def warning_rows(
    rules: RuleSet, catalogue: Catalogue, tests: TestIndex, scenarios: Sequence[ScenarioFile]
) -> list[WarningRow]:
    rows: list[WarningRow] = []
    for phrase in catalogue.phrases:
        if phrase.kind is WarningKind.SIDE_EFFECT:
            continue
        reports = [
            SymptomReport(m.symptom_id, m.implied_severity)
            for m in catalogue.resolve_symptom(phrase.text)
        ]
        means = ", ".join(
            m.symptom_id + ("" if m.severity is None else f":{m.severity}") for m in reports
        )
        names = {normalise_name(t) for t in (phrase.text, *phrase.aliases)}
        for therapy in phrase.therapies:
            tier, fired = _tier_and_rules(rules, catalogue, therapy, reports, EARLY_DAY)
            late_tier, _ = _tier_and_rules(rules, catalogue, therapy, reports, LATE_DAY)
            covering = list(tests.naming_together(therapy, phrase.text))
            covering += [
                s.name
                for s in scenarios
                if s.positive and s.therapy == therapy and names & s.ticked
            ]
            rows.append(
                WarningRow(
                    therapy=therapy,
                    kind=phrase.kind.value,
                    source=phrase.source,
                    phrase=phrase.text,
                    means=means,
                    rules=fired,
                    tier=tier,
                    late_tier=late_tier,
                    tests=tuple(covering),
                )
            )
    return rows


def rule_rows(rules: RuleSet, tests: TestIndex, scenarios: Sequence[ScenarioFile]) -> list[RuleRow]:
    rows = []
    for r in rules.rules:
        window = "-" if r.window is None else f"days {r.window.from_day} to {r.window.to_day}"
        rows.append(
            RuleRow(
                id=r.id,
                refs=r.refs,
                sources=r.sources,
                tier=r.tier,
                therapies=", ".join(r.therapies).replace("*", "all"),
                window=window,
                positive=tuple(s.name for s in scenarios if r.id in s.expected_rules),
                tests=tests.naming(r.id),
            )
        )
    return rows


def known_gaps(tests: TestIndex, folder: Path = TESTS) -> list[GapRow]:
    module = ast.parse((folder / "support.py").read_text(encoding="utf-8"))
    bugs: dict[str, str] = {}
    for stmt in module.body:
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and stmt.target.id == "KNOWN_BUGS"
            and stmt.value is not None
        ):
            bugs = ast.literal_eval(stmt.value)
    return [GapRow(b, text, tests.naming(b)) for b, text in sorted(bugs.items(), key=_bug_order)]


def _bug_order(item: tuple[str, str]) -> tuple[str, int]:
    prefix, _, number = item[0].rpartition("-")
    return (prefix, int(number)) if number.isdigit() else (item[0], 0)


# --- Writing -----------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _list(items: Iterable[str], empty: str = "**none**") -> str:
    values = [f"`{_cell(i)}`" for i in items]
    return "<br>".join(values) if values else empty


def render(
    rules: RuleSet,
    catalogue: Catalogue,
    warnings: Sequence[WarningRow],
    rule_table: Sequence[RuleRow],
    gaps: Sequence[GapRow],
) -> str:
    out: list[str] = []
    add = out.append
    add("# Traceability: source warnings -> rules -> tiers -> tests")
    add("")
    add(
        "Generated by `tools/traceability.py` from `data/` and `tests/rules/`; do not edit by hand."
    )
    add("Regenerate with `.venv/bin/python tools/traceability.py`.")
    add("`tests/rules/test_traceability.py` fails when this file is stale.")
    add("")
    add(f"- Catalogue version: `{catalogue.version}`")
    add(f"- Rules version: `{rules.version}` (sha256 `{rules.checksum[:16]}...`)")
    add(
        f"- Tiers are computed by evaluating each warning as a checklist tick on day {EARLY_DAY} "
        f"(inside every time window) and on day {LATE_DAY} (after all of them)."
    )
    add(
        "- Every warning is also checked by the generated tests in "
        "`tests/rules/test_seed_warnings.py` (each phrase x therapy x day, and each catalogue "
        "listing x severity x day)."
    )
    add("")
    add("## 1. Source-document warnings")
    add("")
    add(
        "| # | Therapy | Heading | Source | Warning (as printed) | Means | Rules that flag it "
        f"(day {EARLY_DAY}) | Tier day {EARLY_DAY} | Tier day {LATE_DAY} | Tests |"
    )
    add("|---|---|---|---|---|---|---|---|---|---|")
    for n, w in enumerate(warnings, 1):
        add(
            f"| {n} | {w.therapy} | {w.kind} | {w.source} | {_cell(w.phrase)} | `{w.means}` | "
            f"{_list(w.rules)} | {w.tier.value} | {w.late_tier.value} | {_list(w.tests)} |"
        )
    add("")
    add("## 2. Rules")
    add("")
    add(
        "| Rule | Tier | Therapies | Window | Refs | Sources "
        "| Positive scenarios | Tests naming it |"
    )
    add("|---|---|---|---|---|---|---|---|")
    for r in rule_table:
        refs = "; ".join(_cell(x) for x in r.refs) or "**none**"
        sources = ", ".join(r.sources) or "**none**"
        add(
            f"| `{r.id}` | {r.tier.value} | {r.therapies} | {r.window} | {refs} | {sources} | "
            f"{_list(r.positive)} | {_list(r.tests)} |"
        )
    add("")
    add("## 3. Watch windows (the Treatment page, reminders and the daily neuro check)")
    add("")
    add("| Therapy | Window | Days | Counted from | Team may extend | Sources |")
    add("|---|---|---|---|---|---|")
    for t in catalogue.therapies:
        for w in t.windows:
            mark = " (unverified)" if w.unverified else ""
            add(
                f"| {t.id} | `{w.id}`: {_cell(w.label)}{mark} | {w.from_day} to {w.to_day} | "
                f"{w.anchor.value.replace('_', ' ')} | {'yes' if w.team_may_extend else 'no'} | "
                f"{', '.join(w.sources)} |"
            )
    add("")
    add("## 4. Known gaps")
    add("")
    add(
        "Bugs the tests found in code or data this folder does not own. Each test is "
        "`xfail(strict=True)`: it turns red (XPASS) the day the fix lands, so the mark must "
        "then be removed. `pytest --runxfail tests/rules` shows them failing."
    )
    add("")
    add("| Id | What is wrong | Tests |")
    add("|---|---|---|")
    for g in gaps:
        add(f"| {g.id} | {_cell(g.text)} | {_list(g.tests)} |")
    add("")
    return "\n".join(out)


def generate() -> str:
    catalogue = load_catalogue()
    rules = load_rules(find_data_dir(), catalogue)
    tests = index_tests()
    scenarios = read_scenarios(catalogue)
    return render(
        rules,
        catalogue,
        warning_rows(rules, catalogue, tests, scenarios),
        rule_rows(rules, tests, scenarios),
        known_gaps(tests),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument(
        "--out", type=Path, default=DOC, help="where to write (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    text = generate()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run tools/traceability.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
