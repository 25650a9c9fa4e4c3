"""Qt-free reports built as data: the clinic-visit summary (sections, tables, series)."""

from caretrack.reports.build import SummaryInputs, build_summary, default_period
from caretrack.reports.summary import (
    ChildFacts,
    DayLog,
    MedicineTally,
    Period,
    PeriodBasis,
    Reading,
    Summary,
    SummaryFlag,
    SymptomTally,
)

__all__ = [
    "ChildFacts",
    "DayLog",
    "MedicineTally",
    "Period",
    "PeriodBasis",
    "Reading",
    "Summary",
    "SummaryFlag",
    "SummaryInputs",
    "SymptomTally",
    "build_summary",
    "default_period",
]
