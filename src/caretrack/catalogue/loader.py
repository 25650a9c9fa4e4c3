"""Reading data/*.toml into a `Catalogue`, refusing anything a nurse could have mistyped.

The files are the clinical truth of the app, edited by people who are not programmers, so every
check names the file, the line and the field. Only the standard library is used: this runs at
start-up.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from caretrack.catalogue.errors import CatalogueError
from caretrack.catalogue.lines import LineFinder, TomlPath
from caretrack.domain.catalogue import (
    Catalogue,
    Fact,
    Schedule,
    ScheduleKind,
    Source,
    SourcePhrase,
    Symptom,
    SymptomGroup,
    SymptomMatch,
    Therapy,
    WarningKind,
    WarningListing,
    WatchWindow,
    WindowAnchor,
    normalise_name,
)

ENV_VAR = "CARETRACK_CATALOGUE_DIR"
SOURCES_FILE = "sources.toml"
THERAPIES_FILE = "therapies.toml"
SYMPTOMS_FILE = "symptoms.toml"
PHRASES_FILE = "phrases.toml"

_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_SOURCE_ID = re.compile(r"^S\d+$")
# Rows of the draft rule table, shared/reference/clinical.md §6.2.
DRAFT_RULES = frozenset({f"R{n}" for n in range(1, 22)} | {"R6a", "R6b"})
LABEL_MAX = 60
HINT_MAX = 120

_E = TypeVar("_E")

# The fields each kind of table may have; anything else is a typo that would lose data.
# fmt: off
_THERAPY_KEYS = {"id", "generic_name", "brand_names", "kind", "disease", "sources", "how_given",
                 "schedule", "fact", "window"}
_SCHEDULE_KEYS = {"kind", "infusion_days", "break_days", "later_break_days", "cycle_days",
                  "later_cycle_days", "dose_days", "bag_hours", "fact"}
_WINDOW_KEYS = {"id", "label", "from_day", "to_day", "anchor", "team_may_extend", "sources",
                "unverified"}
_SYMPTOM_KEYS = {"id", "label", "group", "synonyms", "graded", "hint", "listed_under", "rules",
                 "sources"}
# fmt: on


def find_data_dir() -> Path:
    """Where the catalogue files are: $CARETRACK_CATALOGUE_DIR, the repo's data/, or a bundle's.

    The repo's folder is found from this file (src/caretrack/catalogue/ -> ../../../data) so
    running from a checkout needs no setup; PyInstaller unpacks data/ under sys._MEIPASS.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller in a frozen app
    if getattr(sys, "frozen", False) and isinstance(bundle, str):
        return Path(bundle) / "data"  # never a stray data/ folder beside an unpacked bundle
    repo_data = Path(__file__).resolve().parents[3] / "data"  # src/caretrack/catalogue/ -> repo
    if (repo_data / THERAPIES_FILE).is_file():
        return repo_data
    raise CatalogueError("", f"no catalogue folder found (looked in {repo_data}); set {ENV_VAR}")


def load_catalogue(data_dir: Path | None = None) -> Catalogue:
    """Read and check every catalogue file; raise CatalogueError naming the first problem."""
    folder = data_dir if data_dir is not None else find_data_dir()
    sources = _load_sources(_Doc.read(folder, SOURCES_FILE))
    known = frozenset(s.id for s in sources)
    therapies_doc = _Doc.read(folder, THERAPIES_FILE)
    version, reviewed, therapies = _load_therapies(therapies_doc, known)
    therapy_ids = frozenset(t.id for t in therapies)
    symptoms_doc = _Doc.read(folder, SYMPTOMS_FILE)
    groups, symptoms = _load_symptoms(symptoms_doc, version, therapy_ids, known)
    phrases_doc = _Doc.read(folder, PHRASES_FILE)
    phrases = _load_phrases(phrases_doc, version, symptoms, therapy_ids, known)
    return Catalogue(
        version=version,
        therapies=therapies,
        groups=groups,
        symptoms=symptoms,
        phrases=phrases,
        reviewed=reviewed,
        sources=sources,
    )


# --- reading one file, and typed access to its tables -------------------------------------


