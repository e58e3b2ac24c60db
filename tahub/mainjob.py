"""The main job (`tahub up`): brings every local piece up, supervises workers, reports health.

It owns the embedded warehouse (chDB allows one process per path), so status questions
about the warehouse come here over HTTP.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from consumers import migrations
from consumers.errors import WarehouseError
from consumers.warehouse import Warehouse, open_warehouse
from schemas.topics import ALL
from tahub import checks, wiring
from tahub.checks import Check
from tahub.errors import TahubError
from tahub.health import HealthServer
from tahub.runtime import broker
from tahub.settings import Settings
from tahub.topics_admin import ensure_topics

log = logging.getLogger("tahub.main")


@dataclass
class Child:
    """A supervised subprocess, restarted with backoff when it dies."""

    name: str
    argv: list[str]
    proc: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    backoff: float = 1.0
    next_start: float = 0.0
    started_at: float = field(default=0.0)

    def start(self) -> None:
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL)
        self.started_at = time.monotonic()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def tend(self) -> None:
        if self.alive() or time.monotonic() < self.next_start:
            return
        if self.proc is not None:
            code = self.proc.returncode
            ran = time.monotonic() - self.started_at
            self.backoff = 1.0 if ran > 60 else min(self.backoff * 2, 60.0)
            self.restarts += 1
            log.error(
                "%s exited with %s after %.0f s; restarting in %.0f s",
                self.name,
                code,
                ran,
                self.backoff,
            )
            self.next_start = time.monotonic() + self.backoff
            self.proc = None
            return
        self.start()

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class MainJob:
    def __init__(self, settings: Settings, *, keep_broker: bool = False) -> None:
        self.s = settings
        self.keep_broker = keep_broker
        self.started_broker = False
        self.warehouse: Warehouse | None = None
        self.children: list[Child] = []
        self._stop = threading.Event()

    # --- bring-up, in dependency order ---

    def bring_up(self) -> None:
        s = self.s
        if s.uses_local_broker:
            cfg = wiring.broker_config(s, fetch=True)
            was_running = broker.status(cfg).running
            broker.start(cfg)
            self.started_broker = not was_running
            log.info(
                "kafka: %s at %s",
                "started" if self.started_broker else "already running",
                cfg.bootstrap,
            )
        states = ensure_topics(
            s.kafka_client_config(), s.topic_prefix, s.partitions, s.replication_factor
        )
        log.info("topics: %s", ", ".join(f"{t.name} {t.outcome}" for t in states))
        ids = wiring.serde(s).register_all(ALL)
        log.info("registry: %d schemas registered at %s", len(ids), s.registry_url)
        self.warehouse = open_warehouse(s.warehouse)
        ran = migrations.migrate(self.warehouse)
        log.info("warehouse: %s, %d migration(s) applied", self.warehouse.name, len(ran))
        worker = Child("worker", [sys.executable, "-m", "tahub", "worker"])
        worker.start()
        self.children.append(worker)

    def local_checks(self) -> list[Check]:
        out = []
        wh = self.warehouse
        if wh is None:
            out.append(Check("warehouse", False, "not open yet"))
        else:
            try:
                pending = [m.version for m, done in migrations.status(wh) if not done]
                out.append(
                    Check(
                        "warehouse",
                        not pending,
                        f"{wh.name}, "
                        + (f"pending migrations {pending}" if pending else "migrated"),
                    )
                )
            except WarehouseError as err:
                out.append(Check("warehouse", False, str(err)))
        for child in self.children:
            out.append(
                Check(
                    f"{child.name} process",
                    child.alive(),
                    f"pid {child.proc.pid if child.proc else '-'}, {child.restarts} restart(s)",
                )
            )
        return out

    def wait_ready(self, timeout: float = 90.0) -> float:
        """Seconds until every check is green, or TahubError naming what is not."""
        t0 = time.monotonic()
        while True:
            results = self.all_checks()
            if all(c.ok for c in results):
                return time.monotonic() - t0
            if self._stop.is_set():
                raise TahubError("interrupted during start-up")
            if time.monotonic() - t0 > timeout:
                bad = "; ".join(f"{c.component}: {c.detail}" for c in results if not c.ok)
                raise TahubError(f"not ready after {timeout:.0f} s: {bad}")
            for child in self.children:
                if child.proc is not None and child.proc.poll() is not None:
                    raise TahubError(
                        f"{child.name} exited with {child.proc.returncode} during start-up"
                    )
            self._stop.wait(0.5)

    def all_checks(self) -> list[Check]:
        return [*checks.kafka(self.s), checks.registry(self.s), *self.local_checks()]

    def run(self, *, exit_when_ready: bool = False) -> int:
        t0 = time.monotonic()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: self._stop.set())
        health = HealthServer(self.s.http_host, self.s.http_port, self.local_checks)
        try:
            self.bring_up()
            health.start()
            self.wait_ready()
            log.info(
                "tahub is up in %.1f s; health at http://%s:%s/health",
                time.monotonic() - t0,
                self.s.http_host,
                self.s.http_port,
            )
            print(
                f"tahub is up ({time.monotonic() - t0:.1f} s). "
                "`tahub status` shows each part; Ctrl-C stops.",
                flush=True,
            )
            if exit_when_ready:
                return 0
            while not self._stop.wait(1.0):
                for child in self.children:
                    child.tend()
            return 0
        finally:
            self.shutdown(health)

    def shutdown(self, health: HealthServer) -> None:
        for child in self.children:
            child.stop()
        health.stop()
        if self.warehouse is not None:
            self.warehouse.close()
        if self.started_broker and not self.keep_broker:
            broker.stop(wiring.broker_config(self.s))
            log.info("kafka: stopped (it was started by this job)")
