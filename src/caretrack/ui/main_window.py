"""The window shell: a top bar, one page at a time, and the care team's line at the bottom.

It imports PySide6 only, so it can be on screen before SQLAlchemy has even been imported.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from caretrack.ui.resources import icon
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import label

WINDOW_SIZE = QSize(1100, 760)


class LoadingPage(QWidget):
    """What shows for the split second while the data opens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.addStretch(1)
        text = label(self.tr("Opening CareTrack…"), "muted")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(text)
        box.addStretch(2)


class MainWindow(QMainWindow):
    today_requested = Signal()
    history_requested = Signal()
    flags_requested = Signal()
    visit_requested = Signal()
    treatment_requested = Signal()
    add_child_requested = Signal()
    care_team_requested = Signal()
    backups_requested = Signal()
    about_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("CareTrack"))
        self.setWindowIcon(icon("caretrack"))
        self.resize(WINDOW_SIZE)
        self.setMinimumSize(QSize(840, 560))
        self.close_guard: Callable[[], bool] | None = None

        root = QWidget()
        root.setProperty("role", "root")
        box = QVBoxLayout(root)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)

        bar = QFrame()
        bar.setProperty("role", "top-bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(14, 10, 14, 10)
        row.setSpacing(4)
        logo = QLabel()
        logo.setPixmap(icon("caretrack").pixmap(QSize(28, 28)))
        row.addWidget(logo)
        self.brand = label(self.tr("CareTrack"), "brand", wrap=False)
        row.addWidget(self.brand)
        row.addSpacing(12)
        self.top_bar = row

        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.today_button = self._nav_button(self.tr("Today"), "today", self.tr("Today (Ctrl+1)"))
        self.history_button = self._nav_button(
            self.tr("History"), "history", self.tr("History (Ctrl+2)")
        )
        self.flags_button = self._nav_button(
            self.tr("Warnings"), "alert-circle", self.tr("Warnings and calls (Ctrl+3)")
        )
        self.visit_button = self._nav_button(
            self.tr("Clinic visit"),
            "clipboard",
            self.tr("Clinic visit: summary and questions (Ctrl+4)"),
        )
        self.treatment_button = self._nav_button(
            self.tr("Treatment"),
            "treatment",
            self.tr("Treatment: calendar, pump, medicines and reminders (Ctrl+5)"),
        )
        self.treatment_button.setShortcut("Ctrl+5")
        self.treatment_button.clicked.connect(self.treatment_requested)
        self.today_button.setShortcut("Ctrl+1")
        self.history_button.setShortcut("Ctrl+2")
        self.flags_button.setShortcut("Ctrl+3")
        self.visit_button.setShortcut("Ctrl+4")
        self.today_button.clicked.connect(self.today_requested)
        self.history_button.clicked.connect(self.history_requested)
        self.flags_button.clicked.connect(self.flags_requested)
        self.visit_button.clicked.connect(self.visit_requested)
        row.addWidget(self.today_button)
        row.addWidget(self.history_button)
        row.addWidget(self.treatment_button)
        row.addWidget(self.flags_button)
        row.addWidget(self.visit_button)
        row.addStretch(1)

        # Five pages and two actions do not fit the smallest window in one row: the actions
        # that open a form (not a page) share one menu button at the right.
        self.more_menu = QMenu(self)
        self.more_menu.setAccessibleName(self.tr("More"))
        self.add_child_action = QAction(icon("user-plus"), self.tr("Add a child"), self)
        self.add_child_action.triggered.connect(self.add_child_requested)
        self.care_team_action = QAction(icon("phone"), self.tr("Care team numbers"), self)
        self.care_team_action.triggered.connect(self.care_team_requested)
        self.backups_action = QAction(icon("history"), self.tr("Backups…"), self)
        self.backups_action.triggered.connect(self.backups_requested)
        self.about_action = QAction(icon("info"), self.tr("About CareTrack"), self)
        self.about_action.triggered.connect(self.about_requested)
        self.more_menu.addAction(self.add_child_action)
        self.more_menu.addAction(self.care_team_action)
        self.more_menu.addAction(self.backups_action)
        self.more_menu.addSeparator()
        self.more_menu.addAction(self.about_action)
        self.more_button = QToolButton()
        self.more_button.setText(" " + self.tr("More"))
        self.more_button.setIcon(icon("more"))
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setMenu(self.more_menu)
        self.more_button.setProperty("role", "nav-action")
        self.more_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.more_button.setAccessibleName(
            self.tr("More: add a child, care team numbers, backups, about CareTrack")
        )
        self.more_button.setToolTip(self.tr("Add a child, or change the care team's numbers"))
        row.addWidget(self.more_button)
        box.addWidget(bar)

        # Stays for the whole session: the data can only be read, or sits in a risky folder.
        self.storage_notice = Banner()
        self.storage_notice.setProperty("persistent", True)
        box.addWidget(self.storage_notice)

        self.stack = QStackedWidget()
        box.addWidget(self.stack, 1)

        self.care_strip = QFrame()
        self.care_strip.setProperty("role", "care-strip")
        strip_row = QHBoxLayout(self.care_strip)
        strip_row.setContentsMargins(20, 8, 20, 8)
        phone = QLabel()
        phone.setPixmap(icon("phone").pixmap(QSize(18, 18)))
        strip_row.addWidget(phone)
        self.care_strip_label = label("", "care-strip-text", selectable=True)
        strip_row.addWidget(self.care_strip_label, 1)
        self.care_strip.hide()
        box.addWidget(self.care_strip)

        self.setCentralWidget(root)
        self.loading_page = LoadingPage()
        self.set_page(self.loading_page)
        self.set_nav_enabled(False)

    def _nav_button(self, text: str, icon_name: str, tip: str) -> QPushButton:
        button = QPushButton(f" {text}")  # a little air between icon and word
        button.setIcon(icon(icon_name))
        button.setCheckable(True)
        button.setProperty("role", "nav")
        button.setAccessibleName(text)
        button.setToolTip(tip)
        self.nav_group.addButton(button)
        return button

    def set_page(self, page: QWidget) -> None:
        """Show one page; pages that are no longer shown are removed (and deleted by owners)."""
        if self.stack.indexOf(page) < 0:
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def remove_page(self, page: QWidget) -> None:
        if self.stack.indexOf(page) >= 0:
            self.stack.removeWidget(page)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def set_nav_enabled(self, enabled: bool) -> None:
        for b in self.bar_buttons():
            b.setEnabled(enabled)
        self.add_child_action.setEnabled(enabled)
        self.care_team_action.setEnabled(enabled)
        self.backups_action.setEnabled(enabled)

    def set_nav_visible(self, visible: bool) -> None:
        for b in self.bar_buttons():
            b.setVisible(visible)

    def bar_buttons(self) -> tuple[QPushButton | QToolButton, ...]:
        return (
            self.today_button,
            self.history_button,
            self.treatment_button,
            self.flags_button,
            self.visit_button,
            self.more_button,
        )

    def set_nav_current(self, name: str) -> None:
        """'today', 'history', 'treatment', 'flags', 'visit' or '' (a form is open: none is lit)."""
        self.nav_group.setExclusive(False)
        self.today_button.setChecked(name == "today")
        self.history_button.setChecked(name == "history")
        self.treatment_button.setChecked(name == "treatment")
        self.flags_button.setChecked(name == "flags")
        self.visit_button.setChecked(name == "visit")
        self.nav_group.setExclusive(True)

    def set_open_warnings(self, count: int) -> None:
        """The Warnings tab says how many warnings wait for a call, from every page."""
        text = (
            self.tr("Warnings") if count == 0 else self.tr("Warnings ({count})").format(count=count)
        )
        self.flags_button.setText(f" {text}")
        self.flags_button.setAccessibleName(
            text
            if count == 0
            else self.tr("Warnings: {count} waiting for a call").format(count=count)
        )
        self.flags_button.setProperty("alert", count > 0)
        self.flags_button.style().unpolish(self.flags_button)
        self.flags_button.style().polish(self.flags_button)
        self._fit_top_bar()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_top_bar()

    def _fit_top_bar(self) -> None:
        """In a narrow window the word 'CareTrack' gives its room to the page buttons (the logo
        stays), so no button is ever cut off, whatever the Warnings tab counts."""
        needed = self.top_bar.sizeHint().width()
        if self.brand.isHidden():
            needed += self.brand.sizeHint().width() + self.top_bar.spacing()
        self.brand.setVisible(needed <= self.width())

    def set_storage_notice(self, text: str, kind: str = "error") -> None:
        """A strip under the top bar that stays on every page ('' hides it)."""
        if text:
            self.storage_notice.show_message(text, kind)
        else:
            self.storage_notice.clear()

    def set_care_strip(self, text: str) -> None:
        self.care_strip_label.setText(text)
        self.care_strip.setVisible(bool(text))

    def closeEvent(self, event: QCloseEvent) -> None:
        """An open check-in with typed values asks before the window closes."""
        if self.close_guard is not None and not self.close_guard():
            event.ignore()
            return
        super().closeEvent(event)
