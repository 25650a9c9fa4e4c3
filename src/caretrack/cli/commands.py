"""What each subcommand does: parse the values, call the same services as the window, print."""

from __future__ import annotations

import argparse
import json
import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from caretrack.cli.errors import BadInput

if TYPE_CHECKING:
    from caretrack.domain.catalogue import Catalogue
    from caretrack.domain.flags import Evaluation
    from caretrack.rules import RuleSet
    from caretrack.services import Services


def _load_catalogue() -> Catalogue:
    from caretrack.catalogue import CatalogueError, load_catalogue

    try:
        return load_catalogue()
    except CatalogueError as exc:
        raise BadInput(f"the symptom catalogue is broken: {exc}") from exc


def _open(args: argparse.Namespace) -> Services:
    from caretrack.cli.data_commands import refuse_unsafe_folder
    from caretrack.services import open_services
    from caretrack.storage.database import DatabaseOpenError
    from caretrack.storage.location import data_dir

    try:
        return open_services(data_dir(args.data_dir), _load_catalogue())
    except DatabaseOpenError as exc:
        refuse_unsafe_folder(exc)  # network drive or sync folder: one line, exit 2 (T16)
        raise


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{what} must be a date like 2026-11-05, got {text!r}") from None


def _out_file(text: str) -> Path:
    """--out: a file name in a folder that exists (the file itself is written atomically)."""
    out = Path(text).expanduser().absolute()
    if out.is_dir():
        raise BadInput(f"--out {out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise BadInput(f"--out folder {out.parent} does not exist")
    return out


def _problems(exc: Exception) -> str:
    from caretrack.services.errors import NeedsConfirmation, ValidationFailed

    if isinstance(exc, ValidationFailed | NeedsConfirmation):
        return "; ".join(f"{p.field}: {p.message}" for p in exc.problems)
    return str(exc)


def demo(args: argparse.Namespace) -> int:
    from caretrack.services.demo import make_demo_household

    services = _open(args)
    try:
        if services.household.children():
            raise BadInput(
                f"{services.database.path.parent} already holds a household; "
                "the demo only fills an empty data folder"
            )
        print(make_demo_household(services))
    finally:
        services.close()
    return 0


def child_add(args: argparse.Namespace) -> int:
    from caretrack.services.errors import ValidationFailed

    weight = None
    if args.weight_kg is not None:
        try:
            weight = Decimal(args.weight_kg)
        except InvalidOperation:
            raise BadInput(f"--weight-kg must be a number, got {args.weight_kg!r}") from None
    birth = _date(args.birth_date, "--birth-date")
    start = _date(args.start, "--start")
    services = _open(args)
    try:
        if services.catalogue.therapy(args.therapy) is None:
            ids = ", ".join(t.id for t in services.catalogue.therapies)
            raise BadInput(f"unknown therapy {args.therapy!r}; use one of {ids}")
        try:
            added = services.household.add_child(
                args.name, birth, weight, args.therapy, start, args.cycle
            )
        except ValidationFailed as exc:
            raise BadInput(_problems(exc)) from None
    finally:
        services.close()
    print(json.dumps({"child_id": added.id}))
    return 0


def child_list(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        rows = []
        for c in services.household.children():
            course = c.current_course
            rows.append(
                {
                    "child_id": c.id,
                    "name": c.name,
                    "therapy": None if course is None else course.therapy_id,
                    "start_date": None if course is None else course.start_date.isoformat(),
                }
            )
    finally:
        services.close()
    print(json.dumps(rows, ensure_ascii=False))
    return 0


def entry_add(args: argparse.Namespace) -> int:
    from caretrack.domain.model import EntryContent
    from caretrack.domain.symptom_names import UnknownSymptom, reports_from_names, split_severity
    from caretrack.domain.temperature import Route, Temperature, Unit, parse_tenths
    from caretrack.services.errors import NeedsConfirmation, ValidationFailed

    temperature = None
    if args.temp is not None:
        if args.unit is None:
            raise BadInput("--temp needs --unit C or F")
        tenths = parse_tenths(args.temp)
        if tenths is None:
            raise BadInput(f"--temp must be a number, got {args.temp!r}")
        temperature = Temperature(tenths, Unit(args.unit), Route(args.route or "oral"))
    services = _open(args)
    try:
        child = services.household.find_child(args.child)
        if child is None:
            raise BadInput(f"no child called {args.child!r}; see `caretrack child list`")
        now = services.clock.now()
        at = now
        if args.at:
            try:
                at = datetime.fromisoformat(args.at)
            except ValueError:
                raise BadInput(f"--at must be an ISO 8601 time, got {args.at!r}") from None
            if at.tzinfo is None:
                at = at.replace(tzinfo=now.tzinfo)
        try:
            symptoms = reports_from_names(
                services.catalogue, (split_severity(s) for s in args.symptom)
            )
        except (UnknownSymptom, ValueError) as exc:
            raise BadInput(str(exc)) from None
        content = EntryContent(
            observed_at=at,
            logged_by=args.by,
            temperature=temperature,
            symptoms=symptoms,
            note=args.note,
        )
        try:
            # A script has no one to ask: unusual values are saved (and still evaluated).
            result = services.entries.save_new(
                child.id,
                str(uuid.uuid4()),
                content,
                confirmed=("unusual_temperature", "long_ago"),
            )
        except (ValidationFailed, NeedsConfirmation) as exc:
            raise BadInput(_problems(exc)) from None
    finally:
        services.close()
    rules = services.flags.rules
    out = {"entry_id": result.entry.id} | evaluation_json(result.evaluation, rules)
    print(json.dumps(out, ensure_ascii=False))
    return 0


def _load_rules(catalogue: Catalogue) -> RuleSet:
    from caretrack.catalogue import find_data_dir
    from caretrack.rules import RulesError, load_rules

    try:
        return load_rules(find_data_dir(), catalogue)
    except RulesError as exc:
        raise BadInput(f"the warning rules are broken: {exc}") from exc


def evaluation_json(evaluation: Evaluation, rules: RuleSet | None) -> dict[str, object]:
    """The result object of contracts/cli.md, plus the plain-language fields the window shows."""
    titles = {} if rules is None else rules.source_titles
    return {
        "tier": evaluation.tier.value,
        "flags": [
            {
                "rule_id": f.rule_id,
                "tier": f.tier.value,
                "title": f.title,
                "evidence": list(f.evidence),
                "source": "; ".join(f"{s}: {titles.get(s, s)}" for s in f.sources),
                "sources": list(f.sources),
                "message": f.message,
                "what_to_do": f.what_to_do,
                "found_in_note": f.found_in_note,
            }
            for f in evaluation.flags
        ],
        "rules_version": evaluation.rules_version,
    }


def evaluate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from caretrack.cli.scenario import read_scenario
    from caretrack.rules import evaluate_safely

    catalogue = _load_catalogue()
    rules = _load_rules(catalogue)
    scenario = read_scenario(Path(args.scenario), catalogue, rules)
    result = evaluate_safely(rules, catalogue, scenario.situation, scenario.entries, scenario.now)
    print(json.dumps(evaluation_json(result, rules), ensure_ascii=False, indent=2))
    return 0 if result.available else 1
