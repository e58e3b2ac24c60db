"""What both halves of `tahub bench detect` use: a stream worker in its own process, a
probe of the detections topic, the planted signals, and the latencies they give."""

from __future__ import annotations

import os
import re
import secrets
import statistics
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from schemas import keys_topic
from schemas.topics import DETECTIONS
from tahub.topics_admin import admin_client

# every worker derives detection ids under this key, and so does the replay they are
# compared with
BENCH_ID_KEY = bytes(range(32))


# the bench's workers serve /metrics on loopback, to this process's token
METRICS_TOKEN = secrets.token_hex(16)


def start_worker(
    conf: dict[str, str], prefix: str, registry: str, home: Path, partitions: int,
    *, detector: Path | None = None, metrics_port: int = 0,
) -> Any:  # fmt: skip
    # the worker's Faust tuning (TAHUB_FAUST_*) comes from the caller; nothing else does
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TAHUB_") or k.startswith("TAHUB_FAUST_")}  # fmt: skip
    env |= {
        "TAHUB_KAFKA_BOOTSTRAP": conf["bootstrap.servers"],
        "TAHUB_TOPIC_PREFIX": prefix,
        "TAHUB_APP_ID": f"{prefix}bench",
        "TAHUB_SCHEMA_REGISTRY_URL": registry,
        "TAHUB_PARTITIONS": str(partitions),
        "TAHUB_DATA_DIR": str(home),
        "TAHUB_LOG_LEVEL": "WARNING",
        "TAHUB_ID_KEY": BENCH_ID_KEY.hex(),
        "TAHUB_WORKER_METRICS_PORT": str(metrics_port),
        "TAHUB_HTTP_HOST": "127.0.0.1",
        "TAHUB_METRICS_TOKEN": METRICS_TOKEN,
    }
    if detector is not None:
        env["TAHUB_DETECTOR_CONFIG"] = str(detector)
    log = (home / "worker.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "tahub", "worker"], env=env, stdout=log, stderr=subprocess.STDOUT
    )


class Detections:
    """Reads the detections topic in the background, noting when the worker produced each
    key's first detection: the record's create time, stamped by the worker's producer, so
    the reader's own delay is not measured. Records are keyed ``<set>|<key>``: none needs
    decoding (decoding every version of a detection storm cost this process a lot of CPU
    while it was generating the load)."""

    def __init__(self, conf: dict[str, str], prefix: str) -> None:
        from confluent_kafka import Consumer

        self.first: dict[str, float] = {}
        self.count = 0
        self.created: list[float] = []  # every version's create time (s)
        self._stop = threading.Event()
        self._consumer = Consumer({**conf, "group.id": f"{prefix}probe",
                                   "auto.offset.reset": "latest"})  # fmt: skip
        self._consumer.subscribe([DETECTIONS.physical(prefix)])
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            for msg in self._consumer.consume(1000, 0.1):
                key = msg.key()
                if msg.error() or key is None:
                    continue
                self.count += 1
                _, created_ms = msg.timestamp()
                self.created.append(created_ms / 1000)
                # a key's first detection in any audience tier ('<set>|<key>#<tier>')
                self.first.setdefault(keys_topic.routing(key).decode(), created_ms / 1000)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._consumer.close()


_UNCOUNTED = re.compile(rb"detection: (\d+) entries came after their window closed")


def uncounted(home: Path) -> int:
    """Entries the worker in ``home`` refused as late, from its log (it logs the running
    total at each tick that finds more): the bench's own data is never late, so anything
    here is a fault of the bench's clocks or of the pipeline's."""
    found = _UNCOUNTED.findall((home / "worker.log").read_bytes())
    return int(found[-1]) if found else 0


def make_signal(sid: str, at: datetime, origin: str, dest: str, org: str) -> dict[str, Any]:
    return {
        "signal_id": sid, "event_time": at, "source_kind": "partner", "source_id": f"r-{sid}",
        "org_id": org, "typology": "forced_labour", "origin_country": origin,
        "transit_countries": [], "destination_country": dest, "location_country": dest,
        "role": "destination", "lat": None, "lon": None, "cell_coarse": None,
        "cell_fine": None, "weight": 1.0, "tlp": "GREEN",
    }  # fmt: skip


