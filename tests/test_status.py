"""`tahub status` on real services: a main job on a broker of the test's own, a feed that
fails (yellow), every feed failing (red), a stalled stage (red) and Kafka stopped (red),
each with the exit code cron acts on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tahub.runtime import broker
from tahub.runtime.ports import free_port
from tests.metricskit import scrape, token_of
from tests.services import start_kafka


def _env(tmp: Path, bootstrap: str, *, broken_feed: bool = True) -> dict[str, str]:
    news = tmp / "news"
    news.mkdir()
    (news / "feed.xml").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>local</title><item>"
        "<title>Police rescue trafficked fishermen</title>"
        "<link>https://news.example.org/fishermen</link>"
        "<description>Thirty workers were rescued from fishing boats.</description>"
        "</item></channel></rss>"
    )
    feeds = news / "feeds.toml"
    feeds.write_text(
        f'[[feeds]]\nname = "local"\nurl = "file://{news / "feed.xml"}"\nfetch_pages = false\n'
        + (f'[[feeds]]\nname = "gone"\nurl = "file://{news / "gone.xml"}"\nfetch_pages = false\n'
           if broken_feed else "")
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")}
    env.update({
        "TAHUB_DATA_DIR": str(tmp / "data"), "TAHUB_HTTP_PORT": str(free_port()),
        "TAHUB_KAFKA_BOOTSTRAP": bootstrap, "TAHUB_PARTITIONS": "2",
        "TAHUB_NEWS_FEEDS": str(feeds), "TAHUB_NEWS_METRICS_PORT": "0",
        "TAHUB_ALERTS_METRICS_PORT": "0", "TAHUB_WORKER_METRICS_PORT": "0",
        "TAHUB_STATUS_INTERVAL": "2", "TAHUB_STATUS_STALL_SECONDS": "10",
    })  # fmt: skip
    return env


def _status(env: dict[str, str]) -> tuple[int, dict[str, Any]]:
    proc = subprocess.run([sys.executable, "-m", "tahub", "status", "--json"], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def _levels(body: dict[str, Any]) -> dict[str, str]:
    return {c["component"]: c["level"] for c in body["checks"]}


def _not_green(body: dict[str, Any]) -> dict[str, str]:
    return {c["component"]: c["detail"] for c in body["checks"] if c["level"] != "green"}


def _until_status(env: dict[str, str], ok: Any, timeout: float) -> tuple[int, dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        code, body = _status(env)
        if ok(code, body):
            return code, body
        if time.monotonic() > deadline:
            pytest.fail(f"status never turned as expected: {code} {_not_green(body)}")


def _worker_pid(env: dict[str, str]) -> int:
    import urllib.error
    import urllib.request

    url = f"http://127.0.0.1:{env['TAHUB_HTTP_PORT']}/health"
    token = (Path(env["TAHUB_DATA_DIR"]) / "operator.token").read_text()  # details: operator
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as resp:
            body = json.loads(resp.read())
    except urllib.error.HTTPError as err:
        body = json.loads(err.read())
    detail = next(c["detail"] for c in body["checks"] if c["component"] == "worker process")
    return int(detail.split()[1].rstrip(","))


@pytest.mark.kafka
def test_status_turns_yellow_then_red_on_real_services(tmp_path: Path) -> None:
    bootstrap, cfg = start_kafka(tmp_path / "kafka")  # ours: the shared broker is never stopped
    env = _env(tmp_path, bootstrap)
    log = (tmp_path / "up.log").open("w")
    up = subprocess.Popen([sys.executable, "-m", "tahub", "up"], env=env,
                          stdout=subprocess.PIPE, stderr=log, text=True)  # fmt: skip
    try:
        from tests.test_mainjob import _wait_for_line

        _wait_for_line(up, "tahub is up", 180)
        # one feed of two fails: yellow, naming it; everything else green
        code, body = _until_status(env, lambda c, b: list(_not_green(b)) == ["news feeds"], 90)
        assert code == 1, _not_green(body)
        assert body["level"] == "yellow"
        assert list(_not_green(body)) == ["news feeds"]
        assert "1 of 2 failing: gone (1 in a row" in _not_green(body)["news feeds"]

        # the job's /metrics: its version, each stage's lag in seconds, each topic's last event
        def metrics() -> str:
            return scrape(f"http://127.0.0.1:{env['TAHUB_HTTP_PORT']}/metrics", token_of(env))

        deadline = time.monotonic() + 60
        # the job's own series carry process="main" (its children's are merged in)
        last_article = (
            'tahub_topic_last_event_timestamp_seconds{process="main",topic="tahub.news.articles"}'
        )
        while last_article not in (text := metrics()):
            assert time.monotonic() < deadline, "no last event of news.articles in /metrics"
            time.sleep(1)
        assert 'tahub_build_info{process="main",version="' in text
        assert "tahub_consumer_lag_seconds{" in text, [x for x in text.splitlines() if "lag" in x]

        # the worker stops (SIGSTOP) while incidents keep coming: the intake stage is red
        from confluent_kafka import Producer

        producer = Producer({"bootstrap.servers": bootstrap})
        pid = _worker_pid(env)
        os.kill(pid, signal.SIGSTOP)
        try:
            for i in range(20):
                producer.produce("tahub.incidents", f"not avro {i}".encode(), partition=i % 2)
            assert producer.flush(10) == 0
            del producer  # its retries would fill the log once Kafka stops below
            t0 = time.monotonic()
            code, body = _until_status(
                env,
                lambda c, b: "stalled" in _not_green(b).get("intake stage (incidents, news)", ""),
                60,
            )
            print(f"stalled intake stage red after {time.monotonic() - t0:.1f} s")
            assert code == 2
            assert body["level"] == "red"
        finally:
            os.kill(pid, signal.SIGCONT)
        _until_status(env, lambda c, b: "intake stage (incidents, news)" not in _not_green(b), 90)

        # every feed fails now (the good one's file is gone, polled again): red
        (tmp_path / "news" / "feed.xml").unlink()
        fetch = subprocess.run([sys.executable, "-m", "tahub", "news", "fetch"], env=env,
                               capture_output=True, text=True, timeout=120)  # fmt: skip
        assert fetch.returncode == 1, fetch.stderr[-2000:]  # every feed failed
        code, body = _status(env)
        assert code == 2
        assert _levels(body)["news feeds"] == "red"
        assert "2 of 2 failing" in _not_green(body)["news feeds"]

        # Kafka stops: red, naming it, and quickly (no look at offsets waits on timeouts)
        broker.stop(cfg)
        t0 = time.monotonic()
        code, body = _status(env)
        took = time.monotonic() - t0
        print(f"status with Kafka down: {took:.1f} s")
        assert code == 2
        assert _levels(body)["kafka"] == "red"
        assert "did not answer" in _not_green(body)["kafka"]
        assert took < 30
    finally:
        up.send_signal(signal.SIGTERM)
        try:
            up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()
        log.close()
        broker.stop(cfg)


@pytest.mark.kafka
@pytest.mark.clickhouse
def test_status_is_green_on_a_clickhouse_server_and_red_when_it_stops(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """A ClickHouse server of the test's own (the shared one is never stopped): all green
    and exit 0, then the server stops and status turns red naming the warehouse."""
    import uuid

    from tests.services import start_clickhouse
    from tests.test_mainjob import _wait_for_line

    url, server = start_clickhouse(tmp_path / "clickhouse")
    env = _env(tmp_path, kafka_bootstrap, broken_feed=False)
    env.update({"TAHUB_WAREHOUSE_URL": url, "TAHUB_TOPIC_PREFIX": f"w{uuid.uuid4().hex[:8]}.",
                "TAHUB_APP_ID": f"app-{uuid.uuid4().hex[:8]}"})  # fmt: skip
    log = (tmp_path / "up.log").open("w")
    up = subprocess.Popen([sys.executable, "-m", "tahub", "up"], env=env,
                          stdout=subprocess.PIPE, stderr=log, text=True)  # fmt: skip
    try:
        _wait_for_line(up, "tahub is up", 180)
        _, body = _until_status(env, lambda c, b: c == 0, 90)
        assert body["level"] == "green"
        server.terminate()
        server.wait(30)
        t0 = time.monotonic()
        _, body = _until_status(env, lambda c, b: c == 2, 90)
        print(f"warehouse stopped: red after {time.monotonic() - t0:.1f} s: {_not_green(body)}")
        assert "warehouse" in _not_green(body)
        assert "kafka" not in _not_green(body)
    finally:
        up.send_signal(signal.SIGTERM)
        try:
            up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()
        log.close()
        if server.poll() is None:
            server.terminate()
            server.wait(30)
