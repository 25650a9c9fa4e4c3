"""The daily neuro checks as HTML: the writing samples side by side, oldest first.

Each check is one cell of a grid (the writing on top, scaled to one shared height, then the
date, the therapy day and the parent's answers in words), so a change in the writing from one
day to the next is easy to see. A check without writing shows its answers only. Never a score.

The writing PNGs are decoded once, laid on white (a transparent pad prints black in some
viewers) and handed to the document as image resources under a private URL scheme.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

from caretrack.reports import NeuroCheckLine, Summary
from caretrack.ui.messages import therapy_day_text
from caretrack.ui.neuro_check_text import check_summary_text
from caretrack.ui.summary.blocks import empty_line, section_head
from caretrack.ui.summary.style import ALARM_COLOUR, SOFT_BACKGROUND
from caretrack.ui.summary.words import esc, short_when, tr, zone_of

SCHEME = "caretrack-handwriting"
MAX_HEIGHT_PX = 64.0  # CSS pixels (1/96 inch): about 17 mm, tall enough to read the letters
MIN_HEIGHT_PX = 24.0
CELL_SPACING_PX = 5
CELL_PADDING_PX = 5

Images = Mapping[int, QImage]  # entry id -> the writing, on white


def handwriting_url(entry_id: int) -> str:
    return f"{SCHEME}:{entry_id}"


def handwriting_images(summary: Summary) -> dict[int, QImage]:
    """Every check's writing that decodes; one that does not is left out (its answers stay)."""
    images: dict[int, QImage] = {}
    for line in summary.neuro_checks:
        png = line.check.handwriting_png
        if not png:
            continue
        decoded = QImage.fromData(png)
        if decoded.isNull() or decoded.width() < 1 or decoded.height() < 1:
            continue
        flat = QImage(decoded.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("#ffffff"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, decoded)
        painter.end()
        images[line.entry_id] = flat
    return images


def add_images(doc: QTextDocument, images: Images) -> None:
    """Before setHtml: the document looks the images up by URL while it lays out."""
    for entry_id, image in images.items():
        doc.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(handwriting_url(entry_id)), image
        )


def neuro_html(summary: Summary, images: Images, width_px: float) -> str:
    """`width_px` is the page body's width in CSS pixels, to size the writing to its cell."""
    checks = summary.neuro_checks
    head = section_head(tr("Daily neuro checks"))
    if not checks:
        watched = summary.plan is not None and summary.plan.neuro_watch
        return (
            head + empty_line(tr("No neuro checks were logged in this period.")) if watched else ""
        )
    # Three to a row when there is writing to read; answers alone fit four.
    columns = 3 if images else 4
    cell_px = width_px / columns - CELL_SPACING_PX - 2 * CELL_PADDING_PX
    height = _shared_height(checks, images, cell_px)
    intro = tr(
        'The family\'s answers to "different from usual?" and what the child wrote, oldest first.'
    )
    # The sentence as it was shown to the child, in the language it was shown in.
    sentences = {c.check.sentence for c in checks if c.check.sentence and c.entry_id in images}
    if len(sentences) == 1:
        intro += " " + tr("The sentence: \u201c{sentence}\u201d").format(
            sentence=next(iter(sentences))
        )
    cells = [_cell(c, summary, images, height, columns) for c in checks]
    while len(cells) % columns:
        cells.append(f'<td width="{100 // columns}%"></td>')
    rows = "".join(
        "<tr>" + "".join(cells[i : i + columns]) + "</tr>" for i in range(0, len(cells), columns)
    )
    return (
        head
        + f'<p class="small muted" style="margin-bottom:3pt;">{esc(intro)}</p>'
        + f'<table width="100%" cellspacing="{CELL_SPACING_PX}" '
        f'cellpadding="{CELL_PADDING_PX}">{rows}</table>'
    )


def _shared_height(checks: tuple[NeuroCheckLine, ...], images: Images, cell_px: float) -> float:
    """One height for every sample: the tallest that lets the widest fit its cell."""
    height = MAX_HEIGHT_PX
    for c in checks:
        image = images.get(c.entry_id)
        if image is not None:
            height = min(height, cell_px * image.height() / image.width())
    return max(height, MIN_HEIGHT_PX)


def _cell(
    line: NeuroCheckLine, summary: Summary, images: Images, height: float, columns: int
) -> str:
    """The writing (or, when there is any writing in the grid, a blank of the same height so
    the dates line up), then the date, the therapy day and the answers."""
    image = images.get(line.entry_id)
    top = ""
    if image is not None:
        width = height * image.width() / image.height()
        top = (
            f'<img src="{handwriting_url(line.entry_id)}" width="{width:.1f}" '
            f'height="{height:.1f}">'
        )
    elif images:
        missing = (
            tr("The writing picture could not be read.")
            if line.check.handwriting_png
            else tr("No writing sample")
        )
        top = f'<span class="small muted">{esc(missing)}</span>'
    lines = [f"<b>{esc(short_when(line.at, zone_of(summary), summary.period.end))}</b>"]
    if line.therapy_day is not None:
        lines.append(f'<span class="small muted">{esc(therapy_day_text(line.therapy_day))}</span>')
    answer = esc(check_summary_text(line.check))
    if line.check.all_usual:
        lines.append(f'<span class="small">{answer}</span>')
    else:
        lines.append(
            f'<span class="small" style="color:{ALARM_COLOUR}; font-weight:700;">{answer}</span>'
        )
    block = "margin-top:0pt; margin-bottom:0pt;"
    picture = f'<p style="{block} line-height:{height:.1f}px;">{top}</p>' if top else ""
    return (
        f'<td width="{100 // columns}%" valign="top" align="center" bgcolor="{SOFT_BACKGROUND}">'
        f'{picture}<p style="{block}">{"<br>".join(lines)}</p></td>'
    )
