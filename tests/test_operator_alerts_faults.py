"""Operator alerts on real services (issue 23, items 4 and 7): the main job on Kafka and a
ClickHouse server of the test's own, its operators' channel the default outbox. Each
unhealthy condition is driven for real — a news feed broken (and the job killed with
kill -9 and started again while the incident is open), the warehouse stopped, the
stream worker stopped with SIGSTOP while incidents arrive, a flood of invalid records, a
subscriber's webhook gone — and each must give exactly one firing notice and one
resolution once it is repaired, with nothing else told.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import services
from tests.alertkit import HOOK_KEY
from tests.jobkit import Job, job_env
from tests.test_fault_mainjob import _detect, _until_followed
from tests.test_intake_rules import valid
from tests.webhook_receiver import Receiver

pytestmark = [pytest.mark.kafka, pytest.mark.clickhouse, pytest.mark.faults]

ORG = "ngo-a"
OPS = "_operators"
RSS = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>{name}</title><item>"
    "<title>Police rescue trafficked fishermen</title>"
    "<link>https://news.example.org/{name}</link>"
    "<description>Thirty workers were rescued from fishing boats.</description>"
    "</item></channel></rss>"
)
# Green this long resolves an incident (production: 60 s). 5 s still outlasts a restart
# of the job (~4 s without evaluations). The looks (5 s apart) and the stall time (20 s)
# stay: 2 s looks let a flood's dead letters hold for less than the 3 s `for`, and a 10 s
# stall time saw the count stage "stalled" across the kill -9 and start.
CLEAR_S = 5.0
THEIR_KEY = "whsec_dGhlaXItb3duLXNpZ25pbmcta2V5LTAxMjM0NTY3"  # the second endpoint's own


def _feeds(home: Path) -> Path:
    home.mkdir(parents=True)
    text = ""
    for name in ("first", "second"):
        (home / f"{name}.xml").write_text(RSS.format(name=name))
        text += f'[[feeds]]\nname = "{name}"\nurl = "file://{home / name}.xml"\n'
        text += "fetch_pages = false\n"
    (home / "feeds.toml").write_text(text)
    return home / "feeds.toml"


class Operators:
    """The operators' outbox as the test reads it, with the times notices arrived."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.seen_at: dict[str, float] = {}
        self.timings: list[str] = []

    def lines(self) -> list[dict[str, Any]]:
        found = self.job.outbox(OPS, "operators")
        for x in found:
            self.seen_at.setdefault(x["notification_id"], time.monotonic())
        return found

    def wait(self, part: str, state: str, timeout: float, incident: str | None = None,
             after: frozenset[str] = frozenset()) -> dict[str, Any]:  # fmt: skip
        """The first notice of ``state`` about ``part`` whose id is not in ``after``."""
        deadline = time.monotonic() + timeout
        while True:
            for x in self.lines():
                if (
                    x["part"] == part
                    and x["state"] == state
                    and x["notification_id"] not in after
                    and incident in (None, x["incident_id"])
                ):
                    return x
            if time.monotonic() > deadline:
                pytest.fail(f"no {state} notice about {part} in {timeout:.0f} s: {self.lines()}")
            time.sleep(0.25)

    def incident(self, part: str, brk: Callable[[], None], fix: Callable[[], None],
                 between: Callable[[], None] = lambda: None) -> dict[str, Any]:  # fmt: skip
        """Break, wait for the firing notice, (``between``), repair, wait for the
        resolution; the seconds each took are kept for the report."""
        before = frozenset(x["notification_id"] for x in self.lines())
        t0 = time.monotonic()
        brk()
        firing = self.wait(part, "firing", 120, after=before)
        told = self.seen_at[firing["notification_id"]] - t0
        between()
        t1 = time.monotonic()
        fix()
        resolved = self.wait(part, "resolved", 120, firing["incident_id"])
        cleared = self.seen_at[resolved["notification_id"]] - t1
        self.timings.append(
            f"{part}: told {told:.1f} s after the fault, resolved {cleared:.1f} s after the "
            f"repair (clear time {CLEAR_S:.0f} s)"
        )
        return firing


def _worker_pid(job: Job) -> int:
    detail = next(c["detail"] for c in _health(job)["checks"] if c["component"] == "worker process")
    return int(detail.split()[1].rstrip(","))


def _health(job: Job) -> dict[str, Any]:
    """/health as the operator (the token the job wrote): with each check's details."""
    token = (job.data / "operator.token").read_text()
    request = urllib.request.Request(f"{job.base}/health",
                                     headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=5) as resp:
            body: dict[str, Any] = json.loads(resp.read())
    except urllib.error.HTTPError as err:
        body = json.loads(err.read())
    return body


