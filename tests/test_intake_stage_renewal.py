"""The intake stage weathers a producer that fails for good (issue 22: a broker lost).

With one broker of three killed, a commit once came back INVALID_TXN_STATE, fatal to the
producer: the stage died, the worker crashed, and in one CI run the stage stalled. Now
it takes a new producer under the same transactional id and reads the batch again. Here
a real producer on real Kafka is told it failed at its second commit, once before the
commit (its transaction left open, for the successor to abort) and once after it (the
batch is committed and must not be written twice). Every incident's signals must then
be on the topic exactly once, read as a consumer of committed data reads them, and the
group's offsets at the end. A transaction its coordinator aborted for outliving its
timeout (a broker outage held it) fails as "fenced" too, and is read again the same way;
a producer fenced sooner (a newer self has the slot) still stops the stage.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from consumers.kit.client import outlived
from schemas import topics
from schemas.models import Incident
from streams.intake_stage import (
    RENEWAL_WINDOW_S,
    RENEWALS,
    IntakeSettings,
    IntakeStage,
    renewal_allowed,
)
from streams.normalize import incident_signals
from tests.intakekit import decoded
from tests.samples import all_samples
from tests.sinkkit import Space, wait_for

ROUNDS, PER_ROUND = 5, 60


def _incidents(n: int) -> list[dict[str, Any]]:
    base = all_samples("rn")["Incident"].to_avro()
    return [{**base, "incident_id": f"inc-{i}", "submission_id": f"s-{i}"} for i in range(n)]


class FailingCommit:
    """A real transactional producer; the ``fail_at``-th commit among all the producers
    made reports ``code`` as fatal, before committing or after (``when``)."""

    made = 0
    commits = 0

    def __init__(self, conf: dict[str, Any], fail_at: int, when: str, code: int) -> None:
        from confluent_kafka import Producer

        self.real = Producer(conf)
        self.fail_at, self.when, self.code = fail_at, when, code
        type(self).made += 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def commit_transaction(self, timeout: float) -> None:
        from confluent_kafka import KafkaError, KafkaException

        type(self).commits += 1
        if type(self).commits != self.fail_at:
            self.real.commit_transaction(timeout)
            return
        if self.when == "after":
            self.real.commit_transaction(timeout)
        raise KafkaException(KafkaError(self.code, "told it failed (test)", fatal=True))


def _stage(space: Space, fail_at: int, when: str, code: int) -> IntakeStage:
    FailingCommit.made = FailingCommit.commits = 0
    slot = f"{space.prefix}intake-{uuid.uuid4().hex[:6]}"
    settings = IntakeSettings(kafka=space.conf, group=f"{space.prefix}intake",
                              prefix=space.prefix, transactional_id=slot)  # fmt: skip
    return IntakeStage(settings, space.serde(),
                       make_producer=lambda c: FailingCommit(c, fail_at, when, code))  # fmt: skip


class Running:
    """The stage on a thread until stopped; what it raised, if it did."""

    def __init__(self, stage: IntakeStage) -> None:
        self.stop = threading.Event()
        self.failed: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(stage,), daemon=True)
        self.thread.start()

    def _run(self, stage: IntakeStage) -> None:
        try:
            stage.run(self.stop.is_set)
        except BaseException as err:  # told by the test
            self.failed.append(err)

    def end(self) -> None:
        self.stop.set()
        self.thread.join(60)
        assert not self.thread.is_alive()


def _publish_in_rounds(space: Space, records: list[dict[str, Any]]) -> None:
    """Rounds apart in time, so the stage commits several batches."""
    for i in range(0, len(records), PER_ROUND):
        space.produce(topics.INCIDENTS, records[i : i + PER_ROUND], key="incident_id")
        time.sleep(1.5)


def _normalise_all(
    space: Space, stage: IntakeStage, records: list[dict[str, Any]], publish: Callable[[], object]
) -> None:
    """Run ``stage`` while ``publish`` sends ``records``, until their signals are all on
    the topic; then every incident's signals are there exactly once, read as a consumer
    of committed data reads them, and the group's offsets stand at the end."""
    per_incident = len(incident_signals(Incident.from_avro(records[0])))
    want = len(records) * per_incident
    running = Running(stage)
    try:
        publish()
        wait_for(lambda: bool(running.failed) or len(decoded(space, topics.SIGNALS)) >= want,
                 timeout=90, what="every incident's signals")  # fmt: skip
        time.sleep(2)  # anything written twice would be here by now
    finally:
        running.end()
    assert not running.failed, running.failed
    signals = decoded(space, topics.SIGNALS)
    per_source = Counter(s["source_id"] for s in signals)
    assert len(signals) == want, f"{len(signals)} signals on the topic, {want} expected"
    assert len({s["signal_id"] for s in signals}) == want  # none twice
    assert set(per_source.values()) == {per_incident}
    assert len(per_source) == len(records)
    group = Space(space.bootstrap, space.prefix, space.registry_url, f"{space.prefix}intake")
    assert group.committed(topics.INCIDENTS) == space.end_offsets(topics.INCIDENTS)


