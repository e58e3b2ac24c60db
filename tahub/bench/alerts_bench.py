"""`tahub bench alerts`: matching against many subscriptions, and produce→webhook latency.

Matching is pure CPU (the index against a scan of every subscription, same answers).
Latency runs the real alerts process on Kafka: 10,000 subscriptions on the compacted
topic, a steady stream of detections, and a local webhook receiver that verifies each
signature and notes when each detection arrived.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
from aiohttp import web
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from alerts.matching import SubscriptionIndex
from alerts.subscriptions import Rules, build
from schemas.egress import EgressPolicy
from schemas.models import Detection, Subscription
from schemas.taxonomy import Typology
from schemas.topics import ALL, DETECTIONS, SUBSCRIPTIONS
from streams.detect.dimensions import DEFAULT_SETS
from tahub import progress, wiring
from tahub.runtime.loop_server import LoopServer
from tahub.settings import Settings
from tahub.topics_admin import ensure_topics

COUNTRIES = [
    "TH", "MM", "KH", "VN", "LA", "MY", "ID", "PH", "CN", "IN", "BD", "NP", "PK", "AF", "IR",
    "IQ", "SY", "TR", "GR", "IT", "ES", "FR", "DE", "GB", "NL", "BE", "PL", "RO", "UA", "RU",
    "NG", "GH", "CI", "SN", "ML", "NE", "LY", "EG", "SD", "ET", "ER", "KE", "UG", "TZ", "ZA",
    "MX", "GT", "HN", "US", "CO", "VE", "BR", "PE", "AR",
]  # fmt: skip
TARGETS = ["NZ", "AU", "JP", "KR", "CA", "CL", "NO", "SE", "FI", "IS"]  # load detections only
LOAD_TYPOLOGY = Typology.ORGAN_REMOVAL.value
RULES = Rules(frozenset(d.name for d in DEFAULT_SETS), egress=EgressPolicy.parse(["127.0.0.1"]))
KEY = "whsec_YmVuY2gtc2lnbmluZy1rZXktMDEyMzQ1Njc4OWFiY2RlZg=="


def _random_area(rng: random.Random) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.45:
        return {"countries": rng.sample(COUNTRIES, rng.randint(1, 4))}
    lat, lon = rng.uniform(-35, 55), rng.uniform(-110, 140)
    if roll < 0.75:
        return {"circle": {"lat": lat, "lon": lon, "radius_km": rng.uniform(10, 600)}}
    if roll < 0.95:
        return {"bbox": [lon, lat, lon + rng.uniform(0.5, 15), lat + rng.uniform(0.5, 10)]}
    ring = [[lon, lat], [lon + 3, lat], [lon + 3, lat + 2], [lon + 1, lat + 3], [lon, lat]]
    return {"geojson": json.dumps({"type": "Polygon", "coordinates": [ring]})}


def random_subscriptions(n: int, rng: random.Random, now: datetime) -> list[Subscription]:
    typologies = [t.value for t in Typology if t.value != LOAD_TYPOLOGY]
    subs = []
    for i in range(n):
        spec: dict[str, Any] = {
            "name": f"bench {i}",
            "area": _random_area(rng),
            "channels": [{"kind": "outbox", "target": "bench"}],
            "typologies": rng.sample(typologies, rng.randint(1, 3)),
        }
        if rng.random() < 0.2:
            spec["destinations"] = rng.sample(COUNTRIES, 1)
        subs.append(build(spec, org_id=f"org-{i % 300}", now=now, rules=RULES))
    return subs


def random_detections(n: int, rng: random.Random) -> list[dict[str, Any]]:
    import h3

    sets = ["typology_location", "typology_route", "location", "route", "cell"]
    out = []
    for i in range(n):
        kind = rng.choice(sets)
        o, d = rng.sample(COUNTRIES, 2)
        dims = {
            "typology_location": {"typology": rng.choice(list(Typology)).value, "location": d},
            "typology_route": {
                "typology": rng.choice(list(Typology)).value, "origin": o, "destination": d,
            },
            "location": {"location": d},
            "route": {"origin": o, "destination": d},
            "cell": {"cell": h3.latlng_to_cell(rng.uniform(-35, 55), rng.uniform(-110, 140), 3)},
        }[kind]  # fmt: skip
        out.append(_detection(f"det-{i}", kind, dims, sources=rng.randint(1, 8)))
    return out


def _detection(det_id: str, dimset: str, dims: dict[str, str], sources: int = 5) -> dict[str, Any]:
    now = datetime.now(UTC).replace(microsecond=0)
    return {
        "detection_id": det_id, "version": 1, "state": "opened", "dimension_set": dimset,
        "dimension_key": "|".join(dims.values()), "dimensions": dims,
        "window_start": now - timedelta(days=1), "window_end": now, "observed": 12.0,
        "expected": 2.0, "score": 6.0, "p_value": 0.0001, "method": "poisson",
        "severity": "high", "distinct_sources": sources, "top_sources": [],
        "sample_signal_ids": [], "tlp": "GREEN", "restricted_to": [], "opened_at": now,
        "updated_at": now,
    }  # fmt: skip


def matching(subs: int, detections: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    subscriptions = random_subscriptions(subs, rng, datetime.now(UTC))
    dets = random_detections(detections, rng)
    index = SubscriptionIndex(k=3)
    t0 = time.perf_counter()
    for s in subscriptions:
        index.put(s)
    index.match(dets[0])  # builds the trees
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    matched = sum(len(index.match(d)) for d in dets)
    indexed_s = time.perf_counter() - t0
    scan = dets[: max(1, detections // 20)]
    t0 = time.perf_counter()
    scan_matched = sum(len(index.match_every(d)) for d in scan)
    scan_s = time.perf_counter() - t0
    same = all(
        {s.subscription_id for s in index.match(d)}
        == {s.subscription_id for s in index.match_every(d)}
        for d in scan
    )
    return {
        "subscriptions": subs,
        "detections": detections,
        "index_build_s": round(build_s, 3),
        "indexed_detections_per_s": round(detections / indexed_s),
        "scan_detections_per_s": round(len(scan) / scan_s, 1),
        "speedup": round((detections / indexed_s) / (len(scan) / scan_s), 1),
        "matches_per_detection": round(matched / detections, 2),
        "scan_matches_per_detection": round(scan_matched / len(scan), 2),
        "index_equals_scan": same,
    }


class _Receiver:
    """Verifies each POST and notes when each detection arrived."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.bad = 0
        self.verifier = Webhook(KEY)
        app = web.Application()
        app.router.add_post("/{path:.+}", self.handle)
        self.server = LoopServer(app)
        self.port = self.server.port

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        try:  # checked as any receiver would, with the stock Standard Webhooks verifier
            self.verifier.verify(body, dict(request.headers))
        except WebhookVerificationError:
            self.bad += 1
            return web.Response(status=401)
        now = time.time()
        for d in json.loads(body)["detections"]:
            self.arrived.setdefault(d["detection_id"], now)
        return web.Response(status=204)

    def start(self) -> None:
        self.server.start()


