"""Page 1 as HTML: what a clinician takes in within 30 seconds.

Who the child is and where they are in their therapy, the care team, every warning with what
the family was told and whether they called, the temperatures against the fever line, the
symptoms and medicines, and the family's questions.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import CallRecord, Tier
from caretrack.reports import Summary, SummaryFlag, SymptomTally
from caretrack.ui.flag_style import rules_text, tier_style, tier_words
from caretrack.ui.messages import (
    catalogue_text,
    nice_date,
    severity_word,
    short_date,
    therapy_day_text,
)
from caretrack.ui.summary.blocks import empty_line, label, rows_table, section_head
from caretrack.ui.summary.care import plan_html, pump_html
from caretrack.ui.summary.chart import CHART_MARKER
from caretrack.ui.summary.medicines import medicines_html
from caretrack.ui.summary.neuro import Images, neuro_html
from caretrack.ui.summary.style import (
    ACCENT_COLOUR,
    ACCENT_TINT,
    ALARM_COLOUR,
    MUTED_COLOUR,
    RULE_COLOUR,
    SMALL_PT,
)
from caretrack.ui.summary.words import (
    date_time_text,
    esc,
    fever_line_text,
    period_basis_text,
    period_text,
    short_when,
    tr,
    tr_n,
    zone_of,
)


def overview_html(summary: Summary, catalogue: Catalogue, images: Images, width_px: float) -> str:
    """Header band, facts and plan, then the sections; an empty period says so in one sentence.

    `images` are the neuro checks' writing by entry id, `width_px` the page body's width in CSS
    pixels (the writing is sized to fit it).
    """
    parts = [_header_band(summary), _facts(summary), plan_html(summary)]
    if summary.is_empty:
        parts.append(
            f'<p style="font-size:12pt; margin-top:14pt; margin-bottom:10pt;"><b>'
            f"{esc(nothing_logged_text(summary))}</b></p>"
        )
        if summary.medicine_list:
            parts.append(medicines_html(summary))
    else:
        parts += [
            _glance(summary),
            _flags(summary),
            pump_html(summary),
            neuro_html(summary, images, width_px),
            _temperatures(summary),
            _symptoms(summary, catalogue),
            medicines_html(summary),
        ]
    parts.append(_questions(summary))
    return "\n".join(parts)


def nothing_logged_text(summary: Summary) -> str:
    return tr("Nothing was logged between {start} and {end}.").format(
        start=nice_date(summary.period.start), end=nice_date(summary.period.end)
    )


def _header_band(summary: Summary) -> str:
    title = esc(tr("Clinic-visit summary").upper())
    basis = esc(period_basis_text(summary.period))
    printed = esc(
        tr("Printed {when}").format(when=date_time_text(summary.printed_at, zone_of(summary)))
    )
    return f"""
<table width="100%" cellspacing="0" cellpadding="9" bgcolor="{ACCENT_COLOUR}"
       style="margin-bottom:8pt;">
