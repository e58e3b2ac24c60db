"""Another partner (org-x), or the public, against detection per audience tier.

Detection counts and judges each sharing tier apart (``schemas.sharing.tier_name``) so
that nothing a viewer sees of a detection moves with reports it may not see, and
``Engine.restrict`` withdraws a report re-labelled stricter from the wider tiers that
counted it. Each test plays two worlds that differ only by reports the viewer may
not see now, and compares every field of every version the viewer may see.

Found by hattack25 and fixed since (plain tests now): where counting started was one
moment for every tier (a hidden first report warmed the public's keys and dated a
novelty score); a state written before tiers was read as the public tier's, with all it
counted (``pretier``); the count stage restricted a re-labelled report before counting it
when an earlier report had named its tier first in the batch (re-labelled bodies now come
last, ``relabel``); a report re-labelled RED while its CLEAR window was open stayed counted
there and went into the CLEAR tier's baseline (it is now withdrawn from the open window);
a lifecycle spans windows judged one by one, and org-x, padding the day after a spike it
saw with its own reports, learnt from whether it saw the spike resolve that day whether
one report of another organisation joined them (a version hidden from a viewer now ends
the detection for it, ``schemas.lifecycle``).

What still leaks (strict xfails, with their cause, in the replay and in the count stage):
early looks and closes follow the input of every tier: hidden reports that move the
watermark or fill batches decide whether a visible window is first seen by an early look
or at its close, and at which counts (the versions a viewer gets, their numbers).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import orjson
import pytest

from schemas import lifecycle
from schemas.sharing import Viewer, evidence_of, releasable
from streams.detect import detectors as d
from streams.detect import pretier, replay, state_codec
from streams.detect.replay import Offline
from tests.test_count_stage import PARTS, Cluster, Host, _drain, _log, _offline
from tests.test_count_stage import T0 as STREAM_T0
from tests.test_count_stage import _summary as summary
from tests.test_detection_measures_attacker import (
    LONE,
    ROUTE,
    T0,
    _lifecycle_world,
    _signal,
    _world,
)

K = 3
VIEWERS = [(Viewer("org-x"), "RED"), (Viewer(), "RED"), (Viewer(), "GREEN")]
IDS = ["org-x-RED", "public-RED", "public-GREEN"]


def _seen(viewer: Viewer, world: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every field of every version ``viewer`` is shown, each detection's lifecycle as
    the query API and the alerts router show it (``schemas.lifecycle``), in order."""
    run = Offline(ROUTE, default=d.DetectorConfig(span=1))
    return _shown(viewer, list(replay.replay(run, sorted(world, key=lambda s: s["event_time"]))))


