"""The real main job (`tahub up`) for whole-pipeline tests: started in a process group of
its own (so a kill -9 takes its worker, alerts and news processes with it, as a crash of
the machine or container would), partners set up beside it, and a retrying client."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tahub import wiring
from tahub.settings import Settings, load_settings
from tests.test_mainjob import _env

RETRYABLE = {429, 500, 502, 503, 504}


def job_env(
    data: Path, bootstrap: str, warehouse_url: str | None = None, **extra: str
) -> dict[str, str]:
    """`tahub up` on the test session's Kafka, topics of its own, chDB in ``data`` or
    ``warehouse_url`` (a ClickHouse server: servers mode, the file registry kept)."""
    tag = uuid.uuid4().hex[:8]
    env = _env(data, TAHUB_KAFKA_BOOTSTRAP=bootstrap, TAHUB_TOPIC_PREFIX=f"j{tag}.",
               TAHUB_APP_ID=f"app-{tag}")  # fmt: skip
    if warehouse_url is not None:
        env |= {
            "TAHUB_MODE": "servers",
            "TAHUB_WAREHOUSE_URL": warehouse_url,
            "TAHUB_SCHEMA_REGISTRY_URL": f"file://{data / 'registry'}",
        }
    env.update(extra)
    return env


@dataclass
class Job:
    env: dict[str, str]
    log: Path
    proc: subprocess.Popen[str] | None = None
    keys: dict[str, str] = field(default_factory=dict)

    @property
    def data(self) -> Path:
        return Path(self.env["TAHUB_DATA_DIR"])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.env['TAHUB_HTTP_PORT']}"

    def settings(self) -> Settings:
        """The job's settings as seen from the test process (its data dir, topics)."""
        over = {k[6:].lower(): v for k, v in self.env.items() if k.startswith("TAHUB_")}
        over.pop("test_kafka_bootstrap", None)
        over.pop("test_clickhouse_url", None)
        return load_settings(**over)

    def start(self, timeout: float = 180) -> float:
        """Seconds until it printed 'tahub is up'."""
        t0 = time.monotonic()
        with self.log.open("a") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tahub", "up"], env=self.env, stdout=subprocess.PIPE,
                stderr=log, text=True, start_new_session=True,
            )  # fmt: skip
        from tests.test_mainjob import _wait_for_line

        _wait_for_line(self.proc, "tahub is up", timeout)
        return time.monotonic() - t0

    def kill9(self) -> None:
        """SIGKILL to the job and every process it started: no flush, no commit."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)
        self.proc = None

    def stop(self) -> int:
        if self.proc is None:
            return 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(90)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            code = self.proc.wait(30)
        self.proc = None
        return code

    # --- partners ---

    def org(self, org_id: str, kind: str = "ngo") -> str:
        """An organisation with an API key (the access store is safe across processes)."""
        from producers.intake.access import OrgKind

        store = wiring.access(self.settings())
        if not store.org_exists(org_id):
            store.add_org(org_id, org_id.upper(), OrgKind(kind))
        self.keys[org_id] = store.issue_key(org_id, "test")[1]
        return self.keys[org_id]

    def grant(self, org_id: str, **secrets: str) -> None:
        vault = wiring.vault(self.settings())
        try:
            for name, value in secrets.items():
                vault.put_secret(org_id, name, value)
        finally:
            vault.close()

    def auth(self, org_id: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[org_id]}"}

    def subscribe(self, org_id: str, spec: dict[str, Any]) -> str:
        r = httpx.post(f"{self.base}/api/v1/subscriptions", json=spec, headers=self.auth(org_id),
                       timeout=30)  # fmt: skip
        assert r.status_code == 201, r.text
        return str(r.json()["subscription_id"])

    def submit(self, org_id: str, item: dict[str, Any], deadline: float = 120) -> httpx.Response:
        """A retrying client: again on 5xx, 429 and refused connections (the job may be
        down or restarting) until it is answered for good."""
        end = time.monotonic() + deadline
        while True:
            try:
                r = httpx.post(f"{self.base}/api/v1/incidents", json=item,
                               headers=self.auth(org_id), timeout=30)  # fmt: skip
                if r.status_code not in RETRYABLE:
                    return r
            except httpx.HTTPError:
                pass
            if time.monotonic() > end:
                raise AssertionError(f"no answer for good within {deadline:.0f} s")
            time.sleep(0.5)

    def outbox(self, org_id: str, target: str) -> list[dict[str, Any]]:
        path = self.data / "outbox" / org_id / f"{target}.jsonl"
        if not path.exists():
            return []
        return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]

    def tail(self) -> str:
        return self.log.read_text()[-6000:] if self.log.exists() else ""


def signals_of(item: dict[str, Any], org_id: str) -> int:
    """How many signals the stream worker makes of one accepted submission (the pure
    functions the intake and the worker run)."""
    from datetime import UTC, datetime

    from producers.intake.submission import Submission, parse, to_incident
    from schemas.models import Incident
    from streams.normalize import incident_signals

    sub = parse(item)
    assert isinstance(sub, Submission), sub
    rec = to_incident(sub, org_id=org_id, submitted_at=datetime.now(UTC), incident="x")
    return len(incident_signals(Incident.from_avro(rec)))
