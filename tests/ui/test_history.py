"""History: every entry newest first, filters, editing with every earlier version kept."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from caretrack.domain.model import Child, EntryContent, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.services import Services
from caretrack.ui.entry_editor import EntryEditor
from caretrack.ui.entry_table_model import ENTRY_ID_ROLE, EntryTableModel
from caretrack.ui.versions_model import DETAIL_ROLE, VersionListModel
from tests.conftest import NOW
from tests.ui.conftest import Dialogs, Ui

LEFT = Qt.MouseButton.LeftButton


def _add(services: Services, child: Child, uid: str, at: datetime, tenths: int = 372) -> int:
    content = EntryContent(
        observed_at=at,
        logged_by="Mum",
        temperature=Temperature(tenths, Unit.C, Route.ORAL),
        symptoms=(SymptomReport("headache", 2),),
        note=f"note {uid}",
    )
    return services.entries.save_new(child.id, uid, content).entry.id


def _show_history(qtbot: QtBot, ui: Ui) -> None:
    ui.controller.start()
    qtbot.mouseClick(ui.window.history_button, LEFT)
    assert ui.window.current_page() is ui.controller.history_view


def _cell(model: EntryTableModel, row: int, column: int) -> str:
    return str(model.index(row, column).data())


def test_history_lists_every_entry_newest_first(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    _add(services, child, "old", NOW - timedelta(days=3))
    _add(services, child, "new", NOW - timedelta(hours=1), tenths=384)
    _show_history(qtbot, ui)
    model = ui.controller.history_model
    assert model.rowCount() == 2
    assert _cell(model, 0, EntryTableModel.WHEN) == "Thu 5 Nov, 19:00"
    assert _cell(model, 0, EntryTableModel.TEMPERATURE) == "38.4 °C, by mouth"
    assert _cell(model, 0, EntryTableModel.SYMPTOMS) == "Headache (moderate)"
    assert _cell(model, 0, EntryTableModel.NOTE) == "note new"
    assert _cell(model, 0, EntryTableModel.BY) == "Mum"
    assert _cell(model, 1, EntryTableModel.WHEN) == "Mon 2 Nov, 20:00"
    assert ui.controller.history_view.count_label.text() == "2 entries"


def test_history_filters_by_child_and_dates(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    leo = services.household.add_child(
        "Leo", date(2014, 9, 14), Decimal(31), "tisagenlecleucel", date(2026, 10, 30)
    )
    _add(services, child, "m1", NOW - timedelta(days=2))
    _add(services, child, "m2", NOW - timedelta(hours=2))
    _add(services, leo, "l1", NOW - timedelta(days=4))
    _show_history(qtbot, ui)
    view = ui.controller.history_view
    model = ui.controller.history_model
    assert model.rowCount() == 3
    assert not view.table.isColumnHidden(EntryTableModel.CHILD)
    view.child_combo.setCurrentIndex(view.child_combo.findData(leo.id))
    assert model.rowCount() == 1
    assert _cell(model, 0, EntryTableModel.CHILD) == "Leo"
    view.child_combo.setCurrentIndex(0)  # all children
    view.from_edit.setDate(QDate(2026, 11, 3))
    view.to_edit.setDate(QDate(2026, 11, 3))
    assert model.rowCount() == 1
    assert view.count_label.text() == "1 entry"
    view.from_edit.setDate(QDate(2026, 11, 4))
    view.to_edit.setDate(QDate(2026, 11, 4))
    assert model.rowCount() == 0
    assert view.empty_label.isVisible()
    qtbot.mouseClick(view.all_button, LEFT)
    assert model.rowCount() == 3


def test_editing_keeps_both_versions_and_marks_the_row(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    entry_id = _add(services, child, "e", NOW - timedelta(hours=1))
    _show_history(qtbot, ui)
    view = ui.controller.history_view
    index = ui.controller.history_model.index(0, 0)
    view.table.scrollTo(index)
    where = view.table.visualRect(index).center()
    viewport = view.table.viewport()
    # A real double click: press, release, double-click press, release.
    qtbot.mousePress(viewport, LEFT, pos=where)
    qtbot.mouseRelease(viewport, LEFT, pos=where)
    qtbot.mouseDClick(viewport, LEFT, pos=where)
    qtbot.mouseRelease(viewport, LEFT, pos=where)
    page = ui.window.current_page()
    assert isinstance(page, EntryEditor)
    form = ui.form()
    assert form.temperature_text() == "37.2"
    assert [(s.symptom_id, s.severity) for s in form.symptom_reports()] == [("headache", 2)]
    form.temperature.value_edit.clear()
    qtbot.keyClicks(form.temperature.value_edit, "38.6")
    qtbot.mouseClick(form.save_button, LEFT)

    saved = services.entries.entry(entry_id)
    assert saved.version == 2
    assert [v.number for v in saved.history] == [1, 2]
    assert saved.history[0].content.temperature == Temperature(372, Unit.C, Route.ORAL)
    assert saved.content.temperature == Temperature(386, Unit.C, Route.ORAL)
    assert len(services.entries.history(child.id)) == 1

    assert ui.window.current_page() is view
    model = ui.controller.history_model
    assert _cell(model, 0, EntryTableModel.WHEN).endswith("\nedited")
    assert "Saved at" in view.banner.text()

    view.select_entry(entry_id)
    qtbot.mouseClick(view.open_button, LEFT)
    editor = ui.window.current_page()
    assert isinstance(editor, EntryEditor)
    versions = editor.versions
    assert versions.model.rowCount() == 2
    assert "Version 2 (current)" in str(versions.model.index(0, 0).data())
    versions.select_row(1)
    assert "37.2 °C" in versions.detail.text()
    versions.select_row(0)
    assert "38.6 °C" in versions.detail.text()


def test_an_edit_made_elsewhere_is_never_overwritten(
    qtbot: QtBot, ui: Ui, services: Services, child: Child, dialogs: Dialogs
) -> None:
    entry_id = _add(services, child, "e", NOW - timedelta(hours=1))
    ui.controller.start()
    ui.controller._on_entry_open_requested(entry_id)
    form = ui.form()
    other = services.entries.entry(entry_id)
    services.entries.edit(
        entry_id, other.version, EntryContent(observed_at=other.content.observed_at, note="theirs")
    )
    form.note.set_text("mine")
    qtbot.mouseClick(form.save_button, LEFT)
    assert "changed somewhere else" in form.banner.text()
    assert dialogs.shown and "changed somewhere else" in dialogs.shown[0]
    saved = services.entries.entry(entry_id)
    assert saved.content.note == "theirs"
    assert [v.content.note for v in saved.history] == ["note e", "theirs"]
    assert ui.window.current_page() is not ui.controller.today_view


def test_editing_keeps_what_the_form_does_not_show(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    """Fields logged elsewhere (e.g. a pump event) survive an edit made in this form."""
    import dataclasses

    entry_id = _add(services, child, "e", NOW - timedelta(hours=1))
    extra = {f.name: f for f in dataclasses.fields(EntryContent)}.keys() - {
        "observed_at",
        "logged_by",
        "temperature",
        "symptoms",
        "medicines",
        "note",
    }
    before = services.entries.entry(entry_id).content
    ui.controller.start()
    ui.controller._on_entry_open_requested(entry_id)
    form = ui.form()
    form.note.set_text("changed")
    qtbot.mouseClick(form.save_button, LEFT)
    after = services.entries.entry(entry_id).content
    assert after.note == "changed"
    assert {k: getattr(after, k) for k in extra} == {k: getattr(before, k) for k in extra}


def test_today_change_link_opens_the_editor(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    _add(services, child, "e", NOW - timedelta(hours=1))
    ui.controller.start()
    (row,) = ui.controller.today_view.entry_rows
    qtbot.mouseClick(row.open_button, LEFT)
    assert isinstance(ui.window.current_page(), EntryEditor)
    qtbot.mouseClick(ui.form().cancel_button, LEFT)
    assert ui.window.current_page() is ui.controller.today_view


# ---- item models ------------------------------------------------------------------------------


def test_entry_table_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, child: Child
) -> None:
    for i in range(5):
        _add(services, child, f"u{i}", NOW - timedelta(hours=i * 7))
    model = EntryTableModel(services.catalogue)
    model.set_entries(services.entries.history(), {child.id: child.name}, NOW.date())
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data(ENTRY_ID_ROLE) == services.entries.history()[0].id
    model.set_entries([], {}, NOW.date())
    qtmodeltester.check(model, force_py=True)


def test_version_list_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, child: Child
) -> None:
    entry_id = _add(services, child, "v", NOW - timedelta(hours=2))
    current = services.entries.entry(entry_id)
    services.entries.edit(
        entry_id, current.version, EntryContent(observed_at=current.content.observed_at, note="b")
    )
    model = VersionListModel(services.catalogue)
    model.set_versions(services.entries.entry(entry_id).history)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    assert "note v" in str(model.index(1, 0).data(DETAIL_ROLE))
