"""The sequencer: each keys partition delivers exactly its next offset, from the committed
one; what never came is named, to be read from the log before the record that came."""

from __future__ import annotations

from streams.detect.contiguity import Sequencer


def _feed(
    seq: Sequencer, partition: int, offsets: list[int]
) -> tuple[list[int], list[tuple[int, int]]]:
    taken, missing = [], []
    for o in offsets:
        ok, gap = seq.admit(partition, o)
        if gap is not None:
            missing.append((gap, o))
        if ok:
            taken.append(o)
    return taken, missing


def test_sequencer_takes_exactly_the_next_offset() -> None:
    seq = Sequencer()
    seq.start(0, committed=10, first=10)
    assert _feed(seq, 0, [10, 11, 12]) == ([10, 11, 12], [])


def test_a_record_ahead_of_its_turn_names_the_records_missing_before_it() -> None:
    seq = Sequencer()
    seq.start(0, committed=10, first=10)
    # 10 is processed, then records fetched before the rebalance (40, 41) jump the queue:
    # 11-39 are to be read first, then 40 and 41 go on
    assert _feed(seq, 0, [10, 40, 41]) == ([10, 40, 41], [(11, 40)])
    # the consumer delivering 11 onwards after all: repeats, skipped
    assert _feed(seq, 0, [11, 12, 41, 42]) == ([42], [])


def test_records_dropped_from_the_committed_offset_are_named() -> None:
    seq = Sequencer()
    seq.start(1, committed=247, first=507)
    assert _feed(seq, 1, [507, 508]) == ([507, 508], [(247, 507)])
    assert _feed(seq, 1, [247, 248, 509]) == ([509], [])


def test_sequencer_without_committed_offsets_starts_at_the_first_record() -> None:
    seq = Sequencer()
    seq.start(2, committed=None, first=0)
    assert _feed(seq, 2, [0, 1]) == ([0, 1], [])


def test_whatever_the_consumer_delivers_moves_the_partition_on() -> None:
    """The old sequencer sought back and then refused every later record as stale until
    the one due came; when the seek was undone (Faust's fetch loop), it never came."""
    seq = Sequencer()
    seq.start(1, committed=0, first=22)
    assert _feed(seq, 1, [22, 23]) == ([22, 23], [(0, 22)])
    assert _feed(seq, 1, [30, 31]) == ([30, 31], [(24, 30)])
