"""The detailed log as HTML: every entry, day by day, with notes in full.

One small table per day whose heading row is a <thead>, so a day that runs onto the next page
repeats its date there. Runs of days with nothing logged shrink to one line.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import tzinfo

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import Tier
from caretrack.domain.model import Entry, NeuroCheck
from caretrack.reports import DayLog, Summary
from caretrack.ui.entry_text import medicine_text, pump_event_text, symptom_text, time_text
from caretrack.ui.flag_style import tier_style, tier_words
from caretrack.ui.messages import nice_date, route_text, temperature_text, therapy_day_text
from caretrack.ui.neuro_check_text import check_summary_text
from caretrack.ui.summary.style import (
    ACCENT_COLOUR,
    ALARM_COLOUR,
    HEAD_RULE_COLOUR,
    SMALL_PT,
    SOFT_BACKGROUND,
)
from caretrack.ui.summary.words import (
    esc,
    local,
    range_text,
    tr,
    tr_n,
    zone_of,
)

LOG_ANCHOR = "day-by-day-log"
COLUMNS = 4
WIDTHS = (13, 18, 34, 35)  # time, temperature, symptoms, medicines (percent)


def log_html(summary: Summary, catalogue: Catalogue) -> str:
    """Starts on a new page; an empty period gets no log section at all."""
    if summary.is_empty:
        return ""
    head = (
        f'<h2 style="page-break-before: always; margin-top:0pt;"><a name="{LOG_ANCHOR}"></a>'
        f"{esc(tr('Day-by-day log'))}</h2>"
    )
    if summary.entry_count == 0:
        return head + (
            '<p class="empty">'
            + esc(
                tr("Nothing was logged between {start} and {end}.").format(
                    start=nice_date(summary.period.start), end=nice_date(summary.period.end)
                )
            )
            + "</p>"
        )
    tiers: dict[int, Tier] = defaultdict(lambda: Tier.NONE)
    for item in summary.flags:
        e = item.stored.entry_id
        tiers[e] = Tier.highest([tiers[e], item.stored.flag.tier])
    intro = tr(
        "Every entry, oldest first, in the family's own words. Times are local; "
        "temperatures are shown in the unit they were taken in."
    )
    parts = [head, f'<p class="small muted" style="margin-bottom:4pt;">{esc(intro)}</p>']
    for block in _runs(summary.days):
        if isinstance(block, tuple):
            first, last = block
            parts.append(_nothing_line(first, last))
        else:
            parts.append(_day_table(block, summary, catalogue, tiers))
    return "\n".join(parts)


def _runs(days: tuple[DayLog, ...]) -> list[DayLog | tuple[DayLog, DayLog]]:
    """Days with entries stay; each run of empty days becomes (first, last)."""
    out: list[DayLog | tuple[DayLog, DayLog]] = []
    run: list[DayLog] = []
    for day in days:
        if day.entries:
            if run:
                out.append((run[0], run[-1]))
                run = []
            out.append(day)
        else:
            run.append(day)
    if run:
        out.append((run[0], run[-1]))
    return out


def _nothing_line(first: DayLog, last: DayLog) -> str:
    if first.day == last.day:
        text = tr("Nothing logged on {date}").format(date=nice_date(first.day))
    else:
        text = tr("Nothing logged from {range}").format(range=range_text(first.day, last.day))
    return f'<p class="empty" style="margin-top:5pt; margin-bottom:5pt;">{esc(text)}</p>'


def _day_table(day: DayLog, summary: Summary, catalogue: Catalogue, tiers: dict[int, Tier]) -> str:
    heading = f"<b>{esc(nice_date(day.day))}</b>"
    if day.therapy_day is not None:
        heading += f"&nbsp;&nbsp;·&nbsp;&nbsp;{esc(therapy_day_text(day.therapy_day))}"
    heading += (
        f'<span class="small muted">&nbsp;&nbsp;·&nbsp;&nbsp;'
        f"{esc(tr_n('%n check-in(s)', len(day.entries)))}</span>"
    )
    zone = zone_of(summary)
    rows = "".join(_entry_rows(e, summary, catalogue, tiers, zone) for e in day.entries)
    return f"""
<table class="rows" width="100%" cellspacing="0" cellpadding="3" style="margin-top:7pt;">
<thead>
<tr><td colspan="{COLUMNS}" bgcolor="{SOFT_BACKGROUND}" style="color:{ACCENT_COLOUR};
 border-bottom-width:1px; border-bottom-style:solid; border-bottom-color:{HEAD_RULE_COLOUR};
 font-size:10pt;">{heading}</td></tr>
