"""Lateness is judged against the input's event time, never against processing progress
(pure: the reader's clock, the log and the count stage's schedule are all passed in).

A count stage far behind its log, ticking all the while, and a reader whose signals
partitions are read unevenly, must count nothing late and equal the offline replay:
ticks move time only by the marks already read, and a mark vouches only for entries
before it. What is late is data out of order in the input itself — as when the detect
bench stamped its planted spikes with the wall clock while its filler's clock ran
seconds behind (109,392 entries refused in one run): then every stage schedule agrees.
"""

from __future__ import annotations

import random
import zlib
from collections import deque
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiokafka.partitioner import DefaultPartitioner

from schemas import keys_topic
from streams.detect import replay
from streams.detect.config import DetectionSettings
from streams.detect.count_stage import CountStage
from streams.detect.detectors import DetectorConfig
from streams.detect.dimensions import DimensionSet
from streams.detect.engine import Engine
from streams.detect.repartition import entries_by_key
from streams.detect.watermarks import SourceClock

PARTS = 4  # signals partitions, and keys partitions
RATE = 40  # signals a second
SECONDS = 120
WINDOW = 5
T0 = datetime(2026, 12, 1, tzinfo=UTC)
ROUTE = DimensionSet("typology_route", ("typology", "origin", "destination"))
TYPOLOGY = DimensionSet("typology", ("typology",))
CFG = DetectorConfig(method="auto", window=WINDOW, baseline=6, guard=2, span=3, lateness=WINDOW)
CONF = DetectionSettings((ROUTE, TYPOLOGY), {s.name: CFG for s in (ROUTE, TYPOLOGY)})
_partitioner = DefaultPartitioner()
_everyone = list(range(PARTS))


def partition_of(full: bytes) -> int:
    return int(_partitioner(keys_topic.routing(full), _everyone, _everyone))


def _signal(n: int, at: float, origin: str, dest: str, org: str) -> dict[str, Any]:
    return {
        "signal_id": f"s{n}", "event_time": T0 + timedelta(seconds=at), "source_id": f"r{n}",
        "org_id": org, "tlp": "GREEN", "typology": "forced_labour", "origin_country": origin,
        "destination_country": dest, "location_country": None,
    }  # fmt: skip


