"""Saving a copy of everything from the window: the same files as `caretrack export`."""

from __future__ import annotations

from pathlib import Path

from caretrack import __version__
from caretrack.domain.catalogue import Catalogue
from caretrack.services.clock import Clock
from caretrack.storage.database import Database
from caretrack.storage.transfer import TransferError, export_csv, export_json

__all__ = ["TransferError", "TransferService"]


class TransferService:
    def __init__(self, db: Database, catalogue: Catalogue, clock: Clock) -> None:
        self._db = db
        self._catalogue = catalogue
        self._clock = clock

    def export_json(self, path: Path) -> int:
        """Everything, losslessly; returns how many entries it holds. Written atomically, 0600."""
        document = export_json(self._db, path, __version__, self._clock.now())
        return len(document["tables"]["entries"])

    def export_csv(self, path: Path) -> int:
        """One row per entry for spreadsheets; returns the number of entries written."""
        return export_csv(self._db, path, self._label)

    def _label(self, symptom_id: str) -> str:
        try:
            return self._catalogue.symptom(symptom_id).label
        except KeyError:  # a symptom the catalogue has since dropped keeps its id
            return symptom_id
