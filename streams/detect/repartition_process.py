"""The fan-out in a process of its own, started and watched by the Faust worker.

One Python process runs on one core at a time. Fan-out (decoding and keying every
signal) and counting (the Faust agent) each keep a core busy under load, so the worker
runs the fan-out as a child process: on the 2-core reference machine that roughly
doubles what one worker sustains. The child:

- builds everything from the picklable ``StreamConfig`` (spawned, not forked: the
  parent runs an event loop and Kafka client threads);
- stops when asked, when its parent is gone (a kill -9 of the worker must not leave a
  reader holding the partitions), or when it fails — the worker then stops too;
- sends its counts to the parent once a second, which serves them as metrics.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import queue
import threading
from collections import Counter
from typing import TYPE_CHECKING, Any

from consumers.kit import logfmt
from streams import metrics
from streams.stream_config import StreamConfig

if TYPE_CHECKING:  # the fan-out's imports load in the child only
    from streams.detect.repartition import RepartitionSettings

log = logging.getLogger(__name__)

REPORT_EVERY = 1.0  # seconds


def repartition_settings(cfg: StreamConfig) -> RepartitionSettings:
    from streams.detect.repartition import RepartitionSettings

    return RepartitionSettings(
        kafka={"bootstrap.servers": cfg.bootstrap, **cfg.security},
        group=f"{cfg.app_id}-fanout",  # its name before the stage was renamed: offsets kept
        prefix=cfg.topic_prefix,
        partitions=cfg.partitions,
        session_timeout=cfg.session_timeout,
        heartbeat_interval=cfg.heartbeat_interval,
        upstream_group=f"{cfg.app_id}-intake",  # streams.agents.intake_settings' group
    )


def _child(
    cfg: StreamConfig, stop: Any, reports: Any, parent: int, *, level: int, fmt: str
) -> None:
    """The child's whole life (runs in the spawned process)."""
    import faulthandler
    import signal

    faulthandler.enable()  # as tahub.cli.main does: a native abort shows the Python stacks
    # Ctrl-C reaches the whole process group: the worker stops this child through ``stop``
    # (flushing what it sent), so an interrupt here would only cut that short
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logfmt.setup(level, fmt)  # the worker's format, text or JSON lines
    logging.getLogger("streams").setLevel(min(level, logging.INFO))  # assignments, at least
    from consumers.kit import lograte

    lograte.install()
    from schemas.registry import open_registry
    from schemas.serde import Serde
    from streams.detect.config import load
    from streams.detect.repartition import Repartition
    from streams.gc_tuning import tune_gc

    tune_gc()
    serde = Serde(open_registry(cfg.registry_url, user_info=cfg.registry_user_info),
                  cfg.topic_prefix)  # fmt: skip
    fanout = Repartition(repartition_settings(cfg), serde, load(cfg.detector_config))
    # the counts are only metrics: at exit, never wait for an orphan's pipe to drain
    reports.cancel_join_thread()
    done = threading.Event()
    sent: Counter[str] = Counter()

    def send() -> None:
        current = Counter(fanout.stats)
        reports.put((dict(current - sent), fanout.watermark))
        sent.clear()
        sent.update(current)

    def report() -> None:
        while not done.wait(REPORT_EVERY):
            send()
            if os.getppid() != parent:
                stop.set()  # orphaned: the worker died without telling us

    reporter = threading.Thread(target=report, name="fanout-report", daemon=True)
    reporter.start()
    try:
        fanout.run(stop.is_set)
    finally:
        done.set()
        reporter.join(5)
        send()


def _apply(delta: dict[str, int], watermark: int) -> None:
    for name, n in delta.items():
        if name == "signals":
            metrics.SIGNALS.inc(n)
        elif name == "late":
            metrics.LATE.inc(n)
        elif name.startswith("dead:"):
            metrics.DEAD_LETTERS.labels("detect", name[5:]).inc(n)
    if watermark:
        metrics.WATERMARK.set(watermark)


class RepartitionProcess:
    """Owned by the worker's event loop: ``run`` until cancelled; raises if the child dies."""

    def __init__(self, cfg: StreamConfig) -> None:
        self.cfg = cfg

    async def run(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        stop = ctx.Event()
        reports: Any = ctx.Queue()
        root = logging.getLogger()
        fmt = "json" if any(isinstance(h.formatter, logfmt.JsonFormatter)
                            for h in root.handlers) else "text"  # fmt: skip
        child = ctx.Process(
            target=_child,
            args=(self.cfg, stop, reports, os.getpid()),
            kwargs={"level": root.getEffectiveLevel(), "fmt": fmt},
            name="tahub-fanout",
            daemon=True,
        )
        child.start()
        loop = asyncio.get_running_loop()
        try:
            while child.is_alive():
                self._drain(reports)
                await asyncio.sleep(REPORT_EVERY / 2)
            self._drain(reports)
            raise RuntimeError(f"the detection fan-out process exited (code {child.exitcode})")
        finally:
            stop.set()
            await loop.run_in_executor(None, child.join, 15)
            if child.is_alive():
                child.kill()

    @staticmethod
    def _drain(reports: Any) -> None:
        while True:
            try:
                item = reports.get_nowait()
            except queue.Empty:
                return
            if len(item) == 2:
                _apply(*item)
