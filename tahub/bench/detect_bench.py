"""`tahub bench detect`: one stream worker on real Kafka — sustained signals/s through
decode → dimension fan-out → windowed state → detection, and produce-to-detection latency
under a steady load with planted spikes."""

from __future__ import annotations

import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import DETECTIONS, SIGNALS
from streams.produce import produce
from tahub import progress
from tahub.bench import procstat, synth
from tahub.bench.ceilings import consume_decode_rate
from tahub.bench.detect_kit import (
    BENCH_ID_KEY,
    Detections,
    compiled,
    keys_counted,
    latencies,
    make_signal,
    start_worker,
    stop,
    uncounted,
)
from tahub.errors import TahubError
from tahub.runtime.ports import free_port
from tahub.topics_admin import ensure_topics

if TYPE_CHECKING:
    from confluent_kafka import KafkaError

DAY = 86_400


IDLE_WAIT = 12.0  # s: readers call a partition idle after 10 s without data (watermarks)


def _lag(
    conf: dict[str, str], group: str, topic: str, upto: dict[int, int] | None = None
) -> tuple[int, dict[int, int]]:
    """Records of ``topic`` before ``upto`` (default: its ends now) that ``group`` has not
    committed, and the ends it counted to."""
    from confluent_kafka import Consumer, TopicPartition

    consumer = Consumer({**conf, "group.id": group})
    try:
        parts = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        tps = [TopicPartition(topic, p) for p in parts]
        committed = {tp.partition: max(tp.offset, 0) for tp in consumer.committed(tps, timeout=10)}
        ends = upto or {
            p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
            for p in parts
        }
        return sum(max(0, end - committed.get(p, 0)) for p, end in ends.items()), ends
    finally:
        consumer.close()


def _passing(err: KafkaError) -> bool:
    """Errors that a look a moment later gets past."""
    from confluent_kafka import KafkaError

    transient = {KafkaError.NOT_COORDINATOR, KafkaError.COORDINATOR_LOAD_IN_PROGRESS,
                 KafkaError.COORDINATOR_NOT_AVAILABLE, KafkaError._TIMED_OUT}  # fmt: skip
    return bool(err.retriable()) or err.code() in transient


def _wait_caught_up(
    conf: dict[str, str],
    prefix: str,
    timeout: float,
    behind: Callable[[int], object] | None = None,
    counted: Callable[[], dict[int, int] | None] | None = None,
) -> float:
    """When the fan-out has read every signal and the count stage every keys record the
    fan-out wrote for them. Not "no lag on the keys topic": each fan-out adds a watermark
    mark to every keys partition each second, and with the count stage committing every
    few seconds that lag is seldom zero at the instant it is looked at (two workers' marks
    made the wait minutes long, and the rate look ~40 times lower than it was).
    ``behind`` is told the signals the fan-out has yet to read at each look. ``counted``
    (the workers' counted offsets, ``detect_kit.keys_counted``) ends the wait when counting
    reaches those ends, not when the next commit says so up to a commit interval later
    (which made a 100,000-signal rate swing by a third); without it, or without an
    answer, the committed offsets decide."""
    from confluent_kafka import KafkaException

    group = f"{prefix}bench"  # the worker's app id; its fan-out reads signals as <id>-fanout
    keys = f"{prefix}detect.keys"
    backlog: dict[int, int] | None = None  # the keys topic's ends once the fan-out is done
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if backlog is None:
                fanned, _ = _lag(conf, f"{group}-fanout", SIGNALS.physical(prefix))
                if behind is not None:
                    behind(fanned)
                if fanned == 0:  # it commits only what it wrote to the keys topic
                    backlog = _lag(conf, group, keys)[1]
            if backlog is not None:
                at = counted() if counted is not None else None
                if at is not None and all(at.get(p, 0) >= end for p, end in backlog.items()):
                    return time.monotonic()
                if _lag(conf, group, keys, backlog)[0] == 0:
                    return time.monotonic()
        except KafkaException as err:  # the group's coordinator moved (workers rebalancing)
            if not _passing(err.args[0]):
                raise
        time.sleep(0.2)
    raise TahubError(f"the worker did not catch up within {timeout:.0f} s")


