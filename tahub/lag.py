"""Consumer lag of tahub's groups: how many committed records each stage has yet to read.

Lag per group, topic and partition is the end of the log as a read_committed reader
sees it (transaction markers and aborted records excluded) minus the group's committed
offset; a partition the group never committed counts from the log's start. ``growing``
tells a stage falling behind from one working through a burst: its total lag rose at
every one of the last few looks.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from schemas.topics import ALL

# the consumer groups of one deployment, by their suffix to its app id
STAGES = {
    "": "count stage (detect.keys)",
    "-fanout": "repartition stage (signals)",
    "-intake": "intake stage (incidents, news)",
    "-sink": "warehouse sink",
    "-alerts": "alerts router",
}

# each stage's short name: the `stage` label of tahub_stage_records_total
STAGE_LABELS = {"": "count", "-fanout": "fanout", "-intake": "intake", "-sink": "sink",
                "-alerts": "alerts"}  # fmt: skip

# the topics each stage reads (logical names): every group starts at the earliest offset
READS = {
    "": ("detect.keys",),
    "-fanout": ("signals",),
    "-intake": ("incidents", "news.articles"),
    "-sink": tuple(t.logical for t in ALL),
    "-alerts": ("detections",),
}


@dataclass(frozen=True)
class Lag:
    group: str
    topic: str
    partition: int
    committed: int  # -1: never committed
    start: int
    end: int
    oldest: float | None = None  # timestamp (s) of the first record not yet read, if any

    @property
    def position(self) -> int:
        """Where the group reads next (a partition never committed: at its start)."""
        return self.committed if self.committed >= 0 else self.start

    @property
    def records(self) -> int:
        return max(0, self.end - self.position)

    def seconds(self, now: float) -> float:
        """How long the oldest unread record has waited; 0 when none waits (or its
        time is unknown)."""
        if self.records == 0 or self.oldest is None:
            return 0.0
        return max(0.0, now - self.oldest)


def totals(lags: Iterable[Lag]) -> dict[str, int]:
    out: dict[str, int] = {}
    for lag in lags:
        out[lag.group] = out.get(lag.group, 0) + lag.records
    return out


def stage_positions(lags: Iterable[Lag], app_id: str) -> dict[tuple[str, str], int]:
    """Records each stage has read and committed, by (stage, group), from the start of
    its topics' logs (the sum of its positions): a count that only grows while the topics
    are kept, so its rate is the stage's throughput. Transaction markers take offsets
    too, so it errs high by one per transaction."""
    out: dict[tuple[str, str], int] = {}
    for lag in lags:
        stage = STAGE_LABELS.get(lag.group.removeprefix(app_id))
        if stage is not None:
            key = (stage, lag.group)
            out[key] = out.get(key, 0) + lag.position
    return out


class Trend:
    """Each group's total lag at the last ``looks`` looks (pure)."""

    def __init__(self, looks: int = 5, floor: int = 1_000) -> None:
        self.looks = looks
        self.floor = floor  # lags below this are never "falling behind"
        self.history: dict[str, deque[int]] = {}

    def add(self, current: Mapping[str, int]) -> None:
        for group, total in current.items():
            self.history.setdefault(group, deque(maxlen=self.looks)).append(total)

    def growing(self) -> list[str]:
        """Groups whose lag rose at every look and is above the floor now."""
        out = []
        for group, seen in self.history.items():
            values = list(seen)
            if (
                len(values) == self.looks
                and values[-1] >= self.floor
                and all(b > a for a, b in pairwise(values))
            ):
                out.append(group)
        return out


def read(
    conf: dict[str, str], app_id: str, timeout: float = 5.0, prefix: str | None = None
) -> list[Lag]:
    """The lag of every partition each of the deployment's groups has committed on; with
    the deployment's topic ``prefix``, also of every partition each stage reads (`READS`)
    but never committed on, so a stage that never got going shows its backlog too."""
    from confluent_kafka import IsolationLevel, TopicPartition
    from confluent_kafka.admin import OffsetSpec  # type: ignore[attr-defined]

    from tahub.topics_admin import shared_admin

    admin = shared_admin(conf)  # never dropped with a request to a partition leader pending
    md = admin.list_topics(timeout=timeout)
    # the topics a group may have committed on: the deployment's (the prefix's and Faust's,
    # named after the app), or without a prefix every topic but Kafka's own
    mine = [t for t in md.topics if not t.startswith("__")
            and (prefix is None or t.startswith((prefix, app_id)))]  # fmt: skip
    parts = [(t, p) for t in sorted(mine) for p in sorted(md.topics[t].partitions)]
    committed: dict[tuple[str, str, int], int] = {}
    for suffix in STAGES:
        group = app_id + suffix
        try:
            found = group_offsets(conf, group, parts, timeout)
        except Exception:  # noqa: S112 - coordinator away: this group's lag is shown later
            continue
        for (topic, part), offset in found.items():
            if offset >= 0:
                committed[(group, topic, part)] = offset
    reads = {(g, t) for g, t, _ in committed}
    if prefix is not None:
        reads |= {(app_id + sfx, prefix + t) for sfx, topics in READS.items() for t in topics}
    if not reads:
        return []
    # a partition of a topic the group reads but never committed on lags from its start
    for group, topic in reads:
        for part in md.topics[topic].partitions if topic in md.topics else ():
            committed.setdefault((group, topic, part), -1)
    tps = {TopicPartition(t, p) for _, t, p in committed}
    latest, earliest = OffsetSpec.latest(), OffsetSpec.earliest()  # type: ignore[no-untyped-call]
    ends = _offsets(admin, tps, latest, IsolationLevel.READ_COMMITTED, timeout)
    starts = _offsets(admin, tps, earliest, IsolationLevel.READ_COMMITTED, timeout)
    return [
        Lag(group, topic, part, offset, starts.get((topic, part), 0), ends[(topic, part)])
        for (group, topic, part), offset in sorted(committed.items())
        if (topic, part) in ends
    ]


