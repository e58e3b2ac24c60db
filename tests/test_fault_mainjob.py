"""Fault survival of the whole main job (issue 21, item 3): kill -9 of the job and every
process it started, then a start again; and its warehouse (a ClickHouse server of the
test's own) away for a while.

One scenario for both: a partner submits a steady stream of incidents through a retrying
client, and detections in its subscription's area reach a signed webhook and its outbox,
while the fault strikes mid-stream. Afterwards the warehouse must hold every accepted
incident and its signals exactly once, and every notification must have reached both
channels, with one 'sent' delivery record each.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from consumers.warehouse import Warehouse, open_warehouse
from producers.kafka_producer import ContractProducer
from schemas import topics
from schemas.models import Detection
from tahub import wiring
from tests import services
from tests.alertkit import HOOK_KEY, detection
from tests.jobkit import Job, job_env, signals_of
from tests.sinkkit import count, wait_for
from tests.test_intake_rules import valid
from tests.webhook_receiver import Receiver

pytestmark = [pytest.mark.kafka, pytest.mark.faults]

ORG = "ngo-a"
INCIDENTS = 300
DETECTIONS = 6  # three before the fault, three during it
OUTAGE_S = 20.0  # the minute, shortened for CI: far past every retry's first wait


def _item(i: int) -> dict[str, Any]:
    return valid(submission_id=f"s-{i}", tlp="TLP:GREEN")


@dataclass
class Traffic:
    """Submissions one after another through the job's retrying client, in a thread."""

    job: Job
    accepted: list[str] = field(default_factory=list)
    incidents: list[str] = field(default_factory=list)  # the ids the intake answered
    refused: Counter[int] = field(default_factory=Counter)
    failure: list[BaseException] = field(default_factory=list)
    thread: threading.Thread | None = None

    def start(self) -> Traffic:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        try:
            for i in range(INCIDENTS):
                r = self.job.submit(ORG, _item(i), deadline=240)
                if r.status_code == 202:
                    self.accepted.append(f"s-{i}")
                    self.incidents.append(r.json()["incident_id"])
                else:
                    self.refused[r.status_code] += 1
                time.sleep(0.1)
        except BaseException as err:  # surfaced by join()
            self.failure.append(err)

    def join(self, timeout: float) -> None:
        assert self.thread is not None
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the submissions did not finish"
        if self.failure:
            raise self.failure[0]


def _detect(job: Job, *ids: str) -> None:
    s = job.settings()
    producer = ContractProducer(s.kafka_client_config(), wiring.serde(s))
    for det_id in ids:
        det = Detection.model_validate(detection("location", det_id=det_id, location="TH"))
        producer.send(topics.DETECTIONS, det.dimension_key, det)
        producer.flush()
        time.sleep(1.0)  # past the group wait: one notification each


def _own_reports(job: Job) -> int:
    """The partner's own incidents as the job's query API counts them (any error: -1)."""
    params = {"by": "", "bucket": "all", "clock": "reported"}
    try:
        r = httpx.get(f"{job.base}/api/v1/query/counts", params=params,
                      headers=job.auth(ORG), timeout=10)  # fmt: skip
        rows = r.json()["rows"] if r.status_code == 200 else None
    except (httpx.HTTPError, ValueError):
        return -1
    return int(rows[0]["reports"]) if rows else (0 if rows is not None else -1)


def _until_followed(job: Job, hooks: Receiver) -> None:
    """Markers until one is notified: a detection read before the alerts process follows
    the new subscription matches nothing, so this is when it follows it."""
    deadline = time.monotonic() + 90
    n = 0
    while not hooks.ids():
        assert time.monotonic() < deadline, "the alerts process never followed the subscription"
        _detect(job, f"ready-{n}")
        n += 1
        end = time.monotonic() + 4
        while not hooks.ids() and time.monotonic() < end:
            time.sleep(0.2)


def _told(hooks: Receiver) -> Counter[str]:
    """Detection id -> webhook messages about it."""
    return Counter(d["detection_id"] for r in hooks.received for d in r.body["detections"])


EXPECTED = {f"det-{i}" for i in range(DETECTIONS)}