def _shown(viewer: Viewer, versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Of ``versions`` (in the order sent), what ``viewer`` is shown, per detection."""
    ids = list(dict.fromkeys(v["detection_id"] for v in versions))
    return [
        v
        for det_id in ids
        for v in lifecycle.seen(
            (v for v in versions if v["detection_id"] == det_id),
            lambda v: releasable(viewer, evidence_of(v["evidence"]), K),
        )
    ]


def _elsewhere(n: int, days: int, level: str) -> dict[str, Any]:
    """org-r's report on another route (NG → FR), ``days`` after T0 (negative: before)."""
    sig = _signal(n, T0 + timedelta(days=days), "org-r", level)
    sig["destination_country"] = "FR"
    return sig


# --- where counting started ---


def _young(hidden: str | None) -> list[dict[str, Any]]:
    """A deployment 12 days old: sparse CLEAR reports of three organisations on NG → IT,
    then a CLEAR spike. What the viewer may not see: one report of org-r's, on another
    route, 20 days before the first CLEAR one."""
    rng = random.Random(5)
    out = [
        _signal(n, T0 + timedelta(days=day, hours=5), f"org-{day % 3}")
        for n, day in enumerate(range(12))
        if rng.random() < 0.4
    ]
    spike = T0 + timedelta(days=12)
    out += [_signal(900 + i, spike + timedelta(hours=i), f"org-{i % 3}") for i in range(9)]
    return out + ([_elsewhere(777, -20, hidden)] if hidden else [])


@pytest.mark.parametrize(("viewer", "level"), VIEWERS, ids=IDS)
def test_a_hidden_first_report_does_not_warm_the_visible_tiers(viewer: Viewer, level: str) -> None:
    """The CLEAR spike of a young deployment is judged against the windows watched so far.
    A hidden report 20 days before the first CLEAR one must not make them more: it once
    did (where counting started was one moment for every tier), and the spike was shown,
    with its expected count, only in the world with the hidden report. Now each tier's
    clock starts at its own first report: in both worlds the CLEAR tier is 12 days old."""
    assert _seen(viewer, _young(level)) == _seen(viewer, _young(None))


def _new_route(hidden: str | None) -> list[dict[str, Any]]:
    """Seventy days of CLEAR reports on NG → IT, then six on NG → ES, a route never seen:
    a novelty detection, far past any baseline. Hidden: org-r's report before them all."""
    out = [_signal(n, T0 + timedelta(days=n, hours=3), f"org-{n % 3}") for n in range(70)]
    for i in range(6):
        sig = _signal(900 + i, T0 + timedelta(days=69, hours=5 + i), f"org-{i % 3}")
        sig["destination_country"] = "ES"
        out.append(sig)
    return out + ([_elsewhere(777, -20, hidden)] if hidden else [])


@pytest.mark.parametrize(("viewer", "level"), VIEWERS, ids=IDS)
def test_a_novelty_score_does_not_date_a_hidden_first_report(viewer: Viewer, level: str) -> None:
    plain = _seen(viewer, _new_route(None))
    assert any(v["method"] == "novelty" for v in plain), "the new route must alarm"
    assert _seen(viewer, _new_route(level)) == plain


# --- one clock and one batching for every tier ---


def _timed(hidden: str | None) -> list[dict[str, Any]]:
    """The quiet key and CLEAR spike of ``test_detection_measures_attacker`` (nine reports
    an hour apart on day 40); hidden: org-r's RED reports on another route, either many
    during the spike ('busy': batches of the replay, like the stream's, fill with them) or
    one three days after it in the same batch ('ahead': time moves past the spike)."""
    out = _world(None)
    if hidden == "busy":
        out += [_elsewhere(3000 + i, 40, "RED") for i in range(495)]
        for i, sig in enumerate(out[-495:]):
            sig["event_time"] += timedelta(minutes=i)
    elif hidden == "ahead":
        out.append(_elsewhere(3000, 43, "RED"))
    return out


@pytest.mark.xfail(
    strict=True,
    reason="one watermark and one batching for every tier: when an open window is looked "
    "at early, and what it holds then, depends on hidden reports (the version numbers "
    "are per content, but which versions exist is not); needs per-tier clocks or looks "
    "that do not follow the input",
)
@pytest.mark.parametrize("hidden", ["busy", "ahead"])
def test_hidden_traffic_does_not_shape_the_versions_a_viewer_sees(hidden: str) -> None:
    """The public sees the CLEAR spike as one early version at nine reports, then its
    resolution. Hidden traffic must not change that: with org-r's busy day an early look
    at eight reports comes first; with one report of org-r three days later in the same
    batch, the window closes before any look, and the version is numbered for a close."""
    plain = _seen(Viewer(), _timed(None))
    assert plain, "the spike must be shown (else this proves nothing)"
    assert _seen(Viewer(), _timed(hidden)) == plain


# --- a report re-labelled stricter ---


def _relabelled(how: str | None) -> list[dict[str, Any]]:
    """The quiet key and CLEAR spike of ``test_detection_measures_attacker``; org-r's two
    reports a fortnight before the spike: none, RED from the start, or CLEAR and re-labelled
    RED an hour later (their window still open; two reports alarm nothing, so no version
    ever counted them as CLEAR)."""
    out = _world(None)
    for i in range(2 if how else 0):
        sig = _signal(700 + i, T0 + timedelta(days=26, hours=3 + i), "org-r", "CLEAR")
        if how == "red":
            out.append({**sig, "tlp": "RED"})
        else:
            out += [sig, {**sig, "tlp": "RED",
                          "event_time": sig["event_time"] + timedelta(hours=1)}]  # fmt: skip
    return out


@pytest.mark.parametrize("viewer", [Viewer(), Viewer("org-x")], ids=["public", "org-x"])
def test_reports_red_from_the_start_move_nothing(viewer: Viewer) -> None:
    """The reference the next test needs: RED from the start, they are invisible."""
    assert _seen(viewer, _relabelled("red")) == _seen(viewer, _relabelled(None))


@pytest.mark.parametrize("viewer", [Viewer(), Viewer("org-x")], ids=["public", "org-x"])
def test_a_relabelled_report_leaves_no_trace_in_the_wider_tiers_baseline(viewer: Viewer) -> None:
    """org-r's reports, CLEAR for an hour and then RED, were never in a version anyone
    saw. Once RED, the public and org-x must see what they see had they been RED from
    the start: the spike a fortnight later must not be judged against a baseline that
    holds them."""
    reference = _seen(viewer, _relabelled("red"))
    assert reference, "the spike must be shown (else this proves nothing)"
    run = Offline(ROUTE, default=d.DetectorConfig(span=1))
    relabelled = list(replay.replay(run, sorted(_relabelled("relabel"), key=_at)))
    assert not any(any(e["org_id"] == "org-r" for e in v["evidence"]) for v in relabelled)
    assert [v for v in relabelled if releasable(viewer, evidence_of(v["evidence"]), K)] == (
        reference
    )


def _at(sig: dict[str, Any]) -> Any:
    return sig["event_time"]


# --- a group below k, through the lifecycle ---


def _padded(small: bool) -> list[dict[str, Any]]:
    """The quiet key and CLEAR spike (day 40) of three organisations; on day 41 org-x
    sends three reports of its own, and in one world org-a one (one report of another
    organisation: fewer than k, never shown to org-x on its own)."""
    out = _world(None)
    day = T0 + timedelta(days=41)
    out += [_signal(800 + i, day + timedelta(hours=2 + i), "org-x") for i in range(3)]
    return out + ([_signal(850, day + timedelta(hours=9), "org-a")] if small else [])


def test_padding_the_day_after_a_spike_tells_nothing_of_a_group_below_k() -> None:
    """org-x saw the spike of day 40. What it is shown of that detection afterwards must
    not depend on whether one other report came on day 41. It did: without it the spike
    is shown resolved on day 41; with it day 41 alarms in a version hidden from org-x, and
    org-x saw no resolution at all. Now the hidden version ends the detection for org-x:
    resolved on day 41, with the number a resolution on day 41 carries."""
    x = Viewer("org-x")
    plain, small = _seen(x, _padded(False)), _seen(x, _padded(True))
    assert plain, "the spike must be shown to org-x (else this proves nothing)"
    assert small == plain


# --- an upgrade from a release without tiers ---


def _upgraded(world: list[dict[str, Any]], cut: Any, cfg: d.DetectorConfig) -> list[Any]:
    """Signals before ``cut`` counted as a release before tiers did (one state per key,
    every level: ``tier_name`` always ''), the rest by this release on the same states, as
    a worker upgraded in place finds them in its changelog: a state without "au" is read
    as the TLP:CLEAR tier's, keeping only what CLEAR reports made (``pretier``), as the
    count stage's load does."""
    run = Offline(ROUTE, default=cfg)
    out: list[dict[str, Any]] = []
    before = sorted((s for s in world if s["event_time"] < cut), key=_at)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(replay, "tier_name", lambda org, tlp: "")
        for sig in before:
            run.add(sig)
        out += run.advance() + run.peek()
    for name, state in list(run.keys.items()):  # stored as that release stored them
        data = orjson.loads(state_codec.dumps_snapshot(state, 0))
        del data["au"]
        stored, _ = state_codec.loads_stored(orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS))
        assert stored.legacy
        pretier.keep_clear(stored)  # as the count stage reads it back
        run.keys[name] = stored
    out += replay.replay(run, sorted((s for s in world if s["event_time"] >= cut), key=_at))
    return out


