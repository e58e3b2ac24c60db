"""One scrape target for the whole job (the main job merges its children's /metrics with a
``process`` label), per-stage throughput and the end-to-end latency histograms: the pure
parts offline, then `tahub up` on real Kafka where one scrape of the main job shows every
child's series and a submitted incident moves the latency histograms' counts."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from schemas import topics
from streams import native
from streams.detect import count_stage
from streams.detect.dimensions import DEFAULT_SETS
from tahub import latency, metrics_merge
from tahub.lag import Lag, stage_positions
from tahub.mainjob.child_metrics import ChildMetrics, Target, families_of
from tahub.runtime.ports import free_port
from tests.metricskit import scrape, token_of


def _exposition(pid: int, rows: float) -> str:
    reg = CollectorRegistry()
    Counter("tahub_x_rows", "rows", ["table"], registry=reg).labels("a").inc(rows)
    Histogram("tahub_x_seconds", "took", buckets=(1, 2), registry=reg).observe(1.5)
    from prometheus_client import Gauge

    Gauge("tahub_process_pid", "pid", registry=reg).set(pid)
    return generate_latest(reg).decode()


def test_families_of_two_processes_merge_under_one_name_each_with_a_process_label() -> None:
    merged = metrics_merge.merge({
        "worker": metrics_merge.parse(_exposition(11, 3)),
        "alerts": metrics_merge.parse(_exposition(12, 5)),
    })  # fmt: skip
    text = metrics_merge.render(merged).decode()
    assert text.count("# TYPE tahub_x_rows_total counter") == 1
    assert 'tahub_x_rows_total{process="worker",table="a"} 3.0' in text
    assert 'tahub_x_rows_total{process="alerts",table="a"} 5.0' in text
    assert 'tahub_x_seconds_bucket{le="2.0",process="alerts"} 1.0' in text
    # and Prometheus's own parser reads the result back
    names = {f.name for f in metrics_merge.parse(text)}
    assert {"tahub_x_rows", "tahub_x_seconds", "tahub_process_pid"} <= names


def test_a_port_answered_by_another_process_is_not_merged() -> None:
    text = _exposition(11, 1)
    assert families_of(text, 11) is not None
    assert families_of(text, 99) is None  # another deployment's child on that port
    assert families_of(text, None) is None  # our child is not running
    assert families_of("not prometheus {{{", 11) is None


def test_the_job_answers_with_its_children_and_says_which_did_not_answer() -> None:
    pages = {"http://w/metrics": _exposition(11, 2)}

    def fetch(url: str) -> str:
        if url not in pages:
            raise ConnectionRefusedError(url)
        return pages[url]

    scrape = ChildMetrics(
        [Target("worker", "http://w/metrics", lambda: 11),
         Target("news", "http://n/metrics", lambda: 13)],
        fetcher=fetch,
    )  # fmt: skip
    try:
        text = scrape.body().decode()
    finally:
        scrape.close()
    assert 'tahub_x_rows_total{process="worker",table="a"} 2.0' in text
    assert 'tahub_process_metrics_up{process="worker"} 1.0' in text
    assert 'tahub_process_metrics_up{process="news"} 0.0' in text
    assert 'tahub_process_metrics_up{process="main"} 1.0' in text


def test_stage_records_are_the_sum_of_each_stages_positions() -> None:
    lags = [
        Lag("app-intake", "t.incidents", 0, 40, 0, 50),
        Lag("app-intake", "t.news.articles", 0, -1, 7, 9),  # never committed: from its start
        Lag("app", "t.detect.keys", 1, 12, 0, 12),
        Lag("other", "t.signals", 0, 5, 0, 5),
    ]
    assert stage_positions(lags, "app") == {("intake", "app-intake"): 47, ("count", "app"): 12}


def _signal(at: datetime, **over: Any) -> dict[str, Any]:
    rec = {"event_time": at, "typology": "forced_criminality", "location_country": "KH",
           "origin_country": "MM", "destination_country": "KH", "cell_coarse": None}  # fmt: skip
    rec.update(over)
    return rec


def _detection(key: str, start: datetime, state: str = "opened") -> dict[str, Any]:
    return {"state": state, "dimension_set": "location", "dimension_key": key,
            "window_start": start, "window_end": start + timedelta(days=1)}  # fmt: skip


def test_signal_to_detection_is_measured_from_the_newest_live_signal_of_the_key() -> None:
    t = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    day = datetime(2026, 11, 30, tzinfo=UTC)
    tracker = latency.SignalToDetection(DEFAULT_SETS)
    tracker.signal(_signal(t), t.timestamp() + 0.5)
    tracker.signal(_signal(t, location_country="TH"), t.timestamp() + 1.0)
    assert tracker.detection(_detection("KH", day), t.timestamp() + 2.5) == 2.0
    assert tracker.detection(_detection("KH", day, "resolved"), t.timestamp() + 9) is None
    assert tracker.detection(_detection("KH", day - timedelta(days=1)), t.timestamp() + 3) is None
    assert tracker.detection(_detection("VN", day), t.timestamp() + 3) is None
    # history (produced long after its event time) is not remembered
    old = t - timedelta(days=400)
    tracker.signal(_signal(old, location_country="VN"), t.timestamp())
    assert tracker.detection(_detection("VN", old), t.timestamp() + 1) is None
    # at most `keys` keys: the oldest go first
    small = latency.SignalToDetection(DEFAULT_SETS, keys=1)
    small.signal(_signal(t), t.timestamp())
    assert small.detection(_detection("KH", day), t.timestamp() + 1) is None  # evicted


# --- on real Kafka ---


def _scrape(env: dict[str, str]) -> str:
    return scrape(f"http://127.0.0.1:{env['TAHUB_HTTP_PORT']}/metrics", token_of(env))


def _value(text: str, name: str, **labels: str) -> float:
    """Sum of the samples of ``name`` whose labels include ``labels``."""
    total = 0.0
    for line in text.splitlines():
        m = re.match(rf"^{re.escape(name)}(\{{(.*)\}})? (\S+)$", line)
        if m is None:
            continue
        have = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2) or ""))
        if all(have.get(k) == v for k, v in labels.items()):
            total += float(m.group(3))
    return total


def _until(env: dict[str, str], what: str, ok: Any, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while True:
        text = _scrape(env)
        if ok(text):
            return text
        if time.monotonic() > deadline:
            pytest.fail(f"never seen in the job's /metrics: {what}")
        time.sleep(1)


@pytest.mark.kafka
def test_one_scrape_of_the_job_shows_its_children_and_an_incident_moves_the_latencies(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    from producers.intake.access import OrgKind
    from producers.kafka_producer import ContractProducer
    from schemas.models import Detection
    from tahub import wiring
    from tahub.settings import load_settings
    from tests.alertkit import detection
    from tests.test_intake_rules import valid
    from tests.test_mainjob import _env, _wait_for_line

    tag = uuid.uuid4().hex[:8]
    data = tmp_path / "data"
    env = _env(data, TAHUB_KAFKA_BOOTSTRAP=kafka_bootstrap, TAHUB_TOPIC_PREFIX=f"m{tag}.",
               TAHUB_APP_ID=f"app-{tag}", TAHUB_WORKER_METRICS_PORT=str(free_port()),
               TAHUB_ALERTS_METRICS_PORT=str(free_port()),
               TAHUB_NEWS_METRICS_PORT=str(free_port()))  # fmt: skip
    port = env["TAHUB_HTTP_PORT"]
    over = {k[6:].lower(): v for k, v in env.items()
            if k.startswith("TAHUB_") and not k.startswith("TAHUB_TEST")}  # fmt: skip
    with (tmp_path / "up.log").open("w") as log:
        up = subprocess.Popen([sys.executable, "-m", "tahub", "up"], env=env,
                              stdout=subprocess.PIPE, stderr=log, text=True)  # fmt: skip
    try:
        _wait_for_line(up, "tahub is up", 180)
        # one scrape: the job's own series and every child's, each named by its process
        text = _until(env, "every child", lambda t: all(
            f'tahub_process_metrics_up{{process="{p}"}} 1.0' in t
            for p in ("worker", "alerts", "news")))  # fmt: skip
        for process in ("main", "worker", "alerts", "news"):
            assert re.search(rf'tahub_build_info\{{process="{process}",version="', text), process
        assert re.search(r'tahub_sink_buffered_records\{process="main"\}', text)
        assert 'tahub_detect_watermark_timestamp_seconds{process="worker"}' in text
        # the worker runs what this test imports: the source tree, or a compiled install
        built = native.build_of(count_stage)
        assert f'tahub_detect_build_info{{count_stage="{built}",process="worker"}} 1.0' in text
        # the count stage's garbage collection pauses (a series per generation once one ran)
        assert "# TYPE tahub_detect_gc_pause_seconds histogram" in text
        assert 'tahub_alert_queue_pending{process="alerts"}' in text
        assert 'tahub_news_feeds_failing{process="news"}' in text
        assert text.count("# TYPE tahub_build_info gauge") == 1
        # without the metrics token neither the job nor a child's own port says anything
        for metrics_port in (port, *(env[f"TAHUB_{c}_METRICS_PORT"]
                                     for c in ("WORKER", "ALERTS", "NEWS"))):  # fmt: skip
            url = f"http://127.0.0.1:{metrics_port}/metrics"
            for auth in ({}, {"Authorization": "Bearer not-the-token"},
                         {"Authorization": token_of(env)}):  # fmt: skip
                refused = httpx.get(url, headers=auth, timeout=10)
                assert refused.status_code == 401, (metrics_port, auth)
                assert "tahub_" not in refused.text
        # every metric the alerting rules and the Grafana dashboard name is in this scrape
        from tests.test_deploy_monitoring import referenced_metrics

        missing = {n for n in referenced_metrics() if f"# TYPE {n} " not in text}
        assert missing == set(), missing
        # the job's checks and restarts, for alerting rules
        assert 'tahub_health_check_ok{component="kafka",process="main"} 1.0' in text
        assert 'tahub_restarts_total{component="worker process",process="main"} 0.0' in text

        settings = load_settings(**over)
        store = wiring.access(settings)
        store.add_org("org-m", "ORG-M", OrgKind("ngo"))
        key = store.issue_key("org-m", "test")[1]
        auth = {"Authorization": f"Bearer {key}"}
        base = f"http://127.0.0.1:{port}"
        spec = {"name": "Cambodia", "area": {"countries": ["KH"]},
                "channels": [{"kind": "outbox", "target": "field"}]}  # fmt: skip
        r = httpx.post(f"{base}/api/v1/subscriptions", json=spec, headers=auth, timeout=30)
        assert r.status_code == 201, r.text

        # a submitted incident: report → signal, measured by the worker
        before = _scrape(env)
        r = httpx.post(f"{base}/api/v1/incidents", json=valid(submission_id="m-1"),
                       headers=auth, timeout=30)  # fmt: skip
        assert r.status_code == 202, r.text
        name = "tahub_latency_report_to_signal_seconds_count"
        text = _until(env, name, lambda t: _value(t, name, process="worker")
                      > _value(before, name, process="worker"))  # fmt: skip
        took = _value(text, "tahub_latency_report_to_signal_seconds_sum", process="worker")
        print(f"report → signal: {took:.2f} s")
        _until(env, "its signals landed", lambda t: _value(
            t, "tahub_sink_rows_total", process="main", table="signals") >= 1)  # fmt: skip

        # its detection (the count stage needs weeks of windows to judge one, so it is
        # produced here): signal → detection by the sink, then notification and delivery
        now = datetime.now(UTC)
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        det = detection("location", det_id=f"det-{tag}", location="KH")
        det.update(window_start=start.isoformat(), window_end=(start + timedelta(days=1))
                   .isoformat(), updated_at=start.isoformat())  # fmt: skip
        producer = ContractProducer({"bootstrap.servers": kafka_bootstrap}, wiring.serde(settings))
        record = Detection.model_validate(det)
        producer.send(topics.DETECTIONS, record.dimension_key, record)
        producer.flush()
        hops = {
            "tahub_latency_signal_to_detection_seconds_count": "main",
            "tahub_latency_detection_to_notification_seconds_count": "alerts",
            "tahub_latency_notification_to_delivery_seconds_count": "alerts",
        }
        text = _until(env, "every hop", lambda t: all(
            _value(t, n, process=p) >= 1 for n, p in hops.items()))  # fmt: skip
        for n, p in hops.items():
            s = _value(text, n.replace("_count", "_sum"), process=p)
            print(f"{n}: {_value(text, n, process=p):.0f} sample(s), {s:.2f} s")
        assert _value(text, "tahub_latency_notification_to_delivery_seconds_count",
                      process="alerts", channel="outbox") == 1  # fmt: skip

        # per-stage throughput, from the stages' committed offsets (looked at every 15 s)
        text = _until(env, "stage records", lambda t: _value(
            t, "tahub_stage_records_total", process="main", stage="intake") >= 1)  # fmt: skip
        stages = {s for s in ("intake", "fanout", "count", "sink", "alerts")
                  if f'stage="{s}"' in text}  # fmt: skip
        print("stages counted:", sorted(stages))
        assert {"intake", "sink", "alerts"} <= stages
    finally:
        up.send_signal(signal.SIGTERM)
        try:
            up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()
