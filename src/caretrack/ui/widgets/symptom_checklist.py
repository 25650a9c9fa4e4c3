"""The therapy's symptom checklist, grouped, with plain severity words where they apply.

The signs the therapy's sources list as warnings come first; every other symptom is one click
away under "More symptoms", so the list a tired parent scans at night stays short.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.catalogue import Symptom, SymptomGroup
from caretrack.domain.model import SymptomReport
from caretrack.ui.messages import SEVERITY_CHOICES, catalogue_text, severity_word
from caretrack.ui.widgets.chip_group import ChipGroup
from caretrack.ui.widgets.common import label


class ClickableLabel(QLabel):
    """A wrapping label that toggles its check box, so long symptom names never get cut."""

    def __init__(self, text: str, target: QCheckBox) -> None:
        super().__init__(text)
        self._target = target
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("role", "symptom-label")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._target.toggle()
            self._target.setFocus()
        super().mousePressEvent(event)


class SymptomRow(QWidget):
    """One symptom: a tick box, an optional hint, and for graded ones how bad it is."""

    changed = Signal()

    def __init__(self, symptom: Symptom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.symptom = symptom
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 3, 8, 5)
        box.setSpacing(4)
        name = catalogue_text(symptom.label)
        self.check = QCheckBox()
        self.check.setProperty("role", "symptom-check")
        self.check.setAccessibleName(name)
        if symptom.hint:
            self.check.setAccessibleDescription(catalogue_text(symptom.hint))
        self.check.toggled.connect(self._on_check_toggled)
        self.name_label = ClickableLabel(name, self.check)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.name_label, 1)
        box.addLayout(top)
        indent = self.check.sizeHint().width() + top.spacing()  # line up under the name
        if symptom.hint:
            hint = label(catalogue_text(symptom.hint), "hint")
            hint.setContentsMargins(indent, 0, 0, 0)
            box.addWidget(hint)
        self.severity: ChipGroup | None = None
        if symptom.graded:
            self.severity = ChipGroup(
                [(str(n), severity_word(n)) for n in SEVERITY_CHOICES],
                self.tr("How bad: {name}").format(name=name),
                role="chip-small",
            )
            self.severity.setContentsMargins(indent - 2, 2, 0, 2)
            self.severity.value_changed.connect(self._on_severity_value_changed)
            box.addWidget(self.severity)
        self._sync_severity()

    def report(self) -> SymptomReport | None:
        if not self.check.isChecked():
            return None
        value = self.severity.value() if self.severity is not None else None
        return SymptomReport(self.symptom.id, None if value is None else int(value))

    def set_report(self, report: SymptomReport | None) -> None:
        self.check.blockSignals(True)
        self.check.setChecked(report is not None)
        self.check.blockSignals(False)
        if self.severity is not None:
            sev = None if report is None or report.severity is None else str(report.severity)
            self.severity.set_value(sev)
        self._sync_severity()

    def _sync_severity(self) -> None:
        """How bad only shows once the symptom is ticked: a calmer list to scan at night."""
        if self.severity is not None:
            self.severity.setVisible(self.check.isChecked())

    def _on_check_toggled(self, checked: bool) -> None:
        if not checked and self.severity is not None:
            self.severity.set_value(None)
        self._sync_severity()
        self.changed.emit()

    def _on_severity_value_changed(self, _value: str) -> None:
        self.changed.emit()


class SymptomChecklist(QWidget):
    changed = Signal()

    def __init__(
        self,
        groups: Sequence[SymptomGroup],
        primary: Sequence[Symptom],
        more: Sequence[Symptom] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._groups = list(groups)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.rows: dict[str, SymptomRow] = {}
        self.primary_rows: list[SymptomRow] = []
        self.more_rows: list[SymptomRow] = []
        box.addWidget(self._section(primary, self.primary_rows))
        self.more_button: QPushButton | None = None
        self.more_section: QWidget | None = None
        if more:
            self.more_button = QPushButton()
            self.more_button.setCheckable(True)
            self.more_button.setProperty("role", "secondary")
            self.more_button.toggled.connect(self._on_more_button_toggled)
            box.addSpacing(10)
            box.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
            self.more_section = self._section(more, self.more_rows)
            box.addWidget(self.more_section)
            self._on_more_button_toggled(False)

    def _section(self, symptoms: Sequence[Symptom], rows: list[SymptomRow]) -> QWidget:
        """Group headings in the catalogue's order; two aligned columns of symptoms under each."""
        section = QWidget()
        grid = QGridLayout(section)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        known = {g.id for g in self._groups}
        groups = list(self._groups)
        if any(s.group not in known for s in symptoms):
            groups.append(SymptomGroup("", self.tr("Other")))
        line = 0
        for group in groups:
            members = [
                s
                for s in symptoms
                if s.group == group.id or (not group.id and s.group not in known)
            ]
            if not members:
                continue
            grid.addWidget(label(catalogue_text(group.label), "group-title"), line, 0, 1, 2)
            columns = (QVBoxLayout(), QVBoxLayout())
            half = (len(members) + 1) // 2
            for i, symptom in enumerate(members):
                row = SymptomRow(symptom)
                row.changed.connect(self.changed)
                self.rows[symptom.id] = row
                rows.append(row)
                # Down the first column, then the second: reading order matches tab order.
                columns[i // half].addWidget(row)
            for col, column in enumerate(columns):
                column.setSpacing(0)
                column.addStretch(1)
                grid.addLayout(column, line + 1, col)
            line += 2
        return section

    def reports(self) -> tuple[SymptomReport, ...]:
        found = (row.report() for row in self.rows.values())
        return tuple(r for r in found if r is not None)

    def set_reports(self, reports: Sequence[SymptomReport]) -> None:
        by_id = {r.symptom_id: r for r in reports}
        for symptom_id, row in self.rows.items():
            row.set_report(by_id.get(symptom_id))
        if self.more_button is not None and any(s.id in by_id for s in self._more()):
            self.more_button.setChecked(True)

    def _more(self) -> list[Symptom]:
        return [row.symptom for row in self.more_rows]

    def show_more(self, shown: bool = True) -> None:
        if self.more_button is not None:
            self.more_button.setChecked(shown)

    def _on_more_button_toggled(self, shown: bool) -> None:
        if self.more_button is None or self.more_section is None:
            return
        self.more_section.setVisible(shown)
        text = (
            self.tr("Hide the other symptoms")
            if shown
            else self.tr("Show {n} more symptoms").format(n=len(self.more_rows))
        )
        self.more_button.setText(text)
        self.more_button.setAccessibleName(text)
