"""Detector maths, the windowed engine, normalize and offline replay — pure, no Kafka."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import h3
import pytest

from schemas.models import Incident, Place
from schemas.sharing import tier_name
from streams.detect import detectors as d
from streams.detect import evaluation, replay, synthetic
from streams.detect.config import DetectorConfigError, load
from streams.detect.dimensions import DEFAULT_SETS, DimensionSet
from streams.detect.replay import Offline
from streams.normalize import incident_signals
from tests.samples import all_samples

T0 = datetime(2026, 3, 2, tzinfo=UTC)
DAY = 86_400


def test_poisson_tail_matches_the_closed_form() -> None:
    # P(X >= 3 | 0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125)
    assert d.poisson_sf(3, 0.5) == pytest.approx(1 - math.exp(-0.5) * 1.625, rel=1e-9)
    assert d.poisson_sf(0, 2.0) == 1.0
    assert d.poisson_sf(40, 2.0) < 1e-30
    assert d.poisson_sf(5, 0.0) == 0.0


def test_negative_binomial_is_wider_than_poisson_and_reduces_to_it() -> None:
    assert d.negbin_sf(8, 2.0, 6.0) > d.poisson_sf(8, 2.0)
    assert d.negbin_sf(8, 2.0, 2.0) == d.poisson_sf(8, 2.0)
    # r = 1 (geometric): P(X >= k) = (1 - p)^k with p = 1 / (1 + mean)
    assert d.negbin_sf(4, 3.0, 12.0) == pytest.approx((3 / 4) ** 4, rel=1e-9)


def test_ears_c2_uses_a_guarded_seven_window_baseline() -> None:
    history = [2, 2, 2, 2, 2, 2, 2, 50, 50]  # the guard band hides the last two
    a = d.ears(history, 10, "ears_c2")
    assert a.expected == 2.0
    assert a.score == pytest.approx((10 - 2) / d.SD_FLOOR)
    assert a.alarm
    c1 = d.ears(history, 10, "ears_c1")
    assert c1.expected == pytest.approx((2 * 5 + 100) / 7)
    c3 = d.ears([1, 2, 1, 2, 1, 2, 1, 2, 1, 2], 2, "ears_c3")
    assert not c3.alarm


CFG = d.DetectorConfig(span=1, threshold=3.0, min_count=3, min_sources=2, baseline=28)


def test_count_model_alarms_on_a_sparse_spike_and_gates_apply() -> None:
    quiet = [0.0] * 20 + [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    spike = d.assess(quiet, 6, sources=3, cfg=CFG)
    assert spike.alarm
    assert spike.method == "poisson"
    assert spike.p_value is not None
    assert spike.p_value < 1e-3
    assert not d.assess(quiet, 6, sources=1, cfg=CFG).alarm  # one organisation is not enough
    assert not d.assess(quiet, 2, sources=2, cfg=CFG).alarm  # below the minimum count
    assert not d.assess([0.0] * 3, 6, sources=3, cfg=CFG).alarm  # no baseline yet
    busy = [10.0, 30.0, 5.0, 25.0, 12.0, 40.0, 8.0] * 4
    noisy = d.assess(busy, 45, sources=5, cfg=CFG)
    assert noisy.method == "negbin"  # overdispersed: a wider tail, no alarm
    assert not noisy.alarm


def test_novelty_for_new_and_long_dormant_keys() -> None:
    cfg = d.DetectorConfig(dormant_windows=60)
    zeros = [0.0] * 30
    new = d.assess(zeros, 3, sources=2, cfg=cfg, quiet=None, age=100)
    assert (new.alarm, new.method) == (True, "novelty")
    assert d.assess(zeros, 3, sources=2, cfg=cfg, quiet=70, age=100).method == "novelty"
    assert d.assess(zeros, 3, sources=2, cfg=cfg, quiet=None, age=5).method != "novelty"
    assert d.assess(zeros, 3, sources=2, cfg=cfg, quiet=10, age=100).method != "novelty"


def _signal(
    n: int, at: datetime, *, org: str = "org-a", route: tuple[str, str] = ("NG", "IT"),
    tlp: str = "GREEN",
) -> dict[str, Any]:  # fmt: skip
    return {
        "signal_id": f"s{n}",
        "event_time": at,
        "source_id": f"r{n}",
        "org_id": org,
        "typology": "sexual_exploitation",
        "origin_country": route[0],
        "destination_country": route[1],
        "location_country": route[1],
        "tlp": tlp,
    }


def _background(days: int, start: datetime = T0) -> list[dict[str, Any]]:
    rng = random.Random(3)
    out = []
    for day in range(days):
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            out.append(_signal(len(out), start + timedelta(days=day, hours=rng.randrange(24))))
    return out


ROUTE = [DimensionSet("route", ("origin", "destination"))]


def test_versions_are_numbered_by_content_so_a_recount_in_other_batches_reuses_none() -> None:
    """A worker that recounts after a crash, in other batches, sends other early looks
    than its dead predecessor; no number may then stand for two different versions, and
    the resolution must outnumber every update of either run."""
    rng = random.Random(5)
    signals = [
        _signal(i, T0 + timedelta(days=d, hours=rng.randrange(24)), org=f"org-{i % 3}")
        for i, d in enumerate([d for d in range(30) for _ in range(rng.choice([0, 1, 1, 2]))])
    ]
    spike = T0 + timedelta(days=31)
    signals += [
        _signal(900 + i, spike + timedelta(minutes=30 * i), org=f"org-{i % 3}") for i in range(25)
    ]
    runs = []
    for batch in (1, 7, 50, 500):
        run = Offline(ROUTE, default=d.DetectorConfig(span=1))
        runs.append(list(replay.replay(run, signals, batch=batch)))
    by_number: dict[tuple[str, int], set[tuple[Any, ...]]] = {}
    for versions in runs:
        assert versions, "the spike must be detected"
        for v in versions:
            # "opened" or "updated" says only which came first in this run: not content
            content = (v["state"] == "resolved", v["window_start"], v["observed"], v["severity"])
            by_number.setdefault((v["detection_id"], v["version"]), set()).add(content)
    assert [(k, c) for k, c in by_number.items() if len(c) > 1] == []
    finals = [
        {i: (v["version"], v["state"], v["observed"]) for i, v in replay.final_states(r).items()}
        for r in runs
    ]
    assert all(f == finals[0] for f in finals)
    assert all(state == "resolved" for _, state, _ in finals[0].values())


def test_engine_opens_updates_and_resolves_a_detection() -> None:
    signals = _background(40)
    spike_day = T0 + timedelta(days=40)
    for i in range(12):
        org = "org-a" if i % 2 else "org-b"
        signals.append(_signal(1000 + i, spike_day + timedelta(hours=i), org=org))
    signals += [
        _signal(2000 + i, T0 + timedelta(days=41, hours=i), org=f"org-{i % 2}") for i in range(9)
    ]
    signals += [_signal(3000, T0 + timedelta(days=50))]
    engine = Offline(ROUTE, default=d.DetectorConfig(span=1))
    versions = list(replay.replay(engine, signals))
    states = [(v["state"], v["window_start"]) for v in versions]
    assert states[0] == ("opened", spike_day)
    assert ("updated", spike_day + timedelta(days=1)) in states
    assert states[-1][0] == "resolved"
    assert len({v["detection_id"] for v in versions}) == 1
    first = versions[0]
    assert first["dimension_key"] == "NG>IT"
    assert first["dimensions"] == {"origin": "NG", "destination": "IT"}
    assert first["distinct_sources"] == 2
    assert {e["org_id"] for e in first["evidence"]} == {"org-a", "org-b"}
    assert "top_sources" not in first  # who reported, and signal ids, never leave
    assert "sample_signal_ids" not in first
    assert first["tlp"] == "GREEN"
    numbers = [v["version"] for v in versions]
    assert numbers == sorted(set(numbers))  # strictly increasing
    # numbered by what they say (window since opening, then step), not by how many came
    assert numbers[0] // 100_000 == 1
    assert numbers[-1] % 100_000 == 99_999
    # a resolution repeats what it resolves: measures, evidence and label
    last_alarm, resolution = versions[-2], versions[-1]
    for name in ("observed", "expected", "score", "severity", "evidence", "tlp"):
        assert resolution[name] == last_alarm[name], name
    assert resolution["distinct_sources"] == last_alarm["distinct_sources"] > 0
    assert resolution["window_start"] > last_alarm["window_start"]


def test_counting_is_idempotent_and_order_within_lateness_does_not_matter() -> None:
    signals = _background(40)
    spike_day = T0 + timedelta(days=40)
    signals += [
        _signal(1000 + i, spike_day + timedelta(hours=i), org=f"org-{i % 3}") for i in range(10)
    ]
    baseline = replay.final_states(replay.replay(Offline(ROUTE), signals))
    # every signal twice, and a re-submitted report under a new signal id
    doubled = signals + signals + [{**signals[-1], "signal_id": "copy"}]
    assert replay.final_states(replay.replay(Offline(ROUTE), doubled)) == baseline
    # shuffled within a few hours (the engine allows a day of lateness), in small batches
    rng = random.Random(5)
    jittered = sorted(signals, key=lambda s: s["event_time"] + timedelta(hours=rng.uniform(0, 6)))
    engine = Offline(ROUTE)
    live: list[dict[str, Any]] = []
    for i in range(0, len(jittered), 7):
        for s in jittered[i : i + 7]:
            engine.add(s)
        live += engine.advance() + engine.peek()
    live += engine.flush()
    assert replay.final_states(live) == baseline
    assert baseline  # the spike was found


def test_too_late_events_are_counted_as_late_not_silently_dropped() -> None:
    engine = Offline(ROUTE)
    assert engine.add(_signal(1, T0 + timedelta(days=5)))
    assert not engine.add(_signal(2, T0))  # 5 days late, 1 day allowed
    assert engine.late == 1
    assert engine.add(_signal(3, T0 + timedelta(days=4, hours=1)))  # within lateness


def test_a_restricted_report_stays_out_of_the_detections_of_wider_audiences() -> None:
    """A RED report of org-x on the day of a GREEN spike is counted in org-x's own tier
    (``schemas.sharing.tier_name``), not in the spike everyone in GREEN's audience sees:
    the spike's versions neither count it nor name org-x, so they carry GREEN."""
    signals = _background(40)
    spike_day = T0 + timedelta(days=40)
    signals += [_signal(900 + i, spike_day + timedelta(hours=i), org=f"org-{i % 3}")
                for i in range(9)]  # fmt: skip
    signals.append(_signal(999, spike_day, org="org-x", tlp="RED"))
    versions = list(replay.replay(Offline(ROUTE, default=d.DetectorConfig(span=1)), signals))
    spike = [v for v in versions if v["window_start"] == spike_day]
    assert spike
    assert all(v["tlp"] == "GREEN" for v in spike)
    assert all("org-x" not in {e["org_id"] for e in v["evidence"]} for v in spike)
    assert {v["observed"] for v in spike if v["state"] != "resolved"} <= {9.0}


