"""Temperatures kept as integer tenths in the unit the parent used.

Comparisons are exact integer arithmetic, so 38.0 °C and 100.4 °F agree at every threshold and
no reading is ever silently converted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum


class Unit(StrEnum):
    C = "C"
    F = "F"

    @property
    def symbol(self) -> str:
        return "°C" if self is Unit.C else "°F"


class Route(StrEnum):
    """Where the temperature was taken. Rectal is deliberately absent (clinical.md §3.2, S48)."""

    ORAL = "oral"
    AXILLARY = "axillary"
    EAR = "ear"
    FOREHEAD = "forehead"


# A reading outside these is not a body temperature: refused outright.
POSSIBLE_RANGE: dict[Unit, tuple[int, int]] = {Unit.C: (250, 450), Unit.F: (770, 1130)}
# Inside POSSIBLE but outside these: asked to confirm, then saved and still evaluated.
PLAUSIBLE_RANGE: dict[Unit, tuple[int, int]] = {Unit.C: (355, 414), Unit.F: (959, 1065)}


def parse_tenths(text: str) -> int | None:
    """'38.25' -> 383 (half up); None for anything that is not a plain decimal number."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return int((value * 10).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, order=False)
class Temperature:
    tenths: int  # 382 means 38.2 in `unit`
    unit: Unit
    route: Route

    @classmethod
    def of(cls, value: float | str, unit: Unit | str, route: Route | str) -> Temperature:
        tenths = parse_tenths(str(value))
        if tenths is None:
            raise ValueError(f"not a number: {value!r}")
        return cls(tenths, Unit(unit), Route(route))

    @property
    def value_text(self) -> str:
        sign = "-" if self.tenths < 0 else ""
        whole, frac = divmod(abs(self.tenths), 10)
        return f"{sign}{whole}.{frac}"

    def __str__(self) -> str:
        return f"{self.value_text} {self.unit.symbol}"

    def at_or_above_celsius(self, threshold_c_tenths: int) -> bool:
        """Exact: F tenths -> C is (F - 320) * 5 / 9, compared without rounding."""
        if self.unit is Unit.C:
            return self.tenths >= threshold_c_tenths
        return (self.tenths - 320) * 5 >= threshold_c_tenths * 9

    @property
    def celsius_tenths(self) -> int:
        """Rounded, for display and charts only; never for threshold decisions."""
        if self.unit is Unit.C:
            return self.tenths
        q = Decimal((self.tenths - 320) * 5) / Decimal(9)
        return int(q.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def other_unit(unit: Unit) -> Unit:
    return Unit.F if unit is Unit.C else Unit.C


def looks_like_other_unit(tenths: int, unit: Unit) -> bool:
    """38.5 typed with °F, or 101.3 with °C: plausible only in the other unit."""
    lo, hi = PLAUSIBLE_RANGE[other_unit(unit)]
    own_lo, own_hi = POSSIBLE_RANGE[unit]
    return lo <= tenths <= hi and not own_lo <= tenths <= own_hi
