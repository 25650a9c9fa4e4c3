"""Reminder settings, "Next due" and the minute tick on a real database under a FixedClock:
what is offered per therapy, what is saved, the words parents read, one notification per
slot, the 4-hour pump warning raised by time alone, and a tick that never crashes."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from caretrack.domain.model import Child, PumpEvent, ReminderKind, ReminderPlan
from caretrack.domain.reminders import Due
from caretrack.services import Services
from caretrack.services.clock import FixedClock
from caretrack.services.errors import StorageError
from caretrack.ui import autostart
from caretrack.ui.care_controller import CareController
from caretrack.ui.reminder_notifier import ReminderNotifier
from caretrack.ui.widgets.next_due_panel import NextDuePanel
from tests.conftest import NEW_YORK
from tests.ui.test_accessibility import unnamed_controls
from tests.ui.test_medicines_panel import open_care

LEFT = Qt.MouseButton.LeftButton
MORNING = datetime(2026, 11, 5, 9, 10, tzinfo=NEW_YORK)


class RecordingTray(QSystemTrayIcon):
    """A tray icon that remembers what it was asked to show (offscreen has no tray)."""

    def __init__(self) -> None:
        super().__init__(QIcon())
        self.shown: list[tuple[str, str]] = []

    def showMessage(self, title: str, text: str, *args: object) -> None:  # type: ignore[override]
        self.shown.append((title, text))


class TrayNotifier(ReminderNotifier):
    def tray_available(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The autostart checkbox writes here, never in the real ~/.config."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def care(qtbot: QtBot, services: Services, child: Child) -> Iterator[CareController]:
    controller = open_care(qtbot, services, child, "reminders_panel")
    yield controller
    controller.stop()


@pytest.fixture
def notifier(qtbot: QtBot, services: Services) -> Iterator[TrayNotifier]:
    tray = RecordingTray()
    found = TrayNotifier(services, tray=tray)
    yield found
    found.stop()
    found.deleteLater()
    tray.deleteLater()


def tray_texts(notifier: ReminderNotifier) -> list[str]:
    assert isinstance(notifier.tray, RecordingTray)
    return [text for _title, text in notifier.tray.shown]


def add_child(services: Services, name: str, therapy: str) -> Child:
    return services.household.add_child(
        name, date(2016, 3, 1), Decimal("25"), therapy, date(2026, 10, 20)
    )


# ---- settings --------------------------------------------------------------------------------


def test_settings_are_saved_and_read_back(
    qtbot: QtBot, care: CareController, services: Services, child: Child
) -> None:
    panel = care.reminders_panel
    assert panel.heading.text() == "Reminders for Maya"
    assert not panel.temperature_check.isChecked()
    assert panel.temperature_times.times() == []  # none until the parent chooses
    assert "Reminders only work while CareTrack is open." in panel.open_note.text()
    assert panel.open_note.isVisible()

    panel.temperature_check.setChecked(True)
    qtbot.mouseClick(panel.temperature_times.add_button, LEFT)
    qtbot.mouseClick(panel.temperature_times.add_button, LEFT)
    panel.temperature_times.rows[1].edit.setTime(QTime(19, 30))
    panel.neuro_check.setChecked(True)
    panel.neuro_time.setTime(QTime(18, 0))
    panel.bag_check.setChecked(True)
    panel.medicine_check.setChecked(True)
    qtbot.mouseClick(panel.save_button, LEFT)

    assert panel.banner.text() == "Reminders saved."
    plans = {p.kind: p for p in services.reminders.plans(child.id)}
    assert plans[ReminderKind.TEMPERATURE] == ReminderPlan(
        child.id, ReminderKind.TEMPERATURE, True, (time(8), time(19, 30))
    )
    assert plans[ReminderKind.NEURO_CHECK].times == (time(18),)
    assert plans[ReminderKind.NEURO_CHECK].enabled
    assert plans[ReminderKind.BAG_CHANGE].enabled and plans[ReminderKind.MEDICINE].enabled

    fresh = open_care(qtbot, services, child, "reminders_panel")  # read back from the file
    again = fresh.reminders_panel
    assert again.temperature_check.isChecked()
    assert again.temperature_times.times() == [time(8), time(19, 30)]
    assert again.neuro_check.isChecked() and again.neuro_time.time() == QTime(18, 0)
    assert again.bag_check.isChecked() and again.medicine_check.isChecked()
    fresh.stop()


def test_temperature_checks_need_a_time_and_nothing_is_saved_without_one(
    qtbot: QtBot, care: CareController, services: Services, child: Child
) -> None:
    panel = care.reminders_panel
    panel.temperature_check.setChecked(True)
    panel.medicine_check.setChecked(True)
    qtbot.mouseClick(panel.save_button, LEFT)
    assert panel.temperature_message.text() == (
        "Add at least one time, or turn temperature checks off."
    )
    assert services.reminders.plans(child.id) == []
    assert panel.medicine_check.isChecked()  # what was chosen stays


def test_neuro_check_and_bag_changes_are_offered_only_for_their_therapies(
    care: CareController, services: Services, child: Child
) -> None:
    panel = care.reminders_panel
    assert panel.offers_neuro_check() and panel.offers_bag_change()  # blinatumomab
    # Day 1 is 1 Nov; the watch runs through the 28 infusion days and 48 hours after.
    assert panel.neuro_window_label.text() == (
        "Only during the weeks the check is needed: until Mon 30 Nov."
    )

    leo = add_child(services, "Leo", "tisagenlecleucel")
    care.show_child(leo.id)
    assert panel.offers_neuro_check() and not panel.offers_bag_change()
    assert panel.neuro_window_label.text().endswith("until Tue 15 Dec.")  # Day 0 + 56

    ana = add_child(services, "Ana", "inotuzumab_ozogamicin")
    care.show_child(ana.id)
    assert not panel.offers_neuro_check() and not panel.offers_bag_change()
    assert not panel.neuro_block.isVisibleTo(panel) and not panel.bag_block.isVisibleTo(panel)
    panel.temperature_check.setChecked(True)
    panel.temperature_times.add_time(time(7))
    care.reminders_panel.save_button.click()
    kinds = {p.kind for p in services.reminders.plans(ana.id)}
    assert kinds == {ReminderKind.TEMPERATURE, ReminderKind.MEDICINE}


def test_the_autostart_box_writes_and_removes_the_session_file(
    qtbot: QtBot, care: CareController, services: Services, tmp_path: Path
) -> None:
    panel = care.reminders_panel
    assert not panel.autostart_check.isChecked()
    panel.autostart_check.setChecked(True)
    qtbot.mouseClick(panel.save_button, LEFT)
    entry = tmp_path / "config" / "autostart" / "caretrack.desktop"
    assert entry.is_file() and autostart.is_enabled()
    assert services.reminders.autostart()
    text = entry.read_text(encoding="utf-8")
    assert "--data-dir" in text and "Maya" not in text  # where the data is, never what

    panel.autostart_check.setChecked(False)
    qtbot.mouseClick(panel.save_button, LEFT)
    assert not entry.exists() and not services.reminders.autostart()


def test_an_autostart_failure_is_said_by_the_box(
    qtbot: QtBot, care: CareController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    panel = care.reminders_panel
    panel.autostart_check.setChecked(True)
    qtbot.mouseClick(panel.save_button, LEFT)
    assert panel.autostart_message.text().startswith(
        "CareTrack could not change this setting on your computer."
    )
    assert panel.autostart_check.isChecked()
    assert unnamed_controls(panel) == []


# ---- next due --------------------------------------------------------------------------------


def plan_everything(services: Services, child: Child, leo: Child) -> None:
    services.medicines.add(child.id, "Ondansetron", "2 mg", "", [time(8), time(20)])
    services.therapy.log_pump_event(
        child.id, "bag", PumpEvent.BAG_CHANGE, MORNING - timedelta(hours=43), bag_hours=48
    )
    for plan in (
        ReminderPlan(child.id, ReminderKind.TEMPERATURE, True, (time(8), time(20))),
        ReminderPlan(child.id, ReminderKind.MEDICINE, True),
        ReminderPlan(child.id, ReminderKind.BAG_CHANGE, True),
        ReminderPlan(leo.id, ReminderKind.NEURO_CHECK, True, (time(9, 30),)),
    ):
        services.reminders.set_plan(plan)


def test_next_due_shows_what_is_waiting_first_in_plain_words(
    qtbot: QtBot, care: CareController, services: Services, child: Child, clock: FixedClock
) -> None:
    clock.moment = MORNING
    leo = add_child(services, "Leo", "tisagenlecleucel")
    plan_everything(services, child, leo)
    care.refresh_due()
    panel = care.next_due_panel
    assert panel.texts() == [
        "Temperature check for Maya · now (was due 08:00)",
        "Ondansetron 2 mg for Maya · now (was due 08:00)",
        "Neuro check for Leo · 09:30",
        "Next bag change for Maya · 14:10 (in 5 h)",
    ]
    assert [r.act_button.text() if r.act_button else None for r in panel.rows] == [
        "Log temperature",
        "Given now",
        None,
        None,
    ]
    assert [r.property("role") for r in panel.rows[:3]] == [
        "due-waiting",
        "due-waiting",
        "due-coming",
    ]
    assert not panel.empty_label.isVisibleTo(panel)

    with qtbot.waitSignal(care.act_requested, timeout=1000) as acted:
        button = panel.rows[0].act_button
        assert button is not None
        button.click()
    assert acted.args == ["temperature", child.id, ""]

    with qtbot.assertNotEmitted(care.act_requested):  # a dose is logged right here
        button = panel.rows[1].act_button
        assert button is not None
        button.click()
    assert care.give_dialog is not None
    assert care.give_dialog.windowTitle() == "Ondansetron 2 mg given"


def test_a_bag_change_waits_from_an_hour_before_it_is_due(
    care: CareController, services: Services, child: Child, clock: FixedClock
) -> None:
    leo = add_child(services, "Leo", "tisagenlecleucel")
    plan_everything(services, child, leo)
    clock.moment = MORNING + timedelta(hours=4, minutes=20)  # 13:30, due 14:10
    care.refresh_due()
    texts = care.next_due_panel.texts()
    assert "Bag change for Maya · 14:10 (in 40 min)" in texts
    row = next(r for r in care.next_due_panel.rows if r.due.kind is ReminderKind.BAG_CHANGE)
    assert row.act_button is not None and row.act_button.text() == "Log bag change"


def test_with_nothing_set_the_panel_says_where_to_set_reminders(
    qtbot: QtBot, care: CareController
) -> None:
    care.refresh_due()
    panel = care.next_due_panel
    assert panel.rows == []
    assert panel.empty_label.text() == ("No reminders set. You can set them on the Treatment page.")
    assert panel.empty_label.isVisibleTo(panel)
    assert panel.note_label.text() == "Reminders only work while CareTrack is open."


def test_the_panel_orders_waiting_items_first_whatever_order_it_gets(qtbot: QtBot) -> None:
    panel = NextDuePanel()
    qtbot.addWidget(panel)
    later = Due(2, ReminderKind.NEURO_CHECK, MORNING + timedelta(minutes=20))
    waiting = Due(1, ReminderKind.TEMPERATURE, MORNING - timedelta(hours=1), waiting=True)
    panel.set_due([later, waiting], {1: "Maya", 2: "Leo"}, MORNING)
    assert panel.texts() == [
        "Temperature check for Maya · now (was due 08:10)",
        "Neuro check for Leo · 09:30",
    ]


# ---- the minute tick -------------------------------------------------------------------------


def test_each_slot_is_notified_once(
    notifier: TrayNotifier, services: Services, child: Child, clock: FixedClock, qtbot: QtBot
) -> None:
    services.reminders.set_plan(
        ReminderPlan(child.id, ReminderKind.TEMPERATURE, True, (time(8), time(20)))
    )
    clock.moment = MORNING
    with qtbot.waitSignal(notifier.due_changed, timeout=1000) as changed:
        notifier.tick()
    (due,) = changed.args[0]
    assert due.waiting and due.at == MORNING.replace(hour=8, minute=0)
    assert tray_texts(notifier) == ["Time to check Maya's temperature."]

    clock.moment = MORNING + timedelta(minutes=1)
    notifier.tick()
    assert len(tray_texts(notifier)) == 1  # the same 08:00 slot: once
    assert due.key in notifier.notified

    clock.moment = MORNING.replace(hour=20, minute=1)  # the evening slot
    notifier.tick()
    assert tray_texts(notifier) == ["Time to check Maya's temperature."] * 2


def test_a_pump_stopped_four_hours_raises_the_warning_with_no_new_entry(
    notifier: TrayNotifier, services: Services, child: Child, clock: FixedClock, qtbot: QtBot
) -> None:
    stopped_at = MORNING - timedelta(hours=3)
    clock.moment = MORNING
    services.therapy.log_pump_event(child.id, "stop", PumpEvent.STOPPED, stopped_at)
    with qtbot.assertNotEmitted(notifier.flags_raised):
        notifier.tick()

    clock.moment = stopped_at + timedelta(hours=4, minutes=5)
    with qtbot.waitSignal(notifier.flags_raised, timeout=1000) as raised:
        notifier.tick()
    (flag,) = services.flags.flags_by_id(raised.args[0])
    assert flag.flag.rule_id == "pump-interrupted-4-hours"
    assert tray_texts(notifier) == ["A warning for Maya needs your attention. Open CareTrack."]
    assert len(services.entries.history(child.id)) == 1  # nothing logged on the parent's behalf

    with qtbot.assertNotEmitted(notifier.flags_raised):
        notifier.tick()  # raised once


def test_a_failing_tick_says_so_once_and_the_next_one_works(
    notifier: TrayNotifier,
    services: Services,
    child: Child,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    working = services.reminders.due

    def disk_gone() -> list[Due]:
        raise StorageError("CareTrack's data folder was moved.")

    monkeypatch.setattr(services.reminders, "due", disk_gone)
    with qtbot.waitSignal(notifier.problem, timeout=1000) as problem:
        notifier.tick()
    assert problem.args == [
        "CareTrack could not check reminders just now. CareTrack's data folder was moved."
    ]
    with qtbot.assertNotEmitted(notifier.problem):
        notifier.tick()  # the same problem is not repeated every minute

    def bug() -> list[Due]:
        raise ValueError("38.5 for Maya")  # a message that may hold health data

    monkeypatch.setattr(services.reminders, "due", bug)
    with caplog.at_level(logging.ERROR, logger="caretrack"):
        notifier.tick()
    assert "ValueError" in caplog.text and "38.5" not in caplog.text

    monkeypatch.setattr(services.reminders, "due", working)
    with qtbot.waitSignal(notifier.due_changed, timeout=1000):
        notifier.tick()
