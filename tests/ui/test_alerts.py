"""Warnings on screen: the alert after a save, recording the call, Today's open flags and the
log, all on a real database with the real rules (clinical.md §6.3 point 7)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import StoredFlag, Tier
from caretrack.domain.model import CareTeam, Child, EntryContent, MedicineGiven, SymptomReport
from caretrack.domain.temperature import Temperature
from caretrack.services import Services, open_services
from caretrack.services.clock import FixedClock
from caretrack.services.entries import SaveResult
from caretrack.services.errors import StorageError
from caretrack.ui.alert_dialog import AlertDialog, alert_for_flags, alert_for_save
from caretrack.ui.call_record_dialog import CallRecordDialog
from caretrack.ui.flag_log_view import FLAG_ID_ROLE, FlagLogModel, FlagLogView
from caretrack.ui.widgets.open_flags_panel import OpenFlagsPanel
from tests.conftest import NOW

LEFT = Qt.MouseButton.LeftButton
TEAM = CareTeam("Riverside Children's", "555-0100", "555-0111", "911")
BANNED = ("no need to call", "don't call", "not serious", "nothing to worry", "you don't need to")
SOURCES = [
    Path(__file__).resolve().parents[2] / "src" / "caretrack" / "ui" / name
    for name in (
        "alert_dialog.py",
        "call_record_dialog.py",
        "flag_log_view.py",
        "flag_style.py",
        "widgets/open_flags_panel.py",
    )
]


@pytest.fixture
def team(services: Services) -> CareTeam:
    services.household.set_care_team(TEAM)
    return TEAM


def _save(services: Services, child: Child, content: EntryContent) -> SaveResult:
    return services.entries.save_new(child.id, str(uuid.uuid4()), content)


def _fever(services: Services, child: Child) -> SaveResult:
    return _save(
        services,
        child,
        EntryContent(
            NOW,
            "Mum",
            Temperature.of("38.6", "C", "axillary"),
            (SymptomReport("chills", 3),),
            (MedicineGiven("Paracetamol", "240 mg", NOW - timedelta(minutes=30)),),
            "Hot and shivery after dinner.",
        ),
    )


def _seizure(services: Services, child: Child) -> SaveResult:
    return _save(services, child, EntryContent(NOW, "Dad", symptoms=(SymptomReport("seizure"),)))


def _note_only(services: Services, child: Child) -> SaveResult:
    return _save(services, child, EntryContent(NOW, "Mum", note="She seemed confused tonight."))


def _dialog(qtbot: QtBot, result: SaveResult, child: Child, services: Services) -> AlertDialog:
    dialog = alert_for_save(result, child, services)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _texts(widget: QWidget) -> list[str]:
    """Every string the widget shows or tells a screen reader, hidden parts included."""
    texts = [widget.windowTitle(), widget.accessibleName(), widget.accessibleDescription()]
    for child in widget.findChildren(QWidget):
        texts += [child.accessibleName(), child.accessibleDescription(), child.toolTip()]
        if isinstance(child, QLabel | QAbstractButton | QLineEdit):
            texts.append(child.text())
        if isinstance(child, QLineEdit | QPlainTextEdit):
            texts.append(child.placeholderText())
    return [t for t in texts if t]


def _shown_labels(widget: QWidget) -> str:
    return "\n".join(lbl.text() for lbl in widget.findChildren(QLabel) if lbl.isVisibleTo(widget))


def _model_texts(model: FlagLogModel) -> list[str]:
    texts = [
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    ]
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def _open(services: Services, child: Child) -> list[StoredFlag]:
    return services.flags.open_flags(child.id)


# ---- the alert after a save -----------------------------------------------------------------


def test_fever_shows_report_now_with_the_24_hour_number_and_the_evidence(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _fever(services, child)
    assert result.evaluation.tier is Tier.REPORT_NOW
    dialog = _dialog(qtbot, result, child, services)

    assert dialog.tier is Tier.REPORT_NOW
    assert dialog.action_label.text() == "Report to your care team now"
    assert "Report now" in dialog.tier_label.text()
    assert dialog.number_label is not None
    assert dialog.number_label.text() == team.phone_24h
    shown = _shown_labels(dialog)
    assert "38.6 °C" in shown  # the matched reading, as the rules quoted it
    assert "Chills or shivering (severe)" in shown
    assert "Do not give fever medicine" in shown  # what to do
    for number in (team.phone_24h, team.phone_clinic, team.phone_emergency):
        assert number in dialog.numbers.text()
    assert dialog.call_button.isVisible()
    assert dialog.stays_label.text() == "This warning stays on Today until you record the call."


def test_call_script_says_who_what_and_when(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    dialog = _dialog(qtbot, _fever(services, child), child, services)
    script = dialog.script
    assert "Maya" in script
    assert "8 years old" in script
    assert "21.5 kg" in script
    assert "Blinatumomab (Blincyto), Day 5 of 28, cycle 1" in script
    assert "38.6 °C, under the arm" in script  # value, unit and route
    assert "At 20:00" in script  # when it was taken
    assert "Chills or shivering (severe)" in script
    assert "Paracetamol 240 mg at 19:30" in script
    assert "Hot and shivery after dinner." in script

    qtbot.mouseClick(dialog.copy_button, LEFT)
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and clipboard.text() == script
    assert dialog.copy_button.text() == "Copied"


def test_seizure_shows_emergency_with_the_emergency_number_first(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _seizure(services, child)
    dialog = _dialog(qtbot, result, child, services)
    assert dialog.tier is Tier.EMERGENCY
    assert dialog.action_label.text() == "Call emergency services now"
    assert "Emergency" in dialog.tier_label.text()
    assert dialog.number_label is not None
    assert dialog.number_label.text() == "911"
    shown = _shown_labels(dialog.header)
    assert team.phone_24h in shown  # "then call your care team"
    assert "Seizure (fit)" in dialog.script
    assert "Seizure (fit)" in _shown_labels(dialog)


def test_missing_numbers_still_say_whom_to_call(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    dialog = _dialog(qtbot, _seizure(services, child), child, services)
    assert dialog.number_label is None
    header = _shown_labels(dialog.header)
    assert "local emergency number" in header
    assert "Then call your care team." in header
    assert "not saved in CareTrack" in _shown_labels(dialog.numbers)


def test_note_only_warning_is_marked_found_in_your_note(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _note_only(services, child)
    assert result.evaluation.flags and all(f.found_in_note for f in result.evaluation.flags)
    dialog = _dialog(qtbot, result, child, services)
    shown = _shown_labels(dialog)
    assert "found in your note" in shown.casefold()
    assert '"confused"' in shown
    assert "She seemed confused tonight." in dialog.script


def test_unavailable_rules_say_so_prominently(
    qtbot: QtBot, tmp_path: Path, catalogue: Catalogue, clock: FixedClock
) -> None:
    svc = open_services(tmp_path / "no-rules", catalogue, clock, rules=None)
    try:
        svc.household.set_care_team(TEAM)
        leo = svc.household.add_child(
            "Leo", date(2021, 2, 3), None, "tisagenlecleucel", date(2026, 10, 30)
        )
        result = _save(svc, leo, EntryContent(NOW, "Mum", Temperature.of("37.1", "C", "oral")))
        assert not result.evaluation.available
        dialog = _dialog(qtbot, result, leo, svc)
        assert not dialog.available
        assert (
            dialog.action_label.text()
            == "Alerts unavailable: call your care team about any concern"
        )
        assert dialog.number_label is not None and dialog.number_label.text() == "555-0100"
        assert dialog.call_button.isVisible()  # the unavailable flag is stored and stays open
    finally:
        svc.close()


def test_enter_never_closes_esc_does_and_the_flag_stays(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _fever(services, child)
    dialog = _dialog(qtbot, result, child, services)
    for button in dialog.findChildren(QAbstractButton):
        assert not getattr(button, "isDefault", lambda: False)()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Enter)
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == AlertDialog.DialogCode.Rejected
    assert {f.id for f in _open(services, child)} == set(result.flag_ids)


def test_i_called_the_team_asks_to_record_the_call_for_these_flags(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _fever(services, child)
    dialog = _dialog(qtbot, result, child, services)
    with qtbot.waitSignal(dialog.call_record_requested) as signal:
        qtbot.mouseClick(dialog.call_button, LEFT)
    assert signal.args == [list(result.flag_ids)]
    assert not dialog.isVisible()


def test_sources_are_one_click_away(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    dialog = _dialog(qtbot, _seizure(services, child), child, services)
    assert not dialog.sources_panel.isVisible()
    qtbot.mouseClick(dialog.sources_button, LEFT)
    assert dialog.sources_panel.isVisible()
    lines = "\n".join(dialog.source_lines)
    rules = services.flags.rules
    assert rules is not None
    # Maya is on blinatumomab: its guide is shown, Kymriah's label is not.
    assert f"S11: {rules.source_titles['S11']}" in lines
    assert "S2:" not in lines
    assert f"Warning rules version {rules.version}" in lines
    assert "Not yet signed off by a treating team." in lines  # honest about review


def test_details_for_stored_flags_offer_the_call_only_while_open(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _seizure(services, child)
    stored = _open(services, child)
    dialog = alert_for_flags(stored, child, result.entry.content, services)
    qtbot.addWidget(dialog)
    assert dialog.tier is Tier.EMERGENCY
    assert dialog.flag_ids == [f.id for f in stored]
    services.flags.record_call([f.id for f in stored], NOW, "Mum", "", "")
    closed = services.flags.log(child.id)
    again = alert_for_flags(closed, child, result.entry.content, services)
    qtbot.addWidget(again)
    again.show()
    assert again.flag_ids == []
    assert not again.call_button.isVisible()


# ---- recording the call ---------------------------------------------------------------------


def _call_dialog(
    qtbot: QtBot, services: Services, child: Child, **kwargs: object
) -> CallRecordDialog:
    dialog = CallRecordDialog(
        _open(services, child),
        services.flags.record_call,
        services.clock.now(),
        "Mum",
        **kwargs,  # type: ignore[arg-type]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_call_record_closes_the_flags(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _fever(services, child)
    dialog = _call_dialog(qtbot, services, child)
    assert set(dialog.flag_checks) == set(result.flag_ids)
    assert all(c.isChecked() for c in dialog.flag_checks.values())
    assert dialog.caller_edit.text() == "Mum"
    assert dialog.called_at() == NOW
    qtbot.keyClicks(dialog.spoke_with_edit, "Nurse Kim")
    qtbot.keyClicks(dialog.advice_edit, "Come in to the day unit now.")
    with qtbot.waitSignal(dialog.recorded) as signal:
        qtbot.mouseClick(dialog.save_button, LEFT)
    record = signal.args[0]
    assert record.spoke_with == "Nurse Kim"
    assert record.advice == "Come in to the day unit now."
    assert dialog.result() == CallRecordDialog.DialogCode.Accepted
    assert _open(services, child) == []
    assert all(f.call is not None for f in services.flags.log(child.id))


def test_only_the_checked_flags_are_closed(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _fever(services, child)
    first, *rest = result.flag_ids
    dialog = _call_dialog(qtbot, services, child, checked=[first])
    assert dialog.chosen_flag_ids() == [first]
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert {f.id for f in _open(services, child)} == set(rest)


def test_call_time_in_the_future_is_explained_and_nothing_typed_is_lost(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _fever(services, child)
    dialog = _call_dialog(qtbot, services, child)
    qtbot.keyClicks(dialog.advice_edit, "Give nothing, come in now.")
    dialog.set_called_at(NOW + timedelta(hours=2))
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible()
    assert dialog.when_message.text() == "The call time is in the future."
    assert dialog.advice_edit.toPlainText() == "Give nothing, come in now."
    assert dialog.caller_edit.text() == "Mum"
    assert {f.id for f in _open(services, child)} == set(result.flag_ids)

    dialog.set_called_at(NOW - timedelta(minutes=5))
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.when_message.text() == ""
    assert _open(services, child) == []


def test_no_flag_chosen_is_explained_next_to_the_list(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    _seizure(services, child)
    dialog = _call_dialog(qtbot, services, child)
    for check in dialog.flag_checks.values():
        qtbot.mouseClick(check, LEFT)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.flags_message.text() == "Choose the warning you called about."
    assert dialog.isVisible()


def test_enter_does_not_save_the_call(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    _seizure(services, child)
    dialog = _call_dialog(qtbot, services, child)
    qtbot.keyClick(dialog.spoke_with_edit, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Enter)
    assert dialog.isVisible()
    assert len(_open(services, child)) == 1


def test_storage_error_shows_a_banner_and_keeps_the_form(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    _seizure(services, child)

    def broken(*_args: object) -> object:
        raise StorageError("disk full")

    dialog = CallRecordDialog(_open(services, child), broken, NOW, "Dad")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.advice_edit, "Call back in an hour.")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible()
    assert "could not save this call record" in dialog.banner.text()
    assert dialog.advice_edit.toPlainText() == "Call back in an hour."
    assert dialog.save_button.isEnabled()


# ---- Today's open flags ---------------------------------------------------------------------


@pytest.fixture
def panel(qtbot: QtBot, services: Services) -> Iterator[OpenFlagsPanel]:
    widget = OpenFlagsPanel(now=services.clock.now)
    qtbot.addWidget(widget)
    widget.resize(760, 600)
    widget.show()
    yield widget


def test_panel_without_flags_is_calm_and_shows_the_numbers(
    panel: OpenFlagsPanel, team: CareTeam
) -> None:
    panel.set_flags([], team)
    assert panel.calm.isVisible()
    assert not panel.open_box.isVisible()
    assert panel.calm_label.text() == (
        "No warning signs logged. When in doubt, call your care team."
    )
    for number in (team.phone_24h, team.phone_clinic, team.phone_emergency):
        assert number in panel.calm_numbers.text()


def test_panel_shows_a_card_per_open_flag_most_urgent_first(
    qtbot: QtBot,
    panel: OpenFlagsPanel,
    services: Services,
    child: Child,
    team: CareTeam,
) -> None:
    _fever(services, child)
    _seizure(services, child)
    flags = _open(services, child)
    panel.set_flags(flags, team)
    assert not panel.calm.isVisible()
    assert panel.open_box.isVisible()
    assert len(panel.cards) == len(flags)
    # The heading says what to do for the most urgent open flag; the count is under it.
    assert panel.heading.text() == "Call emergency services now"
    assert panel.subheading.text().startswith(f"{len(flags)} warnings are open.")
    top = panel.cards[0]
    assert top.tier_label.text() == "Emergency"
    assert top.title_label.text() == "Seizure: call emergency services now"
    assert "Raised Today, 20:00" in top.when_label.text()
    assert "Seizure (fit)" in top.evidence_labels[0].text()
    assert team.phone_24h in panel.open_numbers.text()

    with qtbot.waitSignal(panel.call_record_requested) as called:
        qtbot.mouseClick(top.call_button, LEFT)
    assert called.args == [[top.flag_id]]
    with qtbot.waitSignal(panel.details_requested) as details:
        qtbot.mouseClick(top.details_button, LEFT)
    assert details.args == [top.flag_id]
    with qtbot.waitSignal(panel.call_record_requested) as all_called:
        qtbot.mouseClick(panel.call_all_button, LEFT)
    assert sorted(all_called.args[0]) == sorted(f.id for f in flags)


def test_panel_drops_closed_flags(
    panel: OpenFlagsPanel, services: Services, child: Child, team: CareTeam
) -> None:
    _note_only(services, child)
    (flag,) = _open(services, child)
    panel.set_flags([flag], team)
    assert len(panel.cards) == 1
    assert not panel.call_all_button.isVisible()
    assert panel.heading.text() == "Report to your care team now"
    assert panel.subheading.text().startswith("1 warning is open.")
    services.flags.record_call([flag.id], NOW, "Mum", "Nurse Kim", "Watch her closely.")
    panel.set_flags(services.flags.log(child.id), team)
    assert panel.cards == []
    assert panel.calm.isVisible()


def test_rules_problem_banner(panel: OpenFlagsPanel, team: CareTeam) -> None:
    panel.set_flags([], team)
    assert panel.rules_problem_text() == ""
    panel.set_rules_problem("data/rules.toml: bad tier")
    assert panel.rules_banner.isVisible()
    assert panel.rules_problem_text() == (
        "Warning checks are not working: call your care team about any concern."
    )
    assert "No warning signs" not in panel.calm_label.text()  # no false comfort
    assert not panel.calm_icon.isVisible()
    panel.set_rules_problem(None)
    assert not panel.rules_banner.isVisible()
    assert panel.calm_label.text().startswith("No warning signs logged.")


# ---- the log --------------------------------------------------------------------------------


def test_flag_log_rows_newest_first_with_the_call(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam, clock: FixedClock
) -> None:
    fever = _fever(services, child)
    clock.moment = NOW + timedelta(minutes=20)
    seizure = _seizure(services, child)
    clock.moment = NOW + timedelta(minutes=40)
    services.flags.record_call(
        list(fever.flag_ids),
        NOW + timedelta(minutes=35),
        "Mum",
        "Nurse Kim",
        "Come in to the day unit now.",
    )
    model = FlagLogModel()
    model.set_flags(services.flags.log(), {child.id: "Maya"}, clock.now())
    assert model.rowCount() == len(fever.flag_ids) + len(seizure.flag_ids)
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first[FlagLogModel.CHILD] == "Maya"
    assert first[FlagLogModel.TIER] == "Emergency"
    assert first[FlagLogModel.TITLE] == "Seizure: call emergency services now"
    assert "Seizure (fit)" in str(first[FlagLogModel.EVIDENCE])
    assert first[FlagLogModel.STATUS] == "Open"
    assert model.data(model.index(0, 0), FLAG_ID_ROLE) == seizure.flag_ids[0]
    last = model.rowCount() - 1
    assert model.data(model.index(last, FlagLogModel.STATUS)) == (
        "Called at 20:35 by Mum, spoke with Nurse Kim: Come in to the day unit now."
    )
    assert model.data(model.index(0, FlagLogModel.TIER), Qt.ItemDataRole.DecorationRole)
    assert model.data(QModelIndex()) is None


def test_flag_log_model_passes_the_model_tester(
    qtmodeltester: object, services: Services, child: Child, team: CareTeam
) -> None:
    fever = _fever(services, child)
    _note_only(services, child)
    services.flags.record_call(list(fever.flag_ids)[:1], NOW, "Dad", "", "")
    model = FlagLogModel()
    model.set_flags(services.flags.log(), {child.id: "Maya"}, NOW)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_flags([], {}, NOW)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_flag_log_view_asks_for_details_on_activation(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    result = _seizure(services, child)
    view = FlagLogView()
    qtbot.addWidget(view)
    view.set_flags(services.flags.log(), {child.id: "Maya"}, NOW)
    view.resize(1000, 500)
    view.show()
    assert not view.empty_label.isVisible()
    with qtbot.waitSignal(view.details_requested) as signal:
        view.table.activated.emit(view.model.index(0, 2))
    assert signal.args == [result.flag_ids[0]]


# ---- for everyone: screen readers, and never a word against calling -------------------------


def _every_widget(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> list[tuple[QWidget, list[str]]]:
    """Each widget in each state it has, with its text and (for the log) its model's."""
    results = [_fever(services, child), _seizure(services, child), _note_only(services, child)]
    shown: list[tuple[QWidget, list[str]]] = []
    for result in results:
        dialog = _dialog(qtbot, result, child, services)
        qtbot.mouseClick(dialog.copy_button, LEFT)
        qtbot.mouseClick(dialog.sources_button, LEFT)
        shown.append((dialog, [dialog.script]))
    flags = _open(services, child)
    call = _call_dialog(qtbot, services, child)
    call.set_called_at(NOW + timedelta(hours=3))
    qtbot.mouseClick(call.save_button, LEFT)
    shown.append((call, []))
    for flag_list in ([], flags):
        panel = OpenFlagsPanel(now=services.clock.now)
        qtbot.addWidget(panel)
        panel.set_flags(flag_list, team)
        panel.set_rules_problem("rules missing")
        shown.append((panel, []))
    services.flags.record_call([flags[0].id], NOW, "Mum", "Nurse Kim", "Come in now.")
    view = FlagLogView()
    qtbot.addWidget(view)
    view.set_flags(services.flags.log(), {child.id: "Maya"}, NOW)
    shown.append((view, _model_texts(view.model)))
    return shown


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    interactive = (
        QAbstractButton,
        QLineEdit,
        QPlainTextEdit,
        QAbstractSpinBox,
        QAbstractItemView,
        QScrollArea,
    )
    checked = 0
    for widget, _ in _every_widget(qtbot, services, child, team):
        for control in widget.findChildren(QWidget):
            if not isinstance(control, interactive) or not control.isVisibleTo(widget):
                continue  # hidden parts are checked in the state that shows them
            if control.parent() is not None and isinstance(control.parent(), QAbstractSpinBox):
                continue  # the line edit inside a date or time box: the box has the name
            if control.objectName().startswith("qt_"):
                continue  # Qt's own parts (scroll bars, calendar pop-up)
            if control.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
                control, QAbstractButton
            ):
                continue
            assert control.accessibleName().strip(), (
                f"{type(widget).__name__}: {type(control).__name__} "
                f"{getattr(control, 'text', lambda: '')()!r} has no accessible name"
            )
            checked += 1
    assert checked >= 40  # the dialogs, the form, the cards and the table were all looked at