def test_every_version_rests_on_one_audience_tier_over_all_its_windows() -> None:
    """Attack (issue 15.2, then the measures): three TLP:RED reports of org-x in the day
    before a GREEN spike, judged over three days. They once joined the spike's count (and
    its label turned RED); now they are a tier of their own: the GREEN spike counts its
    own reports only, and no version anywhere mixes tiers in its evidence."""
    signals = _background(40)
    spike_day = T0 + timedelta(days=40)
    signals += [_signal(800 + i, spike_day - timedelta(hours=6 + i), org="org-x", tlp="RED")
                for i in range(3)]  # fmt: skip
    signals += [_signal(900 + i, spike_day + timedelta(hours=i), org=f"org-{i % 3}")
                for i in range(8)]  # fmt: skip
    versions = list(replay.replay(Offline(ROUTE, default=d.DetectorConfig(span=3)), signals))
    spike = [v for v in versions if v["window_start"] == spike_day and v["state"] != "resolved"]
    assert spike
    for v in spike:
        assert v["tlp"] == "GREEN"
        assert {e["org_id"] for e in v["evidence"]} <= {"org-a", "org-0", "org-1", "org-2"}
        assert v["distinct_sources"] == len(v["evidence"])
    for v in versions:
        tiers = {tier_name(e["org_id"], e["tlp"]) for e in v["evidence"]}
        assert len(tiers) == 1, v["evidence"]
        assert v["tlp"] == (tiers.pop().split(":")[0] or "CLEAR")


