"""Loading `data/rules.toml` and `data/note_phrases.toml`, checked against the catalogue.

A rule that names an unknown symptom, therapy or source is refused at start-up: a rule that
silently never matches is a missed warning waiting to happen.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any

from caretrack.domain.catalogue import Catalogue, WarningKind
from caretrack.domain.flags import Tier
from caretrack.domain.model import PumpEvent
from caretrack.rules.model import CareSettings, Condition, NotePhrase, Rule, RuleSet, Window
from caretrack.rules.notes import plain

RULES_FILE = "rules.toml"
PHRASES_FILE = "note_phrases.toml"
_CONDITION_KEYS = (
    "pump_events",
    "pump_interruption_hours",
    "symptoms",
    "listed_under",
    "all_of",
    "fever",
    "medicine_classes",
    "trend",
    "uncovered",
)


class RulesError(Exception):
    """The rules could not be loaded; the message names the file, the rule and the field."""


def load_rules(data_dir: Path, catalogue: Catalogue) -> RuleSet:
    """Load and check the rules; anything wrong is a RulesError, never another exception."""
    try:
        return _load(data_dir, catalogue)
    except RulesError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise RulesError(
            f"{RULES_FILE} or {PHRASES_FILE}: a value has the wrong form ({exc!r})"
        ) from exc


def _load(data_dir: Path, catalogue: Catalogue) -> RuleSet:
    rules_path = data_dir / RULES_FILE
    phrases_path = data_dir / PHRASES_FILE
    raw_rules, rules_bytes = _read(rules_path)
    raw_phrases, phrase_bytes = _read(phrases_path)
    titles = {src.id: short_title(src.citation) for src in catalogue.sources}
    checksum = hashlib.sha256(rules_bytes + b"\0" + phrase_bytes).hexdigest()

    def fail(where: str, message: str, file: Path = rules_path) -> RulesError:
        return RulesError(f"{file.name}, {where}: {message}")

    version = raw_rules.get("version")
    if not isinstance(version, str) or not version:
        raise fail("top", 'field "version" must be a non-empty text')
    defaults = _defaults(raw_rules.get("care_team_defaults"), fail)
    bounds = raw_rules.get("fever_threshold_bounds_c", [37.0, 39.0])
    fever_bounds = (round(float(bounds[0]) * 10), round(float(bounds[1]) * 10))
    if not fever_bounds[0] <= defaults.fever_threshold_c_tenths <= fever_bounds[1]:
        raise fail("care_team_defaults", 'field "fever_threshold_c" is outside the allowed bounds')
    classes, class_sources = _medicine_classes(raw_rules.get("medicine_classes", {}), titles, fail)

    symptom_ids = {s.id for s in catalogue.symptoms}
    therapy_ids = {t.id for t in catalogue.therapies}
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_rules.get("rule", [])):
        rid = raw.get("id", f"#{index + 1}")
        where = f'rule "{rid}"'
        if rid in seen:
            raise fail(where, "this id is used twice")
        seen.add(rid)
        try:
            rules.append(_rule(raw, where, fail, symptom_ids, therapy_ids, set(classes), titles))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise fail(where, f"a value has the wrong form ({exc!r})") from exc
    if not rules:
        raise fail("top", "there are no rules")

    phrases, negations, breaks = _phrases(raw_phrases, phrases_path, symptom_ids)
    continuing = tuple(str(c) for c in raw_phrases.get("continuing", []))
    return RuleSet(
        version=version,
        checksum=checksum,
        rules=tuple(rules),
        phrases=phrases,
        negations=negations,
        clause_breaks=breaks,
        continuing=continuing,
        medicine_classes=classes,
        medicine_sources=class_sources,
        defaults=defaults,
        fever_threshold_bounds=fever_bounds,
        source_titles=titles,
        reviewed=str(raw_rules.get("reviewed", "")),
    )


def _read(path: Path) -> tuple[dict[str, Any], bytes]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RulesError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    try:
        return tomllib.loads(data.decode("utf-8")), data
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path.name}: {exc}") from exc


def short_title(citation: str) -> str:
    """'Kymriah Medication Guide (rev. April 2024). http://...' -> the part before the address."""
    return re.split(r"\s+https?://", citation)[0].strip()


def _defaults(raw: Any, fail: Any) -> CareSettings:
    raw = raw or {}
    try:
        return CareSettings(
            fever_threshold_c_tenths=round(float(raw.get("fever_threshold_c", 38.0)) * 10),
            trend_enabled=bool(raw.get("trend_enabled", True)),
            trend_rise=int(raw.get("trend_rise", 2)),
            trend_severe_at=int(raw.get("trend_severe_at", 3)),
        )
    except (TypeError, ValueError) as exc:
        raise fail("care_team_defaults", str(exc)) from exc


def _medicine_classes(
    raw: dict[str, Any], titles: dict[str, str], fail: Any
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    names: dict[str, tuple[str, ...]] = {}
    sources: dict[str, tuple[str, ...]] = {}
    for cls, body in raw.items():
        where = f"medicine class {cls!r}"
        if not body.get("names"):
            raise fail(where, 'field "names" must list at least one name')
        names[cls] = tuple(str(n).casefold() for n in body["names"])
        sources[cls] = _sources(body.get("sources"), where, titles, fail)
    return names, sources


def _sources(raw: Any, where: str, titles: dict[str, str], fail: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail(where, 'field "sources" must list at least one source id')
    for s in raw:
        if s not in titles:
            raise fail(where, f'field "sources": unknown source {s!r}')
    return tuple(raw)


def _rule(
    raw: dict[str, Any],
    where: str,
    fail: Any,
    symptom_ids: set[str],
    therapy_ids: set[str],
    medicine_classes: set[str],
    titles: dict[str, str],
) -> Rule:
    for key in (
        "id",
        "refs",
        "version",
        "tier",
        "therapies",
        "title",
        "message",
        "what_to_do",
        "when",
    ):
        if key not in raw:
            raise fail(where, f'field "{key}" is missing')
    try:
        tier = Tier(raw["tier"])
    except ValueError:
        raise fail(where, f'field "tier": unknown tier {raw["tier"]!r}') from None
    if tier is Tier.NONE:
        raise fail(where, 'field "tier": a rule cannot have tier "none"')
    therapies = tuple(raw["therapies"])
    if not therapies:
        raise fail(where, 'field "therapies" is empty: the rule could never fire')
    for t in therapies:
        if t != "*" and t not in therapy_ids:
            raise fail(where, f'field "therapies": unknown therapy {t!r}')
    window = None
    if "window" in raw:
        w = raw["window"]
        window = Window(int(w["from_day"]), int(w["to_day"]), bool(w.get("each_dose", False)))
        if window.from_day > window.to_day:
            raise fail(where, 'field "window": from_day is after to_day')
    when = raw["when"]
    kinds = {"symptoms" if k == "listed_under" else k for k in _CONDITION_KEYS if k in when}
    if len(kinds) != 1:
        raise fail(where, f'field "when" must use exactly one of {", ".join(_CONDITION_KEYS)}')
    symptom_kinds = ("symptoms", "listed_under")
    if any(k in when for k in symptom_kinds) and not any(when.get(k) for k in symptom_kinds):
        raise fail(where, 'field "when.symptoms" is empty: the rule could never fire')
    for key in ("all_of", "medicine_classes", "pump_events"):
        if key in when and not when[key]:
            raise fail(where, f'field "when.{key}" is empty: the rule could never fire')
    for key in ("fever", "trend", "uncovered"):
        if key in when and when[key] is not True:
            raise fail(where, f'field "when.{key}" must be true (remove the rule to turn it off)')
    named = [
        *when.get("symptoms", []),
        *(s for g in when.get("all_of", []) for s in g),
        *when.get("covers", []),
    ]
    for s in named:
        if s not in symptom_ids:
            raise fail(where, f'field "when": unknown symptom {s!r}')
    listed: list[WarningKind] = []
    for k in when.get("listed_under", []):
        try:
            listed.append(WarningKind(k))
        except ValueError:
            raise fail(where, f'field "when.listed_under": unknown kind {k!r}') from None
    for c in when.get("medicine_classes", []):
        if c not in medicine_classes:
            raise fail(where, f'field "when.medicine_classes": unknown class {c!r}')
    for e in when.get("pump_events", []):
        if e not in {p.value for p in PumpEvent}:
            raise fail(where, f'field "when.pump_events": unknown event {e!r}')
    min_severity = int(when.get("min_severity", 1))
    overrides = {str(k): int(v) for k, v in when.get("severity_at_least", {}).items()}
    for value in [min_severity, *overrides.values()]:
        if not 1 <= value <= 4:
            raise fail(where, 'field "when": severities must be 1-4')
    for s in overrides:
        if s not in symptom_ids:
            raise fail(where, f'field "when.severity_at_least": unknown symptom {s!r}')
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", raw["id"]):
        raise fail(where, 'field "id" must be lower-case words joined by "-"')
    return Rule(
        id=raw["id"],
        refs=tuple(str(r) for r in raw["refs"]),
        version=int(raw["version"]),
        tier=tier,
        therapies=therapies,
        window=window,
        title=str(raw["title"]),
        message=str(raw["message"]).strip(),
        what_to_do=str(raw["what_to_do"]).strip(),
        sources=_sources(raw.get("sources"), where, titles, fail),
        when=Condition(
            symptoms=tuple(when.get("symptoms", [])),
            min_severity=min_severity,
            severity_at_least=tuple(sorted(overrides.items())),
            listed_under=tuple(listed),
            all_of=tuple(tuple(g) for g in when.get("all_of", [])),
            fever=bool(when.get("fever", False)),
            medicine_classes=tuple(when.get("medicine_classes", [])),
            trend=bool(when.get("trend", False)),
            uncovered=bool(when.get("uncovered", False)),
            pump_events=tuple(str(e) for e in when.get("pump_events", [])),
            covers=tuple(str(c) for c in when.get("covers", [])),
            pump_interruption_hours=(
                int(when["pump_interruption_hours"]) if "pump_interruption_hours" in when else None
            ),
        ),
    )


def _phrases(
    raw: dict[str, Any], path: Path, symptom_ids: set[str]
) -> tuple[tuple[NotePhrase, ...], dict[str, tuple[str, ...]], tuple[str, ...]]:
    negations: dict[str, tuple[str, ...]] = {}
    for lang, words in raw.get("negation", {}).items():
        if lang not in ("en", "es") or not isinstance(words, list) or not words:
            raise RulesError(
                f'{path.name}, [negation]: field "{lang}" must be "en" or "es" with a list of words'
            )
        negations[lang] = tuple(str(w) for w in words)
    if not negations:
        raise RulesError(f"{path.name}, [negation]: no negation words")
    breaks = tuple(str(b) for b in raw.get("clause_breaks", []) if str(b).strip())
    if not breaks:
        raise RulesError(f'{path.name}: field "clause_breaks" must list at least one word')
    phrases: list[NotePhrase] = []
    for index, entry in enumerate(raw.get("phrase", [])):
        sid = entry.get("symptom")
        where = f'{path.name}, phrase #{index + 1} ("{sid}")'
        if sid not in symptom_ids:
            raise RulesError(f'{where}: field "symptom": unknown symptom {sid!r}')
        for lang in ("en", "es"):
            for pattern in entry.get(lang, []):
                if pattern != plain(pattern):
                    raise RulesError(
                        f'{where}: field "{lang}": pattern {pattern!r} has capitals, accents '
                        "or curly quotes; notes are matched in plain lower case"
                    )
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise RulesError(
                        f'{where}: field "{lang}": bad pattern {pattern!r}: {exc}'
                    ) from exc
                phrases.append(NotePhrase(sid, lang, pattern))
    return tuple(phrases), negations, breaks