</thead>
{rows}
</table>"""


def _entry_rows(
    entry: Entry, summary: Summary, catalogue: Catalogue, tiers: dict[int, Tier], zone: tzinfo
) -> str:
    c = entry.content
    time_cell = f"<b>{esc(time_text(local(c.observed_at, zone)))}</b>"
    if c.logged_by:
        time_cell += (
            f'<br><span class="small muted">{esc(tr("by {name}").format(name=c.logged_by))}</span>'
        )
    if entry.edited:
        time_cell += (
            f'<br><span class="small" style="font-style:italic;">'
            f"{esc(tr('edited, version {n}').format(n=entry.version))}</span>"
        )
    tier = tiers[entry.id]
    if tier is not Tier.NONE:
        style = tier_style(tier)
        time_cell += (
            f'<br><span style="color:{style.strong}; font-size:{SMALL_PT}pt; font-weight:700;">'
            f"{esc(tier_words(tier))}</span>"
        )
    temp_cell = '<span class="muted">—</span>'
    if c.temperature is not None:
        high = c.temperature.at_or_above_celsius(summary.fever_line_c_tenths)
        value = esc(temperature_text(c.temperature))
        value = f'<span class="alarm">{value}</span>' if high else f"<b>{value}</b>"
        temp_cell = (
            f'{value}<br><span class="small muted">{esc(route_text(c.temperature.route))}</span>'
        )
    symptoms = (
        "<br>".join(esc(symptom_text(s, catalogue)) for s in c.symptoms)
        or '<span class="muted">—</span>'
    )
    medicines = (
        "<br>".join(esc(medicine_text(m)) for m in c.medicines) or '<span class="muted">—</span>'
    )
    extra: list[str] = []
    if c.pump_event is not None:
        event = pump_event_text(c.pump_event, c.pump_bag_hours)
        extra.append(f'<span class="muted">{esc(tr("Pump"))}:</span> <b>{esc(event)}</b>')
    if c.neuro_check is not None:
        extra.append(_neuro_line(c.neuro_check))
    if c.note:
        extra.append(_note(c.note))
    if extra and c.temperature is None and not c.symptoms and not c.medicines:
        # Only a pump event, a neuro check or a note: one row, no line of dashes above it.
        return (
            f'<tr><td width="{WIDTHS[0]}%">{time_cell}</td>'
            f'<td colspan="{COLUMNS - 1}">{"<br>".join(extra)}</td></tr>'
        )
    # With a note, the rule goes under the note row that spans the content columns.
    rule = ' style="border-bottom-width:0px;"' if extra else ""
    cells = zip(WIDTHS, (time_cell, temp_cell, symptoms, medicines), strict=True)
    row = "<tr>" + "".join(f'<td width="{w}%"{rule}>{c}</td>' for w, c in cells) + "</tr>"
    if not extra:
        return row
    return row + f'<tr><td></td><td colspan="{COLUMNS - 1}">{"<br>".join(extra)}</td></tr>'


def _neuro_line(check: NeuroCheck) -> str:
    """'Neuro check: All as usual' or 'Neuro check: Different from usual: speech (not sure:
    balance)', in the same words as the window; a change is in the alarm colour. The writing
    itself is on page 1."""
    answer = esc(check_summary_text(check))
    if not check.all_usual:
        answer = f'<span style="color:{ALARM_COLOUR}; font-weight:700;">{answer}</span>'
    line = f'<span class="muted">{esc(tr("Neuro check"))}:</span> {answer}'
    if check.handwriting_png:
        line += f' <span class="small muted">({esc(tr("with a writing sample"))})</span>'
    return line


def _note(text: str) -> str:
    """The note in full. Each line is its own paragraph whose direction follows its first
    letter, so a Hebrew or Arabic line reads right to left with its punctuation in place."""
    label = f'<span class="muted">{esc(tr("Note"))}:</span> '
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(starts_right_to_left(line) for line in lines):
        return label + esc(text)
    paragraphs = [f'<span class="small muted">{esc(tr("Note"))}:</span>']
    for line in lines:
        rtl = starts_right_to_left(line)
        paragraphs.append(
            f'<p dir="{"rtl" if rtl else "ltr"}" align="{"right" if rtl else "left"}" '
            f'style="margin-top:0pt; margin-bottom:0pt;">{esc(line) or "&nbsp;"}</p>'
        )
    return "".join(paragraphs)


def starts_right_to_left(text: str) -> bool:
    """Unicode's rule for a paragraph: the first strong letter decides."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
