"""The care team's own fever line and the trend warning, set on the "Care team numbers" page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import Tier
from caretrack.domain.model import CareTeam, Child, EntryContent
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.rules import CareSettings
from caretrack.services import Services, open_services
from caretrack.services.clock import FixedClock
from caretrack.ui.care_settings_form import fahrenheit_text, parse_line
from caretrack.ui.care_team_page import CareTeamPage
from caretrack.ui.controller import AppController
from caretrack.ui.main_window import MainWindow
from tests.conftest import NOW
from tests.ui.conftest import Ui
from tests.ui.test_accessibility import unnamed_controls

LEFT = Qt.MouseButton.LeftButton
TEAM = CareTeam("Riverside oncology", "555-0100", "555-0111", "911")


@pytest.fixture
def page(qtbot: QtBot, ui: Ui, services: Services, child: Child) -> CareTeamPage:
    services.household.set_care_team(TEAM)
    ui.controller.start()
    ui.choose_more(ui.window.care_team_action)
    page = ui.controller.care_team_page
    assert page is not None
    assert ui.window.current_page() is page
    return page


def _type_line(qtbot: QtBot, page: CareTeamPage, text: str) -> None:
    edit = page.settings_form.fever_edit
    edit.clear()
    qtbot.keyClicks(edit, text)


def _save(qtbot: QtBot, page: CareTeamPage) -> None:
    qtbot.mouseClick(page.save_button, LEFT)


def _reading(tenths: int, minutes_ago: int = 5) -> EntryContent:
    return EntryContent(
        observed_at=NOW - timedelta(minutes=minutes_ago),
        logged_by="Mum",
        temperature=Temperature(tenths, Unit.C, Route.ORAL),
    )


def test_the_page_shows_the_current_line_in_both_units(page: CareTeamPage) -> None:
    form = page.settings_form
    assert form.fever_edit.text() == "38.0"
    assert form.fahrenheit_label.text() == "= 100.4 °F"
    assert form.default_label.text() == "Usually 38.0 °C / 100.4 °F"
    assert "call at this temperature or higher" in form.fever_explanation.text()
    assert form.trend_check.isChecked()
    assert "no other warning" in form.trend_explanation.text()
    assert form.fever_edit.isEnabled() and form.trend_check.isEnabled()
    assert form.unavailable_banner.text() == ""


def test_the_fahrenheit_line_follows_what_is_typed(qtbot: QtBot, page: CareTeamPage) -> None:
    form = page.settings_form
    _type_line(qtbot, page, "37.5")
    assert form.fahrenheit_label.text() == "= 99.5 °F"
    _type_line(qtbot, page, "38.3")
    assert form.fahrenheit_label.text() == "= 100.9 °F"  # 100.94, one decimal
    assert "100.9 °F" in form.fever_edit.accessibleDescription()
    _type_line(qtbot, page, "abc")
    assert form.fahrenheit_label.text() == ""


def test_a_new_line_is_saved_and_used_for_the_next_reading(
    qtbot: QtBot, ui: Ui, page: CareTeamPage, services: Services, child: Child
) -> None:
    _type_line(qtbot, page, "38.3")
    page.form.phone_24h_edit.clear()
    qtbot.keyClicks(page.form.phone_24h_edit, "555-0199")
    _save(qtbot, page)

    assert services.flags.settings().fever_threshold_c_tenths == 383
    assert services.flags.settings().trend_enabled is True
    assert services.household.care_team().phone_24h == "555-0199"  # both saved in one go
    today = ui.controller.today_view
    assert ui.window.current_page() is today
    assert "saved" in today.banner.text()
    assert "38.3 °C (100.9 °F)" in today.banner.text()

    below = services.entries.save_new(child.id, "below", _reading(382, minutes_ago=10))
    assert below.evaluation.tier is Tier.NONE
    at = services.entries.save_new(child.id, "at", _reading(383))
    assert at.evaluation.tier is Tier.REPORT_NOW


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("36", "The fever line must be between 37.0 and 39.0 °C."),
        ("39.1", "between 37.0"),
        ("abc", "Type the fever line as a number in °C, like 38.0."),
        ("", "Type the fever line as a number"),
        ("38.25", "Use one number after the point, like 38.3."),
        ("100.4", "This box is in °C. 100.4 °F is about 38.0 °C."),
    ],
)
def test_a_wrong_line_is_explained_and_nothing_is_saved(
    qtbot: QtBot, ui: Ui, page: CareTeamPage, services: Services, typed: str, message: str
) -> None:
    before = services.flags.settings()
    _type_line(qtbot, page, typed)
    page.form.phone_24h_edit.clear()
    qtbot.keyClicks(page.form.phone_24h_edit, "555-0199")
    qtbot.mouseClick(page.settings_form.trend_check, LEFT)
    _save(qtbot, page)

    form = page.settings_form
    shown = form.fever_message.text()
    assert message in shown.replace("\u00a0", " "), shown  # units are kept with their number
    assert form.fever_message.isVisible()
    assert ui.window.current_page() is page  # the page stays, with what was typed
    assert form.fever_edit.text() == typed
    assert page.form.phone_24h_edit.text() == "555-0199"
    assert not form.trend_check.isChecked()
    assert services.flags.settings() == before  # nothing half-saved
    assert services.household.care_team() == TEAM


def test_a_corrected_line_saves_after_a_wrong_one(
    qtbot: QtBot, page: CareTeamPage, services: Services
) -> None:
    _type_line(qtbot, page, "36")
    _save(qtbot, page)
    assert page.settings_form.fever_message.text()
    _type_line(qtbot, page, "37.5")
    _save(qtbot, page)
    assert services.flags.settings().fever_threshold_c_tenths == 375


def test_the_trend_warning_can_be_switched_off_and_on(
    qtbot: QtBot, ui: Ui, page: CareTeamPage, services: Services
) -> None:
    qtbot.mouseClick(page.settings_form.trend_check, LEFT)
    assert not page.settings_form.trend_check.isChecked()
    _save(qtbot, page)
    settings = services.flags.settings()
    assert settings.trend_enabled is False
    assert settings.fever_threshold_c_tenths == 380  # untouched
    assert "much worse are off" in ui.controller.today_view.banner.text()

    ui.choose_more(ui.window.care_team_action)
    again = ui.controller.care_team_page
    assert again is not None
    assert not again.settings_form.trend_check.isChecked()
    qtbot.mouseClick(again.settings_form.trend_check, LEFT)
    _save(qtbot, again)
    assert services.flags.settings().trend_enabled is True


def test_a_saved_line_is_shown_next_time(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    services.flags.set_fever_threshold(375)
    ui.controller.start()
    ui.choose_more(ui.window.care_team_action)
    page = ui.controller.care_team_page
    assert page is not None
    assert page.settings_form.fever_edit.text() == "37.5"
    assert page.settings_form.fahrenheit_label.text() == "= 99.5 °F"


def test_every_control_has_an_accessible_name(page: CareTeamPage, ui: Ui) -> None:
    assert unnamed_controls(ui.window) == []
    form = page.settings_form
    assert form.fever_edit.accessibleName() == "Fever line in °C"
    assert form.trend_check.accessibleName() == "Tell me when a symptom gets much worse"
    assert "no other warning" in form.trend_check.accessibleDescription()
    assert page.save_button.accessibleName() == "Save numbers and settings"


@pytest.fixture
def no_rules(
    qtbot: QtBot, data_dir: Path, catalogue: Catalogue, clock: FixedClock
) -> Iterator[tuple[AppController, Services]]:
    services = open_services(data_dir, catalogue, clock, rules=None)
    window = MainWindow()
    qtbot.addWidget(window)
    controller = AppController(window, services)
    window.show()
    yield controller, services
    window.close_guard = None
    services.close()


def test_without_rules_the_settings_are_shown_but_cannot_change(
    qtbot: QtBot, no_rules: tuple[AppController, Services]
) -> None:
    controller, services = no_rules
    controller._on_window_care_team_requested()
    page = controller.care_team_page
    assert page is not None
    form = page.settings_form
    assert form.unavailable_banner.text() == (
        "Warning checks are not working: call your care team about any concern."
    )
    assert not form.fever_edit.isEnabled()
    assert not form.trend_check.isEnabled()
    assert form.fever_edit.text() == "38.0"
    assert unnamed_controls(controller.window) == []
    # The numbers still save; the settings are left exactly as they were.
    qtbot.keyClicks(page.form.phone_24h_edit, "555-0100")
    qtbot.mouseClick(page.save_button, LEFT)
    assert services.household.care_team().phone_24h == "555-0100"
    assert services.flags.settings() == CareSettings()


@pytest.mark.parametrize(
    ("text", "tenths"),
    [("38", 380), ("38.0", 380), (" 37,5 ", 375), ("38.", 380), ("38.30", 383)],
)
def test_plain_numbers_are_read_exactly(text: str, tenths: int) -> None:
    assert parse_line(text) == (tenths, "")


@pytest.mark.parametrize("text", ["", "abc", "nan", "inf", "38.25", "3e1x"])
def test_anything_else_is_refused(text: str) -> None:
    assert parse_line(text)[0] is None


@pytest.mark.parametrize(
    ("tenths", "text"),
    [(370, "98.6"), (375, "99.5"), (380, "100.4"), (383, "100.9"), (390, "102.2")],
)
def test_fahrenheit_is_exact_then_rounded_once(tenths: int, text: str) -> None:
    assert fahrenheit_text(tenths) == text
