"""The alerts process on real Kafka: subscriptions, matching, policy, delivery, records.

Slack is the local fake (tests/fakeslack.py); webhooks go to a local receiver that checks
signatures (tests/webhook_receiver.py). Detections are produced to the real detections
topic, and what the process writes back (alerts, deliveries) is read from Kafka.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from alerts.admin import SilenceAdmin
from alerts.compose import PAYLOAD_SCHEMA_FILE
from schemas.topics import ALERTS, DELIVERIES
from tahub import wiring
from tests.alertkit import SLACK_CHANNEL, SLACK_TOKEN, detection, ended, harness, process_env
from tests.sinkkit import wait_for


def test_a_detection_reaches_every_channel_of_its_subscriber_and_no_one_else(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    with harness(kafka_bootstrap, tmp_path) as h:
        bangkok = h.subscribe("org-b", area={"countries": ["TH"]}, name="Bangkok office")
        lagos = h.subscribe(
            "org-c", area={"circle": {"lat": 6.45, "lon": 3.39, "radius_km": 80}},
            channels=h.channels("webhook", path="lagos"),
        )  # fmt: skip
        h.start()
        h.detect(detection("typology_location", det_id="det-th", location="TH"))
        wait_for(lambda: len(h.slack.messages(SLACK_CHANNEL)) == 1, 30, "the Slack message")
        wait_for(lambda: len(h.hooks.ids("hook")) == 1, 30, "the webhook")
        wait_for(lambda: len(h.outbox()) == 1, 30, "the outbox line")
        msg = h.slack.messages(SLACK_CHANNEL)[0]
        assert msg.blocks[0]["type"] == "header"
        assert "forced criminality" in msg.blocks[0]["text"]["text"]
        section = msg.blocks[2]
        assert "Thailand (TH)" in section["text"]["text"]
        assert "*14* reports vs *2.5* expected" in section["text"]["text"]
        assert "TLP:GREEN" in msg.text
        assert section["accessory"]["url"].endswith("/detections/det-th")  # the console page
        body = h.hooks.received[0].body
        jsonschema.validate(body, json.loads(PAYLOAD_SCHEMA_FILE.read_text()))
        assert body["subscription"]["id"] == bangkok.subscription_id
        assert body["detections"][0]["where"] == "in Thailand (TH)"
        assert "top_sources" not in body["detections"][0]  # who reported stays inside
        assert h.outbox()[0]["notification_id"] == body["notification_id"]
        assert h.hooks.rejected == []
        wait_for(lambda: len(h.records(DELIVERIES)) == 3, 30, "three delivery records")
        h.halt()
        deliveries = h.records(DELIVERIES)
        assert {(d["channel"], d["status"], d["attempt"]) for d in deliveries} == {
            ("slack", "sent", 1), ("webhook", "sent", 1), ("outbox", "sent", 1),
        }  # fmt: skip
        assert {d["target"] for d in deliveries} == {SLACK_CHANNEL, "127.0.0.1", "alerts"}
        notes = h.records(ALERTS)
        assert [n["subscription_id"] for n in notes] == [bangkok.subscription_id]
        assert h.hooks.ids("lagos") == []  # outside the circle: nothing
        assert lagos.subscription_id not in {n["subscription_id"] for n in notes}


def test_a_burst_is_grouped_replays_are_ignored_and_escalations_announced(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    with harness(kafka_bootstrap, tmp_path, alert_group_wait=1.5) as h:
        h.subscribe("org-b", channels=h.channels("webhook"))
        h.start()
        burst = [
            detection("location", det_id=f"det-{c}", location=c, severity="medium")
            for c in ("TH", "MM", "KH")
        ]
        h.detect(*burst)
        wait_for(lambda: len(h.hooks.received) == 1, 30, "one grouped message")
        first = h.hooks.received[0].body
        assert first["kind"] == "new"
        assert sorted(d["detection_id"] for d in first["detections"]) == [
            "det-KH", "det-MM", "det-TH",
        ]  # fmt: skip
        h.detect(*burst)  # the same versions again (a replay)
        h.detect(
            detection("location", det_id="det-TH", location="TH", version=2, severity="medium")
        )
        h.detect(
            detection("location", det_id="det-MM", location="MM", version=2, severity="critical")
        )
        wait_for(lambda: len(h.hooks.received) == 2, 30, "the escalation")
        second = h.hooks.received[1].body
        assert second["kind"] == "escalated"
        assert [(d["detection_id"], d["previous_severity"]) for d in second["detections"]] == [
            ("det-MM", "medium")
        ]
        h.halt()
        assert len(h.hooks.received) == 2


def test_a_spike_read_with_its_end_after_an_outage_is_still_told_marked_ended(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    # a stream worker that caught up after a broker outage wrote a detection's opening and
    # its end within a second: the spike held for a window, so it is told, once, as ended;
    # an early look withdrawn at its own window's close is not told at all
    with harness(kafka_bootstrap, tmp_path) as h:
        h.subscribe("org-b", channels=h.channels("webhook"), notify_resolved=True)
        h.start()
        h.detect(
            detection("location", det_id="det-held", location="TH"),
            ended("location", det_id="det-held", location="TH", version=3),
            detection("location", det_id="det-early", location="MM"),
            detection("location", det_id="det-early", location="MM", version=2,
                      state="resolved"),
        )  # fmt: skip
        wait_for(lambda: len(h.hooks.received) == 1, 30, "the spike's notice")
        body = h.hooks.received[0].body
        jsonschema.validate(body, json.loads(PAYLOAD_SCHEMA_FILE.read_text()))
        assert (body["kind"], body["title"].split(":")[0]) == ("new", "Spike")
        assert [(d["detection_id"], d["state"], d["version"], d["window_start"])
                for d in body["detections"]] == [
            ("det-held", "resolved", 3, "2026-11-01T00:00:00+00:00")
        ]  # fmt: skip
        assert "ended before this notice" in body["summary"]
        time.sleep(3)  # past the group wait: no "resolved" notice follows, nothing of det-early
        h.halt()
        assert len(h.hooks.received) == 1


@pytest.mark.faults
def test_failures_are_retried_and_a_dead_endpoint_blocks_no_one(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    with harness(kafka_bootstrap, tmp_path) as h:
        slack_sub = h.subscribe("org-b", channels=h.channels("slack"))
        dead = h.subscribe("org-c", channels=h.channels("webhook", path="dead"))
        h.grant("org-e", revoked_slack="xoxb-revoked")
        revoked = {"kind": "slack", "target": SLACK_CHANNEL, "secret_ref": "revoked_slack"}
        unauthorised = h.subscribe("org-e", channels=[revoked])
        alive = h.subscribe("org-d", channels=h.channels("webhook", path="alive"))
        h.hooks.gone.add("dead")
        h.slack.fail_next("ratelimited", "server_error", token=SLACK_TOKEN)
        h.start()
        h.detect(detection("location", det_id="det-1", location="TH"))
        wait_for(lambda: len(h.hooks.ids("alive")) == 1, 30, "the healthy webhook")
        wait_for(lambda: len(h.slack.posted) == 1, 30, "Slack after two failures")
        store = wiring.alert_store(h.settings)
        wait_for(lambda: any(e.failing for e in store.endpoints()), 30, "the dead endpoint marked")
        wait_for(lambda: len(h.records(DELIVERIES)) >= 6, 30, "the delivery records")
        h.halt()
        by_sub: dict[str, list[tuple[int, str]]] = {}
        errors = {}
        for d in h.records(DELIVERIES):
            by_sub.setdefault(d["subscription_id"], []).append((d["attempt"], d["status"]))
            errors[(d["subscription_id"], d["attempt"])] = d["error"]
        assert errors[(slack_sub.subscription_id, 1)] == "slack: ratelimited"
        assert errors[(slack_sub.subscription_id, 2)] == "slack: HTTP 500"
        assert sorted(by_sub[slack_sub.subscription_id]) == [
            (1, "retrying"), (2, "retrying"), (3, "sent"),
        ]  # fmt: skip
        assert by_sub[dead.subscription_id] == [(1, "failed")]  # 410: not worth retrying
        assert by_sub[unauthorised.subscription_id] == [(1, "failed")]  # invalid_auth
        assert by_sub[alive.subscription_id] == [(1, "sent")]
        failing = sorted((e.kind, e.last_error) for e in store.endpoints() if e.failing)
        assert failing == [("slack", "slack: invalid_auth"), ("webhook", "HTTP 410")]
        assert len(h.slack.posted) == 1
        assert h.slack.requests == 4  # 429, 500, sent; and the revoked token's one try


def test_silences_mute_until_expired_and_changes_apply_without_restart(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    with harness(kafka_bootstrap, tmp_path) as h:
        h.start()
        # no subscription yet: nothing
        h.detect(detection("location", det_id="det-0", location="TH"))
        sub = h.subscribe("org-b", area={"countries": ["TH"]}, channels=h.channels("webhook"))
        router = h.service.router  # type: ignore[union-attr]
        wait_for(lambda: router.index.get(sub.subscription_id) is not None, 15, "the subscription")
        silences = SilenceAdmin(wiring.alert_store(h.settings))
        now = datetime.now(UTC)
        s = silences.add(
            "org-b",
            {"dimension_set": "location", "location": "TH"},
            hours=1,
            author="analyst",
            reason="known case",
            now=now,
        )
        time.sleep(0.5)  # the router re-reads silences every 0.2 s
        h.detect(detection("location", det_id="det-1", location="TH"))
        h.detect(detection("location", det_id="det-2", location="MM"))  # outside the area
        # a marker detection the silence does not cover proves the earlier ones were handled
        h.detect(detection("typology_location", det_id="det-mark", location="TH"))
        wait_for(lambda: len(h.hooks.received) == 1, 30, "the unsilenced marker")
        assert h.hooks.received[0].body["detections"][0]["detection_id"] == "det-mark"
        silences.expire("org-b", s.silence_id, datetime.now(UTC))
        time.sleep(0.5)  # the router re-reads silences every 0.2 s: the end applies by then
        h.detect(detection("location", det_id="det-1", location="TH", version=2))
        wait_for(lambda: len(h.hooks.received) == 2, 30, "det-1 after the silence")
        assert h.hooks.received[1].body["detections"][0]["detection_id"] == "det-1"
        assert h.hooks.received[1].body["kind"] == "new"
        # pause: nothing; resume: the next one arrives
        h.admin().set_active(None, sub.subscription_id, False, datetime.now(UTC))
        wait_for(lambda: not router.index.get(sub.subscription_id).active, 15, "the pause")  # type: ignore[union-attr]
        h.detect(detection("location", det_id="det-3", location="TH"))
        h.admin().set_active(None, sub.subscription_id, True, datetime.now(UTC))
        wait_for(lambda: router.index.get(sub.subscription_id).active, 15, "the resume")  # type: ignore[union-attr]
        h.detect(detection("location", det_id="det-4", location="TH"))
        wait_for(lambda: len(h.hooks.received) == 3, 30, "det-4 after resuming")
        got = [r.body["detections"][0]["detection_id"] for r in h.hooks.received]
        assert got == ["det-mark", "det-1", "det-4"]


@pytest.mark.faults
def test_a_crash_mid_delivery_loses_nothing_and_repeats_at_most_the_attempt_in_flight(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    countries = ["TH", "MM", "KH", "VN", "LA", "MY"]
    with harness(kafka_bootstrap, tmp_path) as h:
        for c in countries:  # one lane (one organisation, the same URL): one after another
            h.subscribe(
                "org-one", name=f"watch {c}", area={"countries": [c]},
                channels=h.channels("webhook"),
            )  # fmt: skip
        h.hooks.delay = 1.0
        env = process_env(h.settings)
        argv = [sys.executable, "-m", "tahub", "alerts", "run"]
        proc = subprocess.Popen(argv, env=env)
        try:
            h.detect(*(detection("location", det_id=f"det-{c}", location=c) for c in countries))
            wait_for(lambda: len(h.hooks.received) >= 2, 60, "two deliveries before the crash")
            time.sleep(0.5)  # the next attempt is now in flight (the receiver sleeps 1 s)
            proc.kill()  # SIGKILL: no chance to record anything
            proc.wait(10)
            before = len(h.hooks.received)
            proc = subprocess.Popen(argv, env=env)
            wait_for(lambda: len(set(h.hooks.ids())) == len(countries), 90, "every notification")
            time.sleep(2.0)  # anything else queued would arrive now
        finally:
            proc.terminate()
            proc.wait(30)
        ids = h.hooks.ids()
        assert len(set(ids)) == len(countries)
        assert len(ids) - len(set(ids)) <= 1, f"more than the in-flight attempt repeated: {ids}"
        assert before < len(countries), "the crash came too late to test anything"
        assert h.hooks.rejected == []
        notes = h.records(ALERTS)
        assert len({n["notification_id"] for n in notes}) == len(countries)
        sent = {d["notification_id"] for d in h.records(DELIVERIES) if d["status"] == "sent"}
        assert sent == set(ids)


def test_slack_gets_at_most_a_message_a_second_per_channel_and_incoming_webhooks_work(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    with harness(kafka_bootstrap, tmp_path) as h:
        h.slack.hooks.add("T000/B000/abc")
        h.grant("org-w", ops_hook_url=h.slack.hook_url("T000/B000/abc"))
        for c in ("TH", "MM", "KH"):  # three subscriptions of one organisation, one channel
            h.subscribe(
                "org-one", name=f"watch {c}", area={"countries": [c]},
                channels=h.channels("slack"),
            )  # fmt: skip
        hook = {"kind": "slack", "target": "incoming-webhook", "secret_ref": "ops_hook_url"}
        h.subscribe("org-w", area={"countries": ["VN"]}, channels=[hook])
        h.start()
        h.detect(*(detection("location", det_id=f"d-{c}", location=c) for c in ("TH", "MM", "KH")))
        h.detect(detection("location", det_id="d-VN", location="VN"))
        wait_for(lambda: len(h.slack.messages(SLACK_CHANNEL)) == 3, 30, "three Slack messages")
        wait_for(lambda: len(h.slack.messages("hook:T000/B000/abc")) == 1, 30, "the webhook")
        times = [m.at for m in h.slack.messages(SLACK_CHANNEL)]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert min(gaps) >= 0.95, gaps
        hooked = h.slack.messages("hook:T000/B000/abc")[0]
        assert "Viet Nam (VN)" in hooked.blocks[2]["text"]["text"]


def test_quiet_hours_hold_all_but_critical_and_digests_wait_for_their_time(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    start = (now - timedelta(hours=1)).strftime("%H:%M")
    end = (now + timedelta(hours=1)).strftime("%H:%M")
    with harness(kafka_bootstrap, tmp_path) as h:
        quiet = h.subscribe(
            "org-q", area={"countries": ["TH"]}, channels=h.channels("webhook", path="quiet"),
            quiet_hours={"start": start, "end": end},
        )  # fmt: skip
        digest = h.subscribe(
            "org-d", area={"countries": ["TH"]}, channels=h.channels("webhook", path="digest"),
            mode="digest_daily", digest_time=(now - timedelta(minutes=5)).strftime("%H:%M"),
        )  # fmt: skip
        h.start()
        h.detect(detection("location", det_id="d-high", location="TH", severity="high"))
        h.detect(detection("typology_location", det_id="d-crit", severity="critical"))
        wait_for(lambda: len(h.hooks.ids("quiet")) == 1, 30, "the critical alert")
        assert [d["detection_id"] for d in h.hooks.received[0].body["detections"]] == ["d-crit"]
        time.sleep(2)  # long past the group wait: the rest is held
        assert h.hooks.ids("quiet") == h.hooks.ids("quiet")[:1]
        assert h.hooks.ids("digest") == []
        router = h.service.router  # type: ignore[union-attr]
        held = router.states[quiet.subscription_id].pending["d-high"]
        assert abs(held.due - (now + timedelta(hours=1)).replace(second=0).timestamp()) < 61
        waiting = router.states[digest.subscription_id].pending
        assert sorted(waiting) == ["d-crit", "d-high"]
        tomorrow = (now + timedelta(days=1) - timedelta(minutes=5)).replace(second=0)
        assert all(abs(p.due - tomorrow.timestamp()) < 61 for p in waiting.values())
