"""The therapy and symptom catalogue as typed, immutable data.

The files under `data/` are parsed into these objects by `caretrack.catalogue`; every clinical
fact carries the source ids it came from so a nurse can check it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class WarningKind(StrEnum):
    """Under which heading a source lists a symptom for a therapy."""

    CRS = "crs"  # cytokine release syndrome
    NERVOUS_SYSTEM = "nervous_system"
    INFUSION_REACTION = "infusion_reaction"
    SKIN_REACTION = "skin_reaction"  # e.g. blistering rash with mouth sores after rituximab
    LIVER = "liver"  # e.g. VOD signs after inotuzumab / gemtuzumab
    INFECTION = "infection"
    BLEEDING = "bleeding"
    ALLERGIC_REACTION = "allergic_reaction"
    OTHER_SERIOUS = "other_serious"
    SIDE_EFFECT = "side_effect"  # listed as a possible side effect, not as a warning


class ScheduleKind(StrEnum):
    """How a therapy's days are counted."""

    SINGLE_INFUSION = "single_infusion"  # CAR T: Day 0 is the infusion, then Day +N
    CONTINUOUS_CYCLES = "continuous_cycles"  # blinatumomab: N days on, then a break
    DOSE_DAYS = "dose_days"  # fixed dose days within a cycle (inotuzumab 1, 8, 15)
    TEAM_ENTERED = "team_entered"  # dose days as the care team gives them (rituximab, gemtuzumab)


@dataclass(frozen=True)
class Fact:
    """One sentence of clinical fact with the source ids that support it."""

    text: str
    sources: tuple[str, ...]
    unverified: bool = False  # clinical.md marks it "⚠ unverified": show it, but flag it


@dataclass(frozen=True)
class Source:
    """A document a fact cites (clinical.md §8; S1 is the ACS seed page)."""

    id: str
    citation: str
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schedule:
    kind: ScheduleKind
    infusion_days: int | None = None  # blinatumomab: 28
    break_days: int | None = None  # blinatumomab: 14
    later_break_days: int | None = None  # blinatumomab continued therapy: 56
    cycle_days: int | None = None  # inotuzumab: 21 (cycle 1)
    dose_days: tuple[int, ...] = ()  # inotuzumab: (1, 8, 15)
    facts: tuple[Fact, ...] = ()
    later_cycle_days: int | None = None  # inotuzumab: 28 (cycles after the first)
    bag_hours: tuple[int, ...] = ()  # blinatumomab: how long one infusion bag may run


class WindowAnchor(StrEnum):
    """What a watch window's days are counted from."""

    START = "start"  # the course's start (CAR T: the infusion day, Day 0)
    EACH_DOSE = "each_dose"  # every dose day, as the schedule or the team gives them
    LAST_DOSE = "last_dose"  # the last dose day known


@dataclass(frozen=True)
class WatchWindow:
    """A stretch of days when the sources ask families to watch for, or do, something."""

    id: str
    label: str  # plain words: "Stay near the treatment center and do not drive"
    from_day: int
    to_day: int  # inclusive
    anchor: WindowAnchor
    sources: tuple[str, ...]
    team_may_extend: bool = False  # the care team may set a longer period
    unverified: bool = False


@dataclass(frozen=True)
class Therapy:
    id: str
    generic_name: str
    brand_names: tuple[str, ...]
    kind: str  # plain words, e.g. "CAR T-cell therapy"
    disease: str  # e.g. "B-cell acute lymphoblastic leukemia (ALL)"
    how_given: Fact
    schedule: Schedule
    facts: tuple[Fact, ...] = ()
    sources: tuple[str, ...] = ()  # support for `kind` and `disease`
    windows: tuple[WatchWindow, ...] = ()

    def window(self, window_id: str) -> WatchWindow | None:
        return next((w for w in self.windows if w.id == window_id), None)

    @property
    def display_name(self) -> str:
        """'Tisagenlecleucel (Kymriah)': the generic name first, as the sources print it."""
        name = self.generic_name[:1].upper() + self.generic_name[1:]
        if self.brand_names:
            return f"{name} ({self.brand_names[0]})"
        return name


@dataclass(frozen=True)
class WarningListing:
    """A source lists this symptom for this therapy under this heading."""

    therapy_id: str
    kind: WarningKind
    sources: tuple[str, ...]
    # Set when the source only lists the severe form ("Severe nausea"): 0-4, None = any.
    min_severity: int | None = None

    @property
    def is_warning(self) -> bool:
        return self.kind is not WarningKind.SIDE_EFFECT

    def applies_at(self, severity: int | None) -> bool:
        """Whether a report at this severity (None = simply present) meets the listing."""
        if self.min_severity is None or severity is None:
            return True
        return severity >= self.min_severity


@dataclass(frozen=True)
class SymptomGroup:
    id: str
    label: str


@dataclass(frozen=True)
class Symptom:
    id: str
    label: str  # plain words a tired parent understands
    group: str  # SymptomGroup.id
    synonyms: tuple[str, ...] = ()
    graded: bool = True  # True: 0-4 severity; False: simply present (e.g. a seizure)
    hint: str | None = None  # one short line of help, e.g. "Shaking that she cannot stop"
    listed_under: tuple[WarningListing, ...] = ()
    rules: tuple[str, ...] = ()  # draft rule ids of clinical.md §6.2 naming it, e.g. ("R1",)
    sources: tuple[str, ...] = ()  # sources for the symptom itself when no listing gives one

    def is_warning_for(self, therapy_id: str) -> bool:
        return any(w.therapy_id == therapy_id and w.is_warning for w in self.listed_under)

    def listings_for(self, therapy_id: str) -> tuple[WarningListing, ...]:
        return tuple(w for w in self.listed_under if w.therapy_id == therapy_id)