def _load(spikes_ahead: float) -> list[tuple[float, dict[str, Any]]]:
    """(second sent, signal): a steady load on a few routes, and in the second half a
    6-report spike on a quiet route every 2 s, stamped ``spikes_ahead`` s ahead of it."""
    rng = random.Random(9)
    routes = [("NG", "IT"), ("PH", "AE"), ("VN", "GB"), ("RO", "DE"), ("TH", "MY")]
    out = []
    for i in range(RATE * SECONDS):
        at = i / RATE
        origin, dest = rng.choice(routes)
        out.append((at, _signal(i, at, origin, dest, f"org-{rng.randrange(9)}")))
    for k, at in enumerate(range(SECONDS // 2, SECONDS, 2)):
        for j in range(6):
            n = 10**6 + 6 * k + j
            out.append((at, _signal(n, at + spikes_ahead, "IS", "PT", f"org-{j % 3}")))
    out.sort(key=lambda x: x[0])
    return out


def _source(sig: dict[str, Any]) -> int:
    return zlib.crc32(sig["source_id"].encode()) % PARTS


def _keys_log(
    load: list[tuple[float, dict[str, Any]]], skew: dict[int, float]
) -> list[tuple[float, int, bytes]]:
    """The keys log as the repartition stage writes it, every 0.1 s: entries of what the
    reader has read, then its mark to every keys partition. Signals partition ``p`` is
    read ``skew[p]`` s behind the others (a backlog read unevenly)."""
    clock = SourceClock()
    clock.assigned(range(PARTS), 0.0)
    log: list[tuple[float, int, bytes]] = []
    queues: dict[int, deque[tuple[float, dict[str, Any]]]] = {p: deque() for p in _everyone}
    for at, sig in load:
        queues[_source(sig)].append((at + skew.get(_source(sig), 0.0), sig))
    step = 0
    while any(queues.values()):
        now = step / 10
        step += 1
        batch = []
        for queue in queues.values():
            while queue and queue[0][0] <= now:
                batch.append(queue.popleft()[1])
        for sig in batch:
            clock.observe(_source(sig), int(sig["event_time"].timestamp()), now)
        per: dict[int, dict[str, Any]] = {}
        for full, body in entries_by_key(batch, CONF).items():
            per.setdefault(partition_of(full.encode()), {})[full] = body
        for part, bodies in per.items():
            log += [(now, part, value) for value in keys_topic.pack(bodies)]
        mark = keys_topic.mark(clock.report(now, set()), now)
        log += [(now, part, mark) for part in range(PARTS)]
    far = Engine(CONF.sets, CONF.configs).end_of_input(int(load[-1][1]["event_time"].timestamp()))
    log += [(log[-1][0], p, keys_topic.mark(dict.fromkeys(_everyone, (far, False)), 0.0))
            for p in range(PARTS)]  # fmt: skip
    return log


def _count(log: list[tuple[float, int, bytes]], behind: float) -> tuple[int, list[dict[str, Any]]]:
    """A count stage reading the log ``behind`` s after it is written, ticking every 2 s."""
    stage = CountStage(Engine(CONF.sets, CONF.configs), PARTS, {}, partition_of)
    mine = set(range(PARTS))
    stage.assign(mine)
    found: list[dict[str, Any]] = []
    i, now = 0, 0.0
    while i < len(log):
        now += 0.5
        j = i
        while j < len(log) and log[j][0] <= now - behind:
            j += 1
        found += [d for _, d in stage.count(((p, v) for _, p, v in log[i:j]), mine)]
        i = j
        if now % 2 == 0:
            found += [d for _, d in stage.tick()]
    found += [d for _, d in stage.tick()]
    return stage.late, found


def _replayed(load: list[tuple[float, dict[str, Any]]]) -> dict[str, tuple[Any, ...]]:
    run = replay.Offline(CONF.sets, CONF.configs)
    found = replay.replay(run, [s for _, s in load])
    return replay.comparable(replay.final_states(found).values())


LOAD = _load(spikes_ahead=0.0)


@pytest.mark.parametrize(
    ("behind", "skew"),
    [(0.0, {}), (30.0, {}), (30.0, {0: 8.0, 2: 3.0}), (0.0, {1: 15.0})],
)
def test_a_count_stage_behind_its_log_or_a_skewed_reader_counts_nothing_late(
    behind: float, skew: dict[int, float]
) -> None:
    late, found = _count(_keys_log(LOAD, skew), behind)
    assert late == 0
    assert replay.comparable(replay.final_states(found).values()) == _replayed(LOAD)


def test_data_out_of_order_in_the_input_is_late_whatever_the_schedule() -> None:
    """Spikes stamped 12 s ahead of the load (the bench's wall clock against its load's)
    move every partition's time on: the load's entries behind them are late, as many
    whether the count stage keeps up or not."""
    log = _keys_log(_load(spikes_ahead=12.0), {})
    on_time, _ = _count(log, 0.0)
    behind, _ = _count(log, 30.0)
    assert on_time > 0
    assert behind == on_time


def test_records_a_restarted_worker_reads_again_are_not_late() -> None:
    """Faust takes the offsets to commit before the checkpoint writes the states, and the
    agent counts on while it does: the changelog holds records past the commit. A worker
    killed then and started again reads them again from the commit; those whose windows
    a later mark closed are repeats, counted already, not late data (422 were called late
    before the checkpoint said which offset its states cover)."""
    per: dict[int, list[bytes]] = {p: [] for p in _everyone}
    for _, part, value in _keys_log(LOAD, {}):
        per[part].append(value)
    mine = set(_everyone)
    first = CountStage(Engine(CONF.sets, CONF.configs), PARTS, {}, partition_of)
    first.assign(mine)
    found = []
    half = {p: len(log) // 2 for p, log in per.items()}
    more = {p: len(log) * 6 // 10 for p, log in per.items()}
    for upto, start in ((half, None), (more, half)):
        for p, log in per.items():
            begin = 0 if start is None else start[p]
            batch = ((p, v) for v in log[begin : upto[p]])
            found += [d for _, d in first.count(batch, mine, offsets={p: begin})]
        found += [d for _, d in first.tick()]
    committed = half  # taken before the checkpoint below, which wrote what ``more`` counted
    changelog = {w.key: w.value for w in first.checkpoint(mine)}
    second = CountStage(
        Engine(CONF.sets, CONF.configs),
        PARTS,
        {k: v for k, v in changelog.items() if v is not None},
        partition_of,
    )
    second.assign(mine)
    for p, log in per.items():
        batch = ((p, v) for v in log[committed[p] :])
        found += [d for _, d in second.count(batch, mine, offsets={p: committed[p]})]
    found += [d for _, d in second.tick()]
    assert replay.comparable(replay.final_states(found).values()) == _replayed(LOAD)
    assert second.late == 0
