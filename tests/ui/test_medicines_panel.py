"""The medicine list on a real database: add, stop (kept), give a dose (an entry the rules
judge, emitted for the warnings dialog), and R20 never hiding a fever."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from caretrack.domain.flags import Tier
from caretrack.domain.model import Child, EntryContent
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.services import Services
from caretrack.services.entries import SaveResult
from caretrack.services.errors import StorageError
from caretrack.ui.care_controller import CareController
from caretrack.ui.widgets.medicine_list import to_qdatetime
from caretrack.ui.widgets.medicines_panel import GiveDialog, MedicineItem, MedicinesPanel
from tests.conftest import NOW
from tests.ui.conftest import Dialogs
from tests.ui.test_accessibility import unnamed_controls

LEFT = Qt.MouseButton.LeftButton


def open_care(qtbot: QtBot, services: Services, child: Child, panel: str) -> CareController:
    """A CareController on a plain window, pointed at `child`, with one panel shown."""
    window = QWidget()
    qtbot.addWidget(window)
    controller = CareController(services, window)
    controller.show_child(child.id)
    shown: QWidget = getattr(controller, panel)
    shown.resize(900, 700)
    shown.show()
    return controller


@pytest.fixture
def care(
    qtbot: QtBot,
    services: Services,
    child: Child,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[CareController]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # never the real one
    controller = open_care(qtbot, services, child, "medicines_panel")
    yield controller
    controller.stop()


def add_through_form(
    qtbot: QtBot, panel: MedicinesPanel, name: str, dose: str = "", times: int = 0
) -> None:
    qtbot.mouseClick(panel.add_open_button, LEFT)
    form = panel.add_form
    assert form.isVisible()
    qtbot.keyClicks(form.name_edit, name)
    qtbot.keyClicks(form.dose_edit, dose)
    qtbot.keyClicks(form.schedule_edit, "twice a day with food")
    for _ in range(times):
        qtbot.mouseClick(form.times.add_button, LEFT)
    qtbot.mouseClick(form.add_button, LEFT)


def item(panel: MedicinesPanel, title: str) -> MedicineItem:
    return next(i for i in panel.items if i.title_label.text() == title)


def open_give(qtbot: QtBot, care: CareController, title: str) -> GiveDialog:
    button = item(care.medicines_panel, title).give_button
    assert button is not None
    qtbot.mouseClick(button, LEFT)
    assert care.give_dialog is not None
    return care.give_dialog


def set_time(dialog: GiveDialog, minutes_ago: int) -> None:
    dialog.when_edit.setDateTime(to_qdatetime(NOW - timedelta(minutes=minutes_ago)))


def test_added_medicines_are_listed_with_their_times(
    qtbot: QtBot, care: CareController, services: Services, child: Child
) -> None:
    panel = care.medicines_panel
    assert panel.empty_label.isVisible()
    add_through_form(qtbot, panel, "Ondansetron", "2 mg", times=2)

    assert panel.shown_names() == ["Ondansetron 2 mg"]
    assert not panel.add_form.isVisible()
    assert not panel.empty_label.isVisible()
    assert "Ondansetron 2 mg is on the list." in panel.banner.text()
    (saved,) = services.medicines.medicines(child.id)
    assert (saved.name, saved.dose, saved.schedule) == (
        "Ondansetron",
        "2 mg",
        "twice a day with food",
    )
    assert saved.times == (time(8), time(20))  # morning and evening are offered first
    assert item(panel, "Ondansetron 2 mg").detail_label.text() == "Reminder times: 08:00, 20:00"


def test_stopped_medicines_are_kept_and_hidden_until_asked_for(
    qtbot: QtBot, care: CareController, services: Services, child: Child, dialogs: Dialogs
) -> None:
    panel = care.medicines_panel
    add_through_form(qtbot, panel, "Ondansetron", "2 mg")
    add_through_form(qtbot, panel, "Co-trimoxazole", "240 mg")
    assert not panel.show_stopped_check.isVisible()

    dialogs.replies = ["no"]
    stop = item(panel, "Co-trimoxazole 240 mg").stop_button
    assert stop is not None
    qtbot.mouseClick(stop, LEFT)
    assert "Stop Co-trimoxazole 240 mg only when the care team has stopped it" in dialogs.asked[0]
    assert panel.shown_names() == ["Ondansetron 2 mg", "Co-trimoxazole 240 mg"]

    stop = item(panel, "Co-trimoxazole 240 mg").stop_button
    assert stop is not None
    qtbot.mouseClick(stop, LEFT)  # answers Yes
    assert panel.shown_names() == ["Ondansetron 2 mg"]
    assert [m.name for m in services.medicines.medicines(child.id)] == ["Ondansetron"]
    kept = services.medicines.medicines(child.id, only_active=False)
    assert sorted(m.name for m in kept) == ["Co-trimoxazole", "Ondansetron"]

    assert panel.show_stopped_check.isVisible()
    panel.show_stopped_check.setChecked(True)
    assert panel.shown_names() == ["Ondansetron 2 mg", "Co-trimoxazole 240 mg"]
    stopped = item(panel, "Co-trimoxazole 240 mg")
    assert stopped.detail_label.text() == "Stopped on Thu 5 Nov"
    assert stopped.give_button is None and stopped.stop_button is None


def test_an_empty_name_or_a_repeated_time_is_said_at_the_field_and_the_form_keeps_input(
    qtbot: QtBot, care: CareController, services: Services, child: Child
) -> None:
    panel = care.medicines_panel
    add_through_form(qtbot, panel, "", "5 ml", times=1)
    form = panel.add_form
    assert form.isVisible()
    assert form.name_message.text() == "Type the medicine's name."
    assert form.dose_edit.text() == "5 ml"
    assert form.schedule_edit.text() == "twice a day with food"
    assert services.medicines.medicines(child.id) == []

    qtbot.keyClicks(form.name_edit, "Ondansetron")
    assert form.name_message.text() == ""  # typing clears it
    qtbot.mouseClick(form.times.add_button, LEFT)
    form.times.rows[1].edit.setTime(QTime(8, 0))  # the same as the first
    qtbot.mouseClick(form.add_button, LEFT)
    assert form.times_message.text() == "The same time is there twice. Change or remove one."
    assert form.name_edit.text() == "Ondansetron"
    assert services.medicines.medicines(child.id) == []


def test_showing_the_same_child_again_keeps_a_half_typed_medicine(
    qtbot: QtBot, care: CareController, services: Services, child: Child
) -> None:
    panel = care.medicines_panel
    qtbot.mouseClick(panel.add_open_button, LEFT)
    qtbot.keyClicks(panel.add_form.name_edit, "Ondans")
    services.medicines.add(child.id, "Paracetamol", "250 mg")  # e.g. added by another page
    care.show_child(child.id)
    assert panel.add_form.isVisible() and panel.add_form.name_edit.text() == "Ondans"
    assert panel.shown_names() == ["Paracetamol 250 mg"]

    leo = services.household.add_child(
        "Leo", date(2016, 3, 1), Decimal("25"), "tisagenlecleucel", date(2026, 10, 20)
    )
    care.show_child(leo.id)
    assert panel.heading.text() == "Leo's medicines"
    assert not panel.add_form.isVisible() and panel.add_form.name_edit.text() == ""
    assert panel.shown_names() == []


def test_given_now_saves_an_entry_with_the_time_and_who_gave_it(
    qtbot: QtBot, care: CareController, services: Services, child: Child
) -> None:
    services.medicines.add(child.id, "Ondansetron", "2 mg", "every 8 hours", [time(8)])
    care.show_child(child.id)
    dialog = open_give(qtbot, care, "Ondansetron 2 mg")
    assert dialog.given_at() == NOW  # now, unless changed
    set_time(dialog, 25)
    qtbot.keyClicks(dialog.given_by_edit, "Dad")

    with qtbot.waitSignal(care.entry_saved, timeout=2000) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)

    result = saved.args[0]
    assert isinstance(result, SaveResult) and result.created
    content = result.entry.content
    (given,) = content.medicines
    assert (given.name, given.dose) == ("Ondansetron", "2 mg")
    assert given.given_at == NOW - timedelta(minutes=25)
    assert content.observed_at == NOW - timedelta(minutes=25)
    assert content.logged_by == "Dad"
    assert care.give_dialog is None
    assert care.medicines_panel.banner.text() == "Saved: Ondansetron 2 mg given at 19:35."
    assert services.household.setting("logged_by") == "Dad"  # offered next time
    assert [e.id for e in services.entries.history(child.id)] == [result.entry.id]


def test_a_future_time_is_said_by_the_time_and_nothing_is_saved(
    qtbot: QtBot, care: CareController, services: Services, child: Child
) -> None:
    services.medicines.add(child.id, "Ondansetron", "2 mg")
    care.show_child(child.id)
    dialog = open_give(qtbot, care, "Ondansetron 2 mg")
    set_time(dialog, -120)
    qtbot.keyClicks(dialog.given_by_edit, "Mum")
    with qtbot.assertNotEmitted(care.entry_saved):
        qtbot.mouseClick(dialog.save_button, LEFT)
    assert "in the future" in dialog.when_message.text()
    assert care.give_dialog is dialog and dialog.given_by() == "Mum"
    assert services.entries.history(child.id) == []


def test_a_storage_failure_keeps_the_dialog_and_what_was_typed(
    qtbot: QtBot,
    care: CareController,
    services: Services,
    child: Child,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.medicines.add(child.id, "Ondansetron", "2 mg")
    care.show_child(child.id)
    dialog = open_give(qtbot, care, "Ondansetron 2 mg")
    qtbot.keyClicks(dialog.given_by_edit, "Mum")

    def disk_full(*_args: object, **_kwargs: object) -> SaveResult:
        raise StorageError("The disk is full.")

    monkeypatch.setattr(services.medicines, "give", disk_full)
    with qtbot.assertNotEmitted(care.entry_saved):
        qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.message.text() == (
        "Not saved: The disk is full. Everything you typed is still here."
    )
    assert care.give_dialog is dialog and dialog.given_by() == "Mum"
    assert dialog.save_button.isEnabled()


def test_fever_medicine_is_noted_for_the_visit_and_never_hides_a_fever(
    qtbot: QtBot, care: CareController, services: Services, child: Child
) -> None:
    rules = services.flags.rules
    assert rules is not None
    rule = next(r for r in rules.rules if r.id == "fever-medicine-given")
    note = care.medicines_panel.rule_note.text()
    assert note == f"{rule.message} {rule.what_to_do}"  # the rules' own words
    assert "Only give these when the care team tells you to." in note

    services.medicines.add(child.id, "Calpol (paracetamol)", "5 ml")
    care.show_child(child.id)
    dialog = open_give(qtbot, care, "Calpol (paracetamol) 5 ml")
    set_time(dialog, 30)
    with qtbot.waitSignal(care.entry_saved, timeout=2000) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)
    given: SaveResult = saved.args[0]
    assert given.evaluation.tier is Tier.NOTE_FOR_VISIT
    assert [f.rule_id for f in given.evaluation.flags] == ["fever-medicine-given"]
    assert given.flag_ids  # stored, so the window can show it

    reading = services.entries.save_new(
        child.id,
        "fever-after-dose",
        EntryContent(
            observed_at=NOW - timedelta(minutes=5), temperature=Temperature(385, Unit.C, Route.ORAL)
        ),
    )
    assert reading.evaluation.tier is Tier.REPORT_NOW
    assert "fever" in [f.rule_id for f in reading.evaluation.flags]


def test_every_control_has_a_name(qtbot: QtBot, care: CareController) -> None:
    panel = care.medicines_panel
    add_through_form(qtbot, panel, "Ondansetron", "2 mg", times=1)
    qtbot.mouseClick(panel.add_open_button, LEFT)
    qtbot.mouseClick(panel.add_form.times.add_button, LEFT)
    assert unnamed_controls(panel) == []
    dialog = open_give(qtbot, care, "Ondansetron 2 mg")
    assert unnamed_controls(dialog) == []
