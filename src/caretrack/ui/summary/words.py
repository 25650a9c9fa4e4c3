"""The summary's own sentences, all through Qt translation (context "summary"), and small formats.

Texts the rest of the window already words (therapy days, severities, routes, tiers) are reused
from caretrack.ui.messages, entry_text and flag_style, so the printout speaks like the app.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication

from caretrack.reports import Period, PeriodBasis, Summary
from caretrack.ui.entry_text import time_text
from caretrack.ui.messages import nice_date, short_date

CTX = "summary"


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def esc(text: str) -> str:
    """HTML-escape anything typed by a person; line breaks are kept as <br>."""
    escaped = html.escape(text, quote=True)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def zone_of(summary: Summary) -> tzinfo:
    """Every time is shown in the family's zone, the one that decided which day it belongs to."""
    zone = summary.printed_at.tzinfo
    assert zone is not None
    return zone


def local(moment: datetime, zone: tzinfo) -> datetime:
    return moment.astimezone(zone)


def date_time_text(moment: datetime, zone: tzinfo) -> str:
    """'Thu 5 Nov 2026, 20:05'."""
    at = local(moment, zone)
    return tr("{date}, {time}").format(date=nice_date(at.date()), time=time_text(at))


def short_when(moment: datetime, zone: tzinfo, last_day: date) -> str:
    """'Thu 22 Oct, 08:05': the year only when it is not the period's."""
    at = moment.astimezone(zone)
    return tr("{date}, {time}").format(date=short_date(at.date(), last_day), time=time_text(at))


def range_text(start: date, end: date) -> str:
    """'Fri 16 Oct 2026 to Thu 5 Nov 2026', or one date when both ends are the same day."""
    if start == end:
        return nice_date(start)
    return tr("{start} to {end}").format(start=nice_date(start), end=nice_date(end))


def period_text(period: Period) -> str:
    return range_text(period.start, period.end)


def period_basis_text(period: Period) -> str:
    """Why these days: the nurse should know whether this is 'since the last visit'."""
    days = period.day_count
    if period.basis is PeriodBasis.SINCE_VISIT:
        return tr_n("%n day(s), since the last clinic visit", days)
    if period.basis is PeriodBasis.LAST_DAYS:
        return tr_n("the last %n day(s)", days)
    return tr_n("%n day(s), chosen by the family", days)


def tr_n(text: str, n: int) -> str:
    """Qt's plural form: a .qm file gives each language its forms; English falls back here."""
    translated = QCoreApplication.translate(CTX, text, None, n)
    return translated.replace("(s)", "" if n == 1 else "s")


def fahrenheit_hundredths(c_tenths: int) -> int:
    """Exact: °F = °C x 9/5 + 32, so tenths of °C x 18 + 3200 gives hundredths of °F."""
    return c_tenths * 18 + 3200


def fahrenheit_text(c_tenths: int) -> str:
    """38.0 °C -> '100.4', 38.3 °C -> '100.94': exact, never rounded to look tidy."""
    hundredths = fahrenheit_hundredths(c_tenths)
    sign = "-" if hundredths < 0 else ""
    whole, frac = divmod(abs(hundredths), 100)
    decimals = f"{frac:02d}".rstrip("0") or "0"
    return f"{sign}{whole}.{decimals}"


def celsius_text(c_tenths: int) -> str:
    sign = "-" if c_tenths < 0 else ""
    whole, frac = divmod(abs(c_tenths), 10)
    return f"{sign}{whole}.{frac}"


def fever_line_text(c_tenths: int) -> str:
    """'Fever line 38.0 °C / 100.4 °F'."""
    return tr("Fever line {c} °C / {f} °F").format(
        c=celsius_text(c_tenths), f=fahrenheit_text(c_tenths)
    )


def duration_text(length: timedelta) -> str:
    """'4 h 10 min', '45 min', '2 days 3 h': whole minutes, never rounded up to look longer."""
    minutes = int(length.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = tr_n("%n day(s)", days)
        return text + (" " + tr("{h} h").format(h=hours) if hours else "")
    if hours and mins:
        return tr("{h} h {m} min").format(h=hours, m=mins)
    if hours:
        return tr("{h} h").format(h=hours)
    return tr("{m} min").format(m=mins)
