"""How each tier looks and reads, in one place: colour, icon shape and plain words.

The tier must be clear without colour, so every tier has its own icon shape (an octagon for
an emergency, a triangle for "report now", a calendar for "next visit") and its own words.
The icons are small SVGs kept here, so resources/ needs no new files. The widgets that show
flags add `TIER_QSS` to their own style sheet; the app's resources/style.qss stays untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout

from caretrack.domain.flags import Flag, Tier
from caretrack.domain.i18n import QT_TRANSLATE_NOOP

_CTX = "flags"


@dataclass(frozen=True)
class TierStyle:
    key: str  # used in style-sheet roles: "tier-head-<key>", "tier-card-<key>"
    strong: str  # icon fill and accents
    background: str  # soft tint behind the header
    border: str
    text: str  # dark text on the tint
    words: str  # short name of the tier, e.g. "Report now" (untranslated)
    action: str  # the header sentence, e.g. "Report to your care team now" (untranslated)
    icon_svg: str


_EMERGENCY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
    '<polygon points="8.1,1.8 15.9,1.8 22.2,8.1 22.2,15.9 15.9,22.2 8.1,22.2 1.8,15.9 1.8,8.1" '
    'fill="{c}"/>'
    '<path d="M12 6.6v7.2" stroke="#ffffff" stroke-width="2.6" stroke-linecap="round"/>'
    '<circle cx="12" cy="17.4" r="1.55" fill="#ffffff"/></svg>'
)
_REPORT_NOW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
    '<path d="M12 2.6 L22.4 20.9 H1.6 Z" fill="{c}" stroke="{c}" stroke-width="1.6" '
    'stroke-linejoin="round"/>'
    '<path d="M12 8.8v5.9" stroke="#ffffff" stroke-width="2.5" stroke-linecap="round"/>'
    '<circle cx="12" cy="17.9" r="1.45" fill="#ffffff"/></svg>'
)
_NOTE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="{c}" '
    'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
    '<rect x="3.2" y="4.8" width="17.6" height="16" rx="2.6"/>'
    '<path d="M3.2 10h17.6M8 2.8v4M16 2.8v4"/>'
    '<path d="M7.6 14.4h3.2M7.6 17.4h6.4"/></svg>'
)
_NONE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="{c}" '
    'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
    '<circle cx="12" cy="12" r="9.2"/><path d="M7.8 12.3l2.9 2.9 5.6-5.8"/></svg>'
)
_PHONE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="{c}" '
    'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
    '<path d="M6.6 3.5h2.6l1.6 4.3-2 1.4a11 11 0 0 0 6 6l1.4-2 4.3 1.6v2.6a2 2 0 0 1-2.2 2'
    'A16.5 16.5 0 0 1 4.6 5.7a2 2 0 0 1 2-2.2z"/></svg>'
)

STYLES: dict[Tier, TierStyle] = {
    Tier.EMERGENCY: TierStyle(
        "emergency",
        "#b3261e",
        "#fdecea",
        "#efb1ab",
        "#6e1611",
        QT_TRANSLATE_NOOP("flags", "Emergency"),
        QT_TRANSLATE_NOOP("flags", "Call emergency services now"),
        _EMERGENCY_SVG,
    ),
    Tier.REPORT_NOW: TierStyle(
        "report-now",
        "#c25e00",
        "#fff3e2",
        "#f1c688",
        "#5f3300",
        QT_TRANSLATE_NOOP("flags", "Report now"),
        QT_TRANSLATE_NOOP("flags", "Report to your care team now"),
        _REPORT_NOW_SVG,
    ),
    Tier.NOTE_FOR_VISIT: TierStyle(
        "note",
        "#2f5f9e",
        "#eaf1fb",
        "#c2d4ee",
        "#1d3d66",
        QT_TRANSLATE_NOOP("flags", "For the next visit"),
        QT_TRANSLATE_NOOP("flags", "Bring this up at the next visit"),
        _NOTE_SVG,
    ),
    Tier.NONE: TierStyle(
        "none",
        "#2e7d4f",
        "#e7f4ec",
        "#bfe0cb",
        "#1f5e39",
        QT_TRANSLATE_NOOP("flags", "No warning sign"),
        QT_TRANSLATE_NOOP("flags", "No warning signs in this check-in"),
        _NONE_SVG,
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def tier_style(tier: Tier) -> TierStyle:
    return STYLES[tier]


def tier_words(tier: Tier) -> str:
    """'Emergency', 'Report now', 'For the next visit': short, for tables and cards."""
    return _tr(STYLES[tier].words)


def tier_action(tier: Tier) -> str:
    """The header sentence: what to do, first."""
    return _tr(STYLES[tier].action)


def rules_text(text: str) -> str:
    """Titles, messages and advice from data/rules.toml: translatable once a .qm has them."""
    return QCoreApplication.translate("rules", text) if text else text


def highest(flags: tuple[Flag, ...] | list[Flag]) -> Tier:
    return Tier.highest([f.tier for f in flags])


def by_urgency(flags: list[Flag]) -> list[Flag]:
    """Most urgent first; the order the rules gave is kept within a tier."""
    return sorted(flags, key=lambda f: -f.tier.rank)


def _render(svg: str, colour: str, size: int) -> QPixmap:
    scale = 2  # drawn at twice the size, so it stays sharp on high-density screens
    renderer = QSvgRenderer(QByteArray(svg.replace("{c}", colour).encode("utf-8")))
    pixmap = QPixmap(QSize(size * scale, size * scale))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size * scale, size * scale))
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def tier_pixmap(tier: Tier, size: int = 24) -> QPixmap:
    style = STYLES[tier]
    return _render(style.icon_svg, style.strong, size)


def tier_icon(tier: Tier) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32):
        icon.addPixmap(tier_pixmap(tier, size))
    return icon


def phone_pixmap(colour: str, size: int = 20) -> QPixmap:
    return _render(_PHONE_SVG, colour, size)


def _tier_rules(style: TierStyle) -> str:
    k = style.key
    return f"""
