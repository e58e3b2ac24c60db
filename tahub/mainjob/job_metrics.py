"""The main job's own health as metrics, read at each scrape: each of its checks (what
/health answers from) as ``tahub_health_check_ok{component}`` and the restarts of every
process or thread it tends as ``tahub_restarts_total{component}``, so alerting
rules (tahub/deploy/prometheus/) mirror what `tahub status` judges."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric

from tahub.checks import Check


class JobCollector:
    def __init__(
        self, checks: Callable[[], list[Check]], restarts: Callable[[], dict[str, int]]
    ) -> None:
        self._checks = checks
        self._restarts = restarts

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
