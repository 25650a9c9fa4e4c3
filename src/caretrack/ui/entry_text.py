"""One entry, described in short plain words for Today, History and earlier versions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import (
    BAG_HOURS_7_DAYS,
    EntryContent,
    MedicineGiven,
    PumpEvent,
    SymptomReport,
)
from caretrack.ui.messages import catalogue_text, severity_word, temperature_with_route
from caretrack.ui.neuro_check_text import check_summary_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("entry", text)


def time_text(moment: datetime) -> str:
    """'20:05' (or '8:05 PM' where that is the custom), in the zone it was logged in."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def day_text(day: date, today: date) -> str:
    if day == today:
        return _tr("Today")
    if day == today - timedelta(days=1):
        return _tr("Yesterday")
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def when_text(moment: datetime, today: date) -> str:
    """'Today, 20:05' / 'Tue 3 Nov, 08:12'."""
    return _tr("{day}, {time}").format(day=day_text(moment.date(), today), time=time_text(moment))


def symptom_text(report: SymptomReport, catalogue: Catalogue) -> str:
    try:
        name = catalogue_text(catalogue.symptom(report.symptom_id).label)
    except KeyError:
        name = report.symptom_id
    word = severity_word(report.severity)
    return _tr("{name} ({severity})").format(name=name, severity=word.lower()) if word else name


def symptoms_text(reports: Iterable[SymptomReport], catalogue: Catalogue) -> str:
    return ", ".join(symptom_text(r, catalogue) for r in reports)


def medicine_text(medicine: MedicineGiven) -> str:
    text = " ".join(part for part in (medicine.name, medicine.dose) if part)
    if medicine.given_at is not None:
        text = _tr("{medicine} at {time}").format(medicine=text, time=time_text(medicine.given_at))
    return text


def medicines_text(medicines: Iterable[MedicineGiven]) -> str:
    return ", ".join(medicine_text(m) for m in medicines)


def bag_text(hours: int) -> str:
    """'48 hours', or '7 days' for the week-long bag."""
    return _tr("7 days") if hours == BAG_HOURS_7_DAYS else _tr("{hours} hours").format(hours=hours)


def pump_event_text(event: PumpEvent, bag_hours: int | None = None) -> str:
    words = {
        PumpEvent.BAG_CHANGE: _tr("Bag changed"),
        PumpEvent.ALARM: _tr("Alarm"),
        PumpEvent.STOPPED: _tr("Infusion stopped"),
        PumpEvent.RESTARTED: _tr("Infusion restarted"),
        PumpEvent.LINE_PROBLEM: _tr("Problem with the line or dressing"),
    }
    text = words.get(event, event.value)
    if event is PumpEvent.BAG_CHANGE and bag_hours:
        text = _tr("{event} ({length})").format(event=text, length=bag_text(bag_hours))
    return text


def excerpt(text: str, limit: int = 90) -> str:
    """First line-ish of a note, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(",.;:") + "…"


def content_lines(content: EntryContent, catalogue: Catalogue, note_limit: int = 90) -> list[str]:
    """Every part of an entry that was filled in, one short line each."""
    lines: list[str] = []
    if content.temperature is not None:
        lines.append(
            _tr("Temperature: {value}").format(value=temperature_with_route(content.temperature))
        )
    if content.symptoms:
        lines.append(
            _tr("Symptoms: {list}").format(list=symptoms_text(content.symptoms, catalogue))
        )
    if content.medicines:
        lines.append(_tr("Medicines: {list}").format(list=medicines_text(content.medicines)))
    if content.pump_event is not None:
        event = pump_event_text(content.pump_event, content.pump_bag_hours)
        lines.append(_tr("Pump: {event}").format(event=event))
    if content.neuro_check is not None:
        lines.append(
            _tr("Neuro check: {result}").format(result=check_summary_text(content.neuro_check))
        )
    if content.note:
        lines.append(_tr("Note: {text}").format(text=excerpt(content.note, note_limit)))
    if content.logged_by:
        lines.append(_tr("Logged by {name}").format(name=content.logged_by))
    return lines
