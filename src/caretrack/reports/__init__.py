"""Qt-free reports built as data: the clinic-visit summary (sections, tables, series)."""

from caretrack.reports.build import SummaryInputs, build_summary, default_period
from caretrack.reports.summary import (
    ChildFacts,
    CoursePlan,
    DayLog,
    DoseGiven,
    Interruption,
    MedicineTally,
    NeuroCheckLine,
    Period,
    PeriodBasis,
    PumpLine,
    PumpLog,
    Reading,
    Summary,
    SummaryFlag,
    SymptomTally,
    WindowInPeriod,
)
from caretrack.reports.therapy import answers, domain_words

__all__ = [
    "ChildFacts",
    "CoursePlan",
    "DayLog",
    "DoseGiven",
    "Interruption",
    "MedicineTally",
    "NeuroCheckLine",
    "Period",
    "PeriodBasis",
    "PumpLine",
    "PumpLog",
    "Reading",
    "Summary",
    "SummaryFlag",
    "SummaryInputs",
    "SymptomTally",
    "WindowInPeriod",
    "answers",
    "build_summary",
    "default_period",
    "domain_words",
]
