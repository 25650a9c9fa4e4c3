"""The care team's numbers, typed once from the team's own sheet (used in setup and later)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLineEdit, QVBoxLayout, QWidget

from caretrack.domain.model import CareTeam
from caretrack.ui.widgets.common import field_block, label


class CareTeamForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(14)
        self.explanation = label(
            self.tr(
                "These numbers will be shown on every warning and always on the Today screen, "
                "so you never have to look for them at night. Copy them from the sheet your "
                "care team gave you."
            ),
            "muted",
        )
        box.addWidget(self.explanation)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        self.name_edit = self._edit(self.tr("Team or hospital"), self.tr("e.g. Riverside oncology"))
        self.phone_24h_edit = self._edit(self.tr("24-hour number"), self.tr("Day and night line"))
        self.phone_clinic_edit = self._edit(
            self.tr("Clinic number"), self.tr("Office hours (optional)")
        )
        self.phone_emergency_edit = self._edit(
            self.tr("Local emergency number"), self.tr("911 or 112")
        )
        grid.addLayout(field_block(self.tr("Team or hospital"), self.name_edit), 0, 0, 1, 2)
        grid.addLayout(field_block(self.tr("24-hour number"), self.phone_24h_edit), 1, 0)
        grid.addLayout(field_block(self.tr("Clinic number"), self.phone_clinic_edit), 1, 1)
        grid.addLayout(
            field_block(self.tr("Local emergency number"), self.phone_emergency_edit), 2, 0
        )
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        box.addLayout(grid)

    def _edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(60)
        edit.setMinimumWidth(200)
        return edit

    def team(self) -> CareTeam:
        return CareTeam(
            name=self.name_edit.text().strip(),
            phone_24h=self.phone_24h_edit.text().strip(),
            phone_clinic=self.phone_clinic_edit.text().strip(),
            phone_emergency=self.phone_emergency_edit.text().strip(),
        )

    def set_team(self, team: CareTeam) -> None:
        self.name_edit.setText(team.name)
        self.phone_24h_edit.setText(team.phone_24h)
        self.phone_clinic_edit.setText(team.phone_clinic)
        self.phone_emergency_edit.setText(team.phone_emergency)
