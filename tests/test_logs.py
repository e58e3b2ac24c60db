"""One log format across processes: text by default, JSON lines with TAHUB_LOG_FORMAT=json,
context fields where they apply, never payloads or secrets."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from consumers.kit.logfmt import JsonFormatter, TextFormatter
from tahub import redact


def _record(msg: str, *args: object, **extra: object) -> logging.LogRecord:
    redact.install()  # as every tahub process does: records are masked as they are made
    return logging.getLogger("tahub.test").makeRecord(
        "tahub.test", logging.WARNING, __file__, 1, msg, args, None, extra=extra
    )


def test_json_lines_carry_the_named_fields_and_nothing_else() -> None:
    rec = _record("rejected %s[%s]@%s", "t.incidents", 0, 7, stage="decode",
                  topic="t.incidents", partition=0, offset=7, payload=b"survivor's story",
                  settings="kafka_sasl_password=hunter2")  # fmt: skip
    out = json.loads(JsonFormatter().format(rec))
    assert set(out) == {"time", "level", "logger", "message", "pid", "stage", "topic",
                        "partition", "offset"}  # fmt: skip
    assert out["message"] == "rejected t.incidents[0]@7"
    assert (out["level"], out["logger"], out["offset"]) == ("WARNING", "tahub.test", 7)
    assert out["time"].endswith("+00:00")
    assert "survivor" not in json.dumps(out)
    assert "hunter2" not in json.dumps(out)


def test_secrets_in_messages_and_tracebacks_are_masked_in_both_formats() -> None:
    try:
        raise ValueError("cannot reach clickhouse://tahub:s3cret@db:9000/tahub")
    except ValueError:
        rec = logging.getLogger("tahub.test").makeRecord(
            "tahub.test", logging.ERROR, __file__, 1, "token %s", ("xoxb-123-456-abc",),
            sys.exc_info(),
        )  # fmt: skip
    for line in (JsonFormatter().format(rec), TextFormatter().format(rec)):
        assert "s3cret" not in line
        assert "xoxb-123" not in line
    assert "ValueError" in json.loads(JsonFormatter().format(rec))["exc"]


def test_text_lines_end_with_their_context() -> None:
    rec = _record("insert failed", stage="sink")
    assert TextFormatter().format(rec).endswith("WARNING tahub.test: insert failed [stage=sink]")
    assert TextFormatter().format(_record("plain")).endswith("tahub.test: plain")


def _env(data: Path, bootstrap: str, prefix: str) -> dict[str, str]:
    from tahub.runtime.ports import free_port

    feeds = data.parent / "feeds.toml"
    feeds.write_text("feeds = []\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")}
    env.update({
        "TAHUB_DATA_DIR": str(data), "TAHUB_HTTP_PORT": str(free_port()),
        "TAHUB_KAFKA_BOOTSTRAP": bootstrap, "TAHUB_TOPIC_PREFIX": prefix,
        "TAHUB_APP_ID": f"app-{uuid.uuid4().hex[:8]}", "TAHUB_PARTITIONS": "2",
        "TAHUB_NEWS_FEEDS": str(feeds), "TAHUB_NEWS_METRICS_PORT": "0",
        "TAHUB_ALERTS_METRICS_PORT": "0", "TAHUB_WORKER_METRICS_PORT": "0",
        "TAHUB_LOG_FORMAT": "json",
    })  # fmt: skip
    return env


@pytest.mark.kafka
def test_the_main_job_and_its_children_log_json_lines(kafka_bootstrap: str, tmp_path: Path) -> None:
    """`tahub up` with TAHUB_LOG_FORMAT=json on a fresh prefix: the job, the worker
    (Faust), the alerts and news processes write JSON lines to stderr; a bad record's
    dead letter is logged with stage, topic, partition and offset and without its bytes;
    the worker starts without "Topic … detect.keys not found in cluster metadata"."""
    from confluent_kafka import Producer

    from tests.test_mainjob import _wait_for_line

    prefix = f"l{uuid.uuid4().hex[:8]}."
    env = _env(tmp_path / "data", kafka_bootstrap, prefix)
    log_path = tmp_path / "up.log"
    with log_path.open("w") as log:
        up = subprocess.Popen([sys.executable, "-m", "tahub", "up"], env=env,
                              stdout=subprocess.PIPE, stderr=log, text=True)  # fmt: skip
        try:
            _wait_for_line(up, "tahub is up", 180)
            producer = Producer({"bootstrap.servers": kafka_bootstrap})
            producer.produce(f"{prefix}incidents", b"PAYLOAD-MARKER not avro", partition=1)
            assert producer.flush(10) == 0
            deadline = time.monotonic() + 60
            while log_path.read_text().count('"offset": 0') < 2:  # the intake stage and the sink
                assert time.monotonic() < deadline, log_path.read_text()[-3000:]
                time.sleep(0.5)
        finally:
            up.send_signal(signal.SIGTERM)
            up.wait(60)
    lines = [x for x in log_path.read_text().splitlines() if x.strip()]
    parsed, other = [], []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            other.append(line)
    assert not other, other  # every process, the detection fan-out's included
    loggers = {p["logger"] for p in parsed}
    assert {"tahub.main"} <= loggers
    pids = {p["pid"] for p in parsed}
    assert len(pids) >= 2, pids  # the job and at least one child
    letters = [p for p in parsed if p.get("stage") in ("decode", "sink")]
    assert {(p["topic"], p["partition"], p["offset"]) for p in letters} == {
        (f"{prefix}incidents", 1, 0)
    }
    text = log_path.read_text()
    assert "PAYLOAD-MARKER" not in text
    assert "not found in cluster metadata" not in text
    print(f"{len(parsed)} JSON lines from {len(pids)} processes, {len(other)} other")
