"""The router's batch step without a broker: replays, poison detections, state on disk."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from alerts.delivery import Deliverer, DeliveryConfig
from alerts.matching import may_see
from alerts.secrets import Secrets
from alerts.service import AlertConfig, Router
from alerts.store import AlertStore
from schemas import lifecycle
from schemas.models import Detection
from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import ALERTS, ALL, DETECTIONS, DLQ
from streams.detect import detectors as d
from streams.detect import replay
from streams.detect.replay import Offline
from tests.alertkit import T0, detection, subscription
from tests.test_detection_tiers_attacker import ROUTE, _padded


@dataclass
class Msg:
    """Just enough of a confluent_kafka.Message."""

    _value: bytes | None
    _offset: int

    def error(self) -> None:
        return None

    def value(self) -> bytes | None:
        return self._value

    def topic(self) -> str:
        return "t.detections"

    def partition(self) -> int:
        return 0

    def offset(self) -> int:
        return self._offset

    def timestamp(self) -> tuple[int, int]:
        return (1, int(T0.timestamp() * 1000))


def _router(tmp_path: Path) -> tuple[Router, Serde, AlertStore]:
    serde = Serde(open_registry(f"file://{tmp_path / 'registry'}"), "t.")
    serde.register_all(ALL)
    store = AlertStore(tmp_path / "alerts.db")
    deliverer = Deliverer(store, Secrets(env={}), DeliveryConfig(outbox_dir=tmp_path / "out"))
    cfg = AlertConfig(group_id="g", base_url="http://hub")
    return Router({}, serde, store, cfg, deliverer, producer=None), serde, store


def _msg(serde: Serde, det: dict[str, Any], offset: int) -> Msg:
    return Msg(serde.encode(DETECTIONS, Detection.model_validate(det).to_avro()), offset)


@pytest.mark.faults
def test_a_batch_queues_once_and_a_replay_after_restart_queues_nothing(tmp_path: Path) -> None:
    router, serde, store = _router(tmp_path)
    sub = subscription()
    router.on_subscription(sub.subscription_id, sub)
    now = T0.timestamp()
    router.step([_msg(serde, detection(), 0)], now)
    notes = router.step([], now + 1)
    assert len(notes) == 1
    assert store.queue_counts() == {"pending": 1}
    assert [r[1] for r in store.outgoing()] == [ALERTS.logical]
    # a new router on the same store (a restart) sees the same detection again
    again, _, _ = _router(tmp_path)
    again.on_subscription(sub.subscription_id, sub)
    again.step([_msg(serde, detection(), 0)], now + 2)
    assert again.step([], now + 5) == []
    assert store.queue_counts() == {"pending": 1}


def test_a_detection_that_cannot_be_handled_is_dead_lettered_and_the_rest_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    router, serde, store = _router(tmp_path)
    sub = subscription()
    router.on_subscription(sub.subscription_id, sub)
    real = router.index.match

    def flaky(det: dict[str, Any]) -> Any:
        if det["detection_id"] == "poison":
            raise RuntimeError("boom")
        return real(det)

    monkeypatch.setattr(router.index, "match", flaky)
    now = T0.timestamp()
    batch = [
        Msg(b"\x00not a detection", 0),
        _msg(serde, detection(det_id="poison"), 1),
        _msg(serde, detection(det_id="fine", location="TH"), 2),
    ]
    router.step(batch, now)
    notes = router.step([], now + 1)
    assert [i.detection["detection_id"] for n in notes for i in n.items] == ["fine"]
    letters = [json.loads(r[3]) for r in store.outgoing() if r[1] == DLQ.logical]
    assert [(d["offset"], d["stage"]) for d in letters] == [(0, "alerts"), (1, "alerts")]
    assert letters[1]["reason"] == "matching failed: RuntimeError"


def test_finished_deliveries_are_forgotten_after_the_horizon(tmp_path: Path) -> None:
    router, serde, store = _router(tmp_path)
    sub = subscription()
    router.on_subscription(sub.subscription_id, sub)
    now = T0.timestamp()
    router.step([_msg(serde, detection(), 0)], now)
    router.step([], now + 1)
    (row,) = store.due(time.time() + 1)
    store.start_attempt(row)
    store.finish_attempt(
        row, status="sent", next_at=now, error=None, endpoint=("outbox", "alerts", True),
        record=("deliveries", row.notification_id, "{}"),
    )  # fmt: skip
    assert store.prune(time.time() - 3600) == 0  # recent: kept
    assert store.prune(time.time() + 1) == 1
    assert store.queue_counts() == {}


def _ev(*items: tuple[str, str, int]) -> list[dict[str, Any]]:
    return [{"org_id": o, "tlp": t, "reports": n} for o, t, n in items]


def test_each_version_reaches_only_whom_it_may_and_every_opening_gets_its_end(
    tmp_path: Path,
) -> None:
    """Attack (issue 15.1, 15.7): org-x subscribes to a route where org-r then adds TLP:RED
    reports. org-x is told of the GREEN opening, never of the version that counts the RED
    reports (not even that it exists): for org-x that version ends the spike
    (``schemas.lifecycle``, as the query API shows it), in the words of what it was told,
    and nothing later of it reaches org-x."""
    router, serde, store = _router(tmp_path)
    x = subscription("org-x", notify_resolved=True)
    r = subscription("org-r", notify_resolved=True)
    for sub in (x, r):
        router.on_subscription(sub.subscription_id, sub)
    green = _ev(("org-a", "GREEN", 1), ("org-b", "GREEN", 1), ("org-c", "GREEN", 2))
    red = [*green, *_ev(("org-r", "RED", 3))]
    v1 = detection(det_id="d", version=1, tlp="GREEN", evidence=green, observed=4.0)
    v2 = detection(det_id="d", version=2, state="updated", tlp="RED", evidence=red,
                   observed=7.0, severity="critical")  # fmt: skip
    v3 = detection(det_id="d", version=3, state="resolved", tlp="RED", evidence=red,
                   observed=7.0, severity="critical")  # fmt: skip
    now = T0.timestamp()

    def told(offset: int, det: dict[str, Any], at: float) -> dict[str, list[Any]]:
        router.step([_msg(serde, det, offset)], at)
        out: dict[str, list[Any]] = {}
        for n in router.step([], at + 1):
            out.setdefault(n.subscription.org_id, []).extend(n.items)
        return out

    first = told(0, v1, now)
    assert {org: [i.change for i in items] for org, items in first.items()} == {
        "org-x": ["new"], "org-r": ["new"]
    }  # fmt: skip
    second = told(1, v2, now + 10)
    assert sorted(second) == ["org-r", "org-x"]
    assert second["org-r"][0].detection["observed"] == 7.0
    (end_x,) = second["org-x"]
    assert end_x.change == "resolved"
    assert end_x.detection["state"] == "resolved"
    assert end_x.detection["version"] == lifecycle.resolved_version(2)
    assert (end_x.detection["observed"], end_x.detection["tlp"]) == (4.0, "GREEN")
    assert end_x.detection["evidence"] == green
    third = told(2, v3, now + 20)
    assert list(third) == ["org-r"]  # ended for org-x: its real end is not sent again
    assert third["org-r"][0].detection["observed"] == 7.0
    # and what went out for org-x never carried the RED version's numbers or label
    bodies = [json.loads(r[3]) for r in store.outgoing() if r[1] == ALERTS.logical]
    for body in bodies:
        if body["org_id"] == "org-x":
            assert "7 reports" not in body["summary"]
            assert body["tlp"] == "GREEN"


@pytest.mark.faults
def test_an_outcome_the_store_refuses_for_a_while_is_recorded_once_it_takes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while an attempt is recorded: sent once, recorded once the store takes
    writes again (the task once died there unseen, leaving the row 'sending')."""
    import sqlite3
    import threading

    from alerts import delivery
    from schemas.topics import DELIVERIES

    monkeypatch.setattr(delivery, "STORE_RETRY_S", 0.05)
    router, serde, store = _router(tmp_path)
    sub = subscription()
    router.on_subscription(sub.subscription_id, sub)
    now = time.time()
    router.step([_msg(serde, detection(), 0)], now)
    assert len(router.step([], now + 1)) == 1
    real, refused = store.finish_attempt, []

    def full(*args: Any, **kwargs: Any) -> Any:
        if len(refused) < 3:
            refused.append(1)
            raise sqlite3.OperationalError("database or disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "finish_attempt", full)
    stop = threading.Event()
    runner = threading.Thread(target=router.deliverer.run, args=(stop,), daemon=True)
    runner.start()
    try:
        deadline = time.monotonic() + 10
        while store.queue_counts() != {"sent": 1} and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        runner.join(10)
    assert store.queue_counts() == {"sent": 1}
    assert len(refused) == 3
    lines = (tmp_path / "out" / sub.org_id / "alerts.jsonl").read_text().splitlines()
    assert len(lines) == 1  # sent once, whatever the store said
    records = [json.loads(r[3]) for r in store.outgoing() if r[1] == DELIVERIES.logical]
    assert [(d["status"], d["attempt"]) for d in records] == [("sent", 1)]


@pytest.mark.parametrize("restarts", [False, True], ids=["one-router", "restart-each-version"])
def test_what_org_x_is_told_of_a_spike_does_not_tell_of_a_group_below_k(
    tmp_path: Path, restarts: bool
) -> None:
    """The detection lifecycle of ``test_detection_tiers_attacker``'s padding attack, as the
    engine writes it, through the router: org-x, told of the spike of day 40, pads day 41
    with three reports of its own. Whether one report of org-a joined them (a version
    hidden from org-x) must not change what org-x is told: the same notices, with the same
    versions, windows and measures; also when the router restarts on its store before
    every version (what reached whom, and what ended, is in the store)."""
    sub = subscription("org-x", notify_resolved=True)

    def started(where: Path) -> tuple[Router, Serde]:
        router, serde, _ = _router(where)
        router.on_subscription(sub.subscription_id, sub)
        return router, serde

    def notices(small: bool, where: Path) -> list[tuple[Any, ...]]:
        where.mkdir()
        router, serde = started(where)
        run = Offline(ROUTE, default=d.DetectorConfig(span=1))
        world = sorted(_padded(small), key=lambda s: s["event_time"])
        out = []
        for i, det in enumerate(replay.replay(run, world)):
            if restarts:
                router.store.close()
                router, serde = started(where)
            at = T0.timestamp() + 10 * i
            router.step([_msg(serde, det, i)], at)
            out += [
                (item.change, item.detection["version"], item.detection["window_start"],
                 item.detection["observed"], item.detection["evidence"])
                for n in router.step([], at + 1) for item in n.items
            ]  # fmt: skip
        return out

    plain = notices(False, tmp_path / "plain")
    assert [n[0] for n in plain] == ["new", "resolved"], "the spike and its end reach org-x"
    assert notices(True, tmp_path / "small") == plain


def _hidden_middle() -> tuple[dict[str, Any], ...]:
    """One detection: v1 GREEN, v2 counting org-r's RED reports (hidden from everyone
    else: it ends the detection for them), v3 GREEN again."""
    green = _ev(("org-a", "GREEN", 1), ("org-b", "GREEN", 1), ("org-c", "GREEN", 2))
    red = [*green, *_ev(("org-r", "RED", 3))]
    v1 = detection(det_id="d", version=1, tlp="GREEN", evidence=green, observed=4.0)
    v2 = detection(det_id="d", version=2, state="updated", tlp="RED", evidence=red,
                   observed=7.0, severity="critical")  # fmt: skip
    v3 = detection(det_id="d", version=3, state="updated", tlp="GREEN", evidence=green,
                   observed=4.0, severity="critical")  # fmt: skip
    return v1, v2, v3


def test_a_subscription_paused_when_its_detection_ended_for_it_is_not_told_of_it_again(
    tmp_path: Path,
) -> None:
    """org-x is told of a GREEN spike and pauses its subscription; the next version counts
    org-r's RED reports (the detection ends for org-x, as the query API shows it). Resumed,
    it must not hear of that detection again when a later version it may see comes."""
    router, serde, _ = _router(tmp_path)
    x = subscription("org-x", notify_resolved=True)
    router.on_subscription(x.subscription_id, x)
    v1, v2, v3 = _hidden_middle()
    now = T0.timestamp()
    router.step([_msg(serde, v1, 0)], now)
    assert [i.change for n in router.step([], now + 1) for i in n.items] == ["new"]
    router.on_subscription(x.subscription_id, x.model_copy(update={"active": False}))
    router.step([_msg(serde, v2, 1)], now + 10)
    assert router.step([], now + 11) == []  # paused: nothing goes out
    router.on_subscription(x.subscription_id, x)
    router.step([_msg(serde, v3, 2)], now + 20)
    assert router.step([], now + 21) == []  # ended for org-x: no "escalated" notice


@pytest.mark.parametrize("restarts", [False, True], ids=["running", "restarted"])
@pytest.mark.parametrize("before", ["told", "paused", "nothing"])
def test_a_detection_whose_lifecycle_ended_for_an_org_reaches_none_of_its_subscriptions(
    tmp_path: Path, before: str, restarts: bool
) -> None:
    """Attack (review44): org-x was shown a GREEN spike; the next version counts org-r's
    RED reports, which ends the detection for org-x (the query API shows it resolved, and
    a real resolution that alarms again gets a new id). org-x then makes a new
    subscription on the route, or resumes one paused before the spike. If the next
    version it may see reached it as "new" under the same id, org-x would learn that its
    end was a hidden version, and get figures the query API never shows it. It holds
    whether org-x had a subscription told of the spike (``told``), one paused all along
    (``paused``), or none that matched before (``nothing``), and across a restart of the
    router (the histories are in its store). org-r, whose lifecycle did not end, is the
    control: its new subscription is told of the same version."""
    router, serde, _ = _router(tmp_path)
    x = subscription("org-x", notify_resolved=True)
    paused = subscription("org-x", name="paused", notify_resolved=True)
    if before == "told":
        router.on_subscription(x.subscription_id, x)
    if before == "paused":
        router.on_subscription(x.subscription_id, x)
        router.on_subscription(paused.subscription_id, paused.model_copy(update={"active": False}))
    v1, v2, v3 = _hidden_middle()
    now = T0.timestamp()
    router.step([_msg(serde, v1, 0)], now)
    first = [i.change for n in router.step([], now + 1) for i in n.items]
    assert first == (["new"] if before != "nothing" else [])
    router.step([_msg(serde, v2, 1)], now + 10)
    ended = [i.change for n in router.step([], now + 11) for i in n.items]
    assert ended == (["resolved"] if before != "nothing" else [])
    shown = lifecycle.seen([v1, v2, v3], lambda v: may_see("org-x", v, 3))
    assert [v["state"] for v in shown] == ["opened", "resolved"]  # the query API's answer

    if restarts:
        router.store.close()
        router, serde, _ = _router(tmp_path)
        if before != "nothing":
            router.on_subscription(x.subscription_id, x)
    again = subscription("org-x", name="watch again", notify_resolved=True)
    router.on_subscription(again.subscription_id, again)
    router.on_subscription(paused.subscription_id, paused)  # resumed (or new)
    control = subscription("org-r", name="control")
    router.on_subscription(control.subscription_id, control)
    router.step([_msg(serde, v3, 2)], now + 20)
    told = [
        (n.subscription.org_id, i.change, i.detection["version"])
        for n in router.step([], now + 21)
        for i in n.items
    ]
    assert told == [("org-r", "new", 3)], (
        f"after its lifecycle of d ended, org-x is told of it again: {told}"
    )


@pytest.mark.parametrize("notify_resolved", [False, True], ids=["plain", "notify-resolved"])
def test_a_hidden_version_read_with_the_opening_tells_org_x_what_a_resolution_would(
    tmp_path: Path, notify_resolved: bool
) -> None:
    """Attack: a worker catching up writes v1 (GREEN, org-x may see it) and, a window later,
    v2 counting org-r's RED reports, read in one batch, so v2 comes while org-x's first
    notice waits. org-x must hear of the spike it was entitled to, and must not be able to
    tell v2 from a plain resolution at that window: the notice is the same either way (v1's
    figures and evidence, marked ended, the same version number); org-r is told v2."""
    green = _ev(("org-a", "GREEN", 1), ("org-b", "GREEN", 1), ("org-c", "GREEN", 2))
    red = [*green, *_ev(("org-r", "RED", 3))]
    v1 = detection(det_id="d", version=1, tlp="GREEN", evidence=green, observed=4.0)
    later = {"window_start": "2026-11-02T00:00:00+00:00", "window_end": "2026-11-03T00:00:00+00:00"}
    hidden = {**detection(det_id="d", version=100_001, state="updated", tlp="RED",
                          evidence=red, observed=7.0, severity="critical"), **later}  # fmt: skip
    resolution = {**detection(det_id="d", version=lifecycle.resolved_version(100_001),
                              state="resolved", tlp="GREEN", evidence=green,
                              observed=4.0), **later}  # fmt: skip

    def told(end: dict[str, Any], where: Path) -> list[tuple[str, str, dict[str, Any]]]:
        where.mkdir()
        router, serde, _ = _router(where)
        for org in ("org-x", "org-r"):
            sub = subscription(org, notify_resolved=notify_resolved)
            router.on_subscription(sub.subscription_id, sub)
        now = T0.timestamp()
        router.step([_msg(serde, v1, 0), _msg(serde, end, 1)], now)
        out = [(n.subscription.org_id, i.change, i.detection)
               for n in router.step([], now + 1) for i in n.items]  # fmt: skip
        out += [(n.subscription.org_id, i.change, i.detection)
                for n in router.step([], now + 3600) for i in n.items]  # fmt: skip
        return sorted(out, key=lambda t: t[0])

    got = told(hidden, tmp_path / "hidden")
    x = [(change, det) for org, change, det in got if org == "org-x"]
    assert len(x) == 1, f"org-x must be told of the spike once: {x}"
    change, det = x[0]
    assert (change, det["state"]) == ("new", "resolved")
    assert (det["observed"], det["evidence"], det["tlp"]) == (4.0, green, "GREEN")
    assert [(c, d["version"]) for o, c, d in got if o == "org-r"] == [("new", 100_001)]
    plain = [(o, c, d) for o, c, d in told(resolution, tmp_path / "plain") if o == "org-x"]
    assert [(c, d) for _, c, d in plain] == x, "org-x can tell a hidden version from an end"
