"""The consumer kit every Kafka reader uses: guarded decoding into dead letters, the
dead-letter limit, the checkpoint order, and consumers that read only committed records."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from alerts.book import SubscriptionBook
from alerts.delivery import Deliverer, DeliveryConfig
from alerts.secrets import Secrets
from alerts.service import AlertConfig, Router
from alerts.store import AlertStore
from consumers.kit.checkpoint import Checkpoint, TransactionCommit, commit_offsets
from consumers.kit.client import KafkaFatal, message_ok, new_consumer
from consumers.kit.guarded import DlqLimit, DlqLimitExceeded, Guard, decode, guard
from schemas.deadletters import Origin
from schemas.models import DeadLetter, Incident, Subscription
from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import ALL, DETECTIONS, INCIDENTS, SUBSCRIPTIONS
from tests.alertkit import T0, subscription
from tests.samples import all_samples

SECRET = b"Maria Lopez, passport 12345"
ORIGIN = Origin("t.incidents", 2, 41)


@pytest.fixture
def serde(tmp_path: Path) -> Serde:
    serde = Serde(open_registry(f"file://{tmp_path / 'registry'}"), "t.")
    serde.register_all(ALL)
    return serde


def _bad_country(serde: Serde) -> bytes:
    good = all_samples("ok")["Incident"].to_avro()
    places = [{"country": "UK", "lat": None, "lon": None, "name": None}]
    return serde.encode(INCIDENTS, {**good, "exploitation_places": places})


# --- guarded decoding ---


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (b"\x00\x00\x00\x27\x10" + SECRET, "unknown_schema_id"),
        (b"\x01" + SECRET, "bad_magic_byte"),
        (b"\x00\x00", "truncated"),
        (None, "null_value"),
    ],
)
def test_an_undecodable_value_becomes_a_dead_letter_with_its_reason_not_its_payload(
    serde: Serde, value: bytes | None, kind: str
) -> None:
    letter = Guard(serde, "sink").data(INCIDENTS, value, ORIGIN, validate=False)
    assert isinstance(letter, DeadLetter)
    assert (letter.stage, letter.error_kind) == ("sink", kind)
    assert letter.reason
    assert (letter.source_topic, letter.partition, letter.offset) == ("t.incidents", 2, 41)
    if value is None:
        assert (letter.payload_sha256, letter.payload_size) == (None, None)
    else:
        assert letter.payload_sha256 == hashlib.sha256(value).hexdigest()
        assert letter.payload_size == len(value)
    dumped = letter.model_dump_json()
    assert "Maria" not in dumped
    assert "12345" not in dumped
    # without a stage name the letter names the step that failed
    bare = guard(serde, INCIDENTS, value, ORIGIN)
    assert isinstance(bare, DeadLetter)
    assert (bare.stage, bare.error_kind) == ("decode", kind)


def test_an_invalid_record_is_dead_lettered_with_field_errors_when_validated(
    serde: Serde,
) -> None:
    value = _bad_country(serde)
    letter = guard(serde, INCIDENTS, value, ORIGIN)
    assert isinstance(letter, DeadLetter)
    assert (letter.stage, letter.error_kind) == ("validate", "validation")
    assert letter.reason == "Incident failed validation (1 errors)"
    assert [e.path for e in letter.errors] == ["exploitation_places.0.country"]
    assert "did you mean 'GB'" in letter.errors[0].reason
    assert letter.org_id == "org-ngo-a"
    narrative = all_samples("ok")["Incident"].to_avro().get("narrative")
    assert not narrative or narrative not in letter.model_dump_json()
    # a reader that only decodes (an internal topic) gets the record as it is
    data = decode(serde, INCIDENTS, value, ORIGIN, validate=False)
    assert isinstance(data, dict)
    assert data["exploitation_places"][0]["country"] == "UK"
    checked = Guard(serde, "sink").data(INCIDENTS, value, ORIGIN, validate=True)
    assert isinstance(checked, DeadLetter)
    assert checked.stage == "sink"


def test_a_good_record_comes_back_as_its_model_or_its_avro_record(serde: Serde) -> None:
    sample = all_samples("ok")["Incident"]
    assert isinstance(sample, Incident)
    value = serde.encode(INCIDENTS, sample.to_avro())
    kit = Guard(serde)
    assert kit.record(INCIDENTS, value, ORIGIN) == sample
    assert isinstance(kit.record(INCIDENTS, value, ORIGIN), Incident)
    data = kit.data(INCIDENTS, value, ORIGIN, validate=True)
    assert isinstance(data, dict)
    assert data["incident_id"] == sample.incident_id
    assert (kit.limit.seen, kit.limit.invalid) == (3, 0)


# --- the dead-letter limit ---


def test_the_limit_trips_on_the_share_of_invalid_records_once_enough_were_seen() -> None:
    limit = DlqLimit(max_ratio=0.5, min_seen=10, max_consecutive=1000)
    for _ in range(4):
        limit.record(ok=True)
    for _ in range(5):  # 5 of 9: over half, but fewer than min_seen
        limit.record(ok=False)
    limit.record(ok=True)  # 5 of 10: not over half
    with pytest.raises(DlqLimitExceeded, match="6 of 11 records invalid"):
        limit.record(ok=False)


def test_the_limit_trips_on_a_run_of_invalid_records_and_a_good_one_ends_the_run() -> None:
    limit = DlqLimit(max_ratio=1.0, max_consecutive=3)
    for _ in range(3):
        limit.record(ok=False)
    limit.record(ok=True)
    for _ in range(3):
        limit.record(ok=False)
    with pytest.raises(DlqLimitExceeded, match="4 invalid records in a row"):
        limit.record(ok=False)


def test_a_record_that_fails_after_decoding_continues_the_run_it_had_ended() -> None:
    limit = DlqLimit(max_ratio=1.0, max_consecutive=3)
    limit.record(ok=False)
    limit.record(ok=False)
    limit.record(ok=True)
    limit.overturn()  # the good one failed in a later step
    assert (limit.seen, limit.invalid, limit.consecutive) == (3, 3, 3)
    with pytest.raises(DlqLimitExceeded, match="4 invalid records in a row"):
        limit.record(ok=False)


def test_a_guard_counts_every_record_against_its_limit(serde: Serde) -> None:
    kit = Guard(serde, "sink", limit=DlqLimit(max_consecutive=2))
    kit.data(INCIDENTS, b"junk", ORIGIN, validate=False)
    kit.data(INCIDENTS, b"junk", ORIGIN, validate=False)
    with pytest.raises(DlqLimitExceeded):
        kit.data(INCIDENTS, _bad_country(serde), ORIGIN, validate=True)


# --- every reader's guard: the alerts router and the subscription book ---


@dataclass
class Msg:
    """Just enough of a confluent_kafka.Message."""

    _value: bytes | None
    _offset: int
    _topic: str = "t.detections"
    _key: bytes = b"k"
    _error: Any = None

    def error(self) -> Any:
        return self._error

    def value(self) -> bytes | None:
        return self._value

    def key(self) -> bytes:
        return self._key

    def topic(self) -> str:
        return self._topic

    def partition(self) -> int:
        return 0

    def offset(self) -> int:
        return self._offset

    def timestamp(self) -> tuple[int, int]:
        return (1, int(T0.timestamp() * 1000))


def _router(tmp_path: Path, serde: Serde) -> Router:
    store = AlertStore(tmp_path / "alerts.db")
    deliverer = Deliverer(store, Secrets(env={}), DeliveryConfig(outbox_dir=tmp_path / "out"))
    return Router({}, serde, store, AlertConfig("g", "http://hub"), deliverer, producer=None)


def test_the_alerts_router_stops_when_its_detections_cannot_be_read(
    tmp_path: Path, serde: Serde
) -> None:
    router = _router(tmp_path, serde)
    router.guard.limit = DlqLimit(max_consecutive=3)
    router.step([Msg(b"\x00junk", i) for i in range(3)], T0.timestamp())
    with pytest.raises(DlqLimitExceeded):
        router.step([Msg(b"\x00junk", 3)], T0.timestamp())


def test_the_alerts_router_stops_when_matching_fails_for_everything(
    tmp_path: Path, serde: Serde, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schemas.models import Detection
    from tests.alertkit import detection

    router = _router(tmp_path, serde)
    router.guard.limit = DlqLimit(max_consecutive=3)

    def broken(det: dict[str, Any]) -> Any:
        raise RuntimeError("a bad deploy")

    monkeypatch.setattr(router.index, "match", broken)
    value = serde.encode(DETECTIONS, Detection.model_validate(detection()).to_avro())
    router.step([Msg(value, i) for i in range(3)], T0.timestamp())
    with pytest.raises(DlqLimitExceeded, match="4 invalid records in a row"):
        router.step([Msg(value, 3)], T0.timestamp())


def test_the_book_skips_a_bad_subscription_without_a_dead_letter_and_stops_on_the_limit(
    serde: Serde,
) -> None:
    seen: list[tuple[str, Subscription | None]] = []
    book = SubscriptionBook({}, serde, lambda sid, sub: seen.append((sid, sub)))
    kit = Guard(serde, "subscriptions", limit=DlqLimit(max_ratio=0.5, min_seen=4))
    sub = subscription()
    good = serde.encode(SUBSCRIPTIONS, sub.to_avro())
    topic = "t.subscriptions"
    book._apply(Msg(good, 0, topic), kit)
    book._apply(Msg(b"\x00junk", 1, topic), kit)
    book._apply(Msg(None, 2, topic, b"gone"), kit)  # a delete: not a bad record
    assert book.snapshot() == {sub.subscription_id: sub}
    assert seen == [(sub.subscription_id, sub), ("gone", None)]
    book._apply(Msg(b"\x00junk", 3, topic), kit)
    with pytest.raises(DlqLimitExceeded):
        book._apply(Msg(b"\x00junk", 4, topic), kit)


def test_an_older_record_coming_round_does_not_undo_a_change_just_made(serde: Serde) -> None:
    """A partner pauses, resumes and deletes a subscription in the console: each change is
    remembered at once, and the pause and resume records are still on their way round when
    the delete is made. They must not bring the deleted subscription back to the list (nor
    to the router) until the delete comes round; an edit must not fall back a version."""
    from alerts.subscriptions import with_active

    book = SubscriptionBook({}, serde, lambda *_: None)
    kit = Guard(serde, "subscriptions")
    topic = "t.subscriptions"
    v1 = subscription()
    sid = v1.subscription_id
    v2 = with_active(v1, False, T0)
    v3 = with_active(v2, True, T0)

    def read(sub: Subscription | None, offset: int) -> None:
        value = None if sub is None else serde.encode(SUBSCRIPTIONS, sub.to_avro())
        book._apply(Msg(value, offset, topic, sid.encode()), kit)

    read(v1, 0)
    for change in (v2, v3, None):  # the console's three changes, made before any came round
        book.remember(sid, change)
    assert book.snapshot() == {}
    read(v2, 1)
    read(v3, 2)
    assert book.snapshot() == {}  # older than the delete: not taken
    read(None, 3)  # the delete itself
    assert book.snapshot() == {}
    read(v1, 4)  # the topic read again from its start after a hiccup: history in order
    assert book.snapshot() == {sid: v1}

    book.remember(sid, v2)  # an edit, then the version before it coming round late
    read(v1, 5)
    assert book.get(sid) == v2
    read(v2, 6)
    v4 = with_active(v3, False, T0)
    read(v4, 7)  # newer than ours (another process): taken
    assert book.get(sid) == v4


def test_a_book_that_stops_on_the_limit_says_why_and_is_no_longer_ready(serde: Serde) -> None:
    book = SubscriptionBook({}, serde, lambda *_: None)
    book.ready.set()

    def follow(stop: threading.Event, poll: float) -> None:
        raise DlqLimitExceeded("1001 invalid records in a row")

    book._follow = follow  # type: ignore[method-assign]
    with pytest.raises(DlqLimitExceeded):
        book.run(threading.Event())
    assert isinstance(book.failed, DlqLimitExceeded)
    assert not book.ready.is_set()


# --- consumer errors ---


@dataclass
class Err:
    is_fatal: bool

    def fatal(self) -> bool:
        return self.is_fatal

    def str(self) -> str:
        return "broker transport failure" if not self.is_fatal else "fenced"


def test_a_fatal_consumer_error_stops_the_reader_and_a_transient_one_is_skipped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert message_ok(Msg(b"x", 0))
    with caplog.at_level(logging.WARNING):
        assert not message_ok(Msg(None, 0, _error=Err(False)))
    assert "broker transport failure" in caplog.text
    with pytest.raises(KafkaFatal, match="fenced"):
        message_ok(Msg(None, 0, _error=Err(True)))


# --- the checkpoint order ---


@dataclass
class Recorder:
    calls: list[str] = field(default_factory=list)
    failing: str | None = None

    def step(self, name: str) -> Any:
        def run() -> None:
            self.calls.append(name)
            if name == self.failing:
                raise RuntimeError(f"{name} failed")

        return run

    def async_step(self, name: str) -> Any:
        async def run() -> None:
            await asyncio.sleep(0)
            self.calls.append(name)
            if name == self.failing:
                raise RuntimeError(f"{name} failed")

        return run

    def checkpoint(self, *, asynchronous: bool = False) -> Checkpoint:
        make = self.async_step if asynchronous else self.step
        return Checkpoint(save=make("save"), flush=make("flush"), commit=make("commit"))


def test_the_checkpoint_saves_then_flushes_then_commits() -> None:
    rec = Recorder()
    rec.checkpoint().run()
    assert rec.calls == ["save", "flush", "commit"]


@pytest.mark.parametrize(("failing", "done"), [("save", ["save"]), ("flush", ["save", "flush"])])
def test_a_failed_step_stops_the_steps_after_it(failing: str, done: list[str]) -> None:
    rec = Recorder(failing=failing)
    with pytest.raises(RuntimeError, match=f"{failing} failed"):
        rec.checkpoint().run()
    assert rec.calls == done  # nothing committed whose effects are not durable


def test_missing_steps_are_skipped() -> None:
    rec = Recorder()
    Checkpoint(save=rec.step("save"), commit=rec.step("commit")).run()
    Checkpoint(commit=rec.step("commit")).run()
    assert rec.calls == ["save", "commit", "commit"]


@pytest.mark.parametrize(
    ("failing", "done"),
    [(None, ["save", "flush"]), ("save", ["save"]), ("flush", ["save", "flush"])],
)
def test_a_host_that_commits_itself_awaits_the_same_order(
    failing: str | None, done: list[str]
) -> None:
    """Faust's before-commit hook: async save and flush, the host commits after (or, if
    a step raised, does not)."""
    rec = Recorder(failing=failing)
    hook = Checkpoint(save=rec.async_step("save"), flush=rec.step("flush"), commit=None)
    if failing is None:
        asyncio.run(hook.run_async())
    else:
        with pytest.raises(RuntimeError):
            asyncio.run(hook.run_async())
    assert rec.calls == done


def test_an_async_step_cannot_be_run_without_a_loop() -> None:
    rec = Recorder()
    with pytest.raises(TypeError, match="'save' is asynchronous"):
        rec.checkpoint(asynchronous=True).run()
    assert rec.calls == []


def test_the_transactional_commit_puts_the_read_positions_in_the_transaction() -> None:
    @dataclass
    class TP:
        partition: int
        offset: int

    calls: list[Any] = []

    class Consumer:
        def assignment(self) -> list[TP]:
            return [TP(0, -1), TP(1, -1)]

        def position(self, tps: list[TP]) -> list[TP]:
            return [TP(0, 17), TP(1, -1001)]  # partition 1: nothing read yet

        def consumer_group_metadata(self) -> str:
            return "meta"

    class Producer:
        def send_offsets_to_transaction(self, offsets: list[TP], meta: str, t: float) -> None:
            calls.append(("offsets", offsets, meta))

        def commit_transaction(self, t: float) -> None:
            calls.append(("commit",))

    Checkpoint(commit=TransactionCommit(Producer(), Consumer())).run()
    assert calls == [("offsets", [TP(0, 17)], "meta"), ("commit",)]


# --- real Kafka ---


@pytest.mark.kafka
def test_a_reader_built_by_new_consumer_reads_only_committed_records(
    kafka_bootstrap: str,
) -> None:
    from confluent_kafka import Producer, TopicPartition
    from confluent_kafka.admin import AdminClient, NewTopic  # type: ignore[attr-defined]

    conf: dict[str, Any] = {"bootstrap.servers": kafka_bootstrap}
    topic = f"kit-{uuid.uuid4().hex[:8]}"
    admin = AdminClient(conf)
    admin.create_topics([NewTopic(topic, 1, 1)])[topic].result(30)
    producer = Producer({**conf, "transactional.id": f"kit-{uuid.uuid4().hex[:8]}"})
    producer.init_transactions(30)
    for values, commit in (([b"a", b"b"], True), ([b"aborted"], False), ([b"c"], True)):
        producer.begin_transaction()
        for value in values:
            producer.produce(topic, value)
        if commit:
            producer.commit_transaction(30)
        else:
            producer.flush(30)
            producer.abort_transaction(30)

    def read(reader: Any, want: int) -> list[bytes]:
        reader.subscribe([topic])
        got: list[bytes] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for msg in reader.consume(100, 0.5):
                if message_ok(msg):
                    got.append(msg.value())
            if len(got) >= want and not reader.consume(100, 1.0):
                break
        return got

    group = f"kit-{uuid.uuid4().hex[:8]}"
    reader = new_consumer(conf, group, session_timeout_ms=6_000)
    try:
        assert read(reader, 3) == [b"a", b"b", b"c"]
        # the read position steps over the transaction markers: the commit is the log end
        assert commit_offsets(reader)
        (committed,) = reader.committed([TopicPartition(topic, 0)], timeout=10)
        _, high = reader.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
        assert committed.offset == high == 7  # 4 records, 3 markers
    finally:
        reader.close()

    # the control: a reader that asks for uncommitted records sees the aborted one
    dirty = new_consumer(conf, f"{group}-dirty", extra={"isolation.level": "read_uncommitted"})
    try:
        assert read(dirty, 4) == [b"a", b"b", b"aborted", b"c"]
    finally:
        dirty.close()


def test_a_storm_of_one_error_is_one_line_with_a_count() -> None:
    import logging

    from consumers.kit.lograte import RepeatFilter

    now = [0.0]
    f = RepeatFilter(window=30, clock=lambda: now[0])

    def rec(msg: str, level: int = logging.ERROR, name: str = "tahub.kafka") -> logging.LogRecord:
        return logging.LogRecord(name, level, __file__, 1, msg, None, None)

    assert f.filter(rec("FAIL 127.0.0.1:9092: connect refused (after 0ms in state CONNECT)"))
    for i in range(500):  # the same condition with other numbers: dropped
        now[0] += 0.05
        assert not f.filter(
            rec(f"FAIL 127.0.0.1:9092: connect refused (after {i}ms in state CONNECT)")
        )
    assert f.filter(rec("another condition"))  # each condition has its own line
    assert f.filter(rec("FAIL …", level=logging.INFO))  # below WARNING: never held back
    now[0] += 30
    again = rec("FAIL 127.0.0.1:9092: connect refused (after 9ms in state CONNECT)")
    assert f.filter(again)
    assert "(and 500 more like it in the last 30 s)" in again.getMessage()
