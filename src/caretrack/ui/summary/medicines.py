"""Medicines as HTML: the list as the care team gave it, then what was given, when and by whom.

The list comes first because it is what the nurse checks the doses against; a medicine stopped
during the period stays on it, marked, and one stopped before the period is not shown.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from itertools import groupby

from caretrack.domain.model import MedicinePlan
from caretrack.reports import DoseGiven, MedicineTally, Summary
from caretrack.ui.entry_text import time_text
from caretrack.ui.messages import short_date
from caretrack.ui.summary.blocks import caption, cells, empty_line, rows_table, section_head
from caretrack.ui.summary.words import esc, tr, tr_n, zone_of

DOSES_SHOWN = 8  # the newest doses per medicine; the day-by-day log holds every one
DASH = '<span class="muted">—</span>'


def medicines_html(summary: Summary) -> str:
    """'Medicines': the team's list (when there is one), then the doses given."""
    parts = [section_head(tr("Medicines"))]
    if summary.medicine_list:
        rows = "".join(_plan_row(p, summary.period.end) for p in summary.medicine_list)
        parts.append(caption(tr("The list from the care team")))
        parts.append(
            rows_table(
                [
                    (tr("Medicine"), 26),
                    (tr("Dose"), 16),
                    (tr("How to give it"), 42),
                    (tr("Reminder times"), 16),
                ],
                rows,
            )
        )
    parts.append(caption(tr("Given in these days")))
    if not summary.medicines:
        parts.append(empty_line(tr("No medicines were logged.")))
        return "".join(parts)
    zone = zone_of(summary)
    rows = "".join(_given_row(t, zone, summary.period.end) for t in summary.medicines)
    parts.append(
        rows_table(
            [
                (tr("Medicine"), 22),
                (tr("Doses"), 14),
                (tr("Times given"), 9),
                (tr("Days"), 7),
                (tr("When, and by whom"), 48),
            ],
            rows,
        )
    )
    return "".join(parts)


def _plan_row(plan: MedicinePlan, last_day: date) -> str:
    name = f"<b>{esc(plan.name)}</b>"
    if plan.stopped_on is not None:
        stopped = tr("stopped {date}").format(date=short_date(plan.stopped_on, last_day))
        name = f'<span class="muted">{name}<br><span class="small">{esc(stopped)}</span></span>'
    times = ", ".join(time_text(datetime.combine(last_day, t)) for t in plan.times)
    return cells(
        name,
        esc(plan.dose) or DASH,
        esc(plan.schedule) or DASH,
        esc(times) or f'<span class="muted">{esc(tr("none"))}</span>',
    )


def _given_row(tally: MedicineTally, zone: tzinfo, last_day: date) -> str:
    doses = ", ".join(tally.doses) or "—"
    return cells(
        f"<b>{esc(tally.name)}</b>",
        esc(doses),
        str(tally.times),
        str(tally.days),
        _when_and_who(tally.given, zone, last_day),
    )


def _when_and_who(given: tuple[DoseGiven, ...], zone: tzinfo, last_day: date) -> str:
    """'Tue 3 Nov: 08:00 Mum, 20:00 Dad', a line per day, the newest doses only."""
    if not given:
        return DASH
    shown = given[-DOSES_SHOWN:]
    lines = []
    earlier = len(given) - len(shown)
    if earlier:
        more = tr_n("%n earlier dose(s): see the day-by-day log", earlier)
        lines.append(f'<span class="muted">{esc(more)}</span>')
    for day, doses in groupby(shown, key=lambda g: g.at.astimezone(zone).date()):
        times = ", ".join(_dose_time(g, zone) for g in doses)
        lines.append(f"<b>{esc(short_date(day, last_day))}</b>: {esc(times)}")
    return '<span class="small">' + "<br>".join(lines) + "</span>"


def _dose_time(dose: DoseGiven, zone: tzinfo) -> str:
    at = time_text(dose.at.astimezone(zone))
    return f"{at} {dose.by}" if dose.by else at