def test_detection_ids_are_keyed() -> None:
    from schemas.ids import IdKey
    from streams.detect.engine import detection_id

    a, b = IdKey(bytes(32)), IdKey(bytes(range(32)))
    assert detection_id(a, "route", "NG>IT", 0) != detection_id(b, "route", "NG>IT", 0)
    assert detection_id(a, "route", "NG>IT", 0) == detection_id(a, "route", "NG>IT", 0)


def test_normalize_makes_one_signal_per_typology_and_place() -> None:
    incident = all_samples("n")["Incident"]
    assert isinstance(incident, Incident)
    signals = incident_signals(incident)
    assert len(signals) == 2 * 3  # two typologies × recruitment, transit, exploitation
    dest = next(
        s for s in signals if s.role == "destination" and s.typology == "forced_criminality"
    )
    assert (dest.origin_country, dest.destination_country, dest.location_country) == (
        "MM",
        "TH",
        "TH",
    )
    assert dest.transit_countries == ["LA"]
    assert dest.cell_coarse is not None
    assert dest.cell_fine is not None
    assert h3.cell_to_parent(dest.cell_fine, 3) == dest.cell_coarse  # cells nest
    assert (dest.org_id, dest.tlp, dest.weight) == ("org-ngo-a", "AMBER_STRICT", 0.8)
    assert dest.event_time == incident.submitted_at
    # a corrected version replaces the same signals rather than adding new ones
    v2 = incident.model_copy(update={"version": 2})
    assert [s.signal_id for s in incident_signals(v2)] == [s.signal_id for s in signals]
    bare = incident.model_copy(
        update={"recruitment_places": [], "transit_places": [], "exploitation_places": []}
    )
    assert [s.location_country for s in incident_signals(bare)] == [None, None]
    one = incident.model_copy(update={"exploitation_places": [Place(country="TH")]})
    assert next(s for s in incident_signals(one) if s.role == "destination").cell_coarse is None


