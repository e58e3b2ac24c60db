"""Repeats are not late data (in-memory log; no Kafka).

When a signals partition changes reader (a rebalance, or a kill -9 before its offsets were
committed), the new reader reads again from the committed offset and sends the entries of
those signals to ``detect.keys`` a second time. Where their windows have closed meanwhile
the count stage refuses them; they were counted the first time, so they are repeats, not
late data. Keys contract version 4 says where each report was read (signals partition,
offset) and how far each reader has read (marks' ``read_to``), which is what tells them
apart.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from schemas import keys_topic
from streams.detect.count_stage import CountStage
from streams.detect.engine import Engine
from streams.detect.repartition import entries_by_key
from tests.test_count_stage import CONF, EXPECTED, PARTS, SIGNALS, _summary, partition_of

BATCH = 25


def _read(
    signals: list[dict[str, Any]], start: int, end: int, *, sourced: bool = True
) -> list[list[bytes]]:
    """What one reader of signals partition 0 sends per keys partition, reading offsets
    ``[start, end)`` in batches (each signal's offset is its index)."""
    log: list[list[bytes]] = [[] for _ in range(PARTS)]
    newest = 0
    for i in range(start, end, BATCH):
        upto = min(i + BATCH, end)
        chunk = signals[i:upto]
        where = [(0, o) for o in range(i, upto)] if sourced else None
        per: dict[int, dict[str, Any]] = {}
        for full, body in entries_by_key(chunk, CONF, None, where).items():
            per.setdefault(partition_of(full.encode()), {})[full] = body
        for part, bodies in per.items():
            log[part].extend(keys_topic.pack(bodies, limit=2_000))
        newest = max(newest, int(chunk[-1]["event_time"].timestamp()))
        for part in range(PARTS):
            read_to = {0: upto} if sourced else None
            log[part].append(keys_topic.mark({0: (newest, False)}, float(i), read_to))
    return log


def _far() -> int:
    return Engine(CONF.sets, CONF.configs).end_of_input(int(SIGNALS[-1]["event_time"].timestamp()))


def _count(stage: CountStage, log: list[list[bytes]]) -> list[dict[str, Any]]:
    sent = []
    for part in range(PARTS):
        sent += [d for _, d in stage.count([(part, m) for m in log[part]], set(range(PARTS)))]
    sent += [d for _, d in stage.tick()]
    return sent


def _end(stage: CountStage) -> list[dict[str, Any]]:
    far = _far()
    marks = [[keys_topic.mark({0: (far, False)}, 1e9)] for _ in range(PARTS)]
    return _count(stage, marks)


def _stage(stored: dict[bytes, bytes | None] | None = None) -> CountStage:
    stage = CountStage(Engine(CONF.sets, CONF.configs), 1, stored or {}, partition_of)
    stage.assign(set(range(PARTS)))
    return stage


def test_entries_a_new_reader_sends_again_are_repeats_not_late() -> None:
    n = len(SIGNALS)
    stage = _stage()
    sent = _count(stage, _read(SIGNALS, 0, n))  # the first reader reads it all...
    assert stage.late == 0
    sent += _count(stage, _read(SIGNALS, n // 3, n))  # ...and a new one from its commit
    sent += _end(stage)
    assert stage.late == 0
    assert stage.repeats > 100
    assert _summary(sent) == EXPECTED


def test_repeats_are_known_after_a_restart_of_the_count_stage() -> None:
    n = len(SIGNALS)
    first = _stage()
    sent = _count(first, _read(SIGNALS, 0, n))
    stored = dict(first.stored)
    for w in first.checkpoint(set(range(PARTS))):
        stored[w.key] = w.value
    second = _stage(stored)  # the next owner of the keys partitions, from the changelog
    sent += _count(second, _read(SIGNALS, 0, n))
    sent += _end(second)
    assert second.late == 0
    assert second.repeats > 100
    assert _summary(sent) == EXPECTED


def test_a_report_late_in_the_input_is_still_late() -> None:
    n = len(SIGNALS)
    stage = _stage()
    _count(stage, _read(SIGNALS, 0, n))
    old = {**SIGNALS[3], "signal_id": "late", "source_id": "late",
           "event_time": SIGNALS[3]["event_time"] + timedelta(minutes=1)}  # fmt: skip
    _count(stage, _read([*SIGNALS, old], n, n + 1))  # a new offset, an old event time
    assert stage.repeats == 0
    assert stage.late == len(CONF.sets)  # one entry per dimension set, each refused


def test_entries_of_a_writer_that_does_not_say_where_it_read_count_as_late() -> None:
    """Version 2 entries (an older repartition stage mid-upgrade): as before."""
    n = len(SIGNALS)
    stage = _stage()
    _count(stage, _read(SIGNALS, 0, n, sourced=False))
    _count(stage, _read(SIGNALS, n // 3, n, sourced=False))
    assert stage.repeats == 0
    assert stage.late > 100


def test_version_4_round_trips() -> None:
    body = {"s": "route", "k": "A>B", "d": {}, "t": [5, 6], "r": ["r1", "r2"], "o": ["o", "o"],
            "l": ["CLEAR", "CLEAR"], "p": [0, 2], "x": [10, 11]}  # fmt: skip
    (msg,) = keys_topic.pack({"route|A>B": body})
    assert msg.startswith(b'{"v":4,')
    got = keys_topic.decode(msg)
    assert isinstance(got, keys_topic.Entries)
    assert (list(got.keys["route|A>B"].parts), list(got.keys["route|A>B"].offsets)) == (
        [0, 2],
        [10, 11],
    )
    mark = keys_topic.decode(keys_topic.mark({1: (7, False)}, 2.0, {1: 40}))
    assert mark == keys_topic.Mark({1: (7, False)}, 2.0, {1: 40})
