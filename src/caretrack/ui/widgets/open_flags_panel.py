"""Today's warnings: every open flag as a card that stays until someone records the call.

Also home to `CareNumbers`, the care team's numbers in the form every warning screen shows
(clinical.md §6.3 point 7: the centre's numbers plus the emergency number).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.flags import StoredFlag, Tier
from caretrack.domain.model import CareTeam
from caretrack.domain.temperature import Route
from caretrack.ui.entry_text import when_text
from caretrack.ui.flag_style import (
    TIER_QSS,
    phone_pixmap,
    rules_text,
    tier_action,
    tier_card_body,
    tier_pixmap,
    tier_style,
    tier_words,
)
from caretrack.ui.messages import route_text
from caretrack.ui.resources import icon
from caretrack.ui.widgets.common import clear_layout, label

NOTE_PREFIX = "found in your note:"


_ROUTE_IN_EVIDENCE = re.compile(r"(°[CF]) (oral|axillary|ear|forehead) at ")


_TIME_IN_EVIDENCE = re.compile(r" at (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})")


def split_evidence(line: str, today: date | None = None) -> tuple[bool, str]:
    """('found in your note: "confused" ...') -> (True, '"confused" ...'): the pill says it.

    The rules write the command line's words ("oral", "2026-11-05 20:05"); parents read
    "by mouth" and "Today, 20:05".
    """
    line = _ROUTE_IN_EVIDENCE.sub(
        lambda m: f"{m.group(1)}, {route_text(Route(m.group(2))).lower()} at ", line
    )
    day = today or local_now().date()
    line = _TIME_IN_EVIDENCE.sub(
        lambda m: " · " + when_text(datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}"), day),
        line,
    )
    if line.casefold().startswith(NOTE_PREFIX):
        rest = line[len(NOTE_PREFIX) :].strip()
        return True, rest[:1].upper() + rest[1:]
    return False, line


def local_now() -> datetime:
    return datetime.now().astimezone()


class CareNumbers(QFrame):
    """The 24-hour line (largest), the clinic and the emergency number, always all three.

    `compact` puts the three numbers side by side, for above a list of warnings.
    """

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.setProperty("role", "care-panel")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        column = QVBoxLayout(self)
        side, top = (18, 12) if compact else (20, 16)
        column.setContentsMargins(side, top, side, top)
        column.setSpacing(6 if compact else 4)
        head = QHBoxLayout()
        head.setSpacing(10)
        phone = QLabel()
        phone.setPixmap(phone_pixmap("#1d6b73", 22))
        phone.setFixedSize(QSize(22, 22))
        head.addWidget(phone, 0, Qt.AlignmentFlag.AlignVCenter)
        self.title = label(self.tr("Your care team, day or night"), "care-title", wrap=False)
        head.addWidget(self.title, 0, Qt.AlignmentFlag.AlignVCenter)
        self.team_name = label("", "care-team-name", wrap=False)
        if compact:
            head.addWidget(self.team_name, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        column.addLayout(head)
        if not compact:
            column.addWidget(self.team_name)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28 if compact else 14)
        grid.setVerticalSpacing(0 if compact else 6)
        column.addLayout(grid)
        self.captions: dict[str, QLabel] = {}
        self.numbers: dict[str, QLabel] = {}
        rows = (
            ("phone_24h", self.tr("24-hour line")),
            ("phone_clinic", self.tr("Clinic")),
            ("phone_emergency", self.tr("Emergency")),
        )
        for i, (key, caption) in enumerate(rows):
            cap = label(caption, "care-caption", wrap=False)
            big = key == "phone_24h" and not compact
            number = label(
                "", "care-number-big" if big else "care-number", wrap=False, selectable=True
            )
            number.setCursor(Qt.CursorShape.IBeamCursor)
            if compact:
                grid.addWidget(cap, 0, i, Qt.AlignmentFlag.AlignLeft)
                grid.addWidget(number, 1, i, Qt.AlignmentFlag.AlignLeft)
            else:
                grid.addWidget(cap, i, 0, Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(number, i, 1, Qt.AlignmentFlag.AlignVCenter)
            self.captions[key] = cap
            self.numbers[key] = number
        grid.setColumnStretch(3 if compact else 1, 1)
        self.missing = label(
            self.tr(
                "Your care team's numbers are not saved in CareTrack yet. "
                "Use the number on the sheet the hospital gave you."
            ),
            "care-missing",
        )
        column.addWidget(self.missing)
        self.set_team(CareTeam())

    def set_team(self, team: CareTeam) -> None:
        self.team_name.setText(team.name)
        self.team_name.setVisible(bool(team.name))
        values = {
            "phone_24h": team.phone_24h,
            "phone_clinic": team.phone_clinic,
            "phone_emergency": team.phone_emergency,
        }
        for key, value in values.items():
            number = self.numbers[key]
            shown = value
            if not value and key == "phone_emergency":
                shown = self.tr("Your local emergency number")
            number.setText(shown)
            number.setAccessibleName(f"{self.captions[key].text()}: {shown}")
            self.captions[key].setVisible(bool(shown))
            number.setVisible(bool(shown))
        self.missing.setVisible(not (team.phone_24h or team.phone_clinic))

    def text(self) -> str:
        return " ".join(n.text() for n in self.numbers.values() if not n.isHidden())


class FlagCard(QFrame):
    """One open flag: the tier in colour, icon and words; the title; what was logged."""

    call_record_requested = Signal(list)
    details_requested = Signal(int)

    def __init__(
        self,
        stored: StoredFlag,
        raised_text: str,
        child_name: str = "",
        parent: QWidget | None = None,
        today: date | None = None,  # the panel's clock, so "Today" means the same everywhere
    ) -> None:
        super().__init__(parent)
        flag = stored.flag
        style = tier_style(flag.tier)
        self.flag_id = stored.id
        body = tier_card_body(self, flag.tier, right_margin=18, spacing=8)

        head = QHBoxLayout()
        head.setSpacing(8)
        self.icon_label = QLabel()
        self.icon_label.setPixmap(tier_pixmap(flag.tier, 24))
        self.icon_label.setFixedSize(QSize(24, 24))
        head.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        self.tier_label = label(tier_words(flag.tier), f"tier-words-{style.key}", wrap=False)
        head.addWidget(self.tier_label, 0, Qt.AlignmentFlag.AlignVCenter)
        if flag.found_in_note:
            pill = label(self.tr("Found in your note"), "note-pill", wrap=False)
            head.addWidget(pill, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        when = raised_text
        if child_name:
            when = self.tr("{name} · {when}").format(name=child_name, when=raised_text)
        self.when_label = label(when, "hint", wrap=False)
        head.addWidget(self.when_label, 0, Qt.AlignmentFlag.AlignVCenter)
        body.addLayout(head)

        self.title_label = label(rules_text(flag.title), "flag-title")
        body.addWidget(self.title_label)
        if flag.what_to_do:
            body.addWidget(label(rules_text(flag.what_to_do), "flag-text"))
        self.evidence_labels: list[QLabel] = []
        for line in flag.evidence:
            text = split_evidence(line, today)[1]
            evidence = label(text, "flag-evidence", selectable=True)
            evidence.setAccessibleName(self.tr("What you logged: {text}").format(text=text))
            self.evidence_labels.append(evidence)
            body.addWidget(evidence)

        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.setContentsMargins(0, 6, 0, 0)
        self.call_button = QPushButton(icon("phone"), self.tr("I called the team"))
        self.call_button.setProperty("role", "secondary-small")
        self.call_button.setIconSize(QSize(16, 16))
        self.call_button.setAccessibleName(
            self.tr("I called the team about: {title}").format(title=rules_text(flag.title))
        )
        self.call_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.call_button.clicked.connect(self._on_call_button_clicked)
        buttons.addWidget(self.call_button)
        self.details_button = QPushButton(self.tr("Details"))
        self.details_button.setProperty("role", "link")
        self.details_button.setAccessibleName(
            self.tr("Details about: {title}").format(title=rules_text(flag.title))
        )
        self.details_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.details_button.clicked.connect(self._on_details_button_clicked)
        buttons.addWidget(self.details_button)
        buttons.addStretch(1)
        body.addLayout(buttons)
        self.setAccessibleName(
            self.tr("{tier}: {title}").format(
                tier=tier_words(flag.tier), title=rules_text(flag.title)
            )
        )

    def _on_call_button_clicked(self) -> None:
        self.call_record_requested.emit([self.flag_id])

    def _on_details_button_clicked(self) -> None:
        self.details_requested.emit(self.flag_id)


class OpenFlagsPanel(QWidget):
    """For Today: a card per open flag, or a calm line and the numbers when there is none."""

    call_record_requested = Signal(list)  # list[int]: flag ids the call was about
    details_requested = Signal(int)  # flag id

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(TIER_QSS)
        self._now = now or local_now
        self.flag_ids: list[int] = []
        self.cards: list[FlagCard] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)

        # Rules could not load: says so above everything else.
        self.rules_banner = QFrame()
        self.rules_banner.setProperty("role", "unavailable")
        rules_row = QHBoxLayout(self.rules_banner)
        rules_row.setContentsMargins(16, 12, 16, 12)
        rules_row.setSpacing(12)
        rules_icon = QLabel()
        rules_icon.setPixmap(tier_pixmap(Tier.EMERGENCY, 26))
        rules_icon.setFixedSize(QSize(26, 26))
        rules_row.addWidget(rules_icon, 0, Qt.AlignmentFlag.AlignTop)
        rules_text_col = QVBoxLayout()
        rules_text_col.setSpacing(4)
        self.rules_title = label(
            self.tr("Warning checks are not working: call your care team about any concern."),
            "unavailable-title",
        )
        rules_text_col.addWidget(self.rules_title)
        self.rules_detail = label("", "hint", selectable=True)
        rules_text_col.addWidget(self.rules_detail)
        rules_row.addLayout(rules_text_col, 1)
        self.rules_banner.setAccessibleName(self.rules_title.text())
        self.rules_banner.hide()
        column.addWidget(self.rules_banner)

        # No open flags.
        self.calm = QFrame()
        self.calm.setProperty("role", "card")
        calm_column = QVBoxLayout(self.calm)
        calm_column.setContentsMargins(20, 16, 20, 18)
        calm_column.setSpacing(12)
        calm_row = QHBoxLayout()
        calm_row.setSpacing(10)
        self.calm_icon = calm_icon = QLabel()
        calm_icon.setPixmap(tier_pixmap(Tier.NONE, 22))
        calm_icon.setFixedSize(QSize(22, 22))
        calm_row.addWidget(calm_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self.calm_label = label(
            self.tr("No warning signs logged. When in doubt, call your care team."), "lead"
        )
        calm_row.addWidget(self.calm_label, 1)
        calm_column.addLayout(calm_row)
        self.calm_numbers = CareNumbers(compact=True)
        calm_column.addWidget(self.calm_numbers)
        column.addWidget(self.calm)

        # Open flags.
        self.open_box = QWidget()
        open_column = QVBoxLayout(self.open_box)
        open_column.setContentsMargins(0, 0, 0, 0)
        open_column.setSpacing(10)
        head = QHBoxLayout()
        head.setSpacing(12)
        self.heading = label("", "card-title")
        head.addWidget(self.heading, 1, Qt.AlignmentFlag.AlignVCenter)
        self.call_all_button = QPushButton(icon("phone"), self.tr("I called about all of these"))
        self.call_all_button.setProperty("role", "secondary-small")
        self.call_all_button.setIconSize(QSize(16, 16))
        self.call_all_button.setAccessibleName(self.tr("I called the team about all open warnings"))
        self.call_all_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.call_all_button.clicked.connect(self._on_call_all_button_clicked)
        head.addWidget(self.call_all_button, 0, Qt.AlignmentFlag.AlignVCenter)
        open_column.addLayout(head)
        self.subheading = label(self.tr("Each one stays here until you record the call."), "hint")
        open_column.addWidget(self.subheading)
        self.open_numbers = CareNumbers(compact=True)
        open_column.addWidget(self.open_numbers)
        self.cards_column = QVBoxLayout()
        self.cards_column.setSpacing(10)
        open_column.addLayout(self.cards_column)
        column.addWidget(self.open_box)
        self.set_flags([], CareTeam())

    def set_flags(
        self,
        flags: Sequence[StoredFlag],
        care_team: CareTeam,
        child_names: Mapping[int, str] | None = None,
    ) -> None:
        """Show these open flags (closed ones are skipped); child names when several children."""
        open_flags = sorted(
            (f for f in flags if f.is_open),
            key=lambda f: (f.flag.tier.rank, f.raised_at, f.id),
            reverse=True,
        )
        self.flag_ids = [f.id for f in open_flags]
        self.calm_numbers.set_team(care_team)
        self.open_numbers.set_team(care_team)
        clear_layout(self.cards_column)
        self.cards = []
        now = self._now()
        zone = now.tzinfo
        names = child_names or {}
        for stored in open_flags:
            raised = when_text(stored.raised_at.astimezone(zone), now.date())
            card = FlagCard(
                stored,
                self.tr("Raised {when}").format(when=raised),
                names.get(stored.child_id, ""),
                today=now.date(),
            )
            card.call_record_requested.connect(self.call_record_requested)
            card.details_requested.connect(self.details_requested)
            self.cards_column.addWidget(card)
            self.cards.append(card)
        count = len(open_flags)
        if open_flags:
            # The heading says what to do now, in the most urgent tier's colour and words.
            style = tier_style(open_flags[0].flag.tier)
            self.heading.setText(tier_action(open_flags[0].flag.tier))
            self.heading.setStyleSheet(f"color: {style.strong}; font-size: 20px; font-weight: 700;")
        self.subheading.setText(
            self.tr("1 warning is open. It stays here until you record that you called.")
            if count == 1
            else self.tr(
                "{count} warnings are open. They stay here until you record that you called."
            ).format(count=count)
        )
        self.call_all_button.setVisible(count > 1)
        self.calm.setVisible(count == 0)
        self.open_box.setVisible(count > 0)

    def set_numbers_visible(self, visible: bool) -> None:
        """Hide the numbers where the same page already shows them (Today's care-team card)."""
        self.calm_numbers.setVisible(visible)
        self.open_numbers.setVisible(visible)

    def set_rules_problem(self, text: str | None) -> None:
        """When the warning rules could not load: say so, prominently, until they do."""
        self.rules_detail.setText(
            self.tr("Details for a helper: {text}").format(text=text) if text else ""
        )
        self.rules_detail.setVisible(bool(text))
        self.rules_banner.setVisible(text is not None)
        # Never a reassuring tick while the checks are not running.
        self.calm_icon.setVisible(text is None)
        self.calm_label.setText(
            self.tr("No warning signs logged. When in doubt, call your care team.")
            if text is None
            else self.tr(
                "CareTrack cannot check for warning signs right now. "
                "When in doubt, call your care team."
            )
        )

    def rules_problem_text(self) -> str:
        return "" if self.rules_banner.isHidden() else self.rules_title.text()

    def _on_call_all_button_clicked(self) -> None:
        self.call_record_requested.emit(list(self.flag_ids))
