"""`tahub bench intake`: single POSTs/s with p50/p99 under concurrent clients, bulk rows/s
validated and produced, and where the bulk time goes, stage by stage."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from producers.intake import tabular
from producers.intake.submission import Submission, parse, to_incident
from schemas.topics import ALL
from tahub import progress, wiring
from tahub.errors import TahubError
from tahub.runtime.ports import free_port
from tahub.settings import Settings
from tahub.topics_admin import ensure_topics
from tahub.web import WebServer


def bulk_csv(rows: int) -> bytes:
    head = (
        "submission_id,occurred_on,occurred_precision,typologies,means_of_control,"
        "recruitment_country,transit_countries,exploitation_country,exploitation_place,"
        "exploitation_lat,exploitation_lon,tlp,victims,summary"
    )
    lines = [head]
    for i in range(rows):
        lines.append(
            f"b-{i},2026-{1 + i % 10:02d}-{1 + i % 28:02d},day,forced_labour;debt_bondage,"
            f"withholds_documents,MM,LA,TH,Mae Sot,16.7,98.57,AMBER,age_18_20:male:{1 + i % 4},"
            f"Recruited by an agency with false promises; case {i}."
        )
    return ("\n".join(lines) + "\n").encode()


def _rate(n: int, seconds: float) -> int:
    return round(n / seconds) if seconds > 0 else 0


def _stages(body: bytes) -> dict[str, int]:
    """Each bulk stage alone, rows/s: read CSV, validate, scrub + build, Avro encode."""
    from schemas.catalog import record_schema

    t = time.perf_counter()
    rows = list(tabular.csv_rows(tabular.decode(body)))
    read = time.perf_counter() - t
    t = time.perf_counter()
    subs = [parse(r.data) for r in rows]
    validate = time.perf_counter() - t
    now = datetime.now(UTC)
    t = time.perf_counter()
    records = [
        to_incident(s, org_id="bench", submitted_at=now, incident=str(i))
        for i, s in enumerate(subs)
        if isinstance(s, Submission)
    ]
    build = time.perf_counter() - t
    import io

    import fastavro

    schema = record_schema("Incident").parsed
    t = time.perf_counter()
    for r in records:
        out = io.BytesIO()
        fastavro.schemaless_writer(out, schema, r)
    encode = time.perf_counter() - t
    n = len(rows)
    return {
        "read_csv_rows_per_s": _rate(n, read),
        "validate_rows_per_s": _rate(n, validate),
        "scrub_and_build_rows_per_s": _rate(n, build),
        "avro_encode_rows_per_s": _rate(n, encode),
    }


def run(s: Settings, *, posts: int, concurrency: int, rows: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tahub-bench-") as tmp:
        prefix = f"bench{uuid.uuid4().hex[:6]}."
        ensure_topics(s.kafka_client_config(), prefix, s.partitions, s.replication_factor)
        bs = s.model_copy(
            update={
                "data_dir": Path(tmp),
                "topic_prefix": prefix,
                "schema_registry_url": f"file://{tmp}/registry",
                "http_port": free_port(),
                "intake_rate": 1e9,  # measure the pipeline, not the limiter
                "intake_burst": 10**9,
            }
        )
        wiring.serde(bs).register_all(ALL)
        access = wiring.access(bs)
        access.add_org("bench", "Benchmark")
        key = access.issue_key("bench")[1]
        apis: list[Any] = []

        def routes(pool: Any) -> Any:
            apis.append(wiring.intake_api(bs, pool))
            return apis[0].routes()

        server = WebServer(
            bs.http_host, bs.http_port, checks=list, warehouse=lambda: None, k=3,
            operator_token=None, routes=routes, max_body_bytes=bs.intake_max_bulk_bytes,
        )  # fmt: skip
        server.start()
        url = f"http://{bs.http_host}:{bs.http_port}"
        # each phase is timed whole (the POSTs in another process): the bar counts phases
        with progress.bar("intake phases", total=4, unit="phase") as step:
            try:
                load = subprocess.run(
                    [sys.executable, "-m", "tahub.bench.intake_load", url, key, str(posts),
                     str(concurrency)],
                    capture_output=True, text=True, timeout=900, check=False,
                )  # fmt: skip
                if load.returncode != 0:
                    raise TahubError(f"load generator failed: {load.stderr.strip()[-500:]}")
                single = json.loads(load.stdout)
                step(1)
                body = bulk_csv(rows)
                single["cpu_note"] = "client and server share the machine's cores"
                bulk = _bulk(bs, body, key, url, step)
            finally:
                server.stop()
                for api in apis:
                    api.close()
            bulk["stages"] = _stages(body)
            step(1)
        return {"single": single, "bulk": bulk, "partitions": s.partitions}


def _bulk(s: Settings, body: bytes, key: str, url: str, step: progress.Update) -> dict[str, Any]:
    import httpx

    rows = body.count(b"\n") - 1
    service = wiring.intake_service(s, role="bench")
    try:
        t = time.perf_counter()
        outcome = service.submit_bulk(
            "bench",
            *tabular.csv_source(tabular.decode(body)),
            fmt="csv",
            idempotency_key=None,
            body_sha256=hashlib.sha256(body).hexdigest(),
        )
        direct = time.perf_counter() - t
    finally:
        service.close()
    if outcome.status != 200 or outcome.body["accepted"] != rows:
        raise TahubError(f"bulk benchmark rejected rows: {str(outcome.body)[:300]}")
    step(1)
    fresh = body.replace(b"\nb-", b"\nh-")  # new submission ids: stored again, not duplicates
    t = time.perf_counter()
    r = httpx.post(
        url + "/api/v1/incidents/bulk",
        content=fresh,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "text/csv"},
        timeout=900,
    )
    over_http = time.perf_counter() - t
    if r.status_code != 200 or r.json()["accepted"] != rows:
        raise TahubError(f"bulk over HTTP failed: {r.status_code} {r.text[:300]}")
    step(1)
    return {
        "rows": rows,
        "megabytes": round(len(body) / 1e6, 1),
        "rows_per_s": _rate(rows, direct),
        "http_rows_per_s": _rate(rows, over_http),
        "seconds": round(direct, 2),
        "http_seconds": round(over_http, 2),
    }


def report(result: dict[str, Any]) -> None:
    s, b = result["single"], result["bulk"]
    click.echo(
        f"single POST: {s['posts_per_s']}/s with {s['concurrency']} clients "
        f"(p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms; statuses {s['statuses']})"
    )
    click.echo(
        f"bulk CSV:    {b['rows_per_s']} rows/s validated, scrubbed and produced "
        f"({b['rows']} rows, {b['megabytes']} MB); over HTTP {b['http_rows_per_s']} rows/s"
    )
    stages = ", ".join(f"{k.removesuffix('_rows_per_s')} {v}/s" for k, v in b["stages"].items())
    click.echo(f"bulk stages alone: {stages}")
