"""Another partner (org-x), or the public, against a detection's measures: the release
rule judges a version by its evidence, the reports over its span, but its expected count,
score, p-value and method come from the key's baseline (28 windows before the span), and
its number, state and ``opened_at`` from the detection's lifecycle.

Two worlds differ only by reports the viewer may not see (org-r's TLP:RED reports, or
GREEN ones for the public): a fortnight before a TLP:CLEAR spike, the day before it, or
imported as history of long ago. Each viewer must get the same answer in both. It once
did not: one state per key counted every level, so ``expected`` moved by 2/28 and a
visible version came as 'updated', numbered for a hidden spike the day before.

Now detection counts and judges each audience tier apart (``schemas.sharing.tier_name``,
the tiers the counts API releases in): a key's TLP:CLEAR reports, its GREEN ones, and
each organisation's AMBER, AMBER+STRICT and RED ones are states of their own, with their
own baseline, span and lifecycle. What remains, said in the README: the tiers' spikes are
judged apart, so a spike half CLEAR and half GREEN may alarm in neither."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from schemas.sharing import Viewer, evidence_of, releasable
from streams.detect import detectors as d
from streams.detect import replay
from streams.detect.dimensions import DimensionSet
from streams.detect.replay import Offline

T0 = datetime(2026, 3, 2, tzinfo=UTC)
ROUTE = [DimensionSet("route", ("origin", "destination"))]
MEASURES = ("dimension_key", "window_start", "state", "observed", "expected", "score",
            "p_value", "method", "severity", "tlp")  # fmt: skip


def _signal(n: int, at: datetime, org: str, tlp: str = "CLEAR") -> dict[str, Any]:
    return {
        "signal_id": f"s{n}", "event_time": at, "source_id": f"r{n}", "org_id": org,
        "typology": "sexual_exploitation", "origin_country": "NG",
        "destination_country": "IT", "location_country": "IT", "tlp": tlp,
    }  # fmt: skip


def _world(hidden: str | None) -> list[dict[str, Any]]:
    rng = random.Random(3)
    out: list[dict[str, Any]] = []
    for day in range(40):  # a quiet key, CLEAR reports of three organisations
        for _ in range(rng.choice([0, 0, 0, 1])):
            at = T0 + timedelta(days=day, hours=rng.randrange(24))
            out.append(_signal(len(out), at, f"org-{len(out) % 3}"))
    if hidden:  # what the viewer may not see: org-r's reports, a fortnight before the spike
        out += [_signal(700 + i, T0 + timedelta(days=26, hours=3 + i), "org-r", hidden)
                for i in range(2)]  # fmt: skip
    spike = T0 + timedelta(days=40)
    out += [_signal(900 + i, spike + timedelta(hours=i), f"org-{i % 3}") for i in range(9)]
    return sorted(out, key=lambda s: s["event_time"])


def _seen_by(viewer: Viewer, world: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    run = Offline(ROUTE, default=d.DetectorConfig(span=1))
    versions = replay.replay(run, world)
    return [
        tuple(v[m] for m in MEASURES)
        for v in versions
        if releasable(viewer, evidence_of(v["evidence"]), 3)
    ]


VIEWERS = [(Viewer("org-x"), "RED"), (Viewer(), "RED"), (Viewer(), "GREEN")]
IDS = ["org-x-RED", "public-RED", "public-GREEN"]


@pytest.mark.parametrize(("viewer", "level"), VIEWERS, ids=IDS)
def test_a_detection_says_nothing_of_reports_outside_its_evidence(
    viewer: Viewer, level: str
) -> None:
    plain = _seen_by(viewer, _world(hidden=None))
    assert plain, "the CLEAR spike must be shown (else the attack proves nothing)"
    assert _seen_by(viewer, _world(hidden=level)) == plain


# one organisation may alarm alone: a RED tier (one owner) can then open a detection, the
# sharpest case (by default two sources are needed and a restricted tier never alarms)
LONE = d.DetectorConfig(span=1, min_sources=1)


def _lifecycle_world(hidden: str | None) -> list[dict[str, Any]]:
    out = _world(None)  # the quiet key and the CLEAR spike
    if hidden:  # the viewer may not see these: a spike of org-r's the day before, its
        # tier watched since a report of the first day (a tier's clock starts there)
        out += [_signal(700 + i, T0 + timedelta(days=39, hours=1 + i), "org-r", hidden)
                for i in range(8)]  # fmt: skip
        out.append(_signal(699, T0 + timedelta(hours=1), "org-r", hidden))
    return sorted(out, key=lambda s: s["event_time"])


def _versions_seen_by(viewer: Viewer, hidden: str | None) -> list[tuple[Any, ...]]:
    run = Offline(ROUTE, default=LONE)
    return [
        (v["version"], v["state"], v["opened_at"], *(v[m] for m in MEASURES))
        for v in replay.replay(run, _lifecycle_world(hidden))
        if releasable(viewer, evidence_of(v["evidence"]), 3)
    ]


@pytest.mark.parametrize(("viewer", "level"), VIEWERS, ids=IDS)
def test_a_visible_version_says_nothing_of_hidden_versions_before_it(
    viewer: Viewer, level: str
) -> None:
    """The CLEAR spike's version is shown in both worlds, but where a RED spike opened the
    detection the day before, it comes as 'updated', numbered for its second window, with
    ``opened_at`` that day: the viewer learns that a spike it may not see happened on that
    route, and which day. Hiding the RED version (judged on its own) was not enough; the
    lifecycle is now per audience tier."""
    plain = _versions_seen_by(viewer, hidden=None)
    assert plain, "the CLEAR spike must be shown (else the attack proves nothing)"
    hidden = replay.replay(Offline(ROUTE, default=LONE), _lifecycle_world(level))
    assert any(v["tlp"] == level for v in hidden), "the hidden spike must alarm in its tier"
    assert _versions_seen_by(viewer, hidden=level) == plain


def _history(n: int, org: str, tlp: str, days_before: int) -> dict[str, Any]:
    """A report of long ago, imported when the engine starts: it warms baselines only."""
    sig = _signal(n, T0, org, tlp)
    sig["occurred_on"] = (T0 - timedelta(days=days_before)).date()
    sig["occurred_precision"] = "day"
    return sig


def _young_world(hidden: str | None) -> list[dict[str, Any]]:
    """A deployment ten days old with CLEAR history of three organisations imported at
    its start, a CLEAR spike on day 10 (judged against a baseline mostly borrowed from
    that history), and what the viewer may not see: org-r's busier history of the same
    route, imported at the same time."""
    rng = random.Random(5)
    out = [_history(600 + i, f"org-{i % 3}", "CLEAR", 31 + 2 * i) for i in range(12)]
    for day in range(10):
        if rng.random() < 0.3:
            out.append(_signal(len(out), T0 + timedelta(days=day, hours=5), f"org-{day % 3}"))
    spike = T0 + timedelta(days=10)
    out += [_signal(900 + i, spike + timedelta(hours=i), f"org-{i % 3}") for i in range(9)]
    if hidden:
        out += [_history(800 + i, "org-r", hidden, 31 + i % 40) for i in range(80)]
    return sorted(out, key=lambda s: s["event_time"])


@pytest.mark.parametrize(("viewer", "level"), VIEWERS, ids=IDS)
def test_hidden_history_moves_nothing_a_viewer_sees(viewer: Viewer, level: str) -> None:
    """Imported history placed by occurrence warms a key's baseline and says where the
    set's known history starts (what counts as a quiet window). Hidden history of another
    tier must do neither for the tier the viewer sees."""
    plain = _seen_by(viewer, _young_world(None))
    assert plain, "the CLEAR spike must be shown (else the attack proves nothing)"
    assert _seen_by(viewer, _young_world(level)) == plain
