"""Detectors that start warm, on real services (issue 17, item 3): the real main job
(`tahub up`: Kafka, the stream worker, chDB) with the default detector settings (windows
of a day, a 28-window baseline). A partner imports two years of history with `tahub
import`; a spike reported next, in the first window the worker ever watched, is detected
against that history while the window is still open. Without the import the same spike
is not judged at all (no baseline yet). A second import adds nothing, and a batch of
back-dated reports sent at once opens nothing."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.jobkit import Job, job_env
from tests.sinkkit import wait_for

pytestmark = pytest.mark.kafka

ROUTE = ("MM", "TH")
KEY = "forced_labour|MM>TH"
SPIKE = 12  # reports today from three organisations; the history has about one a day
OLD_ROUTE = ("NG", "IT")  # the back-dated batch's route: never in the history
PARTNERS = ("ngo-a", "ngo-b", "ngo-c")


def _history_csv(today: date) -> tuple[str, int]:
    """Two years of one organisation's records known to the day, 0-2 a day, ending 32
    days ago (older than the 30 days after which a report is history)."""
    rng = random.Random(17)
    lines = ["occurred_on,occurred_precision,typologies,recruitment_country,"
             "exploitation_country,tlp"]  # fmt: skip
    for back in range(730, 31, -1):
        on = today - timedelta(days=back)
        lines += [f"{on.isoformat()},day,forced_labour,{ROUTE[0]},{ROUTE[1]},GREEN"] * rng.choice(
            [0, 1, 1, 2]
        )
    return "\n".join(lines) + "\n", len(lines) - 1


def _item(sid: str, on: date, route: tuple[str, str]) -> dict[str, Any]:
    return {
        "submission_id": sid,
        "occurred_on": on.isoformat(),
        "occurred_precision": "day",
        "typologies": ["forced_labour"],
        "recruitment_places": [{"country": route[0]}],
        "exploitation_places": [{"country": route[1]}],
        "tlp": "TLP:GREEN",
    }


def _query(job: Job, org: str, name: str, **params: str) -> list[dict[str, Any]]:
    r = httpx.get(f"{job.base}/api/v1/query/{name}", params=params, headers=job.auth(org),
                  timeout=30)  # fmt: skip
    assert r.status_code == 200, r.text
    rows: list[dict[str, Any]] = r.json()["rows"]
    return rows


def _detections(job: Job, key: str) -> list[dict[str, Any]]:
    rows = _query(job, "ngo-a", "detections", since="7d", dimension_set="typology_route")
    return [d for d in rows if d["dimension_key"] == key]


def _reports(job: Job, org: str) -> int:
    """The reports ``org`` may see (its own and others' GREEN ones) of the last 30 days,
    by report time."""
    rows = _query(job, org, "counts", by="", bucket="all", clock="reported")
    got = int(rows[0]["reports"]) if rows else 0
    if _seen.get(org) != got:  # what a timeout leaves to read
        print(f"{org}: {got} reports")
        _seen[org] = got
    return got


_seen: dict[str, int] = {}


def _import(job: Job, path: Path) -> dict[str, Any]:
    argv = [sys.executable, "-m", "tahub", "import", str(path), "--org", "ngo-h", "--json"]
    done = subprocess.run(argv, env=job.env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _spike(job: Job, today: date, tag: str) -> float:
    """The spike, submitted now; returns when the last report was accepted."""
    for i in range(SPIKE):
        org = PARTNERS[i % 3]
        r = job.submit(org, _item(f"{tag}-{i}", today, ROUTE))
        assert r.status_code in {200, 201, 202}, r.text
    return time.monotonic()


def _job(kafka_bootstrap: str, root: Path) -> Job:
    data = root / "data"
    data.mkdir(parents=True, mode=0o700)
    # a feed with no items: news would move the worker's clock and count on the route
    rss = root / "feed.xml"
    rss.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>none</title>"
                   "</channel></rss>")  # fmt: skip
    feeds = root / "feeds.toml"
    feeds.write_text(f'[[feeds]]\nname = "none"\nurl = "file://{rss}"\nfetch_pages = false\n')
    job = Job(job_env(data, kafka_bootstrap, TAHUB_NEWS_FEEDS=str(feeds)), root / "up.log")
    job.start()
    for org in ("ngo-h", *PARTNERS):
        job.org(org)
    return job


def test_a_spike_right_after_an_import_is_judged_against_the_history(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    today = datetime.now(UTC).date()
    text, rows = _history_csv(today)
    (tmp_path / "history.csv").write_text(text)

    # --- with the import ---
    job = _job(kafka_bootstrap, tmp_path / "warm")
    try:
        first = _import(job, tmp_path / "history.csv")
        assert (first["accepted"], first["rejected"]) == (rows, 0)
        again = _import(job, tmp_path / "history.csv")
        assert (again["accepted"], again["duplicates"]) == (rows, rows)  # already stored
        wait_for(lambda: _reports(job, "ngo-h") == rows, 120, "the history in the warehouse")
        # a batch of back-dated reports, sent at once by three partners: history, not news
        for i in range(30):
            r = job.submit(PARTNERS[i % 3], _item(f"old-{i}", date(2019, 3, 1 + i % 20),
                                                  OLD_ROUTE))  # fmt: skip
            assert r.status_code in {200, 201, 202}, r.text
        wait_for(lambda: _reports(job, "ngo-h") == rows + 30, 60, "the back-dated batch")
        sent = _spike(job, today, "warm")
        wait_for(lambda: any(d["observed"] == SPIKE for d in _detections(job, KEY)), 120,
                 "the spike's detection")  # fmt: skip
        took = time.monotonic() - sent
        found = _detections(job, KEY)
        old = _detections(job, "forced_labour|NG>IT")  # counted before the spike: nothing
        # every report once: the second import added nothing
        wait_for(lambda: _reports(job, "ngo-h") == rows + 30 + SPIKE, 60, "the spike landed")
    except BaseException:
        print(job.tail())
        raise
    finally:
        job.stop()
    print(f"warm: detected {took:.1f} s after the spike's last report: {found}")
    assert len(found) == 1
    det = found[0]
    assert det["window_start"].startswith(today.isoformat())  # the first window watched
    assert det["state"] in {"opened", "updated"}
    assert det["method"] == "glm"  # typology_route's default since issue 19
    assert det["observed"] == SPIKE
    # the history's rate (about one a day) over the span of three windows, not nothing
    assert 1.8 <= det["expected"] <= 4.2
    assert old == []

    # --- the same spike, without the import ---
    cold = _job(kafka_bootstrap, tmp_path / "cold")
    try:
        sent = _spike(cold, today, "cold")
        wait_for(lambda: _reports(cold, "ngo-c") == SPIKE, 60, "the spike")
        time.sleep(max(0.0, max(20.0, 2 * took) - (time.monotonic() - sent)))  # twice warm's
        none = _detections(cold, KEY)
    except BaseException:
        print(cold.tail())
        raise
    finally:
        cold.stop()
    assert none == [], "without history the first window has no baseline to be judged by"
