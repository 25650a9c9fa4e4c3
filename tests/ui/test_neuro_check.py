"""The daily neuro check on a real database: the questions for the child's age, the writing
saved with the check and shown beside earlier days, the rules' answer handed to the window,
and nothing a parent typed or drew lost on the way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from caretrack.domain.flags import Tier
from caretrack.domain.model import Child, NeuroCheck
from caretrack.domain.neuro_check import SENTENCE, questions_for
from caretrack.services import Services
from caretrack.services.entries import SaveResult
from caretrack.ui.neuro_check_controller import NeuroCheckController
from caretrack.ui.neuro_check_page import Answer, NeuroCheckPage, WritingMode
from caretrack.ui.neuro_check_text import check_summary_text
from tests.conftest import NOW
from tests.ui.conftest import Dialogs
from tests.ui.test_accessibility import unnamed_controls
from tests.ui.test_checkin import _disk_full

LEFT = Qt.MouseButton.LeftButton
TODAY = NOW.date()  # Thu 5 Nov 2026
CAR_T_START = date(2026, 11, 1)  # so today is Day +4
YOUNG = {"eye_contact", "purposeful", "awareness", "communicating", "restless",
         "inconsolable", "underactive", "slow_response"}  # fmt: skip
EVERYDAY = ["speech", "understanding", "balance", "alertness", "behaviour", "recognition"]
FORBIDDEN = re.compile(r"score|grade|\bice\b|capd", re.IGNORECASE)


def add_child(services: Services, name: str, born: date, therapy: str = "tisagenlecleucel",
              start: date = CAR_T_START) -> Child:  # fmt: skip
    return services.household.add_child(name, born, Decimal("20"), therapy, start)


@pytest.fixture
def controller(
    qtbot: QtBot, services: Services, dialogs: Dialogs
) -> Iterator[NeuroCheckController]:
    window = QWidget()
    qtbot.addWidget(window)
    made = NeuroCheckController(services, window)
    page = made.page
    page.resize(1000, 760)
    page.show()
    yield made
    page.hide()


@pytest.fixture
def kid(services: Services) -> Child:
    """Maya, 8, on Day +4 after CAR T: in the nervous-system watch window."""
    return add_child(services, "Maya", date(2018, 5, 1))


@pytest.fixture
def saved(controller: NeuroCheckController) -> list[SaveResult]:
    results: list[SaveResult] = []
    controller.entry_saved.connect(results.append)
    return results


def opened(controller: NeuroCheckController, child: Child) -> NeuroCheckPage:
    controller.open_for(child.id)
    return controller.page


def filled(
    controller: NeuroCheckController, child: Child, answer: Answer = Answer.SAME, **others: Answer
) -> NeuroCheckPage:
    """A check opened, the sentence written and every question answered."""
    page = opened(controller, child)
    write(page)
    answer_all(page, answer, **others)
    return page


def write(page: NeuroCheckPage, x0: int = 40) -> None:
    """A short line of 'writing' with the real mouse handlers."""
    pad = page.pad
    QTest.mousePress(pad, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(x0, 100))
    for i in range(1, 20):
        QTest.mouseMove(pad, QPoint(x0 + 9 * i, 100 - (25 if i % 3 else 0)))
    QTest.mouseRelease(pad, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(x0 + 171, 100))


def answer_all(page: NeuroCheckPage, answer: Answer = Answer.SAME, **others: Answer) -> None:
    for row in page.rows:
        row.choose(others.get(row.domain, answer))


def save(qtbot: QtBot, page: NeuroCheckPage) -> None:
    qtbot.mouseClick(page.save_button, LEFT)


def visible_texts(root: QWidget) -> list[str]:
    """Every word a parent or a screen reader meets on the page."""
    texts = [root.accessibleName(), root.accessibleDescription()]
    for widget in root.findChildren(QWidget):
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
    return [t for t in texts if t]


# ---- the questions ---------------------------------------------------------------------------


def test_a_baby_gets_the_young_child_questions_in_plain_words(
    controller: NeuroCheckController, services: Services
) -> None:
    baby = add_child(services, "Leo Park", date(2025, 6, 1))  # 1 year old
    controller.open_for(baby.id)
    page = controller.page
    assert set(page.asked()) == YOUNG
    assert page.asked() == tuple(q.domain for q in questions_for(1))
    assert page.writing_card.isHidden()  # no sentence to copy at this age
    first = page.rows[0].text_label.text()
    assert first == "Does Leo look at you less than usual?"
    assert page.title_label.text() == "Daily check for Leo"


def test_a_seven_year_old_writes_first_then_everyday_and_some_young_child_questions(
    controller: NeuroCheckController, services: Services
) -> None:
    kid = add_child(services, "Maya", date(2019, 6, 1))  # 7
    controller.open_for(kid.id)
    page = controller.page
    asked = page.asked()
    assert asked[0] == "writing"
    assert set(EVERYDAY) <= set(asked)
    assert {"eye_contact", "restless", "inconsolable", "slow_response"} <= set(asked)
    assert "purposeful" not in asked  # the baby items that add nothing at 7
    assert page.writing_on.isVisible() and page.pad.isVisible()
    assert page.sentence() == SENTENCE
    assert page.rows[0].text_label.text() == "Is Maya's writing different from their usual?"
    assert page.rows[0].hint_label.text() == "Compare today's sentence with the earlier days."


def test_a_fourteen_year_old_gets_no_young_child_questions(
    controller: NeuroCheckController, services: Services
) -> None:
    teen = add_child(services, "Sam", date(2012, 3, 1))
    controller.open_for(teen.id)
    assert controller.page.asked() == ("writing", *EVERYDAY)


# ---- why today -------------------------------------------------------------------------------


def test_the_top_says_the_therapy_day_and_the_watch_window_from_the_catalogue(
    kid: Child, controller: NeuroCheckController, services: Services
) -> None:
    page = opened(controller, kid)
    window = services.catalogue.therapy("tisagenlecleucel").window("nervous_system_watch")
    assert window is not None
    assert page.day_label.text() == "Day +4"
    assert page.reason_label.text() == window.label
    end = CAR_T_START + timedelta(days=window.to_day)
    assert page.until_label.text() == f"Do this check every day until {end:%a} {end.day} {end:%b}."


def test_outside_the_watch_window_the_check_is_allowed_but_not_asked_daily(
    controller: NeuroCheckController, services: Services
) -> None:
    kid = add_child(services, "Maya", date(2018, 5, 1), "blinatumomab", date(2026, 8, 1))
    assert not services.therapy.neuro_check_due(kid, TODAY)
    controller.open_for(kid.id)
    page = controller.page
    assert page.reason_label.text() == "This check is not needed every day now."
    assert page.save_button.isEnabled()
    assert page.rows  # the questions are all there


# ---- saving ----------------------------------------------------------------------------------


def test_saving_stores_the_writing_as_drawn(
    kid: Child,
    qtbot: QtBot,
    controller: NeuroCheckController,
    services: Services,
    saved: list[SaveResult],
) -> None:
    page = opened(controller, kid)
    write(page)
    drawn = page.pad.to_png()
    answer_all(page)
    save(qtbot, page)
    assert len(saved) == 1
    samples = services.therapy.handwriting_samples(kid.id)
    assert len(samples) == 1
    assert samples[0].png == drawn
    assert samples[0].sentence == SENTENCE
    assert not QImage.fromData(samples[0].png).isNull()


def test_all_same_as_usual_gives_no_warning_and_a_calm_word(
    kid: Child,
    qtbot: QtBot,
    controller: NeuroCheckController,
    saved: list[SaveResult],
) -> None:
    page = filled(controller, kid)
    save(qtbot, page)
    (result,) = saved
    assert result.evaluation.tier is Tier.NONE
    assert result.evaluation.flags == ()
    check = result.entry.content.neuro_check
    assert check is not None and check.all_usual
    assert check.asked == page.asked()
    assert page.is_done()
    assert page.result()[0] == "Saved. Everything was as usual today."
    assert "Call" not in page.result()[0]


def test_different_speech_raises_report_now_for_the_window(
    kid: Child,
    qtbot: QtBot,
    controller: NeuroCheckController,
    saved: list[SaveResult],
) -> None:
    page = filled(controller, kid, speech=Answer.DIFFERENT)
    save(qtbot, page)
    (result,) = saved
    assert result.evaluation.tier is Tier.REPORT_NOW
    assert "nervous-system-signs" in {f.rule_id for f in result.evaluation.flags}
    check = result.entry.content.neuro_check
    assert check is not None
    assert check.changed == ("speech",) and check.unsure == ()
    title, summary, _text = page.result()
    assert title == "Call your care team now."
    assert summary == "Different from usual: speech"


def test_not_sure_counts_as_a_change_and_is_kept_as_unsure(
    kid: Child,
    qtbot: QtBot,
    controller: NeuroCheckController,
    saved: list[SaveResult],
) -> None:
    page = filled(controller, kid, balance=Answer.DIFFERENT, writing=Answer.UNSURE)
    save(qtbot, page)
    (result,) = saved
    check = result.entry.content.neuro_check
    assert check is not None
    assert check.changed == ("writing", "balance")
    assert check.unsure == ("writing",)
    assert result.evaluation.tier is Tier.REPORT_NOW
    assert page.result()[1] == "Different from usual: balance (not sure: writing)"


def test_an_unanswered_question_blocks_saving_and_keeps_the_drawing(
    kid: Child,
    qtbot: QtBot,
    controller: NeuroCheckController,
    services: Services,
    saved: list[SaveResult],
) -> None:
    page = opened(controller, kid)
    write(page)
    drawn = page.pad.to_png()
    skipped = page.rows[3]
    for row in page.rows:
        if row is not skipped:
            row.choose(Answer.SAME)
    qtbot.keyClicks(page.note.edit, "Tired after the drive")
    save(qtbot, page)
    assert saved == []
    assert services.therapy.neuro_checks(kid.id) == []
    assert skipped.message.text() == "Choose one answer for this question."
    assert all(r.message.isHidden() for r in page.rows if r is not skipped)
    assert page.message_text("form") == "1 question still needs an answer."
    assert page.window().focusWidget() is skipped.first_button()
    assert page.pad.to_png() == drawn and page.note_text() == "Tired after the drive"
    assert len(page.answers()) == len(page.rows) - 1
    skipped.choose(Answer.SAME)  # the message goes as soon as it is answered
    assert skipped.message.isHidden() and page.message_text("form") == ""
    save(qtbot, page)
    assert len(saved) == 1
    assert saved[0].entry.content.note == "Tired after the drive"


def test_an_empty_pad_asks_for_the_writing_or_a_skip(
    kid: Child,
    qtbot: QtBot,
    controller: NeuroCheckController,
    services: Services,
    saved: list[SaveResult],
) -> None:
    page = opened(controller, kid)
    answer_all(page)
    save(qtbot, page)
    assert saved == []
    assert "Skip writing today" in page.message_text("handwriting")
    qtbot.mouseClick(page.skip_button, LEFT)
    assert page.message_text("handwriting") == ""
    assert "writing" not in page.asked()
    assert page.unanswered() == []  # the other answers stayed
    save(qtbot, page)
    (result,) = saved
    check = result.entry.content.neuro_check
    assert check is not None
    assert check.handwriting_png is None and check.sentence == ""
    assert "writing" not in check.asked
    assert services.therapy.handwriting_samples(kid.id) == []


def test_does_not_write_yet_is_remembered_for_the_child(
    qtbot: QtBot, controller: NeuroCheckController, services: Services
) -> None:
    kid = add_child(services, "Maya", date(2019, 6, 1))
    controller.open_for(kid.id)
    page = controller.page
    qtbot.mouseClick(page.not_yet_button, LEFT)
    assert page.writing_mode() is WritingMode.NOT_YET
    assert page.writing_off.isVisible() and not page.pad.isVisible()
    controller.open_for(kid.id)
    assert page.writing_mode() is WritingMode.NOT_YET
    assert "writing" not in page.asked()
    qtbot.mouseClick(page.writing_back_button, LEFT)
    assert page.asked()[0] == "writing"
    controller.open_for(kid.id)
    assert page.writing_mode() is WritingMode.WRITES


def test_a_second_click_on_a_saved_form_saves_once(
    kid: Child,
    qtbot: QtBot,
    controller: NeuroCheckController,
    services: Services,
    saved: list[SaveResult],
) -> None:
    page = filled(controller, kid)
    save(qtbot, page)
    page.stack.setCurrentWidget(page.form_view)  # as if the click landed before the page moved
    save(qtbot, page)
    assert [r.created for r in saved] == [True, False]
    assert len(services.therapy.neuro_checks(kid.id)) == 1
    controller.open_for(kid.id)  # a new form is a new check
    write(page)
    answer_all(page)
    save(qtbot, page)
    assert len(services.therapy.neuro_checks(kid.id)) == 2


def test_a_full_disk_keeps_everything_and_the_same_form_saves_later(
    kid: Child,
    qtbot: QtBot,
    controller: NeuroCheckController,
    saved: list[SaveResult],
) -> None:
    page = opened(controller, kid)
    write(page)
    drawn = page.pad.to_png()
    answer_all(page, speech=Answer.DIFFERENT)
    with _disk_full():
        save(qtbot, page)
    assert page.banner.text().startswith("Not saved:")
    assert saved == [] and not page.is_done()
    assert page.pad.to_png() == drawn and page.answers()["speech"] == Answer.DIFFERENT.value
    save(qtbot, page)
    assert len(saved) == 1 and saved[0].evaluation.tier is Tier.REPORT_NOW


def test_a_time_far_back_is_asked_about_first(
    kid: Child,
    qtbot: QtBot,
    controller: NeuroCheckController,
    saved: list[SaveResult],
    dialogs: Dialogs,
) -> None:
    page = filled(controller, kid)
    page.set_observed_at(NOW - timedelta(days=40))  # before treatment started
    dialogs.replies.append("no")
    save(qtbot, page)
    assert saved == [] and len(dialogs.asked) == 1
    assert page.message_text("observed_at") != ""
    save(qtbot, page)  # answered yes this time
    assert len(saved) == 1


# ---- earlier days ----------------------------------------------------------------------------


def test_earlier_writing_sits_side_by_side_newest_first(
    kid: Child, qtbot: QtBot, controller: NeuroCheckController, services: Services
) -> None:
    page = controller.page
    pictures = []
    for days_ago in (3, 1, 2):  # saved out of order on purpose
        controller.open_for(kid.id)
        write(page, x0=20 + 40 * days_ago)
        pictures.append((days_ago, page.pad.to_png()))
        check = controller.check()
        services.therapy.save_neuro_check(
            kid.id, f"day-{days_ago}", check, NOW - timedelta(days=days_ago)
        )
    controller.open_for(kid.id)
    strip = page.strip
    assert strip.captions() == ["Yesterday · Day +3", "Tue 3 Nov · Day +2", "Mon 2 Nov · Day +1"]
    qtbot.waitUntil(lambda: strip.tiles[1].isVisible())
    first, second = strip.tiles[0], strip.tiles[1]
    assert first.y() == second.y() and first.x() < second.x()  # side by side, newest left
    newest = dict(pictures)[1]
    assert strip.tiles[0].image == QImage.fromData(newest or b"")
    assert page.earlier_label.isVisible()


def test_a_check_saved_today_is_labelled_today(
    kid: Child, qtbot: QtBot, controller: NeuroCheckController
) -> None:
    save(qtbot, filled(controller, kid))
    controller.open_for(kid.id)
    assert controller.page.strip.captions() == ["Today · Day +4"]
    assert controller.page.pad.is_empty() and controller.page.unanswered()


def test_a_child_no_longer_there_gets_a_plain_message_and_no_save(
    controller: NeuroCheckController,
) -> None:
    controller.open_for(9999)
    page = controller.page
    assert page.banner.text() == "This child is no longer in CareTrack."
    assert not page.save_button.isEnabled()
    assert page.rows == []


# ---- leaving ---------------------------------------------------------------------------------


def test_cancel_asks_before_throwing_answers_or_writing_away(
    kid: Child, qtbot: QtBot, controller: NeuroCheckController, dialogs: Dialogs
) -> None:
    page = opened(controller, kid)
    closed: list[bool] = []
    controller.closed.connect(lambda: closed.append(True))
    qtbot.mouseClick(page.cancel_button, LEFT)  # nothing done yet: leaves at once
    assert closed == [True] and dialogs.asked == []
    write(page)
    dialogs.replies.append("no")
    qtbot.mouseClick(page.cancel_button, LEFT)
    assert closed == [True]
    assert dialogs.asked == ["The answers and the writing in this check will not be saved."]
    assert not page.pad.is_empty()
    dialogs.replies.append("no")
    assert not controller.confirm_close()  # the window's close button asks the same way
    qtbot.mouseClick(page.cancel_button, LEFT)
    assert closed == [True, True]


def test_done_after_saving_closes_without_asking(
    kid: Child, qtbot: QtBot, controller: NeuroCheckController, dialogs: Dialogs
) -> None:
    page = filled(controller, kid)
    save(qtbot, page)
    closed: list[bool] = []
    controller.closed.connect(lambda: closed.append(True))
    assert controller.confirm_close()
    qtbot.mouseClick(page.done_button, LEFT)
    assert closed == [True] and dialogs.asked == []


# ---- words -----------------------------------------------------------------------------------


def test_no_score_grade_or_test_names_anywhere(
    kid: Child, qtbot: QtBot, controller: NeuroCheckController, services: Services
) -> None:
    baby = add_child(services, "Leo", date(2025, 6, 1))
    page = controller.page
    seen: list[str] = []
    controller.open_for(baby.id)
    seen += visible_texts(page)
    controller.open_for(kid.id)
    qtbot.mouseClick(page.skip_button, LEFT)
    seen += visible_texts(page)
    qtbot.mouseClick(page.writing_back_button, LEFT)
    write(page)
    answer_all(page, speech=Answer.UNSURE)
    save(qtbot, page)
    seen += visible_texts(page)
    assert any("Not sure" in t for t in seen)  # the collection did reach the words
    assert [t for t in seen if FORBIDDEN.search(t)] == []


def test_every_control_has_a_name_and_answers_take_the_keyboard(
    kid: Child, qtbot: QtBot, controller: NeuroCheckController
) -> None:
    page = opened(controller, kid)
    assert unnamed_controls(page) == []
    with qtbot.waitActive(page):
        page.activateWindow()
    # Like radio buttons: Tab goes from question to question, arrows between the answers.
    same = page.rows[0].buttons["same"]
    same.setFocus()
    QTest.keyClick(same, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.rows[1].buttons["same"]
    QTest.keyClick(page.focusWidget(), Qt.Key.Key_Right)
    assert page.focusWidget() is page.rows[1].buttons["different"]
    QTest.keyClick(page.focusWidget(), Qt.Key.Key_Space)
    assert page.answers() == {page.rows[1].domain: "different"}
    assert page.rows[1].buttons["different"].accessibleName() == (
        "Does Maya talk differently from usual? Different"
    )


def test_check_summary_text_names_the_changes_and_the_doubts() -> None:
    def tr(_context: str, text: str) -> str:
        return text

    assert check_summary_text(NeuroCheck(asked=("speech",)), tr) == "All as usual"
    both = NeuroCheck(
        asked=("writing", "speech", "balance"),
        changed=("writing", "speech", "balance"),
        unsure=("writing",),
    )
    assert check_summary_text(both, tr) == (
        "Different from usual: speech, balance (not sure: writing)"
    )
    doubt = NeuroCheck(asked=("recognition",), changed=("recognition",), unsure=("recognition",))
    assert check_summary_text(doubt, tr) == "Not sure if usual: knowing people and places"


def test_the_count_of_questions_left_follows_each_answer(
    qtbot: QtBot, controller: NeuroCheckController, kid: Child
) -> None:
    page = opened(controller, kid)
    write(page)
    save(qtbot, page)
    total = len(page.rows)
    assert page.form_message.text() == f"{total} questions still need an answer."
    page.rows[0].choose(Answer.SAME)
    assert page.form_message.text() == f"{total - 1} questions still need an answer."
    assert page.rows[0].message.text() == ""
    for row in page.rows[1:]:
        row.choose(Answer.SAME)
    assert page.form_message.text() == ""