@dataclass(frozen=True)
class SymptomMatch:
    """What a name resolves to: a symptom and, for phrases like "Severe nausea", a severity."""

    symptom_id: str
    implied_severity: int | None = None


@dataclass(frozen=True)
class SourcePhrase:
    """A symptom phrase exactly as a source document prints it, and what it means here."""

    text: str
    source: str
    therapies: tuple[str, ...]
    kind: WarningKind
    means: tuple[SymptomMatch, ...]
    aliases: tuple[str, ...] = ()  # close rewordings that mean the same, e.g. without "A rare"


SEVERITY_WORDS: tuple[str, ...] = ("None", "Mild", "Moderate", "Severe", "Very severe")

_EDGE_PUNCTUATION = " .,;:!?\"'"


def normalise_name(name: str) -> str:
    """Case-, width-, dash- and spacing-insensitive key for looking names up.

    "Trouble speaking and understanding." and "trouble  speaking and understanding" are the same
    name; so are "light-headed" and "light headed", and an id like "muscle_pain" and its words.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    for dash in ("-", "‐", "‑", "–", "—", "/", "_"):
        text = text.replace(dash, " ")
    return " ".join(text.split()).strip(_EDGE_PUNCTUATION)


@dataclass(frozen=True)
class Catalogue:
    version: str
    therapies: tuple[Therapy, ...]
    groups: tuple[SymptomGroup, ...]
    symptoms: tuple[Symptom, ...]
    phrases: tuple[SourcePhrase, ...] = ()
    reviewed: str = ""  # who reviewed the data files and when, as the files say
    sources: tuple[Source, ...] = ()
    # The indexes are caches, not data: keep them out of ==, hash() and repr().
    _therapy_index: dict[str, Therapy] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _name_index: dict[str, tuple[SymptomMatch, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _symptom_index: dict[str, Symptom] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _source_index: dict[str, Source] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for t in self.therapies:
            for key in (t.id, t.generic_name, *t.brand_names):
                self._therapy_index[normalise_name(key)] = t
        # Phrases first so a symptom's own label or synonym wins over a compound phrase.
        for p in self.phrases:
            for text in (p.text, *p.aliases):
                self._name_index[normalise_name(text)] = p.means
        for s in self.symptoms:
            self._symptom_index[s.id] = s
            for key in (s.id, s.label, *s.synonyms):
                self._name_index[normalise_name(key)] = (SymptomMatch(s.id),)
        for src in self.sources:
            self._source_index[src.id] = src

    def sources_about(self, therapy_id: str) -> frozenset[str]:
        """Source ids this therapy's facts and warning listings cite (e.g. its drug label)."""
        found: set[str] = set()
        for t in self.therapies:
            if t.id == therapy_id:
                found.update(t.sources, t.how_given.sources)
                for fact in (*t.facts, *t.schedule.facts):
                    found.update(fact.sources)
        for s in self.symptoms:
            for w in s.listed_under:
                if w.therapy_id == therapy_id:
                    found.update(w.sources)
        return frozenset(found)

    def sources_for(self, therapy_id: str, cited: Sequence[str]) -> list[str]:
        """Of the sources a rule cites, those a parent of a child on this therapy should see:
        the ones about this therapy and the general ones, not another drug's label."""
        mine = self.sources_about(therapy_id)
        others = set().union(*(self.sources_about(t.id) for t in self.therapies)) - mine
        shown = [s for s in cited if s in mine or s not in others]
        return shown or list(cited)

    def therapy(self, name: str) -> Therapy | None:
        """Find a therapy by id, generic or brand name, ignoring case."""
        return self._therapy_index.get(normalise_name(name))

    def symptom(self, symptom_id: str) -> Symptom:
        return self._symptom_index[symptom_id]

    def source(self, source_id: str) -> Source | None:
        return self._source_index.get(source_id)

    def resolve_symptom(self, name: str) -> tuple[SymptomMatch, ...]:
        """Id, label, synonym or source phrase -> symptoms; empty when nothing matches.

        A known name after a word of the app's own scale ("severe nausea", "mild headache")
        carries that severity for graded symptoms; an event like "mild seizure" stays present.
        """
        key = normalise_name(name)
        found = self._name_index.get(key)
        if found is not None:
            return found
        for level in range(len(SEVERITY_WORDS) - 1, 0, -1):  # "very severe" before "severe"
            prefix = normalise_name(SEVERITY_WORDS[level]) + " "
            rest = (
                self._name_index.get(key.removeprefix(prefix)) if key.startswith(prefix) else None
            )
            if rest:
                return tuple(
                    SymptomMatch(m.symptom_id, level if self.symptom(m.symptom_id).graded else None)
                    for m in rest
                )
        return ()

    def symptoms_in_group(self, group_id: str) -> tuple[Symptom, ...]:
        return tuple(s for s in self.symptoms if s.group == group_id)

    def symptoms_for(self, therapy_id: str) -> tuple[Symptom, ...]:
        """The checklist for a therapy: its listed warnings first, then everything else."""
        warned = [s for s in self.symptoms if s.is_warning_for(therapy_id)]
        rest = [s for s in self.symptoms if not s.is_warning_for(therapy_id)]
        return tuple(warned + rest)
