"""The synthetic benchmark of issue 19 and the evaluation's curves (pure, no Kafka)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from streams.detect import evaluation, synthetic
from streams.detect.detectors import DetectorConfig
from streams.detect.synthetic import DAY


def test_the_issue19_benchmark_has_the_shape_the_issue_describes() -> None:
    stream = synthetic.generate(seed=1, **synthetic.BENCHMARKS["issue19"])
    assert len(stream.series) == 240
    assert stream.days == 365
    assert len(stream.outbreaks) == 48
    assert all(3 <= ob.days <= 14 for ob in stream.outbreaks)
    assert {ob.shape for ob in stream.outbreaks} == {"flat", "ramp"}
    fresh = [ob for ob in stream.outbreaks if ob.new_orgs]
    assert 0 < len(fresh) < 48
    origin = int(stream.start.timestamp())
    by_key: dict[str, list[tuple[int, str]]] = {}
    for s in stream.signals:
        by_key.setdefault(s["typology"] + "|" + s["origin_country"] + ">"
                          + s["destination_country"], []).append(
            ((int(s["event_time"].timestamp()) - origin) // DAY, s["org_id"]))  # fmt: skip
    # a new-organisation outbreak brings reporters the series never had before it
    for ob in fresh:
        before = {org for day, org in by_key[ob.key] if day < ob.start_day}
        during = {
            org for day, org in by_key[ob.key] if ob.start_day <= day < ob.start_day + ob.days
        }
        assert during - before, ob
    # a ramp's expected extra reports grow to the peak on its last day
    ramp = next(ob for ob in stream.outbreaks if ob.shape == "ramp")
    extras = [ramp.extra_on(ramp.start_day + i) for i in range(ramp.days)]
    assert extras == sorted(extras)
    assert extras[-1] == ramp.extra_per_day > extras[0]
    # trends both ways: some series' second half is busier than the first, some quieter
    halves: dict[str, list[int]] = {}
    for key, rows in by_key.items():
        h = halves.setdefault(key, [0, 0])
        for day, _ in rows:
            h[day >= 365 // 2] += 1
    busy = [h for h in halves.values() if sum(h) > 200]
    assert any(b > 1.5 * a for a, b in busy)
    assert any(a > 1.5 * b for a, b in busy)


def test_a_seed_stream_without_the_benchmark_options_has_no_new_draws() -> None:
    plain = synthetic.generate(seed=4, series=20, days=80, outbreaks=3)
    assert all(ob.shape == "flat" and not ob.new_orgs for ob in plain.outbreaks)
    assert plain == synthetic.generate(seed=4, series=20, days=80, outbreaks=3)


SMALL: dict[str, Any] = {"series": 40, "days": 130, "outbreaks": 10, "warmup": 40, "max_days": 14,
         "ramp_share": 0.5, "new_org_share": 0.5, "trend": 0.6, "trend_form": "log"}  # fmt: skip


@pytest.mark.parametrize("cfg", [DetectorConfig(), evaluation.GLM_V1, evaluation.EARS_C2])
def test_a_curve_is_monotone_and_each_point_is_what_a_replay_at_it_alarms(
    cfg: DetectorConfig,
) -> None:
    streams = [synthetic.generate(seed=s, **SMALL) for s in (31, 32)]
    (curve,) = evaluation.curves(streams, {"m": cfg}, warmup=40)
    thresholds = [t for t, _ in curve.points]
    assert thresholds == sorted(thresholds)
    assert cfg.threshold in thresholds
    falses = [s.false_alarms for _, s in curve.points]
    found = [s.detected for _, s in curve.points]
    assert falses == sorted(falses, reverse=True)
    assert found == sorted(found, reverse=True)
    assert falses[0] > falses[-1]  # the thresholds matter on this stream
    # the curve comes from one replay at the lowest threshold: every point must be what
    # a replay at that threshold finds, seed by seed and pooled
    for t, point in curve.points[::3]:
        pooled = evaluation.Tally()
        for stream in streams:
            detections, _ = evaluation.traced(stream, replace(cfg, threshold=t))
            pooled.add(
                evaluation.tally(stream, evaluation.alarm_days(detections, stream.start), 40)
            )
        assert pooled.score("m") == point


def test_evaluate_writes_each_methods_curve_pooled_over_the_seeds(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tahub.cli import cli

    out = tmp_path / "e.json"
    args = ["detect", "evaluate", "--seeds", "31-32", "--series", "30", "--days", "100",
            "--outbreaks", "6", "--warmup", "40", "--out", str(out)]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["settings"]["seeds"] == [31, 32]
    assert [r["method"] for r in data["results"]] == ["tahub", "auto_v1", "ears_c2"]
    assert data["results"][0]["config"]["method"] == "glm"  # typology_route's shipped default
    for r in data["results"]:
        assert len(r["per_seed"]) == 2
        assert sum(s["outbreaks"] for s in r["per_seed"]) == r["shipped"]["outbreaks"] == 12
        assert r["config"]["threshold"] in [p["threshold"] for p in r["curve"]]
    assert result.output.count("*") == 3  # one configured threshold starred per method
    bad = CliRunner().invoke(cli, ["detect", "evaluate", "--seeds", "x-3"])
    assert bad.exit_code != 0
    assert "seeds as 1-20" in bad.output
