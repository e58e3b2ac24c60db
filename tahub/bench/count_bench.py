"""`tahub bench count`: the count stage alone, in this process, on a backlog (no Kafka).

The keys log a repartition stage would write for a synthetic backlog (``synth.signals``,
the six default dimension sets, version 4 entries and a watermark mark per fan-out
batch) is built first, untimed. Then a host does what the Faust host does with it —
admits records in offset order, counts them in batches of ``faust_host.BATCH``, ticks
early when time crossed a window edge (at most every ``EARLY_TICK`` s of the stage's
own CPU time) and on the timer, checkpoints at Faust's commit interval — and only that
is timed, in CPU seconds of this process. Last, the detections of closed windows are
compared with the offline replay of the same signals.

It measures the stage's own cost per signal, the part of a worker's rate that this
code decides; `tahub bench detect` measures a worker on a real broker. The run is
deterministic but for the ticks and checkpoints, which follow CPU time as the host's
follow wall time.

Also runnable as a script (``python tahub/bench/count_bench.py``), so an older tree on
``PYTHONPATH`` can be measured by the same harness. ``--native`` does that with the hot
modules compiled by mypyc (``streams.native``): the same backlog pure and compiled in
one run, their rates and whether their detections of closed windows are identical.
"""

from __future__ import annotations

import cProfile
import gc
import hashlib
import io
import json
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from aiokafka.partitioner import DefaultPartitioner

from schemas import keys_topic
from streams import native
from streams.detect import engine as engine_module
from streams.detect.config import DetectionSettings, load
from streams.detect.count_stage import CountStage
from streams.detect.engine import Engine
from streams.detect.repartition import RepartitionSettings, entries_by_key
from streams.gc_tuning import tune_gc
from tahub.bench import synth

BATCH = 200  # keys records per count call (faust_host.BATCH)
EARLY_TICK = 0.25  # s between ticks a moved watermark asks for (faust_host.EARLY_TICK)
TICK = 2.0  # s: the host's timer (faust_host.TICK)
COMMIT = 2.8  # s: Faust's commit interval, when the stage checkpoints

Log = list[tuple[int, bytes]]  # (keys partition, value) in the order they were produced


def keys_log(
    signals: list[dict[str, Any]], conf: DetectionSettings, partitions: int, fanout_batch: int
) -> tuple[Log, int]:
    """What one repartition stage writes for ``signals`` (read in batches of
    ``fanout_batch``, each signal from a random signals partition), and the newest event
    time."""
    partitioner = DefaultPartitioner()
    everyone = list(range(partitions))
    where: dict[str, int] = {}
    rng = random.Random(7)  # noqa: S311 - synthetic data
    offsets = [0] * partitions
    newest: dict[int, int] = {}
    log: Log = []
    for i in range(0, len(signals), fanout_batch):
        chunk = signals[i : i + fanout_batch]
        read_at = []
        for sig in chunk:
            p = rng.randrange(partitions)
            read_at.append((p, offsets[p]))
            offsets[p] += 1
            newest[p] = max(newest.get(p, 0), int(sig["event_time"].timestamp()))
        per: dict[int, dict[str, Any]] = {}
        for full, body in entries_by_key(chunk, conf, [], read_at).items():
            part = where.get(full)
            if part is None:
                part = where[full] = partitioner(full.encode(), everyone, everyone)
            per.setdefault(part, {})[full] = body
        for part, bodies in per.items():
            log += [(part, value) for value in keys_topic.pack(bodies)]
        report = {p: (newest.get(p, 0), False) for p in everyone}
        mark = keys_topic.mark(report, float(i), {p: offsets[p] for p in everyone})
        log += [(part, mark) for part in everyone]
    return log, max(newest.values())


