"""Fault survival: Slack answers 429 and 500 for a while (issue 21, item 3).

The real alerts process on real Kafka; the fake Slack fails every request, 429 with
Retry-After and 500 in turn, for OUTAGE_S while detections keep coming. When it answers
again every notification must reach Slack exactly once, no delivery may have failed for
good, and the outbox (another lane) must not have waited for Slack.

OUTAGE_S is 20 s, not the issue's minute: long enough for several retries per message with
the backoff used here (alert_retry_base 1 s: waits of 0.5-1, 1-2, 2-4, 4-8, 8-16 s), short
enough for CI. With the test harness's usual 0.2 s base, eight attempts can be spent in
13 s: an outage longer than that would fail deliveries for good; the production default
(2 s) lasts over two minutes.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from schemas.topics import DELIVERIES
from tests.alertkit import SLACK_CHANNEL, detection, harness
from tests.sinkkit import wait_for

pytestmark = [pytest.mark.kafka, pytest.mark.faults]

OUTAGE_S = 20.0
COUNTRIES = ("TH", "MM", "KH", "VN")


def _detection_ids(h: object) -> list[str]:
    """The detection each Slack message is about (its evidence link's last part)."""
    messages = h.slack.messages(SLACK_CHANNEL)  # type: ignore[attr-defined]
    return [m.blocks[2]["accessory"]["url"].rsplit("/", 1)[1] for m in messages]


def test_slack_failing_for_a_while_loses_and_repeats_no_notification(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    with harness(kafka_bootstrap, tmp_path, alert_retry_base=1.0) as h:
        subs = {
            c: h.subscribe(f"org-{c.lower()}", area={"countries": [c]},
                           channels=h.channels("slack", "outbox"))
            for c in COUNTRIES
        }  # fmt: skip
        h.start()
        h.slack.fail_for(OUTAGE_S, "ratelimited", "server_error")
        t0 = time.monotonic()
        for i, c in enumerate(COUNTRIES):  # spread over the outage
            h.detect(detection("location", det_id=f"det-{c}", location=c))
            time.sleep(max(0.0, OUTAGE_S * (i + 1) / len(COUNTRIES) - (time.monotonic() - t0) - 1))
        for c in COUNTRIES:  # the outbox is its own lane: it never waits for Slack
            wait_for(lambda c=c: len(h.outbox(f"org-{c.lower()}")) == 1, 10, f"outbox {c}")
        assert h.slack.posted == [], "Slack accepted a message during its outage"
        failed_requests = h.slack.requests
        wait_for(lambda: time.monotonic() - t0 >= OUTAGE_S, OUTAGE_S + 5, "the outage's end")
        back = time.monotonic()
        wait_for(lambda: len(h.slack.posted) == len(COUNTRIES), 120, "every Slack message")
        recovery = time.monotonic() - back
        time.sleep(3)  # a repeat would arrive now
        wait_for(
            lambda: sum(d["status"] == "sent" for d in h.records(DELIVERIES)) == 2 * len(COUNTRIES),
            30,
            "the delivery records",
        )
        h.halt()
        print(
            f"Slack 429/500 for {OUTAGE_S:.0f} s ({failed_requests} failed requests): every "
            f"message posted {recovery:.1f} s after it answered again"
        )
        assert sorted(_detection_ids(h)) == sorted(f"det-{c}" for c in COUNTRIES)
        records = h.records(DELIVERIES)
        slack = [d for d in records if d["channel"] == "slack"]
        sent = Counter(d["subscription_id"] for d in slack if d["status"] == "sent")
        assert sent == Counter(s.subscription_id for s in subs.values())  # once each
        assert {d["status"] for d in records} <= {"sent", "retrying"}  # none failed for good
        assert {d["error"] for d in slack if d["status"] == "retrying"} <= {
            "slack: ratelimited", "slack: HTTP 500",
        }  # fmt: skip
        assert failed_requests >= len(COUNTRIES)  # every message was refused at least once
        for c in COUNTRIES:
            assert len(h.outbox(f"org-{c.lower()}")) == 1
