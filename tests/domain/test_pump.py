"""The pump log read as a status: the bag running, when the next change is due, a stop."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from caretrack.domain.model import EntryContent, PumpEvent
from caretrack.domain.pump import pump_status

NY = ZoneInfo("America/New_York")


def event(at: datetime, kind: PumpEvent, hours: int | None = None) -> EntryContent:
    return EntryContent(observed_at=at, pump_event=kind, pump_bag_hours=hours)


def test_next_change_is_the_bag_length_after_the_last_change() -> None:
    t = datetime(2026, 11, 10, 14, 0, tzinfo=NY)
    status = pump_status([event(t, PumpEvent.BAG_CHANGE, 24),
                          event(t + timedelta(hours=24), PumpEvent.BAG_CHANGE, 48)])  # fmt: skip
    assert status.bag_hours == 48
    assert status.next_change_due == t + timedelta(hours=72)


def test_a_bag_across_fall_back_is_due_after_real_hours() -> None:
    """1 Nov 2026 01:00 happens twice in New York: 24 real hours after midnight is 23:00."""
    t = datetime(2026, 11, 1, 0, 0, tzinfo=NY)
    due = pump_status([event(t, PumpEvent.BAG_CHANGE, 24)]).next_change_due
    assert due is not None
    assert (due.hour, due.day) == (23, 1)
    assert due - t == timedelta(hours=23)  # same-zone subtraction is wall-clock time
    assert due.timestamp() - t.timestamp() == 24 * 3600


def test_order_saved_does_not_matter() -> None:
    t = datetime(2026, 11, 10, 8, 0, tzinfo=NY)
    entries = [event(t + timedelta(hours=2), PumpEvent.RESTARTED),
               event(t, PumpEvent.STOPPED)]  # fmt: skip
    assert pump_status(entries).stopped_since is None
    still = pump_status([event(t, PumpEvent.STOPPED)])
    assert still.stopped_since == t
    assert still.stopped_for(t + timedelta(hours=4, minutes=10)) == timedelta(hours=4, minutes=10)


def test_no_bag_change_logged_means_no_due_time() -> None:
    t = datetime(2026, 11, 10, 8, 0, tzinfo=NY)
    status = pump_status([event(t, PumpEvent.ALARM)])
    assert status.next_change_due is None and status.last_event is PumpEvent.ALARM
