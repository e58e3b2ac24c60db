"""Detection on real Kafka and Faust: live processing gives the same detections as the
offline replay, with one worker, with two, and across a kill -9 and restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from schemas import topics
from schemas.ids import IdKey
from streams.detect import replay, synthetic
from streams.detect.config import load
from streams.detect.replay import Offline
from tests.metricskit import scrape, token_of
from tests.sinkkit import Space

pytestmark = pytest.mark.kafka
PARTITIONS = 3
# every worker of a deployment derives detection ids under one key, and so does the replay
ID_KEY = IdKey(bytes(range(32)))


def _stream() -> list[dict[str, Any]]:
    stream = synthetic.generate(seed=5, series=30, days=70, outbreaks=6, warmup=30)
    signals = sorted(stream.signals, key=lambda s: (s["event_time"], s["signal_id"]))
    # one far-future signal per partition moves every partition's watermark past the end
    end = signals[-1]["event_time"] + timedelta(days=10)
    sentinel = {**signals[0], "typology": "other", "origin_country": "AQ",
                "destination_country": "BV", "location_country": "BV"}  # fmt: skip
    tail = [{**sentinel, "signal_id": f"end-{p}", "source_id": f"end-{p}", "event_time": end}
            for p in range(PARTITIONS)]  # fmt: skip
    return signals + tail


_summary = replay.comparable  # what live and the replay must agree on


def _produce(space: Space, signals: list[dict[str, Any]], partition: int | None = None) -> None:
    from confluent_kafka import Producer

    serde = space.serde()
    producer = Producer({**space.conf, "linger.ms": 5})
    topic = topics.SIGNALS.physical(space.prefix)
    for sig in signals:
        value = serde.encode(topics.SIGNALS, sig)
        if partition is not None:
            producer.produce(topic, value=value, key=b"k", partition=partition)
        elif str(sig["signal_id"]).startswith("end-"):
            producer.produce(topic, value=value, key=b"end", partition=int(sig["signal_id"][4:]))
        else:
            producer.produce(topic, value=value, key=str(sig["source_id"]).encode())
        producer.poll(0)
    assert producer.flush(30) == 0


def _collect(
    space: Space,
    quiet: float = 10.0,
    timeout: float = 180.0,
    until: dict[str, tuple[Any, ...]] | None = None,
) -> list[dict[str, Any]]:
    """Every detection version on the topic, once nothing new arrived for ``quiet`` s (or,
    given ``until``, as soon as the versions add up to it: rebalances take their time)."""
    from confluent_kafka import Consumer

    serde = space.serde()
    consumer = Consumer({**space.conf, "group.id": f"probe-{uuid.uuid4()}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})  # fmt: skip
    consumer.subscribe([topics.DETECTIONS.physical(space.prefix)])
    out: list[dict[str, Any]] = []
    last = time.monotonic()
    deadline = last + timeout
    try:
        while time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is not None and not msg.error():
                out.append(serde.decode(topics.DETECTIONS, msg.value()))
                last = time.monotonic()
                if until is not None and _summary(out) == until:
                    break
            elif out and until is None and time.monotonic() - last > quiet:
                break
    finally:
        consumer.close()
    return out


class Workers:
    def __init__(self, space: Space, tmp: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")}
        self.env |= {
            "TAHUB_KAFKA_BOOTSTRAP": space.bootstrap,
            "TAHUB_TOPIC_PREFIX": space.prefix,
            "TAHUB_APP_ID": f"{space.prefix}detect",
            "TAHUB_SCHEMA_REGISTRY_URL": space.registry_url,
            "TAHUB_PARTITIONS": str(PARTITIONS),
            "TAHUB_WORKER_METRICS_PORT": "0",
            "TAHUB_ID_KEY": ID_KEY.key.hex(),
            "TAHUB_LOG_LEVEL": os.environ.get("TAHUB_TEST_WORKER_LOG_LEVEL", "INFO"),
        }
        self.tmp = tmp
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, name: str) -> subprocess.Popen[bytes]:
        env = {**self.env, "TAHUB_DATA_DIR": str(self.tmp / name)}
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen([sys.executable, "-m", "tahub", "worker"], env=env,
                                stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        self.procs.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()

    def logs(self) -> str:
        return "".join(p.read_text()[-1500:] for p in self.tmp.glob("*.log"))


@pytest.fixture
def space(kafka_bootstrap: str, tmp_path: Path) -> Space:
    return Space.create(kafka_bootstrap, tmp_path, partitions=PARTITIONS)


def _expected(signals: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    conf = load(None)
    return _summary(list(replay.replay(Offline(conf.sets, conf.configs, ids=ID_KEY), signals)))


def test_one_worker_finds_what_the_replay_finds(space: Space, tmp_path: Path) -> None:

    from tahub.runtime.ports import free_port
    from tests.intakekit import decoded
    from tests.sinkkit import wait_for

    signals = _stream()
    expected = _expected(signals)
    assert len(expected) > 10
    workers = Workers(space, tmp_path)
    port = free_port()
    workers.env["TAHUB_WORKER_METRICS_PORT"] = str(port)
    try:
        workers.start("w1")
        _produce(space, signals)
        live = _collect(space, until=expected)
        # a signal from the first week, after the stream reached its end: late data
        late = {**signals[5], "signal_id": "late-1", "source_id": "late-1"}
        _produce(space, [{**late, "signal_id": "end-0"}])  # "end-0": onto partition 0
        _produce_raw(space, b"not avro at all")
        wait_for(lambda: {"late", "bad_magic_byte"} <= {d["error_kind"] for d in decoded(
                 space, topics.DLQ)}, timeout=30, what="the dead letters")  # fmt: skip
        metrics = scrape(
            f"http://127.0.0.1:{port}/metrics", token_of({"TAHUB_DATA_DIR": str(tmp_path / "w1")})
        )
    finally:
        workers.stop_all()
    assert _summary(live) == expected, workers.logs()
    dead = [d for d in decoded(space, topics.DLQ) if d["error_kind"] == "late"]
    assert len(dead) == 1
    assert dead[0]["stage"] == "detect"
    assert "every window it belongs to had closed" in dead[0]["reason"]
    assert "tahub_detect_late_signals_total 1.0" in metrics
    assert f"tahub_detect_signals_total {len(signals) + 1}.0" in metrics
    bad = [d for d in decoded(space, topics.DLQ) if d["error_kind"] == "bad_magic_byte"]
    assert len(bad) == 1
    assert bad[0]["stage"] == "detect"
    assert bad[0]["source_topic"] == topics.SIGNALS.physical(space.prefix)
    assert 'tahub_stream_dead_letters_total{kind="bad_magic_byte",stage="detect"} 1.0' in metrics


def _produce_raw(space: Space, value: bytes) -> None:
    from confluent_kafka import Producer

    producer = Producer(space.conf)
    producer.produce(topics.SIGNALS.physical(space.prefix), value=value, key=b"junk")
    assert producer.flush(30) == 0


def _spawned_by(parent: int) -> list[int]:
    """Pids of the multiprocessing children of ``parent`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.faults
def test_the_fan_out_process_leaves_when_its_worker_is_killed(space: Space, tmp_path: Path) -> None:
    """A kill -9 of the worker must not leave its fan-out holding signals partitions."""
    from tests.sinkkit import wait_for

    workers = Workers(space, tmp_path)
    try:
        worker = workers.start("w1")
        wait_for(lambda: bool(_spawned_by(worker.pid)), timeout=60, what="the fan-out process")
        child = _spawned_by(worker.pid)[0]
        worker.kill()
        worker.wait(10)
        wait_for(lambda: not Path(f"/proc/{child}").exists() or
                 "Z" in Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0],
                 timeout=30, what="the orphaned fan-out to exit")  # fmt: skip
    finally:
        workers.stop_all()


@pytest.mark.faults
def test_the_worker_stops_when_its_fan_out_process_dies(space: Space, tmp_path: Path) -> None:
    """The fan-out is a child process: if it dies, the worker must not go on without it
    (nothing would be counted) but stop, so its supervisor restarts both."""
    from tests.sinkkit import wait_for

    workers = Workers(space, tmp_path)
    try:
        worker = workers.start("w1")
        wait_for(lambda: bool(_spawned_by(worker.pid)), timeout=60, what="the fan-out process")
        os.kill(_spawned_by(worker.pid)[0], signal.SIGKILL)
        worker.wait(60)
        assert worker.returncode != 0, workers.logs()
        assert "fan-out process exited" in workers.logs()
    finally:
        workers.stop_all()


def _diff(live: dict[str, Any], expected: dict[str, Any]) -> str:
    """Which detections differ, for a failure message."""
    lines = [f"missing {k}: {v}" for k, v in expected.items() if k not in live]
    lines += [f"extra {k}: {v}" for k, v in live.items() if k not in expected]
    lines += [
        f"differs {k}: live {live[k]} expected {v}"
        for k, v in expected.items()
        if k in live and live[k] != v
    ]
    return "\n".join(lines[:20])


def test_windows_close_when_some_partitions_never_see_data(space: Space, tmp_path: Path) -> None:
    """Sparse data is the normal case: partitions that stay empty must not hold time back."""
    signals = [s for s in _stream() if not str(s["signal_id"]).startswith("end-")]
    end = {**signals[-1], "signal_id": "end", "source_id": "end", "typology": "other",
           "event_time": signals[-1]["event_time"] + timedelta(days=10)}  # fmt: skip
    expected = _expected([*signals, end])
    workers = Workers(space, tmp_path)
    try:
        workers.start("w1")
        _produce(space, [*signals, end], partition=0)  # partitions 1 and 2 stay empty
        live = _collect(space, until=expected, timeout=120)
    finally:
        workers.stop_all()
    assert _summary(live) == expected, workers.logs()


@pytest.mark.faults
def test_two_workers_and_a_kill_9_change_nothing(space: Space, tmp_path: Path) -> None:
    """Commits 5 s apart (Faust's default is 2.8 s) leave more uncommitted when the kill
    comes, and partitions the group never committed: the case that once lost entries (a
    worker took such a partition over thirty records in), failing about 1 run in 4."""
    signals = _stream()
    expected = _expected(signals)
    workers = Workers(space, tmp_path)
    workers.env["TAHUB_FAUST_COMMIT_INTERVAL"] = "5"
    try:
        first = workers.start("a")
        workers.start("b")
        half = len(signals) // 2
        _produce(space, signals[:half])
        assert _collect(space, quiet=4.0)  # both are working on it
        first.kill()  # SIGKILL mid-stream: no flush, no commit, no goodbye
        first.wait(10)
        workers.start("a2")  # and back, recovering its partitions' state from changelogs
        _produce(space, signals[half:])
        live = _collect(space, until=expected)
    finally:
        workers.stop_all()
    got = _summary(live)
    assert got == expected, _diff(got, expected) + "\n" + workers.logs()


@pytest.mark.faults
def test_a_broker_outage_delays_detections_but_splits_none(tmp_path: Path) -> None:
    """The broker is killed mid-spike for longer than the idle and claim timeouts while
    the worker runs on, then comes back on the same port and data: the outage must only
    delay what the replay finds. (A wall-clock watermark once resolved a detection at an
    empty window during an outage and opened a second id after the catch-up burst.)"""
    import os

    from tahub.runtime import broker as local
    from tests.services import start_kafka

    bootstrap, cfg = start_kafka(tmp_path / "kafka")
    space = Space.create(bootstrap, tmp_path, partitions=PARTITIONS)
    signals = _stream()
    expected = _expected(signals)
    workers = Workers(space, tmp_path)
    try:
        workers.start("w1")
        cut = len(signals) * 3 // 5
        _produce(space, signals[:cut])
        assert _collect(space, quiet=4.0)  # it is detecting, mid-stream
        pid = local.status(cfg).pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)  # no clean shutdown of the broker either
        time.sleep(25)  # > idle (10 s) and > the idle claim's validity (5 s): timers run on
        local.stop(cfg)  # clears the pid file of the killed broker
        local.start(cfg, wait=120)
        _produce(space, signals[cut:])
        live = _collect(space, until=expected, timeout=240)
        assert workers.procs[0].poll() is None, "the worker left during the outage"
    finally:
        workers.stop_all()
        local.stop(cfg)
    got = _summary(live)
    assert got == expected, _diff(got, expected) + "\n" + workers.logs()


@pytest.mark.faults
def test_signals_the_fan_out_reads_again_are_repeats_not_late(space: Space, tmp_path: Path) -> None:
    """The fan-out's offsets are set back to the start (as when a new reader takes over
    signals partitions whose last reads were never committed, here all of them): the
    entries come to the count stage a second time, many after their window closed. They
    were counted the first time: repeats, not late data (keys contract version 4)."""
    import re

    import httpx
    from confluent_kafka import Consumer, TopicPartition

    from tahub.runtime.ports import free_port
    from tests.sinkkit import wait_for

    signals = _stream()
    workers = Workers(space, tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/metrics"

    def counter(name: str) -> float:
        try:
            text = scrape(url, token_of({"TAHUB_DATA_DIR": str(tmp_path / "w2")}))
        except (OSError, httpx.HTTPError):  # not serving yet
            return 0.0
        found = re.search(rf"^{name}_total (\S+)$", text, re.M)
        return float(found.group(1)) if found else 0.0

    try:
        first = workers.start("w1")
        _produce(space, signals[: len(signals) // 2])  # keys still active: kept in state
        assert _collect(space, quiet=4.0)
        first.send_signal(signal.SIGTERM)  # a clean stop: states and offsets committed
        first.wait(60)
        rewind = Consumer({**space.conf, "group.id": f"{space.prefix}detect-fanout"})
        topic = topics.SIGNALS.physical(space.prefix)
        rewind.commit(offsets=[TopicPartition(topic, p, 0) for p in range(PARTITIONS)],
                      asynchronous=False)  # fmt: skip
        rewind.close()
        workers.env["TAHUB_WORKER_METRICS_PORT"] = str(port)
        workers.start("w2")
        wait_for(lambda: counter("tahub_detect_repeated_entries") > 100, timeout=120,
                 what="repeats counted")  # fmt: skip
        time.sleep(5)  # what is left of the re-sent entries
        late = counter("tahub_detect_uncounted_entries")
    finally:
        workers.stop_all()
    assert late == 0, workers.logs()


def test_a_transaction_after_a_lull_is_judged_whole(space: Space, tmp_path: Path) -> None:
    """Partitions empty for longer than the idle timeout are claimed idle. A batch written
    in one transaction (as the intake's normalising stage writes signals) becomes readable
    on every partition at once, so however skewed its writing was — here one partition's
    records are sent 3 s before the rest's — no partition is still "idle" while another's
    records move time past it: nothing is refused as late and live equals the replay."""
    import re
    import zlib

    from confluent_kafka import Producer

    from tahub.runtime.ports import free_port
    from tests.sinkkit import wait_for

    signals = _stream()
    expected = _expected(signals)
    workers = Workers(space, tmp_path)
    port = free_port()
    workers.env["TAHUB_WORKER_METRICS_PORT"] = str(port)

    def partition(sig: dict[str, Any]) -> int:
        name = str(sig["signal_id"])
        if name.startswith("end-"):
            return int(name[4:])
        return zlib.crc32(str(sig["source_id"]).encode()) % PARTITIONS

    serde = space.serde()
    topic = topics.SIGNALS.physical(space.prefix)
    producer = Producer({**space.conf, "linger.ms": 5,
                         "transactional.id": f"{space.prefix}lull"})  # fmt: skip
    producer.init_transactions(30)
    try:
        workers.start("w1")
        wait_for(lambda: "fan-out: reading signals partitions" in workers.logs(), timeout=60,
                 what="the fan-out's assignment")  # fmt: skip
        time.sleep(13)  # > the idle timeout (10 s): every empty partition is claimed idle
        producer.begin_transaction()
        for first in (True, False):
            for sig in signals:
                if (partition(sig) == 0) == first:
                    producer.produce(topic, value=serde.encode(topics.SIGNALS, sig),
                                     partition=partition(sig))  # fmt: skip
                    producer.poll(0)
            assert producer.flush(30) == 0  # on the broker, not yet readable
            if first:
                time.sleep(3)
        producer.commit_transaction(30)
        live = _collect(space, until=expected)
        text = scrape(f"http://127.0.0.1:{port}/metrics",
                      token_of({"TAHUB_DATA_DIR": str(tmp_path / "w1")}))  # fmt: skip
    finally:
        workers.stop_all()
    assert _summary(live) == expected, _diff(_summary(live), expected) + workers.logs()
    found = re.search(r"^tahub_detect_uncounted_entries_total (\S+)$", text, re.M)
    assert found is not None, text[-2000:]
    assert float(found.group(1)) == 0
