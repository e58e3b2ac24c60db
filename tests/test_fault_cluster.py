"""Scale-out on real engines (issue 21, item 5): the main job on a three-broker Kafka
cluster (KRaft, replication factor 3, min.insync.replicas 2) that loses a broker to
kill -9 mid-stream and gets it back later, with its warehouse on two ClickHouse server
shards behind Distributed tables (``?cluster=tahub``, consumers.sharding).

Three partners submit a steady stream on two routes through a retrying client; while the
broker is down, a burst on one route makes a spike that a subscription of ngo-a watches.
Afterwards: every accepted incident and its signals are in the warehouse exactly once,
each shard holding some and none held by both; the spike was detected and told once per
notification (outbox line and 'sent' record); nothing was dead-lettered; and the
detections whose windows closed equal the offline replay of the signals that landed.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from consumers.sharding import LOCAL_SUFFIX
from consumers.warehouse import Warehouse, open_warehouse
from schemas import topics
from schemas.topics import TopicSpec
from streams.detect import replay
from streams.detect.config import load
from tahub import wiring
from tahub.idkey import load_id_key
from tahub.runtime import broker, broker_cluster
from tests import services
from tests.jobkit import RETRYABLE, Job, job_env, signals_of
from tests.sinkkit import count, wait_for

pytestmark = [pytest.mark.kafka, pytest.mark.clickhouse, pytest.mark.faults]

ORGS = ("ngo-a", "ngo-b", "ngo-c")
STEADY = (("MM", "TH"), ("VN", "GB"))  # one report every PACE s, the routes in turn
SPIKE_ROUTE = ("VN", "GB")
SPIKE = 30
PACE = 0.3
WINDOW, LATENESS = 5, 15
STALL_RESTART = 60  # seconds (production: 90); longer than a failover's stall (~30 s)
# windows of 5 s so a spike has a baseline within a minute; lateness far past the stall.
# A baseline of 4 (warm once 4 windows precede the guard window): the burst comes ~25 s
# after the first report, in the stream's 6th or 7th window; with 6 it was judged only if
# the failover delayed it into the 8th (one run of five: no verdict live or replayed)
DETECTOR = f"""
[defaults]
window = {WINDOW}
baseline = 4
guard = 1
span = 1
method = "poisson"
threshold = 3.0
min_count = 5
min_sources = 2
novelty = false
lateness = {LATENESS}
[sets.route]
dims = ["origin", "destination"]
"""


def _item(sid: str, route: tuple[str, str]) -> dict[str, Any]:
    return {
        "submission_id": sid,
        "occurred_on": datetime.now(UTC).date().isoformat(),
        "occurred_precision": "day",
        "typologies": ["forced_labour"],
        "recruitment_places": [{"country": route[0]}],
        "exploitation_places": [{"country": route[1]}],
        "tlp": "TLP:GREEN",
    }


@dataclass
class Stream:
    """Steady submissions in a thread until stopped, and a burst in another, each through
    a retrying client (again on 5xx, 429 and refused connections): the slowest answer
    for good is the stall the partners saw, ``retries`` how often they asked again."""

    job: Job
    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)
    refused: Counter[int] = field(default_factory=Counter)
    retried: Counter[str] = field(default_factory=Counter)
    slowest: float = 0.0
    failure: list[BaseException] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> Stream:
        return self._thread(self._steady)

    def burst(self, route: tuple[str, str], n: int) -> Stream:
        return self._thread(lambda: [self.send(f"spike-{i}", route, ORGS[i % 3]) for i in range(n)])

    def _thread(self, work: Callable[[], object]) -> Stream:
        def run() -> None:
            try:
                work()
            except BaseException as err:  # surfaced by stop()
                self.failure.append(err)

        self.threads.append(threading.Thread(target=run, daemon=True))
        self.threads[-1].start()
        return self

    def send(self, sid: str, route: tuple[str, str], org: str) -> None:
        item = _item(sid, route)
        t0 = time.monotonic()
        while True:
            try:
                r = httpx.post(f"{self.job.base}/api/v1/incidents", json=item,
                               headers=self.job.auth(org), timeout=30)  # fmt: skip
                if r.status_code not in RETRYABLE:
                    break
                self.retried[str(r.status_code)] += 1
                last = f"{r.status_code} {r.text[:200]}"
            except httpx.HTTPError as err:
                self.retried[type(err).__name__] += 1
                last = type(err).__name__
            assert time.monotonic() - t0 < 120, (
                f"{sid}: no answer for good within 120 s; last {last}; asked again "
                f"{dict(self.retried)}"
            )
            time.sleep(0.5)
        self.slowest = max(self.slowest, time.monotonic() - t0)
        if r.status_code == 202:
            self.accepted[sid] = {"item": item, "org": org, "incident": r.json()["incident_id"]}
        else:
            self.refused[r.status_code] += 1

    def _steady(self) -> None:
        n = 0
        while not self.stopping.is_set():
            self.send(f"s-{n}", STEADY[n % len(STEADY)], ORGS[n % len(ORGS)])
            n += 1
            time.sleep(PACE)

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(150)
            assert not thread.is_alive(), "the submissions did not finish"
        if self.failure:
            raise self.failure[0]


def _read_all(job: Job, spec: TopicSpec) -> list[dict[str, Any]]:
    """Every record on a topic of the job's (read until 3 s bring nothing new)."""
    from confluent_kafka import Consumer

    s = job.settings()
    serde = wiring.serde(s)
    topic = spec.physical(s.topic_prefix)
    consumer = Consumer({**s.kafka_client_config(), "group.id": f"probe-{uuid.uuid4().hex}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})  # fmt: skip
    consumer.subscribe([topic])
    out: list[dict[str, Any]] = []
    quiet = time.monotonic()
    try:
        while time.monotonic() - quiet < 3.0 or not out:
            for msg in consumer.consume(1000, 0.5):
                if msg.error() is None:
                    out.append(serde.decode(spec, msg.value(), topic=topic))
                    quiet = time.monotonic()
            assert time.monotonic() - quiet < 60, f"nothing on {topic}"
    finally:
        consumer.close()
    return out


def _closed(detections: list[dict[str, Any]], watermark: int) -> dict[str, tuple[Any, ...]]:
    """``replay.comparable`` of the detections whose last window every partition's clock
    has closed (an open window's early looks depend on batch boundaries)."""
    last = replay.final_states(detections).values()
    margin = LATENESS + 2 * WINDOW
    return replay.comparable(d for d in last if d["window_end"].timestamp() + margin <= watermark)


def _replayed(job: Job, signals: list[dict[str, Any]], conf_path: Path) -> list[dict[str, Any]]:
    conf = load(conf_path)
    engine = replay.Offline(conf.sets, conf.configs, ids=load_id_key(job.settings()),
                            backdated_after=conf.backdated_after)  # fmt: skip
    out: list[dict[str, Any]] = []
    ordered = sorted(signals, key=lambda s: (s["event_time"], str(s["signal_id"])))
    for i in range(0, len(ordered), 50):
        for sig in ordered[i : i + 50]:
            engine.add(sig)
        out += engine.advance()
    return out + list(engine.peek())


def watch_spike(job: Job) -> str:
    """The partners, and ngo-a's subscription to the spike route (its outbox 'alerts')."""
    for org in ORGS:
        job.org(org)
    return job.subscribe("ngo-a", {
        "name": "spike route", "origins": [SPIKE_ROUTE[0]], "destinations": [SPIKE_ROUTE[1]],
        "dimension_sets": ["route"], "min_severity": "low",
        "channels": [{"kind": "outbox", "target": "alerts"}],
    })  # fmt: skip


def _leader_node(job: Job, nodes: list[broker.BrokerConfig]) -> broker.BrokerConfig:
    """The node leading the incidents topic's first partition: losing it moves a leader."""
    from tahub.topics_admin import check_reachable

    s = job.settings()
    md = check_reachable(s.kafka_client_config())
    leader = md.topics[topics.INCIDENTS.physical(s.topic_prefix)].partitions[0].leader
    return next(cfg for cfg in nodes if cfg.node_id == leader)


def _job(root: Path, bootstrap: str, warehouse: str) -> tuple[Job, Path]:
    data = root / "data"
    data.mkdir(parents=True, mode=0o700)
    rss = root / "feed.xml"  # no news: its signals would count on the routes
    rss.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>none</title>"
                   "</channel></rss>")  # fmt: skip
    feeds = root / "feeds.toml"
    feeds.write_text(f'[[feeds]]\nname = "none"\nurl = "file://{rss}"\nfetch_pages = false\n')
    detector = root / "detector.toml"
    detector.write_text(DETECTOR)
    env = job_env(data, bootstrap, warehouse, TAHUB_NEWS_FEEDS=str(feeds),
                  TAHUB_DETECTOR_CONFIG=str(detector), TAHUB_REPLICATION_FACTOR="3",
                  TAHUB_PARTITIONS="3", TAHUB_ALERT_GROUP_WAIT="2",
                  TAHUB_STALL_RESTART_SECONDS=str(STALL_RESTART))  # fmt: skip
    return Job(env, root / "up.log"), detector


def _per_shard(shards: list[str], sql: str) -> list[int]:
    out = []
    for url in shards:
        wh = open_warehouse(url.rsplit("/", 1)[0] + f"/tahub{LOCAL_SUFFIX}")
        try:
            out.append(int(wh.query(sql)[0][0]))
        finally:
            wh.close()
    return out


# It finds real defects: the main job's librdkafka abort, the fan-out exiting on "Broker
# handle destroyed", the subscription book dying on a topic not yet known to every broker,
# and (its one failure in a full CI run, found from the data it left) a submission written
# although its send timed out, whose retry was encoded again with a new report time and
# counted in a second detection window; and (a CI run of 2026-12-07) a spike never told
# to its subscriber: the stream worker, fenced during the outage and restarted, caught up
# and wrote the detection's opening and its end together, and the alert policy dropped a
# detection that ended while its notice waited.
# Its own waits allow for a worker the outage crashed (restart ~45 s) and a stalled stage
# (STALL_RESTART) before they fail, which the suite's 300 s cut short: in ci79 the signals
# landed 106 s after the last submission (129-177 s for the whole test in other runs),
# and the timeout then ended the wait for the alert, not a check.
@pytest.mark.timeout(600)
def test_a_broker_lost_and_two_shards_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    t_start = time.monotonic()
    nodes = services.start_kafka_cluster(tmp_path / "kafka", nodes=3)
    shard_urls, servers = services.start_clickhouse_shards(tmp_path / "clickhouse")
    print(f"3 brokers and 2 shards up in {time.monotonic() - t_start:.1f} s")
    admin = open_warehouse(shard_urls[0])
    admin.execute("CREATE DATABASE IF NOT EXISTS tahub")
    admin.close()
    url = shard_urls[0].rsplit("/", 1)[0] + "/tahub?cluster=tahub"
    job, detector = _job(tmp_path, broker_cluster.bootstrap(nodes), url)
    wh: Warehouse | None = None
    try:
        print(f"job up in {job.start():.1f} s")
        sid = watch_spike(job)
        stream = Stream(job).start()
        time.sleep(20)  # a baseline of four windows on both routes
        lost = _leader_node(job, nodes)
        pid = broker.status(lost).pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
        before = len(stream.accepted)
        time.sleep(5)
        stream.burst(SPIKE_ROUTE, SPIKE)  # the spike, while the broker is down
        time.sleep(max(0.0, 30 - (time.monotonic() - killed)))
        during = len(stream.accepted) - before
        t0 = time.monotonic()
        broker.start(lost, wait=120)
        back = time.monotonic() - t0
        time.sleep(LATENESS + 4 * WINDOW)  # the spike's windows close behind it
        stream.stop()
        n = len(stream.accepted)
        print(
            f"broker {lost.node_id} killed after {before} accepted: {during} accepted while "
            f"it was down (30 s), slowest answer {stream.slowest:.1f} s, asked again "
            f"{dict(stream.retried)}, refused {dict(stream.refused)}; started again in "
            f"{back:.1f} s"
        )
        assert not stream.refused, stream.refused

        wh = open_warehouse(url)
        t0 = time.monotonic()
        wait_for(lambda: count(wh, "incidents") >= n, 120, "every incident in the warehouse")
        want_signals = sum(signals_of(a["item"], a["org"]) for a in stream.accepted.values())
        # a worker the outage crashed is started again (its exit, backoff and rejoin: ~45 s);
        # one that lives on with a stage reading nothing (seen once in ~15 runs: the intake
        # stage after the broker came back) is restarted by the stall watch, STALL_RESTART s
        # after the stall shows (a record waiting 30 s, none read)
        wait_for(lambda: count(wh, "signals") >= want_signals, 180, "every signal")
        recycled = job.tail().count("is alive but its")
        print(f"landed {time.monotonic() - t0:.1f} s after the last submission; "
              f"{recycled} restart(s) of a stalled process")  # fmt: skip
        _check_warehouse(wh, shard_urls, stream, want_signals)
        _check_detections_and_alerts(job, wh, sid, detector)
        assert job.stop() == 0, job.tail()
        print(f"whole test {time.monotonic() - t_start:.1f} s")
    except BaseException:
        print(job.tail())
        raise
    finally:
        job.stop()
        if wh is not None:
            wh.close()
        broker_cluster.stop(nodes)
        for server in servers:
            server.terminate()
            server.wait(30)


def _check_warehouse(
    wh: Warehouse, shard_urls: list[str], stream: Stream, want_signals: int
) -> None:
    n = len(stream.accepted)
    assert count(wh, "incidents") == n
    # the partner's submission ids are sealed: the incidents are found by the ids answered
    assert {r[0] for r in wh.query("SELECT incident_id FROM incidents FINAL")} == {
        a["incident"] for a in stream.accepted.values()
    }
    assert count(wh, "signals") == want_signals
    assert wh.query("SELECT uniqExact(signal_id) FROM signals FINAL") == [(want_signals,)]
    # each shard holds some, none holds the same incident or signal as the other
    incidents = _per_shard(shard_urls, "SELECT uniqExact(incident_id) FROM incidents")
    signals = _per_shard(shard_urls, "SELECT uniqExact(signal_id) FROM signals")
    print(f"incidents per shard {incidents}, signals per shard {signals}")
    assert min(incidents) > 0
    assert sum(incidents) == n
    assert min(signals) > 0
    assert sum(signals) == want_signals
    assert count(wh, "dead_letters") == 0


def _check_detections_and_alerts(job: Job, wh: Warehouse, sid: str, detector: Path) -> None:
    signals = {s["signal_id"]: s for s in _read_all(job, topics.SIGNALS)}
    landed = {str(r[0]) for r in wh.query("SELECT signal_id FROM signals FINAL")}
    assert set(signals) == landed
    live = _read_all(job, topics.DETECTIONS)
    spike_key = ">".join(SPIKE_ROUTE)
    spikes = {d["detection_id"] for d in live if d["dimension_key"] == spike_key}
    assert spikes, "the spike was not detected"
    watermark = int(max(s["event_time"] for s in signals.values()).timestamp())
    got = _closed(live, watermark)
    want = _closed(_replayed(job, list(signals.values()), detector), watermark)
    print(f"{len(got)} closed detections live, {len(want)} in the replay")
    assert set(spikes) & set(want), "the spike's detection is not among the closed ones"
    assert got == want

    # the alerts process tells a detection seconds after it lands: late when the worker
    # was restarted for a stall and the spike's detection came out just before this look
    wait_for(lambda: bool(job.outbox("ngo-a", "alerts")), 60, "the spike told to ngo-a")
    time.sleep(2 * float(job.env["TAHUB_ALERT_GROUP_WAIT"]))  # a second notice would be here
    lines = job.outbox("ngo-a", "alerts")
    told = [x["notification_id"] for x in lines]
    about = Counter(d["detection_id"] for x in lines for d in x["detections"])
    print(f"{len(told)} notification(s) to ngo-a about {dict(about)}")
    assert told, "nothing told"
    assert len(set(told)) == len(told), told
    assert set(about) <= spikes

    def sent() -> list[Any]:
        return list(wh.query(
            "SELECT notification_id, count() FROM deliveries FINAL "
            f"WHERE subscription_id = '{sid}' AND status = 'sent' GROUP BY notification_id"
        ))  # fmt: skip

    wait_for(lambda: {r[0] for r in sent()} >= set(told), 60, "the 'sent' records landed")
    assert {r[0] for r in sent()} == set(told)
    assert {r[1] for r in sent()} == {1}
