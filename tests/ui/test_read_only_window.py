"""Read-only storage in the window (reliability.md T18): the real start-up path opens a folder
that cannot be written for viewing, says so in a strip on every page, lets the parent print
and copy, and answers every Save with "not saved" and the typed values kept. Never a false
"Saved", never a quiet drop.

As root, `test_as_root` runs this module again without capabilities and under a read-only
mount (tests/read_only.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from caretrack.app import Startup
from caretrack.domain.catalogue import Catalogue
from caretrack.services import Services
from caretrack.services.clock import FixedClock
from caretrack.ui.call_record_dialog import CallRecordDialog
from caretrack.ui.checkin_form import CheckinForm
from caretrack.ui.entry_editor import EntryEditor
from caretrack.ui.load_failure_page import LoadFailurePage
from caretrack.ui.messages import storage_notice_text
from tests import read_only
from tests.conftest import NOW
from tests.ui.conftest import Dialogs, start_app
from tests.ui.test_visit_page import SaveDialog

LEFT = Qt.MouseButton.LeftButton
NOT_SAVED = f"Not saved: {read_only.REFUSED} Everything you typed is still here."


@pytest.fixture
def folder(tmp_path: Path, catalogue: Catalogue, clock: FixedClock) -> Iterator[Path]:
    with read_only.read_only_household(tmp_path / "data", catalogue, clock) as data:
        yield data


@pytest.fixture
def app(qtbot: QtBot, folder: Path, clock: FixedClock, dialogs: Dialogs) -> Iterator[Startup]:
    startup = start_app(qtbot, folder, clock)
    assert startup.ok, startup.failure.text() if startup.failure else "no page"
    yield startup
    startup.window.close_guard = None
    startup.close()


def services_of(app: Startup) -> Services:
    assert app.services is not None
    return app.services


def test_it_opens_for_viewing_with_a_strip_on_every_page(
    qtbot: QtBot, app: Startup, folder: Path
) -> None:
    before = read_only.fingerprint(folder)
    window, controller = app.window, app.controller
    assert controller is not None and services_of(app).database.read_only
    notice = window.storage_notice
    assert notice.isVisibleTo(window)
    assert notice.text() == storage_notice_text("read_only")
    assert notice.text().startswith("CareTrack can show your data, but it cannot save anything")
    assert len(controller.today_view.entry_rows) == 3
    qtbot.mouseClick(window.history_button, LEFT)
    assert window.current_page() is controller.history_view
    assert controller.history_model.rowCount() == 3
    assert notice.isVisibleTo(window)
    qtbot.mouseClick(window.visit_button, LEFT)
    assert notice.isVisibleTo(window) and notice.text() == storage_notice_text("read_only")
    qtbot.wait(50)  # the start-up backup would run now in a writable folder: not here
    assert not (folder / "backups").exists()
    assert read_only.fingerprint(folder) == before


def _checkin(qtbot: QtBot, app: Startup) -> CheckinForm:
    assert app.controller is not None
    app.controller.show_today()
    qtbot.mouseClick(app.controller.today_view.log_button, LEFT)
    assert app.controller.checkin is not None
    return app.controller.checkin.form


def test_a_check_in_is_never_reported_saved_and_keeps_what_was_typed(
    qtbot: QtBot, app: Startup, folder: Path
) -> None:
    before = read_only.fingerprint(folder)
    form = _checkin(qtbot, app)
    form.temperature.value_edit.clear()
    qtbot.keyClicks(form.temperature.value_edit, "37.4")
    qtbot.keyClicks(form.note.edit, "Slept well")
    for _ in range(5):  # every attempt, not just the first
        qtbot.mouseClick(form.save_button, LEFT)
        assert form.banner.text() == NOT_SAVED
        assert app.window.current_page() is form
        assert form.temperature_text() == "37.4" and form.note_text() == "Slept well"
    assert app.controller is not None
    assert "Saved" not in app.controller.today_view.banner.text()
    assert len(services_of(app).entries.history()) == 3
    assert read_only.fingerprint(folder) == before


def test_an_edit_from_history_is_refused_the_same_way(qtbot: QtBot, app: Startup) -> None:
    controller = app.controller
    assert controller is not None
    qtbot.mouseClick(app.window.history_button, LEFT)
    entry_id = services_of(app).entries.history()[0].id
    controller.history_view.select_entry(entry_id)
    qtbot.mouseClick(controller.history_view.open_button, LEFT)
    editor = app.window.current_page()
    assert isinstance(editor, EntryEditor) and controller.checkin is not None
    form = controller.checkin.form
    qtbot.keyClicks(form.note.edit, " and more")
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.banner.text() == NOT_SAVED
    assert app.window.current_page() is editor
    assert services_of(app).entries.entry(entry_id).version == 1


def test_the_care_team_page_says_not_saved(qtbot: QtBot, app: Startup) -> None:
    controller = app.controller
    assert controller is not None
    app.window.care_team_action.trigger()
    page = controller.care_team_page
    assert page is not None and app.window.current_page() is page
    page.form.phone_24h_edit.clear()
    qtbot.keyClicks(page.form.phone_24h_edit, "555-0199")
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.banner.text() == read_only.REFUSED
    assert app.window.current_page() is page
    assert page.form.phone_24h_edit.text() == "555-0199"
    assert services_of(app).household.care_team().phone_24h == "555-0100"


def test_a_new_child_is_not_added_and_the_parent_is_told(
    qtbot: QtBot, app: Startup, dialogs: Dialogs
) -> None:
    controller = app.controller
    assert controller is not None
    app.window.add_child_action.trigger()
    flow = controller.setup_flow
    assert flow is not None
    qtbot.keyClicks(flow.name_edit, "Leo")
    flow.birth_edit.setDate(QDate(2016, 2, 2))
    qtbot.mouseClick(flow.next_button, LEFT)
    flow.set_therapy("tisagenlecleucel")
    qtbot.mouseClick(flow.next_button, LEFT)
    flow.start_edit.setDate(QDate(2026, 10, 30))
    qtbot.mouseClick(flow.next_button, LEFT)
    assert dialogs.shown == [read_only.REFUSED]
    assert app.window.current_page() is flow
    assert [c.name for c in services_of(app).household.children()] == ["Maya"]


def test_questions_and_visits_say_not_saved(qtbot: QtBot, app: Startup) -> None:
    assert app.controller is not None
    qtbot.mouseClick(app.window.visit_button, LEFT)
    page = app.controller.visit.page
    qtbot.keyClicks(page.question_edit, "Is a bath fine?")
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.question_message.text() == read_only.REFUSED
    assert page.question_edit.text() == "Is a bath fine?"
    qtbot.mouseClick(page.question_rows[0].done_button, LEFT)
    assert page.banner.text() == read_only.REFUSED
    assert len(page.question_rows) == 1
    page.banner.clear()
    qtbot.mouseClick(page.visit_button, LEFT)
    assert page.banner.text() == read_only.REFUSED
    (maya,) = services_of(app).household.children()
    assert services_of(app).visits.last_visit(maya.id) is None


def test_a_call_record_is_not_saved_and_the_warning_stays(qtbot: QtBot, app: Startup) -> None:
    services = services_of(app)
    flags = services.flags.open_flags()
    dialog = CallRecordDialog(flags, services.flags.record_call, NOW, "Mum")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.spoke_with_edit, "Nurse Kim")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.banner.text().startswith("CareTrack could not save this call record.")
    assert dialog.result() != CallRecordDialog.DialogCode.Accepted
    assert dialog.spoke_with_edit.text() == "Nurse Kim"
    assert services.flags.open_flags() == flags


def test_the_summary_and_copies_are_saved_in_another_folder(
    qtbot: QtBot, app: Startup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "chosen"
    chosen.mkdir()
    dialog = SaveDialog(chosen / "Maya summary.pdf")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    assert app.controller is not None
    qtbot.mouseClick(app.window.visit_button, LEFT)
    page = app.controller.visit.page
    qtbot.mouseClick(page.pdf_button, LEFT)
    pdf = chosen / "Maya summary.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert page.summary_banner.text() == f"The summary was saved: {pdf}"

    dialog.answer = chosen / "all.json"
    qtbot.mouseClick(page.json_button, LEFT)
    document = json.loads((chosen / "all.json").read_text(encoding="utf-8"))
    assert len(document["tables"]["entries"]) == 3
    assert page.copy_banner.text().startswith("Saved: ")


def test_a_file_that_needs_an_update_gets_a_plain_page(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock
) -> None:
    data = read_only.outdated(tmp_path / "old")
    read_only.make_read_only(data)
    try:
        before = read_only.fingerprint(data)
        startup = start_app(qtbot, data, clock)
        page = startup.failure
        assert isinstance(page, LoadFailurePage) and not startup.ok
        assert page.kind == "database read_only_outdated"
        assert page.heading.text() == "CareTrack cannot update its data file"
        assert "Your entries are safe." in page.body.text()
        assert not page.restore_button.isVisibleTo(page)
        assert not page.start_empty_button.isVisibleTo(page)
        assert read_only.fingerprint(data) == before
    finally:
        read_only.writable_again(data)


@pytest.mark.parametrize("way", read_only.WAYS)
def test_as_root(way: str, tmp_path: Path) -> None:
    print(read_only.rerun_as_root(__file__, way, tmp_path))