<tr><td valign="top">
<span style="color:#cfe6e8; font-size:{SMALL_PT}pt; font-weight:700;">{title}</span><br>
<span style="color:#ffffff; font-size:19pt; font-weight:700;">{esc(summary.child.name)}</span><br>
<span style="color:#ffffff; font-size:10.5pt;">{esc(period_text(summary.period))}</span>
<span style="color:#cfe6e8; font-size:9pt;">&nbsp;·&nbsp;{basis}</span>
</td>
<td valign="top" align="right">
<span style="color:#cfe6e8; font-size:{SMALL_PT}pt;">{printed}</span>
</td></tr></table>"""


def _facts(summary: Summary) -> str:
    child = summary.child
    about = [tr_n("%n year(s) old", child.age_years)]
    if child.weight_kg is not None:
        about.append(tr("{kg} kg").format(kg=child.weight_kg))
    child_cell = (
        label(tr("Child"))
        + f"<b>{esc(child.name)}</b><br>{esc(' · '.join(about))}<br>"
        + f'<span class="muted">{esc(tr("Born {date}").format(date=nice_date(child.birth_date)))}'
        "</span>"
    )
    if child.therapy is not None:
        therapy = f"<b>{esc(catalogue_text(child.therapy.display_name))}</b>"
        if child.therapy_day is not None:
            therapy += f"<br>{esc(therapy_day_text(child.therapy_day))}"
        therapy += (
            f'<br><span class="muted">'
            f"{esc(tr('on {date}').format(date=nice_date(summary.period.end)))}</span>"
        )
    elif child.course is not None:
        therapy = esc(child.course.therapy_id)
    else:
        therapy = f'<span class="muted">{esc(tr("No therapy entered"))}</span>'
    therapy_cell = label(tr("Therapy")) + therapy
    team = summary.care_team
    lines: list[str] = []
    if team.name:
        lines.append(f"<b>{esc(team.name)}</b>")
    for caption, number in (
        (tr("24-hour line"), team.phone_24h),
        (tr("Clinic"), team.phone_clinic),
        (tr("Emergency"), team.phone_emergency),
    ):
        if number:
            lines.append(f'<span class="muted">{esc(caption)}:</span> <b>{esc(number)}</b>')
    if not lines:
        lines.append(f'<span class="muted">{esc(tr("No care team details entered"))}</span>')
    team_cell = label(tr("Care team")) + "<br>".join(lines)
    return f"""
