"""The two warning settings a care team may change: its own fever line and the trend warning."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from caretrack.domain.temperature import Unit, looks_like_other_unit
from caretrack.rules import CareSettings, RuleSet
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import label
from caretrack.ui.widgets.field_message import FieldMessage


def celsius_text(c_tenths: int) -> str:
    """380 -> '38.0'."""
    return f"{Decimal(c_tenths) / 10:.1f}"


def fahrenheit_text(c_tenths: int) -> str:
    """Exact F = C * 9/5 + 32, shown with one decimal (half up): 380 -> '100.4', 383 -> '100.9'."""
    f = Decimal(c_tenths) / 10 * 9 / 5 + 32
    return str(f.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _celsius_from_fahrenheit_text(f_tenths: int) -> str:
    c = (Decimal(f_tenths) / 10 - 32) * 5 / 9
    return str(c.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def parse_line(text: str) -> tuple[int | None, str]:
    """'38.3' -> (383, ''); otherwise (None, why): 'number' or 'decimals'. Never rounds."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, "number"
    if not cleaned or not value.is_finite():
        return None, "number"
    tenths = value * 10
    if tenths != tenths.to_integral_value():
        return None, "decimals"
    return int(tenths), ""


class CareSettingsForm(QWidget):
    """Prefilled from the stored settings; disabled, with a warning, when the rules did not load."""

    def __init__(
        self, settings: CareSettings, rules: RuleSet | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.initial = settings
        self._available = rules is not None
        default = (rules.defaults if rules is not None else CareSettings()).fever_threshold_c_tenths

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(14)

        self.unavailable_banner = Banner()
        box.addWidget(self.unavailable_banner)

        # ---- fever line --------------------------------------------------------------------
        self.fever_edit = QLineEdit(celsius_text(settings.fever_threshold_c_tenths))
        self.fever_edit.setAccessibleName(self.tr("Fever line in °C"))
        self.fever_edit.setMaxLength(6)
        self.fever_edit.setFixedWidth(110)
        self.fever_edit.setPlaceholderText(celsius_text(default))
        unit_label = label("°C", "symptom-label", wrap=False)
        self.fahrenheit_label = label("", "muted", wrap=False)
        self.fahrenheit_label.setMinimumWidth(120)
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.fever_edit)
        row.addWidget(unit_label)
        row.addSpacing(6)
        row.addWidget(self.fahrenheit_label)
        row.addStretch(1)
        self.fever_message = FieldMessage()
        fever_block = QVBoxLayout()
        fever_block.setSpacing(5)
        caption = label(self.tr("Fever line"), "field-label", wrap=False)
        caption.setBuddy(self.fever_edit)
        fever_block.addWidget(caption)
        fever_block.addWidget(row_widget)
        fever_block.addWidget(self.fever_message)
        box.addLayout(fever_block)
        fever_text = QVBoxLayout()
        fever_text.setSpacing(4)
        self.fever_explanation = label(
            self.tr(
                "CareTrack asks you to call at this temperature or higher. Only change it if "
                "your care team gave you a different number."
            ),
            "muted",
        )
        fever_text.addWidget(self.fever_explanation)
        self.default_label = label(
            self.tr("Usually {c} °C / {f} °F").format(
                c=celsius_text(default), f=fahrenheit_text(default)
            ),
            "hint",
        )
        fever_text.addWidget(self.default_label)
        box.addLayout(fever_text)

        # ---- trend warning -----------------------------------------------------------------
        trend_block = QVBoxLayout()
        trend_block.setSpacing(4)
        self.trend_check = QCheckBox(self.tr("Tell me when a symptom gets much worse"))
        self.trend_check.setAccessibleName(self.tr("Tell me when a symptom gets much worse"))
        self.trend_check.setChecked(settings.trend_enabled)
        trend_block.addWidget(self.trend_check)
        self.trend_explanation = label(
            self.tr(
                "A warning when a symptom is severe or much worse than last time. "
                "Turning this off changes no other warning, such as fever."
            ),
            "muted",
        )
        self.trend_check.setAccessibleDescription(self.trend_explanation.text())
        indent = QHBoxLayout()  # under the check box's text, not under the box itself
        indent.setContentsMargins(32, 0, 0, 0)
        indent.addWidget(self.trend_explanation)
        trend_block.addLayout(indent)
        box.addLayout(trend_block)

        self.fever_edit.textChanged.connect(self._on_fever_text_changed)
        self._on_fever_text_changed(self.fever_edit.text())
        if not self._available:
            self.unavailable_banner.show_message(
                self.tr("Warning checks are not working: call your care team about any concern."),
                "error",
            )
            for widget in (self.fever_edit, self.trend_check):
                widget.setEnabled(False)
            # style.qss has no disabled look for fields or check boxes; without one, both look
            # as if they could still be changed.
            self.setStyleSheet(
                "QLineEdit:disabled { color: #8a989e; background: #f5f7f8; border-color: #e0e6e8; }"
                "QCheckBox:disabled { color: #8a989e; }"
                "QCheckBox::indicator:disabled { border-color: #c9d3d6; background: #f5f7f8; }"
                "QCheckBox::indicator:checked:disabled {"
                " background: #9fbfc2; border-color: #9fbfc2; }"
            )

    def available(self) -> bool:
        """False when the warning rules did not load: nothing here can be changed then."""
        return self._available

    def _on_fever_text_changed(self, text: str) -> None:
        tenths, _why = parse_line(text)
        if tenths is None:
            self.fahrenheit_label.setText("")
            self.fever_edit.setAccessibleDescription("")
            return
        f = fahrenheit_text(tenths)
        self.fahrenheit_label.setText(self.tr("= {f} °F").format(f=f))
        self.fever_edit.setAccessibleDescription(self.tr("That is {f} °F").format(f=f))

    def checked_fever_tenths(self) -> int | None:
        """The typed line in tenths of °C, or None with the reason shown under the field.

        Only the form of the number is checked here; the allowed range is the service's to say.
        """
        self.fever_message.clear()
        tenths, why = parse_line(self.fever_edit.text())
        if tenths is None:
            if why == "decimals":
                text = self.tr("Use one number after the point, like 38.3.")
            else:
                text = self.tr("Type the fever line as a number in °C, like 38.0.")
            self.show_fever_problem(text)
            return None
        if looks_like_other_unit(tenths, Unit.C):
            self.show_fever_problem(
                self.tr("This box is in °C. {f} °F is about {c} °C.").format(
                    f=celsius_text(tenths), c=_celsius_from_fahrenheit_text(tenths)
                )
            )
            return None
        return tenths

    def show_fever_problem(self, text: str) -> None:
        # A number and its unit never part at the end of a line: "39.0 °C", not "39.0 / °C".
        self.fever_message.show_text(text.replace(" °", "\u00a0°"), "error")
        self.fever_edit.setFocus()

    def trend_enabled(self) -> bool:
        return self.trend_check.isChecked()
