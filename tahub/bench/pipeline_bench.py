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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import click

from schemas.topics import ALERTS, DELIVERIES, DETECTIONS, SIGNALS
from tahub import progress
from tahub.bench.ceilings import consume_decode_rate, produce_seconds
from tahub.bench.pipeline_sampler import SAMPLE, Sampler
from tahub.bench.pipeline_summary import BEHIND, Step, kept_up, summary
from tahub.errors import TahubError
from tahub.runtime.ports import free_port
from tahub.settings import Settings, load_settings

CEILING_RECORDS = 50_000  # the bare producer sends at least this many
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
        # one step at a time: a bar counting steps, not the load within them
        with progress.bar("rate steps", total=len(steps), unit="step") as update:
            for n, step in enumerate(steps):
                reqs = _plan(step, keys, trickle, routes, spike_every=spike_every, today=today)
                kind = "warm-up" if step.warmup else "step"
                progress.say(f"{kind}: {step.rate}/s for {step.seconds:.0f} s …")
                _load(home, base, step, reqs, concurrency)
                step.spikes = _spikes(reqs, step.results)
                step.behind = sampler.behind()
                update(1)  # between steps: each step's load runs in its own process
                if not step.warmup and not kept_up(step):
                    progress.say(f"  not sustained at {step.rate}/s: stop here")
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
    result = summary(steps, sampler, out, (consume, produce))
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
