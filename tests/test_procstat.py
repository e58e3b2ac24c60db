"""The benchmarks' CPU accounting per process (``tahub.bench.procstat``)."""

from __future__ import annotations

import os

from tahub.bench import procstat


def test_a_process_started_between_two_looks_counts_whole() -> None:
    before = {"tahub worker": 1.0, "machine busy": 100.0}
    after = {"tahub worker": 3.5, "tahub worker: repartition stage": 1.25, "machine busy": 104.0}
    assert procstat.spent(before, after) == {
        "tahub worker": 2.5,
        "tahub worker: repartition stage": 1.25,
        "machine busy": 4.0,
    }


def test_this_process_is_counted_under_its_label() -> None:
    seen = procstat.cpu_by_label([os.getpid()])
    assert "machine busy" in seen
    assert sum(v for k, v in seen.items() if k != "machine busy") > 0