def latencies(delays: list[float]) -> dict[str, float | None]:
    """p50, p99 and the slowest of sorted produce→detection delays (None: none measured)."""
    if not delays:
        return {"latency_p50_s": None, "latency_p99_s": None, "latency_max_s": None}
    return {
        "latency_p50_s": round(statistics.median(delays), 3),
        "latency_p99_s": round(delays[min(len(delays) - 1, int(len(delays) * 0.99))], 3),
        "latency_max_s": round(delays[-1], 3),
    }


def stop(conf: dict[str, str], prefix: str, procs: list[Any]) -> None:
    """Stop the workers (killed if they will not stop) and delete the run's topics: every
    topic under its prefix, the workers' own (changelog, assignor) included. Runs that
    deleted only the three they read left ~40 topics each behind; 560 of them on a local
    broker made later runs' latencies drift up."""
    for worker in procs:
        worker.terminate()
    for worker in procs:
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
    admin = admin_client(conf)
    names = [name for name in admin.list_topics(timeout=30).topics if name.startswith(prefix)]
    if names:
        admin.delete_topics(names, operation_timeout=30)


_BUILD = re.compile(rb'^tahub_detect_build_info\{count_stage="(\w+)"\} 1\.0$', re.M)
_COUNTED = re.compile(rb'^tahub_detect_keys_counted_offset\{partition="(\d+)"\} ([0-9.e+]+)$', re.M)


def keys_counted(ports: list[int]) -> dict[int, int] | None:
    """How far the workers' count stages have counted each ``detect.keys`` partition (the
    furthest any worker got: partitions move between workers), from their /metrics; None
    if a worker does not answer (the caller then goes by committed offsets)."""
    out: dict[int, int] = {}
    for port in ports:
        text = _metrics(port)
        if text is None:
            return None
        for part, value in _COUNTED.findall(text):
            p = int(part)
            out[p] = max(out.get(p, 0), int(float(value)))
    return out


def compiled(ports: list[int]) -> bool | None:
    """Whether every worker's count stage runs compiled (``streams.native``), from their
    /metrics; None if one does not say (a bench run from the source tree runs it pure
    whatever ``PYTHONPATH`` holds: ``python -m`` puts the working directory first)."""
    says = []
    for port in ports:
        text = _metrics(port)
        found = None if text is None else _BUILD.search(text)
        if found is None:
            return None
        says.append(found.group(1) == b"compiled")
    return all(says)


_GC_BUCKET = re.compile(
    rb'^tahub_detect_gc_pause_seconds_bucket\{generation="(\d)",le="([^"]+)"\} ([0-9.e+]+)$', re.M
)


def gc_pauses(ports: list[int]) -> dict[str, dict[str, float | int | None]] | None:
    """The workers' garbage collections by generation (``streams.gc_tuning.Pauses``),
    from their /metrics (``gc_summary``); None if a worker does not answer."""
    texts = [_metrics(port) for port in ports]
    return None if any(t is None for t in texts) else gc_summary([t for t in texts if t])


def gc_summary(texts: list[bytes]) -> dict[str, dict[str, float | int | None]]:
    """Per generation, over the /metrics ``texts``: how many collections, and the bucket
    bound the longest was under (None: over the largest bucket)."""
    buckets: dict[str, dict[float, int]] = {}
    for text in texts:
        for gen, le, n in _GC_BUCKET.findall(text):
            into = buckets.setdefault(gen.decode(), {})
            bound = float(le)
            into[bound] = into.get(bound, 0) + int(float(n))
    out: dict[str, dict[str, float | int | None]] = {}
    for gen, counts in sorted(buckets.items()):
        total = counts.get(float("inf"), 0)
        under = [le for le, n in sorted(counts.items()) if n == total]
        longest = under[0] if under and under[0] != float("inf") else None
        out[gen] = {"collections": total, "longest_under_s": longest}
    return out


def _metrics(port: int) -> bytes | None:
    """A worker's /metrics text, or None if it does not answer."""
    import urllib.error
    import urllib.request

    auth = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/metrics", headers=auth)
    try:
        with urllib.request.urlopen(req, timeout=2) as resp:  # noqa: S310 - loopback http
            text: bytes = resp.read()
    except (OSError, urllib.error.URLError):
        return None
    return text