def test_default_dimension_keys() -> None:
    sig = {**_signal(1, T0), "cell_coarse": "83...", "cell_fine": None}
    keys = {s.name: s.key(sig) for s in DEFAULT_SETS}
    assert keys == {
        "typology": "sexual_exploitation",
        "route": "NG>IT",
        "location": "IT",
        "cell": "83...",
        "typology_route": "sexual_exploitation|NG>IT",
        "typology_location": "sexual_exploitation|IT",
    }
    assert (
        DimensionSet("route", ("origin", "destination")).key({**sig, "origin_country": None})
        is None
    )
    with pytest.raises(ValueError, match="unknown dimensions"):
        DimensionSet("x", ("colour",))


def test_detector_config_file(tmp_path: Path) -> None:
    path = tmp_path / "detect.toml"
    path.write_text(
        '[defaults]\nthreshold = 3.0\n[sets.routes]\ndims = ["origin", "destination"]\n'
        "min_sources = 3\n"
    )
    conf = load(path)
    assert [s.name for s in conf.sets] == ["routes"]
    assert (conf.configs["routes"].threshold, conf.configs["routes"].min_sources) == (3.0, 3)
    path.write_text('[sets.r]\ndims = ["origin"]\nthreshhold = 2\n')
    with pytest.raises(DetectorConfigError, match="unknown settings \\['threshhold'\\]"):
        load(path)
    path.write_text('[sets.r]\ndims = ["origin"]\nspan = 4\n')
    with pytest.raises(DetectorConfigError, match="span 4 needs guard"):
        load(path)


