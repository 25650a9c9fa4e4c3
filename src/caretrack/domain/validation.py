"""Checks on what a parent typed (reliability.md §7): refuse the impossible, ask about the odd.

Pure functions shared by the window and the command line. Each problem names the field it
belongs to so the form can show it right next to that field.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import EntryContent
from caretrack.domain.temperature import (
    PLAUSIBLE_RANGE,
    POSSIBLE_RANGE,
    Unit,
    looks_like_other_unit,
    other_unit,
    parse_tenths,
)

_CTX = "validation"
FUTURE_TOLERANCE = timedelta(minutes=10)
LONG_AGO = timedelta(days=365)


class Level(StrEnum):
    ERROR = "error"  # not saved; the form stays as typed
    CONFIRM = "confirm"  # saved only after the parent says it is right


@dataclass(frozen=True)
class Problem:
    field: str
    level: Level
    code: str
    template: str
    params: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)


def check_temperature_text(text: str, unit: Unit) -> tuple[int | None, list[Problem]]:
    """Parse a typed reading; say plainly what is wrong and never convert units silently."""
    tenths = parse_tenths(text)
    if tenths is None:
        return None, [
            Problem(
                "temperature",
                Level.ERROR,
                "not_a_number",
                QT_TRANSLATE_NOOP(_CTX, "Type the number shown on the thermometer, like 38.2."),
            )
        ]
    return tenths, check_temperature(tenths, unit)


def check_temperature(tenths: int, unit: Unit) -> list[Problem]:
    value = f"{tenths / 10:.1f}"
    if looks_like_other_unit(tenths, unit):
        other = other_unit(unit)
        return [
            Problem(
                "temperature",
                Level.ERROR,
                "other_unit",
                QT_TRANSLATE_NOOP(
                    _CTX, "{value} {unit} is not a body temperature. Did you mean {value} {other}?"
                ),
                {"value": value, "unit": unit.symbol, "other": other.symbol},
            )
        ]
    lo, hi = POSSIBLE_RANGE[unit]
    if not lo <= tenths <= hi:
        return [
            Problem(
                "temperature",
                Level.ERROR,
                "impossible",
                QT_TRANSLATE_NOOP(
                    _CTX,
                    "{value} {unit} cannot be right. Please take the temperature again. "
                    "If your child seems unwell, call your care team.",
                ),
                {"value": value, "unit": unit.symbol},
            )
        ]
    plo, phi = PLAUSIBLE_RANGE[unit]
    if not plo <= tenths <= phi:
        return [
            Problem(
                "temperature",
                Level.CONFIRM,
                "unusual_temperature",
                QT_TRANSLATE_NOOP(
                    _CTX, "{value} {unit} is unusual. Is that what the thermometer showed?"
                ),
                {"value": value, "unit": unit.symbol},
            )
        ]
    return []


def check_observed_at(
    observed_at: datetime, now: datetime, birth_date: date, therapy_start: date | None
) -> list[Problem]:
    if observed_at.tzinfo is None or now.tzinfo is None:
        raise ValueError("times must carry their zone")
    local = observed_at
    # In UTC: Python compares two times of the same zone by wall clock, ignoring DST.
    observed_at, now = observed_at.astimezone(UTC), now.astimezone(UTC)
    if observed_at > now + FUTURE_TOLERANCE:
        return [
            Problem(
                "observed_at",
                Level.ERROR,
                "future",
                QT_TRANSLATE_NOOP(_CTX, "This time is in the future. Check the date and time."),
            )
        ]
    local_day = local.date()
    if local_day < birth_date:
        return [
            Problem(
                "observed_at",
                Level.ERROR,
                "before_birth",
                QT_TRANSLATE_NOOP(_CTX, "This date is before your child's birth date."),
            )
        ]
    if observed_at < now - LONG_AGO or (therapy_start is not None and local_day < therapy_start):
        return [
            Problem(
                "observed_at",
                Level.CONFIRM,
                "long_ago",
                QT_TRANSLATE_NOOP(
                    _CTX, "This is dated {date}, before this treatment started. Is that right?"
                )
                if therapy_start is not None and local_day < therapy_start
                else QT_TRANSLATE_NOOP(
                    _CTX, "This is dated {date}, over a year ago. Is that right?"
                ),
                {"date": local_day.isoformat()},
            )
        ]
    return []


def check_content(
    content: EntryContent, now: datetime, birth_date: date, therapy_start: date | None
) -> list[Problem]:
    """Everything the service re-checks before saving, whatever face the entry came from."""
    problems = check_observed_at(content.observed_at, now, birth_date, therapy_start)
    if content.temperature is not None:
        problems += check_temperature(content.temperature.tenths, content.temperature.unit)
    for s in content.symptoms:
        if s.severity is not None and not 0 <= s.severity <= 4:
            problems.append(
                Problem(
                    "symptoms",
                    Level.ERROR,
                    "severity",
                    QT_TRANSLATE_NOOP(_CTX, "Severity must be from 0 (none) to 4 (very severe)."),
                )
            )
    for m in content.medicines:
        if not m.name.strip():
            problems.append(
                Problem(
                    "medicines",
                    Level.ERROR,
                    "medicine_name",
                    QT_TRANSLATE_NOOP(_CTX, "Each medicine needs a name."),
                )
            )
        if (
            m.given_at is not None
            and m.given_at.astimezone(UTC) > now.astimezone(UTC) + FUTURE_TOLERANCE
        ):
            problems.append(
                Problem(
                    "medicines",
                    Level.ERROR,
                    "medicine_future",
                    QT_TRANSLATE_NOOP(_CTX, "A medicine time is in the future."),
                )
            )
    if content.is_empty():
        problems.append(
            Problem(
                "form",
                Level.ERROR,
                "empty",
                QT_TRANSLATE_NOOP(
                    _CTX, "Add a temperature, a symptom, a medicine or a note before saving."
                ),
            )
        )
    return problems


def check_child(
    name: str, birth_date: date, weight_kg: Decimal | None, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    if not name.strip():
        problems.append(
            Problem("name", Level.ERROR, "name", QT_TRANSLATE_NOOP(_CTX, "Type your child's name."))
        )
    if birth_date > today:
        problems.append(
            Problem(
                "birth_date",
                Level.ERROR,
                "birth_future",
                QT_TRANSLATE_NOOP(_CTX, "The birth date cannot be in the future."),
            )
        )
    elif (today - birth_date).days > 30 * 366:
        problems.append(
            Problem(
                "birth_date",
                Level.ERROR,
                "birth_old",
                QT_TRANSLATE_NOOP(_CTX, "Check the birth date: that is over 30 years ago."),
            )
        )
    if weight_kg is not None and not Decimal("0.5") <= weight_kg <= Decimal(250):
        problems.append(
            Problem(
                "weight",
                Level.ERROR,
                "weight",
                QT_TRANSLATE_NOOP(_CTX, "Weight must be between 0.5 and 250 kg."),
            )
        )
    return problems
