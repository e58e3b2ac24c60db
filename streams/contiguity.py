"""Did delivery after an assignment start where the group left off? (pure)

After a rebalance the Faust consumer seeks each assigned partition to the group's
committed offset, yet records it fetched around the rebalance can be dropped (its read
offset is left ahead of the seek; cf. faust-streaming#221 and #629). Counting would
then silently miss them, and the records after them would move the watermark past
their windows. So the first record each partition delivers after an assignment is
compared with the committed offset:

- at or before it: delivery is contiguous, the partition is *verified*;
- after it: the partition is read again from the committed offset, and records are
  skipped until the re-read arrives, recognised by its offset going back (records
  fetched before the seek come in increasing order). Gaps that are only transaction
  markers or aborted records end the same way, one re-read later.

``StartGuard`` holds this per partition of one topic; ``reset`` on every revocation.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StartGuard:
    verified: set[int] = field(default_factory=set)
    # partition -> the last offset skipped while waiting for the re-read (None: none yet)
    rereading: dict[int, int | None] = field(default_factory=dict)

    def reset(self) -> None:
        self.verified.clear()
        self.rereading.clear()

    def unknown(self, partition: int) -> bool:
        """Nothing delivered yet since the assignment: the caller must ``decide``."""
        return partition not in self.verified and partition not in self.rereading

    def decide(self, partition: int, offset: int, committed: int | None) -> int | None:
        """The first delivered ``offset`` against the group's ``committed`` offset (None
        when the group never committed there). Returns the offset to read again from,
        or None when delivery is contiguous."""
        if committed is None or offset <= committed:
            self.verified.add(partition)
            return None
        self.rereading[partition] = None
        return committed

    def admit(self, partition: int, offset: int) -> bool:
        """Whether to process this record (after ``decide`` for its partition)."""
        if partition in self.verified:
            return True
        if partition not in self.rereading:
            return True  # never decided (its committed offset could not be asked): process
        last = self.rereading[partition]
        if last is not None and offset <= last:
            del self.rereading[partition]  # the offset went back: the re-read has begun
            self.verified.add(partition)
            return True
        self.rereading[partition] = offset  # fetched before the seek: it comes again
        return False

    def pending(self) -> set[int]:
        return set(self.rereading)
