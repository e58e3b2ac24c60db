"""The main job's one scrape target: its own metrics and every child's (stream worker,
alerts, news), read from the child's port at each scrape and merged with a ``process``
label (``tahub.metrics_merge``). The detection fan-out, a process the worker spawns,
reports its counts to the worker, so they come with the worker's."""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from prometheus_client import REGISTRY
from prometheus_client.metrics_core import GaugeMetricFamily, Metric

from tahub import metrics_merge

log = logging.getLogger("tahub.main")

TIMEOUT = 2.0  # seconds per child: a stopped child (SIGSTOP) must not hold the scrape
MAIN = "main"


@dataclass(frozen=True)
class Target:
    process: str
    url: str
    pid: Callable[[], int | None]  # the child's pid now (None: not running)


def fetch(url: str, token: str, timeout: float = TIMEOUT) -> str:
    # the urls are http://<loopback or our host>:<a child's port>/metrics, made by the job
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310
        text: str = resp.read().decode()
    return text


def families_of(text: str, pid: int | None) -> list[Metric] | None:
    """The child's families, or None if the text is not its (another process's pid, or no
    pid: that port belongs to someone else)."""
    try:
        families = metrics_merge.parse(text)
    except ValueError:
        return None
    found = next((s.value for f in families if f.name == "tahub_process_pid"
                  for s in f.samples), None)  # fmt: skip
    if pid is None or found is None or int(found) != pid:
        return None
    return families


class ChildMetrics:
    """``body()`` is what ``GET /metrics`` on the main job answers."""

    def __init__(self, targets: Iterable[Target], fetcher: Callable[[str], str]) -> None:
        self.targets = list(targets)
        self._fetch = fetcher
        self._pool = ThreadPoolExecutor(max(1, len(self.targets)), thread_name_prefix="scrape")

    def _one(self, target: Target) -> list[Metric] | None:
        try:
            text = self._fetch(target.url)
        except OSError as err:  # not up yet, restarting, or stopped: up 0 says so
            log.debug("%s metrics not read: %s", target.process, err)
            return None
        return families_of(text, target.pid())

    def body(self) -> bytes:
        found = list(self._pool.map(self._one, self.targets))
        up = GaugeMetricFamily(
            "tahub_process_metrics_up",
            "1 when the process's metrics were read for this scrape (the main job: always)",
            labels=[metrics_merge.LABEL],
        )
        up.add_metric([MAIN], 1)
        by_process: dict[str, list[Metric]] = {MAIN: [*REGISTRY.collect()]}
        for target, families in zip(self.targets, found, strict=True):
            up.add_metric([target.process], 0 if families is None else 1)
            if families is not None:
                by_process[target.process] = families
        merged = metrics_merge.merge(by_process)
        return metrics_merge.render([up, *merged])

    def close(self) -> None:
        self._pool.shutdown(wait=False)
