"""Shown the moment a save raises a warning: what to do first, whom to call, what to say.

Safety choices:
- Enter never closes or confirms anything here. No button is the default and none is
  "auto default", so a stray Enter (a parent still typing, or pressing Enter twice after the
  check-in form) does nothing. The danger we guard against is not a click too many on
  "I called the team" (that only opens a form), but this warning vanishing before it is read.
  Buttons still work with a click, Space, or their keyboard shortcuts; Esc closes.
- Closing never dismisses the flag: it stays open on Today until a call is recorded, and the
  dialog says so under its buttons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import UNAVAILABLE_RULE_ID, Evaluation, Flag, StoredFlag, Tier
from caretrack.domain.model import CareTeam, Child, EntryContent, SymptomReport
from caretrack.domain.schedule import therapy_day
from caretrack.services import Services
from caretrack.services.entries import SaveResult
from caretrack.ui.entry_text import (
    excerpt,
    medicines_text,
    pump_event_text,
    symptom_text,
    time_text,
)
from caretrack.ui.flag_style import (
    TIER_QSS,
    by_urgency,
    highest,
    phone_pixmap,
    rules_text,
    tier_action,
    tier_card_body,
    tier_pixmap,
    tier_style,
    tier_words,
)
from caretrack.ui.messages import nice_date, temperature_with_route, therapy_day_text, therapy_name
from caretrack.ui.neuro_check_text import check_summary_text
from caretrack.ui.widgets.common import label
from caretrack.ui.widgets.open_flags_panel import CareNumbers, split_evidence


class FlagDetails(QFrame):
    """One flag in full: title, why (with what was logged), what to do."""

    def __init__(self, flag: Flag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style = tier_style(flag.tier)
        body = tier_card_body(self, flag.tier, right_margin=20, spacing=6)

        head = QHBoxLayout()
        head.setSpacing(8)
        tier_icon = QLabel()
        tier_icon.setPixmap(tier_pixmap(flag.tier, 22))
        tier_icon.setFixedSize(QSize(22, 22))
        head.addWidget(tier_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(
            label(tier_words(flag.tier), f"tier-words-{style.key}", wrap=False),
            0,
            Qt.AlignmentFlag.AlignVCenter,
        )
        if flag.found_in_note:
            self.note_pill: QLabel | None = label(self.tr("Found in your note"), "note-pill")
            self.note_pill.setWordWrap(False)
            head.addWidget(self.note_pill, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            self.note_pill = None
        head.addStretch(1)
        body.addLayout(head)

        self.title_label = label(rules_text(flag.title), "flag-title")
        body.addWidget(self.title_label)

        body.addSpacing(4)
        body.addWidget(label(self.tr("Why"), "flag-heading"))
        if flag.message:
            body.addWidget(label(rules_text(flag.message), "flag-text"))
        self.evidence_labels: list[QLabel] = []
        for line in flag.evidence:
            from_note, text = split_evidence(line)
            if from_note:
                text = self.tr("In your note: {text}").format(text=text)
            else:
                text = self.tr("You logged: {text}").format(text=text)
            evidence = label(text, "flag-evidence", selectable=True)
            evidence.setAccessibleName(text)
            self.evidence_labels.append(evidence)
            body.addWidget(evidence)

        if flag.what_to_do:
            body.addSpacing(4)
            body.addWidget(label(self.tr("What to do"), "flag-heading"))
            self.what_label = label(rules_text(flag.what_to_do), "flag-text")
            body.addWidget(self.what_label)


class AlertDialog(QDialog):
    """The warning right after a save: highest tier first, then every flag in full."""

    call_record_requested = Signal(list)  # list[int]: the flag ids given to the dialog

    def __init__(
        self,
        evaluation: Evaluation | Sequence[Flag],
        child: Child,
        therapy_name: str,
        therapy_day: str,
        care_team: CareTeam,
        content: EntryContent | None,
        source_titles: Mapping[str, str],
        rules_version: str,
        flag_ids: Sequence[int] = (),
        *,
        catalogue: Catalogue | None = None,
        rules_reviewed: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if isinstance(evaluation, Evaluation):
            flags = list(evaluation.flags)
            self.available = evaluation.available
        else:
            flags = list(evaluation)
            self.available = not any(f.rule_id == UNAVAILABLE_RULE_ID for f in flags)
        self.flags = by_urgency(flags)
        self.tier = highest(self.flags) if self.flags else Tier.NONE
        if not self.available and self.tier.rank < Tier.REPORT_NOW.rank:
            self.tier = Tier.REPORT_NOW
        self.flag_ids = list(flag_ids)
        self._child = child
        self._therapy_name = therapy_name
        self._therapy_day = therapy_day
        self._team = care_team
        self._content = content
        self._catalogue = catalogue
        self._rules_reviewed = rules_reviewed
        self.setWindowTitle(self.tr("Warning sign for {name}").format(name=child.name))
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)
        self.setMinimumWidth(600)
        self.setStyleSheet(TIER_QSS)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll_area.setAccessibleName(self.tr("Warning details"))
        page = QWidget()
        page.setProperty("role", "page")
        self.scroll_area.setWidget(page)
        outer.addWidget(self.scroll_area, 1)
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 22, 24, 22)
        column.setSpacing(14)

        self.header = self._header()
        column.addWidget(self.header)

        real_flags = [f for f in self.flags if f.rule_id != UNAVAILABLE_RULE_ID]
        self.flag_widgets: list[FlagDetails] = []
        if real_flags:
            column.addWidget(
                label(self.tr("What CareTrack found"), "group-title"),
            )
            for flag in real_flags:
                details = FlagDetails(flag)
                self.flag_widgets.append(details)
                column.addWidget(details)

        self.numbers = CareNumbers()
        self.numbers.set_team(care_team)
        column.addWidget(self.numbers)

        column.addWidget(self._script_card())
        column.addWidget(self._sources_box(source_titles, rules_version))
        column.addStretch(1)

        outer.addWidget(self._action_bar())

    # ---- building ---------------------------------------------------------------------------

    def _header(self) -> QFrame:
        style = tier_style(self.tier)
        box = QFrame()
        box.setProperty("role", f"tier-head-{style.key}")
        row = QHBoxLayout(box)
        row.setContentsMargins(22, 20, 22, 20)
        row.setSpacing(18)
        mark = QLabel()
        mark.setPixmap(tier_pixmap(self.tier, 48))
        mark.setFixedSize(QSize(48, 48))
        mark.setAccessibleName(tier_words(self.tier))
        row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(6)
        row.addLayout(text, 1)
        words = tier_words(self.tier) if self.available else self.tr("Alerts unavailable")
        self.tier_label = label(
            self.tr("{tier} · {name}").format(tier=words, name=self._child.name),
            f"tier-words-{style.key}",
            wrap=False,
        )
        text.addWidget(self.tier_label)
        action = tier_action(self.tier)
        if not self.available:
            action = self.tr("Alerts unavailable: call your care team about any concern")
        self.action_label = label(action, "tier-action")
        text.addWidget(self.action_label)

        team = self._team
        sub = ""
        caption = ""
        number = ""
        after = ""
        if self.tier is Tier.EMERGENCY:
            sub = self.tr("Stay with {name}. Call now.").format(name=self._child.name)
            caption = self.tr("Emergency number")
            number = team.phone_emergency
            missing = self.tr("Call your local emergency number (for example 911, 112 or 999).")
            line = team.phone_24h or team.phone_clinic
            if line:
                after = self.tr("Then call your care team: {number}").format(number=line)
            else:
                after = self.tr("Then call your care team.")
        elif self.tier is Tier.REPORT_NOW:
            sub = self.tr("Call now, day or night. Do not wait for the morning.")
            if not self.available:
                sub = self.tr(
                    "CareTrack could not check this entry for warning signs. "
                    "Do not wait for CareTrack. Call now, day or night."
                )
            if team.phone_24h:
                caption, number = self.tr("Your care team's 24-hour line"), team.phone_24h
            else:
                caption, number = self.tr("Your care team"), team.phone_clinic
            missing = self.tr("Call the number on the sheet your care team gave you.")
        elif self.tier is Tier.NOTE_FOR_VISIT:
            sub = self.tr(
                "It is saved for your next visit. "
                "If you are worried, call your care team at any time."
            )
            missing = ""
        else:
            sub = self.tr("When in doubt, call your care team.")
            missing = ""
        self.sub_label = label(sub, "tier-sub")
        text.addWidget(self.sub_label)

        self.number_label: QLabel | None = None
        if self.tier in (Tier.EMERGENCY, Tier.REPORT_NOW):
            text.addSpacing(6)
            if number:
                text.addWidget(label(caption, "tier-number-caption"))
                self.number_label = label(number, "tier-number", wrap=False, selectable=True)
                self.number_label.setCursor(Qt.CursorShape.IBeamCursor)
                self.number_label.setAccessibleName(f"{caption}: {number}")
                text.addWidget(self.number_label)
            else:
                text.addWidget(label(missing, "tier-number-missing"))
            if after:
                text.addWidget(label(after, "tier-sub", selectable=True))
        box.setAccessibleName(f"{self.tier_label.text()}. {self.action_label.text()}")
        box.setAccessibleDescription(self.sub_label.text())
        return box

    def _script_card(self) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        body = QVBoxLayout(card)
        body.setContentsMargins(20, 16, 20, 18)
        body.setSpacing(10)
        body.addWidget(label(self.tr("What to say when you call"), "card-title"))
        body.addWidget(
            label(self.tr("Read this out, or copy it into a message to the team."), "hint")
        )
        self.script = self.script_text()
        self.script_label = label(self.script, "script", selectable=True)
        self.script_label.setAccessibleName(self.tr("What to say when you call"))
        self.script_label.setAccessibleDescription(self.script)
        body.addWidget(self.script_label)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setProperty("role", "secondary-small")
        self.copy_button.setAutoDefault(False)
        self.copy_button.setAccessibleName(self.tr("Copy what to say when you call"))
        self.copy_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        row.addWidget(self.copy_button)
        self.copied_label = label("", "hint")
        row.addWidget(self.copied_label, 1)
        body.addLayout(row)
        return card

    def _sources_box(self, titles: Mapping[str, str], rules_version: str) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        ids: list[str] = []
        for flag in self.flags:
            ids.extend(s for s in flag.sources if s not in ids)
        course = self._child.current_course
        if self._catalogue is not None and course is not None:
            ids = self._catalogue.sources_for(course.therapy_id, ids)  # not another drug's label
        self.sources_button = QPushButton(self.tr("Where this advice comes from"))
        self.sources_button.setProperty("role", "link")
        self.sources_button.setCheckable(True)
        self.sources_button.setAutoDefault(False)
        self.sources_button.setAccessibleName(self.tr("Show where this advice comes from"))
        self.sources_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sources_button.toggled.connect(self._on_sources_button_toggled)
        col.addWidget(self.sources_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.sources_panel = QFrame()
        self.sources_panel.setProperty("role", "card-tight")
        panel = QVBoxLayout(self.sources_panel)
        panel.setContentsMargins(16, 12, 16, 12)
        panel.setSpacing(4)
        self.source_lines: list[str] = []
        for sid in ids:
            title = titles.get(sid, "")
            line = self.tr("{id}: {title}").format(id=sid, title=title) if title else sid
            self.source_lines.append(line)
            panel.addWidget(label(line, "source-line", selectable=True))
        version = self.tr("Warning rules version {version}").format(version=rules_version)
        self.source_lines.append(version)
        panel.addSpacing(4)
        panel.addWidget(label(version, "source-line", selectable=True))
        if self._rules_reviewed:  # honest about who has checked these rules
            self.source_lines.append(self._rules_reviewed)
            panel.addWidget(label(rules_text(self._rules_reviewed), "source-line", selectable=True))
        panel.addWidget(
            label(self.tr("Your care team's own instructions always come first."), "source-line")
        )
        self.sources_panel.hide()
        col.addWidget(self.sources_panel)
        box.setVisible(bool(ids))  # "alerts unavailable" has no sources to show
        return box

    def _action_bar(self) -> QFrame:
        bar = QFrame()
        bar.setProperty("role", "action-bar")
        col = QVBoxLayout(bar)
        col.setContentsMargins(24, 12, 24, 12)
        col.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setProperty("role", "secondary")
        self.close_button.setAutoDefault(False)
        self.close_button.setAccessibleName(self.tr("Close. The warning stays on Today."))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        self.call_button = QPushButton(
            QIcon(phone_pixmap("#ffffff", 18)), self.tr("I called the team")
        )
        self.call_button.setProperty("role", "primary")
        self.call_button.setAutoDefault(False)
        self.call_button.setIconSize(QSize(18, 18))
        self.call_button.setAccessibleName(self.tr("I called the team: record the call"))
        self.call_button.clicked.connect(self._on_call_button_clicked)
        self.call_button.setVisible(bool(self.flag_ids))
        row.addWidget(self.call_button)
        col.addLayout(row)
        self.stays_label = label(
            self.tr("This warning stays on Today until you record the call."), "stays-note"
        )
        self.stays_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.stays_label.setVisible(bool(self.flag_ids))
        col.addWidget(self.stays_label)
        return bar

    # ---- the call script --------------------------------------------------------------------

    def script_text(self) -> str:
        """Plain lines a parent can read out: who, what treatment, what they saw and gave."""
        child = self._child
        c = self._content
        lines = [self.tr("I am calling about {name}.").format(name=child.name)]
        day = c.observed_at.date() if c is not None else None
        about: list[str] = []
        if day is not None:
            age = child.age_on(day)
            if age < 1:
                about.append(self.tr("{name} is under 1 year old").format(name=child.name))
            elif age == 1:
                about.append(self.tr("{name} is 1 year old").format(name=child.name))
            else:
                about.append(self.tr("{name} is {age} years old").format(name=child.name, age=age))
        if child.weight_kg is not None:
            weight = _decimal_text(child.weight_kg)
            if about:
                about.append(self.tr("and weighs {kg} kg").format(kg=weight))
            else:
                about.append(self.tr("{name} weighs {kg} kg").format(name=child.name, kg=weight))
        if about:
            lines.append(" ".join(about) + ".")
        if self._therapy_name:
            if self._therapy_day:
                lines.append(
                    self.tr("Treatment: {therapy}, {day}.").format(
                        therapy=self._therapy_name, day=self._therapy_day
                    )
                )
            else:
                lines.append(self.tr("Treatment: {therapy}.").format(therapy=self._therapy_name))
        if c is None:
            return "\n".join(lines)
        lines.append(
            self.tr("At {time} on {date}:").format(
                time=time_text(c.observed_at), date=nice_date(c.observed_at.date())
            )
        )
        if c.temperature is not None:
            lines.append(
                self.tr("• Temperature {reading}").format(
                    reading=temperature_with_route(c.temperature)
                )
            )
        if c.symptoms:
            shown = [s for s in c.symptoms if s.severity != 0]
            if shown:
                lines.append(
                    self.tr("• Symptoms: {list}").format(
                        list=", ".join(self._symptom(s.symptom_id, s.severity) for s in shown)
                    )
                )
        if c.medicines:
            lines.append(
                self.tr("• Medicines given: {list}").format(list=medicines_text(c.medicines))
            )
        else:
            lines.append(self.tr("• No medicines in this entry."))
        if c.pump_event is not None:
            event = pump_event_text(c.pump_event, c.pump_bag_hours)
            lines.append(self.tr("• Pump: {event}").format(event=event))
        if c.neuro_check is not None:
            result = check_summary_text(c.neuro_check)
            lines.append(self.tr("• Daily neuro check: {result}").format(result=result))
        if c.note.strip():
            lines.append(self.tr("• My note: “{note}”").format(note=excerpt(c.note, 280)))
        return "\n".join(lines)

    def _symptom(self, symptom_id: str, severity: int | None) -> str:
        if self._catalogue is not None:
            return symptom_text(SymptomReport(symptom_id, severity), self._catalogue)
        return symptom_id.replace("_", " ").capitalize()

    # ---- behaviour --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # never closes or confirms: see the module docstring
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        screen = self.screen()
        height = 900
        if screen is not None:
            height = min(height, int(screen.availableGeometry().height() * 0.9))
        if self.width() < 760 or self.height() < 400:
            self.resize(760, height)
        if screen is not None:  # wholly on screen, so the buttons are never cut off
            room = screen.availableGeometry()
            frame = self.frameGeometry()
            x = min(max(frame.x(), room.left()), max(room.left(), room.right() - frame.width()))
            y = min(max(frame.y(), room.top()), max(room.top(), room.bottom() - frame.height()))
            if (x, y) != (frame.x(), frame.y()):
                self.move(x, y)
        self.scroll_area.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_copy_button_clicked(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.script)
        self.copied_label.setText(self.tr("Copied. You can paste it into a message."))
        self.copy_button.setText(self.tr("Copied"))

    def _on_sources_button_toggled(self, shown: bool) -> None:
        self.sources_panel.setVisible(shown)
        if shown:
            self.scroll_area.ensureWidgetVisible(self.sources_panel)

    def _on_call_button_clicked(self) -> None:
        self.call_record_requested.emit(list(self.flag_ids))
        self.accept()


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


# ---- for the window: build the dialog from what the services hand back ---------------------


def alert_for_save(
    result: SaveResult,
    child: Child,
    services: Services,
    parent: QWidget | None = None,
) -> AlertDialog | None:
    """The dialog for a save, or None when the save raised nothing (and the rules ran)."""
    evaluation = result.evaluation
    if evaluation.available and not evaluation.flags:
        return None
    return _build(evaluation, child, services, result.entry.content, result.flag_ids, parent)


def alert_for_flags(
    flags: Sequence[StoredFlag],
    child: Child,
    content: EntryContent | None,
    services: Services,
    parent: QWidget | None = None,
) -> AlertDialog:
    """'Details' for stored flags (e.g. from Today); only open ones can be recorded."""
    return _build(
        [f.flag for f in flags],
        child,
        services,
        content,
        [f.id for f in flags if f.is_open],
        parent,
    )


def _build(
    evaluation: Evaluation | Sequence[Flag],
    child: Child,
    services: Services,
    content: EntryContent | None,
    flag_ids: Sequence[int],
    parent: QWidget | None,
) -> AlertDialog:
    name, day = "", ""
    course = child.current_course
    if course is not None:
        therapy = services.catalogue.therapy(course.therapy_id)
        if therapy is not None:
            name = therapy_name(therapy)
            on = content.observed_at.date() if content is not None else services.clock.now().date()
            day = therapy_day_text(therapy_day(therapy, course, on))
    rules = services.flags.rules
    return AlertDialog(
        evaluation,
        child,
        name,
        day,
        services.household.care_team(),
        content,
        {} if rules is None else rules.source_titles,
        services.flags.rules_version,
        flag_ids,
        catalogue=services.catalogue,
        rules_reviewed="" if rules is None else rules.reviewed,
        parent=parent,
    )
