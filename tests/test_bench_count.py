"""`tahub bench count`: the count stage alone on a synthetic backlog, hosted as the Faust
host drives it, ends with the offline replay's detections (numbers are not asserted)."""

from __future__ import annotations

from tahub.bench import count_bench


def test_the_in_process_count_bench_equals_the_replay() -> None:
    got = count_bench.run(signals=6_000, days=20, fanout_batch=200, repeat=1)
    assert got["replay_check"]["equal"]
    assert got["replay_check"]["closed_detections"] > 0
    assert got["calls"]["count"] > 1
    assert got["calls"]["checkpoint"] >= 1
    assert got["keys_held"] > 0
    lines = list(count_bench.report(got))
    assert "signals per CPU second" in lines[0]
