"""Turning names a person typed ("Severe nausea, vomiting, and/or diarrhea") into reports."""

from __future__ import annotations

from collections.abc import Iterable

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import SymptomReport


class UnknownSymptom(ValueError):
    pass


def split_severity(text: str) -> tuple[str, int | None]:
    """'Headaches:2' -> ('Headaches', 2); a name without a trailing :0-4 has no severity."""
    name, sep, tail = text.rpartition(":")
    if sep and tail.strip().isdigit():
        value = int(tail)
        if not 0 <= value <= 4:
            raise ValueError(f"severity must be 0-4, got {value} for {name!r}")
        return name.strip(), value
    return text.strip(), None


def reports_from_names(
    catalogue: Catalogue, items: Iterable[tuple[str, int | None]]
) -> tuple[SymptomReport, ...]:
    """Resolve every name; merge repeats keeping the highest severity. Unknown names raise."""
    merged: dict[str, int | None] = {}
    for name, severity in items:
        matches = catalogue.resolve_symptom(name)
        if not matches:
            raise UnknownSymptom(f"unknown symptom {name!r}")
        for m in matches:
            value = severity if severity is not None else m.implied_severity
            if m.symptom_id in merged:
                old = merged[m.symptom_id]
                if old is None or (value is not None and value > old):
                    merged[m.symptom_id] = value
            else:
                merged[m.symptom_id] = value
    return tuple(SymptomReport(k, v) for k, v in merged.items())
