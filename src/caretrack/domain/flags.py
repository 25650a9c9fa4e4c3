"""Tiers and flags: what the rules say about a child's entries, in the caregiver's words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Tier(StrEnum):
    """Highest first. The order is the whole point, so compare with `rank`, never by name."""

    EMERGENCY = "emergency"
    REPORT_NOW = "report_now"
    NOTE_FOR_VISIT = "note_for_visit"
    NONE = "none"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @staticmethod
    def highest(tiers: list[Tier] | tuple[Tier, ...]) -> Tier:
        return max(tiers, key=lambda t: t.rank, default=Tier.NONE)


_RANK = {Tier.NONE: 0, Tier.NOTE_FOR_VISIT: 1, Tier.REPORT_NOW: 2, Tier.EMERGENCY: 3}

UNAVAILABLE_RULE_ID = "alerts-unavailable"


@dataclass(frozen=True)
class Flag:
    rule_id: str
    rule_version: int
    tier: Tier
    title: str
    message: str  # why, in plain words
    what_to_do: str
    evidence: tuple[str, ...]  # the matched readings, symptoms or words
    sources: tuple[str, ...]  # source ids, e.g. ("S2", "S48")
    observed_at: datetime | None  # of the entry that raised it
    entry_uid: str | None = None
    found_in_note: bool = False


@dataclass(frozen=True)
class Evaluation:
    tier: Tier
    flags: tuple[Flag, ...]
    rules_version: str
    available: bool = True  # False: the rules could not run; the flags say to call the team


@dataclass(frozen=True)
class CallRecord:
    """A parent's record that they called the team about one or more flags."""

    id: int
    called_at: datetime
    caller: str
    spoke_with: str
    advice: str
    recorded_at: datetime


@dataclass(frozen=True)
class StoredFlag:
    """A flag as kept in the data file: never deleted, closed only by a call record."""

    id: int
    child_id: int
    entry_id: int
    entry_version: int
    rules_version: str
    raised_at: datetime
    flag: Flag
    call: CallRecord | None = None

    @property
    def is_open(self) -> bool:
        return self.call is None
