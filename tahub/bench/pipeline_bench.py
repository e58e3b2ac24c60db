"""`tahub bench pipeline`: the whole pipeline at increasing rates on the configured broker.

The real main job (`tahub up`, in a data dir, on topics and groups of its own: intake API,
stream worker, sink into chDB, alerts, news from the demo's recorded feeds) takes single
POSTs of the demo world's partners from a paced client in another process
(``pipeline_load``): the demo's trickle as background, and every ``spike_every`` seconds
a burst of 7 reports on a route nobody else reports, with an outbox subscription of its
own. Detector windows are seconds long (``DETECTOR_TOML``), six dimension sets.

Measured, per rate step:
- throughput: submissions answered 202 per second, and each stage's records read per
  second (its consumer group's committed positions, sampled every ``SAMPLE`` s);
- whether every stage kept up: the oldest record a stage has not committed is at most
  ``BEHIND`` s old at the step's end, and the client sent what was planned;
- latency: submission (the client's send) → its signals in the warehouse (the first
  sample at which the sink's committed offset passed them: the sink commits after its
  insert, so this errs late by up to ``SAMPLE`` s), submission → detection (a spike's
  last report → the first detection version of its route, by the record's create time),
  detection → delivery (first version of any detection an alert carries → its outbox
  delivery record);
- CPU (share of one core) and peak resident memory of each process, from /proc.

The client libraries' limits, in the same run: a bare confluent-kafka consumer with
fastavro decoding over the run's signals topic, and a bare producer sending the same
values (``ceilings``). Each stage's rate is given as a fraction of them.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import click

from schemas.topics import ALERTS, DELIVERIES, DETECTIONS, SIGNALS
from tahub import lag as lags
from tahub.bench import procstat
from tahub.bench.ceilings import consume_decode_rate, produce_seconds
from tahub.errors import TahubError
from tahub.runtime.ports import free_port
from tahub.settings import Settings, load_settings

CEILING_RECORDS = 50_000  # the bare producer sends at least this many
SAMPLE = 0.5  # seconds between looks at the groups' positions and the processes
BEHIND = 5.0  # a stage whose oldest unread record is older than this fell behind
WINDOW = 5  # seconds per detection window
SPIKE_SIZE = 7
# spikes come on routes the demo's trickle never reports, each its own
SPIKE_ORIGINS = ("IN", "BD", "LK", "PK", "ID", "CN", "NG", "GH")
SPIKE_DESTINATIONS = ("AE", "SA", "QA", "KW", "OM", "BH", "JO", "LB")

# every default dimension set, in windows of seconds; warm after 8 windows (40 s)
DETECTOR_TOML = f"""\
backdated_after_days = 1
late_policy = "count"

