"""One exposition out of several processes' (pure): every series gets a ``process``
label, and families of the same name from different processes become one family.

Why a merge rather than prometheus-client's multiprocess mode: that mode shares one
directory of memory-mapped files between processes forked from one app, cannot carry the
custom collectors (the fan-out's relayed counts, lag read by the probe) and gives gauges
a per-process mode each; the children here are separate programs that already serve
their own ``/metrics``, so the main job reads those and relabels them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from prometheus_client.exposition import generate_latest
from prometheus_client.metrics_core import Metric
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

LABEL = "process"


def parse(text: str) -> list[Metric]:
    """A child's exposition as metric families; ValueError if it is not Prometheus text."""
    return list(text_string_to_metric_families(text))


def relabel(families: Iterable[Metric], process: str) -> Iterator[Metric]:
    """Each family again, every sample with ``process`` added (a child's own ``process``
    label, if it had one, is overwritten: the merged view names the process)."""
    for fam in families:
        out = Metric(fam.name, fam.documentation, fam.type, fam.unit)
        out.samples = [
            Sample(s.name, {**s.labels, LABEL: process}, s.value, s.timestamp, s.exemplar)
            for s in fam.samples
        ]
        yield out


class _Merged:
    """What ``generate_latest`` needs: an object with ``collect``."""

    def __init__(self, families: list[Metric]) -> None:
        self._families = families

    def collect(self) -> list[Metric]:
        return self._families


def merge(by_process: Mapping[str, Iterable[Metric]]) -> list[Metric]:
    """Families of the same name and type joined, in first-seen order; a name a later
    process gives another type is dropped there (one name, one type, or Prometheus
    rejects the whole scrape)."""
    joined: dict[str, Metric] = {}
    for process, families in by_process.items():
        for fam in relabel(families, process):
            have = joined.get(fam.name)
            if have is None:
                joined[fam.name] = fam
            elif have.type == fam.type:
                have.samples.extend(fam.samples)
    return list(joined.values())


def render(families: list[Metric]) -> bytes:
    return generate_latest(_Merged(families))
