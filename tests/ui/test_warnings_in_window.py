"""Issue 3 in the window: a save that raises a flag shows the alert at once, the flag stays on
Today until the call is recorded, and it is still there after a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import CareTeam, Child
from caretrack.domain.temperature import Unit
from caretrack.services import Services, open_services
from caretrack.services.clock import FixedClock
from caretrack.ui.controller import AppController
from caretrack.ui.main_window import MainWindow
from tests.ui.conftest import Ui

LEFT = Qt.MouseButton.LeftButton


def shown_text(widget: QWidget) -> str:
    return "\n".join(lbl.text() for lbl in widget.findChildren(QLabel) if lbl.isVisibleTo(widget))


def log_fever(qtbot: QtBot, ui: Ui, value: str = "38.6") -> None:
    ui.controller.start()
    qtbot.mouseClick(ui.controller.today_view.log_button, LEFT)
    form = ui.form()
    qtbot.mouseClick(form.temperature.unit.button(Unit.C.value), LEFT)
    qtbot.keyClicks(form.temperature.value_edit, value)
    qtbot.keyClicks(form.note.edit, "Ate a little dinner.")
    qtbot.mouseClick(form.save_button, LEFT)


def test_a_fever_save_shows_the_alert_at_once(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    services.household.set_care_team(CareTeam("Riverside", "555-0100", "555-0101", "911"))
    log_fever(qtbot, ui)
    alert = ui.controller.flags.alert
    assert alert is not None and alert.isVisible()
    text = shown_text(alert)
    assert "Report to your care team now" in text
    assert "555-0100" in text
    assert "38.6 °C" in text
    assert "Maya" in text


def test_the_flag_stays_on_today_until_the_call_is_recorded(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    log_fever(qtbot, ui)
    alert = ui.controller.flags.alert
    assert alert is not None
    qtbot.mouseClick(alert.close_button, LEFT)
    panel = ui.controller.flags.panel
    assert len(panel.cards) == 1
    assert "Fever" in panel.cards[0].title_label.text()
    assert [f.flag.rule_id for f in services.flags.open_flags()] == ["fever"]

    qtbot.keyClick(panel.cards[0].call_button, Qt.Key.Key_Space)  # keyboard works too
    dialog = ui.controller.flags.call_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.spoke_with_edit, "Nurse Kim")
    qtbot.keyClicks(dialog.advice_edit, "Come to the day unit now.")
    qtbot.mouseClick(dialog.save_button, LEFT)

    assert services.flags.open_flags() == []
    (logged,) = services.flags.log()
    assert logged.call is not None and logged.call.spoke_with == "Nurse Kim"
    assert panel.cards == []
    assert "No warning signs logged. When in doubt, call your care team." in shown_text(panel)


def test_calling_from_the_alert_records_the_call(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    log_fever(qtbot, ui)
    alert = ui.controller.flags.alert
    assert alert is not None
    qtbot.mouseClick(alert.call_button, LEFT)
    dialog = ui.controller.flags.call_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.advice_edit, "Bring her in.")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert services.flags.open_flags() == []


def test_the_warnings_page_lists_every_flag_and_its_outcome(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    log_fever(qtbot, ui)
    qtbot.mouseClick(ui.window.flags_button, LEFT)
    view = ui.controller.flags.log_view
    assert ui.window.current_page() is view
    model = view.table.model()
    assert model.rowCount() == 1


def test_an_open_flag_is_on_today_after_a_restart(
    qtbot: QtBot,
    ui: Ui,
    services: Services,
    child: Child,
    catalogue: Catalogue,
    clock: FixedClock,
) -> None:
    log_fever(qtbot, ui)
    folder: Path = services.database.path.parent
    ui.window.close_guard = None
    ui.window.close()
    services.close()

    again = open_services(folder, catalogue, clock)
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        controller = AppController(window, again)
        window.show()
        controller.start()
        cards = controller.flags.panel.cards
        assert len(cards) == 1
        assert "Fever" in cards[0].title_label.text()
        window.close_guard = None
    finally:
        again.close()


def test_no_flags_today_says_call_when_in_doubt(qtbot: QtBot, ui: Ui, child: Child) -> None:
    ui.controller.start()
    assert "No warning signs logged. When in doubt, call your care team." in shown_text(
        ui.controller.flags.panel
    )


def test_evidence_is_shown_in_plain_words() -> None:
    from datetime import date

    from caretrack.ui.widgets.open_flags_panel import split_evidence

    assert split_evidence("38.6 °C oral at 2026-11-05 20:05", date(2026, 11, 5)) == (
        False,
        "38.6 °C, by mouth · Today, 20:05",
    )
    assert split_evidence("Seizure (fit) at 2026-11-03 08:10", date(2026, 11, 5)) == (
        False,
        "Seizure (fit) · Tue 3 Nov, 08:10",
    )
    assert split_evidence('found in your note: "had a fit" (Seizure (fit)) at 2026-11-05 20:05')[0]


def test_another_childs_open_warning_is_never_hidden(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    """Maya's open warning stays on Today while Leo is shown, and the app opens on Maya."""
    from datetime import date, timedelta

    from caretrack.domain.model import EntryContent, SymptomReport
    from tests.conftest import NOW

    leo = services.household.add_child("Leo", date(2014, 9, 14), None, "Kymriah", date(2026, 11, 1))
    services.entries.save_new(
        child.id,
        "maya-1",
        EntryContent(NOW - timedelta(minutes=5), symptoms=(SymptomReport("seizure"),)),
    )
    services.household.set_setting("current_child", str(leo.id))
    ui.controller.start()
    assert ui.controller.current_child_id == child.id  # the most urgent warning's child
    ui.controller._on_today_child_selected(leo.id)
    panel = ui.controller.flags.panel
    assert len(panel.cards) == 1
    assert panel.heading.text() == "Call emergency services now"
    assert "Maya" in shown_text(panel.cards[0])
    assert ui.window.flags_button.text().strip() == "Warnings (1)"