def _changelog_written(conf: dict[str, str], prefix: str) -> dict[str, int]:
    """What the count stage has written to its state changelog so far: records, of them
    deletes, and bytes (keys and values), read from the topic's start to its ends now."""
    from confluent_kafka import Consumer, TopicPartition

    topic = f"{prefix}bench-detect-state-changelog"  # Faust: <app id>-<table>-changelog
    consumer = Consumer({**conf, "group.id": f"changelog-{uuid.uuid4().hex[:8]}",
                         "enable.auto.commit": False})  # fmt: skip
    seen = {"records": 0, "deletes": 0, "bytes": 0}
    try:
        parts = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        ends = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)
                for p in parts}  # fmt: skip
        left = {p: hi for p, (lo, hi) in ends.items() if hi > lo}
        consumer.assign([TopicPartition(topic, p, ends[p][0]) for p in left])
        deadline = time.monotonic() + 120
        while left and time.monotonic() < deadline:
            for msg in consumer.consume(5000, 1.0):
                if msg.error() is not None or msg.partition() not in left:
                    continue
                value = msg.value()
                seen["records"] += 1
                seen["deletes"] += value is None
                seen["bytes"] += len(msg.key() or b"") + len(value or b"")
                if (msg.offset() or 0) + 1 >= left[msg.partition()]:
                    del left[msg.partition()]
    finally:
        consumer.close()
    return seen


