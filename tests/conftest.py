"""Shared fixtures: a real SQLite file in a temp folder, the real catalogue, a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

# Before any QApplication exists; without it pytest aborts when there is no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from caretrack.catalogue import load_catalogue
from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import Child
from caretrack.services import Services, open_services
from caretrack.services.clock import FixedClock

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 5, 20, 0, tzinfo=NEW_YORK)
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nothing ever touches the real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("CARETRACK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def services(data_dir: Path, catalogue: Catalogue, clock: FixedClock) -> Iterator[Services]:
    svc = open_services(data_dir, catalogue, clock)
    yield svc
    svc.close()


@pytest.fixture
def child(services: Services) -> Child:
    """Maya, 8, on day 5 of her first blinatumomab cycle."""
    return services.household.add_child(
        "Maya", date(2018, 5, 1), Decimal("21.5"), "blinatumomab", date(2026, 11, 1), cycle=1
    )
