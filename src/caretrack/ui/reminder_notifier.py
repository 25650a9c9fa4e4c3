"""Once a minute while CareTrack runs: warnings that need only time (a pump stopped 4 hours),
what is due now, and a desktop notification for each reminder slot, once.

Nothing runs in the background when CareTrack is closed; the window says so. A failing tick
never stops the next one and never reaches the parent as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from caretrack.domain.reminders import Due
from caretrack.services import Services
from caretrack.services.errors import StorageError
from caretrack.ui.crash_log import LOG_NAME, describe
from caretrack.ui.resources import icon
from caretrack.ui.widgets.next_due_panel import notification_text

INTERVAL_MS = 60_000
MESSAGE_MS = 30_000  # how long a notification stays, where the desktop lets us choose
FORGET_AFTER = timedelta(days=2)  # slots are at most a day apart; older keys can go
TITLE = "CareTrack"


class ReminderNotifier(QObject):
    flags_raised = Signal(list)  # ids of flags raised by time alone (the pump stopped 4 hours)
    due_changed = Signal(list)  # every Due, waiting first: for NextDuePanel
    problem = Signal(str)  # a plain sentence when the data could not be read; once per problem
    open_requested = Signal()  # tray menu "Open CareTrack", or a click on a notification
    quit_requested = Signal()  # tray menu "Quit"

    def __init__(
        self,
        services: Services,
        parent: QObject | None = None,
        tray: QSystemTrayIcon | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.tray = tray if tray is not None else QSystemTrayIcon(icon("caretrack"), self)
        self.tray.setToolTip(TITLE)
        self.menu = QMenu()
        self.open_action = self.menu.addAction(self.tr("Open CareTrack"))
        self.open_action.triggered.connect(self.open_requested)
        self.quit_action = self.menu.addAction(self.tr("Quit"))
        self.quit_action.triggered.connect(self.quit_requested)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._on_tray_activated)
        self.tray.messageClicked.connect(self.open_requested)
        self.destroyed.connect(self.menu.deleteLater)
        self.notified: dict[str, datetime] = {}  # Due.key -> the slot's time
        self.child_names: dict[int, str] = {}
        self.due: list[Due] = []
        self._last_problem = ""

    # ---- running -----------------------------------------------------------------------------

    def tray_available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def start(self) -> None:
        """Show the tray icon where there is a tray, look once now, then every minute."""
        if self.tray_available():
            self.tray.show()
        self.timer.start()
        QTimer.singleShot(0, self.tick)  # after Today has painted, not in the start-up turn

    def stop(self) -> None:
        self.timer.stop()
        self.tray.hide()

    def tick(self) -> None:
        """One look at the data. Tests call it directly with a FixedClock.

        A failed warning check is never silent: it says so and tells the parent to call.
        """
        ok = self._guarded(self._check_children, self._warnings_problem)
        ok = self._guarded(self._check_due, self._reminders_problem) and ok
        if ok:
            self._last_problem = ""

    def after_save(self, child_id: int) -> None:
        """After an entry is saved: that child's time-only warnings (a stop logged late may
        already be 4 hours old) and the reminders; the other children wait for the minute."""
        ok = self._guarded(lambda: self._check_children(child_id), self._warnings_problem)
        ok = self._guarded(self._check_due, self._reminders_problem) and ok
        if ok:
            self._last_problem = ""

    def _warnings_problem(self, reason: str) -> str:
        return self.tr(
            "CareTrack could not check for warnings just now (for example a pump stopped for "
            "4 hours). Call your care team about any concern. {reason}"
        ).format(reason=reason)

    def _reminders_problem(self, reason: str) -> str:
        return self.tr("CareTrack could not check reminders just now. {reason}").format(
            reason=reason
        )

    def _guarded(self, step: Callable[[], None], problem: Callable[[str], str]) -> bool:
        try:
            step()
        except StorageError as exc:
            self._report(problem(str(exc)))
            return False
        except Exception as exc:  # a bug: logged without its message (it may hold health data)
            logging.getLogger(LOG_NAME).error(describe(type(exc), exc.__traceback__))
            self._report(problem(""))
            return False
        return True

    def _report(self, text: str) -> None:
        if text != self._last_problem:
            self._last_problem = text
            self.problem.emit(text)

    # ---- the two checks ----------------------------------------------------------------------

    def _check_children(self, only: int | None = None) -> None:
        """Flags that need only time to pass, for every child (or `only` one); a notification
        if any."""
        children = self.services.household.children()
        self.child_names = {c.id: c.name for c in children}
        raised: list[int] = []
        failed: StorageError | None = None
        for child in children:  # one child's failure does not skip the others
            if only is not None and child.id != only:
                continue
            try:
                new = self.services.flags.check_ongoing(child.id)
            except StorageError as exc:
                failed = failed or exc
                continue
            if new:
                raised += new
                self._show(
                    self.tr("A warning for {name} needs your attention. Open CareTrack.").format(
                        name=child.name
                    ),
                    QSystemTrayIcon.MessageIcon.Critical,
                )
        if raised:
            self.flags_raised.emit(raised)
        if failed is not None:
            raise failed

    def _check_due(self) -> None:
        now = self.services.clock.now()
        self.due = self.services.reminders.due()
        self.due_changed.emit(list(self.due))
        for due in self.due:
            if not due.waiting or due.key in self.notified:
                continue
            self.notified[due.key] = due.at
            name = self.child_names.get(due.child_id, "")
            self._show(notification_text(due, name, now), QSystemTrayIcon.MessageIcon.Information)
        self.notified = {k: at for k, at in self.notified.items() if now - at < FORGET_AFTER}

    def _show(self, text: str, kind: QSystemTrayIcon.MessageIcon) -> None:
        if self.tray_available():
            self.tray.showMessage(TITLE, text, kind, MESSAGE_MS)

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()
