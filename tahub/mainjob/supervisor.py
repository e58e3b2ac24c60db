"""The main job's supervisor: brings every local piece up in dependency order, waits until
all are healthy, watches the child processes (restarting them with backoff) and stops
everything in reverse order.

It owns the embedded warehouse (chDB allows one process per path), so status questions
about the warehouse come here over HTTP (`/health`, served by the job's HTTP service).
"""

from __future__ import annotations

import logging
import signal
import sqlite3
import sys
import threading
import time
from functools import partial

from prometheus_client import REGISTRY

from alerts.store import AlertStore
from schemas.topics import ALL
from tahub import build_info, checks, datadir, metrics_auth, wiring
from tahub.checks import Check
from tahub.errors import TahubError
from tahub.health import collect
from tahub.mainjob import child_metrics
from tahub.mainjob.broker_service import BrokerService
from tahub.mainjob.child_metrics import ChildMetrics, Target
from tahub.mainjob.children import Child
from tahub.mainjob.http_service import HttpService
from tahub.mainjob.job_metrics import JobCollector
from tahub.mainjob.kafka_probe import KafkaProbe
from tahub.mainjob.operator_alerts import ChannelError, OperatorAlerts, OperatorConfig
from tahub.mainjob.operator_alerts import config as operator_config
from tahub.mainjob.ops_service import OpsData
from tahub.mainjob.sink_service import SinkService
from tahub.mainjob.stall_watch import StallWatch, StallWatchService
from tahub.mainjob.subscriptions_service import SubscriptionsService
from tahub.mainjob.warehouse_service import WarehouseService
from tahub.settings import Settings
from tahub.topics_admin import ensure_topics

log = logging.getLogger("tahub.main")

# the child processes: `python -m tahub <argv>`
CHILDREN = (
    ("worker", ["worker"]),
    ("alerts", ["alerts", "run"]),
    ("news", ["news", "run"]),
)


