"""The README's first command: `tahub up` brings everything up, `tahub status` is green,
and the worker dead-letters bad input with the reason and origin."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from schemas import topics
from schemas.models import DeadLetter
from schemas.registry import open_registry
from schemas.serde import Serde
from tahub.runtime.ports import answers, free_port
from tests.samples import all_samples


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TAHUB_") or k.startswith("TAHUB_TEST")
    }
    env.update(
        {
            "TAHUB_DATA_DIR": str(data_dir),
            "TAHUB_HTTP_PORT": str(free_port()),
            "TAHUB_PARTITIONS": "2",
        }
    )
    env.update(extra)
    return env


@pytest.mark.kafka
def test_up_in_local_mode_manages_its_own_broker(tmp_path: Path) -> None:
    import shutil

    if shutil.which("java") is None or shutil.which("mvn") is None:
        from tests.services import missing

        missing("java/mvn not installed")
    port, cport = free_port(), free_port()
    env = _env(
        tmp_path / "data",
        TAHUB_LOCAL_KAFKA_PORT=str(port),
        TAHUB_LOCAL_KAFKA_CONTROLLER_PORT=str(cport),
    )
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "tahub", "up", "--exit-when-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "tahub is up" in proc.stdout
    print(f"tahub up (fresh data dir, cached jars): {time.monotonic() - t0:.1f} s")
    # it started the broker, so it stopped it again
    assert not answers(port)
    assert (tmp_path / "data" / "kafka" / "data" / "meta.properties").exists()
    assert (tmp_path / "data" / "registry" / "registry.json").exists()


def _wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    os.set_blocking(proc.stdout.fileno(), False)
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line:
            seen.append(line)
            if needle in line:
                return seen
        elif proc.poll() is not None:
            break
        else:
            time.sleep(0.1)
    pytest.fail(f"never printed {needle!r}; exit={proc.poll()} output={''.join(seen)[-2000:]}")
    raise AssertionError


def _read_dead_letters(
    bootstrap: str, topic: str, serde: Serde, want: int, timeout: float = 60
) -> list[DeadLetter]:
    from confluent_kafka import Consumer

    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"t-{uuid.uuid4()}",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    consumer.subscribe([topic])
    out: list[DeadLetter] = []
    deadline = time.monotonic() + timeout
    try:
        while len(out) < want and time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None or msg.error():
                continue
            out.append(DeadLetter.from_avro(serde.decode(topics.DLQ, msg.value())))
    finally:
        consumer.close()
    return out


@pytest.mark.kafka
def test_up_status_green_and_worker_dead_letters_bad_input(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    prefix = f"m{uuid.uuid4().hex[:8]}."
    app_id = f"app-{uuid.uuid4().hex[:8]}"
    env = _env(
        tmp_path / "data",
        TAHUB_KAFKA_BOOTSTRAP=kafka_bootstrap,
        TAHUB_TOPIC_PREFIX=prefix,
        TAHUB_APP_ID=app_id,
    )
    up = subprocess.Popen(
        [sys.executable, "-m", "tahub", "up"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        _wait_for_line(up, "tahub is up", 120)
        status = subprocess.run(
            [sys.executable, "-m", "tahub", "status"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert status.returncode == 0, status.stdout + status.stderr
        for part in ("kafka", "topics", "worker", "registry", "warehouse", "worker process"):
            assert any(
                line.split()[1:2] == part.split()[:1] for line in status.stdout.splitlines()
            ), part

        serde = Serde(open_registry(f"file://{tmp_path / 'data' / 'registry'}"), prefix)
        from confluent_kafka import Producer

        producer = Producer({"bootstrap.servers": kafka_bootstrap})
        incidents = topics.INCIDENTS.physical(prefix)
        good = all_samples("ok")["Incident"].to_avro()
        bad_country: dict[str, Any] = {
            **good,
            "incident_id": "bad-1",
            "exploitation_places": [{"country": "UK", "lat": None, "lon": None, "name": None}],
        }
        producer.produce(
            incidents, key=b"g", value=serde.encode(topics.INCIDENTS, good), partition=0
        )
        producer.produce(incidents, key=b"x", value=b"\x01not avro at all", partition=0)
        producer.produce(
            incidents, key=b"b", value=serde.encode(topics.INCIDENTS, bad_country), partition=0
        )
        assert producer.flush(10) == 0

        letters = _read_dead_letters(kafka_bootstrap, topics.DLQ.physical(prefix), serde, want=2)
        assert len(letters) == 2
        by_kind = {d.error_kind: d for d in letters}
        magic = by_kind["bad_magic_byte"]
        assert (magic.source_topic, magic.partition, magic.offset) == (incidents, 0, 1)
        assert magic.stage == "decode"
        assert magic.payload_size == len(b"\x01not avro at all")
        invalid = by_kind["validation"]
        assert (invalid.partition, invalid.offset) == (0, 2)
        assert invalid.errors[0].path == "exploitation_places.0.country"
        assert "did you mean 'GB'" in invalid.errors[0].reason
        assert invalid.org_id == "org-ngo-a"
    finally:
        up.send_signal(signal.SIGTERM)
        try:
            code = up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()
            raise
    assert code == 0
