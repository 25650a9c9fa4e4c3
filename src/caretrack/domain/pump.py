"""What the blinatumomab pump log says now: the bag running, its change due, a stop.

Times are real elapsed hours (compared in UTC): a bag that runs 24 hours across a
daylight-saving change is due 24 hours later, not at the same wall-clock time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from caretrack.domain.model import EntryContent, PumpEvent

# The bag lengths the label allows (S13, S16), as data/therapies.toml lists them.
BAG_HOURS: tuple[int, ...] = (24, 48, 72, 96, 168)


@dataclass(frozen=True)
class PumpStatus:
    last_bag_change: datetime | None = None
    bag_hours: int | None = None
    stopped_since: datetime | None = None  # a stop with no restart after it
    last_event: PumpEvent | None = None
    last_event_at: datetime | None = None

    @property
    def next_change_due(self) -> datetime | None:
        if self.last_bag_change is None or self.bag_hours is None:
            return None
        return (self.last_bag_change.astimezone(UTC) + timedelta(hours=self.bag_hours)).astimezone(
            self.last_bag_change.tzinfo
        )

    def stopped_for(self, now: datetime) -> timedelta | None:
        if self.stopped_since is None:
            return None
        return now.astimezone(UTC) - self.stopped_since.astimezone(UTC)


def pump_status(contents: Iterable[EntryContent]) -> PumpStatus:
    """Reads pump events in the order they happened (the order saved does not matter)."""
    status = PumpStatus()
    events = sorted(
        (c for c in contents if c.pump_event is not None),
        key=lambda c: c.observed_at.astimezone(UTC),
    )
    for c in events:
        assert c.pump_event is not None
        last_change, hours, stopped = status.last_bag_change, status.bag_hours, status.stopped_since
        if c.pump_event is PumpEvent.BAG_CHANGE:
            last_change, hours = c.observed_at, c.pump_bag_hours
        elif c.pump_event is PumpEvent.STOPPED and stopped is None:
            stopped = c.observed_at
        elif c.pump_event is PumpEvent.RESTARTED:
            stopped = None
        status = PumpStatus(last_change, hours, stopped, c.pump_event, c.observed_at)
    return status
