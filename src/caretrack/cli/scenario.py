"""Reading a scenario file (contracts/cli.md) into what the rules evaluate.

Anything the contract calls bad input raises BadInput with a message naming the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from caretrack.cli.errors import BadInput
from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import (
    EntryContent,
    MedicineGiven,
    NeuroCheck,
    PumpEvent,
    SymptomReport,
)
from caretrack.domain.neuro_check import CHANGE_MEANS
from caretrack.domain.pump import BAG_HOURS
from caretrack.domain.symptom_names import UnknownSymptom, reports_from_names
from caretrack.domain.temperature import Route, Temperature, Unit, parse_tenths
from caretrack.domain.validation import Level, check_temperature
from caretrack.rules import CareSettings, RuleSet, Situation


@dataclass(frozen=True)
class Scenario:
    situation: Situation
    entries: list[tuple[str | None, EntryContent]]
    now: datetime


def read_scenario(path: Path, catalogue: Catalogue, rules: RuleSet) -> Scenario:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path} is not valid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise BadInput(f"{path}: the scenario must be a JSON object")
    therapy_raw = _obj(raw.get("therapy"), "therapy")
    therapy = catalogue.therapy(str(therapy_raw.get("id", "")))
    if therapy is None:
        raise BadInput(f"therapy.id: unknown therapy {therapy_raw.get('id')!r}")
    start = _date(therapy_raw.get("start_date"), "therapy.start_date")
    child = _obj(raw.get("child", {}), "child")
    birth = _date(child["birth_date"], "child.birth_date") if "birth_date" in child else date.min
    situation = Situation(therapy.id, start, birth, _settings(raw.get("care_team"), rules))
    entries_raw = raw.get("entries")
    if not isinstance(entries_raw, list) or not entries_raw:
        raise BadInput("entries: must be a non-empty list")
    entries: list[tuple[str | None, EntryContent]] = [
        (f"entry-{i + 1}", _entry(e, f"entries[{i}]", catalogue)) for i, e in enumerate(entries_raw)
    ]
    now = (
        _time(raw["now"], "now")
        if raw.get("now") is not None
        else max(c.observed_at for _, c in entries)
    )
    return Scenario(situation, entries, now)


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadInput(f"{where}: must be an object")
    return value


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadInput(f"{where}: not a date like 2026-11-01: {value!r}") from None


def _time(value: Any, where: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise BadInput(f"{where}: not an ISO 8601 time: {value!r}") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _settings(raw: Any, rules: RuleSet) -> CareSettings:
    settings = rules.defaults
    if raw is None:
        return settings
    team = _obj(raw, "care_team")
    if "fever_threshold_c" in team:
        tenths = parse_tenths(str(team["fever_threshold_c"]))
        lo, hi = rules.fever_threshold_bounds
        if tenths is None or not lo <= tenths <= hi:
            raise BadInput(
                f"care_team.fever_threshold_c: must be between {lo / 10} and {hi / 10} °C, "
                f"got {team['fever_threshold_c']!r}"
            )
        settings = CareSettings(tenths, settings.trend_enabled, settings.trend_rise,
                                settings.trend_severe_at)  # fmt: skip
    return settings


def _entry(raw: Any, where: str, catalogue: Catalogue) -> EntryContent:
    e = _obj(raw, where)
    if "at" not in e:
        raise BadInput(f"{where}.at: missing")
    at = _time(e["at"], f"{where}.at")
    note = e.get("note") or ""
    if not isinstance(note, str):
        raise BadInput(f"{where}.note: must be text")
    return EntryContent(
        observed_at=at,
        temperature=_temperature(e.get("temperature"), f"{where}.temperature"),
        symptoms=_symptoms(e, where, catalogue),
        medicines=_medicines(e.get("medicines"), f"{where}.medicines", at),
        note=note,
        pump_event=_pump(e.get("pump"), f"{where}.pump"),
        pump_bag_hours=_bag_hours(e.get("pump"), f"{where}.pump"),
        neuro_check=_neuro_check(e.get("neuro_check"), f"{where}.neuro_check"),
    )


def _temperature(raw: Any, where: str) -> Temperature | None:
    if raw is None:
        return None
    t = _obj(raw, where)
    tenths = parse_tenths(str(t.get("value", "")))
    if tenths is None:
        raise BadInput(f"{where}.value: not a number: {t.get('value')!r}")
    try:
        unit = Unit(str(t.get("unit", "")).upper())
    except ValueError:
        raise BadInput(f"{where}.unit: must be C or F, got {t.get('unit')!r}") from None
    route_text = str(t.get("route", "oral")).lower()
    if route_text == "rectal":
        raise BadInput(f"{where}.route: rectal temperatures are not used on this treatment (R21)")
    try:
        route = Route(route_text)
    except ValueError:
        raise BadInput(f"{where}.route: must be oral, axillary, ear or forehead") from None
    errors = [p for p in check_temperature(tenths, unit) if p.level is Level.ERROR]
    if errors:
        raise BadInput(f"{where}: {errors[0].message}")
    return Temperature(tenths, unit, route)


def _symptoms(e: dict[str, Any], where: str, catalogue: Catalogue) -> tuple[SymptomReport, ...]:
    items: list[tuple[str, int | None]] = []
    for i, s in enumerate(e.get("symptoms") or []):
        if isinstance(s, str):
            items.append((s, None))
        elif isinstance(s, dict) and isinstance(s.get("name"), str):
            sev = s.get("severity")
            if sev is not None and (not isinstance(sev, int) or isinstance(sev, bool)
                                    or not 0 <= sev <= 4):  # fmt: skip
                raise BadInput(f"{where}.symptoms[{i}].severity: must be 0-4, got {sev!r}")
            items.append((s["name"], sev))
        else:
            raise BadInput(f"{where}.symptoms[{i}]: must be a name or {{name, severity}}")
    try:
        return reports_from_names(catalogue, items)
    except UnknownSymptom as exc:
        raise BadInput(f"{where}.symptoms: {exc}") from None


def _medicines(raw: Any, where: str, at: datetime) -> tuple[MedicineGiven, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise BadInput(f"{where}: must be a list")
    meds = []
    for i, m in enumerate(raw):
        m = _obj(m, f"{where}[{i}]")
        given = _time(m["at"], f"{where}[{i}].at") if "at" in m else at
        meds.append(MedicineGiven(str(m.get("name", "")), str(m.get("dose", "")), given))
    return tuple(meds)


def _pump(raw: Any, where: str) -> PumpEvent | None:
    if raw is None:
        return None
    p = _obj(raw, where)
    try:
        return PumpEvent(str(p.get("event")))
    except ValueError:
        raise BadInput(f"{where}.event: unknown pump event {p.get('event')!r}") from None


def _bag_hours(raw: Any, where: str) -> int | None:
    if raw is None or _obj(raw, where).get("bag_hours") is None:
        return None
    hours = raw["bag_hours"]
    if hours not in BAG_HOURS or isinstance(hours, bool):
        raise BadInput(f"{where}.bag_hours: must be one of 24, 48, 72, 96, 168, got {hours!r}")
    return int(hours)


def _neuro_check(raw: Any, where: str) -> NeuroCheck | None:
    if raw is None:
        return None
    changed = _obj(raw, where).get("changed_from_usual", [])
    if not isinstance(changed, list):
        raise BadInput(f"{where}.changed_from_usual: must be a list")
    for domain in changed:
        if domain not in CHANGE_MEANS:
            raise BadInput(f"{where}: unknown domain {domain!r}")
    return NeuroCheck(asked=tuple(dict.fromkeys(changed)), changed=tuple(dict.fromkeys(changed)))
