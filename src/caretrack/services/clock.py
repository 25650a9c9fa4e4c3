"""The only place that reads the wall clock, so everything else can be tested at any time."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware local time in the family's zone."""
        ...


def local_zone() -> tzinfo:
    """The machine's IANA zone, so stored times say 'America/New_York', not just '-05:00'."""
    try:
        import tzlocal

        return ZoneInfo(tzlocal.get_localzone_name())
    except (ZoneInfoNotFoundError, ValueError, ImportError, OSError):
        return datetime.now().astimezone().tzinfo or UTC


class SystemClock:
    def __init__(self) -> None:
        self.zone = local_zone()

    def now(self) -> datetime:
        return datetime.now(self.zone)


class FixedClock:
    """For tests and the demo: a settable 'now'."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.moment = moment

    def now(self) -> datetime:
        return self.moment