@pytest.mark.parametrize("level", ["RED", "GREEN"])
@pytest.mark.parametrize("world", ["baseline", "lifecycle"])
def test_an_upgrade_does_not_carry_hidden_reports_into_the_public_tier(
    world: str, level: str
) -> None:
    """The two worlds of ``test_detection_measures_attacker`` (org-r's hidden reports a
    fortnight before the CLEAR spike, or its hidden spike the day before), with the
    worker upgraded an hour before the CLEAR spike. The public must see the same."""
    make, cfg = {
        "baseline": (_world, d.DetectorConfig(span=1)),
        "lifecycle": (_lifecycle_world, LONE),
    }[world]
    cut = T0 + timedelta(days=39, hours=23)

    def seen(hidden: str | None) -> list[dict[str, Any]]:
        found = _upgraded(make(hidden), cut, cfg)
        return [v for v in found if releasable(Viewer(), evidence_of(v["evidence"]), K)]

    plain = seen(None)
    assert plain, "the CLEAR spike must be shown (else this proves nothing)"
    assert seen(level) == plain


# --- the stream against the replay ---


def _stream_signal(n: int, days: float, org: str, tlp: str = "CLEAR") -> dict[str, Any]:
    return {
        "signal_id": f"s{n:04d}", "event_time": STREAM_T0 + timedelta(days=days),
        "source_id": f"r{n}", "org_id": org, "tlp": tlp, "typology": "forced_labour",
        "origin_country": "NG", "destination_country": "IT", "location_country": None,
    }  # fmt: skip