class Host:
    """The Faust host's calls into the stage, on one worker holding every partition; the
    clock is this process's CPU time."""

    def __init__(self, conf: DetectionSettings, partitions: int) -> None:
        partitioner = DefaultPartitioner()
        everyone = list(range(partitions))
        self.stage = CountStage(
            Engine(conf.sets, conf.configs),
            signals_partitions=partitions,
            stored={},
            partition_of=lambda full: int(partitioner(full, everyone, everyone)),
        )
        self.mine = set(everyone)
        self.offsets = [0] * partitions
        self.found: list[dict[str, Any]] = []
        self.calls = {"count": 0, "tick": 0, "checkpoint": 0, "writes": 0}
        self.stage.assign(self.mine)

    def run(self, log: Log, clock: Callable[[], float] = time.process_time) -> None:
        ticked = committed = timer = clock()
        for part in self.mine:
            self.stage.resume(part, 0, 0)
        for start in range(0, len(log), BATCH):
            records = []
            firsts: dict[int, int] = {}
            for part, value in log[start : start + BATCH]:
                offset = self.offsets[part]
                self.offsets[part] = offset + 1
                ok, missing = self.stage.admit(part, offset)
                if ok and missing is None:
                    records.append((part, value))
                    firsts.setdefault(part, offset)
            self.found += [d for _, d in self.stage.count(records, self.mine, offsets=firsts)]
            self.calls["count"] += 1
            now = clock()
            if (now - ticked >= EARLY_TICK and self.stage.moved()) or now - timer >= TICK:
                ticked = timer = now
                self.tick()
            if now - committed >= COMMIT:
                committed = now
                self.checkpoint()
        self.tick()
        self.checkpoint()

    def tick(self) -> None:
        self.found += [d for _, d in self.stage.tick()]
        self.calls["tick"] += 1

    def checkpoint(self) -> None:
        self.calls["writes"] += sum(1 for _ in self.stage.checkpoint(self.mine))
        self.calls["checkpoint"] += 1


