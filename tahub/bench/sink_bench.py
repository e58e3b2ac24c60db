"""`tahub bench sink`: rows/s from Kafka into chDB and a ClickHouse server, end to end
through the real sink, plus the cost of each stage measured alone."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import click

from consumers import migrations, tables
from consumers.sink import Sink, SinkConfig
from consumers.warehouse import Warehouse, open_warehouse
from producers.kafka_producer import ContractProducer
from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import SIGNALS
from tahub import progress
from tahub.bench import synth
from tahub.errors import TahubError
from tahub.topics_admin import admin_client, ensure_topics


def _rate(n: int, seconds: float) -> float:
    return round(n / seconds) if seconds > 0 else 0.0


def _stage_costs(serde: Serde, values: list[bytes], wh: Warehouse) -> dict[str, float]:
    n = len(values)
    t = time.perf_counter()
    records = [serde.decode(SIGNALS, v) for v in values]
    decode = time.perf_counter() - t
    landed = [tables.Landed(r, 0, i) for i, r in enumerate(records)]
    t = time.perf_counter()
    cols = tables.to_columns(tables.SIGNALS, landed)
    columns = time.perf_counter() - t
    t = time.perf_counter()
    wh.insert(tables.SIGNALS.name, cols, tables.SIGNALS.types)
    insert = time.perf_counter() - t
    return {
        "decode_rows_per_s": _rate(n, decode),
        "to_columns_rows_per_s": _rate(n, columns),
        "insert_rows_per_s": _rate(n, insert),
    }


def _sink_once(
    conf: dict[str, str], serde: Serde, prefix: str, wh: Warehouse, *, n: int, batch_rows: int
) -> dict[str, Any]:
    cfg = SinkConfig(prefix, f"{prefix}{uuid.uuid4().hex[:6]}", batch_rows=batch_rows)
    sink = Sink(conf, serde, wh, cfg, ContractProducer(conf, serde), (SIGNALS,))
    stop = threading.Event()
    thread = threading.Thread(target=sink.run, args=(stop,), daemon=True)
    t0 = time.time()
    thread.start()
    progress.wait_for(lambda: sink.status.landed, n, "sink landing", unit="row", timeout=600,
                      poll=0.02)  # fmt: skip
    stop.set()
    thread.join(60)
    if sink.status.landed < n:
        raise TahubError(f"sink landed {sink.status.landed} of {n} within 600 s")
    first = sink.status.first_record_at or t0
    last = sink.status.last_flush or time.time()
    return {
        "rows": n,
        "rows_per_s": _rate(n, last - first),
        "seconds": round(last - first, 2),
        "group_join_seconds": round(first - t0, 2),
    }


def run(
    conf: dict[str, str], *, records: int, server_url: str | None, batch_rows: int, partitions: int
) -> dict[str, Any]:
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    ensure_topics(conf, prefix, partitions, 1)
    work = Path(tempfile.mkdtemp(prefix="tahub-bench-"))
    try:
        serde = Serde(open_registry(f"file://{work / 'registry'}"), prefix)
        click.echo(f"encoding and producing {records:,} signals …")
        t = time.perf_counter()
        values = [serde.encode(SIGNALS, r) for r in synth.signals(records, tag=prefix)]
        encode = time.perf_counter() - t
        producer = ContractProducer(conf, serde, **{"linger.ms": 20, "batch.size": 1_000_000})
        t = time.perf_counter()
        for i, value in enumerate(values):
            producer.send_raw(SIGNALS.physical(prefix), str(i).encode(), value)
        producer.flush(120)
        produce = time.perf_counter() - t
        out: dict[str, Any] = {
            "settings": {"records": records, "batch_rows": batch_rows, "partitions": partitions},
            "encode_rows_per_s": _rate(records, encode),
            "produce_rows_per_s": _rate(records, produce),
            "targets": {},
        }
        targets = [("chdb", f"chdb://{work / 'chdb'}")]
        if server_url:
            targets.append(("server", server_url))
        for name, url in targets:
            wh, cleanup = open_fresh(url)
            try:
                migrations.migrate(wh)
                click.echo(f"{name}: sink end to end …")
                result = _sink_once(conf, serde, prefix, wh, n=records, batch_rows=batch_rows)
                landed = int(wh.query("SELECT count() FROM signals FINAL")[0][0])
                result["rows_in_table"] = landed
                wh.execute("TRUNCATE TABLE signals")
                result["stages"] = _stage_costs(serde, values[:100_000], wh)
                out["targets"][name] = result
            finally:
                cleanup()
        return out
    finally:
        admin_client(conf).delete_topics(_topics(prefix), operation_timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def _topics(prefix: str) -> list[str]:
    from schemas.topics import ALL

    return [t.physical(prefix) for t in ALL]


def open_fresh(url: str) -> tuple[Warehouse, Any]:
    """A warehouse to scribble on: chDB as given, a new database on a server."""
    if url.startswith("chdb://"):
        wh = open_warehouse(url)
        return wh, wh.close
    admin = open_warehouse(url)
    db = f"tahub_bench_{uuid.uuid4().hex[:8]}"
    admin.execute(f"CREATE DATABASE {db}")
    wh = open_warehouse(url.rsplit("/", 1)[0] + f"/{db}")

    def cleanup() -> None:
        wh.close()
        admin.execute(f"DROP DATABASE IF EXISTS {db}")
        admin.close()

    return wh, cleanup


def report(result: dict[str, Any]) -> None:
    click.echo(
        f"encode {result['encode_rows_per_s']:,.0f} rows/s, "
        f"produce {result['produce_rows_per_s']:,.0f} rows/s"
    )
    for name, r in result["targets"].items():
        st = r["stages"]
        click.echo(
            f"{name:>6}: sink end to end {r['rows_per_s']:,.0f} rows/s "
            f"({r['rows']:,} rows in {r['seconds']} s, batch {result['settings']['batch_rows']:,}; "
            f"group join {r['group_join_seconds']} s not counted); alone: decode "
            f"{st['decode_rows_per_s']:,.0f}/s, to columns {st['to_columns_rows_per_s']:,.0f}/s, "
            f"insert {st['insert_rows_per_s']:,.0f}/s"
        )
