"""Earlier days' writing side by side, newest first, all drawn at one scale.

A change in handwriting is one of the first signs of a nervous-system side effect; it is far
easier to see when the same sentence from several days sits together at the same size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from caretrack.ui.widgets.common import clear_layout, label

TILE_MAX_HEIGHT = 110  # the tallest sample is shown at most this tall; the rest to match
TWO_COLUMNS_FROM = 560  # strip width from which two samples sit side by side
GAP = 10
TILE_PADDING = 10


@dataclass(frozen=True)
class StripSample:
    caption: str  # "Today · Day +6", "Tue 3 Nov · Day +4"
    png: bytes


def common_scale(images: Sequence[QImage], max_width: float, max_height: float) -> float:
    """One factor for all, so letters that grew or shrank from one day to the next show it."""
    shown = [i for i in images if not i.isNull()]
    if not shown:
        return 1.0
    widest = max(i.width() for i in shown)
    tallest = max(i.height() for i in shown)
    return max(0.05, min(1.0, max_width / widest, max_height / tallest))


class SampleTile(QFrame):
    """One day's writing with its date and therapy day under it."""

    def __init__(self, sample: StripSample, image: QImage) -> None:
        super().__init__()
        self.setProperty("role", "card-tight")
        self.caption = sample.caption
        self.image = image
        box = QVBoxLayout(self)
        box.setContentsMargins(TILE_PADDING, TILE_PADDING, TILE_PADDING, 8)
        box.setSpacing(6)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # The strip decides the size; the picture never pushes the page wider.
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        if image.isNull():
            self.picture.setText(self.tr("This writing could not be shown."))
            self.picture.setProperty("role", "hint")
            self.picture.setWordWrap(True)
        self.picture.setAccessibleName(self.tr("Writing from {day}").format(day=sample.caption))
        box.addWidget(self.picture)
        self.caption_label = label(sample.caption, "hint", wrap=False)
        box.addWidget(self.caption_label)

    def show_at(self, scale: float, height: int) -> None:
        """Every tile gets the same scale and the same picture height, so rows line up."""
        self.picture.setFixedHeight(height)
        if self.image.isNull():
            return
        size = self.image.size() * scale
        self.picture.setPixmap(
            QPixmap.fromImage(self.image).scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )


class HandwritingStrip(QWidget):
    """Two samples to a row when there is room, one otherwise; newest first, in reading order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        self.empty_label = label(
            self.tr("No earlier writing yet. Today's writing will be the first to compare with."),
            "hint",
        )
        outer.addWidget(self.empty_label)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(GAP)
        outer.addLayout(self.grid)
        self.tiles: list[SampleTile] = []
        self._laid_out_for: tuple[int, int] = (0, 0)
        self.set_samples([])

    def set_samples(self, samples: Sequence[StripSample]) -> None:
        """Newest first: the first tile sits right under today's writing."""
        clear_layout(self.grid)
        self.tiles = [SampleTile(s, QImage.fromData(s.png)) for s in samples]
        self.empty_label.setVisible(not self.tiles)
        self._laid_out_for = (0, 0)
        self._arrange()

    def captions(self) -> list[str]:
        return [t.caption for t in self.tiles]

    def columns(self) -> int:
        return 2 if self.width() >= TWO_COLUMNS_FROM and len(self.tiles) > 1 else 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        columns = self.columns()
        width = max(self.width(), 200)
        if (columns, width) == self._laid_out_for or not self.tiles:
            return
        self._laid_out_for = (columns, width)
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        inner = (width - GAP * (columns - 1)) / columns - 2 * TILE_PADDING - 2
        scale = common_scale([t.image for t in self.tiles], inner, TILE_MAX_HEIGHT)
        shown = [t.image.height() * scale for t in self.tiles if not t.image.isNull()]
        height = max(40, round(max(shown, default=40)))
        for tile in self.tiles:
            tile.show_at(scale, height)
