"""First run: the setup flow creates the child, the course and the care team, then shows Today."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from caretrack.services import Services
from caretrack.ui.setup_wizard import SetupFlow
from tests.ui.conftest import Ui


def _flow(ui: Ui) -> SetupFlow:
    assert ui.controller.setup_flow is not None
    return ui.controller.setup_flow


def _next(qtbot: QtBot, flow: SetupFlow) -> None:
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)


def _fill_child(qtbot: QtBot, flow: SetupFlow, name: str = "Maya") -> None:
    qtbot.keyClicks(flow.name_edit, name)
    flow.birth_edit.setDate(QDate(2018, 5, 1))
    qtbot.keyClicks(flow.weight_edit, "21.5")


def test_first_run_opens_setup_without_navigation(ui: Ui) -> None:
    ui.controller.start()
    flow = _flow(ui)
    assert ui.window.current_page() is flow
    assert flow.step_label.text() == "Step 1 of 4"
    assert not ui.window.history_button.isVisible()


def test_setup_creates_child_course_and_care_team_then_shows_today(
    qtbot: QtBot, ui: Ui, services: Services
) -> None:
    ui.controller.start()
    flow = _flow(ui)
    _fill_child(qtbot, flow)
    _next(qtbot, flow)
    assert flow.current_step() == 1
    qtbot.mouseClick(flow.therapy_choices["blinatumomab"].radio, Qt.MouseButton.LeftButton)
    _next(qtbot, flow)
    assert flow.current_step() == 2
    assert flow.start_caption.text() == "First day of this cycle"
    assert flow.cycle_spin.isVisible()
    flow.start_edit.setDate(QDate(2026, 11, 1))
    flow.cycle_spin.setValue(2)
    _next(qtbot, flow)
    assert flow.team_form is not None
    qtbot.keyClicks(flow.team_form.name_edit, "Riverside oncology")
    qtbot.keyClicks(flow.team_form.phone_24h_edit, "555-0100")
    qtbot.keyClicks(flow.team_form.phone_emergency_edit, "911")
    assert flow.next_button.text() == "Finish"
    _next(qtbot, flow)

    (child,) = services.household.children()
    assert (child.name, child.birth_date, child.weight_kg) == (
        "Maya",
        date(2018, 5, 1),
        Decimal("21.5"),
    )
    course = child.current_course
    assert course is not None
    assert (course.therapy_id, course.start_date, course.cycle) == (
        "blinatumomab",
        date(2026, 11, 1),
        2,
    )
    team = services.household.care_team()
    assert (team.name, team.phone_24h, team.phone_emergency) == (
        "Riverside oncology",
        "555-0100",
        "911",
    )

    today = ui.controller.today_view
    assert ui.window.current_page() is today
    assert today.day_label.text() == "Day 5 of 28, cycle 2"
    assert today.name_label.text() == "Maya"
    assert today.log_button.text() == "Log how Maya is doing"
    assert "555-0100" in today.care_panel.numbers_text()


@pytest.mark.parametrize(
    ("therapy", "caption", "cycle_shown"),
    [
        ("tisagenlecleucel", "Infusion day (Day 0)", False),
        ("blinatumomab", "First day of this cycle", True),
        ("inotuzumab_ozogamicin", "First dose", False),
        ("rituximab", "First dose", False),
        ("gemtuzumab_ozogamicin", "First dose", False),
    ],
)
def test_start_date_label_fits_the_therapy(
    qtbot: QtBot, ui: Ui, therapy: str, caption: str, cycle_shown: bool
) -> None:
    ui.controller.start()
    flow = _flow(ui)
    _fill_child(qtbot, flow)
    _next(qtbot, flow)
    flow.set_therapy(therapy)
    _next(qtbot, flow)
    assert flow.start_caption.text() == caption
    assert flow.cycle_spin.isVisible() is cycle_shown


def test_every_therapy_is_offered_with_a_plain_line(ui: Ui) -> None:
    ui.controller.start()
    flow = _flow(ui)
    assert set(flow.therapy_choices) == {
        "tisagenlecleucel",
        "blinatumomab",
        "inotuzumab_ozogamicin",
        "rituximab",
        "gemtuzumab_ozogamicin",
    }
    for choice in flow.therapy_choices.values():
        assert "(" in choice.radio.text()  # generic name and brand name
        assert choice.description.text()


def test_missing_name_and_untouched_birth_date_stop_the_first_step(qtbot: QtBot, ui: Ui) -> None:
    ui.controller.start()
    flow = _flow(ui)
    _next(qtbot, flow)
    assert flow.current_step() == 0
    assert flow.name_message.text() == "Type your child's name."
    assert flow.birth_message.text() == (
        "Set your child's birth date: the date shown is only an example."
    )
    qtbot.keyClicks(flow.name_edit, "M")  # typing clears the message about the empty name
    assert flow.name_message.text() == ""


def test_bad_weight_is_explained(qtbot: QtBot, ui: Ui) -> None:
    ui.controller.start()
    flow = _flow(ui)
    qtbot.keyClicks(flow.name_edit, "Maya")
    flow.birth_edit.setDate(QDate(2018, 5, 1))
    qtbot.keyClicks(flow.weight_edit, "heavy")
    _next(qtbot, flow)
    assert flow.current_step() == 0
    assert "like 21.5" in flow.weight_message.text()


def test_no_therapy_chosen_stays_on_the_step(qtbot: QtBot, ui: Ui) -> None:
    ui.controller.start()
    flow = _flow(ui)
    _fill_child(qtbot, flow)
    _next(qtbot, flow)
    _next(qtbot, flow)
    assert flow.current_step() == 1
    assert flow.therapy_message.text() == "Choose one treatment."


def test_adding_a_second_child_skips_the_care_team_and_can_be_cancelled(
    qtbot: QtBot, ui: Ui, services: Services, child: object
) -> None:
    ui.controller.start()
    ui.choose_more(ui.window.add_child_action)
    flow = _flow(ui)
    assert flow.step_count() == 3
    assert flow.cancel_button.isVisible()
    qtbot.mouseClick(flow.cancel_button, Qt.MouseButton.LeftButton)
    assert ui.window.current_page() is ui.controller.today_view

    ui.choose_more(ui.window.add_child_action)
    flow = _flow(ui)
    _fill_child(qtbot, flow, "Leo")
    _next(qtbot, flow)
    flow.set_therapy("tisagenlecleucel")
    _next(qtbot, flow)
    flow.start_edit.setDate(QDate(2026, 10, 30))
    _next(qtbot, flow)
    names = [c.name for c in services.household.children()]
    assert names == ["Maya", "Leo"]
    today = ui.controller.today_view
    assert today.name_label.text() == "Leo"
    assert today.day_label.text() == "Day +6"
    assert today.child_switcher is not None
    qtbot.mouseClick(
        today.child_switcher.button(str(services.household.children()[0].id)),
        Qt.MouseButton.LeftButton,
    )
    assert today.name_label.text() == "Maya"


def test_care_team_numbers_can_be_changed_later(
    qtbot: QtBot, ui: Ui, services: Services, child: object
) -> None:
    ui.controller.start()
    ui.choose_more(ui.window.care_team_action)
    page = ui.controller.care_team_page
    assert page is not None
    page.form.phone_24h_edit.clear()
    qtbot.keyClicks(page.form.phone_24h_edit, "555-0199")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert services.household.care_team().phone_24h == "555-0199"
    today = ui.controller.today_view
    assert ui.window.current_page() is today
    assert "555-0199" in today.care_panel.numbers_text()
    assert "saved" in today.banner.text()


def test_clicking_a_part_of_the_birth_date_and_typing_replaces_it(qtbot: QtBot, ui: Ui) -> None:
    """The new-parent trial typed a date and got another one: a clicked part is now replaced."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLineEdit

    ui.controller.start()
    flow = _flow(ui)
    edit = flow.birth_edit
    inner = edit.findChild(QLineEdit)  # where a real click lands
    assert inner is not None
    middle = inner.height() // 2
    # Just past the end of the text ("1 Jan 2020"): the cursor lands in the year.
    end = inner.fontMetrics().horizontalAdvance(edit.text()) + 20
    qtbot.mouseClick(inner, Qt.MouseButton.LeftButton, pos=QPoint(end, middle))
    qtbot.wait(20)
    qtbot.keyClicks(edit, "2018")
    assert edit.date().year() == 2018
    qtbot.mouseClick(inner, Qt.MouseButton.LeftButton, pos=QPoint(1, middle))  # the day
    qtbot.wait(20)
    qtbot.keyClicks(edit, "12")
    assert (edit.date().day(), edit.date().year()) == (12, 2018)