def test_late_means_closed_for_every_set_and_the_policy_is_configurable(tmp_path: Path) -> None:
    conf = load(None)
    assert conf.late_policy == "dead_letter"
    day = 86_400
    # windows are days with a day of lateness: an event closes out two days after its day
    assert not conf.too_late(10 * day + 5, 12 * day - 1)
    assert conf.too_late(10 * day + 5, 12 * day)
    path = tmp_path / "d.toml"
    path.write_text('late_policy = "count"\n[sets.r]\ndims = ["origin"]\nlateness = 0\n')
    counted = load(path)
    assert counted.late_policy == "count"
    assert counted.too_late(10 * day + 5, 11 * day)
    path.write_text('late_policy = "drop"\n')
    with pytest.raises(DetectorConfigError, match="late_policy must be one of"):
        load(path)


def test_late_is_decided_by_every_sets_windows_on_mixed_sets(tmp_path: Path) -> None:
    # sets of different windows and lateness (the fan-out's shortcut for events no
    # further behind than the largest lateness must agree with the windows' own rule)
    path = tmp_path / "d.toml"
    path.write_text(
        '[sets.a]\ndims = ["origin"]\nwindow = 3600\nlateness = 600\nbaseline = 7\n'
        '[sets.b]\ndims = ["destination"]\nwindow = 86400\nlateness = 0\nbaseline = 7\n'
    )
    conf = load(path)
    rng = random.Random(7)
    for _ in range(20_000):
        newest = rng.randint(0, 10**7)
        at = newest - rng.choice([rng.randint(-5, 700), rng.randint(0, 3 * 86_400)])
        closed = all(
            (at // c.window + 1) * c.window + c.lateness <= newest for c in conf.configs.values()
        )
        assert conf.too_late(at, newest) == closed, (at, newest)
    # behind by less than the largest lateness: never late; past every window's end: late
    assert not conf.too_late(86_400 * 10 + 3_000, 86_400 * 10 + 3_599)
    assert conf.too_late(86_400 * 10 + 5, 86_400 * 11)


def test_replay_reads_json_lines_and_says_which_line_is_bad(tmp_path: Path) -> None:
    good = {**_signal(1, T0), "event_time": "2026-03-02T10:00:00Z"}
    path = tmp_path / "s.jsonl"
    path.write_text(
        json.dumps(good) + "\n" + json.dumps({**good, "event_time": 1772445600000}) + "\n"
    )
    rows = replay.read_signals(path)
    assert [r["event_time"].hour for r in rows] == [10, 10]
    path.write_text(json.dumps(good) + "\n" + json.dumps({"signal_id": "x"}) + "\n")
    with pytest.raises(replay.ReplayInputError, match=r"s.jsonl:2: missing event_time"):
        replay.read_signals(path)


def test_synthetic_evaluation_beats_plain_ears_c2_on_false_alarms() -> None:
    stream = synthetic.generate(seed=3, series=60, days=150, outbreaks=12)
    assert len({o.key for o in stream.outbreaks}) == 12
    ours, ears = evaluation.run(
        stream, {"tahub": d.DetectorConfig(), "ears_c2": evaluation.EARS_C2}, warmup=45
    )
    assert ours["detected"] >= 0.6 * ours["outbreaks"]
    assert ours["false_alarms_per_1000_series_days"] < ears["false_alarms_per_1000_series_days"] / 2


def test_key_state_survives_the_changelog_codec() -> None:
    from streams.detect import state_codec

    signals = _background(40)
    signals += [_signal(900 + i, T0 + timedelta(days=40, hours=i), org=f"org-{i % 3}",
                        tlp="RED" if i == 0 else "GREEN") for i in range(9)]  # fmt: skip
    signals += [_signal(950 + i, T0 + timedelta(days=41, hours=i)) for i in range(3)]
    engine = Offline(ROUTE, default=d.DetectorConfig(span=1))
    seen_open = False
    for s in signals:
        engine.add(s)
        engine.advance()
        engine.peek()
        for state in engine.keys.values():
            assert state_codec.loads(state_codec.dumps(state)) == state
            seen_open = seen_open or (state.detection is not None and bool(state.windows))
    assert seen_open


def test_source_clock_reports_each_partition_and_idleness() -> None:
    from streams.detect.watermarks import SourceClock

    clock = SourceClock(idle=10)
    clock.assigned([0, 1], now=0)
    everything = {0, 1}
    assert clock.report(1, everything) == {0: (0, False), 1: (0, False)}  # just assigned
    clock.observe(0, 500, now=2)
    assert clock.report(11, everything) == {0: (500, False), 1: (0, True)}  # 1 said nothing
    assert clock.report(11, {0}) == {0: (500, False), 1: (0, False)}  # 1 has a backlog
    clock.assigned([0], now=12)
    clock.observe(0, 600, now=12)
    assert clock.report(13, everything) == {0: (600, False)}
    clock.assigned([0, 1], now=14)  # 1 back (after a rebalance): it starts over
    assert clock.report(15, everything) == {0: (600, False), 1: (0, False)}


def test_merged_clock_needs_every_source_and_lets_a_new_owner_rewind() -> None:
    from streams.detect.watermarks import MergedClock

    clock = MergedClock(sources=3)
    clock.heard(0, {0: (100, False), 1: (300, False)}, at=1.0)
    assert clock.watermark(0) is None  # signals partition 2 unheard
    clock.heard(0, {2: (200, False)}, at=1.0)
    assert clock.watermark(0) == 100
    clock.heard(0, {0: (400, False), 1: (300, True)}, at=2.0)
    assert clock.watermark(0) == 200  # 1 is idle: it holds nothing back
    clock.heard(0, {2: (50, False)}, at=2.0)  # 2 changed hands and is being replayed
    assert clock.watermark(0) == 50
    clock.heard(0, {0: (400, True), 2: (250, True)}, at=3.0)
    assert clock.watermark(0) == 400  # all idle: caught up
    assert clock.watermark(1) is None


def test_an_idle_claim_lapses_when_its_reader_stops_reporting() -> None:
    """A reader that died leaves its last "idle" behind: once the other readers' reports
    are newer by ``idle_valid`` s, the partition holds time at its newest event again."""
    from streams.detect.watermarks import MergedClock

    clock = MergedClock(sources=3, idle_valid=5.0)
    clock.heard(0, {0: (100, False), 1: (100, False)}, at=10.0)
    clock.heard(0, {2: (90, True)}, at=10.0)  # another reader: 2 is idle
    clock.heard(0, {0: (500, False), 1: (480, False)}, at=14.0)
    assert clock.watermark(0) == 480  # 2's claim is 4 s old: still stands
    clock.heard(0, {0: (900, False), 1: (880, False)}, at=16.0)
    assert clock.watermark(0) == 90  # 6 s without word from 2's reader: it holds time
    clock.heard(0, {2: (90, True)}, at=16.5)  # a reader claims it again
    assert clock.watermark(0) == 880
    clock.forget()
    assert clock.watermark(0) is None


def test_replay_reads_avro_container_files(tmp_path: Path) -> None:
    import fastavro

    from schemas.catalog import record_schema

    stream = synthetic.generate(seed=2, series=10, days=80, outbreaks=2)
    path = tmp_path / "signals.avro"
    with path.open("wb") as fh:
        fastavro.writer(fh, record_schema("Signal").parsed, stream.signals)
    rows = replay.read_signals(path)
    assert len(rows) == len(stream.signals)
    assert rows[0]["event_time"] == stream.signals[0]["event_time"]


def test_synthetic_generator_says_when_the_stream_is_too_short() -> None:
    with pytest.raises(ValueError, match="days must exceed warmup"):
        synthetic.generate(days=40, warmup=45)


def test_a_rising_spike_is_updated_as_it_grows_not_with_every_report() -> None:
    """Looking at the open window after every report: versions come when the count has
    grown by a quarter (or severity rose), and the close still reports the final count."""
    engine = Offline(ROUTE, default=d.DetectorConfig(span=1))
    for signal in _background(40):
        engine.add(signal)
    spike_day = T0 + timedelta(days=40)
    engine.advance(int(spike_day.timestamp()) + 86_400)  # the baseline days are closed
    versions: list[dict[str, Any]] = []
    for i in range(120):
        org = f"org-{i % 4}"
        engine.add(_signal(5000 + i, spike_day + timedelta(minutes=10 * i), org=org))
        versions += engine.peek()
    early = [v for v in versions if v["window_start"] == spike_day]
    assert early[0]["state"] == "opened"
    counts = [v["observed"] for v in early]
    assert counts == sorted(counts)
    assert len(early) <= 20  # about log(120 / first) / log(1.25), not 100-odd
    versions += engine.flush()
    last = [v for v in versions if v["window_start"] == spike_day][-1]
    assert last["observed"] == 120


def test_a_batch_of_back_dated_reports_does_not_open_a_detection_of_a_current_spike() -> None:
    """An archive submitted at once is many reports now of events long ago: history for
    the warehouse, not news. The same reports about this week open a detection."""
    from datetime import date

    from streams.detect.config import load
    from streams.detect.live import is_history
    from streams.detect.repartition import entries_by_key

    rng = random.Random(4)
    base = [
        _signal(i, T0 + timedelta(days=d, hours=rng.randrange(24)), org=f"org-{i % 3}")
        for i, d in enumerate(d for d in range(40) for _ in range(rng.choice([0, 1, 1])))
    ]
    now = T0 + timedelta(days=41)

    def batch(occurred: date | None, precision: str) -> list[dict[str, Any]]:
        return [
            {**_signal(5000 + i, now + timedelta(minutes=i), org=f"org-{i % 4}"),
             "occurred_on": occurred, "occurred_precision": precision}
            for i in range(30)
        ]  # fmt: skip

    def opened(signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
        run = Offline(ROUTE, default=d.DetectorConfig(span=1))
        found = list(replay.replay(run, signals))
        return [v for v in found if v["window_start"] >= now.replace(hour=0) - timedelta(days=1)]

    old = batch(date(2019, 3, 1), "month")  # all of March 2019
    assert all(is_history(s) for s in old)
    assert opened(base + old) == []
    assert not any("NG>IT" in k for k in entries_by_key(old, load(None)))  # nor on the stream
    fresh = batch(now.date() - timedelta(days=2), "day")  # within the last 30 days: news
    assert not any(is_history(s) for s in fresh)
    assert opened(base + fresh), "the same reports about this week are a spike"
    unknown = batch(None, "unknown")  # nothing says they are old
    assert opened(base + unknown)


def test_a_tier_of_one_organisation_is_counted_only_where_one_source_may_alarm() -> None:
    """An organisation's RED reports are a tier of one source. With the default
    corroboration rule (two sources) it can never alarm, so no state is kept for it; where
    one source may alarm, its own spike is detected and shown to it alone."""
    spike_day = T0 + timedelta(days=40)
    signals = [_signal(i, T0 + timedelta(days=3 * i), org="org-r", tlp="RED") for i in range(13)]
    signals += [_signal(900 + i, spike_day + timedelta(hours=i), org="org-r", tlp="RED")
                for i in range(9)]  # fmt: skip
    default = Offline(ROUTE, default=d.DetectorConfig(span=1))
    assert list(replay.replay(default, signals)) == []
    assert not default.keys
    lone = Offline(ROUTE, default=d.DetectorConfig(span=1, min_sources=1))
    found = list(replay.replay(lone, signals))
    assert found
    assert {v["tlp"] for v in found} == {"RED"}
    assert {e["org_id"] for v in found for e in v["evidence"]} == {"org-r"}