class MainJob:
    def __init__(self, settings: Settings, *, keep_broker: bool = False) -> None:
        self.s = settings
        self._stop = threading.Event()
        self.broker = BrokerService(settings, keep=keep_broker)
        self.warehouse = WarehouseService(settings)
        self.sink: SinkService | None = None
        self.subscriptions: SubscriptionsService | None = None
        self.children: list[Child] = []
        self._alert_store: AlertStore | None = None
        self.operators: OperatorAlerts | None = None
        self.stall_watch: StallWatchService | None = None
        self._ops: OpsData | None = None
        self.kafka = KafkaProbe(settings, self._stop)
        token = metrics_auth.metrics_token(settings)  # the children's ports want it too
        self.scrape = ChildMetrics(
            self._metric_targets(), partial(child_metrics.fetch, token=token)
        )

    # --- bring-up, in dependency order ---

    def bring_up(self) -> None:
        s = self.s
        fixed = datadir.secure(s.data_dir)
        if fixed:
            log.warning(
                "data dir: %d file(s) or folder(s) other users could read were made private "
                "(0600/0700), e.g. %s", len(fixed), fixed[0],
            )  # fmt: skip
        self.broker.start()
        self.kafka.start()
        states = ensure_topics(
            s.kafka_client_config(), s.topic_prefix, s.partitions, s.replication_factor
        )
        log.info("topics: %s", ", ".join(f"{t.name} {t.outcome}" for t in states))
        ids = wiring.serde(s).register_all(ALL)
        log.info("registry: %d schemas registered at %s", len(ids), s.registry_url)
        self.warehouse.start()
        assert self.warehouse.sink_connection is not None  # start() opened it
        if s.job_sink:
            self.sink = SinkService(s, self.warehouse.sink_connection, self._stop)
            self.sink.start()
        self.subscriptions = SubscriptionsService(s, self._stop)
        self.subscriptions.start()
        for name, argv in CHILDREN:
            if name not in s.children:
                continue  # run elsewhere (a container of its own)
            child = Child(name, [sys.executable, "-m", "tahub", *argv])
            child.start()
            self.children.append(child)

    def _metric_targets(self) -> list[Target]:
        s = self.s
        ports = {"worker": s.worker_metrics_port, "alerts": s.alerts_metrics_port,
                 "news": s.news_metrics_port}  # fmt: skip
        # a child listening on every address (a container) answers on loopback
        host = "127.0.0.1" if s.http_host in {"0.0.0.0", "::", ""} else s.http_host  # noqa: S104
        return [
            Target(name, f"http://{host}:{port}/metrics", partial(self._pid, name))
            for name, _ in CHILDREN
            if name in s.children and (port := ports.get(name))
        ]

    def _pid(self, name: str) -> int | None:
        child = next((c for c in self.children if c.name == name), None)
        return child.proc.pid if child is not None and child.alive() and child.proc else None

    # --- health and readiness ---

    def local_checks(self) -> list[Check]:
        """What /health answers from: every dependency the job runs or needs, Kafka too
        (red while it does not answer, so /health is 503 then)."""
        out = [self.kafka.check(), self.kafka.lag_check()]
        broker = self.broker.check()
        if broker is not None:
            out.append(broker)
        out.append(self.warehouse.check())
        if self.sink is not None:
            out.append(self.sink.check())
        out.append(self._alert_delivery())
        if self.subscriptions is not None:
            out.append(self.subscriptions.check())
        if self.operators is not None:
            out.append(self.operators.check())
        for child in self.children:
            out.append(
                Check(
                    f"{child.name} process",
                    child.alive(),
                    f"pid {child.proc.pid if child.proc else '-'}, {child.restarts} restart(s)",
                )
            )
        return out

    def restarts(self) -> dict[str, int]:
        """Restarts since the job started, of every process or thread it tends."""
        out = {f"{c.name} process": c.restarts for c in self.children}
        if self.sink is not None:
            out["sink"] = self.sink.restarts
        if self.s.uses_local_broker:
            out["kafka broker (local)"] = self.broker.restarts
        return out

    def _alert_delivery(self) -> Check:
        """Queue depth and how many endpoints of the alerts process are failing; a
        subscriber's broken endpoint is counted here but is not a fault of the platform, so
        the check stays green. /health answers anyone who reaches the port, so it never
        names an endpoint (a partner's webhook host, Slack channel or outbox): the operator
        reads them with `tahub status`, `tahub alerts status` or on /ops."""
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
            detail += f"; {len(failing)} endpoint(s) failing: see `tahub alerts status`"
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

    # --- the job ---

    def run(self, *, exit_when_ready: bool = False) -> int:
        t0 = time.monotonic()
        try:  # a wrong operator channel stops the start before anything is brought up
            operators = operator_config(self.s)
        except ChannelError as err:
            raise TahubError(str(err)) from None
        wiring.require_scrubbers()
        build_info.publish()
        own = JobCollector(self.local_checks, self.restarts, lambda: collect.disk(self.s))
        REGISTRY.register(own)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: self._stop.set())
        http = HttpService(
            self.s,
            checks=self.local_checks,
            warehouse=lambda: self.warehouse.connection,
            book=lambda: self.subscriptions.book if self.subscriptions else None,
            metrics=self.scrape.body,
            restarts=self.restarts,
        )
        try:
            self.bring_up()
            http.start()
            self.wait_ready()
            if not exit_when_ready:
                self._tell_operators(operators)
                self._watch_stalls()
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
                self.broker.tend()
                for child in self.children:
                    child.tend()
                self.warehouse.retain_if_due()
            return 0
        finally:
            self.shutdown(http)
            REGISTRY.unregister(own)

    def _tell_operators(self, cfg: OperatorConfig) -> None:
        """Operator alerts start once everything is up: a start is not an incident. They
        judge with looks at the offsets shared with the stall watch (the /ops page's are
        the HTTP server's) and the job's own checks, as /ops does."""
        ops = self._looks()
        self.operators = OperatorAlerts(cfg, lambda now: list(ops.judged(now)[3].findings),
                                        self._stop)  # fmt: skip
        self.operators.start()

    def _looks(self) -> OpsData:
        """One set of looks at the stages' offsets for the operator alerts and the stall
        watch (each look is a Kafka round trip; they share it within its few seconds)."""
        if self._ops is None:
            self._ops = OpsData(self.s, checks=self.local_checks, warehouse=lambda: None,
                                restarts=self.restarts)  # fmt: skip
        return self._ops

    def _watch_stalls(self) -> None:
        """Restart a child whose stage stays stalled (tahub/mainjob/stall_watch.py)."""
        if not self.s.stall_restart_seconds or not self.children:
            return
        ops = self._looks()
        by_name = {c.name: c for c in self.children}
        watch = StallWatch(self.s.stall_restart_seconds, grace=self.s.stall_restart_grace)
        self.stall_watch = StallWatchService(
            watch, ops.stages,
            started=lambda: {c.name: c.started_at for c in self.children if c.alive()},
            restart=lambda name, why: by_name[name].recycle(why),
            stop=self._stop, clock=time.monotonic, wall=time.time,
        )  # fmt: skip
        self.stall_watch.start()

    def shutdown(self, http: HttpService) -> None:
        """In this order: the stop event (the sink, the subscription book and the watch
        loop see it), the child processes (asked at once, then waited for), the sink
        (waited for up to 30 s), the HTTP server and the partner API, the warehouse, and
        the broker if this job started it."""
        self._stop.set()
        for child in self.children:
            child.ask_to_stop()
        for child in self.children:
            child.wait_stopped()
        if self.sink is not None:
            self.sink.stop()
        if self.subscriptions is not None:
            self.subscriptions.stop()
        if self.operators is not None:
            self.operators.stop()
        if self.stall_watch is not None:
            self.stall_watch.stop()
        http.stop()
        self.scrape.close()
        self.warehouse.stop()
        self.broker.stop()