@dataclass(frozen=True)
class _Doc:
    name: str
    data: dict[str, object]
    lines: LineFinder

    @classmethod
    def read(cls, folder: Path, name: str) -> _Doc:
        path = folder / name
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CatalogueError(name, f"file not found in {folder}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogueError(name, f"cannot read the file: {exc}") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _syntax_error(name, text, exc) from None
        return cls(name, data, LineFinder(text))

    def root(self, allowed: set[str]) -> _Table:
        table = _Table(self, (), self.data, "")
        table.only(allowed)
        return table


def _syntax_error(name: str, doc: str, exc: tomllib.TOMLDecodeError) -> CatalogueError:
    """tomllib puts the position in the message text: '... (at line 3, column 7)'."""
    text = str(exc)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", text)
    if found:
        message = f"not valid TOML: {text[: found.start()]} (column {found.group(2)})"
        return CatalogueError(name, message, line=int(found.group(1)))
    found = re.search(r"\s*\(at end of document\)\s*$", text)
    if found:
        last = len(doc.splitlines()) or 1
        return CatalogueError(name, f"not valid TOML: {text[: found.start()]}", line=last)
    return CatalogueError(name, f"not valid TOML: {text}")


class _Table:
    """One TOML table with typed getters whose errors carry file, line and field."""

    def __init__(
        self,
        doc: _Doc,
        path: TomlPath,
        data: dict[str, object],
        what: str,
        prefix: str = "",
        line: int | None = None,
    ) -> None:
        self.doc = doc
        self.path = path
        self.data = data
        self.what = what  # e.g. 'symptom "confusion"', added to every message
        self.prefix = prefix  # e.g. "listed_under." for keys of an inline table
        self.fixed_line = line  # inline tables: every key is on the same line

    def line(self, key: str | None = None, item: int | None = None) -> int:
        if self.fixed_line is not None:
            return self.fixed_line
        return self.doc.lines.line_of(self.path, key, item)

    def error(self, key: str | None, message: str, item: int | None = None) -> CatalogueError:
        if self.what:
            message = f"{message} ({self.what})"
        field = f"{self.prefix}{key}" if key else None
        return CatalogueError(self.doc.name, message, self.line(key, item), field)

    def only(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.error(key, f"unknown field; expected one of: {known}")

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            raise self.error(key, "missing; this field is required")
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "expected some text in quotes")
        return value.strip()

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self.data else None

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "expected true or false")
        return value

    def number(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, "expected a whole number")
        return value

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "missing; this field is required")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, 'expected a list of texts, like ["a", "b"]')
        if required and not value:
            raise self.error(key, "must not be empty")
        return tuple(v.strip() for v in value)

    def numbers(self, key: str) -> tuple[int, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise self.error(key, "expected a list of whole numbers, like [1, 8, 15]")
        return tuple(value)

    def table(self, key: str, what: str | None = None) -> _Table:
        value = self.data.get(key)
        if value is None:
            raise self.error(key, "missing; this table is required")
        if not isinstance(value, dict):
            raise self.error(key, "expected a table")
        return _Table(self.doc, (*self.path, key), value, self.what if what is None else what)

    def tables(self, key: str, *, inline: bool = False) -> list[_Table]:
        """An array of tables: `[[key]]` blocks, or (inline) a list of one-line `{ ... }`."""
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(key, "expected a list of tables")
        if inline:
            return [
                _Table(self.doc, self.path, v, self.what, f"{key}.", self.line(key, i))
                for i, v in enumerate(value)
            ]
        return [_Table(self.doc, (*self.path, key, i), v, self.what) for i, v in enumerate(value)]

    def ident(self, key: str = "id") -> str:
        value = self.text(key)
        if not _ID.match(value):
            raise self.error(key, f'"{value}" must be snake_case: a-z, 0-9 and _ only')
        return value

    def source_ids(
        self, key: str, known: frozenset[str], *, required: bool = True
    ) -> tuple[str, ...]:
        ids = self.texts(key, required=required)
        for sid in ids:
            self.check_source_id(key, sid, known)
        return ids

    def check_source_id(self, key: str, sid: str, known: frozenset[str]) -> None:
        if not _SOURCE_ID.match(sid):
            raise self.error(key, f'source id "{sid}" must look like S1, S2, ...')
        if sid not in known:
            raise self.error(key, f'unknown source "{sid}" (not in {SOURCES_FILE})')

    def severity(self, key: str) -> int | None:
        value = self.number(key)
        if value is not None and not 0 <= value <= 4:
            raise self.error(key, f"severity must be 0-4, got {value}")
        return value

    def choice(self, key: str, parse: Callable[[str], _E], choices: list[str]) -> _E:
        value = self.text(key)
        try:
            return parse(value)
        except ValueError:
            raise self.error(
                key, f'unknown {key} "{value}"; use one of: {", ".join(choices)}'
            ) from None


def _unique(table: _Table, key: str, value: str, seen: dict[str, str], kind: str) -> None:
    if value in seen:
        raise table.error(key, f'duplicate {kind} "{value}" (first used at line {seen[value]})')
    seen[value] = str(table.line(key))


# --- sources.toml ----------------------------------------------------------------------------


def _load_sources(doc: _Doc) -> tuple[Source, ...]:
    root = doc.root({"source"})
    out: list[Source] = []
    seen: dict[str, str] = {}
    for t in root.tables("source"):
        t.only({"id", "citation", "urls", "seed"})
        sid = t.text("id")
        if not _SOURCE_ID.match(sid):
            raise t.error("id", f'source id "{sid}" must look like S1, S2, ...')
        _unique(t, "id", sid, seen, "source id")
        t.optional_text("seed")
        out.append(Source(sid, t.text("citation"), t.texts("urls")))
    if not out:
        raise root.error("source", "no [[source]] entries")
    return tuple(out)


# --- therapies.toml --------------------------------------------------------------------------


def _fact(t: _Table, known: frozenset[str]) -> Fact:
    t.only({"text", "sources", "unverified"})
    return Fact(t.text("text"), t.source_ids("sources", known), t.flag("unverified", False))


def _facts(parent: _Table, known: frozenset[str]) -> tuple[Fact, ...]:
    facts = tuple(_fact(t, known) for t in parent.tables("fact"))
    if not facts:
        raise parent.error(None, "needs at least one [[...fact]] with its sources")
    return facts


def _load_therapies(doc: _Doc, known: frozenset[str]) -> tuple[str, str, tuple[Therapy, ...]]:
    root = doc.root({"version", "reviewed", "therapy"})
    version = root.text("version")
    reviewed = root.text("reviewed")
    out: list[Therapy] = []
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for t in root.tables("therapy"):
        t.only(_THERAPY_KEYS)
        tid = t.ident()
        t.what = f'therapy "{tid}"'
        _unique(t, "id", tid, ids, "therapy id")
        generic = t.text("generic_name")
        brands = t.texts("brand_names")
        for key, name in [
            ("id", tid),
            ("generic_name", generic),
            *(("brand_names", b) for b in brands),
        ]:
            norm = normalise_name(name)
            if names.get(norm, tid) != tid:
                raise t.error(key, f'"{name}" is already a name of therapy "{names[norm]}"')
            names[norm] = tid
        how = t.table("how_given")
        out.append(
            Therapy(
                id=tid,
                generic_name=generic,
                brand_names=brands,
                kind=t.text("kind"),
                disease=t.text("disease"),
                how_given=_fact(how, known),
                schedule=_schedule(t.table("schedule"), known),
                facts=_facts(t, known),
                sources=t.source_ids("sources", known),
                windows=_windows(t, known),
            )
        )
    if not out:
        raise root.error("therapy", "no [[therapy]] entries")
    return version, reviewed, tuple(out)


def _schedule(t: _Table, known: frozenset[str]) -> Schedule:
    t.only(_SCHEDULE_KEYS)
    kind = t.choice("kind", ScheduleKind, [k.value for k in ScheduleKind])
    days = {
        key: t.number(key)
        for key in (
            "infusion_days",
            "break_days",
            "later_break_days",
            "cycle_days",
            "later_cycle_days",
        )
    }
    for key, value in days.items():
        if value is not None and value < 1:
            raise t.error(key, f"must be 1 or more, got {value}")
    required = {
        ScheduleKind.CONTINUOUS_CYCLES: ("infusion_days", "break_days"),
        ScheduleKind.DOSE_DAYS: ("cycle_days", "dose_days"),
    }.get(kind, ())
    for key in required:
        if not t.has(key):
            raise t.error(key, f'missing; a "{kind}" schedule needs it')
    dose_days = t.numbers("dose_days")
    bag_hours = t.numbers("bag_hours")
    if list(bag_hours) != sorted(set(bag_hours)) or any(h < 1 for h in bag_hours):
        raise t.error("bag_hours", "bag lengths must be 1 hour or more, rising, without repeats")
    cycle = days["cycle_days"]
    if list(dose_days) != sorted(set(dose_days)) or any(d < 1 for d in dose_days):
        raise t.error("dose_days", "dose days must be 1 or more, rising, without repeats")
    if cycle is not None and dose_days and dose_days[-1] > cycle:
        raise t.error("dose_days", f"dose day {dose_days[-1]} is after the cycle's {cycle} days")
    return Schedule(
        kind=kind,
        infusion_days=days["infusion_days"],
        break_days=days["break_days"],
        later_break_days=days["later_break_days"],
        cycle_days=cycle,
        dose_days=dose_days,
        facts=_facts(t, known),
        later_cycle_days=days["later_cycle_days"],
        bag_hours=bag_hours,
    )


def _windows(parent: _Table, known: frozenset[str]) -> tuple[WatchWindow, ...]:
    out: list[WatchWindow] = []
    for t in parent.tables("window"):
        t.only(_WINDOW_KEYS)
        wid = t.ident()
        if any(w.id == wid for w in out):
            raise t.error("id", f'window "{wid}" appears twice')
        start, end = t.number("from_day"), t.number("to_day")
        if start is None or end is None:
            raise t.error("from_day" if start is None else "to_day", "missing")
        if end < start:
            raise t.error("to_day", f"ends ({end}) before it starts ({start})")
        sources = t.source_ids("sources", known)
        if not sources:
            raise t.error("sources", "a watch window needs at least one source")
        out.append(
            WatchWindow(
                id=wid,
                label=t.text("label"),
                from_day=start,
                to_day=end,
                anchor=t.choice("anchor", WindowAnchor, [a.value for a in WindowAnchor]),
                sources=sources,
                team_may_extend=t.flag("team_may_extend", False),
                unverified=t.flag("unverified", False),
            )
        )
    return tuple(out)


# --- symptoms.toml ---------------------------------------------------------------------------


def _check_version(root: _Table, version: str) -> None:
    mine = root.text("version")
    if mine != version:
        raise root.error("version", f'"{mine}" differs from {THERAPIES_FILE} ("{version}")')


def _plain_line(t: _Table, key: str, text: str | None, limit: int) -> None:
    if text is not None and ("\n" in text or len(text) > limit):
        raise t.error(key, f"must be one line of at most {limit} characters")


def _load_symptoms(
    doc: _Doc, version: str, therapy_ids: frozenset[str], known: frozenset[str]
) -> tuple[tuple[SymptomGroup, ...], tuple[Symptom, ...]]:
    root = doc.root({"version", "group", "symptom"})
    _check_version(root, version)
    groups: list[SymptomGroup] = []
    group_tables: dict[str, _Table] = {}
    for g in root.tables("group"):
        g.only({"id", "label"})
        gid = g.ident()
        if gid in group_tables:
            raise g.error("id", f'duplicate group id "{gid}"')
        group_tables[gid] = g
        groups.append(SymptomGroup(gid, g.text("label")))
    if not groups:
        raise root.error("group", "no [[group]] entries")

    symptoms: list[Symptom] = []
    ids: dict[str, str] = {}
    names: dict[str, str] = {}  # normalised name -> symptom id
    for t in root.tables("symptom"):
        t.only(_SYMPTOM_KEYS)
        sid = t.ident()
        t.what = f'symptom "{sid}"'
        _unique(t, "id", sid, ids, "symptom id")
        label = t.text("label")
        _plain_line(t, "label", label, LABEL_MAX)
        group = t.text("group")
        if group not in group_tables:
            raise t.error("group", f'unknown group "{group}"')
        hint = t.optional_text("hint")
        _plain_line(t, "hint", hint, HINT_MAX)
        graded = t.flag("graded", True)
        synonyms = t.texts("synonyms")
        for key, name in [("id", sid), ("label", label), *(("synonyms", s) for s in synonyms)]:
            norm = normalise_name(name)
            if not norm:
                raise t.error(key, f'"{name}" has no letters to look it up by')
            if names.get(norm, sid) != sid:
                raise t.error(key, f'"{name}" is already a name of symptom "{names[norm]}"')
            names[norm] = sid
        listings = _listings(t, therapy_ids, known, graded)
        rules = t.texts("rules")
        for rule in rules:
            if rule not in DRAFT_RULES:
                raise t.error("rules", f'unknown draft rule "{rule}" (clinical.md §6.2: R1-R21)')
        own_sources = t.source_ids("sources", known, required=False)
        if not (listings or rules or own_sources):
            raise t.error(
                "listed_under",
                "says nowhere where it comes from: add listed_under, rules or sources",
            )
        symptoms.append(
            Symptom(sid, label, group, synonyms, graded, hint, listings, rules, own_sources)
        )

    used = {s.group for s in symptoms}
    for gid, g in group_tables.items():
        if gid not in used:
            raise g.error("id", f'group "{gid}" has no symptoms')
    return tuple(groups), tuple(symptoms)


def _listings(
    t: _Table, therapy_ids: frozenset[str], known: frozenset[str], graded: bool
) -> tuple[WarningListing, ...]:
    out: list[WarningListing] = []
    for item in t.tables("listed_under", inline=True):
        item.only({"therapy", "kind", "sources", "min_severity"})
        therapy = item.text("therapy")
        if therapy not in therapy_ids:
            raise item.error("therapy", f'unknown therapy "{therapy}" (not in {THERAPIES_FILE})')
        kind = item.choice("kind", WarningKind, [k.value for k in WarningKind])
        minimum = item.severity("min_severity")
        if minimum is not None and not graded:
            raise item.error("min_severity", "the symptom is not graded (graded = false)")
        listing = WarningListing(therapy, kind, item.source_ids("sources", known), minimum)
        if any((w.therapy_id, w.kind, w.min_severity) == (therapy, kind, minimum) for w in out):
            raise item.error("therapy", f'listed twice for "{therapy}" under "{kind}"')
        out.append(listing)
    return tuple(out)


# --- phrases.toml ----------------------------------------------------------------------------


def _load_phrases(
    doc: _Doc,
    version: str,
    symptoms: tuple[Symptom, ...],
    therapy_ids: frozenset[str],
    known: frozenset[str],
) -> tuple[SourcePhrase, ...]:
    root = doc.root({"version", "phrase"})
    _check_version(root, version)
    by_id = {s.id: s for s in symptoms}
    symptom_names = {
        normalise_name(name): s.id for s in symptoms for name in (s.id, s.label, *s.synonyms)
    }
    phrase_names: dict[str, tuple[SymptomMatch, ...]] = {}
    out: list[SourcePhrase] = []
    for t in root.tables("phrase"):
        t.only({"text", "aliases", "source", "therapies", "kind", "means"})
        text = t.text("text")
        t.what = f'phrase "{text}"'
        source = t.text("source")
        t.check_source_id("source", source, known)
        therapies = t.texts("therapies", required=True)
        for therapy in therapies:
            if therapy not in therapy_ids:
                raise t.error("therapies", f'unknown therapy "{therapy}" (not in {THERAPIES_FILE})')
        kind = t.choice("kind", WarningKind, [k.value for k in WarningKind])
        means = _means(t, by_id)
        for m in means:
            listings = by_id[m.symptom_id].listed_under
            for therapy in therapies:
                if not any(w.therapy_id == therapy and w.kind is kind for w in listings):
                    raise t.error(
                        "means",
                        f'symptom "{m.symptom_id}" is not listed for "{therapy}" under '
                        f'"{kind}" in {SYMPTOMS_FILE}',
                    )
        aliases = t.texts("aliases")
        for key, name in [("text", text), *(("aliases", a) for a in aliases)]:
            norm = normalise_name(name)
            owner = symptom_names.get(norm)
            if owner is not None and means != (SymptomMatch(owner),):
                raise t.error(key, f'"{name}" is already a name of symptom "{owner}"')
            if phrase_names.get(norm, means) != means:
                raise t.error(key, f'"{name}" is already a phrase with a different meaning')
            phrase_names[norm] = means
        out.append(SourcePhrase(text, source, therapies, kind, means, aliases))
    return tuple(out)


def _means(t: _Table, by_id: dict[str, Symptom]) -> tuple[SymptomMatch, ...]:
    """ "nausea:3" -> SymptomMatch("nausea", 3); "fever" -> SymptomMatch("fever")."""
    out: list[SymptomMatch] = []
    for entry in t.texts("means", required=True):
        sid, sep, level = entry.partition(":")
        sid = sid.strip()
        if sid not in by_id:
            raise t.error("means", f'unknown symptom "{sid}" (not in {SYMPTOMS_FILE})')
        severity: int | None = None
        if sep:
            if not level.strip().isdigit() or not 0 <= int(level) <= 4:
                raise t.error("means", f'severity must be 0-4, got "{level}" in "{entry}"')
            severity = int(level)
            if not by_id[sid].graded:
                raise t.error(
                    "means", f'symptom "{sid}" is not graded, so "{entry}" has no meaning'
                )
        out.append(SymptomMatch(sid, severity))
    return tuple(out)
