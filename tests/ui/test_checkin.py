"""A check-in from Today to the database and back, and every bad input a tired parent can type
(reliability.md §7 rows 1-6 and 10-12): refused or asked about, never lost, never doubled."""

from __future__ import annotations

import contextlib
import signal
import time
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QMimeData, Qt, QTime
from pytestqt.qtbot import QtBot

from caretrack.domain.model import Child
from caretrack.domain.temperature import Route, Unit
from caretrack.domain.text import NOTE_LIMIT
from caretrack.services import Services
from caretrack.ui.checkin_form import CheckinForm
from tests.conftest import NOW
from tests.ui.conftest import Dialogs, Ui

LEFT = Qt.MouseButton.LeftButton


def _open(qtbot: QtBot, ui: Ui) -> CheckinForm:
    ui.controller.start()
    qtbot.mouseClick(ui.controller.today_view.log_button, LEFT)
    return ui.form()


def _save(qtbot: QtBot, form: CheckinForm) -> None:
    qtbot.mouseClick(form.save_button, LEFT)


def _type_temperature(qtbot: QtBot, form: CheckinForm, text: str, unit: Unit = Unit.C) -> None:
    qtbot.mouseClick(form.temperature.unit.button(unit.value), LEFT)
    form.temperature.value_edit.clear()
    qtbot.keyClicks(form.temperature.value_edit, text)


def test_checkin_end_to_end(qtbot: QtBot, ui: Ui, services: Services, child: Child) -> None:
    form = _open(qtbot, ui)
    assert form.title_label.text() == "How is Maya doing?"
    _type_temperature(qtbot, form, "38.2")
    qtbot.mouseClick(form.temperature.route.button(Route.AXILLARY.value), LEFT)
    chills = form.symptoms.rows["chills"]
    qtbot.mouseClick(chills.check, LEFT)
    assert chills.severity is not None and chills.severity.isVisible()
    qtbot.mouseClick(chills.severity.button("3"), LEFT)
    qtbot.mouseClick(form.symptoms.rows["seizure"].check, LEFT)  # ungraded: simply present
    qtbot.mouseClick(form.medicines.add_button, LEFT)
    row = form.medicines.rows[0]
    qtbot.keyClicks(row.name_edit, "Paracetamol")
    qtbot.keyClicks(row.dose_edit, "240 mg")
    qtbot.keyClicks(form.note.edit, "Hot and shivery after dinner.")
    qtbot.keyClicks(form.logged_by_edit, "Dad")
    _save(qtbot, form)

    (entry,) = services.entries.history(child.id)
    c = entry.content
    assert c.observed_at == NOW
    assert c.temperature is not None
    assert (c.temperature.tenths, c.temperature.unit, c.temperature.route) == (
        382,
        Unit.C,
        Route.AXILLARY,
    )
    assert {(s.symptom_id, s.severity) for s in c.symptoms} == {("chills", 3), ("seizure", None)}
    (medicine,) = c.medicines
    assert (medicine.name, medicine.dose, medicine.given_at) == ("Paracetamol", "240 mg", NOW)
    assert c.note == "Hot and shivery after dinner."
    assert c.logged_by == "Dad"

    today = ui.controller.today_view
    assert ui.window.current_page() is today
    assert today.banner.text() == "Saved at 20:00."
    (shown,) = today.entry_rows
    text = " ".join(lbl.text() for lbl in shown.findChildren(type(today.name_label)))
    assert "38.2 °C, under the arm" in text
    assert "Chills or shivering (severe)" in text
    assert "Seizure (fit)" in text
    assert "Paracetamol 240 mg at 20:00" in text
    assert "Hot and shivery after dinner." in text
    assert today.last_value.text() == "38.2 °C"


def test_unit_route_and_name_are_remembered(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "100.9", Unit.F)
    qtbot.mouseClick(form.temperature.route.button(Route.EAR.value), LEFT)
    qtbot.keyClicks(form.logged_by_edit, "Grandma")
    _save(qtbot, form)
    assert services.household.setting("unit") == "F"
    assert services.household.setting("route") == "ear"
    qtbot.mouseClick(ui.controller.today_view.log_button, LEFT)
    again = ui.form()
    assert again.unit() is Unit.F
    assert again.route() is Route.EAR
    assert again.logged_by() == "Grandma"


