"""The care team's numbers, always in view: the one thing a parent must never hunt for."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from caretrack.domain.model import CareTeam
from caretrack.ui.resources import icon
from caretrack.ui.widgets.common import label


class CareTeamPanel(QFrame):
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "care-panel")
        grid = QGridLayout(self)
        grid.setContentsMargins(20, 18, 20, 18)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)

        head = QHBoxLayout()
        head.setSpacing(10)
        phone = QLabel()
        phone.setPixmap(icon("phone").pixmap(QSize(22, 22)))
        head.addWidget(phone, 0, Qt.AlignmentFlag.AlignTop)
        self.title = label(self.tr("Your care team, day or night"), "care-title")
        head.addWidget(self.title, 1)
        grid.addLayout(head, 0, 0, 1, 2)

        self.team_name = label("", "care-team-name")
        grid.addWidget(self.team_name, 1, 0, 1, 2)

        self._numbers: dict[str, tuple[QLabel, QLabel]] = {}
        rows = (
            ("phone_24h", self.tr("24-hour line")),
            ("phone_clinic", self.tr("Clinic")),
            ("phone_emergency", self.tr("Emergency")),
        )
        for i, (key, caption) in enumerate(rows, start=2):
            caption_label = label(caption, "care-caption", wrap=False)
            number = label(
                "",
                "care-number-big" if key == "phone_24h" else "care-number",
                wrap=False,
                selectable=True,
            )
            grid.addWidget(caption_label, i, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(number, i, 1, Qt.AlignmentFlag.AlignVCenter)
            self._numbers[key] = (caption_label, number)

        self.missing = label(
            self.tr("Add your care team's numbers so they are here when you need them."),
            "care-missing",
        )
        grid.addWidget(self.missing, 5, 0, 1, 2)

        self.doubt = label(self.tr("When in doubt, call your care team."), "care-doubt")
        grid.setRowMinimumHeight(6, 8)
        grid.addWidget(self.doubt, 7, 0, 1, 2)

        self.edit_button = QPushButton(self.tr("Change numbers"))
        self.edit_button.setProperty("role", "link")
        self.edit_button.setAccessibleName(self.tr("Change care team numbers"))
        self.edit_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.edit_button.clicked.connect(self.edit_requested)
        grid.addWidget(self.edit_button, 8, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)

        # Quiet reassurance that the log is safe; hidden until the caller knows the time.
        self.last_backup = label("", "care-caption")
        grid.addWidget(self.last_backup, 9, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.set_team(CareTeam())
        self.set_last_backup("")

    def set_team(self, team: CareTeam) -> None:
        self.team_name.setText(team.name)
        self.team_name.setVisible(bool(team.name))
        values = {
            "phone_24h": team.phone_24h,
            "phone_clinic": team.phone_clinic,
            "phone_emergency": team.phone_emergency,
        }
        for key, value in values.items():
            caption, number = self._numbers[key]
            number.setText(value)
            number.setAccessibleName(f"{caption.text()}: {value}")
            caption.setVisible(bool(value))
            number.setVisible(bool(value))
        self.missing.setVisible(not (team.phone_24h or team.phone_clinic))
        self.edit_button.setText(
            self.tr("Change numbers") if any(values.values()) else self.tr("Add numbers")
        )

    def set_last_backup(self, when: str) -> None:
        """`when` is already worded ("Today, 08:12"); empty hides the line."""
        self.last_backup.setText(self.tr("Last backup: {when}").format(when=when) if when else "")
        self.last_backup.setVisible(bool(when))

    def numbers_text(self) -> str:
        return " ".join(number.text() for _, number in self._numbers.values())
