"""The early look past a quiet window that is open only for late reports (pure, no Kafka).

With day windows and a day of lateness, yesterday's window stays open all of today. A
spike today on a key that was active yesterday must be seen while it happens, not when
yesterday's window closes at the end of today; and whatever yesterday's window does at
its close (quiet, or alarming on a late report) must neither end nor split the detection.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from streams.detect import detectors as d
from streams.detect import replay
from streams.detect.dimensions import DimensionSet
from streams.detect.replay import Offline

T0 = datetime(2026, 3, 2, tzinfo=UTC)
ROUTE = [DimensionSet("route", ("origin", "destination"))]
CFG = d.DetectorConfig(span=1)  # day windows, a day of lateness
SPIKE_DAY = 40


def _signal(n: int, at: datetime, org: str = "org-a") -> dict[str, Any]:
    return {
        "signal_id": f"s{n}", "event_time": at, "source_id": f"r{n}", "org_id": org,
        "typology": "sexual_exploitation", "origin_country": "NG",
        "destination_country": "IT", "location_country": "IT", "tlp": "GREEN",
    }  # fmt: skip


def _background() -> list[dict[str, Any]]:
    """About a report a day, and one late in the evening of the day before the spike:
    the key is active in the window still open for lateness when the spike starts."""
    rng = random.Random(3)
    out = [
        _signal(i, T0 + timedelta(days=day, hours=rng.randrange(20)))
        for i, day in enumerate(
            d for d in range(SPIKE_DAY - 1) for _ in range(rng.choice([0, 1, 2]))
        )
    ]
    out.append(_signal(500, T0 + timedelta(days=SPIKE_DAY - 1, hours=22)))
    return out


def _spike(hours: int = 12) -> list[dict[str, Any]]:
    day = T0 + timedelta(days=SPIKE_DAY)
    return [_signal(900 + h, day + timedelta(hours=h), org=f"org-{h % 3}") for h in range(hours)]


def _live(engine: Offline, signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for s in signals:
        engine.add(s)
        out += engine.advance() + engine.peek()
    return out


def test_a_spike_on_a_key_active_yesterday_is_seen_the_same_day() -> None:
    engine = Offline(ROUTE, default=CFG)
    _live(engine, _background())
    spike_start = T0 + timedelta(days=SPIKE_DAY)
    seen_at = None
    for s in _spike():
        engine.add(s)
        if engine.advance() + engine.peek() and seen_at is None:
            seen_at = s["event_time"]
    # yesterday's window is still open (it closes a day of lateness after its end) ...
    assert engine.watermark < int((spike_start + timedelta(days=1)).timestamp())
    # ... and the spike is reported within hours of starting, not at the end of the day
    assert seen_at is not None
    assert seen_at - spike_start < timedelta(hours=8)


def test_the_quiet_window_closing_later_neither_ends_nor_splits_the_detection() -> None:
    signals = _background() + _spike()
    engine = Offline(ROUTE, default=CFG)
    live = _live(engine, signals)
    # the next day passes: yesterday's window closes quiet, the spike's closes alarming
    day_after = T0 + timedelta(days=SPIKE_DAY + 1, hours=1)
    live += _live(engine, [_signal(990, day_after)]) + engine.flush()
    ids = {v["detection_id"] for v in live}
    assert len(ids) == 1
    states = [v["state"] for v in live]
    assert states[0] == "opened"
    assert states.count("resolved") == 1
    assert states[-1] == "resolved"
    # the final versions are those of a replay of the same input, in one batch
    offline = list(replay.replay(Offline(ROUTE, default=CFG), [*signals, _signal(990, day_after)]))
    assert replay.final_states(live) == replay.final_states(offline)


def test_a_late_report_making_the_quiet_window_alarm_does_not_open_a_second_detection() -> None:
    engine = Offline(ROUTE, default=CFG)
    live = _live(engine, _background() + _spike())
    opened = {v["detection_id"] for v in live}
    assert len(opened) == 1
    # late but within lateness: a burst of reports for yesterday evening from three
    # organisations (the detection's id was already given by today's window)
    eve = T0 + timedelta(days=SPIKE_DAY - 1, hours=23)
    late = [_signal(700 + i, eve + timedelta(minutes=i), org=f"org-{i % 3}") for i in range(12)]
    live += _live(engine, late)
    live += _live(engine, [_signal(990, T0 + timedelta(days=SPIKE_DAY + 1, hours=1))])
    live += engine.flush()
    assert {v["detection_id"] for v in live} == opened
    assert [v["state"] for v in live].count("resolved") == 1
