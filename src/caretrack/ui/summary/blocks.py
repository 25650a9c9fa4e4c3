"""Small HTML pieces every section of the printout shares, so the sections look alike."""

from __future__ import annotations

from collections.abc import Sequence

from caretrack.ui.summary.words import esc

# A block's user state that asks to stay on the page of the block after it (Qt's rich text has
# no "keep with next"; headings <h2> are kept without it).
KEEP_WITH_NEXT = 1


def section_head(title: str) -> str:
    return f"<h2>{esc(title)}</h2>"


def empty_line(text: str) -> str:
    """A section with nothing in it says so in one quiet line."""
    return f'<p class="empty">{esc(text)}</p>'


def caption(text: str) -> str:
    """A small heading inside a section ('THE LIST FROM THE CARE TEAM'), kept on the page of
    what follows it like the section headings (document.keep_headings_with_next)."""
    style = f"margin-top:6pt; margin-bottom:1pt; -qt-user-state:{KEEP_WITH_NEXT};"
    return f'<p class="caption" style="{style}">{esc(text.upper())}</p>'


def label(text: str) -> str:
    """The small capitals caption above a fact ('CHILD', 'ON THE LIST')."""
    return f'<span class="label">{esc(text.upper())}</span><br>'


def rows_table(columns: Sequence[tuple[str, int]], rows: str, padding: int = 3) -> str:
    """A light-ruled table: (heading, width in percent) per column, then the rows' HTML."""
    heads = "".join(f"<th width='{width}%'>{esc(title)}</th>" for title, width in columns)
    return (
        f'<table class="rows" width="100%" cellspacing="0" cellpadding="{padding}">'
        f"<thead><tr>{heads}</tr></thead>{rows}</table>"
    )


def cells(*html: str) -> str:
    """One table row from cells that are already HTML."""
    return "<tr>" + "".join(f"<td>{h}</td>" for h in html) + "</tr>"
