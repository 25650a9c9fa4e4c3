"""Changing a saved entry (view): the same form, prefilled, with every earlier version beside it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QListView, QScrollArea, QVBoxLayout, QWidget

from caretrack.ui.checkin_form import CheckinForm
from caretrack.ui.versions_model import DETAIL_ROLE, VersionListModel
from caretrack.ui.widgets.common import label


class VersionsPanel(QFrame):
    """Read-only: what each save said, so nothing an edit replaced is ever out of reach."""

    def __init__(self, model: VersionListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setProperty("role", "side-panel")
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 20, 18, 18)
        box.setSpacing(10)
        box.addWidget(label(self.tr("Earlier versions"), "card-title"))
        box.addWidget(
            label(self.tr("Every save is kept. Select a version to read what it said."), "hint")
        )
        self.list = QListView()
        self.list.setModel(model)
        self.list.setAccessibleName(self.tr("Earlier versions"))
        self.list.setProperty("role", "version-list")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box.addWidget(self.list)
        self.detail = label("", "version-detail", selectable=True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setAccessibleName(self.tr("What this version said"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.detail)
        box.addWidget(scroll, 1)
        self.list.selectionModel().selectionChanged.connect(self._on_list_selection_changed)
        model.modelReset.connect(self._on_model_reset)
        self._on_model_reset()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row, 0))

    def _on_model_reset(self) -> None:
        """The list is as tall as its rows (up to four), the text below gets the rest."""
        rows = min(max(self.model.rowCount(), 1), 4)
        self.list.setFixedHeight(rows * 58 + 12)
        self.select_row(0)

    def _on_list_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        self.detail.setText(str(indexes[0].data(DETAIL_ROLE)) if indexes else "")


class EntryEditor(QWidget):
    def __init__(
        self, form: CheckinForm, versions: VersionListModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.form = form
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(form, 1)
        self.versions = VersionsPanel(versions)
        self.versions.setFixedWidth(320)
        row.addWidget(self.versions)
