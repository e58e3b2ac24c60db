"""The main job (`tahub up`): brings every local piece up, supervises workers, reports health.

It owns the embedded warehouse (chDB allows one process per path), so status questions
about the warehouse come here over HTTP.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field

from aiohttp.web import RouteDef

from alerts.book import SubscriptionBook
from alerts.store import AlertStore
from consumers import migrations
from consumers.errors import WarehouseError
from consumers.retention import drop_expired_news_text
from consumers.sink import Sink
from consumers.warehouse import ChdbWarehouse, Warehouse, open_warehouse
from producers.intake.http import IntakeApi
from schemas.topics import ALL
from tahub import checks, datadir, wiring
from tahub.audit import Audit
from tahub.checks import Check
from tahub.errors import TahubError
from tahub.runtime import broker
from tahub.settings import Settings
from tahub.topics_admin import ensure_topics
from tahub.web import WebServer

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


class SinkThread:
    """The warehouse sink on a thread of the main job (chDB lives in this process),
    restarted with backoff if it fails."""

    def __init__(self, settings: Settings, warehouse: Warehouse, stop: threading.Event) -> None:
        self.s = settings
        self.wh = warehouse
        self.stop = stop
        self.sink: Sink | None = None
        self.restarts = 0
        self.error: str | None = None
        self.thread = threading.Thread(target=self._loop, name="sink", daemon=True)

    def _loop(self) -> None:
        backoff = 1.0
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                self.sink = wiring.sink(self.s, self.wh)
                self.sink.run(self.stop)
                return
            except Exception as err:  # supervised: log, back off, start a fresh consumer
                self.error = f"{type(err).__name__}: {err}"
                self.restarts += 1
                backoff = 1.0 if time.monotonic() - started > 60 else min(backoff * 2, 60.0)
                log.error("sink failed (%s); restarting in %.0f s", self.error, backoff)
                self.stop.wait(backoff)

    def check(self) -> Check:
        st = self.sink.status if self.sink else None
        if st is None:
            return Check("sink", False, self.error or "starting")
        detail = f"{st.state}, {st.landed} records landed, {st.dead_lettered} dead-lettered"
        if self.restarts:
            detail += f", {self.restarts} restart(s) (last: {self.error})"
        if st.state == "retrying":
            return Check("sink", False, f"warehouse failing, retrying: {st.last_error}")
        return Check("sink", st.state == "running" and self.thread.is_alive(), detail)


class MainJob:
    def __init__(self, settings: Settings, *, keep_broker: bool = False) -> None:
        self.s = settings
        self.keep_broker = keep_broker
        self.started_broker = False
        self.warehouse: Warehouse | None = None
        self.sink_warehouse: Warehouse | None = None
        self.sink: SinkThread | None = None
        self.children: list[Child] = []
        self._stop = threading.Event()
        self._next_retention = 0.0
        self.intake: IntakeApi | None = None
        self.book: SubscriptionBook | None = None
        self._alert_store: AlertStore | None = None

    # --- bring-up, in dependency order ---

    def bring_up(self) -> None:
        s = self.s
        fixed = datadir.secure(s.data_dir)
        if fixed:
            log.warning(
                "data dir: %d file(s) or folder(s) other users could read were made private "
                "(0600/0700), e.g. %s", len(fixed), fixed[0],
            )  # fmt: skip
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
        # chDB is one session per process; a server gets its own connection for the sink
        self.sink_warehouse = (
            self.warehouse
            if isinstance(self.warehouse, ChdbWarehouse)
            else open_warehouse(s.warehouse)
        )
        self.sink = SinkThread(s, self.sink_warehouse, self._stop)
        self.sink.thread.start()
        self.book = wiring.subscription_book(s)
        threading.Thread(
            target=self.book.run, args=(self._stop,), name="subscriptions", daemon=True
        ).start()
        for name, argv in (
            ("worker", ["worker"]),
            ("alerts", ["alerts", "run"]),
            ("news", ["news", "run"]),
        ):
            child = Child(name, [sys.executable, "-m", "tahub", *argv])
            child.start()
            self.children.append(child)

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
        if self.sink is not None:
            out.append(self.sink.check())
        out.append(self._alert_delivery())
        if self.book is not None:
            n = len(self.book.snapshot())
            ready = self.book.ready.is_set()
            out.append(Check("subscriptions", ready, f"{n} loaded" if ready else "loading"))
        for child in self.children:
            out.append(
                Check(
                    f"{child.name} process",
                    child.alive(),
                    f"pid {child.proc.pid if child.proc else '-'}, {child.restarts} restart(s)",
                )
            )
        return out

    def _alert_delivery(self) -> Check:
        """Queue depth and failing endpoints; a subscriber's broken endpoint is reported
        here but is not a fault of the platform, so the check stays green."""
        try:
            if self._alert_store is None:
                self._alert_store = wiring.alert_store(self.s)
            store = self._alert_store
            counts, failing = store.queue_counts(), [e for e in store.endpoints() if e.failing]
        except sqlite3.Error as err:
            return Check("alert delivery", False, f"alerts.db: {err}")
        waiting = counts.get("pending", 0) + counts.get("sending", 0)
        detail = (
            f"{waiting} waiting, {counts.get('sent', 0)} sent, {counts.get('failed', 0)} failed"
        )
        if failing:
            shown = ", ".join(f"{e.kind} {e.target}" for e in failing[:5])
            detail += f"; {len(failing)} endpoint(s) failing ({shown}): see `tahub alerts status`"
        return Check("alert delivery", True, detail)

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
        token = self._write_operator_token()
        web = WebServer(
            self.s.http_host,
            self.s.http_port,
            checks=self.local_checks,
            warehouse=lambda: self.warehouse,
            k=self.s.k_anonymity,
            operator_token=token,
            release_bin=self.s.release_bin,
            routes=self._intake_routes,
            max_body_bytes=self.s.intake_max_bulk_bytes,
            partner=lambda key: self.intake.authenticate(key) if self.intake else None,
            opener=wiring.vault(self.s).open,
            audit=Audit(self.s.data_dir / "audit.log"),
        )
        try:
            self.bring_up()
            web.start()
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
                self._retention()
            return 0
        finally:
            self.shutdown(web)

    def _intake_routes(self, pool: Executor) -> list[RouteDef]:
        assert self.book is not None  # bring_up made it before the web server starts
        self.intake, routes = wiring.partner_routes(self.s, pool, self.book)
        return routes

    def _write_operator_token(self) -> str:
        token = secrets.token_urlsafe(32)
        path = self.s.operator_token_path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(token)
        return token

    def _retention(self) -> None:
        if self.warehouse is None or time.monotonic() < self._next_retention:
            return
        self._next_retention = time.monotonic() + 3600
        try:
            dropped = drop_expired_news_text(self.warehouse, self.s.news_text_retention_days)
        except WarehouseError as err:
            log.warning("news text retention failed: %s", err)
            return
        if dropped:
            log.info("retention: dropped news text for %s", ", ".join(dropped))

    def shutdown(self, web: WebServer) -> None:
        self._stop.set()
        for child in self.children:
            child.stop()
        if self.sink is not None:
            self.sink.thread.join(30)
        web.stop()
        if self.intake is not None:
            self.intake.close()
        if self.sink_warehouse is not None and self.sink_warehouse is not self.warehouse:
            self.sink_warehouse.close()
        if self.warehouse is not None:
            self.warehouse.close()
        if self.started_broker and not self.keep_broker:
            broker.stop(wiring.broker_config(self.s))
            log.info("kafka: stopped (it was started by this job)")