def test_ctrl_s_saves(qtbot: QtBot, ui: Ui, services: Services, child: Child) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "37.1")
    qtbot.keyClick(form.temperature.value_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(services.entries.history(child.id)) == 1


# ---- bad input ------------------------------------------------------------------------------


def test_text_in_the_temperature_is_explained_next_to_the_field(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "abc")
    qtbot.keyClicks(form.note.edit, "Keep me")
    qtbot.mouseClick(form.symptoms.rows["chills"].check, LEFT)
    _save(qtbot, form)
    assert (
        form.message_text("temperature") == "Type the number shown on the thermometer, like 38.2."
    )
    assert form.temperature_text() == "abc"
    assert form.note_text() == "Keep me"
    assert [r.symptom_id for r in form.symptom_reports()] == ["chills"]
    assert ui.window.current_page() is form
    assert services.entries.history(child.id) == []


def test_other_unit_offers_a_switch_that_works(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "38.5", Unit.F)
    _save(qtbot, form)
    assert form.message_text("temperature") == (
        "38.5 °F is not a body temperature. Did you mean 38.5 °C?"
    )
    switch = form.temperature_message.action_button
    assert switch.isVisible() and switch.text() == "Switch to °C"
    assert services.entries.history(child.id) == []
    qtbot.mouseClick(switch, LEFT)
    assert form.unit() is Unit.C
    assert form.message_text("temperature") == ""
    assert services.household.setting("unit") == "C"
    _save(qtbot, form)
    (entry,) = services.entries.history(child.id)
    assert entry.content.temperature is not None
    assert (entry.content.temperature.tenths, entry.content.temperature.unit) == (385, Unit.C)


def test_fahrenheit_value_typed_as_celsius_offers_fahrenheit(
    qtbot: QtBot, ui: Ui, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "101.3", Unit.C)
    _save(qtbot, form)
    assert "Did you mean 101.3 °F?" in form.message_text("temperature")
    assert form.temperature_message.action_button.text() == "Switch to °F"


@pytest.mark.parametrize(("text", "unit"), [("60", Unit.C), ("-5", Unit.C), ("140", Unit.F)])
def test_impossible_temperatures_are_refused(
    qtbot: QtBot, ui: Ui, services: Services, child: Child, text: str, unit: Unit
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, text, unit)
    _save(qtbot, form)
    assert "cannot be right" in form.message_text("temperature")
    assert "call your care team" in form.message_text("temperature")
    assert services.entries.history(child.id) == []


def test_unusual_temperature_saved_after_yes(
    qtbot: QtBot, ui: Ui, services: Services, child: Child, dialogs: Dialogs
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "35.0")
    _save(qtbot, form)
    assert dialogs.asked == ["35.0 °C is unusual. Is that what the thermometer showed?"]
    (entry,) = services.entries.history(child.id)
    assert entry.content.temperature is not None and entry.content.temperature.tenths == 350


def test_unusual_temperature_not_saved_after_no(
    qtbot: QtBot, ui: Ui, services: Services, child: Child, dialogs: Dialogs
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "35.0")
    qtbot.keyClicks(form.note.edit, "Cold hands")
    dialogs.replies.append("no")
    _save(qtbot, form)
    assert len(dialogs.asked) == 1
    assert services.entries.history(child.id) == []
    assert ui.window.current_page() is form
    assert form.temperature_text() == "35.0"
    assert form.note_text() == "Cold hands"
    assert "unusual" in form.message_text("temperature")
    assert form.save_button.isEnabled()


def test_future_time_is_refused(qtbot: QtBot, ui: Ui, services: Services, child: Child) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "37.0")
    form.date_edit.setDate(QDate(2026, 11, 6))
    _save(qtbot, form)
    assert form.message_text("observed_at") == (
        "This time is in the future. Check the date and time."
    )
    assert services.entries.history(child.id) == []


def test_back_dated_entry_is_saved_at_the_time_given(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "37.0")
    form.date_edit.setDate(QDate(2026, 11, 4))
    form.time_edit.setTime(QTime(3, 15))
    _save(qtbot, form)
    (entry,) = services.entries.history(child.id)
    assert entry.content.observed_at == datetime(2026, 11, 4, 3, 15, tzinfo=NOW.tzinfo)


def test_before_treatment_start_asks_first(
    qtbot: QtBot, ui: Ui, services: Services, child: Child, dialogs: Dialogs
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "37.0")
    form.date_edit.setDate(QDate(2026, 10, 20))
    _save(qtbot, form)
    assert dialogs.asked and "before this treatment started" in dialogs.asked[0]
    assert len(services.entries.history(child.id)) == 1


