"""Subscriber-local time: quiet hours and digest times (pure; UTC in, UTC out).

Times are wall-clock in the subscriber's IANA zone, so "08:00" stays 08:00 across daylight
saving changes. Weekly digests go out on Mondays.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def _hhmm(text: str) -> time:
    h, m = text.split(":")
    return time(int(h), int(m))


def _at(day: datetime, t: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day.date(), t, tzinfo=zone)


def in_quiet_hours(now: datetime, zone: str, start: str, end: str) -> datetime | None:
    """When the quiet period containing ``now`` ends (UTC), or None when it is not quiet."""
    tz = ZoneInfo(zone)
    local = now.astimezone(tz)
    s, e = _hhmm(start), _hhmm(end)
    t = local.time()
    if s < e:
        quiet = s <= t < e
        ends = _at(local, e, tz)
    else:  # overnight, e.g. 22:00-07:00
        quiet = t >= s or t < e
        ends = _at(local + timedelta(days=1) if t >= s else local, e, tz)
    return ends.astimezone(UTC) if quiet else None


def next_digest(now: datetime, zone: str, at: str, *, weekly: bool) -> datetime:
    """The first digest time strictly after ``now`` (UTC)."""
    tz = ZoneInfo(zone)
    local = now.astimezone(tz)
    t = _hhmm(at)
    for days in range(8):
        candidate = _at(local + timedelta(days=days), t, tz)
        if candidate > local and (not weekly or candidate.weekday() == 0):
            return candidate.astimezone(UTC)
    raise AssertionError("unreachable: a Monday falls within eight days")
