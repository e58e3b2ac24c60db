"""Is the intake stage behind? A backlog upstream must hold event time back.

A signals partition that has nothing left to read may claim to be idle, so that it does
not hold the watermark back (with few partners most partitions stay empty). But while
incidents wait in the incidents topic to be normalised, their signals do not exist yet:
an idle claim then lets other partitions' time (news signals, say) close windows that
data is still coming for. After a broker or main-job restart that resolved a detection
at an empty window and opened a second one for the same spike after the catch-up
(issue 22). So idle claims stand only while the intake group's committed offsets reach
the end of the incidents log, as they have within the last ``grace`` seconds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


def behind(committed: dict[int, int], ends: dict[int, tuple[int, int]]) -> bool:
    """Whether any partition has records past where the group resumes (pure). ``ends``:
    partition -> (low, high) watermarks; a missing or negative commit resumes at ``low``.
    One offset of slack: the intake commits in transactions, whose closing marker takes
    the last offset and is never read."""
    for p, (low, high) in ends.items():
        at = committed.get(p, -1)
        if at < 0:
            at = low
        if at < high - 1:
            return True
    return False


@dataclass
class UpstreamGate:
    kafka: dict[str, Any]
    group: str  # the intake stage's consumer group
    topic: str  # the incidents topic
    grace: float = 10.0
    every: float = 1.0
    _client: Any = None
    _checked: float = 0.0
    _caught_at: float = float("-inf")  # closed until a check finds the intake caught up

    def open(self, now: float) -> bool:
        """May signals partitions claim to be idle now?"""
        if now - self._checked >= self.every:
            self._checked = now
            try:
                if not self._behind():
                    self._caught_at = now
            except Exception as err:  # the broker is away: behind until it answers
                log.debug("intake progress unknown (%s): holding idle claims", err)
        return now - self._caught_at < self.grace

    def _behind(self) -> bool:
        from confluent_kafka import Consumer, TopicPartition

        if self._client is None:  # never subscribes: asking does not join the group
            self._client = Consumer({**self.kafka, "group.id": self.group,
                                     "enable.auto.commit": False})  # fmt: skip
        meta = self._client.list_topics(self.topic, timeout=5).topics.get(self.topic)
        if meta is None or meta.error is not None:
            return False  # no incidents topic: nothing can be behind
        tps = [TopicPartition(self.topic, p) for p in sorted(meta.partitions)]
        committed = {tp.partition: tp.offset for tp in self._client.committed(tps, timeout=5)}
        ends = {tp.partition: self._client.get_watermark_offsets(tp, timeout=5) for tp in tps}
        return behind(committed, ends)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
