"""The course plan and the blinatumomab pump as HTML: the facts a nurse checks the log against.

The plan is a compact block under the child's facts (cycle days, hospital days, the break,
dose days and the watch windows open in the period with their end dates). The pump section is
a short table of events with every interruption's length worked out from the logged times.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from caretrack.domain.catalogue import ScheduleKind
from caretrack.reports import CoursePlan, Interruption, PumpLine, Summary, WindowInPeriod
from caretrack.ui.entry_text import pump_event_text, time_text
from caretrack.ui.messages import catalogue_text, short_date
from caretrack.ui.summary.blocks import caption, cells, empty_line, label, rows_table, section_head
from caretrack.ui.summary.style import ALARM_COLOUR
from caretrack.ui.summary.words import (
    duration_text,
    esc,
    short_when,
    tr,
    tr_n,
    zone_of,
)


def plan_html(summary: Summary) -> str:
    """'Treatment plan': one fact per line, so it reads at a glance; nothing when unknown."""
    plan = summary.plan
    therapy = summary.child.therapy
    if plan is None or therapy is None:
        return ""
    last_day = summary.period.end
    kind = therapy.schedule.kind
    facts = _schedule_facts(plan, kind, last_day)
    windows = [_window_fact(w, last_day) for w in plan.windows]
    if not facts and not windows:
        return ""
    left = label(tr("Treatment plan")) + "<br>".join(facts)
    right = ""
    if windows:
        right = label(tr("Watch periods in these days")) + "<br>".join(windows)
    return f"""
<table width="100%" cellspacing="0" cellpadding="4" style="margin-bottom:6pt;">
<tr><td width="45%" valign="top">{left}</td>
<td width="55%" valign="top">{right}</td></tr></table>"""


def _schedule_facts(plan: CoursePlan, kind: ScheduleKind, last_day: date) -> list[str]:
    def day(d: date) -> str:
        return short_date(d, last_day)

    if kind is ScheduleKind.SINGLE_INFUSION:
        return [f"{esc(tr('Infusion day (Day 0)'))}: <b>{esc(day(plan.start))}</b>"]
    started = tr("Cycle {n} started").format(n=plan.cycle) if plan.cycle else tr("Started")
    facts = [f"{esc(started)}: <b>{esc(day(plan.start))}</b>"]
    if plan.infusion_days and plan.infusion_ends:
        pump = tr_n("%n day(s) of pump, until {date}", plan.infusion_days)
        facts.append(esc(pump.format(date=day(plan.infusion_ends))))
    if plan.hospital_days and plan.hospital_until:
        stay = tr("In hospital for days 1 to {n}, until {date}")
        facts.append(esc(stay.format(n=plan.hospital_days, date=day(plan.hospital_until))))
    if plan.break_days:
        facts.append(esc(tr_n("Break after the pump: %n day(s)", plan.break_days)))
    if plan.dose_dates:
        doses = ", ".join(day(d) for d in plan.dose_dates)
        facts.append(f"{esc(tr('Dose days'))}: <b>{esc(doses)}</b>")
    if plan.next_cycle:
        facts.append(
            esc(tr("Next cycle by the schedule: {date}").format(date=day(plan.next_cycle)))
            + f' <span class="small muted">({esc(tr("the care team confirms"))})</span>'
        )
    return facts


def _window_fact(item: WindowInPeriod, last_day: date) -> str:
    """'Stay near the treatment center...: until Tue 3 Nov'; per-dose windows list each stretch."""
    name = esc(catalogue_text(item.window.label))
    if len(item.spans) == 1:
        when = tr("until {date}").format(date=short_date(item.ends, last_day))
    else:
        when = "; ".join(
            tr("{start} to {end}").format(
                start=short_date(s.starts, last_day), end=short_date(s.ends, last_day)
            )
            for s in item.spans
        )
    return f"{name}: <b>{esc(when)}</b>"


def pump_html(summary: Summary) -> str:
    """The pump's events, the bag changes counted and every stop with how long it lasted."""
    pump = summary.pump
    if pump is None:
        return ""
    head = section_head(tr("Pump"))
    if not pump.events and not pump.interruptions:
        return head + empty_line(tr("No pump events were logged in this period."))
    zone = zone_of(summary)
    last_day = summary.period.end
    counts = [tr_n("%n bag change(s)", pump.bag_changes)]
    counts.append(
        tr_n("%n stop(s)", len(pump.interruptions)) if pump.interruptions else tr("no stops")
    )
    parts = [head, f'<p class="small">{esc(" · ".join(counts))}</p>']
    if pump.interruptions:
        end = datetime.combine(summary.period.end + timedelta(days=1), time.min, zone)
        cut_at_printing = summary.printed_at < end
        rows = "".join(
            _interruption_row(i, zone, last_day, cut_at_printing) for i in pump.interruptions
        )
        parts.append(caption(tr("Stops and restarts")))
        parts.append(f'<table width="100%" cellspacing="0" cellpadding="3">{rows}</table>')
    if pump.events:
        rows = "".join(_event_row(e, zone, last_day) for e in pump.events)
        parts.append(caption(tr("Every pump event")))
        parts.append(
            rows_table(
                [(tr("When"), 22), (tr("What happened"), 30), (tr("By"), 12), (tr("Note"), 36)],
                rows,
            )
        )
    return "".join(parts)


def _interruption_row(
    stop: Interruption, zone: tzinfo, last_day: date, cut_at_printing: bool
) -> str:
    """'Stopped 09:10, restarted 13:20: 4 h 10 min', with the date in front."""
    stopped = stop.stopped_at.astimezone(zone)
    length = duration_text(stop.length)
    if stop.restarted_at is None:
        if cut_at_printing:
            text = tr("Stopped {stopped}, not restarted when this was printed")
        else:
            text = tr("Stopped {stopped}, not restarted by the end of this period")
        sentence = (
            esc(text.format(stopped=time_text(stopped)))
            + ": "
            + (
                f'<span style="color:{ALARM_COLOUR}; font-weight:700;">'
                f"{esc(tr('{length} so far').format(length=length))}</span>"
            )
        )
    else:
        restarted = stop.restarted_at.astimezone(zone)
        again = (
            time_text(restarted)
            if restarted.date() == stopped.date()
            else short_when(restarted, zone, last_day)
        )
        text = tr("Stopped {stopped}, restarted {restarted}").format(
            stopped=time_text(stopped), restarted=again
        )
        sentence = f"{esc(text)}: <b>{esc(length)}</b>"
    return (
        f'<tr><td width="22%"><b>{esc(short_date(stopped.date(), last_day))}</b></td>'
        f"<td>{sentence}</td></tr>"
    )


def _event_row(line: PumpLine, zone: tzinfo, last_day: date) -> str:
    return cells(
        esc(short_when(line.at, zone, last_day)),
        f"<b>{esc(pump_event_text(line.event, line.bag_hours))}</b>",
        esc(line.logged_by) or '<span class="muted">—</span>',
        esc(line.note) or '<span class="muted">—</span>',
    )
