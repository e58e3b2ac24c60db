"""`tahub bench pipeline` on a tiny run: the real main job on the test session's Kafka,
one low rate, a spike. Its JSON's shape, and that every accepted submission's signals
reached the warehouse; no timing is asserted (benchmarks report numbers, tests don't
judge them)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.kafka

LATENCIES = {"submission_to_warehouse", "submission_to_detection", "detection_to_delivery"}
PERCENTILES = {"n", "p50", "p90", "p99", "max"}


def test_a_tiny_pipeline_run_reports_every_number(kafka_bootstrap: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")}
    env |= {"TAHUB_KAFKA_BOOTSTRAP": kafka_bootstrap, "TAHUB_DATA_DIR": str(tmp_path / "data"),
            "TAHUB_PARTITIONS": "2"}  # fmt: skip
    out, png = tmp_path / "pipeline.json", tmp_path / "pipeline.png"
    run = subprocess.run(
        [sys.executable, "-m", "tahub", "bench", "pipeline", "--rates", "4", "--seconds", "8",
         "--warmup", "0", "--spike-every", "4", "--out", str(out), "--plot", str(png)],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["benchmark"] == "pipeline"
    [step] = result["steps"]
    assert step["rate"] == 4
    assert step["warmup"] is False
    assert step["planned"] == 4 * 8 + 7  # the trickle and one spike of seven
    assert step["accepted"] == step["planned"]
    assert set(step["latency_s"]) == LATENCIES
    for name in LATENCIES:
        assert set(step["latency_s"][name]) == PERCENTILES
    # every signal of an accepted submission is timed into the warehouse
    assert result["all_signals_landed"] is True
    assert step["latency_s"]["submission_to_warehouse"]["n"] >= step["accepted"]
    assert {"intake", "fanout", "count", "sink", "alerts"} <= set(step["stage_behind_s"])
    assert {"tahub up", "tahub worker"} <= set(step["processes"])
    for use in step["processes"].values():
        assert set(use) == {"cpu_of_core", "rss_mb"}
    assert step["client_cpu_of_core"] >= 0
    assert 0 <= step["machine_cpu_busy"] <= 1
    assert result["ceilings"]["consume_decode_per_s"] > 0
    assert result["ceilings"]["produce_per_s"] > 0
    assert "intake_api" in result["of_ceiling"]
    assert "stage" in result["bottleneck"]
    assert result["bottleneck"]["why"]
    if importlib.util.find_spec("matplotlib") is not None:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert "no plot" in run.stdout