def test_no_text_discourages_calling_the_care_team(
    qtbot: QtBot, services: Services, child: Child, team: CareTeam
) -> None:
    seen = 0
    for widget, extra in _every_widget(qtbot, services, child, team):
        texts = _texts(widget) + extra
        seen += len(texts)
        for text in texts:
            folded = text.casefold().replace("’", "'")
            for phrase in BANNED:
                assert phrase not in folded, f"{type(widget).__name__}: {text!r}"
    assert seen > 200


def test_no_discouraging_phrase_in_the_source_of_these_widgets() -> None:
    for path in SOURCES:
        folded = path.read_text(encoding="utf-8").casefold().replace("’", "'")
        for phrase in BANNED:
            assert phrase not in folded, f"{path.name}: {phrase!r}"


def test_weight_and_age_read_naturally(qtbot: QtBot, services: Services, team: CareTeam) -> None:
    baby = services.household.add_child(
        "Ana", date(2026, 3, 1), Decimal("7.20"), "blinatumomab", date(2026, 11, 1), cycle=1
    )
    dialog = _dialog(qtbot, _seizure(services, baby), baby, services)
    assert "Ana is under 1 year old and weighs 7.2 kg." in dialog.script


def test_clicking_the_hour_of_the_call_time_and_typing_replaces_it(
    qtbot: QtBot, services: Services, child: Child
) -> None:
    """Found as a parent under Xvfb: typing '21' into the clicked hour left 23:18 unchanged."""
    from PySide6.QtCore import QPoint, QTime
    from PySide6.QtWidgets import QLineEdit

    _seizure(services, child)
    dialog = CallRecordDialog(services.flags.open_flags(), services.flags.record_call, NOW, "Mum")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.time_edit.setTime(QTime(20, 5))
    inner = dialog.time_edit.findChild(QLineEdit)
    assert inner is not None
    qtbot.mouseClick(inner, Qt.MouseButton.LeftButton, pos=QPoint(1, inner.height() // 2))
    qtbot.wait(20)
    qtbot.keyClicks(dialog.time_edit, "19")
    assert dialog.time_edit.time().hour() == 19
