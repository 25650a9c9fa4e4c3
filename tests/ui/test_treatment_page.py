"""The Treatment page on a real database: the cycle calendar, the watch windows, the next
cycle and what the care team said, for blinatumomab, CAR T and the dose-day therapies."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from caretrack.domain.model import Child
from caretrack.services import Services
from caretrack.services.clock import FixedClock
from caretrack.ui.treatment_controller import TreatmentController
from caretrack.ui.treatment_page import WindowState
from caretrack.ui.widgets.course_plan_form import pydate, qdate
from caretrack.ui.widgets.cycle_calendar import CellKind, DayCell
from tests.conftest import NEW_YORK, NOW
from tests.ui.conftest import Dialogs
from tests.ui.test_accessibility import unnamed_controls

LEFT = Qt.MouseButton.LeftButton
TODAY = NOW.date()  # Thu 5 Nov 2026


def open_treatment(qtbot: QtBot, services: Services, child_id: int) -> TreatmentController:
    """The controller with its page shown at the size of a small window."""
    window = QWidget()
    qtbot.addWidget(window)
    controller = TreatmentController(services, window)
    qtbot.addWidget(controller.page)
    controller.page.resize(1000, 760)
    controller.show_child(child_id, services.household.children())
    controller.page.show()
    return controller


def cell(controller: TreatmentController, day: date) -> DayCell:
    widget = controller.page.calendar.cell_on(day)
    assert widget is not None and widget.cell is not None, f"no cell on {day}"
    return widget.cell


def add_child(services: Services, therapy: str, start: date, weight: str | None = "30") -> Child:
    return services.household.add_child(
        "Leo", date(2015, 3, 2), None if weight is None else Decimal(weight), therapy, start, 1
    )


# ---- blinatumomab ---------------------------------------------------------------------------


def test_blinatumomab_cycle_with_hospital_days_break_and_next_cycle(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    services.therapy.set_course_plan(child.id, 9, None, None, [])
    controller = open_treatment(qtbot, services, child.id)
    page = controller.page
    assert page.day_label.text() == "Blinatumomab (Blincyto) · Day 5 of 28, cycle 1"
    assert page.title_label.text() == "Maya's treatment"

    start = date(2026, 11, 1)
    first = cell(controller, start)
    assert (first.kind, first.number, first.tag) == (CellKind.HOSPITAL, "1", "Hospital")
    assert first.description == "Sunday 1 November: day 1 of 28, in hospital"
    assert cell(controller, start + timedelta(days=8)).kind is CellKind.HOSPITAL  # day 9
    day_10 = cell(controller, start + timedelta(days=9))
    assert (day_10.kind, day_10.number, day_10.tag) == (CellKind.PUMP, "10", "Pump")
    day_28 = cell(controller, date(2026, 11, 28))
    assert (day_28.kind, day_28.number) == (CellKind.PUMP, "28")
    break_1 = cell(controller, date(2026, 11, 29))
    assert (break_1.kind, break_1.number, break_1.tag) == (CellKind.BREAK, "1", "Break")
    assert break_1.description == "Sunday 29 November: break day 1 of 14, no infusion"
    break_14 = cell(controller, date(2026, 12, 12))
    assert (break_14.kind, break_14.number) == (CellKind.BREAK, "14")
    following = cell(controller, date(2026, 12, 13))
    assert following.kind is CellKind.NEXT_CYCLE
    assert controller.page.calendar.cells[-1] == following  # nothing after the next start
    assert page.next_cycle_label.text() == (
        "Next cycle could start on Sun 13 December; the care team confirms the date."
    )
    # Today has the ring and says so first; the days before the start are blank.
    today = cell(controller, TODAY)
    assert today.today and today.description.startswith("Today, Thursday 5 November: day 5")
    assert sum(c.today for c in page.calendar.cells) == 1
    assert page.calendar.cell_on(date(2026, 10, 31)) is None
    widget = page.calendar.cell_on(start)
    assert widget is not None and widget.accessibleName() == first.description
    legend = [item.text for item in page.calendar.legend_items]
    assert any(t.startswith("Hospital") for t in legend) and any("today" in t for t in legend)
    # The pump log is there, with the catalogue's standing instructions.
    assert page.pump_card.isVisibleTo(page)


def test_hospital_days_and_break_typed_into_the_form_reshape_the_calendar(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    form = controller.page.plan_form
    assert form.hospital_box.isVisibleTo(form) and form.break_box.isVisibleTo(form)
    assert not form.stay_box.isVisibleTo(form) and not form.dose_box.isVisibleTo(form)
    # The hints are the catalogue's sentences, numbers and all.
    assert "first 9 days of cycle 1" in form.hospital_hint.text()
    assert "14-day break" in form.break_hint.text()
    assert form.hospital_spin.text() == "Not told yet"
    assert cell(controller, date(2026, 11, 1)).kind is CellKind.PUMP  # nothing said yet

    changed: list[int] = []
    controller.course_changed.connect(changed.append)
    form.hospital_spin.setValue(3)
    later = next(b for b in form.break_choice_buttons if b.text() == "56 days")
    qtbot.mouseClick(later, LEFT)
    qtbot.mouseClick(form.save_button, LEFT)

    assert "Saved" in form.banner.text()
    assert changed == [child.id]
    assert cell(controller, date(2026, 11, 3)).kind is CellKind.HOSPITAL
    assert cell(controller, date(2026, 11, 4)).kind is CellKind.PUMP
    last_break = date(2026, 11, 28) + timedelta(days=56)
    assert cell(controller, last_break).number == "56"
    assert cell(controller, last_break + timedelta(days=1)).kind is CellKind.NEXT_CYCLE
    course = services.household.child(child.id).current_course
    assert course is not None and (course.hospital_days, course.break_days) == (3, 56)
    assert form.hospital_spin.value() == 3  # the form shows what was saved


def test_start_next_cycle_asks_first_and_keeps_a_wrong_date_in_the_form(
    qtbot: QtBot, services: Services, child: Child, dialogs: Dialogs
) -> None:
    controller = open_treatment(qtbot, services, child.id)
    page = controller.page
    qtbot.mouseClick(page.next_cycle_button, LEFT)
    form = page.next_cycle_form
    assert form.isVisibleTo(page)
    assert form.first_day() == date(2026, 12, 13)  # the schedule's date as a start
    assert form.start_button.text() == "Start cycle 2"

    form.date_edit.setDate(qdate(date(2026, 10, 20)))  # before this cycle began
    qtbot.mouseClick(form.start_button, LEFT)
    assert "must start after" in form.message.text()
    assert form.isVisibleTo(page) and form.first_day() == date(2026, 10, 20)

    dialogs.replies.append("no")  # "Start cycle 2 on ...?" -> No: nothing changes
    form.date_edit.setDate(qdate(date(2026, 12, 16)))
    qtbot.mouseClick(form.start_button, LEFT)
    assert services.household.child(child.id).current_course.cycle == 1  # type: ignore[union-attr]

    form.break_spin.setValue(56)
    qtbot.mouseClick(form.start_button, LEFT)
    assert "Start cycle 2 on Wed 16 Dec 2026?" in dialogs.asked[-1]
    course = services.household.child(child.id).current_course
    assert course is not None
    assert (course.cycle, course.start_date, course.break_days) == (2, date(2026, 12, 16), 56)
    assert not form.isVisibleTo(page)
    assert "Cycle 2 starts on Wed 16 Dec 2026" in page.banner.text()
    assert page.day_label.text().endswith("Treatment starts on Wed 16 Dec 2026")
    assert cell(controller, date(2026, 12, 16)).number == "1"


# ---- CAR T ----------------------------------------------------------------------------------


def test_car_t_day_zero_stay_near_and_nervous_system_watch(
    qtbot: QtBot, services: Services
) -> None:
    leo = add_child(services, "tisagenlecleucel", date(2026, 11, 1))
    controller = open_treatment(qtbot, services, leo.id)
    page = controller.page
    assert page.day_label.text() == "Tisagenlecleucel (Kymriah) · Day +4"
    assert not page.pump_card.isVisibleTo(page)
    assert not page.next_cycle_button.isVisibleTo(page)

    day_0 = cell(controller, date(2026, 11, 1))
    assert (day_0.kind, day_0.number, day_0.tag) == (CellKind.INFUSION, "0", "Infusion")
    plus_14 = cell(controller, date(2026, 11, 15))
    assert (plus_14.kind, plus_14.number, plus_14.tag) == (CellKind.STAY_NEAR, "+14", "Stay near")
    assert cell(controller, date(2026, 11, 16)).kind is CellKind.WATCH
    plus_56 = cell(controller, date(2026, 12, 27))
    assert (plus_56.kind, plus_56.number) == (CellKind.WATCH, "+56")
    assert page.calendar.cells[-1] == plus_56

    # The stay-near period and its end date stand out at the top, and lead the windows.
    stay = (
        "Stay near the treatment center (and no driving, for a teenager who drives): "
        "until Sun 15 November"
    )
    assert page.key_label.isVisibleTo(page)
    assert page.key_label.text() == stay + " (Day +14)"
    rows = [row.line for row in page.window_rows]
    assert rows[0].text == stay + " (Day +14)" and rows[0].state is WindowState.ACTIVE
    assert rows[0].sources == "Sources: S4, S5, S6"
    assert rows[0].unverified == "(leaflets differ on how long: ask your care team)"
    assert "S4: " in rows[0].sources_detail  # the citation, for the tooltip
    assert rows[1].text == (
        "Watch closely for nervous system problems (a daily check helps): "
        "until Sun 27 December (Day +56)"
    )
    assert rows[1].unverified == ""


def test_car_t_team_sets_a_longer_stay_near_then_it_ends(
    qtbot: QtBot, services: Services, clock: FixedClock
) -> None:
    leo = add_child(services, "tisagenlecleucel", date(2026, 11, 1))
    controller = open_treatment(qtbot, services, leo.id)
    form = controller.page.plan_form
    assert form.stay_box.isVisibleTo(form) and not form.hospital_box.isVisibleTo(form)
    assert form.stay_spin.minimum() == 14  # the label's period: only longer is allowed
    assert "at least 2 weeks" in form.stay_hint.text()
    form.stay_spin.setValue(28)
    qtbot.mouseClick(form.save_button, LEFT)
    assert controller.page.key_label.text().endswith("until Sun 29 November (Day +28)")
    assert cell(controller, date(2026, 11, 29)).kind is CellKind.STAY_NEAR
    assert cell(controller, date(2026, 11, 30)).kind is CellKind.WATCH

    clock.moment = datetime(2026, 12, 2, 9, 0, tzinfo=NEW_YORK)  # Day +31
    controller.refresh()
    page = controller.page
    assert not page.key_label.isVisibleTo(page)
    lines = [row.line for row in page.window_rows]
    assert lines[0].state is WindowState.ACTIVE and lines[0].text.startswith("Watch closely")
    finished = lines[-1]
    assert finished.state is WindowState.FINISHED
    assert finished.text == (
        "Stay near the treatment center (and no driving, for a teenager who drives): "
        "ended Sun 29 November"
    )
    assert page.window_rows[-1].text_label.property("role") == "hint"  # greyed


# ---- dose-day therapies ---------------------------------------------------------------------


def test_rituximab_dose_dates_from_the_team(qtbot: QtBot, services: Services) -> None:
    leo = add_child(services, "rituximab", date(2026, 11, 1))
    controller = open_treatment(qtbot, services, leo.id)
    page = controller.page
    form = page.plan_form
    assert form.dose_box.isVisibleTo(form) and not form.break_box.isVisibleTo(form)
    assert "The care team enters the dates" in form.dose_hint.text()
    assert not page.pump_card.isVisibleTo(page)

    editor = form.dose_editor
    for day in (date(2026, 11, 1), date(2026, 11, 3), date(2026, 11, 20)):
        editor.date_edit.setDate(qdate(day))
        qtbot.mouseClick(editor.add_button, LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    doses = [c.on for c in page.calendar.cells if c.kind is CellKind.DOSE]
    assert doses == [date(2026, 11, 1), date(2026, 11, 3), date(2026, 11, 20)]
    dose = cell(controller, date(2026, 11, 3))
    assert (dose.number, dose.tag) == ("3", "Dose")
    assert dose.description == "Tuesday 3 November: day 3, a dose day"
    assert cell(controller, date(2026, 11, 4)).kind is CellKind.PLAIN
    assert page.calendar.cells[-1].on == date(2026, 11, 20)
    # The reaction watch follows each dose; the skin watch starts a week after one.
    texts = [row.line.text for row in page.window_rows]
    assert any(t.startswith("Watch for blisters") and "from Sun 8 November" in t for t in texts)

    # A date more than a year away: the message is at the dates, which stay as typed.
    editor.date_edit.setDate(qdate(date(2028, 1, 10)))
    qtbot.mouseClick(editor.add_button, LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert "more than a year from the start" in form.message_text("dose_dates")
    assert date(2028, 1, 10) in editor.dates()
    assert pydate(editor.date_edit.date()) == date(2028, 1, 10)

    removed = next(b for b in editor.remove_buttons if "10 Jan 2028" in b.accessibleName())
    qtbot.mouseClick(removed, LEFT)
    qtbot.mouseClick(editor.remove_buttons[1], LEFT)  # Tue 3 Nov
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.message_text("dose_dates") == ""
    doses = [c.on for c in page.calendar.cells if c.kind is CellKind.DOSE]
    assert doses == [date(2026, 11, 1), date(2026, 11, 20)]


def test_inotuzumab_dose_days_from_the_schedule(qtbot: QtBot, services: Services) -> None:
    leo = add_child(services, "inotuzumab_ozogamicin", date(2026, 11, 1))
    controller = open_treatment(qtbot, services, leo.id)
    doses = [c.number for c in controller.page.calendar.cells if c.kind is CellKind.DOSE]
    assert doses == ["1", "8", "15"]
    assert controller.page.calendar.cells[-1].number == "21"  # cycle 1 is 21 days
    assert "Doses on days 1, 8 and 15" in controller.page.plan_form.dose_hint.text()


# ---- the page as a whole ----------------------------------------------------------------------


def test_child_switcher_and_sections_for_other_panels(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    leo = add_child(services, "tisagenlecleucel", date(2026, 11, 1))
    controller = open_treatment(qtbot, services, child.id)
    page = controller.page
    switcher = page.child_switcher
    assert switcher is not None
    chosen: list[int] = []
    controller.child_selected.connect(chosen.append)
    qtbot.mouseClick(switcher.button(str(leo.id)), LEFT)
    assert chosen == [leo.id]
    assert page.title_label.text() == "Leo's treatment"
    assert not page.pump_card.isVisibleTo(page)

    medicines = QLabel("medicines here")
    card = page.add_section("Medicines", medicines)
    assert card.title_label is not None and card.title_label.text() == "Medicines"
    # Below the calendar, above what the care team said.
    qtbot.waitUntil(lambda: card.geometry().top() > page.calendar_card.geometry().bottom())
    assert card.geometry().bottom() < page.plan_card.geometry().top()


def test_every_control_has_a_name(qtbot: QtBot, services: Services, child: Child) -> None:
    controller = open_treatment(qtbot, services, child.id)
    page = controller.page
    qtbot.mouseClick(page.next_cycle_button, LEFT)
    qtbot.mouseClick(page.pump.event_buttons[next(iter(page.pump.event_buttons))], LEFT)
    assert unnamed_controls(page) == []
    leo = add_child(services, "rituximab", date(2026, 11, 1))
    controller.show_child(leo.id, services.household.children())
    assert page.plan_form.dose_box.isVisibleTo(page)
    assert unnamed_controls(page) == []
