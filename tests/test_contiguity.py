"""The sequencer: each keys partition delivers exactly its next offset, from the committed one."""

from __future__ import annotations

from streams.detect.contiguity import Sequencer


def _feed(seq: Sequencer, partition: int, offsets: list[int]) -> tuple[list[int], list[int]]:
    taken, rewinds = [], []
    for o in offsets:
        ok, rewind = seq.admit(partition, o)
        if ok:
            taken.append(o)
        if rewind is not None:
            rewinds.append(rewind)
    return taken, rewinds


def test_sequencer_takes_exactly_the_next_offset() -> None:
    seq = Sequencer()
    seq.start(0, committed=10, first=10)
    assert _feed(seq, 0, [10, 11, 12]) == ([10, 11, 12], [])


def test_sequencer_skips_a_prefetched_record_and_reads_again() -> None:
    seq = Sequencer()
    seq.start(0, committed=10, first=10)
    # 10 is processed, then records fetched before the rebalance (40, 41) jump the queue
    assert _feed(seq, 0, [10, 40, 41, 11, 12]) == ([10, 11, 12], [11])
    # the re-read from 11 repeats what was processed: skipped, and on it goes
    assert _feed(seq, 0, [11, 12, 13]) == ([13], [])
    assert _feed(seq, 0, [12, 14]) == ([14], [])


def test_sequencer_rereads_dropped_records_from_the_committed_offset() -> None:
    seq = Sequencer()
    seq.start(1, committed=247, first=507)
    assert _feed(seq, 1, [507, 508]) == ([], [247])
    assert _feed(seq, 1, [247, 248]) == ([247, 248], [])


def test_sequencer_without_committed_offsets_starts_at_the_first_record() -> None:
    seq = Sequencer()
    seq.start(2, committed=None, first=0)
    assert _feed(seq, 2, [0, 1]) == ([0, 1], [])