[defaults]
window = {WINDOW}
baseline = 8
guard = 1
span = 1
method = "poisson"
threshold = 3.5
min_count = 4
min_sources = 2
novelty = false
lateness = 2
"""
WARM = (8 + 1) * WINDOW  # seconds of data before any detector gives a verdict


@dataclass
class Step:
    rate: int
    seconds: float
    warmup: bool
    start: float = 0.0  # wall clock of its first planned request
    end: float = 0.0  # when its last request was answered
    spikes: list[tuple[str, str, float]] = field(default_factory=list)  # origin, dest, sent
    results: list[list[Any]] = field(default_factory=list)  # pipeline_load's rows
    behind: dict[str, float] = field(default_factory=dict)  # stage -> oldest unread age
    client_cpu_s: float = 0.0  # the load generator's CPU seconds


# --- the job ---


def _job_env(conf: dict[str, str], home: Path, prefix: str, partitions: int) -> dict[str, str]:
    """`tahub up` on the benchmark's broker (its client settings as TAHUB_KAFKA_*), on
    the local defaults otherwise, in ``home`` and on topics under ``prefix``."""
    from tahub.demo.run import write_config

    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TAHUB_") or k.startswith("TAHUB_FAUST_")}  # fmt: skip
    env["TAHUB_KAFKA_BOOTSTRAP"] = conf["bootstrap.servers"]
    for key, value in conf.items():
        if key != "bootstrap.servers":
            env["TAHUB_KAFKA_" + key.upper().replace(".", "_")] = value
    demo = write_config(home)  # the recorded feeds; the detector is the benchmark's own
    (home / "detector.toml").write_text(DETECTOR_TOML)
    env |= {
        "TAHUB_DATA_DIR": str(home),
        "TAHUB_TOPIC_PREFIX": prefix,
        "TAHUB_APP_ID": prefix.rstrip("."),
        "TAHUB_HTTP_PORT": str(free_port()),
        "TAHUB_PARTITIONS": str(partitions),
        "TAHUB_DETECTOR_CONFIG": str(home / "detector.toml"),
        "TAHUB_NEWS_FEEDS": demo["TAHUB_NEWS_FEEDS"],
        "TAHUB_INTAKE_RATE": "1000000",  # measure the pipeline, not the per-org limiter
        "TAHUB_INTAKE_BURST": "1000000",
        "TAHUB_NEWS_METRICS_PORT": "0",
        "TAHUB_ALERTS_METRICS_PORT": "0",
        "TAHUB_WORKER_METRICS_PORT": "0",
        "TAHUB_LOG_LEVEL": "WARNING",
    }
    return env


def _start_job(env: dict[str, str], log: IO[str]) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tahub", "up"], env=env, stdout=subprocess.PIPE, stderr=log,
        text=True, start_new_session=True,
    )  # fmt: skip
    found = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "tahub is up" in line:
                found.set()

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + 180
    while not found.wait(0.5):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise TahubError("the main job did not come up (see its log in the bench dir)")
    return proc


def _stop_job(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(90)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait(30)


def _settings(env: dict[str, str]) -> Settings:
    """The job's settings as this process sees them."""
    over = {k[6:].lower(): v for k, v in env.items() if k.startswith("TAHUB_")}
    return load_settings(**{k: v for k, v in over.items() if k in Settings.model_fields})


# --- the world ---


def _world(js: Settings, base: str, spikes: int) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The demo's organisations with keys, and one outbox subscription per spike route."""
    import httpx

    from producers.intake.access import OrgKind
    from tahub import wiring
    from tahub.demo import world

    store = wiring.access(js)
    keys = {}
    for org in world.ORGS:
        store.add_org(org.org_id, org.name, OrgKind(org.kind))
        keys[org.org_id] = store.issue_key(org.org_id, "bench")[1]
    routes = [(o, d) for o in SPIKE_ORIGINS for d in SPIKE_DESTINATIONS]
    random.Random(5).shuffle(routes)  # noqa: S311 - a benchmark's plan
    routes = routes[:spikes]
    owner = world.SPIKE.orgs[-1]
    for origin, dest in routes:
        spec = {"name": f"bench {origin}>{dest}", "typologies": ["forced_labour"],
                "origins": [origin], "destinations": [dest],
                "channels": [{"kind": "outbox", "target": f"r-{origin}-{dest}"}]}  # fmt: skip
        r = httpx.post(f"{base}/api/v1/subscriptions", json=spec,
                       headers={"Authorization": f"Bearer {keys[owner]}"}, timeout=30)  # fmt: skip
        if r.status_code != 201:
            raise TahubError(f"subscription refused: {r.status_code} {r.text[:200]}")
    return keys, routes


def _spike_body(origin: str, dest: str, i: int, today: date) -> dict[str, Any]:
    return {
        "submission_id": f"spike-{origin}-{dest}-{i}", "occurred_on": today.isoformat(),
        "occurred_precision": "day", "typologies": ["forced_labour"],
        "recruitment_places": [{"country": origin}], "exploitation_places": [{"country": dest}],
        "victims": [{"age_band": "age_18_20", "gender": "male", "count": 1}],
        "tlp": "TLP:GREEN",
    }  # fmt: skip


def _plan(
    step: Step, keys: dict[str, str], trickle: Any, routes: list[tuple[str, str]],
    *, spike_every: float, today: date,
) -> list[list[Any]]:  # fmt: skip
    """The step's requests (offset, key, body, spike route or ""). Spikes fall 0.3 s into
    a window, so that a burst is one window's."""
    from tahub.demo import world

    reqs: list[list[Any]] = []
    for i in range(int(step.rate * step.seconds)):
        org, body = next(trickle)
        reqs.append([i / step.rate, keys[org], body, ""])
    t = spike_every
    while not step.warmup and routes:
        # step.start is on a window edge: offsets on a window edge are too
        spike_at = math.ceil(t / WINDOW) * WINDOW + 0.3
        if spike_at >= step.seconds:
            break
        origin, dest = routes.pop(0)
        for j in range(SPIKE_SIZE):
            org = world.SPIKE.orgs[j % len(world.SPIKE.orgs)]
            body = _spike_body(origin, dest, j, today)
            reqs.append([spike_at, keys[org], body, f"{origin}>{dest}"])
        t = spike_at - 0.3 + spike_every
    reqs.sort(key=lambda r: float(r[0]))
    return reqs


