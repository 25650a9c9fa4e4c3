"""The Clinic visit page on a real database: the summary, questions, visits, a copy of all data,
and the top bar that has to fit four pages in the smallest window."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

import caretrack.ui.visit_controller as visit_module
from caretrack.domain.model import Child, EntryContent
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.reports import Period, PeriodBasis, Summary
from caretrack.services import Services
from caretrack.services.errors import StorageError
from caretrack.ui.summary import Paper, SummaryWriteError
from caretrack.ui.visit_page import VisitPage
from tests.conftest import NOW
from tests.ui.conftest import Ui
from tests.ui.test_accessibility import unnamed_controls

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = NOW.date()


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: answers with `answer`, records what it got."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.offered: list[str] = []

    def __call__(self, _parent: object, _title: str, offered: str, _filter: str) -> tuple[str, str]:
        self.offered.append(offered)
        return (str(self.answer) if self.answer else "", "")


@pytest.fixture
def save_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> SaveDialog:
    dialog = SaveDialog(None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return dialog


def activate(qtbot: QtBot, ui: Ui) -> None:
    """Shortcuts and focus need the active window (under a real X server it takes a moment)."""
    with qtbot.waitActive(ui.window):
        ui.window.activateWindow()


def open_page(qtbot: QtBot, ui: Ui) -> VisitPage:
    ui.controller.start()
    activate(qtbot, ui)
    qtbot.mouseClick(ui.window.visit_button, LEFT)
    page = ui.controller.visit.page
    assert ui.window.current_page() is page
    return page


def rows(page: VisitPage) -> list[str]:
    return [row.text_label.text() for row in page.question_rows]


def add_entries(services: Services, child: Child, count: int) -> None:
    for i in range(count):
        services.entries.save_new(
            child.id,
            f"visit-{i}",
            EntryContent(
                observed_at=NOW - timedelta(hours=3 + 12 * i),
                temperature=Temperature(371 + i, Unit.C, Route.ORAL),
                note=f"check-in {i}, with a comma",
            ),
        )


# ---- opening the page ------------------------------------------------------------------------


def test_the_page_opens_from_its_nav_button_and_ctrl_4(qtbot: QtBot, ui: Ui, child: Child) -> None:
    ui.controller.start()
    activate(qtbot, ui)
    assert ui.window.current_page() is ui.controller.today_view
    qtbot.mouseClick(ui.window.visit_button, LEFT)
    page = ui.controller.visit.page
    assert ui.window.current_page() is page
    assert ui.window.visit_button.isChecked()
    assert not ui.window.today_button.isChecked()
    assert page.intro_label.text() == "Get ready for Maya's next visit."
    assert page.children_row.isHidden()  # one child: no switcher

    qtbot.mouseClick(ui.window.today_button, LEFT)
    assert ui.window.current_page() is ui.controller.today_view
    qtbot.keyClick(ui.controller.today_view.log_button, Qt.Key.Key_4, CTRL)
    qtbot.waitUntil(lambda: ui.window.current_page() is page)  # buttons click after a flash
    assert ui.window.visit_button.isChecked()


def test_with_two_children_the_page_has_a_child_switcher(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    leo = services.household.add_child(
        "Leo", date(2014, 9, 14), Decimal(31), "tisagenlecleucel", date(2026, 10, 30)
    )
    services.visits.add_question(leo.id, "Is the rash from the infusion?")
    page = open_page(qtbot, ui)
    assert page.child_switcher is not None and page.child_switcher.isVisible()
    assert rows(page) == []
    qtbot.mouseClick(page.child_switcher.button(str(leo.id)), LEFT)
    assert rows(page) == ["Is the rash from the infusion?"]
    assert page.intro_label.text() == "Get ready for Leo's next visit."
    assert ui.controller.current_child_id == leo.id
    assert services.household.setting("current_child") == str(leo.id)


def test_a_care_team_change_from_the_page_comes_back_to_it(
    qtbot: QtBot, ui: Ui, child: Child
) -> None:
    page = open_page(qtbot, ui)
    ui.choose_more(ui.window.care_team_action)
    care = ui.controller.care_team_page
    assert care is not None
    qtbot.mouseClick(care.cancel_button, LEFT)
    assert ui.window.current_page() is page
    assert ui.window.visit_button.isChecked()


# ---- the period ------------------------------------------------------------------------------


def test_the_usual_period_is_the_last_7_days_then_since_todays_visit(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    page = open_page(qtbot, ui)
    assert page.period() == (TODAY - timedelta(days=6), TODAY)
    assert page.basis_label.text() == "The last 7 days"
    assert page.last_visit_label.text() == "No visit recorded yet."
    assert page.visit_button.isEnabled()

    qtbot.mouseClick(page.visit_button, LEFT)
    visit = services.visits.last_visit(child.id)
    assert visit is not None and visit.on == TODAY
    assert page.period() == (TODAY, TODAY)
    assert page.basis_label.text() == "From today's visit"
    assert page.last_visit_label.text() == "Last visit: today"
    assert not page.visit_button.isEnabled()  # once a day is enough
    assert "next summary starts from today" in page.banner.text()


def test_the_usual_period_starts_at_an_earlier_visit(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    services.visits.record_visit(child.id, date(2026, 10, 29))
    page = open_page(qtbot, ui)
    assert page.period() == (date(2026, 10, 29), TODAY)
    assert page.basis_label.text() == "Since the last visit on Thu 29 Oct"
    assert page.last_visit_label.text() == "Last visit: Thu 29 Oct"


def test_chosen_dates_say_so_and_can_go_back_to_the_usual_ones(
    qtbot: QtBot, ui: Ui, child: Child
) -> None:
    page = open_page(qtbot, ui)
    page.from_edit.setDate(QDate(2026, 11, 1))
    assert page.basis_label.text() == "Dates you chose: 5 days"
    assert page.reset_button.isVisible()
    qtbot.mouseClick(page.reset_button, LEFT)
    assert page.period() == (TODAY - timedelta(days=6), TODAY)
    assert page.basis_label.text() == "The last 7 days"
    assert not page.reset_button.isVisible()


def test_from_after_to_gives_a_message_and_nothing_else(
    qtbot: QtBot,
    ui: Ui,
    child: Child,
    save_dialog: SaveDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    previews: list[Summary] = []
    monkeypatch.setattr(visit_module, "show_preview", lambda s, *_a: previews.append(s))
    save_dialog.answer = tmp_path / "summary.pdf"
    page = open_page(qtbot, ui)
    page.from_edit.setDate(QDate(2026, 11, 4))
    page.to_edit.setDate(QDate(2026, 11, 2))
    qtbot.mouseClick(page.pdf_button, LEFT)
    message = "The “From” date is after the “To” date. Change one of them."
    assert page.period_message.text() == message
    assert save_dialog.offered == []  # not even asked where to save
    assert not (tmp_path / "summary.pdf").exists()
    qtbot.mouseClick(page.preview_button, LEFT)
    assert previews == []
    assert page.period() == (date(2026, 11, 4), date(2026, 11, 2))  # what was typed stays

    page.to_edit.setDate(QDate(2026, 11, 5))  # fixing a date takes the message away
    assert page.period_message.text() == ""


# ---- preview and PDF -------------------------------------------------------------------------


def test_preview_gets_the_summary_of_this_child_and_these_dates(
    qtbot: QtBot, ui: Ui, child: Child, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Summary, Paper, object]] = []

    def preview(summary: Summary, _catalogue: object, paper: Paper, parent: object) -> int:
        calls.append((summary, paper, parent))
        return 0

    monkeypatch.setattr(visit_module, "show_preview", preview)
    page = open_page(qtbot, ui)
    qtbot.mouseClick(page.preview_button, LEFT)
    summary, paper, parent = calls[-1]
    assert summary.child.name == "Maya"
    assert summary.period == Period(TODAY - timedelta(days=6), TODAY, PeriodBasis.LAST_DAYS)
    assert paper is Paper(page.paper())
    assert parent is ui.window

    qtbot.mouseClick(page.paper_choice.button(Paper.LETTER.value), LEFT)
    page.from_edit.setDate(QDate(2026, 11, 2))
    qtbot.keyClick(page.preview_button, Qt.Key.Key_P, CTRL)  # Ctrl+P works too
    summary, paper, _parent = calls[-1]
    assert summary.period == Period(date(2026, 11, 2), TODAY, PeriodBasis.CHOSEN)
    assert paper is Paper.LETTER


def test_save_as_pdf_writes_the_file_where_the_parent_chose(
    qtbot: QtBot, ui: Ui, services: Services, child: Child, save_dialog: SaveDialog, tmp_path: Path
) -> None:
    """Waits for the renderer (caretrack.ui.summary.write_pdf)."""
    add_entries(services, child, 2)
    services.visits.add_question(child.id, "Can she go swimming?")
    save_dialog.answer = tmp_path / "Maya for the clinic"  # typed without .pdf
    page = open_page(qtbot, ui)
    qtbot.mouseClick(page.pdf_button, LEFT)
    offered = Path(save_dialog.offered[0])
    assert offered.name == "CareTrack summary Maya 2026-11-05.pdf"
    written = tmp_path / "Maya for the clinic.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert page.summary_banner.text() == f"The summary was saved: {written}"


def test_save_as_pdf_cancelled_writes_nothing(
    qtbot: QtBot, ui: Ui, child: Child, save_dialog: SaveDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[Path] = []
    monkeypatch.setattr(visit_module, "write_pdf", lambda _s, _c, path, _p: written.append(path))
    page = open_page(qtbot, ui)
    qtbot.mouseClick(page.pdf_button, LEFT)
    assert save_dialog.offered and written == []
    assert page.summary_banner.text() == ""


def test_a_pdf_that_cannot_be_written_says_why_in_plain_words(
    qtbot: QtBot,
    ui: Ui,
    child: Child,
    save_dialog: SaveDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object) -> None:
        raise SummaryWriteError("The disk is full. Free some space, then try again.")

    monkeypatch.setattr(visit_module, "write_pdf", refuse)
    save_dialog.answer = tmp_path / "summary.pdf"
    page = open_page(qtbot, ui)
    qtbot.mouseClick(page.pdf_button, LEFT)
    assert page.summary_banner.text() == "The disk is full. Free some space, then try again."
    assert page.summary_banner.property("role") == "banner-error"


def test_a_storage_failure_while_building_the_summary_is_a_plain_message(
    qtbot: QtBot,
    ui: Ui,
    services: Services,
    child: Child,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: object) -> Summary:
        raise StorageError("The data file cannot be read right now.")

    monkeypatch.setattr(visit_module, "show_preview", lambda *_a: 0)
    page = open_page(qtbot, ui)
    monkeypatch.setattr(services.summaries, "build", broken)
    qtbot.mouseClick(page.preview_button, LEFT)
    assert page.summary_banner.text() == "The data file cannot be read right now."


# ---- questions -------------------------------------------------------------------------------


def test_a_question_is_added_listed_and_kept(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    page = open_page(qtbot, ui)
    assert rows(page) == [] and page.no_questions.isVisible()
    qtbot.keyClicks(page.question_edit, "Can she go swimming?")
    qtbot.mouseClick(page.add_button, LEFT)
    qtbot.keyClicks(page.question_edit, "When is the next bone marrow test?")
    qtbot.keyClick(page.question_edit, Qt.Key.Key_Return)  # Enter adds too
    expected = ["Can she go swimming?", "When is the next bone marrow test?"]
    assert rows(page) == expected
    assert not page.no_questions.isVisible()
    assert page.question_edit.text() == ""
    assert [q.text for q in services.visits.questions(child.id)] == expected


def test_an_empty_question_says_so_by_the_field_and_keeps_what_was_typed(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    page = open_page(qtbot, ui)
    qtbot.keyClicks(page.question_edit, "   ")
    qtbot.keyClick(page.question_edit, Qt.Key.Key_Return)
    assert page.question_message.text() == "Type your question first."
    assert page.question_edit.text() == "   "
    assert page.question_edit.hasFocus()
    assert services.visits.questions(child.id) == []

    page.question_edit.setText("x" * 2_001)
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.question_message.text().startswith("That question is very long.")
    assert "2000" in page.question_message.text()
    assert page.question_edit.text() == "x" * 2_001
    assert page.question_edit.hasFocus()

    page.question_edit.setText("Is a bath fine?")
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.question_message.text() == ""
    assert rows(page) == ["Is a bath fine?"]


def test_a_storage_failure_while_adding_keeps_the_question_and_says_why(
    qtbot: QtBot,
    ui: Ui,
    services: Services,
    child: Child,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full(*_args: object) -> None:
        raise StorageError("The disk is full. Free some space, then save again.")

    page = open_page(qtbot, ui)
    monkeypatch.setattr(services.visits, "add_question", full)
    qtbot.keyClicks(page.question_edit, "Can she go swimming?")
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.question_message.text() == "The disk is full. Free some space, then save again."
    assert page.question_edit.text() == "Can she go swimming?"


def test_ticking_a_question_off_takes_it_off_the_list_but_keeps_it(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    services.visits.add_question(child.id, "Can she go swimming?")
    services.visits.add_question(child.id, "Is a bath fine?")
    page = open_page(qtbot, ui)
    assert rows(page) == ["Can she go swimming?", "Is a bath fine?"]
    first = page.question_rows[0]
    assert first.done_button.accessibleName() == "Mark as asked: Can she go swimming?"
    qtbot.mouseClick(first.done_button, LEFT)
    assert rows(page) == ["Is a bath fine?"]
    assert [q.text for q in services.visits.questions(child.id)] == ["Is a bath fine?"]
    everything = services.visits.questions(child.id, only_open=False)
    assert [(q.text, q.is_open) for q in everything] == [
        ("Can she go swimming?", False),
        ("Is a bath fine?", True),
    ]


# ---- a copy of all data ----------------------------------------------------------------------


def test_all_data_is_saved_as_json(
    qtbot: QtBot, ui: Ui, services: Services, child: Child, save_dialog: SaveDialog, tmp_path: Path
) -> None:
    add_entries(services, child, 2)
    services.visits.add_question(child.id, "Can she go swimming?")
    save_dialog.answer = tmp_path / "copy"
    page = open_page(qtbot, ui)
    qtbot.mouseClick(page.json_button, LEFT)
    assert Path(save_dialog.offered[0]).name == "CareTrack data 2026-11-05.json"
    written = tmp_path / "copy.json"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["format"] == "caretrack-export"
    assert [c["name"] for c in document["tables"]["children"]] == ["Maya"]
    assert len(document["tables"]["entries"]) == 2
    assert [q["text"] for q in document["tables"]["questions"]] == ["Can she go swimming?"]
    assert written.stat().st_mode & 0o077 == 0  # private health information: owner only
    assert page.copy_banner.text() == f"Saved: {written}. Keep it somewhere private."


def test_the_check_ins_are_saved_as_a_spreadsheet(
    qtbot: QtBot, ui: Ui, services: Services, child: Child, save_dialog: SaveDialog, tmp_path: Path
) -> None:
    add_entries(services, child, 3)
    save_dialog.answer = tmp_path / "sheet.csv"
    page = open_page(qtbot, ui)
    qtbot.mouseClick(page.csv_button, LEFT)
    assert Path(save_dialog.offered[0]).name == "CareTrack check-ins 2026-11-05.csv"
    with (tmp_path / "sheet.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][:3] == ["entry_id", "child", "observed_at"]
    assert len(table) == 1 + 3
    assert {row[1] for row in table[1:]} == {"Maya"}
    assert sorted(row[10] for row in table[1:]) == [f"check-in {i}, with a comma" for i in range(3)]
    expected = f"Saved 3 check-ins: {tmp_path / 'sheet.csv'}. Keep it somewhere private."
    assert page.copy_banner.text() == expected


def test_a_copy_that_cannot_be_saved_says_why_in_plain_words(
    qtbot: QtBot,
    ui: Ui,
    services: Services,
    child: Child,
    save_dialog: SaveDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_dialog.answer = tmp_path / "missing folder" / "copy.json"
    page = open_page(qtbot, ui)
    qtbot.mouseClick(page.json_button, LEFT)
    text = page.copy_banner.text()
    assert text.startswith(f"CareTrack could not save in {tmp_path / 'missing folder'}.")
    assert page.copy_banner.property("role") == "banner-error"

    def locked(*_args: object) -> int:
        raise StorageError("The data file is locked by another program.")

    monkeypatch.setattr(ui.controller.services.transfers, "export_csv", locked)
    save_dialog.answer = tmp_path / "sheet.csv"
    qtbot.mouseClick(page.csv_button, LEFT)
    assert page.copy_banner.text() == "The data file is locked by another program."
    assert not (tmp_path / "sheet.csv").exists()


# ---- the smallest window and the keyboard ----------------------------------------------------


def _bar_fits(ui: Ui) -> None:
    window = ui.window
    buttons = [b for b in window.bar_buttons() if b.isVisible()]
    assert len(buttons) == 6
    boxes = [b.geometry() for b in buttons]
    for button, box in zip(buttons, boxes, strict=True):
        name = button.accessibleName()
        assert box.left() >= 0 and box.right() < window.width(), name
        assert box.width() >= button.sizeHint().width(), f"{name} is cut off"
    for left, right in pairwise(boxes):
        assert left.right() < right.left()


def test_everything_fits_in_the_smallest_window(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    services.visits.add_question(child.id, "Can she go swimming? " * 8)
    page = open_page(qtbot, ui)
    ui.window.resize(ui.window.minimumSize())
    ui.window.set_open_warnings(12)  # the widest the Warnings tab gets in practice
    QApplication.processEvents()
    assert ui.window.width() == 840
    _bar_fits(ui)

    # Nothing on the page runs off to the right (it scrolls down, never sideways).
    viewport = page.scroll_area.viewport()
    for widget in (page.preview_button, page.pdf_button, page.json_button, page.csv_button):
        right = widget.mapTo(viewport, widget.rect().topRight()).x()
        assert right <= viewport.width(), widget.accessibleName()
    done = page.question_rows[0].done_button
    assert done.mapTo(viewport, done.rect().topRight()).x() <= viewport.width()

    ui.window.resize(1100, 760)
    QApplication.processEvents()
    assert ui.window.brand.isVisible()
    _bar_fits(ui)


def test_every_control_on_the_page_is_named_and_reached_with_tab(
    qtbot: QtBot, ui: Ui, services: Services, child: Child
) -> None:
    services.visits.add_question(child.id, "Can she go swimming?")
    page = open_page(qtbot, ui)
    page.from_edit.setDate(QDate(2026, 11, 2))  # shows "Use the usual dates" too
    assert unnamed_controls(ui.window) == []
    page.from_edit.setFocus()
    wanted: list[QWidget] = [
        page.from_edit,
        page.to_edit,
        page.reset_button,
        page.paper_choice.button(page.paper()),  # one stop for the group; arrows choose
        page.preview_button,
        page.pdf_button,
        page.question_rows[0].done_button,
        page.question_edit,
        page.add_button,
        page.visit_button,
        page.json_button,
        page.csv_button,
    ]
    reached: list[QWidget] = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    missing = [w.accessibleName() for w in wanted if w not in reached]
    assert missing == []
    assert ui.window.visit_button in reached and ui.window.more_button in reached

    chip = page.paper_choice.button(page.paper())
    other = Paper.LETTER if page.paper() == Paper.A4.value else Paper.A4
    chip.setFocus()
    qtbot.keyClick(chip, Qt.Key.Key_Right if other is Paper.LETTER else Qt.Key.Key_Left)
    assert page.paper() == other.value


def test_the_more_menu_opens_with_the_keyboard(qtbot: QtBot, ui: Ui, child: Child) -> None:
    ui.controller.start()
    more = ui.window.more_button
    assert more.accessibleName() == "More: add a child, care team numbers, backups, about CareTrack"
    chosen: list[str] = []

    def pick_care_team() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        chosen.extend(a.text() for a in menu.actions())
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    activate(qtbot, ui)
    more.setFocus()
    QTimer.singleShot(100, pick_care_team)
    qtbot.keyClick(more, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ui.controller.care_team_page is not None)
    assert chosen == ["Add a child", "Care team numbers", "Backups…", "", "About CareTrack"]
    assert ui.window.current_page() is ui.controller.care_team_page


def test_the_more_items_wait_until_the_data_is_open(qtbot: QtBot) -> None:
    from caretrack.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.more_button.isEnabled()
    assert not window.add_child_action.isEnabled()
    assert not window.care_team_action.isEnabled()
    window.set_nav_enabled(True)
    assert window.add_child_action.isEnabled() and window.care_team_action.isEnabled()