def _one_batch_relabel() -> list[dict[str, Any]]:
    """Three weeks of sparse CLEAR reports on one route, then, in one batch of the log
    (25 signals), a RED report of org-1's, a CLEAR spike of three organisations, and one
    of org-1's spike reports sent again as RED half an hour later (re-labelled)."""
    rng = random.Random(1)
    days = [day for day in range(21) for _ in range(rng.choice([0, 1, 1, 2]))]
    out = [_stream_signal(n, day + rng.random(), f"org-{rng.randrange(3)}")
           for n, day in enumerate(days)]  # fmt: skip
    while len(out) % 25:  # the spike's batch starts on a batch boundary
        out.append(_stream_signal(len(out), 20.99, "org-0"))
    spike = 21.0
    out.append(_stream_signal(5000, spike, "org-1", "RED"))
    burst = [_stream_signal(5001 + i, spike + (1 + i) / 1440, f"org-{i % 3}") for i in range(12)]
    again = next(s for s in burst if s["org_id"] == "org-1")
    out += [*burst, {**again, "tlp": "RED",
                     "event_time": STREAM_T0 + timedelta(days=spike + 30 / 1440)}]  # fmt: skip
    return sorted(out, key=lambda s: (s["event_time"], s["signal_id"]))


def test_the_stream_withdraws_a_relabel_within_one_batch_as_the_replay_does() -> None:
    """The replay counts the spike report as CLEAR, then withdraws it from the CLEAR tier
    when it is sent again as RED: the CLEAR spike ends with eleven reports, three of
    org-1's. The count stage, on the same signals, must end with the same detections,
    and no version it sends may count the report now RED (both came in one batch)."""
    signals = _one_batch_relabel()
    log, far = _log(signals)
    expected = _offline(signals, far)

    def org_1(evidence: list[dict[str, Any]]) -> int:
        return sum(e["reports"] for e in evidence if e["org_id"] == "org-1")

    spikes = [(obs, ev) for _k, _w, obs, ev, _r in expected.values() if len(ev) > 1]
    assert spikes, "the replay must detect the CLEAR spike"
    assert {(obs, org_1(ev)) for obs, ev in spikes} == {(11.0, 3)}, (
        "the replay must withdraw the report from the CLEAR spike (else this proves nothing)"
    )
    cluster = Cluster(log)
    host = Host(cluster)
    host.assign(set(range(PARTS)))
    _drain([host], random.Random(1))
    assert summary(cluster.sent) == expected
    counted = [v for v in cluster.sent if len(v["evidence"]) > 1 and org_1(v["evidence"]) > 3]
    assert not counted, "the stream sent a version that counts a report now RED"


