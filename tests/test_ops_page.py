"""The operator's /ops page: its data from tahub/health's samples and rules (offline),
then the real main job (`tahub up`) on real Kafka in headless Chromium: green, a failing
feed (yellow), a stalled stage (red, SIGSTOP of the worker), dead letters with their
reasons and never their bytes, the last detections, and a partner refused.

Screenshots go to tests/artifacts/ (gitignored): ops-green.png, ops-failing-feed.png,
ops-stalled.png.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tahub.checks import Check
from tahub.health import ops
from tahub.health.rules import Feed, Offsets, Snapshot, Thresholds, evaluate
from tahub.lag import Lag
from tests import consolekit as ck
from tests.sinkkit import wait_for

APP = "app"


def _looks(read: int, waiting: int, oldest_age: float) -> tuple[Offsets, Offsets]:
    t0, t1 = 1_000_000.0, 1_000_010.0
    before = Offsets(t0, (Lag("app-intake", "t.incidents", 0, 100, 0, 100 + waiting),
                          Lag("app", "t.detect.keys", 0, 50, 0, 50)), 0, 200)  # fmt: skip
    after = Offsets(t1, (Lag("app-intake", "t.incidents", 0, 100 + read, 0, 100 + waiting,
                             t1 - oldest_age),
                         Lag("app", "t.detect.keys", 0, 70, 0, 70)), 0, 220)  # fmt: skip
    return before, after


def _view(before: Offsets, after: Offsets, snapshot: Snapshot) -> dict[str, Any]:
    report = evaluate(before, after, snapshot, Thresholds(stall_seconds=30), APP)
    return ops.view(
        before=before, after=after, report=report, snapshot=snapshot, app_id=APP,
        restarts={"worker process": 2}, dead_letters=[], detections=[], feed_failures=1,
        now=after.at,
    )  # fmt: skip


def test_each_stage_gets_its_rate_lag_and_the_rules_colour() -> None:
    before, after = _looks(read=50, waiting=60, oldest_age=3)
    snap = Snapshot(checks=(Check("worker process", True, "pid 1"),),
                    feeds=(Feed("a", 0, None), Feed("b", 3, "HTTP 404")))  # fmt: skip
    v = _view(before, after, snap)
    stages = {s["id"]: s for s in v["stages"]}
    assert stages["intake"]["rate"] == 5.0  # 50 records in 10 s
    assert stages["intake"]["lag"] == 10
    assert stages["count"]["rate"] == 2.0
    assert stages["intake"]["level"] == "green"
    assert stages["news"]["level"] == "yellow"  # one of its two feeds fails
    assert "1 of 2 failing: b" in stages["news"]["detail"]
    assert v["level"] == "yellow"
    assert v["feeds"] == {"total": 2, "failing": [{"name": "b", "failures": 3,
                                                   "error": "HTTP 404"}]}  # fmt: skip
    assert [p["component"] for p in v["problems"]] == ["news feeds"]
    assert v["restarts"] == {"worker process": 2}
    json.dumps(v)  # what /ops/data answers


def test_a_stalled_stage_and_a_dead_process_are_red_on_the_diagram() -> None:
    before, after = _looks(read=0, waiting=60, oldest_age=45)
    snap = Snapshot(checks=(Check("worker process", False, "pid -, 3 restart(s)"),))
    v = _view(before, after, snap)
    stages = {s["id"]: s for s in v["stages"]}
    assert stages["intake"]["level"] == "red"
    assert "stalled" in stages["intake"]["detail"]
    assert stages["count"]["level"] == "red"  # the worker process hosts it
    assert v["level"] == "red"
    assert v["problems"][0]["level"] == "red"


def test_without_a_second_look_there_is_no_rate_and_without_kafka_no_lag() -> None:
    _, after = _looks(read=0, waiting=0, oldest_age=0)
    none: dict[str, Any] = {"restarts": {}, "dead_letters": [], "detections": [],
                            "feed_failures": 1, "snapshot": Snapshot(), "app_id": APP}  # fmt: skip
    report = evaluate(None, after, Snapshot(), Thresholds(), APP)
    v = ops.view(before=None, after=after, report=report, now=after.at, **none)
    assert {s["rate"] for s in v["stages"]} == {None}
    report = evaluate(None, None, Snapshot(), Thresholds(), APP)
    v = ops.view(before=None, after=None, report=report, now=0.0, **none)
    assert v["kafka"] is False
    assert {s["lag"] for s in v["stages"]} == {None}


def test_the_page_is_the_operators_and_draws_what_it_is_given(tmp_path: Path) -> None:
    """The console alone (no job): a partner gets 403 on both answers, the operator the
    page, which Chromium draws with a red stage and the rows it was given."""
    from selenium.webdriver.common.by import By

    before, after = _looks(read=0, waiting=60, oldest_age=45)
    snap = Snapshot(checks=(Check("worker process", True, "pid 1"),),
                    feeds=(Feed("wire", 2, "file not found"),))  # fmt: skip
    report = evaluate(before, after, snap, Thresholds(stall_seconds=30), APP)
    letter = ops.DeadLetterRow("2026-11-30T05:00:00", "decode", "schema", "not Avro "
                               "(magic byte 0x6e)", "t.incidents", 1, 7)  # fmt: skip
    det = ops.DetectionRow("2026-11-30T05:01:00", "det-1", "opened", "location", "KH",
                           "high", 14.0)  # fmt: skip
    view = ops.view(before=before, after=after, report=report, snapshot=snap, app_id=APP,
                    restarts={"worker process": 1}, dead_letters=[letter], detections=[det],
                    feed_failures=1, now=after.at)  # fmt: skip
    with ck.serve(None, tmp_path, ops=lambda: view) as served:  # type: ignore[arg-type]
        partner = ck.sign_in(served.base, ck.KEY_X)
        assert partner.get("/ops").status_code == 403
        assert partner.get("/ops/data").status_code == 403
        operator = ck.sign_in(served.base, ck.OPERATOR_TOKEN)
        page = operator.get("/ops")
        assert page.status_code == 200
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert operator.get("/ops/data").json()["level"] == "red"
        driver = ck.browser()
        try:
            driver.get(f"{served.base}/login?next=%2Fops")
            driver.find_element(By.ID, "key").send_keys(ck.OPERATOR_TOKEN)
            driver.find_element(By.CSS_SELECTOR, "form.login button").click()
            wait_for(lambda: _polls(driver) >= 2, 30, "the page and a poll")
            assert "red" in _node(driver, "intake")
            assert "stalled" in _text(driver, "ops-problems")
            assert "not Avro" in _text(driver, "ops-dead-letters")
            assert "wire" in _text(driver, "ops-feeds")
            assert "red" in _node(driver, "news")  # its only feed fails
            print(ck.screenshot(driver, "ops-offline-red"))
            errors = [e for e in driver.get_log("browser")
                      if e["level"] == "SEVERE" and e["source"] != "network"]  # fmt: skip
            assert errors == [], errors
        finally:
            driver.quit()


# --- the real job in a real browser ---


def _feeds(home: Path) -> Path:
    home.mkdir()
    for name in ("local", "wire"):
        (home / f"{name}.xml").write_text(
            "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item>"
            f"<title>Police rescue trafficked fishermen ({name})</title>"
            f"<link>https://news.example.org/{name}</link>"
            "<description>Thirty workers were rescued from fishing boats.</description>"
            "</item></channel></rss>"
        )
    feeds = home / "feeds.toml"
    feeds.write_text("".join(
        f'[[feeds]]\nname = "{n}"\nurl = "file://{home / f"{n}.xml"}"\nfetch_pages = false\n'
        for n in ("local", "wire")))  # fmt: skip
    return feeds


@pytest.fixture
def job(kafka_bootstrap: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    from tests.test_mainjob import _env, _wait_for_line

    tag = uuid.uuid4().hex[:8]
    env = _env(tmp_path / "data", TAHUB_KAFKA_BOOTSTRAP=kafka_bootstrap,
               TAHUB_TOPIC_PREFIX=f"o{tag}.", TAHUB_APP_ID=f"app-{tag}",
               TAHUB_NEWS_FEEDS=str(_feeds(tmp_path / "ops-feeds")),
               TAHUB_STATUS_INTERVAL="2", TAHUB_STATUS_STALL_SECONDS="10")  # fmt: skip
    with (tmp_path / "up.log").open("w") as log:
        up = subprocess.Popen([sys.executable, "-m", "tahub", "up"], env=env,
                              stdout=subprocess.PIPE, stderr=log, text=True)  # fmt: skip
    try:
        _wait_for_line(up, "tahub is up", 180)
        yield env
    finally:
        up.send_signal(signal.SIGTERM)
        try:
            up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()


def _settings(env: dict[str, str]) -> Any:
    from tahub.settings import load_settings

    over = {k[6:].lower(): v for k, v in env.items()
            if k.startswith("TAHUB_") and not k.startswith("TAHUB_TEST")}  # fmt: skip
    return load_settings(**over)


def _produce_troubles(env: dict[str, str]) -> None:
    """Two records the intake stage must refuse, and one detection for the list."""
    from confluent_kafka import Producer

    from producers.kafka_producer import ContractProducer
    from schemas import topics
    from schemas.models import Detection
    from tahub import wiring
    from tests.alertkit import detection

    prefix = env["TAHUB_TOPIC_PREFIX"]
    raw = Producer({"bootstrap.servers": env["TAHUB_KAFKA_BOOTSTRAP"]})
    for i in range(2):
        raw.produce(f"{prefix}incidents", f"SECRET-PAYLOAD {i} not avro".encode(), partition=i)
    assert raw.flush(10) == 0
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    det = detection("location", det_id="det-ops", location="KH")
    det.update(window_start=start.isoformat(), updated_at=start.isoformat(),
               window_end=(start + timedelta(days=1)).isoformat())  # fmt: skip
    record = Detection.model_validate(det)
    producer = ContractProducer({"bootstrap.servers": env["TAHUB_KAFKA_BOOTSTRAP"]},
                                wiring.serde(_settings(env)))  # fmt: skip
    producer.send(topics.DETECTIONS, record.dimension_key, record)
    producer.flush()


def _worker_pid(base: str, data: Path) -> int:
    token = (data / "operator.token").read_text()  # /health's details are the operator's
    r = httpx.get(f"{base}/health", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    detail = next(c["detail"] for c in r.json()["checks"] if c["component"] == "worker process")
    return int(detail.split()[1].rstrip(","))


# read by script: the sign-in redirect replaces the document, so a body element found a
# moment before may be stale when its attribute is read
def _body(driver: Any, name: str) -> str:
    script = "return document.body ? document.body.getAttribute(arguments[0]) || '' : ''"
    return str(driver.execute_script(script, name) or "")


def _level(driver: Any) -> str:
    return _body(driver, "data-ops-level")


def _polls(driver: Any) -> int:
    return int(_body(driver, "data-ops-polls") or 0)


# read in one script call: the page redraws every poll, so an element found in one call
# may be gone by the next (a stale element)
def _node(driver: Any, stage: str) -> str:
    return str(driver.execute_script(
        "const g = document.querySelector(`#ops-pipeline g[data-stage=\"${arguments[0]}\"]`);"
        "return g ? g.getAttribute('class') : '';", stage))  # fmt: skip


def _rows(driver: Any, element_id: str) -> list[str]:
    found = driver.execute_script(
        "return Array.from(document.querySelectorAll(`#${arguments[0]} tbody tr`))"
        ".map((r) => r.innerText);", element_id)  # fmt: skip
    return [str(x) for x in found]


def _text(driver: Any, element_id: str) -> str:
    return str(driver.execute_script(
        "return document.getElementById(arguments[0]).innerText;", element_id))  # fmt: skip


@pytest.mark.kafka
def test_the_ops_page_live_in_chromium_green_failing_feed_and_stalled(
    job: dict[str, str], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    from producers.intake.access import AccessStore

    env = job
    base = f"http://127.0.0.1:{env['TAHUB_HTTP_PORT']}"
    data = Path(env["TAHUB_DATA_DIR"])
    token = (data / "operator.token").read_text().strip()

    # a partner may not see it; nobody signed out either
    store = AccessStore(data / "intake.db")
    store.add_org("org-p", "ORG-P")
    partner = ck.sign_in(base, store.issue_key("org-p", "ops test")[1])
    assert partner.get("/ops").status_code == 403
    assert partner.get("/ops/data").status_code == 403
    assert "Operations" not in partner.get("/").text  # no link to it either
    assert httpx.get(f"{base}/ops/data", timeout=10).status_code == 401
    operator = ck.sign_in(base, token)
    body = operator.get("/ops/data").json()
    assert {s["id"] for s in body["stages"]} == {
        "intake_api", "news", "intake", "fanout", "count", "alerts", "sink"}  # fmt: skip

    _produce_troubles(env)
    driver = ck.browser()
    try:
        driver.get(f"{base}/login?next=%2Fops")
        driver.find_element(By.ID, "key").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "form.login button").click()
        wait_for(lambda: driver.current_url == base + "/ops", 30, "/ops after sign-in")
        assert driver.execute_script("return document.querySelectorAll('#ops-pipeline g.node')"
                                     ".length;") == 7  # fmt: skip

        def rows(element_id: str) -> list[str]:
            return _rows(driver, element_id)

        # live: the page polls /ops/data and fills in what the sink lands
        wait_for(lambda: len(rows("ops-dead-letters")) >= 2 and rows("ops-detections"), 90,
                 "the dead letters and the detection on the page")  # fmt: skip
        wait_for(lambda: _level(driver) == "green", 90, "all green")
        polls = _polls(driver)
        wait_for(lambda: _polls(driver) >= polls + 2, 30, "two more polls")
        letters = rows("ops-dead-letters")
        # the intake stage and the sink each refuse both records, with the reason
        assert all("incidents" in r and "magic byte" in r for r in letters), letters
        assert {r.split()[2] for r in letters} >= {"decode", "sink"}, letters
        assert "SECRET-PAYLOAD" not in driver.page_source  # reasons, never the bytes
        assert any("location" in r and "KH" in r for r in rows("ops-detections"))
        assert "green" in _node(driver, "intake")
        print("green:", ck.screenshot(driver, "ops-green"))

        # a feed fails (its file is gone; polled again now): yellow, naming it
        (tmp_path / "ops-feeds" / "wire.xml").unlink()
        fetch = subprocess.run([sys.executable, "-m", "tahub", "news", "fetch"], env=env,
                               capture_output=True, text=True, timeout=120)  # fmt: skip
        assert any(x.startswith("wire") and "failed" in x for x in fetch.stdout.splitlines())
        wait_for(lambda: _level(driver) == "yellow", 30, "yellow for the failing feed")
        assert any(r.startswith("wire") for r in rows("ops-feeds")), rows("ops-feeds")
        assert any("news feeds" in r for r in rows("ops-problems"))
        assert "Something needs a look" in _text(driver, "ops-level")
        print("failing feed:", ck.screenshot(driver, "ops-failing-feed"))

        # the worker stops (SIGSTOP) while incidents keep coming: its stages turn red
        from confluent_kafka import Producer

        pid = _worker_pid(base, data)
        os.kill(pid, signal.SIGSTOP)
        try:
            raw = Producer({"bootstrap.servers": env["TAHUB_KAFKA_BOOTSTRAP"]})
            for i in range(10):
                raw.produce(f"{env['TAHUB_TOPIC_PREFIX']}incidents", b"x", partition=i % 2)
            assert raw.flush(10) == 0
            t0 = time.monotonic()
            wait_for(lambda: "red" in _node(driver, "intake"), 90, "the intake stage red")
            print(f"intake stage red on the page {time.monotonic() - t0:.1f} s after the stop")
            assert _level(driver) == "red"
            assert any("stalled" in r for r in rows("ops-problems")), rows("ops-problems")
            print("stalled:", ck.screenshot(driver, "ops-stalled"))
        finally:
            os.kill(pid, signal.SIGCONT)
        wait_for(lambda: "red" not in _node(driver, "intake"), 90, "the intake stage recovers")
        errors = [e for e in driver.get_log("browser")  # the favicon's 404 aside
                  if e["level"] == "SEVERE" and e["source"] != "network"]  # fmt: skip
        assert errors == [], errors  # no script error, no Content-Security-Policy violation
    finally:
        driver.quit()
