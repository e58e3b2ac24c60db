"""`tahub bench detect`'s per-process rate: signals per CPU second of each of the
workers' processes, from the CPU they spent reading the backlog."""

from __future__ import annotations

from tahub.bench.detect_bench import per_cpu_second


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