QFrame[role="tier-head-{k}"] {{
    background: {style.background}; border: 1px solid {style.border}; border-radius: 14px;
}}
QFrame[role="tier-head-{k}"] QLabel {{ background: transparent; color: {style.text}; }}
QFrame[role="tier-card-{k}"] {{
    background: #ffffff; border: 1px solid {style.border}; border-radius: 12px;
}}
QLabel[role="tier-words-{k}"] {{
    color: {style.strong}; font-size: 14px; font-weight: 700; background: transparent;
}}
QLabel[role="tier-pill-{k}"] {{
    color: {style.text}; background: {style.background}; border: 1px solid {style.border};
    border-radius: 11px; padding: 2px 10px; font-size: 13px; font-weight: 700;
}}
QFrame[role="tier-strip-{k}"] {{ background: {style.strong}; border: none; border-radius: 3px; }}
"""


TIER_QSS = (
    "".join(_tier_rules(s) for s in STYLES.values())
    + """
QLabel[role="tier-action"] { font-size: 24px; font-weight: 700; }
QLabel[role="tier-sub"] { font-size: 16px; }
QLabel[role="tier-number-caption"] { font-size: 14px; font-weight: 600; }
QLabel[role="tier-number"] { font-size: 34px; font-weight: 800; }
QLabel[role="tier-number-missing"] { font-size: 16px; font-weight: 700; }
QLabel[role="flag-title"] { font-size: 17px; font-weight: 700; color: #16252c; }
QLabel[role="flag-heading"] { font-size: 13px; font-weight: 700; color: #44545c; }
QLabel[role="flag-text"] { font-size: 15px; color: #2d3c43; }
QLabel[role="flag-evidence"] {
    font-size: 15px; color: #1e2a30; background: #f5f7f8; border-radius: 8px; padding: 6px 10px;
}
QLabel[role="note-pill"] {
    color: #14555c; background: #e3f0f0; border-radius: 11px; padding: 2px 10px;
    font-size: 13px; font-weight: 700;
}
QLabel[role="script"] {
    font-size: 15px; color: #1e2a30; background: #f6f8f9; border: 1px solid #e1e7e9;
    border-radius: 10px; padding: 12px 14px;
}
QLabel[role="source-line"] { font-size: 13px; color: #44545c; }
QLabel[role="stays-note"] { font-size: 13px; color: #44545c; }
QLabel[role="unavailable-title"] { font-size: 20px; font-weight: 700; color: #6e1611; }
QFrame[role="unavailable"] {
    background: #fdecea; border: 2px solid #b3261e; border-radius: 12px;
}
QFrame[role="unavailable"] QLabel { background: transparent; color: #6e1611; }
"""
)


def tier_card_body(card: QFrame, tier: Tier, right_margin: int, spacing: int) -> QVBoxLayout:
    """Give a flag card its tier colour and strip; returns the column to fill with content."""
    style = tier_style(tier)
    card.setProperty("role", f"tier-card-{style.key}")
    card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    outer = QHBoxLayout(card)
    outer.setContentsMargins(0, 0, right_margin, 0)
    outer.setSpacing(16)
    strip = QFrame()
    strip.setProperty("role", f"tier-strip-{style.key}")
    strip.setFixedWidth(6)
    outer.addWidget(strip)
    body = QVBoxLayout()
    body.setContentsMargins(0, 14, 0, 16)
    body.setSpacing(spacing)
    outer.addLayout(body, 1)
    return body
