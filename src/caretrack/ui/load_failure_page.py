"""A calm page instead of the app when the symptom list or the data cannot be opened.

It says what happened in plain words, that the entries are safe, and who to call; the
technical detail sits below in small print for whoever helps the family.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from caretrack.ui.messages import open_problem_text
from caretrack.ui.resources import icon
from caretrack.ui.widgets.common import Card, label


class LoadFailurePage(QWidget):
    quit_requested = Signal()
    restore_requested = Signal()  # bring back the newest verified backup
    start_empty_requested = Signal()  # set the file aside and start again (after a question)

    def __init__(
        self,
        heading: str,
        body: str,
        detail: str = "",
        folder: str = "",
        parent: QWidget | None = None,
        kind: str = "unexpected",
    ) -> None:
        super().__init__(parent)
        self.kind = kind  # for the log: which failure, never its details
        self._detail = detail
        outer = QHBoxLayout(self)
        outer.setContentsMargins(28, 40, 28, 28)
        card = Card()
        card.setMaximumWidth(680)
        card.setMinimumWidth(600)  # reads as a page, not a narrow column, at any length of text
        outer.addWidget(card, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        top = QHBoxLayout()
        top.setSpacing(14)
        symbol = QLabel()
        symbol.setPixmap(icon("info").pixmap(QSize(32, 32)))
        top.addWidget(symbol, 0, Qt.AlignmentFlag.AlignTop)
        self.heading = label(heading, "h1")
        top.addWidget(self.heading, 1)
        card.body.addLayout(top)
        self.body = label(body, "lead")
        card.body.addWidget(self.body)
        self.call = label(self.tr("Call your care team about any concern."), "care-doubt")
        card.body.addWidget(self.call)
        self.detail = label("", "detail", selectable=True)
        parts = []
        if detail:
            parts.append(self.tr("Details: {detail}").format(detail=detail))
        if folder:
            parts.append(self.tr("Data folder: {folder}").format(folder=folder))
        self.detail.setText("\n".join(parts))
        self.detail.setVisible(bool(parts))
        self.detail.setAccessibleName(self.tr("Details for whoever helps you"))
        card.body.addWidget(self.detail)
        self.recovery = label("", "lead")
        self.recovery.hide()
        card.body.addWidget(self.recovery)
        self.recovery_problem = label("", "field-error")
        self.recovery_problem.hide()
        card.body.addWidget(self.recovery_problem)
        buttons = QHBoxLayout()
        self.start_empty_button = QPushButton(self.tr("Start again with no entries…"))
        self.start_empty_button.setProperty("role", "link")  # the last resort: quiet, below
        self.start_empty_button.setAccessibleName(self.tr("Start again with no entries"))
        self.start_empty_button.clicked.connect(self.start_empty_requested)
        self.start_empty_button.hide()
        buttons.addStretch(1)
        self.restore_button = QPushButton("")
        self.restore_button.setProperty("role", "primary")
        self.restore_button.clicked.connect(self.restore_requested)
        self.restore_button.hide()
        self.quit_button = QPushButton(self.tr("Close CareTrack"))
        self.quit_button.setProperty("role", "secondary")
        self.quit_button.setAccessibleName(self.tr("Close CareTrack"))
        self.quit_button.clicked.connect(self.quit_requested)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.restore_button)
        card.body.addLayout(buttons)
        last_resort = QHBoxLayout()
        last_resort.addWidget(self.start_empty_button)
        last_resort.addStretch(1)
        card.body.addLayout(last_resort)

    def offer_recovery(self, backup_when: str | None, can_start_empty: bool) -> None:
        """What the parent can do next: the newest verified backup, or (asked first) a new file."""
        if backup_when:
            self.recovery.setText(
                self.tr(
                    "CareTrack has a checked backup from {when}. It can bring your entries back "
                    "from it. Entries made after that time are not in it. The damaged file is "
                    "kept in the data folder, unchanged."
                ).format(when=backup_when)
            )
            self.restore_button.setText(self.tr("Bring back my entries"))
            self.restore_button.setAccessibleName(
                self.tr("Bring back my entries from the backup of {when}").format(when=backup_when)
            )
            self.restore_button.show()
            self.restore_button.setDefault(True)
        else:
            self.recovery.setText(
                self.tr(
                    "There is no backup to bring your entries back from. Keep the data folder "
                    "as it is, and ask someone you trust to look at it."
                )
            )
        self.recovery.show()
        self.start_empty_button.setVisible(can_start_empty)

    def show_recovery_problem(self, text: str) -> None:
        self.recovery_problem.setText(text)
        self.recovery_problem.setVisible(bool(text))

    def summary(self) -> str:
        """One plain line for a terminal (the smoke test)."""
        head = self.heading.text()
        return f"{head} ({self._detail})" if self._detail else head

    def text(self) -> str:
        parts = (self.heading, self.body, self.call, self.recovery, self.recovery_problem)
        return "\n".join(w.text() for w in (*parts, self.detail) if w.text())


def catalogue_failure_page(detail: str) -> LoadFailurePage:
    page = LoadFailurePage("", "", detail, kind="catalogue")
    page.heading.setText(page.tr("CareTrack could not read its list of symptoms"))
    page.body.setText(
        page.tr(
            "CareTrack could not read its list of symptoms ({where}). Your entries are safe. "
            "Call your care team about any concern."
        ).format(where=detail)
    )
    page.call.hide()  # the body already says it
    return page


def database_failure_page(problem: str, detail: str, folder: str) -> LoadFailurePage:
    heading, body = open_problem_text(problem)
    return LoadFailurePage(heading, body, detail, folder, kind=f"database {problem}")


def unexpected_failure_page(folder: str) -> LoadFailurePage:
    page = LoadFailurePage("", "", "", folder)
    page.heading.setText(page.tr("CareTrack could not start"))
    page.body.setText(
        page.tr(
            "Something went wrong while opening your data. Nothing you saved is lost. "
            "Close CareTrack and open it again."
        )
    )
    return page
