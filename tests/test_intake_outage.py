"""When the broker is down the API answers 503 and nothing is half-written."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from producers.intake.publisher import Publisher, Unavailable
from schemas.topics import INCIDENTS
from tests import services
from tests.intakekit import METRICS_TOKEN, read_all, running_api, submission_ids
from tests.metricskit import scrape
from tests.sinkkit import Space
from tests.test_intake_api import _csv
from tests.test_intake_rules import valid

pytestmark = [pytest.mark.kafka, pytest.mark.faults]


def test_an_aborted_bulk_transaction_leaves_nothing_visible(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    space = Space.create(kafka_bootstrap, tmp_path)
    pub = Publisher(space.conf, transactional_id=f"{space.prefix}txn", ack_timeout=5)
    topic = INCIDENTS.physical(space.prefix)
    good = [(topic, f"k{i}".encode(), b"v") for i in range(500)]
    try:
        # the broker refuses the last record (no such topic, auto-create is off): all or nothing
        with pytest.raises(Unavailable, match="not committed"):
            pub.send_all([*good, (f"{space.prefix}no-such-topic", b"k", b"v")])
        pub.send_all(good[:3])  # the publisher recovers for the next upload
    finally:
        pub.close()
    assert sorted(k for k, _ in read_all(space, INCIDENTS)) == [b"k0", b"k1", b"k2"]


def test_two_publishers_sharing_a_transactional_id_say_so_and_both_recover(
    kafka_bootstrap: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Two intakes given one transactional id (one host name) fence each other's bulk
    producer at each upload: the fenced one says which id is shared, answers Unavailable
    (nothing half-written) and takes the slot back at its next upload."""
    space = Space.create(kafka_bootstrap, tmp_path)
    txn_id = f"{space.prefix}shared"
    first = Publisher(space.conf, transactional_id=txn_id, ack_timeout=5)
    second = Publisher(space.conf, transactional_id=txn_id, ack_timeout=5)
    topic = INCIDENTS.physical(space.prefix)
    try:
        first.send_all([(topic, b"a1", b"v")])
        second.send_all([(topic, b"b1", b"v")])  # its producer fences the first's
        with caplog.at_level("ERROR", logger="tahub.intake"):
            with pytest.raises(Unavailable, match="not committed"):
                first.send_all([(topic, b"a2", b"v")])
        assert any(txn_id in r.getMessage() and "fenced" in r.getMessage() for r in caplog.records)
        first.send_all([(topic, b"a3", b"v")])  # a new producer takes the slot back
    finally:
        first.close()
        second.close()
    assert sorted(k for k, _ in read_all(space, INCIDENTS)) == [b"a1", b"a3", b"b1"]


def _until_accepted(
    http: httpx.Client, body: dict[str, Any], seconds: float, pause: float = 0.5
) -> httpx.Response:
    """A client retrying one submission until it is accepted (or ``seconds`` pass)."""
    deadline = time.monotonic() + seconds
    while True:
        got = http.post("/api/v1/incidents", json=body)
        if got.status_code == 202 or time.monotonic() > deadline:
            return got
        time.sleep(pause)


def _unavailable(url: str) -> float:
    """The 503 counter (process-wide: other tests in this process add to it)."""
    for line in scrape(url + "/metrics", METRICS_TOKEN).splitlines():
        if line.startswith("tahub_intake_unavailable_total "):
            return float(line.split()[1])
    return 0.0