def _spikes(reqs: list[list[Any]], results: list[list[Any]]) -> list[tuple[str, str, float]]:
    """Each spike's route and when its last report was sent."""
    last: dict[str, float] = {}
    for req, res in zip(reqs, results, strict=True):
        if req[3]:
            last[req[3]] = max(last.get(req[3], 0.0), res[1])
    out = []
    for route, sent in last.items():
        origin, dest = route.split(">", 1)
        out.append((origin, dest, sent))
    return out


def _load(home: Path, base: str, step: Step, reqs: list[list[Any]], concurrency: int) -> None:
    plan, out = home / "plan.json", home / "load.json"
    # the step starts on a window edge at least a second from now
    step.start = (int(time.time() + 1.0) // WINDOW + 1) * WINDOW
    plan.write_text(json.dumps({"url": base, "start": step.start, "concurrency": concurrency,
                                "requests": reqs}))  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-m", "tahub.bench.pipeline_load", str(plan), str(out)],
        capture_output=True, text=True, timeout=step.seconds * 10 + 120, check=False,
    )  # fmt: skip
    if run.returncode != 0:
        raise TahubError(f"load generator failed: {run.stderr.strip()[-500:]}")
    done = json.loads(out.read_text())
    step.results, step.client_cpu_s = done["rows"], float(done["cpu_s"])
    step.end = max((r[2] for r in step.results), default=step.start)


# --- sampling ---


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


# --- reading what came out ---


def _read(conf: dict[str, str], topic: str) -> list[tuple[int, int, float, bytes]]:
    """Every record of ``topic``: (partition, offset, create time s, value)."""
    from confluent_kafka import Consumer, TopicPartition

    group = f"bench-read-{uuid.uuid4().hex[:8]}"
    consumer = Consumer({**conf, "group.id": group, "enable.auto.commit": False,
                         "isolation.level": "read_committed"})  # fmt: skip
    try:
        parts = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        ends = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
                for p in parts}  # fmt: skip
        consumer.assign([TopicPartition(topic, p, 0) for p in parts])
        out: list[tuple[int, int, float, bytes]] = []
        done = {p for p, end in ends.items() if end == 0}
        quiet = time.monotonic()
        while len(done) < len(ends) and time.monotonic() - quiet < 10:
            for msg in consumer.consume(5000, 1.0):
                part, offset, value = msg.partition(), msg.offset(), msg.value()
                if msg.error() is not None or part is None or offset is None or value is None:
                    continue
                quiet = time.monotonic()
                out.append((part, offset, msg.timestamp()[1] / 1000, value))
                if offset + 1 >= ends[part]:
                    done.add(part)
        return out
    finally:
        consumer.close()


def _pcts(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0, "p50": None, "p90": None, "p99": None, "max": None}
    xs = sorted(values)

    def at(q: float) -> float:
        return round(xs[min(len(xs) - 1, int(len(xs) * q))], 3)

    return {"n": len(xs), "p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": round(xs[-1], 3)}


def _cpu(sampler: Sampler, t0: float, t1: float) -> dict[str, dict[str, float]]:
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


def _busy(sampler: Sampler, t0: float, t1: float) -> float | None:
    """How busy the machine's cores were over [t0, t1], every process on it counted."""
    inside = [m for m in sampler.machine if t0 <= m[0] <= t1]
    if len(inside) < 2:
        return None
    (_, busy_a, total_a), (_, busy_b, total_b) = inside[0], inside[-1]
    return round((busy_b - busy_a) / (total_b - total_a), 3) if total_b > total_a else None


def _rates(sampler: Sampler, t0: float, t1: float) -> dict[str, float]:
    """Each stage's records read per second over [t0, t1]."""
    inside = [(t, pos) for t, pos, _, _ in sampler.looks if t0 <= t <= t1]
    if len(inside) < 2:
        return {}
    (ta, a), (tb, b) = inside[0], inside[-1]
    return {stage: round((b[stage] - a.get(stage, 0)) / (tb - ta), 1) for stage in b}


