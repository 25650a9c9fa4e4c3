"""Shared helpers for the rules tests: real data, fixed dates, one way to build entries.

Everything here uses the real catalogue and the real rules from `data/`; nothing is mocked.
Known bugs found by these tests are listed in KNOWN_BUGS and marked with `bug(...)`: such a
test is `xfail(strict=True)`, so it shows as "xfailed" until the fix lands and then fails as
XPASS, which forces whoever fixed it to remove the mark. Run with `--runxfail` to see them fail.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from caretrack.catalogue import find_data_dir, load_catalogue
from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import Evaluation, Flag, Tier
from caretrack.domain.model import EntryContent, MedicineGiven, PumpEvent, SymptomReport
from caretrack.domain.symptom_names import reports_from_names
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.rules import CareSettings, RuleSet, Situation, evaluate, load_rules

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SHARED_SCENARIOS = REPO.parent / "shared" / "scenarios"
OWN_SCENARIOS = HERE / "scenarios"
BAD_SCENARIOS = HERE / "bad_scenarios"

ZONE = ZoneInfo("America/New_York")
START = date(2026, 11, 1)  # day 0: CAR T infusion day / first day of cycle / first dose
BIRTH = date(2018, 5, 1)
THERAPIES = (
    "tisagenlecleucel",
    "blinatumomab",
    "inotuzumab_ozogamicin",
    "rituximab",
    "gemtuzumab_ozogamicin",
)
ROUTES = tuple(r.value for r in Route)
TIERS = tuple(t.value for t in Tier)  # highest first

# Bugs these tests found and that were fixed (kept so the history stays readable):
# BUG-1 rule-level severities overrode catalogue listings; BUG-2 "nosebleed that won't stop",
# "bloody vomit"; BUG-3 "won't stop vomiting" read as a negation; BUG-4/5 missed "not waking up",
# "can't breathe" spellings; BUG-6 temperatures written in notes; BUG-7 a negation carried past
# another symptom; BUG-8 a repeated symptom could lower the tier; BUG-9 the infusion-reaction
# window only after the first dose; BUG-10 malformed or never-firing rules loaded; BUG-11 no
# note phrases for other_pain.
KNOWN_BUGS: dict[str, str] = {
    "SPEC-R18": (
        "R18 compares with the previous entry, so adding a milder report of the same symptom to "
        "an EARLIER entry can remove a later trend flag and lower the overall tier; this "
        "conflicts with reliability.md safety target 5 (needs a decision, not a code fix)"
    ),
}


def bug(bug_id: str) -> pytest.MarkDecorator:
    """Mark a test (or a parametrize case) that shows a known bug; see KNOWN_BUGS."""
    return pytest.mark.xfail(strict=True, reason=f"{bug_id}: {KNOWN_BUGS[bug_id]}")


@functools.cache
def catalogue() -> Catalogue:
    return load_catalogue()


@functools.cache
def rules() -> RuleSet:
    return load_rules(find_data_dir(), catalogue())


def at(day: int = 1, hour: int = 10, minute: int = 0) -> datetime:
    """Local time on `day` days after START (day 0 is START itself)."""
    return datetime(START.year, START.month, START.day, hour, minute, tzinfo=ZONE) + timedelta(
        days=day
    )


def temp(value: float | str, unit: str = "C", route: str = "oral") -> Temperature:
    return Temperature.of(value, Unit(unit), Route(route))


def entry(
    day: int = 1,
    *,
    hour: int = 10,
    minute: int = 0,
    symptoms: Iterable[SymptomReport] = (),
    names: Iterable[str | tuple[str, int | None]] = (),
    note: str = "",
    temperature: Temperature | None = None,
    medicines: Iterable[str] = (),
    pump: str | None = None,
    when: datetime | None = None,
) -> EntryContent:
    """One check-in. `names` go through the catalogue like the CLI does ("Seizures", "x:3")."""
    moment = when if when is not None else at(day, hour, minute)
    items = [(n, None) if isinstance(n, str) else n for n in names]
    reports = tuple(symptoms) + (reports_from_names(catalogue(), items) if items else ())
    return EntryContent(
        observed_at=moment,
        temperature=temperature,
        symptoms=reports,
        medicines=tuple(MedicineGiven(m, "", moment) for m in medicines),
        note=note,
        pump_event=PumpEvent(pump) if pump is not None else None,
    )


def situation(therapy: str, settings: CareSettings | None = None, start: date = START) -> Situation:
    return Situation(therapy, start, BIRTH, settings or rules().defaults)


def run(
    therapy: str,
    entries: Sequence[EntryContent],
    *,
    now: datetime | None = None,
    settings: CareSettings | None = None,
) -> Evaluation:
    numbered = [(f"e{i + 1}", e) for i, e in enumerate(entries)]
    return evaluate(rules(), catalogue(), situation(therapy, settings), numbered, now)


def rank(tier: Tier | str) -> int:
    return Tier(tier).rank


def rule_ids(evaluation: Evaluation) -> list[str]:
    return [f.rule_id for f in evaluation.flags]


def flags_of(evaluation: Evaluation, rule_id: str) -> list[Flag]:
    return [f for f in evaluation.flags if f.rule_id == rule_id]


def settings_with(**changes: object) -> CareSettings:
    import dataclasses

    return dataclasses.replace(rules().defaults, **changes)  # type: ignore[arg-type]


def run_cli(
    *args: str, timeout: float = 60, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m caretrack ...` as a real subprocess, never touching a real data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARETRACK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "caretrack", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
        cwd=REPO,
    )
