"""Rules as typed data, exactly as `data/rules.toml` states them."""

from __future__ import annotations

from dataclasses import dataclass, field

from caretrack.domain.catalogue import WarningKind
from caretrack.domain.flags import Tier


@dataclass(frozen=True)
class Window:
    """Days since the course's start date (the infusion day is day 0), inclusive."""

    from_day: int
    to_day: int

    each_dose: bool = False  # counted again from every dose day the schedule knows

    def contains(self, day: int, dose_offsets: tuple[int, ...] = (0,)) -> bool:
        offsets = dose_offsets if self.each_dose else (0,)
        return any(self.from_day <= day - off <= self.to_day for off in offsets)


@dataclass(frozen=True)
class Condition:
    """One way of matching (symptoms and listed_under may be combined: either matches)."""

    symptoms: tuple[str, ...] = ()
    min_severity: int = 1  # reports "present" without a severity always count
    severity_at_least: tuple[tuple[str, int], ...] = ()  # per symptom, e.g. severe nausea: 3
    listed_under: tuple[WarningKind, ...] = ()
    all_of: tuple[tuple[str, ...], ...] = ()
    fever: bool = False  # temperature at or above the care team's threshold
    medicine_classes: tuple[str, ...] = ()
    trend: bool = False  # R18: rise by `rise` since the last entry, or reaching `severe_at`
    uncovered: bool = False  # R19: any symptom no higher rule has flagged
    pump_events: tuple[str, ...] = ()  # R10: pump alarm, stopped, line problem
    pump_interruption_hours: int | None = None  # R11: stopped this long (or longer)
    covers: tuple[str, ...] = ()  # symptoms this rule's flag already speaks for ("fever")

    def minimum_for(self, symptom_id: str) -> int:
        return dict(self.severity_at_least).get(symptom_id, self.min_severity)


@dataclass(frozen=True)
class Rule:
    id: str
    refs: tuple[str, ...]  # what it implements: draft rules ("R6") and source lists ("S1 CRS")
    version: int
    tier: Tier
    therapies: tuple[str, ...]  # ("*",) for all
    window: Window | None
    title: str
    message: str
    what_to_do: str
    sources: tuple[str, ...]
    when: Condition

    def applies_to(self, therapy_id: str) -> bool:
        return "*" in self.therapies or therapy_id in self.therapies


@dataclass(frozen=True)
class NotePhrase:
    """Words in a note that mean a symptom; patterns are regular expressions on plain text."""

    symptom_id: str
    language: str
    pattern: str


@dataclass(frozen=True)
class CareSettings:
    """What the care team may set; defaults come from the rules file."""

    fever_threshold_c_tenths: int = 380
    trend_enabled: bool = True
    trend_rise: int = 2
    trend_severe_at: int = 3


@dataclass(frozen=True)
class RuleSet:
    version: str
    checksum: str
    rules: tuple[Rule, ...]
    phrases: tuple[NotePhrase, ...]
    negations: dict[str, tuple[str, ...]]  # language -> negation cue words
    clause_breaks: tuple[str, ...]  # words that start a new clause ("but", "pero")
    continuing: tuple[str, ...]  # look like negations but mean it goes on ("won't stop")
    medicine_classes: dict[str, tuple[str, ...]]  # class -> lower-case name fragments
    medicine_sources: dict[str, tuple[str, ...]]
    defaults: CareSettings
    fever_threshold_bounds: tuple[int, int]  # tenths of °C the team may choose between
    source_titles: dict[str, str] = field(default_factory=dict)
    reviewed: str = ""  # who has reviewed the rules, as the rules file says