def test_before_birth_is_refused(qtbot: QtBot, ui: Ui, services: Services, child: Child) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "37.0")
    form.date_edit.setDate(QDate(2017, 1, 1))
    _save(qtbot, form)
    assert form.message_text("observed_at") == "This date is before your child's birth date."
    assert services.entries.history(child.id) == []


def test_an_empty_form_says_what_to_add(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _save(qtbot, form)
    assert "before saving" in form.message_text("form")
    assert services.entries.history(child.id) == []


def test_a_medicine_without_a_name_is_explained(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    qtbot.mouseClick(form.medicines.add_button, LEFT)
    qtbot.keyClicks(form.medicines.rows[0].dose_edit, "5 ml")
    _save(qtbot, form)
    assert form.message_text("medicines") == "Each medicine needs a name."
    assert services.entries.history(child.id) == []


def test_a_huge_paste_is_cut_to_the_cap_with_a_message(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    mime = QMimeData()
    mime.setText("x" * 1_000_000)
    started = time.perf_counter()
    form.note.edit.insertFromMimeData(mime)
    assert time.perf_counter() - started < 1.0
    assert len(form.note_text()) == NOTE_LIMIT
    assert "can hold 10,000 characters" in form.note.message.text()
    assert form.note.counter.text() == "10,000 of 10,000 characters"
    qtbot.keyClicks(form.note.edit, "more")  # typing at the cap adds nothing
    assert len(form.note_text()) == NOTE_LIMIT
    _save(qtbot, form)
    (entry,) = services.entries.history(child.id)
    assert len(entry.content.note) == NOTE_LIMIT


def test_control_and_bidi_characters_never_reach_the_database(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    form.note.set_text("ok\u202e evil\x00 end 🙂")
    _save(qtbot, form)
    (entry,) = services.entries.history(child.id)
    assert entry.content.note == "ok evil end 🙂"


def test_double_clicking_save_stores_exactly_one_entry(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "37.4")
    button = form.save_button
    # What a real double click delivers: press, release, double-click press, release.
    qtbot.mousePress(button, LEFT)
    qtbot.mouseRelease(button, LEFT)
    qtbot.mouseDClick(button, LEFT)
    qtbot.mouseRelease(button, LEFT)
    assert len(services.entries.history(child.id)) == 1


def test_saving_the_same_form_twice_stores_one_entry(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "37.4")
    checkin = ui.controller.checkin
    assert checkin is not None
    assert checkin.save()
    assert checkin.save()  # a retry with the same form: the service hands back the first
    assert len(services.entries.history(child.id)) == 1


def test_save_is_disabled_while_saving(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "37.4")
    seen: list[bool] = []
    original = services.entries.save_new

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(form.save_button.isEnabled())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    services.entries.save_new = spy  # type: ignore[method-assign]
    _save(qtbot, form)
    assert seen == [False]


@contextlib.contextmanager
def _disk_full() -> Iterator[None]:
    """Every file write of this process fails as on a full disk (POSIX RLIMIT_FSIZE)."""
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)


def test_storage_error_shows_a_banner_and_keeps_the_form(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "37.4")
    qtbot.keyClicks(form.note.edit, "Slept well")
    with _disk_full():
        _save(qtbot, form)
    assert form.banner.text().startswith("Not saved:")
    assert "Everything you typed is still here." in form.banner.text()
    assert form.note_text() == "Slept well"
    assert form.temperature_text() == "37.4"
    assert ui.window.current_page() is form
    assert services.entries.history(child.id) == []
    _save(qtbot, form)  # space is back: the same form saves, once
    assert len(services.entries.history(child.id)) == 1


def test_escape_closes_an_untouched_form_at_once(
    qtbot: QtBot, ui: Ui, child: Child, dialogs: Dialogs
) -> None:
    form = _open(qtbot, ui)
    qtbot.keyClick(form.temperature.value_edit, Qt.Key.Key_Escape)
    assert dialogs.asked == []
    assert ui.window.current_page() is ui.controller.today_view


def test_escape_asks_before_throwing_typed_values_away(
    qtbot: QtBot, ui: Ui, services: Services, child: Child, dialogs: Dialogs
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "38.0")
    dialogs.replies.append("no")
    qtbot.keyClick(form.temperature.value_edit, Qt.Key.Key_Escape)
    assert dialogs.asked == ["What you typed in this check-in will not be saved."]
    assert ui.window.current_page() is form
    qtbot.keyClick(form.temperature.value_edit, Qt.Key.Key_Escape)  # answered yes
    assert ui.window.current_page() is ui.controller.today_view
    assert services.entries.history(child.id) == []


def test_ctrl_n_opens_the_form_from_today(qtbot: QtBot, ui: Ui, child: Child) -> None:
    ui.controller.start()
    qtbot.keyClick(
        ui.controller.today_view.log_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    assert ui.controller.checkin is not None


def test_more_symptoms_are_one_click_away(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    checklist = form.symptoms
    assert checklist.more_button is not None and checklist.more_section is not None
    assert not checklist.more_section.isVisible()
    primary = {r.symptom.id for r in checklist.primary_rows}
    assert all(services.catalogue.symptom(s).is_warning_for("blinatumomab") for s in primary)
    qtbot.mouseClick(checklist.more_button, LEFT)
    assert checklist.more_section.isVisible()
    assert len(checklist.rows) == len(services.catalogue.symptoms)


def test_a_symptom_name_is_clickable(qtbot: QtBot, ui: Ui, child: Child) -> None:
    form = _open(qtbot, ui)
    row = form.symptoms.rows["headache"]
    qtbot.mouseClick(row.name_label, LEFT)
    assert row.check.isChecked()


def test_unticking_a_symptom_forgets_its_severity(qtbot: QtBot, ui: Ui, child: Child) -> None:
    form = _open(qtbot, ui)
    row = form.symptoms.rows["headache"]
    qtbot.mouseClick(row.check, LEFT)
    assert row.severity is not None
    qtbot.mouseClick(row.severity.button("2"), LEFT)
    qtbot.mouseClick(row.check, LEFT)
    assert form.symptom_reports() == ()
    assert row.severity.value() is None


def test_today_lists_only_todays_entries(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    from caretrack.domain.model import EntryContent

    for day, uid in ((date(2026, 11, 4), "a"), (date(2026, 11, 5), "b")):
        services.entries.save_new(
            child.id,
            uid,
            EntryContent(datetime.combine(day, NOW.timetz()).replace(hour=8), note=uid),
        )
    ui.controller.start()
    assert len(ui.controller.today_view.entry_rows) == 1


def test_tab_walks_the_form_top_to_bottom(qtbot: QtBot, ui: Ui, child: Child) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    form = _open(qtbot, ui)
    qtbot.mouseClick(form.medicines.add_button, LEFT)
    qtbot.waitUntil(lambda: form.medicines.rows[0].isVisible())  # shown on the next loop turn
    with qtbot.waitActive(ui.window):
        ui.window.activateWindow()
    form.date_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    seen: list[QWidget] = []
    for _ in range(400):
        current = QApplication.focusWidget()
        assert current is not None
        if current is form.save_button:
            break
        seen.append(current)
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    else:
        pytest.fail("Tab never reached Save")

    def position(widget: QWidget) -> int:
        for i, w in enumerate(seen):
            if w is widget or widget.isAncestorOf(w):
                return i
        names = [w.accessibleName() or type(w).__name__ for w in seen]
        raise AssertionError(f"{widget.accessibleName()} never got focus: {names}")

    row = form.medicines.rows[0]
    order = [
        form.date_edit,
        form.time_edit,
        form.temperature.value_edit,
        form.temperature.route.button(Route.ORAL.value),
        form.symptoms.rows["chills"].check,
        row.name_edit,
        row.dose_edit,
        form.medicines.add_button,
        form.note.edit,
        form.logged_by_edit,
        form.cancel_button,
    ]
    positions = [position(w) for w in order]
    assert positions == sorted(positions)


def test_closing_the_window_asks_about_a_typed_check_in(
    qtbot: QtBot, ui: Ui, child: Child, dialogs: Dialogs
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "38.0")
    dialogs.replies.append("no")
    ui.window.close()
    assert ui.window.isVisible()
    assert dialogs.asked == ["What you typed in this check-in will not be saved."]


def test_the_window_announces_each_saved_check_in(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    form = _open(qtbot, ui)
    _type_temperature(qtbot, form, "38.4")
    with qtbot.waitSignal(ui.controller.entry_saved) as saved:
        _save(qtbot, form)
    (result,) = saved.args
    assert result.entry.id == services.entries.history(child.id)[0].id
    assert result.created
