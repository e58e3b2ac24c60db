"""The steady-state half of `tahub bench detect`: produce→detection latency when the load
is what the deployment has been seeing all along.

The bench's first latency phase sends ``rate``/s on the day windows of the shipped
defaults after a backlog of a few hundred signals a day: every key then rises a thousand
times over its baseline, and nearly every second signal opens or updates a detection (a
surge, the worst case). Here the worker counts in windows of ``WINDOW`` seconds and
first sees ``WARMUP_WINDOWS`` windows of the same load, so baselines match it and what
alarms is the planted spikes plus the model's own false alarms: the steady state the
latency aim is about. The detector is the shipped one but for the window lengths, with
the count model (``auto``) on every set: the ``glm`` that ``typology_route`` ships with
has weekday factors, which only mean something on day windows.
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import DETECTIONS, SIGNALS
from streams.produce import produce
from tahub import progress
from tahub.bench import synth
from tahub.bench.detect_kit import (
    Detections,
    gc_pauses,
    latencies,
    make_signal,
    start_worker,
    stop,
    uncounted,
)
from tahub.runtime.ports import free_port
from tahub.topics_admin import ensure_topics

WINDOW = 5  # seconds
WARMUP_WINDOWS = 14  # baseline 6 + guard 2 + span 3, and the 7 windows before any verdict
TOML = f"""\
# tahub bench detect, steady phase: the shipped count model on windows of {WINDOW} s
late_policy = "count"
[defaults]
window = {WINDOW}
baseline = 6
guard = 2
span = 3
lateness = {WINDOW}
"""
# planted spikes go to routes the filler never uses, so only they can alarm there
QUIET_FROM = ("IS", "NO", "FI", "SE", "DK", "EE", "LV", "LT", "PL", "CZ", "SK", "HU")
QUIET_TO = ("PT", "IE", "BE", "NL", "LU", "AT", "CH", "SI", "HR", "GR", "CY", "MT")
SPIKE = 6  # reports from three organisations within a fraction of a second


def _route_history(
    start: datetime, windows: int, routes: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """A report on each quiet route in about one window of three, so each has a baseline."""
    rng = random.Random(5)  # noqa: S311 - synthetic data
    out = []
    for i, (origin, dest) in enumerate(routes):
        for w in range(windows):
            if rng.random() < 0.3:
                at = start + timedelta(seconds=w * WINDOW + rng.uniform(0, WINDOW))
                out.append(make_signal(f"sh{i}-{w}", at, origin, dest, f"org-{rng.randrange(9)}"))
    return out


def _expected(conf_path: Path, planted: list[dict[str, Any]]) -> dict[str, int]:
    """Route keys the offline engine with the same settings alarms on, over the quiet
    routes' history and the spikes (the filler never touches these routes), each with the
    start (epoch seconds) of the window its first detection opened in."""
    from streams.detect.config import load
    from streams.detect.replay import Offline

    conf = load(conf_path)
    engine = Offline(conf.sets, conf.configs)
    found = []
    for sig in sorted(planted, key=lambda s: s["event_time"]):
        engine.add(sig)
        found += engine.advance()
        found += engine.peek()
    found += engine.flush()
    opened: dict[str, int] = {}
    for d in found:
        key = f"{d['dimension_set']}|{d['dimension_key']}"
        if d["dimension_set"] == "route" and key not in opened:
            opened[key] = int(d["window_start"].timestamp())
    return opened


def run(  # noqa: PLR0915 - one phase of one benchmark, start to finish
    conf: dict[str, str],
    *,
    rate: int,
    seconds: int,
    partitions: int,
    workers: int,
    home: Path,
) -> dict[str, Any]:
    from confluent_kafka import Producer

    prefix = f"bench{uuid.uuid4().hex[:8]}s."
    ensure_topics(conf, prefix, partitions, 1)
    registry = f"file://{home / 'registry-steady'}"
    serde = Serde(open_registry(registry), prefix)
    serde.register_all((SIGNALS, DETECTIONS))
    conf_path = home / "steady.toml"
    conf_path.write_text(TOML)
    topic = SIGNALS.physical(prefix)
    producer = Producer(
        {**conf, "linger.ms": 20, "batch.size": 1_000_000, "compression.type": "lz4"}
    )
    procs = []
    ports = [free_port() for _ in range(workers)]  # their /metrics: the collector's pauses
    for i in range(workers):
        (home / f"s{i}").mkdir()
        procs.append(start_worker(conf, prefix, registry, home / f"s{i}", partitions,
                                  detector=conf_path, metrics_port=ports[i]))  # fmt: skip
    try:
        routes = [(o, d) for o in QUIET_FROM for d in QUIET_TO]
        random.Random(7).shuffle(routes)  # noqa: S311 - synthetic data
        warm = WINDOW * WARMUP_WINDOWS
        total = rate * (warm + seconds)
        # encoded up front with the event times they will be sent at: encoding 10k
        # records/s here would take a core from the system being measured
        base = datetime.now(UTC) + timedelta(seconds=5 + total / 40_000)
        history = _route_history(base, WARMUP_WINDOWS + seconds // WINDOW + 1, routes)
        timeline: list[tuple[float, bytes, bytes]] = []
        load = synth.signals(total, tag=f"{prefix}f", days=1, start=base)
        for i, s in enumerate(progress.counted(load, "encoding", total=total, unit="signal")):
            s["event_time"] = base + timedelta(seconds=i / rate)
            timeline.append((i / rate, serde.encode(SIGNALS, s), s["source_id"].encode()))
        for s in history:
            at = (s["event_time"] - base).total_seconds()
            timeline.append((at, serde.encode(SIGNALS, s), s["source_id"].encode()))
        timeline.sort(key=lambda t: t[0])
        probe = Detections(conf, prefix)
        time.sleep(max(0.0, (base - datetime.now(UTC)).total_seconds()))
        t_start, wall_start = time.monotonic(), time.time()
        # when encoding overran its budget, the load's clock (its event times) runs behind
        # the wall clock: by this much
        behind = max(0.0, wall_start - base.timestamp())
        planted: dict[str, tuple[float, int]] = {}  # key -> (sent at, its window's start)
        spikes: list[dict[str, Any]] = []
        sent, at_tick, next_i = 0, 0, 0
        # a tick a tenth of a second; the loop's last is the one the last record falls in
        ticks = int(timeline[-1][0] * 10) + 1 if timeline else 0
        with progress.bar("steady load", total=ticks, unit="tick") as tick:
            while next_i < len(timeline):
                now = at_tick / 10
                while next_i < len(timeline) and timeline[next_i][0] < now + 0.1:
                    _, value, key = timeline[next_i]
                    produce(producer, topic, value, key)
                    next_i += 1
                    sent += 1
                if now >= warm and at_tick % 5 == 0 and routes:
                    origin, dest = routes.pop()
                    # on the load's clock, not the wall clock: when encoding overran, spikes
                    # ahead of the filler moved every partition's event time on and closed
                    # the filler's windows before it came (109,392 entries refused as late
                    # in one run; tests/test_count_stage_lateness.py)
                    stamp = base + timedelta(seconds=now)
                    for j in range(SPIKE):
                        sig = make_signal(f"sp{at_tick}-{j}", stamp, origin, dest, f"org-{j % 3}")
                        spikes.append(sig)
                        produce(
                            producer, topic, serde.encode(SIGNALS, sig), sig["source_id"].encode()
                        )
                    window = int(sig["event_time"].timestamp()) // WINDOW * WINDOW
                    planted[f"route|{origin}>{dest}"] = (time.time(), window)  # the last produce
                producer.poll(0)
                at_tick += 1
                tick(1)  # paced, not flat out: drawn at most 4 times a second, it costs nothing
                time.sleep(max(0.0, t_start + at_tick / 10 - time.monotonic()))
        producer.flush(30)
        achieved = sent / (time.monotonic() - t_start)
        time.sleep(10)
        probe.close()
        measured = sum(1 for t in probe.created if t >= wall_start + warm)
        alarming = _expected(conf_path, history + spikes)
        # a spike of a few reports may not alarm in its own window, only once later
        # reports join it in the span: its delay is the wait for those, not the pipeline's
        expected = [k for k in planted if alarming.get(k) == planted[k][1]]
        later = [k for k in planted if k in alarming and alarming[k] != planted[k][1]]
        delays = sorted(probe.first[k] - planted[k][0] for k in expected if k in probe.first)
        return {
            "window_s": WINDOW,
            "warmup_s": warm,
            "rate_achieved": round(achieved),
            "spikes_planted": len(planted),
            "spikes_expected": len(expected),  # alarming offline in their own window
            "spikes_alarming_later": len(later),  # offline only in a later window: unmeasured
            "spikes_detected": len(delays),
            # every detection version the worker produced while the spikes were planted:
            # the planted ones and the model's false alarms on the steady load
            "detection_versions_per_s": round(measured / max(1, seconds), 1),
            **latencies(delays),
            "latencies_s": [round(x, 3) for x in delays],  # each expected spike's, sorted
            "load_behind_wall_s": round(behind, 3),
            "uncounted_entries": sum(uncounted(home / f"s{i}") for i in range(workers)),
            # the workers' garbage collections over the whole phase, warm-up included
            "gc_pauses": gc_pauses(ports),
        }
    finally:
        stop(conf, prefix, procs)