def delivery(s: Settings, *, subs: int, rate: int, seconds: int) -> dict[str, Any]:
    from producers.kafka_producer import ContractProducer

    rng = random.Random(11)  # noqa: S311 - reproducible test data
    receiver = _Receiver()
    receiver.start()
    with tempfile.TemporaryDirectory(prefix="tahub-bench-") as tmp:
        prefix = f"bench{uuid.uuid4().hex[:6]}."
        ensure_topics(s.kafka_client_config(), prefix, s.partitions, s.replication_factor)
        bs = s.model_copy(
            update={
                "data_dir": Path(tmp),
                "topic_prefix": prefix,
                "schema_registry_url": f"file://{tmp}/registry",
                "app_id": prefix.rstrip("."),
                "egress_allow": "127.0.0.1",
                "alerts_metrics_port": 0,
            }
        )
        serde = wiring.serde(bs)
        serde.register_all(ALL)
        producer = ContractProducer(bs.kafka_client_config(), serde)
        now = datetime.now(UTC)
        everyone = random_subscriptions(subs - len(TARGETS), rng, now)
        vault = wiring.vault(bs)
        for i in range(len(TARGETS)):  # each target organisation's own signing key
            vault.put_secret(f"target-{i}", "bench_hook", KEY)
        vault.close()
        for i, country in enumerate(TARGETS):  # one webhook lane per target subscription
            spec = {
                "name": f"target {country}",
                "area": {"countries": [country]},
                "typologies": [LOAD_TYPOLOGY],
                "channels": [
                    {"kind": "webhook", "target": f"http://127.0.0.1:{receiver.port}/h{i}",
                     "secret_ref": "bench_hook"},
                ],
            }  # fmt: skip
            everyone.append(build(spec, org_id=f"target-{i}", now=now, rules=RULES))
        t0 = time.perf_counter()
        for sub in everyone:
            producer.send(SUBSCRIPTIONS, sub.subscription_id, sub)
        producer.flush()
        publish_s = time.perf_counter() - t0
        stop = threading.Event()
        service = wiring.alert_service(bs)
        service.start(stop)
        if not service.book.ready.wait(120):
            raise RuntimeError("the alerts process did not load the subscriptions")
        time.sleep(3)  # let the router join its group before the clock starts
        produced: dict[str, float] = {}
        total = rate * seconds
        start = time.time()
        for i in range(total):
            due = start + i / rate
            wait = due - time.time()
            if wait > 0:
                time.sleep(wait)
            country = TARGETS[i % len(TARGETS)]
            det = _detection(
                f"load-{i}", "typology_location", {"typology": LOAD_TYPOLOGY, "location": country}
            )
            rec = Detection.model_validate(det)
            produced[det["detection_id"]] = time.time()
            producer.send(DETECTIONS, rec.dimension_key, rec)
            if i % 50 == 0:
                producer.flush()
        producer.flush()
        progress.wait_for(lambda: len(receiver.arrived), total, "alerts arriving",
                          unit="alert", timeout=60, poll=0.2)  # fmt: skip
        stop.set()
        service.join()
    lat = sorted(receiver.arrived[k] - produced[k] for k in produced if k in receiver.arrived)
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [float("nan")] * 99
    return {
        "subscriptions": len(everyone),
        "subscriptions_published_per_s": round(len(everyone) / publish_s),
        "rate": rate,
        "seconds": seconds,
        "produced": total,
        "delivered": len(receiver.arrived),
        "bad_signatures": receiver.bad,
        "group_wait_s": bs.alert_group_wait,
        "latency_p50_s": round(q[49], 3),
        "latency_p95_s": round(q[94], 3),
        "latency_p99_s": round(q[98], 3),
        "latency_max_s": round(lat[-1], 3) if lat else None,
    }


def run(s: Settings, *, subs: int, detections: int, rate: int, seconds: int) -> dict[str, Any]:
    return {
        "matching": matching(subs, detections),
        "delivery": delivery(s, subs=subs, rate=rate, seconds=seconds),
    }


def report(result: dict[str, Any]) -> None:
    m, d = result["matching"], result["delivery"]
    click.echo(
        f"matching: {m['indexed_detections_per_s']:,} detections/s against "
        f"{m['subscriptions']:,} subscriptions with the index, "
        f"{m['scan_detections_per_s']:,} with a full scan ({m['speedup']}x); "
        f"{m['matches_per_detection']} matches per detection; same answers: "
        f"{m['index_equals_scan']}; index built in {m['index_build_s']} s"
    )
    click.echo(
        f"delivery: {d['delivered']}/{d['produced']} detections at {d['rate']}/s reached the "
        f"webhook; produce→receipt p50 {d['latency_p50_s']} s, p95 {d['latency_p95_s']} s, "
        f"p99 {d['latency_p99_s']} s, max {d['latency_max_s']} s "
        f"(group wait {d['group_wait_s']} s; {d['subscriptions']:,} subscriptions)"
    )
