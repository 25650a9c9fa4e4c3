"""The temperature as shown on the thermometer, its unit and where it was taken."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from caretrack.domain.temperature import Route, Unit
from caretrack.ui.messages import route_text
from caretrack.ui.widgets.chip_group import ChipGroup
from caretrack.ui.widgets.common import label


class TemperatureInput(QWidget):
    """Typed as text so nothing is silently rounded or converted; parsing is the form's job."""

    unit_changed = Signal(str)
    route_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)

        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName(self.tr("Temperature"))
        self.value_edit.setAccessibleDescription(
            self.tr("The number shown on the thermometer. Leave empty if you did not take it.")
        )
        self.value_edit.setProperty("role", "big-input")
        self.value_edit.setMaxLength(8)
        self.value_edit.setFixedWidth(170)
        value_caption = label(self.tr("Reading"), "field-label", wrap=False)
        value_caption.setBuddy(self.value_edit)
        grid.addWidget(value_caption, 0, 0)
        grid.addWidget(self.value_edit, 1, 0)

        self.unit = ChipGroup(
            [(Unit.C.value, Unit.C.symbol), (Unit.F.value, Unit.F.symbol)],
            self.tr("Unit"),
            role="chip",
        )
        self.unit.set_value(Unit.C.value)
        self.unit.value_changed.connect(self.unit_changed)
        grid.addWidget(label(self.tr("Unit"), "field-label", wrap=False), 0, 1)
        grid.addWidget(self.unit, 1, 1)

        self.route = ChipGroup(
            [(r.value, route_text(r)) for r in Route], self.tr("Where taken"), role="chip"
        )
        self.route.set_value(Route.ORAL.value)
        self.route.value_changed.connect(self.route_changed)
        grid.addWidget(label(self.tr("Where you took it"), "field-label", wrap=False), 2, 0, 1, 3)
        grid.addWidget(self.route, 3, 0, 1, 3)

        self.caution = label(
            self.tr("Do not take temperatures in the bottom: it can cause bleeding or infection."),
            "hint",
        )
        grid.addWidget(self.caution, 4, 0, 1, 3)
        grid.setColumnStretch(2, 1)

    def text(self) -> str:
        return self.value_edit.text()

    def set_text(self, text: str) -> None:
        self.value_edit.setText(text)

    def unit_value(self) -> Unit:
        return Unit(self.unit.value() or Unit.C.value)

    def set_unit(self, unit: Unit) -> None:
        self.unit.set_value(unit.value)

    def route_value(self) -> Route:
        return Route(self.route.value() or Route.ORAL.value)

    def set_route(self, route: Route) -> None:
        self.route.set_value(route.value)
