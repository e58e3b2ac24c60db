"""Incidents become signals exactly once through kill -9s of the stream worker (issue 22).

Bulk uploads arrive as Kafka transactions (their control markers take offsets that are
never delivered) while the worker is killed twice and started again. Every committed
incident must have all its signals on the topic, and a clean stop must leave the group's
committed offsets at the end of what it read (not hundreds of records behind, which made
every restart re-normalise a backlog).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from schemas import topics
from schemas.models import Incident
from streams.normalize import incident_signals
from tests.samples import all_samples
from tests.sinkkit import Space, wait_for
from tests.test_stream_detect import Workers

pytestmark = [pytest.mark.kafka, pytest.mark.faults]


def _incidents(n: int) -> list[dict[str, Any]]:
    base = all_samples("nf")["Incident"].to_avro()
    return [{**base, "incident_id": f"inc-{i}", "submission_id": f"s-{i}"} for i in range(n)]


def _publish(space: Space, records: list[dict[str, Any]], stop: threading.Event) -> None:
    """Bulk-upload style: transactions of 50 incidents, a few a second."""
    from confluent_kafka import Producer

    serde = space.serde()
    topic = topics.INCIDENTS.physical(space.prefix)
    producer = Producer({**space.conf, "transactional.id": f"t-{uuid.uuid4()}", "linger.ms": 2})
    producer.init_transactions(30)
    for i in range(0, len(records), 50):
        producer.begin_transaction()
        for rec in records[i : i + 50]:
            producer.produce(topic, key=rec["incident_id"].encode(),
                             value=serde.encode(topics.INCIDENTS, rec))  # fmt: skip
        producer.commit_transaction(30)
        time.sleep(0.05)
    stop.set()


def _signal_sources(space: Space) -> Counter[str]:
    """Incident -> distinct signals on the topic (a re-sent signal is the same signal)."""
    from tests.intakekit import decoded

    return Counter(
        source
        for source, _ in {(s["source_id"], s["signal_id"]) for s in decoded(space, topics.SIGNALS)}
    )


def test_every_incident_is_normalised_once_through_two_kill_9s(
    space: Space, tmp_path: Path
) -> None:
    records = _incidents(3000)
    per_incident = len(incident_signals(Incident.from_avro(records[0])))
    done = threading.Event()
    workers = Workers(space, tmp_path)
    try:
        worker = workers.start("w1")
        publisher = threading.Thread(target=_publish, args=(space, records, done), daemon=True)
        publisher.start()
        for name in ("w2", "w3"):
            time.sleep(4)
            worker.kill()  # SIGKILL: no flush, no commit
            worker.wait(10)
            worker = workers.start(name)
        publisher.join(120)
        assert done.is_set()
        wait_for(lambda: len(_signal_sources(space)) >= len(records), timeout=120,
                 what="every incident's signals")  # fmt: skip
        time.sleep(3)
        workers.stop_all()  # a clean stop commits what was processed
        sources = _signal_sources(space)
        lagging = {
            p: (space.end_offsets(topics.INCIDENTS)[p], c)
            for p, c in _committed(space, topics.INCIDENTS).items()
            if space.end_offsets(topics.INCIDENTS)[p] - c > 1  # a trailing marker at most
        }
    finally:
        workers.stop_all()
    missing = [r["incident_id"] for r in records if r["incident_id"] not in sources]
    assert not missing, f"{len(missing)} incidents never normalised: {missing[:10]}"
    assert set(sources.values()) == {per_incident}  # every incident whole
    assert not lagging, f"committed offsets behind the end after a clean stop: {lagging}"


def _committed(space: Space, spec: Any) -> dict[int, int]:
    group = Space(space.bootstrap, space.prefix, space.registry_url, f"{space.prefix}detect-intake")
    return group.committed(spec)


@pytest.fixture
def space(kafka_bootstrap: str, tmp_path: Path) -> Space:
    return Space.create(kafka_bootstrap, tmp_path, partitions=3)