def _all_detections(conf: dict[str, str], serde: Serde, prefix: str) -> list[dict[str, Any]]:
    """Every detection version on the topic so far (read until 3 s bring nothing new)."""
    from confluent_kafka import Consumer

    consumer = Consumer({**conf, "group.id": f"replay-check-{uuid.uuid4().hex[:8]}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})  # fmt: skip
    topic = DETECTIONS.physical(prefix)
    consumer.subscribe([topic])
    out: list[dict[str, Any]] = []
    quiet_since = time.monotonic()
    try:
        while time.monotonic() - quiet_since < 3.0:
            for msg in consumer.consume(5000, 0.5):
                if msg.error() is None:
                    out.append(serde.decode(DETECTIONS, msg.value(), topic=topic))
                    quiet_since = time.monotonic()
    finally:
        consumer.close()
    return out


def _closed_summary(detections: list[dict[str, Any]], watermark: int) -> dict[str, tuple[Any, ...]]:
    """``replay.comparable`` of the detections whose last window the watermark has closed
    (an open window's last early look depends on batch boundaries)."""
    from streams.detect.replay import comparable, final_states

    lateness = 86_400  # the default sets' allowed lateness
    last = final_states(detections).values()
    closed = [d for d in last if d["window_end"].timestamp() + lateness <= watermark]
    return comparable(closed)


def _plain(summary: tuple[Any, ...] | None) -> list[Any] | None:
    return None if summary is None else [str(v) if isinstance(v, datetime) else v
                                         for v in summary]  # fmt: skip


def _versions(detections: list[dict[str, Any]], det_id: str) -> list[list[Any]]:
    """One detection's versions, oldest first: version, state, window, observed, score."""
    mine = sorted((d for d in detections if d["detection_id"] == det_id),
                  key=lambda d: d["version"])  # fmt: skip
    return [[d["version"], d["state"], str(d["window_start"]), d["observed"], d["score"]]
            for d in mine]  # fmt: skip


def _replay_check(
    conf: dict[str, str], serde: Serde, prefix: str, backlog: list[dict[str, Any]]
) -> dict[str, Any]:
    """The live detections of the backlog against the offline replay of the same signals,
    at the watermark the workers reached (every partition idle: the newest event)."""
    from schemas.ids import IdKey
    from streams.detect.config import load
    from streams.detect.replay import Offline

    time.sleep(IDLE_WAIT)
    live = _all_detections(conf, serde, prefix)
    cfg = load(None)
    engine = Offline(cfg.sets, cfg.configs, ids=IdKey(BENCH_ID_KEY))
    replayed: list[dict[str, Any]] = []
    for i in range(0, len(backlog), 5000):
        for sig in backlog[i : i + 5000]:
            engine.add(sig)
        replayed += engine.advance()
    replayed += engine.peek()
    watermark = int(backlog[-1]["event_time"].timestamp())
    got, want = _closed_summary(live, watermark), _closed_summary(replayed, watermark)
    differ = sorted(k for k in got.keys() | want.keys() if got.get(k) != want.get(k))
    # synthetic data only: what differs, and each side's versions of it, to find out why
    shown = [{"id": k, "live": _plain(got.get(k)), "replay": _plain(want.get(k)),
              "live_versions": _versions(live, k), "replay_versions": _versions(replayed, k)}
             for k in differ[:10]]  # fmt: skip
    return {
        "differences": shown,"closed_detections": len(want), "live_closed_detections": len(got),
            "differing": len(differ), "equal": not differ}  # fmt: skip


def _history(now: datetime, routes: list[tuple[str, str]], days: int) -> list[dict[str, Any]]:
    """Sparse past reports on every route, so baselines exist (about one per week)."""
    rng = random.Random(3)  # noqa: S311 - synthetic data
    out = []
    for i, (origin, dest) in enumerate(routes):
        for day in range(days, 0, -1):
            if rng.random() < 0.15:
                at = now - timedelta(days=day, seconds=rng.randrange(DAY))
                out.append(make_signal(f"h{i}-{day}", at, origin, dest, f"org-{rng.randrange(9)}"))
    return sorted(out, key=lambda s: s["event_time"])


def _alarming(signals: list[dict[str, Any]]) -> set[str]:
    """Route keys the offline engine alarms on, over the planted signals and their history
    (the filler never touches these routes, so it cannot change the answer)."""
    from streams.detect.config import load
    from streams.detect.replay import Offline

    conf = load(None)
    engine = Offline(conf.sets, conf.configs)
    for sig in sorted(signals, key=lambda s: s["event_time"]):
        engine.add(sig)
    engine.advance()  # the history's windows close, as the worker closes them
    return {
        f"{d['dimension_set']}|{d['dimension_key']}"
        for d in engine.peek()
        if d["dimension_set"] == "route"
    }


def run(
    conf: dict[str, str],
    *,
    signals: int,
    rate: int,
    seconds: int,
    partitions: int,
    workers: int = 1,
    warmup: int = 0,
) -> dict[str, Any]:
    """Throughput from a backlog (with the replay check), then latency twice at ``rate``:
    in a surge on the shipped day windows, and in a steady state (``detect_steady``).
    ``warmup`` signals go through a worker of their own first (``warm_up``)."""
    from tahub.bench import detect_steady

    if warmup:
        click.echo(f"warming the broker up: a backlog of {warmup:,} signals, not measured …")
        warm_up(conf, signals=warmup, partitions=partitions)
    result = _backlog_and_surge(
        conf, signals=signals, rate=rate, seconds=seconds, partitions=partitions, workers=workers
    )
    result["settings"]["warmup_signals"] = warmup
    warm = detect_steady.WARMUP_WINDOWS * detect_steady.WINDOW
    click.echo(f"steady state: {warm} s of load at {rate:,}/s on {detect_steady.WINDOW} s "
               f"windows, then spikes for {seconds} s …")  # fmt: skip
    result["steady"] = detect_steady.run(
        conf, rate=rate, seconds=seconds, partitions=partitions, workers=workers,
        home=Path(tempfile.mkdtemp(prefix="tahub-bench-")),
    )  # fmt: skip
    return result


def _run_space(
    conf: dict[str, str], partitions: int, tag: str = ""
) -> tuple[str, Path, str, Serde]:
    """A run's own topics (under a new prefix), scratch directory and schema registry."""
    prefix = f"bench{uuid.uuid4().hex[:8]}{tag}."
    ensure_topics(conf, prefix, partitions, 1)
    home = Path(tempfile.mkdtemp(prefix="tahub-bench-"))
    registry = f"file://{home / 'registry'}"
    serde = Serde(open_registry(registry), prefix)
    serde.register_all((SIGNALS, DETECTIONS))
    return prefix, home, registry, serde


def warm_up(conf: dict[str, str], *, signals: int, partitions: int) -> None:
    """A backlog through a worker of its own, before anything is measured. A broker the
    bench has just started runs its request paths interpreted until the JIT compiles
    them: on a fresh broker it spent 3.7-4.8 CPU s per 100,000 signals of the measured
    backlog, once warm 0.3-1.0 s (2026-12-07), and those cores are the worker's. A
    deployment's broker has been running for days."""
    prefix, home, registry, serde = _run_space(conf, partitions, "w")
    (home / "w").mkdir()
    procs = [start_worker(conf, prefix, registry, home / "w", partitions)]
    try:
        backlog = sorted(synth.signals(signals, tag=prefix, days=60), key=lambda s: s["event_time"])
        values = (serde.encode(SIGNALS, s) for s in backlog)
        _produce_at_once(conf, SIGNALS.physical(prefix), ((v, v[-16:]) for v in values))
        _wait_caught_up(conf, prefix, 600)
    finally:
        stop(conf, prefix, procs)


def _produce_at_once(
    conf: dict[str, str], topic: str, records: Iterable[tuple[bytes, bytes]]
) -> None:
    """The backlog in one Kafka transaction, so that it appears on every partition at
    once, as a batch of the intake's normalising stage does (its signals are written in
    transactions). Written plainly, one partition's first records could reach the broker
    after another's were read; a worker whose partitions had been empty for the idle
    timeout (encoding a 200,000-signal backlog on a busy machine takes longer) then
    claims the late partition idle, lets the other move time on by days of the
    backlog's compressed clock, and refuses the late partition's records (1,618 entries,
    37 of 2,152 detections unlike the replay in one run on an overloaded machine)."""
    from confluent_kafka import Producer

    producer = Producer({**conf, "linger.ms": 20, "batch.size": 1_000_000,
                         "compression.type": "lz4", "transaction.timeout.ms": 600_000,
                         "transactional.id": f"bench-backlog-{uuid.uuid4().hex[:8]}"})  # fmt: skip
    producer.init_transactions(30)
    producer.begin_transaction()
    for value, key in records:
        produce(producer, topic, value, key)
        producer.poll(0)
    producer.commit_transaction(300)


def _backlog_and_surge(  # noqa: PLR0915 - one benchmark, start to finish
    conf: dict[str, str],
    *,
    signals: int,
    rate: int,
    seconds: int,
    partitions: int,
    workers: int,
) -> dict[str, Any]:
    from confluent_kafka import Producer

    prefix, home, registry, serde = _run_space(conf, partitions)
    topic = SIGNALS.physical(prefix)
    producer = Producer(
        {**conf, "linger.ms": 20, "batch.size": 1_000_000, "compression.type": "lz4"}
    )
    # one group; each worker its own data dir (its transactional id and local state)
    procs = []
    ports = [free_port() for _ in range(workers)]  # their /metrics: how far counting got
    for i in range(workers):
        (home / f"w{i}").mkdir()
        procs.append(start_worker(conf, prefix, registry, home / f"w{i}", partitions,
                                  metrics_port=ports[i]))  # fmt: skip
    try:
        # throughput: a backlog of synthetic signals, read as fast as the worker can
        click.echo(f"encoding {signals:,} signals …")
        # in event-time order, as a live stream arrives (a shuffled backlog would be late)
        backlog = sorted(synth.signals(signals, tag=prefix, days=60), key=lambda s: s["event_time"])
        encoding = progress.counted(backlog, "encoding", total=signals, unit="signal")
        values = [serde.encode(SIGNALS, s) for s in encoding]
        counted = progress.counted(values, "producing", total=signals, unit="signal")
        _produce_at_once(conf, topic, ((v, v[-16:]) for v in counted))
        click.echo("waiting for the worker to read the backlog …")
        t0 = time.monotonic()
        pids = [w.pid for w in procs]
        cpu0 = procstat.cpu_by_label(pids, broker=True)
        # the bar moves at the wait's own looks (~5 a second): no work added to the worker
        with progress.bar("worker reading", total=signals, unit="signal") as update:
            to = progress.reached(update)
            done = _wait_caught_up(conf, prefix, 900, behind=lambda lag: to(signals - lag),
                                   counted=lambda: keys_counted(ports))  # fmt: skip
        throughput = signals / (done - t0)
        built = compiled(ports)  # which build the workers ran: the numbers depend on it
        # CPU per process while the backlog was read (the worker, its fan-out child, the
        # broker), per 100,000 signals in the JSON. It moves less than the rate, which
        # counts whatever else the shared cores run
        cpu = procstat.spent(cpu0, procstat.cpu_by_label(pids, broker=True))
        # the checkpoint after the last record (Faust commits every 2.8 s)
        time.sleep(float(os.environ.get("TAHUB_FAUST_COMMIT_INTERVAL", "2.8")) + 2)
        state = _changelog_written(conf, prefix)
        click.echo("comparing the backlog's detections with the offline replay …")
        check = _replay_check(conf, serde, prefix, backlog)
        click.echo("measuring the client libraries' ceiling on the same backlog …")
        ceiling = consume_decode_rate(conf, serde, SIGNALS, topic, signals)
        # a surge: ``rate``/s on day windows whose baselines saw a few hundred signals a
        # day (every key alarms: the worst case), a planted spike on a quiet route every 0.5 s
        now = datetime.now(UTC)
        # planted spikes on routes the filler never uses, so only they can alarm there
        quiet_from = ("IS", "NO", "FI", "SE", "DK", "EE", "LV", "LT", "PL", "CZ", "SK", "HU")
        quiet_to = ("PT", "IE", "BE", "NL", "LU", "AT", "CH", "SI", "HR", "GR", "CY", "MT")
        routes = [(o, d) for o in quiet_from for d in quiet_to]
        history = _history(now, routes, 40)
        spikes: list[dict[str, Any]] = []  # the planted signals, for the offline judgement
        # after a lull (partitions idle), in one transaction as the backlog
        _produce_at_once(conf, topic, ((serde.encode(SIGNALS, s), s["source_id"].encode())
                                       for s in history))  # fmt: skip
        _wait_caught_up(conf, prefix, 300)
        probe = Detections(conf, prefix)
        time.sleep(3)
        planted: dict[str, float] = {}
        # the filler is encoded up front, with the event times it will be sent at: encoding
        # 10k records/s in this process would take a core from the system being measured
        total = rate * seconds
        base = datetime.now(UTC) + timedelta(seconds=2 + total / 50_000)
        filler = []
        load = synth.signals(total, tag=f"{prefix}f", days=1, start=base)
        for i, s in enumerate(progress.counted(load, "encoding", total=total, unit="signal")):
            s["event_time"] = base + timedelta(seconds=i / rate)
            filler.append((serde.encode(SIGNALS, s), s["source_id"].encode()))
        time.sleep(max(0.0, (base - datetime.now(UTC)).total_seconds()))
        t_start = time.monotonic()
        behind = max(0.0, time.time() - base.timestamp())  # encoding overran its budget
        sent = 0
        per_tick = rate // 10
        # paced, not flat out: the bar, drawn at most 4 times a second, costs a tick nothing
        for tick in progress.counted(range(seconds * 10), "surge", total=seconds * 10,
                                     unit="tick"):  # fmt: skip
            for value, key in filler[tick * per_tick : (tick + 1) * per_tick]:
                produce(producer, topic, value, key)
                sent += 1
            if tick % 5 == 0 and routes:
                origin, dest = routes.pop()
                stamp = base + timedelta(seconds=tick / 10)  # the load's clock (detect_steady)
                for j in range(6):
                    sig = make_signal(f"p{tick}-{j}", stamp, origin, dest, f"org-{j % 3}")
                    spikes.append(sig)
                    produce(producer, topic, serde.encode(SIGNALS, sig), sig["source_id"].encode())
                planted[f"route|{origin}>{dest}"] = time.time()  # the last one's produce call
            producer.poll(0)
            time.sleep(max(0.0, t_start + (tick + 1) / 10 - time.monotonic()))
        producer.flush(30)
        achieved = sent / (time.monotonic() - t_start)
        time.sleep(10)
        probe.close()
        alarming = _alarming(history + spikes)
        expected = [k for k in planted if k in alarming]
        delays = sorted(probe.first[k] - planted[k] for k in expected if k in probe.first)
        return {
            "settings": {
                "signals": signals,
                "rate": rate,
                "seconds": seconds,
                "partitions": partitions,
                "workers": workers,
                "compiled": built,
                "dimension_sets": 6,
                "commit_interval_s": float(os.environ.get("TAHUB_FAUST_COMMIT_INTERVAL", "2.8")),
            },
            "throughput_signals_per_s": round(throughput),
            "ceiling_signals_per_s": round(ceiling),  # bare confluent-kafka + fastavro
            "throughput_of_ceiling": round(throughput / ceiling, 3),
            "backlog_wall_s": round(done - t0, 2),
            "backlog_cpu_s_per_100k": {k: round(v * 100_000 / signals, 2) for k, v in cpu.items()},
            "backlog_signals_per_cpu_s": per_cpu_second(cpu, signals),
            "replay_check": check,
            # the backlog's state changelog writes (records, deletes, bytes) per 100k signals
            "state_writes_per_100k": {k: round(v * 100_000 / signals) for k, v in state.items()},
            "surge_rate_achieved": round(achieved),
            "surge_detection_versions": probe.count,
            "spikes_planted": len(planted),
            # a planted spike on a route with some recent history may rightly not alarm:
            # the offline engine over the same signals says which should
            "spikes_expected": len(expected),
            "spikes_detected": len(delays),
            **{f"surge_{k}": v for k, v in latencies(delays).items() if k != "latency_max_s"},
            "surge_load_behind_wall_s": round(behind, 3),
            # the backlog's and the surge's, refused as late by the count stage
            "uncounted_entries": sum(uncounted(home / f"w{i}") for i in range(workers)),
        }
    finally:
        stop(conf, prefix, procs)


_BUILD_NAMES = {True: "compiled", False: "pure Python", None: "build unknown"}


def per_cpu_second(cpu: Mapping[str, float], signals: int) -> dict[str, int]:
    """Signals of the backlog per CPU second of each of the workers' processes (the count
    stage's and its repartition child's, summed over workers): what each would read with
    a core of its own. On a machine whose cores the broker and every process share, the
    wall rate is the machine's; this is the worker's. A process that did none of the work
    (multiprocessing's resource tracker) is left out."""
    return {
        label: round(signals / spent)
        for label, spent in cpu.items()
        if label.startswith("tahub worker") and spent >= 0.1
    }


def report(result: dict[str, Any]) -> None:
    click.echo(
        f"{result['settings']['workers']} worker(s) "
        f"({_BUILD_NAMES[result['settings'].get('compiled')]}), 6 dimension sets: "
        f"{result['throughput_signals_per_s']:,} signals/s "
        f"sustained ({result['throughput_of_ceiling']:.0%} of the "
        f"{result['ceiling_signals_per_s']:,}/s a bare confluent-kafka + fastavro reader "
        "decodes here)"
    )
    cpu = result.get("backlog_cpu_s_per_100k")
    if cpu:
        wall = result["backlog_wall_s"] * 100_000 / result["settings"]["signals"]
        click.echo(
            "CPU per 100k signals of the backlog: "
            + ", ".join(f"{k} {v:.2f} s" for k, v in cpu.items())
            + f" (read in {wall:.2f} s)"
        )
    own = result.get("backlog_signals_per_cpu_s")
    if own:
        click.echo(
            "per CPU second of its own: "
            + ", ".join(f"{k} {v:,} signals" for k, v in own.items())
            + f" (a worker with a core per process, its broker elsewhere: {min(own.values()):,}/s)"
        )
    state = result["state_writes_per_100k"]
    click.echo(
        f"state changelog per 100k signals of the backlog: {state['records']:,} records "
        f"({state['deletes']:,} deletes), {state['bytes'] / 1e6:.1f} MB"
    )
    click.echo(
        f"surge (every key far over its day baseline): {result['surge_rate_achieved']:,}/s, "
        f"{result['surge_detection_versions']:,} detection versions; "
        f"{result['spikes_detected']} of {result['spikes_expected']} spikes detected (of "
        f"{result['spikes_planted']} planted, the rest judged not anomalous offline), "
        f"produce→detection p50 {result['surge_latency_p50_s']} s, "
        f"p99 {result['surge_latency_p99_s']} s"
    )
    steady = result.get("steady")
    if steady is not None:
        click.echo(
            f"steady state ({steady['window_s']} s windows, {steady['warmup_s']} s of the same "
            f"load first): {steady['rate_achieved']:,}/s, "
            f"{steady['detection_versions_per_s']} detection versions/s; "
            f"{steady['spikes_detected']} of {steady['spikes_expected']} spikes that alarm in "
            f"their own window detected (of {steady['spikes_planted']} planted; "
            f"{steady['spikes_alarming_later']} alarm only with later reports, not timed), "
            "produce→detection p50 "
            f"{steady['latency_p50_s']} s, p99 {steady['latency_p99_s']} s, "
            f"max {steady['latency_max_s']} s"
        )
        pauses = steady.get("gc_pauses")
        if pauses:
            click.echo(
                "the steady worker's garbage collections, by generation: "
                + "; ".join(
                    f"{gen}: {p['collections']:,}, the longest under "
                    + (
                        "the largest bucket"
                        if p["longest_under_s"] is None
                        else f"{p['longest_under_s']} s"
                    )
                    for gen, p in pauses.items()
                )
            )
    check = result["replay_check"]
    click.echo(
        f"the backlog's {check['closed_detections']:,} detections of closed windows "
        + (
            "equal the offline replay's"
            if check["equal"]
            else f"differ from the offline replay's in {check['differing']:,}"
        )
    )
