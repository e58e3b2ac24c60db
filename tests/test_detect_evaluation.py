"""The synthetic benchmark of issue 19 and the evaluation's curves (pure, no Kafka)."""

from __future__ import annotations

from streams.detect import synthetic
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
