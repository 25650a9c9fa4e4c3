"""One CareTrack per data folder (reliability.md §3.2 step 1, test target T12).

Two processes writing one SQLite file risk corrupting it, so the window takes a QLockFile on
<data dir>/caretrack.lock before anything else touches the folder. A lock left by a process that
is no longer running (killed, crashed, power cut) is recovered; its age alone never makes it
stale, so a CareTrack left open for days keeps its lock.

A second launch on the same folder opens nothing: it asks the first window to come forward
(over a local socket that only this user can reach; never the network) and says, calmly, that
CareTrack is already open.

Only PySide6 and the standard library are imported here: this runs before the first paint.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from caretrack.ui.crash_log import LOG_NAME

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

LOCK_FILE = "caretrack.lock"
LOCK_WAIT_MS = 100
CONNECT_WAIT_MS = 500
SMOKE_TEST_LINE = "CareTrack is already open on this data folder"


def lock_path(folder: Path) -> Path:
    return folder / LOCK_FILE


def server_name(folder: Path) -> str:
    """The same folder gives the same name; different folders (or users) never share one."""
    key = f"{Path.home()}\0{folder.resolve()}"
    return "caretrack-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class InstanceLock:
    """The data folder's lock: held, held by another live CareTrack, or not possible here."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = lock_path(folder)
        self._file: QLockFile | None = None
        self.held_elsewhere = False
        self.problem = ""

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> bool:
        """True when this process now holds the lock. Never opens or creates the database."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            self.problem = f"could not create the data folder ({type(exc).__name__})"
            return False
        with contextlib.suppress(OSError):  # a folder the family chose may not be ours to chmod
            mode = stat.S_IMODE(self.folder.stat().st_mode)
            if mode & 0o077:  # others lose access; a read-only folder stays read-only (T18)
                self.folder.chmod(mode & 0o700)
        lock = QLockFile(str(self.path))
        lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        if lock.tryLock(LOCK_WAIT_MS):
            self._file = lock
            with contextlib.suppress(OSError):  # it names this computer: private like the rest
                self.path.chmod(0o600)
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            self.held_elsewhere = True
        else:
            self.problem = f"could not write {LOCK_FILE} ({lock.error().name})"
        return False

    def release(self) -> None:
        if self._file is not None:
            self._file.unlock()
            self._file = None


class WindowRaiser(QObject):
    """The first window listens for later launches on its folder and comes forward for them."""

    def __init__(self, window: QWidget, folder: Path) -> None:
        super().__init__(window)
        self.window = window
        self.name = server_name(folder)
        self._server: QLocalServer | None = None

    def listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer  # after the first paint: not needed before

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A killed first instance can leave its socket behind. This process holds the lock,
            # so nobody else can be serving this folder: the old socket is ours to remove.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                logging.getLogger(LOG_NAME).warning(
                    "a second launch cannot bring this window forward (%s)",
                    server.serverError().name,
                )
                return False
        server.newConnection.connect(lambda: self._answer(server))
        self._server = server
        logging.getLogger(LOG_NAME).info("listening for a second launch on this data folder")
        return True

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        """Stop listening now (removes the socket file), not at some later deleteLater."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def _answer(self, server: QLocalServer) -> None:
        while (socket := server.nextPendingConnection()) is not None:
            socket.disconnected.connect(socket.deleteLater)
            socket.disconnectFromServer()
        self.bring_forward()

    def bring_forward(self) -> None:
        """Un-minimise (a maximised window stays maximised), raise and activate."""
        window = self.window
        if window.isMinimized():
            window.setWindowState(
                (window.windowState() & ~Qt.WindowState.WindowMinimized)
                | Qt.WindowState.WindowActive
            )
        window.show()
        window.raise_()
        window.activateWindow()
        logging.getLogger(LOG_NAME).info("a second launch brought this window forward")


def ask_first_window_forward(folder: Path) -> bool:
    """True when the first CareTrack on this folder was reached (it then comes forward)."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(folder))
    if not socket.waitForConnected(CONNECT_WAIT_MS):
        return False
    socket.write(b"show\n")
    socket.waitForBytesWritten(CONNECT_WAIT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_WAIT_MS)
    return True


def already_open_text() -> str:
    return QCoreApplication.translate(
        "single_instance", "CareTrack is already open. Look for its window."
    )


def show_already_open() -> None:
    """The second launch's only words: small, calm, one button."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("single_instance", "CareTrack"))
    box.setText(already_open_text())
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
