"""The blinatumomab pump log on a real database with the real rules: each button saves its
event, warnings go out through entry_saved, the next bag change is counted in real hours."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from caretrack.domain.flags import Tier
from caretrack.domain.model import Child, PumpEvent
from caretrack.services import Services
from caretrack.services.clock import FixedClock
from caretrack.services.entries import SaveResult
from caretrack.services.errors import StorageError
from caretrack.ui.treatment_controller import TreatmentController
from tests.conftest import NEW_YORK, NOW
from tests.ui.conftest import Dialogs
from tests.ui.test_treatment_page import open_treatment

LEFT = Qt.MouseButton.LeftButton


def log(
    qtbot: QtBot,
    controller: TreatmentController,
    event: PumpEvent,
    at: datetime,
    bag_hours: int | None = None,
    note: str = "",
    who: str = "Mum",
) -> list[SaveResult]:
    """Press the event's button, fill in the small form as a parent would, press Save."""
    panel = controller.page.pump
    saved: list[SaveResult] = []
    controller.entry_saved.connect(saved.append)
    qtbot.mouseClick(panel.event_buttons[event], LEFT)
    form = panel.form
    assert form.isVisibleTo(panel) and form.pump_event is event
    form.set_observed_at(at)
    if bag_hours is not None:
        assert form.bag_choice is not None
        qtbot.mouseClick(form.bag_choice.button(str(bag_hours)), LEFT)
    qtbot.keyClicks(form.note_edit, note)
    form.logged_by_edit.setText(who)
    qtbot.mouseClick(form.save_button, LEFT)
    controller.entry_saved.disconnect(saved.append)
    return saved


def pump_entries(services: Services, child: Child) -> list[tuple[PumpEvent | None, int | None]]:
    return [
        (e.content.pump_event, e.content.pump_bag_hours)
        for e in services.entries.history(child.id)
        if e.content.pump_event is not None
    ]