def _fetch_news(job: Job) -> None:
    subprocess.run([sys.executable, "-m", "tahub", "news", "fetch"], env=job.env,
                   capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


@pytest.mark.timeout(1500)
def test_each_unhealthy_condition_tells_the_operators_once_and_its_end(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    home = tmp_path / "clickhouse"  # the test's own server: the shared one is never stopped
    url, server = services.start_clickhouse(home)
    news = tmp_path / "feeds"
    env = job_env(
        tmp_path / "data", kafka_bootstrap, url, TAHUB_EGRESS_ALLOW="127.0.0.1",
        TAHUB_ALERT_GROUP_WAIT="0.3", TAHUB_NEWS_FEEDS=str(_feeds(news)),
        TAHUB_STATUS_INTERVAL="5", TAHUB_STATUS_STALL_SECONDS="20", TAHUB_SINK_BACKOFF_MAX="2",
        TAHUB_OPS_ALERT_FOR="3", TAHUB_OPS_ALERT_CLEAR=str(CLEAR_S), TAHUB_OPS_ALERT_EVERY="1",
    )  # fmt: skip
    job = Job(env, tmp_path / "up.log")
    hooks = Receiver(HOOK_KEY).start()
    theirs = Receiver(THEIR_KEY).start()  # its own server: a signature is never seen twice
    ops = Operators(job)
    try:
        print(f"job up in {job.start():.1f} s")
        job.org(ORG)
        job.grant(ORG, hook_key=HOOK_KEY, their_key=THEIR_KEY)
        job.subscribe(ORG, {
            "name": "Thailand", "area": {"countries": ["TH"]},
            "channels": [
                {"kind": "webhook", "target": hooks.url("hook"), "secret_ref": "hook_key"},
                {"kind": "webhook", "target": theirs.url("hook"), "secret_ref": "their_key"},
            ],
        })  # fmt: skip
        _until_followed(job, hooks)
        time.sleep(CLEAR_S + 3)
        assert theirs.ids()
        assert theirs.rejected == []
        assert ops.lines() == [], "told of something before any fault"

        # a feed fails; while the incident is open the job is killed and started again:
        # no second firing, and the repair still gets its resolution
        second = news / "second.xml"

        def feed_broken() -> None:
            second.unlink()
            _fetch_news(job)

        def feed_repaired() -> None:
            second.write_text(RSS.format(name="second"))
            _fetch_news(job)

        def restart() -> None:
            job.kill9()
            print(f"killed with the news incident open; up again in {job.start():.1f} s")
            time.sleep(CLEAR_S + 3)  # evaluations of the still-broken feed after the start

        firing = ops.incident("news", feed_broken, feed_repaired, restart)
        assert firing["severity"] == "warning"
        assert "second (1 in a row" in firing["problems"][0]["detail"]
        assert "`tahub news status`" in " ".join(firing["what_to_do"])

        # the warehouse stops, and starts again
        def warehouse_stopped() -> None:
            server.terminate()
            server.wait(30)

        def warehouse_back() -> None:
            nonlocal server
            _, server = services.start_clickhouse(home)

        firing = ops.incident("warehouse", warehouse_stopped, warehouse_back)
        assert firing["severity"] == "critical"
        assert firing["problems"][0]["component"] == "warehouse"
        assert "ClickHouse" in firing["what_to_do"][0]

        # the stream worker stops (SIGSTOP) while a partner's incidents keep coming
        pid = _worker_pid(job)

        def worker_stopped() -> None:
            os.kill(pid, signal.SIGSTOP)
            for i in range(5):
                assert job.submit(ORG, valid(submission_id=f"s-{i}")).status_code == 202

        firing = ops.incident("stream worker", worker_stopped, lambda: os.kill(pid, signal.SIGCONT))
        assert firing["condition"] == "TahubStageStalled"
        # the stages in the stopped process: intake (partners' incidents wait) or count
        # (the fan-out, a process of its own, still writes keys it cannot read)
        assert firing["problems"][0]["component"] in {"intake stage (incidents, news)",
                                                      "count stage (detect.keys)"}  # fmt: skip

        # a flood of records that are not Avro at all
        def flood() -> None:
            from confluent_kafka import Producer

            producer = Producer({"bootstrap.servers": kafka_bootstrap})
            for i in range(50):
                producer.produce(f"{env['TAHUB_TOPIC_PREFIX']}incidents", f"junk {i}".encode(),
                                 partition=i % 2)  # fmt: skip
            assert producer.flush(10) == 0

        firing = ops.incident("dead letters", flood, lambda: None)
        # red as a rule (every new record a dead letter, twice over: the intake stage's and
        # the sink's); yellow if a look's window caught the flood's edge with other records
        assert firing["condition"] in {"TahubDeadLettersFlood", "TahubDeadLettersRising"}
        assert "junk" not in json.dumps(firing)  # counts and reasons, never a payload

        # a subscriber's webhook is gone (410), then answers again
        def gone() -> None:
            theirs.gone.add("hook")
            _detect(job, "while-gone")

        def back() -> None:
            theirs.gone.discard("hook")
            _detect(job, "when-back")

        firing = ops.incident("alert channels", gone, back)
        assert firing["condition"] == "TahubAlertChannelFailing"
        assert "1 failing: webhook 127.0.0.1" in firing["problems"][0]["detail"]

        # exactly one firing and one resolution per incident, and nothing else told
        time.sleep(CLEAR_S + 3)
        lines = ops.lines()
        per = Counter((x["incident_id"], x["state"]) for x in lines)
        assert set(per.values()) == {1}, per
        parts = Counter(x["part"] for x in lines if x["state"] == "firing")
        assert parts == Counter({"news": 1, "warehouse": 1, "stream worker": 1,
                                 "dead letters": 1, "alert channels": 1}), lines  # fmt: skip
        assert all(per[(i, "resolved")] == 1 for i, s in per if s == "firing")
        check = next(c for c in _health(job)["checks"] if c["component"] == "operator alerts")
        assert check["ok"], check
        assert "10 notice(s) sent" in check["detail"]
        print("\n".join(ops.timings))
    except BaseException:
        print(job.tail())
        raise
    finally:
        job.stop()
        hooks.stop()
        theirs.stop()
        if server.poll() is None:
            server.terminate()
            server.wait(30)