def test_an_edit_alerts_only_for_warnings_it_raised(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    import dataclasses
    from datetime import timedelta

    from caretrack.domain.model import EntryContent, SymptomReport
    from caretrack.domain.temperature import Route, Temperature
    from tests.conftest import NOW

    ui.controller.start()
    first = EntryContent(
        NOW - timedelta(minutes=5), temperature=Temperature(386, Unit.C, Route.ORAL)
    )
    saved = services.entries.save_new(child.id, "a", first)
    ui.controller.flags.on_entry_saved(saved)
    assert ui.controller.flags.alert is not None
    ui.controller.flags.alert.close()
    ui.controller.flags.alert = None

    calmer = services.entries.edit(saved.entry.id, 1, dataclasses.replace(first, note="ate well"))
    ui.controller.flags.on_entry_saved(calmer)
    assert ui.controller.flags.alert is None  # the fever was already shown and is on Today

    worse = dataclasses.replace(first, symptoms=(SymptomReport("seizure"),))
    edited = services.entries.edit(saved.entry.id, 2, worse)
    ui.controller.flags.on_entry_saved(edited)
    alert = ui.controller.flags.alert
    assert alert is not None
    text = shown_text(alert)
    assert "Call emergency services now" in text
    assert "Fever: report to care team now" not in text


def test_a_less_urgent_warning_never_replaces_the_one_on_screen(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    """An emergency stays up when the minute check raises a report-now (pump stopped 4 h)."""
    import uuid
    from datetime import timedelta

    from caretrack.domain.flags import Tier
    from caretrack.domain.model import EntryContent, PumpEvent, SymptomReport
    from tests.conftest import NOW

    services.therapy.log_pump_event(
        child.id, str(uuid.uuid4()), PumpEvent.STOPPED, NOW - timedelta(hours=3), "Mum"
    )
    ui.controller.start()
    seizure = EntryContent(NOW, symptoms=(SymptomReport("seizure", None),))
    ui.controller.entry_saved.emit(services.entries.save_new(child.id, "s", seizure))
    alert = ui.controller.flags.alert
    assert alert is not None and alert.isVisible() and alert.tier is Tier.EMERGENCY

    services.clock.moment = NOW + timedelta(hours=1, minutes=5)  # type: ignore[attr-defined]
    ui.controller.care.notifier.tick()
    assert ui.controller.flags.alert is alert and alert.isVisible()
    assert "pump-interrupted-4-hours" in {f.flag.rule_id for f in services.flags.open_flags()}
    # ... and it is on Today's open-warnings panel and counted in the Warnings tab.
    assert len(ui.controller.flags.panel.cards) == 3
    assert "3" in ui.window.flags_button.text()
