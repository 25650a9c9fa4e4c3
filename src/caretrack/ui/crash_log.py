"""Bugs are logged, never shown as a traceback: type and stack only, no health data.

An exception's message can carry what a parent typed (a temperature, a note), so the log keeps
the exception's type and where it happened, and leaves the message out.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOG_NAME = "caretrack"
LOG_FILE = "caretrack.log"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_path(data_folder: Path) -> Path:
    return data_folder / "logs" / LOG_FILE


def setup_logging(data_folder: Path) -> Path | None:
    """A file handler under <data dir>/logs, folder 0700; None if it cannot be written."""
    path = log_path(data_folder)
    logger = logging.getLogger(LOG_NAME)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
    except OSError:
        return None
    if not any(
        isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path for h in logger.handlers
    ):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return path


def describe(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """'ValueError' plus file:line in function for every frame: no message, no values."""
    name = f"{exc_type.__module__}.{exc_type.__qualname__}"
    frames = traceback.extract_tb(tb)
    lines = [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join([f"Unhandled {name}", *lines])


def close_logging() -> None:
    logger = logging.getLogger(LOG_NAME)
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)


def install_excepthook(on_error: Callable[[], None]) -> ExceptHook:
    """Route every uncaught exception to the log and `on_error`; returns the previous hook."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        logging.getLogger(LOG_NAME).error(describe(exc_type, tb))
        try:
            on_error()
        except Exception as inner:  # the crash dialog itself must never crash the app
            logging.getLogger(LOG_NAME).error(describe(type(inner), inner.__traceback__))

    sys.excepthook = hook
    return previous
