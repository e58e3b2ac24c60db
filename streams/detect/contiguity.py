"""Is a partition delivered in order, from where the group left off? (pure)

After a rebalance the Faust consumer seeks each assigned partition to the group's
committed offset, yet records it fetched around the rebalance can be dropped (its read
offset is left ahead of the seek) or handed over first, out of order (cf.
faust-streaming#221 and #629). For ``detect.keys`` either is harmful: a missed entry is
never counted, and a watermark mark read early closes windows before the entries that
precede it. That topic has one idempotent, non-transactional writer and no compaction,
so its offsets have no gaps, and ``Sequencer`` can demand each partition's exact next
offset.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Sequencer:
    """Each partition must deliver exactly the next offset, starting at the group's
    committed one. Anything else — a record prefetched before a rebalance and handed over
    after it, a run of dropped records — is skipped, and the partition is read again from
    the offset that should have come; a record already processed is skipped. ``reset`` on
    every revocation. (Where retention has removed the committed offset from the log, the
    caller passes the log's start instead: ``CommittedOffsets.get``.)"""

    expected: dict[int, int] = field(default_factory=dict)  # partition -> next offset
    rewound: dict[int, int] = field(default_factory=dict)  # partition -> offset sought to

    def reset(self) -> None:
        self.expected.clear()
        self.rewound.clear()

    def unknown(self, partition: int) -> bool:
        return partition not in self.expected

    def start(self, partition: int, committed: int | None, first: int) -> None:
        """Where delivery must begin: where the group resumes (``CommittedOffsets.get``:
        its committed offset, or the log start), or — that could not be asked — the first
        record delivered."""
        self.expected[partition] = first if committed is None else committed

    def admit(self, partition: int, offset: int) -> tuple[bool, int | None]:
        """(process it?, offset to read again from, if a rewind is needed now)."""
        want = self.expected.get(partition)
        if want is None or offset == want:
            if want is not None:
                self.expected[partition] = offset + 1
                self.rewound.pop(partition, None)
            return True, None
        if offset < want:
            return False, None  # processed already (a repeat after a rewind)
        if self.rewound.get(partition) == want:
            return False, None  # already reading again from ``want``: this is stale
        self.rewound[partition] = want
        return False, want