def replay_check(
    signals: list[dict[str, Any]], conf: DetectionSettings, live: list[dict[str, Any]], end: int
) -> dict[str, Any]:
    """The live detections of closed windows against the offline replay's (as `tahub bench
    detect` compares them)."""
    from streams.detect.replay import Offline, comparable, final_states

    run = Offline(conf.sets, conf.configs)
    replayed: list[dict[str, Any]] = []
    for i in range(0, len(signals), 5000):
        for sig in signals[i : i + 5000]:
            run.add(sig)
        replayed += run.advance()
    replayed += run.peek()
    lateness = max(c.lateness for c in conf.configs.values())

    def closed(found: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
        last = final_states(found).values()
        return comparable([d for d in last if d["window_end"].timestamp() + lateness <= end])

    got, want = closed(live), closed(replayed)
    differ = sorted(k for k in got.keys() | want.keys() if got.get(k) != want.get(k))
    # what a pure and a compiled run must agree on exactly (ticks follow CPU time, so
    # the early versions before them may not)
    digest = hashlib.sha256(repr(sorted(got.items())).encode()).hexdigest()
    return {
        "closed_detections": len(want),
        "differing": len(differ),
        "equal": not differ,
        "closed_digest": digest,
    }


def run(
    *,
    signals: int = 100_000,
    days: int = 60,
    partitions: int = 6,
    fanout_batch: int | None = None,
    repeat: int = 1,
    check: bool = True,
    profile: Path | None = None,
) -> dict[str, Any]:
    conf = load(None)
    # the repartition stage's own batch unless told: the keys log then groups as the worker's
    fanout_batch = fanout_batch or RepartitionSettings.batch
    backlog = sorted(synth.signals(signals, days=days), key=lambda s: s["event_time"])
    log, end = keys_log(backlog, conf, partitions, fanout_batch)
    rates, cpu = [], []
    host: Host | None = None
    threshold = gc.get_threshold()
    try:
        for _ in range(repeat):
            host = None
            gc.collect()
            tune_gc()  # as a worker runs (``tahub.worker``); without it GC took half the time
            host = Host(conf, partitions)
            t0 = time.process_time()
            if profile is not None:
                prof = cProfile.Profile()
                prof.runcall(host.run, log)
            else:
                host.run(log)
            spent = time.process_time() - t0
            cpu.append(round(spent, 3))
            rates.append(round(signals / spent))
    finally:  # the caller's collector as it was (a test session goes on)
        gc.unfreeze()
        gc.set_threshold(*threshold)
    assert host is not None
    result: dict[str, Any] = {
        "settings": {
            "signals": signals,
            "days": days,
            "partitions": partitions,
            "fanout_batch": fanout_batch,
            "keys_records": len(log),
            "dimension_sets": len(conf.sets),
        },
        "cpu_s": cpu,
        "signals_per_cpu_s": rates,
        "best_signals_per_cpu_s": max(rates),
        "calls": host.calls,
        "detection_versions": len(host.found),
        "keys_held": len(host.stage.cache),
        "compiled": native.compiled(engine_module),
    }
    if profile is not None:
        prof.dump_stats(str(profile))
        text = io.StringIO()
        pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(40)
        result["profile_top"] = text.getvalue()
    if check:
        result["replay_check"] = replay_check(backlog, conf, host.found, end)
    return result


def run_native(
    *, root: Path | None = None, built: Path | None = None, **settings: Any
) -> dict[str, Any]:
    """``run`` twice in fresh processes with the same settings: the sources as they are,
    then the hot modules compiled by mypyc (``built`` by ``native.build``, or built into a
    scratch directory first); their rates, the ratio, and whether their detections of
    closed windows are identical."""
    root = root or Path(__file__).resolve().parents[2]
    settings["fanout_batch"] = settings.get("fanout_batch") or RepartitionSettings.batch
    script = Path(__file__).resolve()
    with tempfile.TemporaryDirectory(prefix="tahub-native-") as tmp:
        t0 = time.monotonic()
        if built is None:
            built = native.build(root, Path(tmp) / "native")
        build_s = round(time.monotonic() - t0, 1)
        runs = {
            name: _script(script, path, settings, Path(tmp) / f"{name}.json")
            for name, path in (("pure", [root]), ("compiled", [built, root]))
        }
    pure, comp = runs["pure"], runs["compiled"]
    # compared only where both runs checked their detections (``--no-check``: not at all)
    digests = [r.get("replay_check", {}).get("closed_digest") for r in (pure, comp)]
    same = None if None in digests else digests[0] == digests[1]
    return {
        **comp,
        "pure": pure,
        "native": {
            "modules": list(native.MODULES),
            "build_s": build_s,
            "loaded_compiled": comp["compiled"] and not pure["compiled"],
            "speedup": round(comp["best_signals_per_cpu_s"] / pure["best_signals_per_cpu_s"], 2),
            "identical_to_pure": same,
        },
    }


def _script(script: Path, path: list[Path], settings: dict[str, Any], out: Path) -> dict[str, Any]:
    args = [sys.executable, str(script), "--out", str(out)]
    for name, value in settings.items():
        if name == "check":
            if not value:
                args.append("--no-check")
        elif value is not None:
            args += [f"--{name.replace('_', '-')}", str(value)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in path)}
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def report(result: dict[str, Any]) -> Iterator[str]:
    s = result["settings"]
    built = result.get("native")
    if built is not None:
        pure = result["pure"]
        yield (
            f"pure Python: {pure['best_signals_per_cpu_s']:,} signals per CPU second "
            f"(runs: {', '.join(f'{r:,}' for r in pure['signals_per_cpu_s'])})"
        )
        yield (
            f"compiled by mypyc ({len(built['modules'])} modules, built in "
            f"{built['build_s']} s): {built['speedup']}x; detections of closed windows "
            + {True: "identical to pure", False: "DIFFER from pure", None: "not compared"}[
                built["identical_to_pure"]
            ]
        )
    yield (
        f"count stage alone{', compiled' if result.get('compiled') else ''}, "
        f"{s['signals']:,} signals over {s['days']} days, "
        f"{s['dimension_sets']} dimension sets, {s['partitions']} partitions "
        f"({s['keys_records']:,} keys records): {result['best_signals_per_cpu_s']:,} "
        f"signals per CPU second (runs: {', '.join(f'{r:,}' for r in result['signals_per_cpu_s'])})"
    )
    yield f"calls: {result['calls']}; {result['detection_versions']:,} detection versions"
    check = result.get("replay_check")
    if check is not None:
        yield (
            f"the {check['closed_detections']:,} detections of closed windows "
            + ("equal the offline replay's" if check["equal"]
               else f"differ from the offline replay's in {check['differing']:,}")
        )  # fmt: skip


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--partitions", type=int, default=6)
    parser.add_argument("--fanout-batch", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-check", action="store_true")
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    got = run(
        signals=args.signals, days=args.days, partitions=args.partitions,
        fanout_batch=args.fanout_batch, repeat=args.repeat, check=not args.no_check,
        profile=args.profile,
    )  # fmt: skip
    for line in report(got):
        print(line)
    if args.out is not None:
        args.out.write_text(json.dumps(got, indent=2))
