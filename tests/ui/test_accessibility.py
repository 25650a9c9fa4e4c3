"""Every control a person can reach on every screen has a name a screen reader can say."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from caretrack.domain.model import Child, EntryContent
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.services import Services
from caretrack.ui.load_failure_page import catalogue_failure_page, database_failure_page
from caretrack.ui.main_window import MainWindow
from tests.conftest import NOW
from tests.ui.conftest import Ui

LEFT = Qt.MouseButton.LeftButton
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
)
COMPOSITE = (QAbstractSpinBox, QComboBox, QAbstractItemView)


def unnamed_controls(root: QWidget) -> list[str]:
    """Visible, focusable controls without an accessible name (parts of composites skipped)."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        inner = False
        while parent is not None and parent is not root:
            if isinstance(parent, COMPOSITE):
                inner = True
                break
            parent = parent.parentWidget()
        if inner:
            continue
        if not widget.accessibleName().strip():
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} text={_text(widget)!r}"
            )
    return missing


def _text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return str(text()) if callable(text) else ""


def _count(root: QWidget) -> int:
    return sum(
        1 for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE) and w.isVisible()
    )


@pytest.fixture
def household(services: Services, child: Child) -> Services:
    services.household.add_child(
        "Leo", date(2014, 9, 14), Decimal(31), "tisagenlecleucel", date(2026, 10, 30)
    )
    services.entries.save_new(
        child.id,
        "a11y",
        EntryContent(
            observed_at=NOW - timedelta(hours=1),
            temperature=Temperature(378, Unit.C, Route.ORAL),
            note="fine",
        ),
    )
    return services


def test_setup_steps(qtbot: QtBot, ui: Ui) -> None:
    ui.controller.start()
    flow = ui.controller.setup_flow
    assert flow is not None
    qtbot.keyClicks(flow.name_edit, "Maya")
    flow._birth_touched = True
    for step in range(flow.step_count()):
        if step == 1:
            flow.set_therapy("blinatumomab")
        assert flow.current_step() == step
        assert _count(ui.window) > 2
        assert unnamed_controls(ui.window) == [], f"step {step + 1}"
        if step < flow.step_count() - 1:
            qtbot.mouseClick(flow.next_button, LEFT)


def test_today(ui: Ui, household: Services) -> None:
    ui.controller.start()
    assert ui.controller.today_view.child_switcher is not None
    assert unnamed_controls(ui.window) == []


def test_checkin_form_with_everything_open(qtbot: QtBot, ui: Ui, household: Services) -> None:
    ui.controller.start()
    qtbot.mouseClick(ui.controller.today_view.log_button, LEFT)
    form = ui.form()
    form.symptoms.show_more()
    for row in form.symptoms.rows.values():
        row.check.setChecked(True)  # shows every severity selector
    qtbot.mouseClick(form.medicines.add_button, LEFT)
    form.temperature.unit.button("F").click()
    qtbot.keyClicks(form.temperature.value_edit, "38.5")
    qtbot.mouseClick(form.save_button, LEFT)  # shows the "Switch to °C" button
    assert form.temperature_message.action_button.isVisible()
    assert unnamed_controls(ui.window) == []


def test_history_and_editor(qtbot: QtBot, ui: Ui, household: Services) -> None:
    ui.controller.start()
    qtbot.mouseClick(ui.window.history_button, LEFT)
    assert unnamed_controls(ui.window) == []
    ui.controller._on_entry_open_requested(household.entries.history()[0].id)
    assert unnamed_controls(ui.window) == []


def test_care_team_page(qtbot: QtBot, ui: Ui, household: Services) -> None:
    ui.controller.start()
    ui.choose_more(ui.window.care_team_action)
    assert unnamed_controls(ui.window) == []


def test_add_child_flow(qtbot: QtBot, ui: Ui, household: Services) -> None:
    ui.controller.start()
    ui.choose_more(ui.window.add_child_action)
    assert unnamed_controls(ui.window) == []


def test_clinic_visit_page(qtbot: QtBot, ui: Ui, household: Services, child: Child) -> None:
    household.visits.add_question(child.id, "Can she go swimming?")
    ui.controller.start()
    qtbot.mouseClick(ui.window.visit_button, LEFT)
    page = ui.controller.visit.page
    assert page.child_switcher is not None  # two children: the switcher is in the walk too
    page.period_message.show_text("From is after To")
    assert _count(ui.window) > 12
    assert unnamed_controls(ui.window) == []


@pytest.mark.parametrize("kind", ["catalogue", "newer", "damaged", "unwritable"])
def test_load_failure_pages(qtbot: QtBot, kind: str) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    page = (
        catalogue_failure_page("symptoms.toml, line 3: broken")
        if kind == "catalogue"
        else database_failure_page(kind, "detail", "/tmp/x")
    )
    window.set_page(page)
    window.show()
    assert unnamed_controls(window) == []


def test_the_walk_finds_an_unnamed_control(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QPushButton("Nameless"))
    root.show()
    assert unnamed_controls(root) == ["QPushButton '' text='Nameless'"]
