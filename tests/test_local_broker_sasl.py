"""The local broker with SASL on: only tahub's own user gets in (issue 16.6).

A local user on the host can reach a loopback port; with TAHUB_LOCAL_KAFKA_SASL the broker
asks for SCRAM-SHA-512 credentials that only tahub's user can read, and its authorizer
denies every other principal."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tahub.runtime.ports import free_port
from tests.services import missing

pytestmark = pytest.mark.kafka


def _tahub(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tahub", *args], env=env, capture_output=True, text=True,
        timeout=180,
    )  # fmt: skip


def test_only_tahub_gets_into_a_sasl_local_broker(tmp_path: Path) -> None:
    from confluent_kafka import KafkaException, Producer
    from confluent_kafka.admin import AdminClient

    if shutil.which("java") is None or shutil.which("mvn") is None:
        missing("java/mvn not installed")
    port, cport = free_port(), free_port()
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")}
    env |= {
        "TAHUB_DATA_DIR": str(data),
        "TAHUB_LOCAL_KAFKA_PORT": str(port),
        "TAHUB_LOCAL_KAFKA_CONTROLLER_PORT": str(cport),
        "TAHUB_LOCAL_KAFKA_SASL": "true",
    }
    started = _tahub(env, "broker", "start")
    assert started.returncode == 0, started.stderr[-2000:]
    try:
        created = _tahub(env, "topics", "create")
        assert created.returncode == 0, created.stderr[-2000:]
        secret = data / "kafka" / "client.secret"
        assert secret.stat().st_mode & 0o777 == 0o600
        password = secret.read_text().strip()
        sasl = {"security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "SCRAM-SHA-512",
                "sasl.username": "tahub"}  # fmt: skip
        good = {"bootstrap.servers": f"127.0.0.1:{port}", **sasl, "sasl.password": password}
        topics = AdminClient(good).list_topics(timeout=10).topics
        assert "tahub.incidents" in topics
        producer = Producer(good)
        producer.produce("tahub.dlq", b"x")
        assert producer.flush(10) == 0
        # no credentials, or the wrong ones: nothing
        for conf in (
            {"bootstrap.servers": f"127.0.0.1:{port}"},
            {"bootstrap.servers": f"127.0.0.1:{port}", **sasl, "sasl.password": "guess"},
        ):
            with pytest.raises(KafkaException):
                AdminClient({**conf, "log_level": "0"}).list_topics(timeout=5)
        # the stream worker's client (aiokafka, through Faust's credentials) gets in too
        from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

        from streams.app import _credentials

        auth = credentials_to_aiokafka_auth(_credentials({**sasl, "sasl.password": password}))

        async def send() -> None:
            from aiokafka import AIOKafkaProducer

            p = AIOKafkaProducer(bootstrap_servers=f"127.0.0.1:{port}", **auth)
            await p.start()
            try:
                await p.send_and_wait("tahub.dlq", b"y")
            finally:
                await p.stop()

        asyncio.run(send())
        status = _tahub(env, "broker", "status")
        assert status.returncode == 0, status.stdout + status.stderr
    finally:
        _tahub(env, "broker", "stop")
