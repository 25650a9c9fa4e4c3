"""Paper sizes and margins: A4 for most of the world, US Letter where the locale's country
uses it."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QLocale, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


# CLDR's "US-Letter" territories (supplemental measurementData, paperSize).
LETTER_TERRITORIES: frozenset[QLocale.Country] = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.Belize,
        QLocale.Country.CostaRica,
        QLocale.Country.ElSalvador,
        QLocale.Country.Guatemala,
        QLocale.Country.Nicaragua,
        QLocale.Country.Panama,
        QLocale.Country.PuertoRico,
    }
)

# Left, top, right, bottom in millimetres; the footer is drawn inside the bottom of the body.
MARGINS_MM = QMarginsF(15, 14, 15, 12)


def paper_for_territory(territory: QLocale.Country) -> Paper:
    """Split out of default_paper so every territory can be tested without changing the locale."""
    return Paper.LETTER if territory in LETTER_TERRITORIES else Paper.A4


def default_paper() -> Paper:
    """US Letter where the locale's country uses it (US, Canada, Mexico...), else A4."""
    return paper_for_territory(QLocale().territory())


def page_size(paper: Paper) -> QPageSize:
    return QPageSize(
        QPageSize.PageSizeId.Letter if paper is Paper.LETTER else QPageSize.PageSizeId.A4
    )


def page_layout(paper: Paper) -> QPageLayout:
    """Portrait with calm ~15 mm margins, the same for the PDF, the printer and the preview."""
    return QPageLayout(
        page_size(paper), QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
    )
