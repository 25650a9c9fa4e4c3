"""Composition root: builds the application, shows the window, then opens the data.

Order matters for how fast the window appears (platform.md §2): only PySide6 and the light
ui modules are imported before the first paint; the catalogue, SQLAlchemy and the services are
imported and opened in the first turn of the event loop and attached to the window.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from caretrack import __version__
from caretrack.storage.location import data_dir as resolve_data_dir
from caretrack.ui.crash_log import (
    LOG_NAME,
    close_logging,
    describe,
    install_excepthook,
    setup_logging,
)
from caretrack.ui.error_dialog import show_crash_dialog
from caretrack.ui.main_window import MainWindow
from caretrack.ui.single_instance import (
    SMOKE_TEST_LINE,
    InstanceLock,
    WindowRaiser,
    ask_first_window_forward,
    show_already_open,
)
from caretrack.ui.theme import apply_theme
from caretrack.ui.translation import install_translator

if TYPE_CHECKING:
    from caretrack.domain.catalogue import Catalogue
    from caretrack.reports import Summary
    from caretrack.services import Services
    from caretrack.services.clock import Clock
    from caretrack.ui.controller import AppController
    from caretrack.ui.load_failure_page import LoadFailurePage

APP_NAME = "CareTrack"


class Startup(QObject):
    """The deferred half of start-up: catalogue, database, services, controller."""

    def __init__(
        self,
        window: MainWindow,
        folder: Path,
        smoke_test: bool = False,
        clock: Clock | None = None,
        lock: InstanceLock | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.folder = folder
        self.smoke_test = smoke_test
        self.clock = clock
        self.lock = lock  # let go of for the moment a backup is put back
        self.services: Services | None = None
        self.controller: AppController | None = None
        self.failure: LoadFailurePage | None = None
        self.ok = False

    def load(self) -> None:
        """Never raises: every failure becomes a plain page (and a log line for bugs)."""
        try:
            self._load()
        except Exception as exc:
            from caretrack.ui.load_failure_page import unexpected_failure_page

            logging.getLogger(LOG_NAME).error(describe(type(exc), exc.__traceback__))
            self._fail(unexpected_failure_page(str(self.folder)))
        if self.smoke_test:
            QTimer.singleShot(0, self._finish_smoke_test)

    def _load(self) -> None:
        from caretrack.catalogue import CatalogueError, load_catalogue

        try:
            catalogue = load_catalogue()
        except CatalogueError as exc:
            from caretrack.ui.load_failure_page import catalogue_failure_page

            self._fail(catalogue_failure_page(str(exc)))
            return

        from caretrack.services import open_services
        from caretrack.storage.database import DatabaseOpenError

        try:
            services = open_services(self.folder, catalogue, self.clock)
        except DatabaseOpenError as exc:
            from caretrack.ui.load_failure_page import database_failure_page

            page = database_failure_page(str(exc.problem), str(exc), str(self.folder))
            self._fail(page)
            self._offer_recovery(page, str(exc.problem))
            return
        self.services = services

        from caretrack.ui.controller import AppController

        self.controller = AppController(self.window, services)
        self.controller.restore_requested.connect(self._restore_while_running)
        self.controller.start()
        self.ok = True
        self._show_storage_notice()
        if not self.smoke_test and not services.database.read_only:
            # after Today has painted: a day-old backup is refreshed
            QTimer.singleShot(0, self._backup_if_due)

    def _show_storage_notice(self) -> None:
        """Read-only data (T18) or a risky folder kept on purpose (T16): said on every page."""
        from caretrack.ui.messages import storage_notice_text

        assert self.services is not None
        db = self.services.database
        if db.read_only:
            logging.getLogger(LOG_NAME).warning("the data folder is read-only: viewing only")
            self.window.set_storage_notice(storage_notice_text("read_only"), "error")
        elif db.unsafe is not None:
            logging.getLogger(LOG_NAME).warning("the data folder is risky: %s", db.unsafe.risk)
            self.window.set_storage_notice(storage_notice_text("unsafe_location"), "error")
        else:
            self.window.set_storage_notice("")

    def _backup_if_due(self) -> None:
        """A failed start-up backup only warns (reliability.md T6); it never blocks the window."""
        from caretrack.storage.database import StorageError

        if self.services is None:
            return
        try:
            self.services.backups.backup_if_due()
        except StorageError as exc:
            logging.getLogger(LOG_NAME).warning("start-up backup failed: %s", type(exc).__name__)

    def _offer_recovery(self, page: LoadFailurePage, problem: str) -> None:
        """A damaged or foreign file: the newest verified backup, or a new file if confirmed."""
        if problem not in ("damaged", "foreign", "migration_failed"):
            return
        from caretrack.services.backups import newest_restorable
        from caretrack.ui.messages import nice_date

        info = newest_restorable(self.folder)
        when = None
        if info is not None:
            local = info.taken_at.astimezone()
            when = f"{nice_date(local.date())}, {local:%H:%M}"
            page.restore_requested.connect(lambda: self._restore(page, info.path, when))
        page.start_empty_requested.connect(lambda: self._start_empty(page))
        page.offer_recovery(when, can_start_empty=problem != "migration_failed")

    def _restore(self, page: LoadFailurePage, backup: Path, when: str) -> None:
        from caretrack.services.backups import BackupError, restore_backup
        from caretrack.storage.database import DatabaseOpenError

        if self.lock is not None:
            self.lock.release()  # restore takes the folder's lock itself
        try:
            result = restore_backup(self.folder, backup, self.clock)
        except (BackupError, DatabaseOpenError) as exc:
            logging.getLogger(LOG_NAME).warning("restore failed: %s", type(exc).__name__)
            page.show_recovery_problem(
                page.tr("The backup could not be put back: {why}").format(why=exc)
            )
            return
        finally:
            if self.lock is not None:
                self.lock.acquire()
        kept = result.previous.name if result.previous is not None else ""
        self._retry(page)
        if self.ok:
            QMessageBox.information(
                self.window,
                page.tr("Your entries are back"),
                page.tr(
                    "CareTrack brought back your entries from the backup of {when}. Anything "
                    "logged after that time is not in it: add it again if you can. The old "
                    "file is kept in the data folder as {name}."
                ).format(when=when, name=kept),
            )

    def _restore_while_running(self, backup: object, when: str) -> None:
        """From the Backups dialog: close everything on the data, put the backup back (the
        current file is backed up first), and load again. A refused backup changes nothing."""
        from caretrack.services.backups import BackupError, restore_backup
        from caretrack.storage.database import DatabaseOpenError

        assert isinstance(backup, Path)
        self._close_data()
        if self.lock is not None:
            self.lock.release()
        problem = ""
        try:
            restore_backup(self.folder, backup, self.clock)
        except (BackupError, DatabaseOpenError) as exc:
            logging.getLogger(LOG_NAME).warning("restore failed: %s", type(exc).__name__)
            problem = str(exc)
        finally:
            if self.lock is not None:
                self.lock.acquire()
        self.load()
        if problem:
            QMessageBox.warning(
                self.window,
                self.window.tr("The backup was not put back"),
                self.window.tr("Nothing was changed. {why}").format(why=problem),
            )
        elif self.ok:
            QMessageBox.information(
                self.window,
                self.window.tr("The backup is back"),
                self.window.tr(
                    "CareTrack now shows your data as it was on {when}. The file from before "
                    "is kept as a backup too (Backups, in the More menu)."
                ).format(when=when),
            )

    def _close_data(self) -> None:
        """Let go of the controller, its pages and the database, back to the loading page."""
        if self.controller is not None:
            self.controller.shut_down()
            self.controller.deleteLater()
            self.controller = None
        self.window.set_page(self.window.loading_page)
        for i in reversed(range(self.window.stack.count())):
            page = self.window.stack.widget(i)
            if page is not None and page is not self.window.loading_page:
                self.window.remove_page(page)
                page.deleteLater()
        if self.services is not None:
            self.services.close()
            self.services = None
        self.ok = False

    def _start_empty(self, page: LoadFailurePage) -> None:
        """Only after a clear question: the old file is kept aside, never deleted."""
        from caretrack.services.backups import BackupError, start_empty

        answer = QMessageBox.question(
            self.window,
            page.tr("Start again with no entries?"),
            page.tr(
                "CareTrack will keep the damaged file in the data folder, unchanged, and start "
                "a new one with no children and no entries. Do this only if you have no other "
                "way to get your entries back."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            start_empty(self.folder, self.clock)
        except BackupError as exc:
            page.show_recovery_problem(str(exc))
            return
        self._retry(page)

    def _retry(self, page: LoadFailurePage) -> None:
        self.window.remove_page(page)
        page.deleteLater()
        self.failure = None
        self.window.set_nav_visible(True)
        self.load()

    def _fail(self, page: LoadFailurePage) -> None:
        logging.getLogger(LOG_NAME).warning("start-up stopped: %s", page.kind)
        self.failure = page
        page.quit_requested.connect(self.window.close)
        self.window.set_nav_visible(False)
        self.window.set_page(page)

    def _finish_smoke_test(self) -> None:
        self.window.close_guard = None
        self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.exit(0 if self.ok else 1)

    def close(self) -> None:
        if self.services is not None:
            self.services.close()
            self.services = None


def make_application() -> QApplication:
    """The one QApplication, named, translated and themed (reused when one exists: tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    install_translator(app)
    apply_theme(app)
    return app


def run_window(data_dir: str | None = None, smoke_test: bool = False) -> int:
    """Open the window on the family's data folder; returns the exit status.

    With smoke_test, the window is built offscreen, goes through the real load path (catalogue
    and database included), then closes: 0 when everything opened, 1 when it could not.

    One CareTrack per data folder: when another one holds the folder's lock, nothing is opened;
    the first window is asked to come forward and a short message says so (exit 0), or, for a
    smoke test, one plain line (exit 1). The lock is released when the window's run ends.
    """
    if smoke_test and QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = make_application()
    folder = resolve_data_dir(data_dir)
    # Every file this process makes (lock, log, database, backups, exports) is the owner's
    # alone from the moment it exists, whatever the desktop's umask (T20; Vorta does this too).
    os.umask(0o077)
    lock = InstanceLock(folder)  # reliability.md §3.2 step 1: before anything touches the folder
    if not lock.acquire() and lock.held_elsewhere:
        if smoke_test:
            print(f"caretrack: {SMOKE_TEST_LINE}", file=sys.stderr)
            return 1
        ask_first_window_forward(folder)
        show_already_open()
        return 0
    try:
        return _run_locked_window(app, folder, lock, smoke_test)
    finally:
        lock.release()


def _run_locked_window(
    app: QApplication, folder: Path, lock: InstanceLock, smoke_test: bool
) -> int:
    setup_logging(folder)
    log = logging.getLogger(LOG_NAME)
    log.info(
        "CareTrack %s started (Qt %s, SQLite %s)", __version__, qVersion(), sqlite3.sqlite_version
    )
    if not lock.held:  # the folder cannot be written: the load path shows its own plain page
        log.warning("no single-instance lock: %s", lock.problem)

    window = MainWindow()
    window.show()
    startup = Startup(window, folder, smoke_test, lock=lock)
    previous_hook = install_excepthook(lambda: show_crash_dialog(window))
    QTimer.singleShot(0, startup.load)
    raiser = WindowRaiser(window, folder)
    if lock.held and not smoke_test:  # listening can wait until after the first paint
        QTimer.singleShot(0, raiser.listen)
    try:
        code = app.exec()
    finally:
        sys.excepthook = previous_hook
        raiser.close()
        startup.close()
        close_logging()
        window.deleteLater()
    if smoke_test:
        if startup.failure is not None:
            print(f"caretrack: {startup.failure.summary()}", file=sys.stderr)
        return 0 if startup.ok else 1
    return int(code)


def write_summary_pdf(
    summary: Summary, catalogue: Catalogue, path: Path, paper: str | None
) -> str | None:
    """For `caretrack summary`: renders offscreen, no display needed; a plain problem or None."""
    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "caretrack"])
    app.setApplicationName(APP_NAME)
    install_translator(app)

    from caretrack.ui.summary import Paper, SummaryWriteError, default_paper, write_pdf

    try:
        write_pdf(summary, catalogue, path, Paper(paper) if paper else default_paper())
    except SummaryWriteError as exc:
        return str(exc)
    return None