_GROUP_READERS: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}
_GROUP_LOCK = threading.Lock()


def group_offsets(
    conf: dict[str, str], group: str, partitions: list[tuple[str, int]], timeout: float
) -> dict[tuple[str, int], int]:
    """The committed offset of ``group`` in each partition (-1 where it has none), asked
    by a consumer in the group that never subscribes (so never joins it), one per group
    and process, never closed. Not the admin client's list_consumer_group_offsets: with
    one broker of three killed, its request to the group's coordinator aborted the main
    job in librdkafka 2.16.0 (``rd_kafka_enq_once_del_source_return: Assertion
    `eonce->refcnt > 0'``, which only that admin path calls), on a shared client too;
    a consumer asks its coordinator through its own group handle."""
    from confluent_kafka import Consumer, TopicPartition

    if not partitions:
        return {}
    key = (group, tuple(sorted(conf.items())))
    with _GROUP_LOCK:
        reader = _GROUP_READERS.get(key)
        if reader is None:
            reader = Consumer({**conf, "group.id": group, "enable.auto.commit": False,
                               "log_level": "0"})  # fmt: skip
            _GROUP_READERS[key] = reader
        found = reader.committed([TopicPartition(t, p) for t, p in partitions], timeout=timeout)
    return {(str(tp.topic), int(tp.partition)): int(tp.offset) for tp in found}


def with_ages(conf: dict[str, str], lags: Iterable[Lag], timeout: float = 5.0) -> list[Lag]:
    """The same lags, each with the timestamp of its oldest unread record."""
    from tahub import record_times

    lags = list(lags)
    found: dict[tuple[str, str, int], float] = {}
    for group in sorted({x.group for x in lags if x.records > 0}):
        # groups stand at different offsets of one partition: one scan per group
        waiting = {(x.topic, x.partition): x.position for x in lags
                   if x.group == group and x.records > 0}  # fmt: skip
        for (topic, part), at in record_times.first_after(conf, waiting, timeout).items():
            found[(group, topic, part)] = at
    return [replace(x, oldest=found.get((x.group, x.topic, x.partition))) for x in lags]


def partition_bounds(
    conf: dict[str, str], topics: Iterable[str], timeout: float = 5.0
) -> dict[tuple[str, int], tuple[int, int]]:
    """Each partition's (start, end) offsets, the end as a read_committed reader sees it."""
    from confluent_kafka import IsolationLevel, TopicPartition
    from confluent_kafka.admin import OffsetSpec  # type: ignore[attr-defined]

    from tahub.topics_admin import shared_admin

    admin = shared_admin(conf)  # never dropped with a request to a partition leader pending
    md = admin.list_topics(timeout=timeout)
    tps = {TopicPartition(t, p) for t in topics if t in md.topics for p in md.topics[t].partitions}
    latest, earliest = OffsetSpec.latest(), OffsetSpec.earliest()  # type: ignore[no-untyped-call]
    ends = _offsets(admin, tps, latest, IsolationLevel.READ_COMMITTED, timeout)
    starts = _offsets(admin, tps, earliest, IsolationLevel.READ_COMMITTED, timeout)
    return {tp: (starts.get(tp, 0), end) for tp, end in ends.items()}


def topic_ends(conf: dict[str, str], topics: Iterable[str], timeout: float = 5.0) -> dict[str, int]:
    """Each topic's end offset (read_committed), summed over its partitions: how far it
    has grown, for rates between two looks."""
    out: dict[str, int] = {}
    for (topic, _), (_, end) in partition_bounds(conf, topics, timeout).items():
        out[topic] = out.get(topic, 0) + end
    return out


def last_events(
    conf: dict[str, str], topics: Iterable[str], timeout: float = 5.0
) -> dict[str, float]:
    """The timestamp (s) of each topic's newest record; a topic with none is left out."""
    from tahub import record_times

    bounds = partition_bounds(conf, topics, timeout)
    out: dict[str, float] = {}
    for (topic, _), at in record_times.last_before(conf, bounds, timeout).items():
        out[topic] = max(out.get(topic, at), at)
    return out


def _offsets(
    admin: Any, tps: Iterable[Any], spec: Any, isolation: Any, timeout: float
) -> dict[tuple[str, int], int]:
    futures = admin.list_offsets(dict.fromkeys(tps, spec), isolation_level=isolation,
                                 request_timeout=timeout)  # fmt: skip
    out = {}
    for tp, fut in futures.items():
        try:
            out[(tp.topic, tp.partition)] = fut.result(timeout=timeout).offset
        except Exception:  # noqa: S112 - a partition without a leader now: asked again later
            continue
    return out