def test_broker_outage_gives_503_with_retry_after_then_recovers(tmp_path: Path) -> None:
    bootstrap, cfg = services.start_kafka(tmp_path / "kafka")
    try:
        space = Space.create(bootstrap, tmp_path)
        with running_api(space, tmp_path / "data", intake_ack_timeout=4.0) as api:
            key = api.key_for("ngo-a")
            with api.client(key) as http:
                ok = http.post("/api/v1/incidents", json=valid(submission_id="before"))
                assert ok.status_code == 202
                refused_before = _unavailable(api.url)
                services.broker.stop(cfg)
                t0 = time.monotonic()
                down = http.post("/api/v1/incidents", json=valid(submission_id="during"))
                single_s = time.monotonic() - t0
                bulk = http.post(
                    "/api/v1/incidents/bulk",
                    content=_csv(2000, prefix="bulk-"),
                    headers={"Content-Type": "text/csv"},
                )
                later = http.post("/api/v1/incidents", json=valid(submission_id="during-2"))
                assert down.status_code == 503, down.text
                assert down.headers["Retry-After"] == "5"
                # queued behind a dead broker, it may still be written when one comes back
                assert re.search("nothing was stored|may have been stored", down.json()["error"])
                assert single_s < 10  # bounded by the acknowledgement timeout, not hanging
                assert bulk.status_code == 503
                assert later.status_code == 503
                # counted now: retries below may meet a 503 while the broker comes back
                assert _unavailable(api.url) - refused_before == 3
                services.broker.start(cfg, wait=120)
                again = _until_accepted(http, valid(submission_id="during"), 60, pause=1)
                assert again.status_code == 202, again.text
                assert again.json()["duplicate"] is False  # the 503 stored nothing
                bulk_again = http.post(
                    "/api/v1/incidents/bulk",
                    content=_csv(2000, prefix="bulk-"),
                    headers={"Content-Type": "text/csv"},
                )
                assert bulk_again.json()["accepted"] == 2000
        ids = sorted(submission_ids(space, api.settings))
        assert ids.count("during") == 1
        assert "during-2" not in ids
        assert len(ids) == 2 + 2000
    finally:
        services.broker.stop(cfg)


def test_a_retry_after_an_unacknowledged_send_sends_the_same_record(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """A submission whose record reached the producer but was never acknowledged may be
    on the topic all the same (a leader lost mid-request): its retry must send the record
    held from the first try, with the first try's report time, not a new encoding. Two
    encodings of one submission fall in two detection windows (the cluster fault test
    found live and replayed detections one report apart). Here the first try fails on a
    topic that is missing, and the retry, once the topic exists, still carries the first
    try's time."""
    from confluent_kafka.admin import AdminClient, NewTopic

    space = Space.create(kafka_bootstrap, tmp_path)
    topic = INCIDENTS.physical(space.prefix)
    admin = AdminClient(space.conf)
    admin.delete_topics([topic])[topic].result(30)
    gone = time.monotonic() + 30
    while topic in admin.list_topics(timeout=10).topics:  # deletion completes in the background
        assert time.monotonic() < gone, "the topic was not deleted"
        time.sleep(0.5)
    with running_api(space, tmp_path / "data", intake_ack_timeout=2.0) as api:
        with api.client(api.key_for("ngo-a")) as http:
            before = datetime.now(UTC)
            first = http.post("/api/v1/incidents", json=valid(submission_id="gap"))
            assert first.status_code == 503, first.text
            assert "may have been stored" in first.json()["error"]
            changed = http.post("/api/v1/incidents", json=valid(submission_id="gap", tlp="TLP:RED"))
            assert changed.status_code == 409, changed.text  # the first content may be stored
            deadline = time.monotonic() + 60
            while True:  # until the broker has finished the deletion on every partition
                made = admin.create_topics([NewTopic(topic, 3, 1)])[topic]
                try:
                    made.result(30)
                    break
                except Exception:
                    assert time.monotonic() < deadline, "the topic could not be made again"
                    time.sleep(1)
            time.sleep(2)
            retried_at = datetime.now(UTC)
            again = _until_accepted(http, valid(submission_id="gap"), deadline - time.monotonic())
            assert again.status_code == 202, again.text
            dup = http.post("/api/v1/incidents", json=valid(submission_id="gap"))
            assert dup.json()["duplicate"] is True
    records = [space.serde().decode(INCIDENTS, v) for _, v in read_all(space, INCIDENTS)]
    assert submission_ids(space, api.settings) == ["gap"]
    assert records[0]["incident_id"] == again.json()["incident_id"]
    assert before <= records[0]["submitted_at"] < retried_at