<table width="100%" cellspacing="0" cellpadding="4" style="margin-bottom:6pt;">
<tr><td width="27%" valign="top">{child_cell}</td>
<td width="33%" valign="top">{therapy_cell}</td>
<td width="40%" valign="top">{team_cell}</td></tr></table>"""


def _glance(summary: Summary) -> str:
    """One line of counts, so the size of the period is clear before the details."""
    parts = [tr_n("%n check-in(s)", summary.entry_count)]
    flags = len(summary.flags)
    waiting = sum(1 for f in summary.flags if _waiting(f))
    if flags:
        text = tr_n("%n warning(s)", flags)
        if waiting:
            text += " · " + tr_n("%n not yet called", waiting)
        elif any(f.stored.flag.tier.rank >= Tier.REPORT_NOW.rank for f in summary.flags):
            text += " · " + tr("the care team was called about every urgent one")
        parts.append(text)
    else:
        parts.append(tr("no warnings"))
    high = sum(1 for r in summary.readings if r.at_or_above_line)
    if summary.readings:
        parts.append(tr_n("%n reading(s) at or above the fever line", high))
    body = esc("  ·  ".join(parts))
    return (
        f'<table width="100%" cellspacing="0" cellpadding="5" bgcolor="{ACCENT_TINT}">'
        f"<tr><td><b>{esc(tr('At a glance'))}:</b> {body}</td></tr></table>"
    )


def _waiting(item: SummaryFlag) -> bool:
    """Open warnings that ask for a call; an open visit note is simply for today."""
    return item.stored.is_open and item.stored.flag.tier.rank >= Tier.REPORT_NOW.rank


def _flags(summary: Summary) -> str:
    head = section_head(tr("Warnings and calls"))
    if not summary.flags:
        return head + empty_line(tr("No warnings in this period."))
    zone = zone_of(summary)
    last_day = summary.period.end
    rows = "".join(_flag_row(g, zone, last_day) for g in flag_groups(summary.flags))
    columns = [
        (tr("Warning"), 20),
        (tr("What triggered it"), 50),
        (tr("Call to the care team"), 30),
    ]
    return head + rows_table(columns, rows, padding=4)


def flag_groups(flags: tuple[SummaryFlag, ...]) -> list[list[SummaryFlag]]:
    """Rows for the warnings table, the ones still waiting for a call first, then by tier and
    time. Flags one entry raised and one call answered share a row (a fever and the immune-
    reaction warning from one reading are one event); open visit notes from the same rule share
    a row too, listing every time, so nine "not wanting to eat" notes take one row, not nine."""
    groups: dict[tuple[object, ...], list[SummaryFlag]] = {}
    for item in flags:
        groups.setdefault(_group_key(item), []).append(item)
    return sorted(groups.values(), key=_group_order)


def _group_key(item: SummaryFlag) -> tuple[object, ...]:
    stored = item.stored
    if stored.call is None and not item.before_period and not _waiting(item):
        return ("note", stored.flag.rule_id, stored.flag.title)
    call = stored.call
    said = None if call is None else (call.called_at, call.caller, call.spoke_with, call.advice)
    return ("event", stored.entry_id, said, item.before_period)


def _group_order(group: list[SummaryFlag]) -> tuple[bool, int, datetime]:
    tier = Tier.highest([item.stored.flag.tier for item in group])
    first = group[0].stored
    return (
        not any(_waiting(i) for i in group),
        -tier.rank,
        first.flag.observed_at or first.raised_at,
    )


def _flag_row(group: list[SummaryFlag], zone: tzinfo, last_day: date) -> str:
    first = group[0].stored
    tier = Tier.highest([item.stored.flag.tier for item in group])
    style = tier_style(tier)
    moments = sorted({item.stored.flag.observed_at or item.stored.raised_at for item in group})
    tier_cell = (
        f'<span style="color:{style.strong}; font-weight:700;">{esc(tier_words(tier))}</span>'
    )
    if len(moments) == 1:
        tier_cell += f'<br><span class="small">{esc(short_when(moments[0], zone, last_day))}</span>'
    else:
        tier_cell += f'<br><span class="small">{esc(tr_n("%n time(s)", len(moments)))}</span>'
    what = "".join(_flag_what(item, tier, index, group) for index, item in enumerate(group))
    if len(moments) > 1 and not all(item.stored.flag.evidence for item in group):
        times = ", ".join(short_when(m, zone, last_day) for m in moments)
        what += f'<p class="small" style="margin-top:2pt;">{esc(tr("When"))}: {esc(times)}</p>'
    call_cell = _call_text(first.call, group[0], zone, last_day)
    if group[0].before_period:
        call_cell += (
            f'<br><span class="small" style="color:{ALARM_COLOUR};">'
            f"{esc(tr('Raised before this period and still waiting for a call'))}</span>"
        )
    return (
        f'<tr><td style="background-color:{style.background}; border-left-width:4px; '
        f'border-left-style:solid; border-left-color:{style.strong};">{tier_cell}</td>'
        f"<td>{what}</td><td>{call_cell}</td></tr>"
    )


def _flag_what(item: SummaryFlag, row_tier: Tier, index: int, group: list[SummaryFlag]) -> str:
    """Title, why, and the evidence; a lower tier in a shared row names its own tier. In a row
    of repeated notes the title and why are said once and each evidence follows."""
    flag = item.stored.flag
    if index > 0 and group[0].stored.flag.title == flag.title:
        return ""  # said once, with every evidence, by the row's first flag
    title = f"<b>{esc(rules_text(flag.title))}</b>"
    if flag.tier is not row_tier:
        style = tier_style(flag.tier)
        words = esc(tier_words(flag.tier))
        title += f' <span class="small" style="color:{style.strong};">({words})</span>'
    lines = [title]
    if flag.message:
        lines.append(f'<span class="small">{esc(rules_text(flag.message))}</span>')
    details: list[str] = []
    same = [i.stored.flag for i in group if i.stored.flag.title == flag.title]
    evidence = [text for f in same for text in f.evidence]
    if evidence:
        details.append(f"{esc(tr('Evidence'))}: {esc('; '.join(evidence))}")
    if flag.found_in_note:
        details.append(esc(tr("found in the note")))
    if details:
        lines.append(f'<span class="small muted">{" · ".join(details)}</span>')
    top = "0pt" if index == 0 else "4pt"
    return f'<p style="margin-top:{top}; margin-bottom:0pt;">{"<br>".join(lines)}</p>'


def _call_text(call: CallRecord | None, item: SummaryFlag, zone: tzinfo, last_day: date) -> str:
    if call is None:
        if not _waiting(item):  # a note for the visit needs no call: it is for this visit
            words = esc(tr("For this visit"))
            return f'<span style="color:{MUTED_COLOUR};">{words}</span>'
        words = esc(tr("Not yet called"))
        return f'<span style="color:{ALARM_COLOUR}; font-weight:700;">{words}</span>'
    called = tr("Called {when}").format(when=short_when(call.called_at, zone, last_day))
    lines = [f"<b>{esc(called)}</b>"]
    who: list[str] = []
    if call.caller:
        who.append(tr("by {name}").format(name=call.caller))
    if call.spoke_with:
        who.append(tr("spoke with {name}").format(name=call.spoke_with))
    if who:
        lines.append(esc(", ".join(who)))
    if call.advice:
        lines.append(f'<span class="muted">{esc(tr("Advice"))}:</span> {esc(call.advice)}')
    else:
        lines.append(f'<span class="muted">{esc(tr("No advice written down"))}</span>')
    return "<br>".join(lines)


def _temperatures(summary: Summary) -> str:
    head = section_head(tr("Temperatures"))
    if not summary.readings:
        return head + empty_line(tr("No temperatures were logged."))
    zone = zone_of(summary)
    top = max(summary.readings, key=lambda r: (r.temperature.celsius_tenths, r.at))
    high = [r for r in summary.readings if r.at_or_above_line]
    line = tr_n("%n reading(s)", len(summary.readings))
    line += " · " + tr("highest {value} ({when})").format(
        value=str(top.temperature), when=date_time_text(top.at, zone)
    )
    line += " · " + tr_n("%n at or above the fever line", len(high))
    return (
        head
        + f'<p class="small">{esc(line)} <span class="muted">'
        + f"({esc(fever_line_text(summary.fever_line_c_tenths))})</span></p>"
        + f'<p align="center" style="margin-top:2pt; margin-bottom:2pt;">{CHART_MARKER}</p>'
    )


def _symptoms(summary: Summary, catalogue: Catalogue) -> str:
    head = section_head(tr("Symptoms"))
    if not summary.symptoms:
        return head + empty_line(tr("No symptoms were logged."))
    rows = "".join(_symptom_row(t, catalogue, summary.period.end) for t in summary.symptoms)
    columns = [(tr("Symptom"), 42), (tr("Worst"), 16), (tr("Days logged"), 14),
               (tr("First and last day"), 28)]  # fmt: skip
    return head + rows_table(columns, rows)


def symptom_name(symptom_id: str, catalogue: Catalogue) -> str:
    try:
        return catalogue_text(catalogue.symptom(symptom_id).label)
    except KeyError:  # dropped from the catalogue since: the id is still better than nothing
        return symptom_id


def days_text(first: date, last: date, last_day: date) -> str:
    if first == last:
        return short_date(first, last_day)
    return tr("{start} to {end}").format(
        start=short_date(first, last_day), end=short_date(last, last_day)
    )


def _symptom_row(tally: SymptomTally, catalogue: Catalogue, last_day: date) -> str:
    name = f"<b>{esc(symptom_name(tally.symptom_id, catalogue))}</b>"
    if tally.warning:
        name += (
            f' <span style="color:{ALARM_COLOUR}; font-size:{SMALL_PT}pt; font-weight:700;">'
            f"⚠ {esc(tr('warning sign for this therapy'))}</span>"
        )
    worst = severity_word(tally.worst) or tr("present")
    return (
        f"<tr><td>{name}</td><td>{esc(worst)}</td><td>{tally.days}</td>"
        f"<td>{esc(days_text(tally.first_day, tally.last_day, last_day))}</td></tr>"
    )


def _questions(summary: Summary) -> str:
    head = f"<h2>{esc(tr('Questions for the visit'))}</h2>"
    blank = (
        f'<tr><td style="border-bottom-width:1px; border-bottom-style:solid; '
        f'border-bottom-color:{RULE_COLOUR};">&nbsp;</td></tr>'
    )
    if not summary.questions:
        return (
            head + f'<p class="empty">{esc(tr("No questions written down."))}</p>'
            f'<p class="small muted" style="margin-top:4pt;">{esc(tr("Notes from the visit"))}:'
            f'</p><table width="100%" cellspacing="0" cellpadding="6">{blank * 3}</table>'
        )
    items = "".join(f"<li style='margin-bottom:3pt;'>{esc(q.text)}</li>" for q in summary.questions)
    return head + f'<ol style="margin-top:0pt;">{items}</ol>'
