"""The main job's own health as metrics, read at each scrape: each of its checks (what
/health answers from) as ``tahub_health_check_ok{component}`` and the restarts of every
process or thread it tends as ``tahub_restarts_total{component}`` and the data dir's
free disk share as ``tahub_data_dir_free_ratio``, so alerting
rules (tahub/deploy/prometheus/) mirror what `tahub status` judges."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric

from tahub.checks import Check
from tahub.health.rules import Disk


class JobCollector:
    def __init__(
        self,
        checks: Callable[[], list[Check]],
        restarts: Callable[[], dict[str, int]],
        disk: Callable[[], Disk | None] = lambda: None,
    ) -> None:
        self._checks = checks
        self._restarts = restarts
        self._disk = disk

    def collect(self) -> Iterator[Metric]:
        ok = GaugeMetricFamily(
            "tahub_health_check_ok",
            "1 while the main job's check of the component passes (as /health), else 0",
            labels=["component"],
        )
        for check in self._checks():
            ok.add_metric([check.component], 1 if check.ok else 0)
        yield ok
        restarts = CounterMetricFamily(
            "tahub_restarts",
            "Restarts since the main job started, of each process or thread it tends (its "
            "component name as in /health; `process` is the merged scrape's label)",
            labels=["component"],
        )
        for process, n in sorted(self._restarts().items()):
            restarts.add_metric([process], n)
        yield restarts
        disk = self._disk()
        if disk is not None and disk.total:
            yield GaugeMetricFamily(
                "tahub_data_dir_free_ratio",
                "Free share of the data dir's file system (0..1), as `tahub status` judges it",
                value=disk.free / disk.total,
            )