def _spike_beside(busy: bool) -> list[dict[str, Any]]:
    """Three weeks of sparse CLEAR reports on one route, then a CLEAR spike of three
    organisations (twelve reports half an hour apart on day 21); hidden: org-r's RED
    reports on another route through the spike's hours, three hundred of them, filling
    the repartition stage's batches."""
    rng = random.Random(1)
    days = [day for day in range(21) for _ in range(rng.choice([0, 1, 1, 2]))]
    out = [_stream_signal(n, day + rng.random(), f"org-{rng.randrange(3)}")
           for n, day in enumerate(days)]  # fmt: skip
    out += [_stream_signal(5000 + i, 21 + (1 + i) / 48, f"org-{i % 3}") for i in range(12)]
    for i in range(300 if busy else 0):
        out.append({**_stream_signal(7000 + i, 21 + i / 1200, "org-r", "RED"),
                    "destination_country": "FR"})  # fmt: skip
    return sorted(out, key=lambda s: (s["event_time"], s["signal_id"]))


def _stream_seen(viewer: Viewer, signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What ``viewer`` is shown of the versions one count stage sends for ``signals``."""
    log, _far = _log(signals)
    cluster = Cluster(log)
    host = Host(cluster)
    host.assign(set(range(PARTS)))
    _drain([host], random.Random(1))
    return _shown(viewer, cluster.sent)


@pytest.mark.xfail(
    strict=True,
    reason="the count stage looks at a key after each batch it had reports in, at the "
    "watermark: hidden reports fill the batches and move the watermark, so the public "
    "gets early versions at 8 and 11 reports that it does not get without them; needs "
    "looks that follow each state's own reports (README, Sharing rules, known limits)",
)
def test_hidden_traffic_does_not_shape_the_versions_the_stream_sends_a_viewer() -> None:
    """The stream's side of ``test_hidden_traffic_does_not_shape_the_versions_a_viewer_
    sees``: the same attack through the count stage on the keys log the repartition stage
    writes. Without org-r's reports the public sees the spike at its close (twelve
    reports) and its end; with them, two early versions first."""
    plain = _stream_seen(Viewer(), _spike_beside(False))
    assert plain, "the spike must be shown (else this proves nothing)"
    assert _stream_seen(Viewer(), _spike_beside(True)) == plain


def test_the_count_stage_reads_a_pre_tier_state_as_the_public_tier_may_keep_it() -> None:
    """A changelog entry written before tiers (no "au"), holding org-r's RED reports in a
    closed window beside CLEAR ones: the count stage that loads it keeps only the CLEAR
    organisations' counts and writes the key whole, with its tier, at the next checkpoint."""
    from streams.detect.count_stage import CountStage
    from streams.detect.engine import Engine
    from tests.test_count_stage import partition_of

    world = [s for s in _world("RED") if s["event_time"] < T0 + timedelta(days=35)]
    run = Offline(ROUTE, default=d.DetectorConfig(span=1))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(replay, "tier_name", lambda org, tlp: "")
        for sig in world:
            run.add(sig)
        run.advance()
    (state,) = run.keys.values()
    assert any(rank > 0 for shares in state.shares.values() for _, rank in shares.values())
    data = orjson.loads(state_codec.dumps_snapshot(state, 0))
    del data["au"]
    full = f"route|{state.key}".encode()
    stage = CountStage(
        Engine(ROUTE, {"route": d.DetectorConfig(span=1)}), 1,
        {full: orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)}, partition_of,
    )  # fmt: skip
    part = partition_of(full)
    stage.assign({part})
    kept = stage.cache[full][1]
    assert all(rank == 0 for shares in kept.shares.values() for _, rank in shares.values())
    assert sum(kept.counts.values()) == sum(state.counts.values()) - 2  # org-r's two RED
    written = {w.key: w.value for w in stage.checkpoint({part})}
    assert orjson.loads(written[full] or b"{}")["au"] == ""
