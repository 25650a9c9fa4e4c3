"""Plain words for what the domain reports: problems, therapy days, severities, routes.

The domain marks its templates with QT_TRANSLATE_NOOP; here they are translated and filled in,
so every sentence a parent reads passes through Qt's translation system.
"""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from caretrack.domain.catalogue import SEVERITY_WORDS, Therapy
from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.schedule import TherapyDay
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.domain.validation import Problem


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def nice_date(day: date) -> str:
    """'Thu 5 Nov 2026': month as a word, so 05/11 is never misread as May 11."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")


def short_date(day: date, today: date) -> str:
    """'Thu 5 Nov', with the year only when it is not this year."""
    pattern = "ddd d MMM" if day.year == today.year else "ddd d MMM yyyy"
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def _fill(params: dict[str, str]) -> dict[str, str]:
    """Dates arrive as ISO text from the domain; show them in words."""
    filled = dict(params)
    if "date" in filled:
        with contextlib.suppress(ValueError):
            filled["date"] = nice_date(date.fromisoformat(filled["date"]))
    return filled


def problem_text(problem: Problem) -> str:
    return _tr("validation", problem.template).format(**_fill(problem.params))


def therapy_day_text(day: TherapyDay) -> str:
    return _tr("schedule", day.template).format(**_fill(day.params))


def catalogue_text(text: str) -> str:
    """Symptom, group and therapy words from data/: translatable once a .qm carries them."""
    return _tr("catalogue", text) if text else text


def therapy_name(therapy: Therapy) -> str:
    return catalogue_text(therapy.display_name)


SEVERITY_CHOICES: tuple[int, ...] = (1, 2, 3, 4)


def severity_word(severity: int | None) -> str:
    """'Mild' ... 'Very severe'; an empty string for a symptom that is simply present."""
    if severity is None or not 0 <= severity < len(SEVERITY_WORDS):
        return ""
    return _tr("severity", SEVERITY_WORDS[severity])


_ROUTES: dict[Route, str] = {
    Route.ORAL: QT_TRANSLATE_NOOP("route", "By mouth"),
    Route.AXILLARY: QT_TRANSLATE_NOOP("route", "Under the arm"),
    Route.EAR: QT_TRANSLATE_NOOP("route", "In the ear"),
    Route.FOREHEAD: QT_TRANSLATE_NOOP("route", "On the forehead"),
}


def route_text(route: Route) -> str:
    return _tr("route", _ROUTES[route])


def unit_text(unit: Unit) -> str:
    return unit.symbol


def temperature_text(temperature: Temperature) -> str:
    """'38.2 °C' in the unit the parent used: never converted."""
    return f"{temperature.value_text} {temperature.unit.symbol}"


def temperature_with_route(temperature: Temperature) -> str:
    return _tr("entry", "{value}, {route}").format(
        value=temperature_text(temperature), route=route_text(temperature.route).lower()
    )


# Why the family's data could not be opened; keys are caretrack.storage.database.OpenProblem
# values, kept as text so this module loads before SQLAlchemy.
_OPEN_PROBLEMS: dict[str, tuple[str, str]] = {
    "newer": (
        QT_TRANSLATE_NOOP("open", "This data was saved by a newer CareTrack"),
        QT_TRANSLATE_NOOP(
            "open",
            "This data was saved by a newer CareTrack. To keep it safe, this older CareTrack "
            "will not open or change it. Please install the newest CareTrack, then open it "
            "again. Your entries are safe.",
        ),
    ),
    "damaged": (
        QT_TRANSLATE_NOOP("open", "CareTrack's data file looks damaged"),
        QT_TRANSLATE_NOOP(
            "open",
            "CareTrack could not read its data file, so it has not changed it. Do not delete "
            "it. A backup may bring your entries back: ask someone you trust to help, and show "
            "them the details below.",
        ),
    ),
    "foreign": (
        QT_TRANSLATE_NOOP("open", "This file does not belong to CareTrack"),
        QT_TRANSLATE_NOOP(
            "open",
            "The data folder holds a file that another program made. CareTrack has not "
            "changed it. Choose another folder, or move that file away.",
        ),
    ),
    "unwritable": (
        QT_TRANSLATE_NOOP("open", "CareTrack cannot save in its data folder"),
        QT_TRANSLATE_NOOP(
            "open",
            "CareTrack needs to write to its data folder, but it is not allowed to. Check "
            "that the folder is not read-only and that the disk is not full, then open "
            "CareTrack again.",
        ),
    ),
    "migration_failed": (
        QT_TRANSLATE_NOOP("open", "CareTrack could not update its data file"),
        QT_TRANSLATE_NOOP(
            "open",
            "CareTrack tried to update its data file for this version and stopped. Nothing "
            "was changed, and your entries are safe.",
        ),
    ),
    "unsafe_location": (
        QT_TRANSLATE_NOOP("open", "CareTrack's data folder is not a safe place for your data"),
        QT_TRANSLATE_NOOP(
            "open",
            "Your data folder is on a network drive, or in a folder that a sync program copies "
            "(like Dropbox, OneDrive, Google Drive or iCloud). These programs can damage "
            "CareTrack's file, or make copies that do not match, while CareTrack is using it. "
            "So CareTrack has not opened it. To fix this, close CareTrack and move the whole "
            "folder back to its usual place on this computer. Or ask someone who helps you to "
            "start CareTrack with a folder on this computer (see the details below). Your "
            "entries are safe.",
        ),
    ),
    "read_only_outdated": (
        QT_TRANSLATE_NOOP("open", "CareTrack cannot update its data file"),
        QT_TRANSLATE_NOOP(
            "open",
            "This version of CareTrack must update its data file before it can show it. But "
            "the data folder cannot be written to, so CareTrack has not changed anything. "
            "Make the folder writable again, then open CareTrack again. Your entries are safe.",
        ),
    ),
}


_STORAGE_NOTICES: dict[str, str] = {
    "read_only": QT_TRANSLATE_NOOP(
        "storage",
        "CareTrack can show your data, but it cannot save anything: its data folder cannot "
        "be written to. You can still look at your entries, and save a summary or a copy in "
        "another folder. To save check-ins again, close CareTrack, make the folder writable, "
        "then open CareTrack again.",
    ),
    "unsafe_location": QT_TRANSLATE_NOOP(
        "storage",
        "Your data folder is on a network drive, or in a folder that a sync program copies. "
        "This can damage your data. Close CareTrack and move the folder to this computer "
        "soon.",
    ),
}


def storage_notice_text(kind: str) -> str:
    """The strip under the top bar: 'read_only' or 'unsafe_location' (T16, T18)."""
    return _tr("storage", _STORAGE_NOTICES[kind])


def open_problem_text(problem: str) -> tuple[str, str]:
    """(heading, explanation) for a DatabaseOpenError.problem value."""
    heading, body = _OPEN_PROBLEMS.get(problem, _OPEN_PROBLEMS["damaged"])
    return _tr("open", heading), _tr("open", body)
