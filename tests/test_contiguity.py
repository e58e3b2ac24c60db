"""The start guard: delivery after an assignment must begin at the committed offset."""

from __future__ import annotations

from streams.contiguity import StartGuard


def _run(guard: StartGuard, partition: int, offsets: list[int]) -> list[int]:
    return [o for o in offsets if guard.admit(partition, o)]


def test_contiguous_delivery_is_verified_at_once() -> None:
    guard = StartGuard()
    assert guard.unknown(0)
    assert guard.decide(0, 100, committed=100) is None
    assert not guard.unknown(0)
    assert _run(guard, 0, [100, 101, 102]) == [100, 101, 102]


def test_a_group_without_committed_offsets_is_trusted() -> None:
    guard = StartGuard()
    assert guard.decide(1, 5, committed=None) is None
    assert _run(guard, 1, [5, 6]) == [5, 6]


def test_dropped_records_are_read_again_and_stale_ones_skipped() -> None:
    guard = StartGuard()
    assert guard.decide(0, 507, committed=247) == 247  # 247-506 never came
    assert guard.pending() == {0}
    # what was fetched before the seek keeps coming, then the re-read from 247
    assert _run(guard, 0, [507, 508, 509, 247, 248, 507, 508]) == [247, 248, 507, 508]
    assert guard.pending() == set()


def test_a_gap_of_transaction_markers_costs_one_re_read() -> None:
    guard = StartGuard()
    assert guard.decide(2, 11, committed=10) == 10  # offset 10 is a commit marker
    assert _run(guard, 2, [11]) == []
    assert _run(guard, 2, [11, 12]) == [11, 12]  # the re-read starts at 11 again


def test_reset_forgets_everything() -> None:
    guard = StartGuard()
    guard.decide(0, 9, committed=3)
    guard.decide(1, 3, committed=3)
    guard.reset()
    assert guard.unknown(0)
    assert guard.unknown(1)
    assert guard.pending() == set()
