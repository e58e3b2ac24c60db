"""Sampling for `tahub bench pipeline`: each consumer group's committed positions, the
processes' CPU and memory, and the machine's CPU, every ``SAMPLE`` seconds; and what
they say over a span of time."""

from __future__ import annotations

import bisect
import threading
import time

from schemas.topics import SIGNALS
from tahub import lag as lags
from tahub.bench import procstat

SAMPLE = 0.5  # seconds between looks at the groups' positions and the processes


class Sampler:
    """Looks every ``SAMPLE`` s at each group's committed positions and at the processes."""

    def __init__(self, conf: dict[str, str], app_id: str, prefix: str, roots: list[int]) -> None:
        self.conf, self.app_id, self.prefix, self.roots = conf, app_id, prefix, roots
        self.sink = f"{app_id}-sink"
        self.signals = SIGNALS.physical(prefix)
        # (time, {stage: position}, {stage: lag records}, {signals partition: sink's offset})
        self.looks: list[tuple[float, dict[str, int], dict[str, int], dict[int, int]]] = []
        self.procs: list[tuple[float, dict[int, procstat.ProcSample]]] = []
        self.machine: list[tuple[float, float, float]] = []  # (time, busy s, total s)
        self._landing: dict[int, tuple[list[float], list[int]]] = {}  # built once stopped
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(30)

    def _run(self) -> None:
        while not self._stop.is_set():
            t0 = time.monotonic()
            self.look()
            self._stop.wait(max(0.0, SAMPLE - (time.monotonic() - t0)))

    def look(self) -> list[lags.Lag]:
        from confluent_kafka import KafkaException

        try:
            found = lags.read(self.conf, self.app_id, timeout=5.0, prefix=self.prefix)
        except KafkaException:
            return []  # a coordinator moving: the next look sees it
        now = time.time()
        positions = {f"{stage}": n for (stage, _), n in
                     lags.stage_positions(found, self.app_id).items()}  # fmt: skip
        behind: dict[str, int] = {}
        for x in found:
            stage = lags.STAGE_LABELS.get(x.group.removeprefix(self.app_id))
            if stage is not None:
                behind[stage] = behind.get(stage, 0) + x.records
        sink = {x.partition: x.position for x in found
                if x.group == self.sink and x.topic == self.signals}  # fmt: skip
        self.looks.append((now, positions, behind, sink))
        self.procs.append((now, procstat.sample(self.roots)))
        self.machine.append((now, *procstat.machine()))
        return found

    def behind(self) -> dict[str, float]:
        """Each stage's oldest unread record's age now, seconds."""
        found = self.look()
        now = time.time()
        out: dict[str, float] = {}
        for x in lags.with_ages(self.conf, found):
            stage = lags.STAGE_LABELS.get(x.group.removeprefix(self.app_id))
            if stage is not None:
                out[stage] = round(max(out.get(stage, 0.0), x.seconds(now)), 2)
        return out

    def landed(self, partition: int, offset: int) -> float | None:
        """When the sink's committed offset of ``partition`` first passed ``offset``."""
        if partition not in self._landing:
            times, reached, high = [], [], -1
            for t, _, _, sink in self.looks:
                high = max(high, sink.get(partition, -1))
                times.append(t)
                reached.append(high)
            self._landing[partition] = (times, reached)
        times, reached = self._landing[partition]
        i = bisect.bisect_right(reached, offset)
        return times[i] if i < len(times) else None


def cpu(sampler: Sampler, t0: float, t1: float) -> dict[str, dict[str, float]]:
    """Per process (by label): share of one core over [t0, t1] and peak memory (MB)."""
    inside = [(t, p) for t, p in sampler.procs if t0 <= t <= t1]
    if len(inside) < 2:
        return {}
    (ta, first), (tb, last) = inside[0], inside[-1]
    out: dict[str, dict[str, float]] = {}
    for pid, end in last.items():
        begin = first.get(pid)
        used = end.cpu_s - (begin.cpu_s if begin else end.cpu_s)
        peak = max(p[pid].rss_bytes for _, p in inside if pid in p)
        row = out.setdefault(end.label, {"cpu_of_core": 0.0, "rss_mb": 0.0})
        row["cpu_of_core"] = round(row["cpu_of_core"] + used / (tb - ta), 3)
        row["rss_mb"] = round(row["rss_mb"] + peak / 1e6, 1)
    return out


def busy(sampler: Sampler, t0: float, t1: float) -> float | None:
    """How busy the machine's cores were over [t0, t1], every process on it counted."""
    inside = [m for m in sampler.machine if t0 <= m[0] <= t1]
    if len(inside) < 2:
        return None
    (_, busy_a, total_a), (_, busy_b, total_b) = inside[0], inside[-1]
    return round((busy_b - busy_a) / (total_b - total_a), 3) if total_b > total_a else None


def rates(sampler: Sampler, t0: float, t1: float) -> dict[str, float]:
    """Each stage's records read per second over [t0, t1]."""
    inside = [(t, pos) for t, pos, _, _ in sampler.looks if t0 <= t <= t1]
    if len(inside) < 2:
        return {}
    (ta, a), (tb, b) = inside[0], inside[-1]
    return {stage: round((b[stage] - a.get(stage, 0)) / (tb - ta), 1) for stage in b}


def peaks(sampler: Sampler, span: float = 2.0) -> dict[str, float]:
    """Each stage's highest rate over any ``span`` seconds of the run (its capacity, when
    it had a backlog to work through)."""
    out: dict[str, float] = {}
    times = [t for t, *_ in sampler.looks]
    for i, (t, pos, _, _) in enumerate(sampler.looks):
        j = bisect.bisect_left(times, t + span, lo=i)
        if j >= len(times):
            break
        tb, later = times[j], sampler.looks[j][1]
        for stage, n in later.items():
            rate = (n - pos.get(stage, 0)) / (tb - t)
            out[stage] = round(max(out.get(stage, 0.0), rate), 1)
    return out