@contextmanager
def _scenario(job: Job) -> Iterator[tuple[Receiver, Traffic, str]]:
    hooks = Receiver(HOOK_KEY).start()
    hooks.delay = 0.3  # a delivery is in flight more often than not
    try:
        print(f"job up in {job.start():.1f} s")
        job.org(ORG)
        job.grant(ORG, hook_key=HOOK_KEY)
        sid = job.subscribe(ORG, {
            "name": "Thailand", "area": {"countries": ["TH"]},
            "channels": [
                {"kind": "webhook", "target": hooks.url("hook"), "secret_ref": "hook_key"},
                {"kind": "outbox", "target": "alerts"},
            ],
        })  # fmt: skip
        _until_followed(job, hooks)
        traffic = Traffic(job).start()
        _detect(job, *(f"det-{i}" for i in range(DETECTIONS // 2)))
        yield hooks, traffic, sid
    except BaseException:
        print(job.tail())
        raise
    finally:
        job.stop()
        hooks.stop()


def _settle(job: Job, hooks: Receiver, traffic: Traffic, since: float) -> str:
    """The recovery times: seconds from ``since`` until what was accepted by then is
    counted by the query API, and until every notification reached the webhook; then
    the rest of the submissions are waited for."""
    before = len(traffic.accepted)
    wait_for(lambda: _own_reports(job) >= before, 180, "the backlog landed")
    landed = time.monotonic() - since
    wait_for(lambda: set(_told(hooks)) >= EXPECTED, 120, "every notification")
    took = f"the backlog landed {landed:.1f} s, every notification {time.monotonic() - since:.1f} s"
    traffic.join(300)
    wait_for(lambda: _own_reports(job) == len(traffic.accepted), 180, "every incident landed")
    want = len(set(hooks.ids()))
    wait_for(lambda: len(job.outbox(ORG, "alerts")) >= want, 60, "every outbox line")
    time.sleep(3)  # the last delivery records reach the warehouse; a repeat would show
    return took


def _check(wh: Warehouse, job: Job, hooks: Receiver, traffic: Traffic, sid: str) -> None:
    n = len(traffic.accepted)
    assert n == INCIDENTS, (n, traffic.refused)
    per = signals_of(_item(0), ORG)
    partner = f"org_id = '{ORG}'"
    assert count(wh, "incidents") == n
    landed = {r[0] for r in wh.query("SELECT incident_id FROM incidents FINAL")}
    assert landed == set(traffic.incidents)  # submission ids are sealed: found by incident id
    assert count(wh, "signals", partner) == n * per
    assert wh.query(f"SELECT uniqExact(signal_id) FROM signals FINAL WHERE {partner}") == [
        (n * per,)
    ]
    told = hooks.ids()
    want = len(set(told))
    about = _told(hooks)
    assert set(about) - EXPECTED == {k for k in about if k.startswith("ready-")}
    assert sum(about.values()) - len(about) <= 1, f"told more than once: {about}"
    assert len(told) - want <= 1, f"more than the attempt in flight repeated: {told}"
    assert hooks.rejected == []
    lines = [x["notification_id"] for x in job.outbox(ORG, "alerts")]
    assert set(lines) == set(told)
    assert len(lines) - want <= 1, f"more than the line in flight repeated: {lines}"
    print(f"{want} notifications; repeated: webhook {len(told) - want}, outbox {len(lines) - want}")
    sent = wh.query(
        "SELECT notification_id, channel, count() FROM deliveries FINAL "
        f"WHERE subscription_id = '{sid}' AND status = 'sent' GROUP BY notification_id, channel"
    )
    assert {(r[0], r[1]) for r in sent} == {
        (i, c) for i in set(told) for c in ("webhook", "outbox")
    }
    assert {r[2] for r in sent} == {1}  # one 'sent' record per notification and channel
    assert count(wh, "alerts", f"subscription_id = '{sid}'") == want
    # nothing dead-lettered but, maybe, the news story's signals as late for detection
    assert count(wh, "dead_letters", "stage != 'detect' OR error_kind != 'late'") == 0


def test_kill_9_of_the_whole_job_then_a_start_again_loses_and_duplicates_nothing(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    env = job_env(tmp_path / "data", kafka_bootstrap, TAHUB_EGRESS_ALLOW="127.0.0.1",
                  TAHUB_ALERT_GROUP_WAIT="0.3")  # fmt: skip
    job = Job(env, tmp_path / "up.log")
    with _scenario(job) as (hooks, traffic, sid):
        wait_for(lambda: len(traffic.accepted) >= 60, 60, "submissions under way")
        job.kill9()
        down_at = len(traffic.accepted)
        _detect(job, *(f"det-{i}" for i in range(DETECTIONS // 2, DETECTIONS)))
        t0 = time.monotonic()
        up = job.start()
        took = _settle(job, hooks, traffic, t0)
        print(
            f"kill -9 of the job and its children after {down_at} accepted submissions: up "
            f"again in {up:.1f} s; {took} after the start"
        )
        assert job.stop() == 0, job.tail()
        wh = open_warehouse(job.settings().warehouse)
        try:
            _check(wh, job, hooks, traffic, sid)
        finally:
            wh.close()


@pytest.mark.clickhouse
def test_the_warehouse_away_for_a_while_loses_and_duplicates_nothing(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    home = tmp_path / "clickhouse"  # the test's own server: the shared one is never stopped
    url, server = services.start_clickhouse(home)
    env = job_env(tmp_path / "data", kafka_bootstrap, url, TAHUB_EGRESS_ALLOW="127.0.0.1",
                  TAHUB_ALERT_GROUP_WAIT="0.3")  # fmt: skip
    job = Job(env, tmp_path / "up.log")
    wh = open_warehouse(url)
    try:
        with _scenario(job) as (hooks, traffic, sid):
            wait_for(lambda: len(traffic.accepted) >= 60, 60, "submissions under way")
            server.terminate()
            server.wait(30)
            stopped = time.monotonic()
            _detect(job, *(f"det-{i}" for i in range(DETECTIONS // 2, DETECTIONS)))
            time.sleep(max(0.0, OUTAGE_S - (time.monotonic() - stopped)))
            during = len(traffic.accepted)
            _, server = services.start_clickhouse(home)
            t0 = time.monotonic()
            took = _settle(job, hooks, traffic, t0)
            print(
                f"warehouse stopped for {OUTAGE_S:.0f} s ({during} submissions accepted by "
                f"then): {took} after it was back"
            )
            _check(wh, job, hooks, traffic, sid)
    finally:
        wh.close()
        if server.poll() is None:
            server.terminate()
            server.wait(30)