@pytest.mark.parametrize("event", list(PumpEvent))
def test_each_button_saves_its_event(
    qtbot: QtBot, services: Services, child: Child, event: PumpEvent
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    bag = 48 if event is PumpEvent.BAG_CHANGE else None
    saved = log(qtbot, controller, event, NOW - timedelta(minutes=30), bag, note="all fine")
    assert len(saved) == 1 and saved[0].created
    assert pump_entries(services, child) == [(event, bag)]
    content = saved[0].entry.content
    assert (content.note, content.logged_by) == ("all fine", "Mum")
    assert content.observed_at == NOW - timedelta(minutes=30)
    panel = controller.page.pump
    assert not panel.form.isVisibleTo(panel)  # closed after saving
    assert panel.banner.text().startswith(f"Saved: {panel.button_text(event)}, 19:30")
    assert len(panel.recent_lines) == 1 and "Mum" in panel.recent_lines[0]
    assert services.household.setting("logged_by") == "Mum"  # offered next time


@pytest.mark.parametrize(
    ("hours", "words"), [(24, "24 h"), (48, "48 h"), (72, "72 h"), (96, "96 h"), (168, "7 days")]
)
def test_bag_lengths_come_from_the_therapy(
    qtbot: QtBot, services: Services, child: Child, hours: int, words: str
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    form = controller.page.pump.form
    qtbot.mouseClick(controller.page.pump.event_buttons[PumpEvent.BAG_CHANGE], LEFT)
    assert form.bag_choice is not None
    assert form.bag_choice.button(str(hours)).text() == words
    log(qtbot, controller, PumpEvent.BAG_CHANGE, NOW - timedelta(hours=1), hours)
    assert pump_entries(services, child) == [(PumpEvent.BAG_CHANGE, hours)]
    shown = "7 days" if hours == 168 else f"{hours} hours"
    assert f"Bag changed ({shown}) · Mum" in controller.page.pump.recent_lines[0]


@pytest.mark.parametrize("event", [PumpEvent.ALARM, PumpEvent.STOPPED, PumpEvent.LINE_PROBLEM])
def test_alarm_stop_and_line_problem_send_report_now(
    qtbot: QtBot, services: Services, child: Child, event: PumpEvent
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    with qtbot.waitSignal(controller.entry_saved) as signal:
        log(qtbot, controller, event, NOW - timedelta(minutes=5))
    result = signal.args[0]
    assert isinstance(result, SaveResult)
    assert result.evaluation.tier is Tier.REPORT_NOW
    assert "pump-problem" in {f.rule_id for f in result.evaluation.flags}


def test_a_bag_change_raises_no_warning(qtbot: QtBot, services: Services, child: Child) -> None:
    controller = open_treatment(qtbot, services, child.id)
    (result,) = log(qtbot, controller, PumpEvent.BAG_CHANGE, NOW - timedelta(minutes=5), 24)
    assert result.evaluation.tier is Tier.NONE


@pytest.mark.parametrize(
    ("stopped_for", "tier"),
    [
        (timedelta(hours=4, minutes=10), Tier.REPORT_NOW),
        (timedelta(hours=3, minutes=50), Tier.NONE),
    ],
)
def test_restart_after_four_hours_reports_now(
    qtbot: QtBot, services: Services, child: Child, stopped_for: timedelta, tier: Tier
) -> None:
    """R11: the interruption is counted from the logged times, not from when they were typed."""
    controller = open_treatment(qtbot, services, child.id)
    stopped_at = NOW - timedelta(hours=5)
    log(qtbot, controller, PumpEvent.STOPPED, stopped_at)
    panel = controller.page.pump
    assert panel.status_kind() == "error"
    assert panel.status_text().startswith("Pump stopped since 15:00 (5 hours)")
    # Past the rules' 4 hours, the rules' own words: the parent must not restart it.
    assert "Do not restart or change the pump yourself." in panel.status_detail.text()
    (restart,) = log(qtbot, controller, PumpEvent.RESTARTED, stopped_at + stopped_for)
    assert restart.evaluation.tier is tier
    rules = {f.rule_id for f in restart.evaluation.flags}
    assert ("pump-interrupted-4-hours" in rules) is (tier is Tier.REPORT_NOW)
    assert not panel.status_text().startswith("Pump stopped")


def test_next_bag_change_after_a_48_hour_bag(
    qtbot: QtBot, services: Services, child: Child, clock: FixedClock
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    panel = controller.page.pump
    assert panel.status_text().startswith("No bag change logged yet")
    log(qtbot, controller, PumpEvent.BAG_CHANGE, datetime(2026, 11, 5, 14, 0, tzinfo=NEW_YORK), 48)
    assert panel.status_kind() == "info"
    assert panel.status_headline.text() == "Next bag change due: Sat 7 Nov 14:00 (in 1 day 18 h)"
    assert panel.status_detail.text() == "Current bag: 48 hours, started Thu 5 Nov 14:00."

    clock.moment = datetime(2026, 11, 7, 16, 30, tzinfo=NEW_YORK)  # not changed in time
    controller.refresh()
    assert panel.status_kind() == "error"
    assert panel.status_headline.text() == (
        "Bag change overdue: it was due Sat 7 Nov 14:00 (2 h 30 min ago)"
    )


def test_next_bag_change_across_the_autumn_clock_change(
    qtbot: QtBot, services: Services, clock: FixedClock
) -> None:
    """New York falls back on Sun 1 Nov 2026: 48 real hours after 14:00 is 13:00 on Mon."""
    clock.moment = datetime(2026, 10, 31, 20, 0, tzinfo=NEW_YORK)
    leo = services.household.add_child(
        "Leo", date(2015, 3, 2), Decimal(30), "blinatumomab", date(2026, 10, 20), 1
    )
    controller = open_treatment(qtbot, services, leo.id)
    log(qtbot, controller, PumpEvent.BAG_CHANGE, datetime(2026, 10, 31, 14, 0, tzinfo=NEW_YORK), 48)
    panel = controller.page.pump
    assert panel.status_headline.text() == "Next bag change due: Mon 2 Nov 13:00 (in 1 day 18 h)"


def test_no_bag_length_chosen_keeps_the_form(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    saved = log(qtbot, controller, PumpEvent.BAG_CHANGE, NOW - timedelta(hours=1), note="new bag")
    form = controller.page.pump.form
    assert saved == [] and pump_entries(services, child) == []
    assert form.isVisibleTo(controller.page.pump)
    assert form.message_text("bag_hours") == "Choose how long the new bag runs."
    assert form.note() == "new bag" and form.observed_at() == NOW - timedelta(hours=1)
    # Choosing one clears the message; Save then works with the same form.
    assert form.bag_choice is not None
    qtbot.mouseClick(form.bag_choice.button("72"), LEFT)
    assert form.message_text("bag_hours") == ""
    qtbot.mouseClick(form.save_button, LEFT)
    assert pump_entries(services, child) == [(PumpEvent.BAG_CHANGE, 72)]


def test_a_time_in_the_future_keeps_the_form(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    saved = log(qtbot, controller, PumpEvent.ALARM, NOW + timedelta(hours=2), note="beeping")
    form = controller.page.pump.form
    assert saved == [] and pump_entries(services, child) == []
    assert form.isVisibleTo(controller.page.pump)
    assert form.message_text("observed_at") == (
        "This time is in the future. Check the date and time."
    )
    assert form.note() == "beeping"
    qtbot.mouseClick(form.now_button, LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert pump_entries(services, child) == [(PumpEvent.ALARM, None)]


def test_seven_day_bag_note_uses_the_catalogue_fact(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    """Maya weighs 21.5 kg: the catalogue says the 7-day bag is not for children under 22 kg."""
    controller = open_treatment(qtbot, services, child.id)
    form = controller.page.pump.form
    qtbot.mouseClick(controller.page.pump.event_buttons[PumpEvent.BAG_CHANGE], LEFT)
    assert form.bag_choice is not None
    qtbot.mouseClick(form.bag_choice.button("96"), LEFT)
    assert form.bag_note.text() == ""
    qtbot.mouseClick(form.bag_choice.button("168"), LEFT)
    note = form.bag_note.text()
    assert note.startswith("Maya weighs 21.5 kg.")
    assert "not recommended for children under 22 kg" in note

    heavier = services.household.add_child(
        "Leo", date(2015, 3, 2), Decimal(31), "blinatumomab", date(2026, 11, 1), 1
    )
    controller.show_child(heavier.id, services.household.children())
    qtbot.mouseClick(controller.page.pump.event_buttons[PumpEvent.BAG_CHANGE], LEFT)
    qtbot.mouseClick(form.bag_choice.button("168"), LEFT)
    assert form.bag_note.text() == ""

    unknown = services.household.add_child(
        "Ana", date(2016, 3, 2), None, "blinatumomab", date(2026, 11, 1), 1
    )
    controller.show_child(unknown.id, services.household.children())
    qtbot.mouseClick(controller.page.pump.event_buttons[PumpEvent.BAG_CHANGE], LEFT)
    qtbot.mouseClick(form.bag_choice.button("168"), LEFT)
    assert form.bag_note.text().startswith("CareTrack does not know Ana's weight.")


def test_standing_instructions_and_recent_events(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    panel = controller.page.pump
    lines = [
        w.text()
        for w in panel.instructions.findChildren(type(panel.instruction_sources))
        if w.text().startswith("• ")
    ]
    assert any("Do not change the pump settings" in t for t in lines)
    assert any("Do not flush the line" in t for t in lines)
    assert any("4 hours or more" in t for t in lines)
    assert panel.instruction_sources.text() == "Sources: S13, S14, S15, S20"

    for i in range(12):
        services.therapy.log_pump_event(
            child.id,
            f"bag-{i}",
            PumpEvent.BAG_CHANGE,
            NOW - timedelta(hours=2 * i + 1),
            "Dad",
            24,
        )
    controller.refresh()
    assert len(panel.recent_lines) == 10
    assert panel.recent_lines[0] == "Thu 5 Nov 19:00 · Bag changed (24 hours) · Dad"
    assert panel.recent_lines[1].startswith("Thu 5 Nov 17:00")
    assert panel.recent_lines[-1].startswith("Thu 5 Nov 01:00")  # the 2 oldest are not shown
    # The instructions stay on screen while a form is open.
    qtbot.mouseClick(panel.event_buttons[PumpEvent.ALARM], LEFT)
    assert panel.instructions.isVisibleTo(panel) and panel.form.isVisibleTo(panel)


def test_what_is_half_typed_survives_a_refresh(
    qtbot: QtBot, services: Services, child: Child, clock: FixedClock
) -> None:
    """A save elsewhere on the page, or the clock ticking, never throws away typing."""
    controller = open_treatment(qtbot, services, child.id)
    plan_form = controller.page.plan_form
    plan_form.hospital_spin.setValue(5)  # typed, not saved yet
    log(qtbot, controller, PumpEvent.BAG_CHANGE, datetime(2026, 11, 5, 14, 0, tzinfo=NEW_YORK), 48)
    assert plan_form.hospital_spin.value() == 5

    panel = controller.page.pump
    qtbot.mouseClick(panel.event_buttons[PumpEvent.BAG_CHANGE], LEFT)
    assert panel.form.bag_choice is not None
    qtbot.mouseClick(panel.form.bag_choice.button("96"), LEFT)
    qtbot.keyClicks(panel.form.note_edit, "from the clinic")
    clock.moment = NOW + timedelta(hours=2)
    controller.clock_timer.timeout.emit()
    assert panel.status_headline.text() == "Next bag change due: Sat 7 Nov 14:00 (in 1 day 16 h)"
    controller.refresh()
    controller.show_child(child.id, services.household.children())  # back to the page
    assert panel.form.isVisibleTo(panel) and panel.form.bag_hours() == 96
    assert panel.form.note() == "from the clinic"
    assert plan_form.hospital_spin.value() == 5

    leo = services.household.add_child(
        "Leo", date(2015, 3, 2), Decimal(30), "blinatumomab", date(2026, 11, 1), 1
    )
    controller.show_child(leo.id, services.household.children())  # another child: a fresh page
    assert not panel.form.isVisibleTo(panel)
    assert plan_form.hospital_spin.text() == "Not told yet"


def test_a_time_before_the_treatment_is_asked_about(
    qtbot: QtBot, services: Services, child: Child, dialogs: Dialogs
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    form = controller.page.pump.form
    before = datetime(2026, 10, 31, 22, 0, tzinfo=NEW_YORK)  # the cycle began on 1 Nov
    dialogs.replies.append("no")
    assert log(qtbot, controller, PumpEvent.ALARM, before) == []
    assert "before this treatment started" in dialogs.asked[-1]
    assert "before this treatment started" in form.message_text("observed_at")
    assert form.isVisibleTo(controller.page.pump) and form.observed_at() == before
    qtbot.mouseClick(form.save_button, LEFT)  # asked again: yes this time
    assert pump_entries(services, child) == [(PumpEvent.ALARM, None)]


def test_a_storage_failure_keeps_the_form(
    qtbot: QtBot, services: Services, child: Child, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> SaveResult:
        raise StorageError("The disk is full. Free some space, then save again.")

    controller = open_treatment(qtbot, services, child.id)
    monkeypatch.setattr(services.therapy, "log_pump_event", full)
    assert log(qtbot, controller, PumpEvent.STOPPED, NOW, note="stopped at school") == []
    form = controller.page.pump.form
    assert form.form_message.text() == "The disk is full. Free some space, then save again."
    assert form.isVisibleTo(controller.page.pump) and form.note() == "stopped at school"


def test_a_short_stop_says_call_and_log_the_restart(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    log(qtbot, controller, PumpEvent.STOPPED, NOW - timedelta(minutes=40))
    panel = controller.page.pump
    assert panel.status_headline.text() == "Pump stopped since 19:20 (40 min)"
    assert panel.status_detail.text() == (
        "Call your care team now. Press “Restarted” when it runs again."
    )


def test_a_storage_failure_while_reading_says_so_then_clears(
    qtbot: QtBot, services: Services, child: Child, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    real_plan = services.therapy.plan

    def unreadable(*_args: object) -> None:
        raise StorageError("The data file cannot be read right now.")

    monkeypatch.setattr(services.therapy, "plan", unreadable)
    controller.refresh()
    assert controller.page.banner.text() == "The data file cannot be read right now."
    monkeypatch.setattr(services.therapy, "plan", real_plan)
    controller.refresh()
    assert controller.page.banner.text() == ""