@pytest.mark.kafka
@pytest.mark.parametrize("when", ["before", "after"])
def test_a_producer_failed_for_good_is_replaced_and_nothing_is_lost_or_doubled(
    space: Space, when: str, caplog: pytest.LogCaptureFixture
) -> None:
    from confluent_kafka import KafkaError

    records = _incidents(ROUNDS * PER_ROUND)
    stage = _stage(space, fail_at=2, when=when, code=KafkaError.INVALID_TXN_STATE)
    caplog.set_level(logging.WARNING, logger="streams.intake_stage")
    _normalise_all(space, stage, records, lambda: _publish_in_rounds(space, records))
    assert FailingCommit.made == 2
    assert FailingCommit.commits >= ROUNDS
    assert "a new one takes over" in caplog.text


class SlowFirstCommit:
    """A real transactional producer whose first commit comes ``hold`` seconds late, as
    when a broker outage held the batch: past the transaction's timeout, its coordinator
    aborts it, and the real commit then fails as real Kafka makes it fail."""

    made = 0
    commits = 0

    def __init__(self, conf: dict[str, Any], hold: float) -> None:
        from confluent_kafka import Producer

        self.real = Producer(conf)
        self.hold = hold
        type(self).made += 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def commit_transaction(self, timeout: float) -> None:
        type(self).commits += 1
        if type(self).commits == 1:
            time.sleep(self.hold)
        self.real.commit_transaction(timeout)


@pytest.mark.kafka
def test_a_transaction_aborted_for_outliving_its_timeout_is_read_again_not_fatal(
    space: Space, caplog: pytest.LogCaptureFixture
) -> None:
    # a CI run's worker stopped 14 s into a broker outage on "Failed to end transaction:
    # fenced by a newer instance" with no newer instance: the coordinator had aborted
    # the transaction for outliving its 10 s timeout. The broker looks for such
    # transactions every 10 s (transaction.abort.timed.out.transaction.cleanup.interval.ms)
    SlowFirstCommit.made = SlowFirstCommit.commits = 0
    timeout = 2.0
    settings = IntakeSettings(kafka=space.conf, group=f"{space.prefix}intake", prefix=space.prefix,
                              transactional_id=f"{space.prefix}intake-{uuid.uuid4().hex[:6]}",
                              transaction_timeout=timeout)  # fmt: skip
    stage = IntakeStage(settings, space.serde(),
                        make_producer=lambda c: SlowFirstCommit(c, hold=timeout + 12))  # fmt: skip
    caplog.set_level(logging.WARNING, logger="streams.intake_stage")
    records = _incidents(40)
    # the aborted batch's signals are not read by a consumer of committed data: once each
    _normalise_all(space, stage, records,
                   lambda: space.produce(topics.INCIDENTS, records, key="incident_id"))  # fmt: skip
    assert SlowFirstCommit.made == 2  # the aborted one, and its successor
    assert "outlived its timeout" in caplog.text


def test_only_a_fence_that_came_after_the_timeout_is_read_as_the_coordinators_abort() -> None:
    from confluent_kafka import KafkaError

    assert outlived(KafkaError._FENCED, 14.0, 10.0)
    assert outlived(KafkaError.PRODUCER_FENCED, 10.0, 10.0)
    assert not outlived(KafkaError._FENCED, 3.0, 10.0)  # a newer self took the slot
    assert not outlived(KafkaError.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 60.0, 10.0)


@pytest.mark.kafka
def test_a_fenced_producer_stops_the_stage(space: Space) -> None:
    from confluent_kafka import KafkaError, KafkaException

    stage = _stage(space, fail_at=1, when="before", code=KafkaError.PRODUCER_FENCED)
    running = Running(stage)
    try:
        space.produce(topics.INCIDENTS, _incidents(10), key="incident_id")
        wait_for(lambda: bool(running.failed), timeout=60, what="the stage to stop")
    finally:
        running.end()
    assert isinstance(running.failed[0], KafkaException)
    assert running.failed[0].args[0].code() == KafkaError.PRODUCER_FENCED
    assert FailingCommit.made == 1  # no new producer for a fenced one


def test_new_producers_are_a_few_in_an_outage_not_a_loop() -> None:
    now = 1_000.0
    assert renewal_allowed([], now)
    recent = [now - 10.0 * i for i in range(RENEWALS)]
    assert not renewal_allowed(recent, now)
    assert renewal_allowed(recent[:-1], now)
    assert renewal_allowed([now - RENEWAL_WINDOW_S - 1] * RENEWALS, now)


@pytest.fixture
def space(kafka_bootstrap: str, tmp_path: Path) -> Space:
    return Space.create(kafka_bootstrap, tmp_path, partitions=3)
