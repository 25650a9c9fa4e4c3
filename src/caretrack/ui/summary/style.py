"""The printout's look in one place: font, sizes in points, colours and the shared CSS.

Colours come from the app's theme and flag_style, so a tier looks the same on paper as on screen.
Font sizes and margins are in points: the document is laid out at a fixed print resolution,
where a pixel-sized font would come out microscopic. Border widths are the exception: Qt reads
them only in CSS pixels, which it scales to the device as 1/96 inch.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from caretrack.ui.theme import ACCENT, FONT_FAMILIES, MUTED, TEXT

BODY_PT = 9.5
SMALL_PT = 8.0
FOOTER_PT = 7.5
CHART_PT = 7.5

ACCENT_COLOUR = ACCENT
ACCENT_TINT = "#e6f1f2"
TEXT_COLOUR = TEXT
MUTED_COLOUR = MUTED
RULE_COLOUR = "#d5dde0"
HEAD_RULE_COLOUR = "#9fb1b7"
SOFT_BACKGROUND = "#f4f7f8"
ALARM_COLOUR = "#b3261e"  # the emergency tier's strong colour: fever points, "not yet called"
ALARM_TINT = "#fdecea"

PREFERRED_FAMILIES = ["DejaVu Sans", *FONT_FAMILIES]


@cache
def font_family() -> str:
    """DejaVu Sans when present (it has Hebrew and Arabic), else the first theme font Qt has."""
    available = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in available:
            return family
    return QFont().defaultFamily()


def body_font() -> QFont:
    font = QFont(font_family())
    font.setPointSizeF(BODY_PT)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def stylesheet() -> str:
    """Qt's rich-text CSS subset: light rules under rows, no boxed 1998 borders."""
    return f"""
body {{ color: {TEXT_COLOUR}; }}
h2 {{ font-size: 12pt; font-weight: 700; color: {ACCENT_COLOUR};
      margin-top: 10pt; margin-bottom: 3pt; }}
.caption {{ font-size: {SMALL_PT}pt; color: {MUTED_COLOUR}; }}
p {{ margin-top: 0pt; margin-bottom: 2pt; }}
.muted {{ color: {MUTED_COLOUR}; }}
.small {{ font-size: {SMALL_PT}pt; }}
.label {{ color: {MUTED_COLOUR}; font-size: {SMALL_PT}pt; }}
.alarm {{ color: {ALARM_COLOUR}; font-weight: 700; }}
.empty {{ color: {MUTED_COLOUR}; font-style: italic; }}
table.rows {{ border-collapse: collapse; }}
table.rows th {{ color: {MUTED_COLOUR}; font-size: {SMALL_PT}pt; font-weight: 700;
      text-align: left; border-bottom-width: 1px; border-bottom-style: solid;
      border-bottom-color: {HEAD_RULE_COLOUR}; }}
table.rows td {{ border-bottom-width: 1px; border-bottom-style: solid;
      border-bottom-color: {RULE_COLOUR}; vertical-align: top; }}
"""
