"""Exit statuses of the contract: 2 for bad input (one plain line), 1 for anything else."""

from __future__ import annotations

import argparse
from typing import NoReturn


class BadInput(Exception):
    """The caller's input is wrong: unreadable file, unknown child, bad date, bad value."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, but its errors are one plain line with exit status 2 and no usage dump."""

    def error(self, message: str) -> NoReturn:
        raise BadInput(message)


def describe_failure(exc: BaseException) -> str:
    from caretrack.storage.database import DatabaseOpenError, StorageError

    if isinstance(exc, DatabaseOpenError):
        return f"cannot open the data folder ({exc.problem.value}): {exc}"
    if isinstance(exc, StorageError):
        return str(exc)
    return f"unexpected error ({type(exc).__name__}); nothing was saved by this command"
