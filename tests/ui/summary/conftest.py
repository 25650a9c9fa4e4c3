"""Summaries built through the real services, and a place to write PDFs."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from caretrack.domain.model import Child, EntryContent
from caretrack.reports import Period, PeriodBasis, Summary
from caretrack.services import Services
from caretrack.services.demo import make_demo_household

CONFIRMED = ("unusual_temperature", "long_ago")
DEMO_PERIOD = Period(date(2026, 10, 15), date(2026, 11, 5), PeriodBasis.CHOSEN)


def save(services: Services, child: Child, content: EntryContent) -> int:
    return services.entries.save_new(child.id, str(uuid.uuid4()), content, CONFIRMED).entry.id


def at(day: date, hour: int, minute: int = 0) -> datetime:
    from tests.conftest import NEW_YORK

    return datetime.combine(day, time(hour, minute), NEW_YORK)


@pytest.fixture
def demo(services: Services) -> tuple[Services, Child]:
    """The demo household; Maya is the child with a blinatumomab pump and fever days."""
    make_demo_household(services)
    maya = next(c for c in services.household.children() if c.name == "Maya")
    return services, maya


@pytest.fixture
def demo_summary(demo: tuple[Services, Child]) -> Summary:
    services, maya = demo
    return services.summaries.build(maya.id, DEMO_PERIOD)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def days_back(n: int) -> date:
    from tests.conftest import NOW

    return NOW.date() - timedelta(days=n)
