"""A report re-labelled stricter, against detection's audience tiers.

Detection counts each sharing tier apart (``schemas.sharing.tier_name``). A partner that
submitted a report as TLP:CLEAR or GREEN and then re-labels it RED (a mistake corrected)
sends it again at RED: it is counted in its RED tier, and the wider tiers that counted it
before must stop counting it. Where an open window of a wider tier holds the report, it
is withdrawn there: that window counts, judges and shows from then on what it would had
the report been RED from the start, and so does the baseline it closes into
(``Engine.restrict``; versions already sent stay as they were). The stream keeps a key's
tiers in one keys partition (``keys_topic.routing``) so its count stage can do what the
replay does, through kills and hand-overs.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest

from schemas.sharing import Viewer, evidence_of, releasable
from streams.detect import detectors as d
from streams.detect import replay
from streams.detect.dimensions import DimensionSet
from streams.detect.replay import Offline
from tests.test_count_stage import PARTS, SIGNALS, Cluster, Host, _drain, _log, _offline, hand_overs
from tests.test_count_stage import _summary as summary
from tests.test_detection_measures_attacker import T0, _signal


def _relabelled(signals: list[dict[str, Any]], every: int = 5) -> list[dict[str, Any]]:
    """Every ``every``-th report of a wider tier sent again an hour later as RED."""
    again = [
        {**s, "tlp": "RED",
         "event_time": s["event_time"] + timedelta(hours=1)}
        for i, s in enumerate(signals) if i % every == 0 and s["tlp"] != "RED"
    ]  # fmt: skip
    return sorted(signals + again, key=lambda s: (s["event_time"], s["signal_id"]))


RELABELLED = _relabelled(SIGNALS)
LOG, FAR = _log(RELABELLED)
EXPECTED = _offline(RELABELLED, FAR)


def _raised(found: dict[str, tuple[Any, ...]]) -> int:
    """Versions of a wider tier that name a RED organisation beside others (a RED tier's
    own versions name one organisation only): how a re-labelled report was once hidden,
    by raising its organisation's level where it stayed counted."""
    return sum(
        1
        for *_, evidence, _resolved in found.values()
        if len(evidence) > 1 and any(e["tlp"] == "RED" for e in evidence)
    )


PLAIN = _offline(SIGNALS, FAR)


def test_the_replay_withdraws_a_relabelled_report_from_the_wider_tiers() -> None:
    moved = [i for i, v in EXPECTED.items() if i in PLAIN and v != PLAIN[i]]
    assert moved, "no wider tier's detection changed: the scenario proves nothing"
    assert _raised(EXPECTED) == 0
    assert _raised(PLAIN) == 0


def test_one_host_withdraws_them_as_the_replay_does() -> None:
    cluster = Cluster(LOG)
    host = Host(cluster)
    host.assign(set(range(PARTS)))
    _drain([host], random.Random(1))
    assert summary(cluster.sent) == EXPECTED


@pytest.mark.faults
@pytest.mark.parametrize("seed", range(12))
def test_kills_and_hand_overs_keep_the_withdrawal(seed: int) -> None:
    """A worker killed without a checkpoint, then two workers splitting the partitions
    anew several times: the withdrawal is in the changelog (a window is written though it
    gained no report), and every tier of a key moves between workers together."""
    rng = random.Random(seed)
    cluster = Cluster(LOG)
    first = Host(cluster)
    first.assign(set(range(PARTS)))
    for _ in range(rng.randint(5, 40)):
        p = rng.randrange(PARTS)
        first.deliver(p, first.position[p] + rng.randint(1, 5))
        first.tick()
        if rng.random() < 0.3:
            first.checkpoint()
    hand_overs(cluster, rng, 4)  # the first is gone (kill -9): two others take over
    assert summary(cluster.sent) == EXPECTED


def test_a_spike_relabelled_red_is_shown_as_if_red_from_the_start() -> None:
    """Nine CLEAR reports of three organisations spike; org-0 re-labels its three RED
    while the spike's window is still open. The CLEAR tier's spike closes as it would
    had they been RED from the start: six reports of org-1 and org-2, nothing of org-0,
    against the same baseline (the public may see it; it tells nothing of org-0)."""
    route = [DimensionSet("route", ("origin", "destination"))]
    rng = random.Random(3)
    quiet = [
        _signal(i, T0 + timedelta(days=day, hours=rng.randrange(24)), f"org-{i % 3}")
        for i, day in enumerate(range(0, 40, 3))
    ]
    spike = T0 + timedelta(days=40)
    burst = [_signal(900 + i, spike + timedelta(hours=i), f"org-{i % 3}") for i in range(9)]
    red = [{**s, "tlp": "RED"} for s in burst if s["org_id"] == "org-0"]
    again = [{**s, "event_time": spike + timedelta(hours=10)} for s in red]

    def closed(world: list[dict[str, Any]]) -> dict[str, Any]:
        run = Offline(route, default=d.DetectorConfig(span=1))
        versions = replay.replay(run, sorted(world, key=lambda s: s["event_time"]))
        clear = [v for v in versions if v["window_start"] == spike and len(v["evidence"]) > 1]
        assert clear, "the CLEAR spike must be detected"
        fields = ("observed", "expected", "score", "p_value", "evidence", "tlp")
        return {f: clear[-1][f] for f in fields}

    relabelled = closed(quiet + burst + again)
    plain = [s for s in burst if s["org_id"] != "org-0"]
    assert relabelled == closed(quiet + plain + red)
    assert relabelled["observed"] == 6
    assert {e["org_id"] for e in relabelled["evidence"]} == {"org-1", "org-2"}
    assert releasable(Viewer(), evidence_of(relabelled["evidence"]), 3)


def test_levels_tell_a_signal_sent_again_stricter_and_forget_the_oldest() -> None:
    from streams.detect.relabel import Levels

    levels = Levels(size=2)
    assert not levels.raised("s1", "CLEAR")  # first seen
    assert not levels.raised("s1", "CLEAR")  # the same again (a re-read)
    assert levels.raised("s1", "RED")  # re-labelled stricter (a generation fills: s1 older)
    assert not levels.raised("s1", "GREEN")  # loosened: its strictest level stays
    assert not levels.raised("s2", "GREEN")
    assert levels.raised("s2", "RED")  # the newer generation full again: s1 forgotten
    assert not levels.raised("s1", "CLEAR")  # news to it now
    assert levels.raised("s2", "RED") is False  # still known, at RED


def test_levels_stay_bounded_over_many_signals() -> None:
    """Two generations of at most ``size`` signals each, whatever has been read (the
    repartition stage reads millions). Forgetting the oldest one by one from a dict had
    every eviction scan the deleted entries; the steady phase of `tahub bench detect`
    found none of its spikes in time. Speed is for the benchmark, not asserted here."""
    from streams.detect.relabel import Levels

    levels = Levels(size=1_000)
    for i in range(100_000):
        levels.raised(f"s{i}", "GREEN")
    assert len(levels._new) + len(levels._old) <= 2_000
    assert not levels.raised("s99999", "GREEN")
    assert levels.raised("s99999", "RED")
