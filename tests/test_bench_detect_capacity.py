"""`tahub bench detect`'s readings: signals per CPU second of each of the workers'
processes, from the CPU they spent reading the backlog, and the workers' garbage
collection pauses from their /metrics."""

from __future__ import annotations

from tahub.bench.detect_bench import per_cpu_second
from tahub.bench.detect_kit import gc_summary


def test_each_worker_process_gets_signals_per_cpu_second_of_its_own() -> None:
    cpu = {  # CPU seconds while 200,000 signals were read
        "tahub worker": 3.96,
        "tahub worker: repartition stage": 3.84,
        "tahub worker: resource tracker": 0.0,
        "kafka broker": 1.52,
        "machine busy": 9.42,
    }
    assert per_cpu_second(cpu, 200_000) == {
        "tahub worker": 50_505,
        "tahub worker: repartition stage": 52_083,
    }


def test_no_worker_cpu_read_gives_no_rate() -> None:
    # a process that did none of the work, or a look that found no worker, says nothing
    assert per_cpu_second({"tahub worker: resource tracker": 0.01, "machine busy": 5.0}, 1) == {}


def _histogram(gen: str, counts: list[int]) -> bytes:
    bounds = ["0.005", "0.01", "0.025", "0.05", "0.1", "+Inf"]
    return b"".join(
        b'tahub_detect_gc_pause_seconds_bucket{generation="%s",le="%s"} %d.0\n'
        % (gen.encode(), le.encode(), n)
        for le, n in zip(bounds, counts, strict=True)
    )


def test_gc_pauses_are_counted_per_generation_over_workers() -> None:
    one = _histogram("0", [50, 90, 100, 100, 100, 100]) + _histogram("2", [0, 0, 0, 0, 0, 1])
    two = _histogram("0", [10, 20, 30, 40, 40, 40])
    assert gc_summary([one, two]) == {
        "0": {"collections": 140, "longest_under_s": 0.05},  # the second worker's
        "2": {"collections": 1, "longest_under_s": None},  # over the largest bucket
    }
    assert gc_summary([b"tahub_detect_build_info 1.0\n"]) == {}
