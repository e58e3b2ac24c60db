"""Is a partition delivered in order, from where the group left off? (pure)

After a rebalance the Faust consumer seeks each assigned partition to the group's
committed offset, yet records it fetched around the rebalance can be dropped (its read
offset is left ahead of the seek) or handed over first, out of order (cf.
faust-streaming#221 and #629). For ``detect.keys`` either is harmful: a missed entry is
never counted, and a watermark mark read early closes windows before the entries that
precede it. That topic has one idempotent, non-transactional writer and no compaction,
so its offsets have no gaps, and ``Sequencer`` can demand each partition's exact next
offset.

Records that did not come are read directly from the log (``backfill``), not by seeking
Faust's consumer back: Faust's fetch loop records each record it hands over as read only
after the agent has had it, so a seek the agent makes in between is undone, and every
record below the last one of the batch under way is then dropped as already read
(``Consumer._drain_messages``, faust-streaming 0.15). A partition sought back to 0 that
way never delivered its next record again: detection stalled there for good.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Sequencer:
    """Each partition must deliver its records in offset order, from the group's committed
    one, with none missing. A record already processed (a repeat) is skipped; a record
    ahead of its turn is processed after the ones missing before it, which the caller
    reads directly. Whatever the consumer then does — repeat, drop, hand over late — each
    record it delivers moves the partition on: there is no state in which the partition
    waits for a record that may never come. ``reset`` on every revocation. (Where
    retention has removed the committed offset from the log, the caller passes the log's
    start instead: ``CommittedOffsets.get``.)"""

    expected: dict[int, int] = field(default_factory=dict)  # partition -> next offset

    def reset(self) -> None:
        self.expected.clear()

    def unknown(self, partition: int) -> bool:
        return partition not in self.expected

    def start(self, partition: int, committed: int | None, first: int) -> None:
        """Where delivery must begin: where the group resumes (``CommittedOffsets.get``:
        its committed offset, or the log start), or — that could not be asked — the first
        record delivered. Also where it begins again after missing records could not be
        read (``committed`` None, ``first`` the first of them)."""
        self.expected[partition] = first if committed is None else committed

    def admit(self, partition: int, offset: int) -> tuple[bool, int | None]:
        """(process it?, the first offset missing before it): records from there up to
        ``offset`` never came and must be processed first, read from the log."""
        want = self.expected.get(partition)
        if want is not None and offset < want:
            return False, None  # processed already
        self.expected[partition] = offset + 1
        return True, (want if want is not None and offset > want else None)
