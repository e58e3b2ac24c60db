"""Event-time watermarks across partitions and workers (pure; the caller passes the clock).

``SourceClock`` runs where signals are read. For each signals partition it holds, it
reports the newest event time read and whether the partition is idle: no data for
``idle`` seconds *and* nothing left to read (a partition with a backlog — say, one just
taken over from a crashed worker — is never idle, or its old events would arrive late).
A partition just assigned reports 0 until data comes.

Readers send their reports, stamped with the wall-clock time they were made, to every
keys partition after their entries, so a report read from a keys partition vouches for
every entry before it there. ``MergedClock`` keeps, per keys partition, the latest
report for each signals partition (last write wins: when a signals partition moves to
another reader, the new owner's reports follow the old owner's, and it may rewind to
replay). The watermark of a keys partition is the oldest time over the signals
partitions that are not idle, or the newest when all are; it is unknown until every
signals partition has been reported.

"Idle" is a claim only the partition's current reader can keep making: it lapses once
that partition's latest report is ``IDLE_VALID`` seconds older than the newest report
heard on the keys partition. Otherwise a reader that died (or handed the partition
over) would leave its last "idle" standing, and while the next owner had yet to read
the partition's new data, the other partitions would move time past it: its data would
then arrive after its windows closed. A lapsed claim holds time at the partition's
newest event until a reader reports it again. (A reader handing a partition over also
withdraws the claim at once; the lapse covers readers that died. Clocks of machines
running workers are assumed to agree within a second or so.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

Report = dict[int, tuple[int, bool]]  # signals partition -> (newest event time, idle)
IDLE_VALID = 5.0  # seconds an idle claim stands without a fresh one (readers report each s)


@dataclass
class SourceClock:
    idle: float = 10.0
    newest: dict[int, int] = field(default_factory=dict)
    heard: dict[int, float] = field(default_factory=dict)  # when data last came, or assigned

    def assigned(self, partitions: Iterable[int], now: float) -> None:
        current = set(partitions)
        for p in current - set(self.heard):
            self.heard[p] = now  # the idle timer starts at assignment
            self.newest.pop(p, None)
        for p in set(self.heard) - current:
            del self.heard[p]
            self.newest.pop(p, None)

    def observe(self, partition: int, event_time: int, now: float) -> None:
        self.newest[partition] = max(self.newest.get(partition, 0), event_time)
        self.heard[partition] = now

    def quiet(self, now: float) -> set[int]:
        """Held partitions without data for ``idle`` seconds: idle if also caught up."""
        return {p for p, at in self.heard.items() if now - at >= self.idle}

    def report(self, now: float, caught_up: set[int]) -> Report:
        return {
            p: (self.newest.get(p, 0), now - at >= self.idle and p in caught_up)
            for p, at in self.heard.items()
        }


@dataclass
class MergedClock:
    sources: int  # how many signals partitions exist
    idle_valid: float = IDLE_VALID
    # keys partition -> signals partition -> (newest event time, idle, reported at)
    reports: dict[int, dict[int, tuple[int, bool, float]]] = field(default_factory=dict)
    latest: dict[int, float] = field(default_factory=dict)  # keys partition -> newest "at"

    def heard(self, keys_partition: int, report: Report, at: float) -> None:
        """A reader's ``report``, made at wall-clock time ``at``."""
        known = self.reports.setdefault(keys_partition, {})
        for p, (t, idle) in report.items():
            known[p] = (t, idle, at)
        self.latest[keys_partition] = max(self.latest.get(keys_partition, at), at)

    def watermark(self, keys_partition: int) -> int | None:
        known = self.reports.get(keys_partition, {})
        if len(known) < self.sources:
            return None
        fresh = self.latest[keys_partition] - self.idle_valid
        active = [t for t, idle, at in known.values() if not (idle and at >= fresh)]
        return min(active) if active else max(t for t, _, _ in known.values())

    def forget(self) -> None:
        self.reports.clear()
        self.latest.clear()
