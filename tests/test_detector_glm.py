"""The glm detector (``streams.detect.glm``): known series, known verdicts (pure)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from streams.detect import glm
from streams.detect.detectors import Assessment, DetectorConfig, assess
from streams.detect.evaluation import ROUTE_SET
from streams.detect.replay import Offline, final_states, replay

DAY = 86_400
MONDAY = int(datetime(2026, 3, 2, tzinfo=UTC).timestamp()) // DAY  # a window index
CFG = DetectorConfig(method="glm", baseline=56, guard=2, span=3, new_sources=False)


def _judge(ys: list[float], observed: float, window: int, cfg: DetectorConfig = CFG) -> Assessment:
    # history: the baseline, then the guard windows (in the span), ending before ``window``
    windows = list(range(window - len(ys), window))
    return glm.assess_glm(ys, observed, cfg, window, windows, [None] * len(ys), set())


def test_a_flat_series_alarms_on_a_spike_and_not_on_its_usual_count() -> None:
    ys = [float(i % 3) for i in range(58)]  # 0, 1, 2: a rate of one a day
    assert _judge(ys, 14, MONDAY + 58).alarm
    usual = _judge(ys, 3, MONDAY + 58)
    assert not usual.alarm
    assert usual.expected == pytest.approx(sum(ys[:56]) / 56 * 3, rel=0.05)


def test_the_day_of_the_week_decides_a_weekend_spike() -> None:
    """Weekdays 3 reports each, weekends none: 12 reports over Friday to Sunday is far
    more than such a weekend holds, but not more than three average days do."""
    sunday = MONDAY + 62  # the span: Friday, Saturday, Sunday
    ys = [0.0 if (w - MONDAY) % 7 >= 5 else 3.0 for w in range(sunday - 58, sunday)]
    seasonal = _judge(ys, 12, sunday)
    assert seasonal.alarm
    assert seasonal.expected < 4.5  # Friday's 3 and a little for the weekend
    # a window that does not divide a week has no seasonal term: the same counts are
    # then judged against three average days, and 12 is not unlikely enough
    flat = _judge(ys, 12, sunday, replace(CFG, window=DAY + 1))
    assert not flat.alarm
    assert flat.expected > 6
    # and a weekday span at its usual level alarms under neither
    wednesday = MONDAY + 65
    weekdays = [0.0 if (w - MONDAY) % 7 >= 5 else 3.0 for w in range(wednesday - 58, wednesday)]
    assert not _judge(weekdays, 9, wednesday).alarm  # Monday to Wednesday


def test_a_significant_trend_carries_the_expectation_and_past_outbreaks_weigh_less() -> None:
    rising = [round(2 * math.exp(i / 40)) * 1.0 for i in range(58)]  # ~2 to ~8 a day
    judged = _judge(rising, 22, MONDAY + 58)
    assert not judged.alarm  # what the trend expects by now
    assert judged.expected > 3 * sum(rising[:56]) / 56
    # a week of 15 a day in a baseline of one a day: downweighted, it barely lifts the
    # expectation, so a new spike still stands out
    ys = [1.0] * 58
    outbreak = [*ys[:20], *[15.0] * 7, *ys[27:]]
    clean, marked = _judge(ys, 12, MONDAY + 58), _judge(outbreak, 12, MONDAY + 58)
    assert marked.expected < 1.5 * clean.expected
    assert marked.alarm


def test_organisations_new_to_a_key_are_evidence_of_their_own() -> None:
    cfg = replace(CFG, new_sources=True)
    regulars = [{"org-a"} if i % 2 else {"org-b"} for i in range(58)]
    ys = [1.0] * 58
    windows = list(range(MONDAY, MONDAY + 58))

    def judge(span: set[str], c: DetectorConfig) -> Assessment:
        return glm.assess_glm(ys, 6, c, MONDAY + 58, windows, regulars, span)

    old = judge({"org-a", "org-b"}, cfg)
    new = judge({"org-x", "org-y", "org-z"}, cfg)
    assert not old.alarm  # 6 in three days of a one-a-day key, from its usual reporters
    assert new.alarm  # the same 6 from three organisations never seen on it
    assert new.p_value is not None
    assert old.p_value is not None
    assert new.p_value < old.p_value
    assert not judge({"org-x", "org-y", "org-z"}, CFG).alarm  # new_sources off: counts only
    # a key whose baseline keeps bringing newcomers gives them little weight
    churn = [{f"org-{i}"} for i in range(58)]
    busy = glm.assess_glm(ys, 6, cfg, MONDAY + 58, windows, churn, {"org-x", "org-y", "org-z"})
    assert not busy.alarm
    # reporters unknown (history borrowed from an import): no newcomer evidence at all
    unknown = glm.assess_glm(ys, 6, cfg, MONDAY + 58, windows, [None] * 58, {"org-x", "org-y"})
    assert unknown.p_value == old.p_value


def test_assess_runs_the_glm_with_the_gates_and_no_verdict_before_a_baseline() -> None:
    ys = [0.0] * 58
    windows = list(range(MONDAY, MONDAY + 58))
    unknown: list[set[str] | None] = [None] * 58
    at = MONDAY + 58
    assert assess(ys, 5, 2, CFG, window=at, windows=windows, orgs=unknown).method == "glm"
    assert assess(ys, 5, 2, CFG, window=at, windows=windows, orgs=unknown).alarm
    assert not assess(ys, 5, 1, CFG, window=at, windows=windows, orgs=unknown).alarm  # 1 org
    # no baseline yet
    assert not assess(ys[:4], 5, 2, CFG, window=at, windows=windows[:4], orgs=unknown[:4]).alarm


def test_the_engine_feeds_the_glm_each_windows_reporters() -> None:
    """Through the replay: a key with two regular reporters; three organisations new to
    it bring a handful of reports that the counts alone would not flag."""
    start = datetime(2026, 1, 5, tzinfo=UTC)
    signals = []
    for day in range(70):
        for j in range(1 + day % 2):
            signals.append(_signal(f"b{day}-{j}", start + timedelta(days=day, hours=3 + j),
                                   "org-a" if (day + j) % 2 else "org-b"))  # fmt: skip
    for j, org in enumerate(["org-x", "org-y", "org-z", "org-x", "org-y"]):
        signals.append(_signal(f"s{j}", start + timedelta(days=70, hours=1 + j), org))
    found = {}
    for new_sources in (True, False):
        engine = Offline([ROUTE_SET], default=replace(CFG, new_sources=new_sources))

        found[new_sources] = [d for d in replay(engine, signals) if d["state"] == "opened"]
    assert [d["method"] for d in found[True]] == ["glm"]
    assert found[True][0]["window_start"] == start + timedelta(days=70)
    assert found[False] == []


def _signal(n: str, at: datetime, org: str) -> dict[str, object]:
    return {"signal_id": n, "event_time": at, "source_kind": "partner", "source_id": f"r-{n}",
            "org_id": org, "typology": "forced_labour", "origin_country": "NG",
            "transit_countries": [], "destination_country": "IT", "location_country": "IT",
            "role": "destination", "lat": None, "lon": None, "cell_coarse": None,
            "cell_fine": None, "weight": 1.0, "tlp": "GREEN"}  # fmt: skip


def test_the_count_stage_with_the_glm_equals_the_replay_across_a_kill(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Live equals replay for the glm too: its seasons and newcomers come from the
    windows' reporters the key state keeps (and the changelog restores)."""
    import random

    from streams.detect.config import DetectionSettings
    from tests import test_count_stage as cs

    conf = DetectionSettings(
        (cs.ROUTE, cs.TYPOLOGY),
        {s: replace(CFG, new_sources=True) for s in ("typology_route", "typology")},
    )
    monkeypatch.setattr(cs, "CONF", conf)
    signals = cs._signals(seed=5)
    log, far = cs._log(signals)
    expected = cs._offline(signals, far)
    assert expected  # the spikes are found
    offline = Offline(conf.sets, conf.configs)
    found = final_states(replay(offline, signals, batch=25))
    methods = {d["method"] for d in found.values()}
    assert methods == {"glm"}
    for seed in range(3):
        rng = random.Random(seed)
        cluster = cs.Cluster(log)
        first = cs.Host(cluster)
        first.assign(set(range(cs.PARTS)))
        cs.run_until(first, rng, rng.randrange(20, 200), most=5, checkpoint=0.3)
        second = cs.Host(cluster)  # the first was killed: no revoke, no checkpoint
        second.assign(set(range(cs.PARTS)))
        cs._drain([second], rng)
        assert cs._summary(cluster.sent) == expected