def _peaks(sampler: Sampler, span: float = 2.0) -> dict[str, float]:
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


# --- the run ---


def run(  # noqa: PLR0915 - one benchmark, start to finish
    s: Settings,
    *,
    rates: list[int],
    seconds: float,
    warmup: float,
    spike_every: float,
    concurrency: int = 64,
) -> dict[str, Any]:
    from tahub import wiring
    from tahub.demo import world

    conf = s.kafka_client_config()
    prefix = f"pipe{uuid.uuid4().hex[:8]}."
    app_id = prefix.rstrip(".")
    home = Path(tempfile.mkdtemp(prefix="tahub-bench-"))
    env = _job_env(conf, home, prefix, s.partitions)
    js = _settings(env)
    base = f"http://{js.http_host}:{js.http_port}"
    log = (home / "job.log").open("w")
    click.echo(f"starting the main job on {conf['bootstrap.servers']} (topics {prefix}*) …")
    t_up = time.monotonic()
    proc = _start_job(env, log)
    up_s = time.monotonic() - t_up
    roots = [proc.pid]
    if s.uses_local_broker:
        from tahub.runtime import broker as local

        pid = local.status(wiring.broker_config(s)).pid
        roots += [pid] if pid else []
    steps = [Step(rates[0], warmup, True)] if warmup > 0 else []
    steps += [Step(r, seconds, False) for r in rates]
    per_step = max(1, int(seconds // spike_every))
    sampler = Sampler(conf, app_id, prefix, roots)
    today = datetime.now(UTC).date()
    try:
        keys, routes = _world(js, base, per_step * len(rates))
        trickle = world.trickle(today)
        sampler.start()
        for n, step in enumerate(steps):
            reqs = _plan(step, keys, trickle, routes, spike_every=spike_every, today=today)
            kind = "warm-up" if step.warmup else "step"
            click.echo(f"{kind}: {step.rate}/s for {step.seconds:.0f} s …")
            _load(home, base, step, reqs, concurrency)
            step.spikes = _spikes(reqs, step.results)
            step.behind = sampler.behind()
            if not step.warmup and not _kept_up(step):
                click.echo(f"  not sustained at {step.rate}/s: stop here")
                del steps[n + 1 :]  # the rates not run
                break
        t_drain = time.time()
        drained = _drain(sampler, 120)
        sampler.stop()
        click.echo("reading what came out and measuring the client libraries' limits …")
        out = _collect(conf, js, prefix, steps, sampler)
        signals = [v for *_, v in _read(conf, SIGNALS.physical(prefix))]
        serde = wiring.serde(js)
        consume = consume_decode_rate(conf, serde, SIGNALS, SIGNALS.physical(prefix), len(signals))
        produce = _produce_limit(conf, f"{prefix}ceiling", s.partitions, signals)
    except BaseException:
        click.echo(f"the job's log: {home / 'job.log'}", err=True)
        raise
    finally:
        sampler.stop()
        _stop_job(proc)
        log.close()
        _delete_topics(conf, prefix)
    result = _summary(steps, sampler, out, (consume, produce))
    result["settings"] = {
        "rates": rates, "seconds": seconds, "warmup_s": warmup, "spike_every_s": spike_every,
        "spike_size": SPIKE_SIZE, "concurrency": concurrency, "partitions": s.partitions,
        "detector": {"window_s": WINDOW, "baseline_windows": 8, "lateness_s": 2,
                     "dimension_sets": 6},
        "alert_group_wait_s": js.alert_group_wait, "sample_s": SAMPLE, "behind_s": BEHIND,
        "broker": conf["bootstrap.servers"], "local_broker": s.uses_local_broker,
    }  # fmt: skip
    result["job_up_s"] = round(up_s, 1)
    result["drain_s"] = round(drained - t_drain, 1) if drained else None
    shutil.rmtree(home, ignore_errors=True)
    return result


def _produce_limit(conf: dict[str, str], topic: str, partitions: int, values: list[bytes]) -> float:
    """Records/s a bare producer sends of the run's signal values (repeated to at least
    ``CEILING_RECORDS``) to a fresh topic, once its partitions have leaders and a first
    send has fetched the metadata: its rate, not its start."""
    from confluent_kafka.admin import NewTopic  # type: ignore[attr-defined]

    from tahub.topics_admin import admin_client

    admin = admin_client(conf)
    for fut in admin.create_topics([NewTopic(topic, partitions, 1)]).values():
        fut.result(30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        parts = admin.list_topics(topic, timeout=10).topics[topic].partitions
        if len(parts) == partitions and all(p.leader >= 0 for p in parts.values()):
            break
        time.sleep(0.2)
    sample = (values * (CEILING_RECORDS // max(1, len(values)) + 1))[: max(CEILING_RECORDS,
                                                                          len(values))]  # fmt: skip
    produce_seconds(conf, topic, sample[:100])  # metadata and connections
    return len(sample) / produce_seconds(conf, topic, sample)


def _delete_topics(conf: dict[str, str], prefix: str) -> None:
    """The run's topics: its prefix, and the stream app's internal ones (its app id)."""
    from tahub.topics_admin import admin_client

    admin = admin_client(conf)
    app = prefix.rstrip(".")
    names = [t for t in admin.list_topics(timeout=10).topics if t.startswith((prefix, app))]
    if names:
        for fut in admin.delete_topics(names, operation_timeout=30).values():
            try:
                fut.result(60)
            except Exception:  # noqa: S112 - best effort: a scratch topic left is harmless
                continue


def _kept_up(step: Step) -> bool:
    planned = len(step.results)
    ok = sum(1 for r in step.results if r[3] == 202)
    late = _pcts([r[1] - r[0] for r in step.results])["p99"] or 0.0
    behind = max(step.behind.values(), default=0.0)
    return ok >= 0.99 * planned and late <= 1.0 and behind <= BEHIND


def _drain(sampler: Sampler, timeout: float) -> float | None:
    """Wait until every stage but the count stage has nothing left to read, then a few
    seconds for the count stage (its topic carries watermark marks every second, so its
    lag is seldom zero); when the others were done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sampler.looks:
            t, _, behind, _ = sampler.looks[-1]
            if not any(n for stage, n in behind.items() if stage != "count"):
                time.sleep(5)
                return t
        time.sleep(SAMPLE)
    return None


def _collect(
    conf: dict[str, str], js: Settings, prefix: str, steps: list[Step], sampler: Sampler
) -> dict[str, Any]:
    """Latencies per step from the topics: signals landed, detections, deliveries."""
    from tahub import wiring

    serde = wiring.serde(js)
    return {**_landing(conf, serde, prefix, steps, sampler), **_told(conf, serde, prefix, steps)}


def _landing(
    conf: dict[str, str], serde: Any, prefix: str, steps: list[Step], sampler: Sampler
) -> dict[str, Any]:
    """Submission → its signals in the warehouse, per step; how many never landed."""
    sent_at: dict[str, tuple[int, float]] = {}  # incident id -> (step index, sent)
    for i, step in enumerate(steps):
        for r in step.results:
            if r[4]:
                sent_at[r[4]] = (i, r[1])
    warehouse: list[list[float]] = [[] for _ in steps]
    signals_of: list[int] = [0 for _ in steps]
    missing = 0
    for part, offset, _, value in _read(conf, SIGNALS.physical(prefix)):
        sig = serde.decode(SIGNALS, value)
        hit = sent_at.get(sig["source_id"])
        if hit is None:
            continue  # a news signal
        signals_of[hit[0]] += 1
        landed = sampler.landed(part, offset)
        if landed is None:
            missing += 1
        else:
            warehouse[hit[0]].append(landed - hit[1])
    return {"warehouse": warehouse, "signals": signals_of, "missing": missing}


def _told(conf: dict[str, str], serde: Any, prefix: str, steps: list[Step]) -> dict[str, Any]:
    """Spike → detection and detection → delivery, per step."""
    first: dict[str, float] = {}  # detection id -> its first version's create time
    routes: dict[tuple[str, str], float] = {}  # (origin, destination) -> first detection
    for _, _, ts, value in _read(conf, DETECTIONS.physical(prefix)):
        det = serde.decode(DETECTIONS, value)
        first[det["detection_id"]] = min(ts, first.get(det["detection_id"], ts))
        dims = det["dimensions"]
        route = (dims.get("origin", ""), dims.get("destination", ""))
        routes[route] = min(ts, routes.get(route, ts))
    detect: list[list[float]] = [
        [routes[(o, d)] - sent for o, d, sent in step.spikes if (o, d) in routes] for step in steps
    ]
    alerts: dict[str, list[str]] = {}
    for _, _, _, value in _read(conf, ALERTS.physical(prefix)):
        note = serde.decode(ALERTS, value)
        alerts[note["notification_id"]] = list(note["detection_ids"])
    deliver: list[list[float]] = [[] for _ in steps]
    starts = [s.start for s in steps]
    for _, _, ts, value in _read(conf, DELIVERIES.physical(prefix)):
        d = serde.decode(DELIVERIES, value)
        opened = [first[x] for x in alerts.get(d["notification_id"], []) if x in first]
        if d["status"] == "sent" and opened:
            i = max(0, bisect.bisect_right(starts, min(opened)) - 1)
            deliver[i].append(ts - min(opened))
    return {"detect": detect, "deliver": deliver, "detections": len(first),
            "alerts": len(alerts)}  # fmt: skip


def _summary(
    steps: list[Step], sampler: Sampler, out: dict[str, Any], ceilings: tuple[float, float]
) -> dict[str, Any]:
    consume, produce = ceilings
    rows = []
    for i, step in enumerate(steps):
        ok = sum(1 for r in step.results if r[3] == 202)
        span = max(step.end - step.start, 1e-9)
        rows.append({
            "rate": step.rate, "warmup": step.warmup, "seconds": round(span, 1),
            "planned": len(step.results), "accepted": ok,
            "accepted_per_s": round(ok / span, 1),
            "signals_per_s": round(out["signals"][i] / span, 1),
            "client_late_s": _pcts([r[1] - r[0] for r in step.results]),
            "post_s": _pcts([r[2] - r[1] for r in step.results]),
            "kept_up": _kept_up(step) if not step.warmup else None,
            "stage_behind_s": step.behind,
            "stage_records_per_s": _rates(sampler, step.start, step.end),
            "latency_s": {
                "submission_to_warehouse": _pcts(out["warehouse"][i]),
                "submission_to_detection": _pcts(out["detect"][i]),
                "detection_to_delivery": _pcts(out["deliver"][i]),
            },
            "spikes": len(step.spikes), "spikes_detected": len(out["detect"][i]),
            "processes": _cpu(sampler, step.start, step.end),
            "client_cpu_of_core": round(step.client_cpu_s / span, 3),
            "machine_cpu_busy": _busy(sampler, step.start, step.end),
        })  # fmt: skip
    measured = [r for r in rows if not r["warmup"]]
    held = [r for r in measured if r["kept_up"]]
    best = max(held, key=lambda r: r["rate"]) if held else None
    failed = next((r for r in measured if not r["kept_up"]), None)
    peaks = _peaks(sampler)
    return {
        "steps": rows,
        "sustained": None if best is None else {
            "rate": best["rate"], "accepted_per_s": best["accepted_per_s"],
            "signals_per_s": best["signals_per_s"],
        },
        "bottleneck": _bottleneck(failed, best),
        "stage_peak_records_per_s": peaks,
        "ceilings": {
            "consume_decode_per_s": round(consume),  # bare confluent-kafka + fastavro
            "produce_per_s": round(produce),  # bare confluent-kafka producer
        },
        "of_ceiling": _fractions(best, peaks, consume, produce),
        "all_signals_landed": out["missing"] == 0,
        "signals_not_landed": out["missing"],
        "detections": out["detections"], "alerts": out["alerts"],
        "all_latency_s": {
            k: _pcts([x for i, r in enumerate(rows) if not r["warmup"] for x in out[k][i]])
            for k in ("warehouse", "detect", "deliver")
        },
    }  # fmt: skip


def _bottleneck(failed: dict[str, Any] | None, best: dict[str, Any] | None) -> dict[str, Any]:
    """The stage that fell behind first: at the first step not sustained, the stage with
    the oldest unread record, or the intake API if the client could not send what was
    planned; when every step held, the busiest process at the highest."""
    if failed is not None:
        stage, age = max(failed["stage_behind_s"].items(), key=lambda kv: kv[1],
                         default=("", 0.0))  # fmt: skip
        if age > BEHIND:
            why = f"its oldest unread record was {age:.1f} s old at the step's end"
            return {"stage": stage, "at_rate": failed["rate"], "behind_s": age, "why": why}
        return _short_of_rate(failed)
    if best is None or not best["processes"]:
        return {"stage": None, "why": "no step measured"}
    name, use = max(best["processes"].items(), key=lambda kv: kv[1]["cpu_of_core"])
    return {"stage": None, "at_rate": best["rate"], "busiest_process": name,
            "why": f"every step kept up; busiest process {name} at "
                   f"{use['cpu_of_core']:.0%} of a core"}  # fmt: skip


def _short_of_rate(failed: dict[str, Any]) -> dict[str, Any]:
    """The client could not send at the planned rate: whose CPU set the pace."""
    sent = (f"{failed['accepted']} of {failed['planned']} accepted at "
            f"{failed['accepted_per_s']:.0f}/s, sent p99 {failed['client_late_s']['p99']} s "
            "late")  # fmt: skip
    client, busy = failed["client_cpu_of_core"], failed["machine_cpu_busy"] or 0.0
    cores = os.cpu_count() or 1
    top = sorted(failed["processes"].items(), key=lambda kv: -kv[1]["cpu_of_core"])[:3]
    uses = ", ".join(f"{name} {use['cpu_of_core']:.0%}" for name, use in top)
    if client >= 0.9:
        return {"stage": "load generator", "at_rate": failed["rate"],
                "why": f"{sent}; the client used {client:.0%} of a core"}  # fmt: skip
    if busy >= 0.9:
        return {"stage": "machine CPU", "at_rate": failed["rate"],
                "why": f"{sent}; the {cores} cores were {busy:.0%} busy ({uses}, the client "
                       f"{client:.0%} of a core)"}  # fmt: skip
    return {"stage": "intake API", "at_rate": failed["rate"],
            "why": f"{sent}; answers p99 {failed['post_s']['p99']} s ({uses})"}  # fmt: skip


def _fractions(
    best: dict[str, Any] | None, peaks: dict[str, float], consume: float, produce: float
) -> dict[str, Any]:
    """Each stage's records/s (at the highest sustained step, and its peak over the run)
    as a fraction of the bare reader's; the intake's accepted POSTs/s of the bare producer's."""
    out: dict[str, Any] = {}
    rates = best["stage_records_per_s"] if best else {}
    for stage in sorted(set(rates) | set(peaks)):
        out[stage] = {
            "sustained": round(rates.get(stage, 0.0) / consume, 5) if consume else None,
            "peak": round(peaks.get(stage, 0.0) / consume, 5) if consume else None,
        }
    out["intake_api"] = {
        "sustained": round(best["accepted_per_s"] / produce, 5) if best and produce else None
    }
    return out


def report(result: dict[str, Any]) -> None:
    for r in result["steps"]:
        lat = r["latency_s"]
        name = "warm-up" if r["warmup"] else ("kept up" if r["kept_up"] else "fell behind")
        click.echo(
            f"{r['rate']:>5}/s: {r['accepted_per_s']:,.0f} POSTs/s, {r['signals_per_s']:,.0f} "
            f"signals/s, {name}; to warehouse p50 {lat['submission_to_warehouse']['p50']} s "
            f"p99 {lat['submission_to_warehouse']['p99']} s; to detection p50 "
            f"{lat['submission_to_detection']['p50']} s ({r['spikes_detected']}/{r['spikes']}); "
            f"detection → delivery p50 {lat['detection_to_delivery']['p50']} s"
        )
        top = sorted(r["processes"].items(), key=lambda kv: -kv[1]["cpu_of_core"])[:4]
        uses = ", ".join(f"{k} {v['cpu_of_core']:.0%} {v['rss_mb']:.0f} MB" for k, v in top)
        busy = r["machine_cpu_busy"]
        click.echo(
            f"        {uses}; client {r['client_cpu_of_core']:.0%}; machine "
            f"{'?' if busy is None else f'{busy:.0%}'} busy"
        )
    c, sus, b = result["ceilings"], result["sustained"], result["bottleneck"]
    click.echo(
        f"sustained: {sus['rate'] if sus else 'none'}/s; bottleneck: {b.get('stage')} "
        f"({b['why']}); limits here: bare consume + decode {c['consume_decode_per_s']:,}/s, "
        f"bare produce {c['produce_per_s']:,}/s; every signal landed: "
        f"{result['all_signals_landed']}"
    )
