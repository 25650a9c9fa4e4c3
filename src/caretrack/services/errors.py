"""What a use case can answer besides success; each carries what the form needs to show."""

from __future__ import annotations

from caretrack.domain.validation import Problem
from caretrack.storage.database import StorageError

__all__ = ["EditConflict", "NeedsConfirmation", "NotFound", "StorageError", "ValidationFailed"]


class ValidationFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class NeedsConfirmation(Exception):
    """Nothing was saved: the parent must confirm these (codes go back in `confirmed`)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class EditConflict(Exception):
    """The entry changed since it was opened; the newer version is kept and nothing is lost."""


class NotFound(Exception):
    pass
