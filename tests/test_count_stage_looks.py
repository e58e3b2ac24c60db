"""When the count stage looks early at a key's open windows (``CountStage._worth_a_look``):
after every batch while a key is small, and once its open reports have grown by
``LOOK_GROWTH`` when it is busy — without losing or much delaying a busy key's spike."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiokafka.partitioner import DefaultPartitioner

from schemas import keys_topic
from streams.detect import count_stage
from streams.detect.config import DetectionSettings
from streams.detect.count_stage import CountStage
from streams.detect.detectors import DetectorConfig
from streams.detect.dimensions import DimensionSet
from streams.detect.engine import Engine
from streams.detect.repartition import entries_by_key

ROUTE = DimensionSet("route", ("origin", "destination"))
CONF = DetectionSettings(
    (ROUTE,), {"route": DetectorConfig(span=1, method="poisson", lateness=3_600)}
)
T0 = datetime(2026, 3, 2, tzinfo=UTC)
BATCH = 5
_partitioner = DefaultPartitioner()


def _part(full: bytes) -> int:
    return int(_partitioner(full, [0], [0]))


def _signals(days: int, per_day: int, last_day: int, seed: int = 1) -> list[dict[str, Any]]:
    """``per_day`` reports a day on one route, then ``last_day`` on the last day."""
    rng = random.Random(seed)
    out = []
    for day in range(days + 1):
        n = last_day if day == days else per_day
        for i in range(n):
            at = T0 + timedelta(days=day, seconds=int(86_000 * i / n))
            out.append({
                "signal_id": f"s{day}-{i}", "event_time": at, "source_id": f"r{day}-{i}",
                "org_id": f"org-{rng.randrange(5)}", "tlp": "GREEN", "origin_country": "PH",
                "destination_country": "AE",
            })  # fmt: skip
    return out


def _batches(signals: list[dict[str, Any]]) -> Iterator[tuple[int, list[tuple[int, bytes]]]]:
    """The keys log in batches of ``BATCH`` signals, each with its watermark mark."""
    for i in range(0, len(signals), BATCH):
        chunk = signals[i : i + BATCH]
        msgs = [(0, v) for v in keys_topic.pack(entries_by_key(chunk, CONF))]
        newest = int(chunk[-1]["event_time"].timestamp())
        msgs.append((0, keys_topic.mark({0: (newest, False)}, float(i))))
        yield i + len(chunk), msgs


def _run(signals: list[dict[str, Any]]) -> tuple[int, int | None]:
    """Early looks made, and how many signals had been counted when the last day's
    detection opened (None: it did not open before its window closed)."""
    stage = CountStage(Engine(CONF.sets, CONF.configs), 1, {}, _part)
    looks = 0
    peek = stage.engine.peek

    def counted(state: Any, *, watermark: int) -> list[dict[str, Any]]:
        nonlocal looks
        looks += 1
        return peek(state, watermark=watermark)

    stage.engine.peek = counted  # type: ignore[method-assign]
    last_day = int((T0 + timedelta(days=(signals[-1]["event_time"] - T0).days)).timestamp())
    opened = None
    for sent, msgs in _batches(signals):
        for _, det in stage.count(msgs, {0}):
            start = int(det["window_start"].timestamp())
            if opened is None and start >= last_day and det["state"] == "opened":
                opened = sent
    return looks, opened


def _always_look(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(count_stage, "LOOK_ALWAYS", 10**9)


def test_a_busy_key_is_looked_at_as_it_grows_not_after_every_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    signals = _signals(days=3, per_day=4_000, last_day=4_000)
    throttled, _ = _run(signals)
    _always_look(monkeypatch)
    every, _ = _run(signals)
    assert every >= len(signals) // BATCH  # one look per batch at least
    assert throttled < every / 3


def test_a_small_key_is_looked_at_after_every_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    signals = _signals(days=10, per_day=8, last_day=8)
    throttled, _ = _run(signals)
    _always_look(monkeypatch)
    every, _ = _run(signals)
    assert throttled == every


def test_a_busy_keys_spike_opens_within_a_few_percent_more_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    signals = _signals(days=14, per_day=300, last_day=900)
    _, throttled = _run(signals)
    _always_look(monkeypatch)
    _, every = _run(signals)
    assert every is not None
    assert throttled is not None  # opened early, before its window closed
    last_day_start = len(signals) - 900
    # seen within LOOK_GROWTH more of the key's open reports (and one batch)
    assert throttled - last_day_start <= (every - last_day_start) * 1.05 + BATCH
