"""`tahub bench import`: a synthetic multi-year history file through `tahub import`'s own
code path to Kafka, then through the real sink into a fresh warehouse, with each stage
alone and the client libraries' own ceilings measured in the same run.

Stages alone run in this process on a sample of the file (one core): parse and validate,
scrub, seal, Avro encode, Kafka produce (transactional, as the import), warehouse insert.
Ceilings: confluent-kafka producing the same values with no transaction, fastavro
encoding the same records, and the warehouse client inserting the same columns. The end
to end numbers are the import (file → validated, scrubbed, sealed records on Kafka, in
its worker processes) and the sink (Kafka → warehouse); a second import of the same file
must add nothing (idempotency), and is timed too.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import resource
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from consumers import migrations, tables
from consumers.sink import Sink, SinkConfig
from producers.intake import tabular
from producers.intake.checker import CHUNK as BATCH
from producers.intake.csvcheck import CsvChecker
from producers.intake.publisher import Publisher
from producers.intake.scrubcache import ScrubCache
from producers.intake.sealing import seal_incident
from producers.intake.submission import Submission, incident_id, parse, to_incident
from producers.kafka_producer import ContractProducer
from schemas.topics import ALL, INCIDENTS
from streams.gc_tuning import tune_gc
from tahub import wiring
from tahub.bench import procstat
from tahub.bench.ceilings import avro_file, produce_seconds
from tahub.bench.history_file import history_csv
from tahub.bench.sink_bench import open_fresh
from tahub.commands.history import import_bytes
from tahub.errors import TahubError
from tahub.idkey import load_id_key
from tahub.settings import Settings
from tahub.topics_admin import admin_client, ensure_topics

ORG = "bench-history"


def _rate(n: int, seconds: float) -> int:
    return round(n / seconds) if seconds > 0 else 0


def _timed(fn: Any) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def _front(bs: Settings, body: bytes) -> tuple[list[bytes], dict[str, int], dict[str, int]]:
    """Parse and validate, scrub, build, seal and encode ``body`` in this process: the
    encoded values, each stage's rows/s, and fastavro's own ceiling."""
    import fastavro

    from producers.intake.scrub import scrub, scrub_place
    from producers.intake.scrubbing.lexicon import lexicon
    from schemas.catalog import record_schema

    lexicon()  # loaded once per process (~5 s): not a per-row cost
    warm = b"\n".join(body.split(b"\n", 51)[:51]) + b"\n"
    for row in tabular.csv_rows(tabular.decode(warm)):  # first calls build validators
        sub = parse(row.data)
        if isinstance(sub, Submission) and sub.summary:
            scrub(sub.summary)
    rows, read = _timed(lambda: list(tabular.csv_rows(tabular.decode(body))))
    subs, validate = _timed(lambda: [parse(r.data) for r in rows])
    good = [s for s in subs if isinstance(s, Submission)]
    n = len(good)
    _, by_cells = _timed(lambda: _by_cells(body))
    _, scrubbing = _timed(
        lambda: [
            (
                scrub(s.summary) if s.summary else None,
                [scrub_place(p.name) for p in _places(s) if p.name],
            )
            for s in good
        ]
    )
    _, once = _timed(lambda: _scrub_once(good))
    now = datetime.now(UTC)
    ids = load_id_key(bs)
    records, build = _timed(
        lambda: [
            to_incident(s, org_id=ORG, submitted_at=now, incident=incident_id(ids, ORG, str(i)))
            for i, s in enumerate(good)
        ]
    )
    key = wiring.vault(bs).current(ORG)
    _, seal = _timed(lambda: [seal_incident(r, key) for r in records])
    codec = wiring.serde(bs)
    values, encode = _timed(lambda: [codec.encode(INCIDENTS, r) for r in records])
    schema = record_schema("Incident").parsed
    buffer = io.BytesIO()

    def avro() -> None:
        for r in records:
            buffer.seek(0)
            fastavro.schemaless_writer(buffer, schema, r)

    _, avro_alone = _timed(avro)
    stages = {
        "parse_and_validate": _rate(len(rows), read + validate),
        # as the import does it: CSV rows by their cells' kept answers (producers.intake.csvcheck)
        "parse_and_validate_by_cells": _rate(len(rows), by_cells),
        "scrub": _rate(n, scrubbing),
        # as the import does it: each distinct text once per batch (producers.intake.scrubcache)
        "scrub_once_per_text": _rate(n, once),
        "build_with_scrub": _rate(n, build),
        "encrypt": _rate(n, seal),
        "avro_encode": _rate(n, encode),
    }
    return values, stages, {"fastavro_encode": _rate(n, avro_alone)}


def _by_cells(body: bytes) -> list[Any]:
    """Split and check as ``check_rows`` does, in batches of its size."""
    items, decode = tabular.csv_source(tabular.decode(body))
    rows = list(items)
    out: list[Any] = []
    for i in range(0, len(rows), BATCH):
        cells = CsvChecker(decode.names)
        out += [cells.submission(raw) for _, raw in rows[i : i + BATCH]]
    return out


def _scrub_once(good: list[Submission]) -> list[Any]:
    out: list[Any] = []
    for i in range(0, len(good), BATCH):
        texts = ScrubCache()
        out += [
            (texts.summary(s.summary) if s.summary else None,
             [texts.place(p.name) for p in _places(s) if p.name])
            for s in good[i : i + BATCH]
        ]  # fmt: skip
    return out


def _stages(bs: Settings, body: bytes, wh: Any) -> dict[str, Any]:
    """Each stage alone on ``body`` in this process, and the libraries' ceilings."""
    values, stages, ceilings = _front(bs, body)
    n = len(values)
    topic = _scratch_topic(bs)  # not the incidents topic: the sink must see the import only
    publisher = Publisher(bs.kafka_client_config(), transactional_id=f"{bs.topic_prefix}stage")
    try:
        batch = [(topic, str(i).encode(), v) for i, v in enumerate(values)]
        _, produce = _timed(lambda: publisher.send_all(batch))
    finally:
        publisher.close()
    bare_produce = produce_seconds(bs.kafka_client_config(), topic, values)
    codec = wiring.serde(bs)
    decoded, decode = _timed(lambda: [codec.decode(INCIDENTS, v) for v in values])
    landed = [tables.Landed(r, 0, i) for i, r in enumerate(decoded)]
    cols, to_columns = _timed(lambda: tables.to_columns(tables.INCIDENTS, landed))
    # a table of its own: the sink's table must hold the import only
    scratch = f"{tables.INCIDENTS.name}_stage"
    wh.execute(tables.INCIDENTS.ddl().replace("EXISTS incidents", f"EXISTS {scratch}", 1))
    _, insert = _timed(lambda: wh.insert(scratch, cols, tables.INCIDENTS.types))
    wh.execute(f"DROP TABLE {scratch}")
    native = _native_read(wh, values)
    if native:
        # what the Python decode, check and columns would cost if the warehouse parsed the
        # same Avro itself (ClickHouse's Avro input format; chDB here)
        ceilings["warehouse_reads_the_avro_itself"] = _rate(n, native)
    stages["kafka_produce_transactional"] = _rate(n, produce)
    stages["warehouse_decode_and_insert"] = _rate(n, decode + to_columns + insert)
    ceilings["confluent_kafka_produce"] = _rate(n, bare_produce)
    ceilings["warehouse_client_insert"] = _rate(n, insert)
    return {"sample_rows": n, "per_stage_rows_per_s": stages, "ceiling_rows_per_s": ceilings}


def _native_read(wh: Any, values: list[bytes]) -> float:
    """Seconds chDB takes to read ``values`` (framed as one Avro file) into every column;
    0 for a server, which reads files on its own machine."""
    from schemas.catalog import record_schema

    if not wh.name.startswith("chdb:"):
        return 0.0
    with tempfile.TemporaryDirectory(prefix="tahub-avro-") as tmp:
        path = Path(tmp) / "incidents.avro"
        path.write_bytes(avro_file(record_schema("Incident").parsed, values))
        every = "count(), max(tuple(*))"  # each column read and compared, so none skipped
        query = f"SELECT {every} FROM file('{path}', 'Avro')"
        wh.query(query)  # the first read also loads the format's code: not a per-row cost
        (count, _), seconds = _timed(lambda: wh.query(query)[0])
    if count != len(values):
        raise TahubError(f"chDB read {count} of {len(values)} Avro records")
    return float(seconds)


def _places(sub: Submission) -> list[Any]:
    return [*sub.recruitment_places, *sub.transit_places, *sub.exploitation_places]


def _scratch_topic(bs: Settings) -> str:
    from confluent_kafka.admin import NewTopic  # type: ignore[attr-defined]

    name = f"{bs.topic_prefix}scratch"
    admin = admin_client(bs.kafka_client_config())  # kept alive until the topic exists
    futures = admin.create_topics(
        [NewTopic(name, num_partitions=bs.partitions, replication_factor=bs.replication_factor)]
    )
    for fut in futures.values():
        fut.result(30)
    return name


def _sink_all(bs: Settings, wh: Any, n: int) -> dict[str, Any]:
    conf = bs.kafka_client_config()
    codec = wiring.serde(bs)
    cfg = SinkConfig(bs.topic_prefix, f"{bs.topic_prefix}sink", batch_rows=50_000)
    sink = Sink(conf, codec, wh, cfg, ContractProducer(conf, codec), (INCIDENTS,))
    tune_gc()  # the collector settings of the sink's processes (tahub up, tahub sink run)
    stop = threading.Event()
    thread = threading.Thread(target=sink.run, args=(stop,), daemon=True)
    t0 = time.time()
    cpu = time.process_time()  # the sink's thread and its clients' (librdkafka, chDB)
    thread.start()
    deadline = time.monotonic() + 1800
    while sink.status.landed < n and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(60)
    if sink.status.landed < n:
        raise TahubError(f"the sink landed {sink.status.landed} of {n} within 1800 s")
    cpu = time.process_time() - cpu
    first = sink.status.first_record_at or t0
    last = sink.status.last_flush or time.time()
    return {"rows_per_s": _rate(n, last - first), "seconds": round(last - first, 2),
            "cpu_seconds": round(cpu, 1), "rows_per_cpu_second": _rate(n, cpu)}  # fmt: skip


def run(
    s: Settings,
    *,
    rows: int,
    years: int,
    sample: int,
    warehouse: str | None,
    text: float = 1.0,
    distinct: int = 0,
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="tahub-bench-"))
    prefix = f"bench{uuid.uuid4().hex[:6]}."
    conf = s.kafka_client_config()
    ensure_topics(conf, prefix, s.partitions, s.replication_factor)
    bs = s.model_copy(
        update={
            "data_dir": work / "data",
            "topic_prefix": prefix,
            "schema_registry_url": f"file://{work}/registry",
        }
    )
    try:
        wiring.serde(bs).register_all(ALL)
        wiring.access(bs).add_org(ORG, "Benchmark history")
        click.echo(f"writing a {years}-year history file of {rows:,} incidents …")
        body, generate = _timed(
            lambda: history_csv(rows, years=years, text=text, distinct=distinct)
        )
        wh, cleanup = open_fresh(warehouse or f"chdb://{work / 'chdb'}")
        try:
            migrations.migrate(wh)
            click.echo(f"each stage alone on {sample:,} rows …")
            head = b"\n".join(body.split(b"\n", sample + 1)[: sample + 1]) + b"\n"
            stages = _stages(bs, head, wh)
            click.echo("importing the whole file (tahub import's code path) …")
            broker = _broker_cpu(s)
            done = [0]
            tune_gc()  # as `tahub import` runs
            cpu, kafka, own = _cpu_seconds(), broker(), time.process_time()
            first, seconds = _timed(
                lambda: import_bytes(bs, ORG, body, "csv", progress=_count(done))
            )
            own = time.process_time() - own  # the importing process (its Kafka client too)
            cpu, kafka = _cpu_seconds() - cpu, broker() - kafka
            if first["accepted"] != rows or first["rejected"]:
                raise TahubError(f"the import rejected rows: {first['rejections'][:3]}")
            click.echo("importing it again (idempotency) …")
            again, again_seconds = _timed(lambda: import_bytes(bs, ORG, body, "csv"))
            click.echo("sink: Kafka → warehouse …")
            sink_kafka = broker()
            landed = _sink_all(bs, wh, rows)
            sink_kafka = broker() - sink_kafka
            stored = int(
                wh.query(f"SELECT uniqExact(incident_id) FROM incidents WHERE org_id = '{ORG}'")[0][
                    0
                ]
            )
        finally:
            cleanup()
    finally:
        topics = [t.physical(prefix) for t in ALL] + [f"{prefix}scratch"]
        admin_client(conf).delete_topics(topics, operation_timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    spent = {"importing_process": own, "import_workers": cpu - own, "broker_during_import": kafka,
             "sink_process": landed["cpu_seconds"], "broker_during_sink": sink_kafka}  # fmt: skip
    alone = {**stages["per_stage_rows_per_s"], **stages["ceiling_rows_per_s"]}
    return {
        "settings": {
            "rows": rows,
            "years": years,
            "text_share": text,
            "distinct_summaries": distinct or "all",
            "megabytes": round(len(body) / 1e6, 1),
            "workers": s.intake_workers,
            "warehouse": "server" if warehouse else "chdb",
            "generate_seconds": round(generate, 2),
        },
        "stages_alone": stages,
        "import": {
            "rows_per_s": _rate(rows, seconds),
            "seconds": round(seconds, 2),
            # CPU of this process and its worker processes: what a busier machine cannot hide
            "cpu_seconds": round(cpu, 1),
            "rows_per_cpu_second": _rate(rows, cpu),
        },
        "reimport": {
            "rows_per_s": _rate(rows, again_seconds),
            "seconds": round(again_seconds, 2),
            "new_rows": again["accepted"] - again["duplicates"],
        },
        "sink": landed,
        # the import, then the sink from the topic's start: file -> every row in the warehouse
        "end_to_end_rows_per_s": _rate(rows, seconds + landed["seconds"]),
        "against_bare_producer": _ratios(
            stages["ceiling_rows_per_s"]["confluent_kafka_produce"],
            _rate(rows, seconds),
            _rate(rows, seconds + landed["seconds"]),
        ),
        "incidents_in_warehouse": stored,
        "cpu_budget": _budget(rows, spent, alone),
    }


def _ratios(bare: int, to_kafka: int, end_to_end: int) -> dict[str, float]:
    """The import's rates as shares of a bare producer's on the same values in this run."""
    return {
        "bare_producer_rows_per_s": bare,
        "import_to_kafka": round(to_kafka / bare, 4) if bare else 0.0,
        "end_to_end": round(end_to_end / bare, 4) if bare else 0.0,
    }


def _broker_cpu(s: Settings) -> Callable[[], float]:
    """CPU seconds the local Kafka broker (a JVM) has used so far: its share of each row
    counts against the same two cores. 0 for a broker elsewhere."""
    if not s.uses_local_broker:
        return lambda: 0.0
    from tahub.runtime import broker as local

    pid = local.status(wiring.broker_config(s)).pid

    def used() -> float:
        seen = procstat.sample([pid]).get(pid) if pid is not None else None
        return seen.cpu_s if seen is not None else 0.0

    return used


# issue 17 item 2: 50,000 rows/s file -> warehouse on this machine's cores
AIM_ROWS_PER_S = 50_000


def _budget(rows: int, cpu: dict[str, float], stages: dict[str, int]) -> dict[str, Any]:
    """CPU µs a row costs in each process (measured over the whole file) against what the
    aim leaves on this machine's cores, and each stage alone as µs a row."""

    def us(seconds: float) -> float:
        return round(seconds * 1e6 / rows, 1)

    spent = {name: us(seconds) for name, seconds in cpu.items()}
    cores = os.cpu_count() or 1
    return {
        "cores": cores,
        "aim_rows_per_s": AIM_ROWS_PER_S,
        "budget_cpu_us_per_row": round(cores * 1e6 / AIM_ROWS_PER_S, 1),
        "cpu_us_per_row": spent | {"total": round(sum(spent.values()), 1)},
        "stage_alone_us_per_row": {k: round(1e6 / v, 1) for k, v in stages.items() if v},
    }


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (the worker
    processes: waited for here, since a pool's shutdown does not)."""
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _count(done: list[int]) -> Any:
    def progress(n: int) -> None:
        done[0] += n

    return progress


def report(result: dict[str, Any]) -> None:
    cfg, st = result["settings"], result["stages_alone"]
    click.echo(
        f"history file: {cfg['rows']:,} incidents over {cfg['years']} years "
        f"({cfg['megabytes']} MB), {cfg['workers']} worker processes, {cfg['warehouse']}"
    )
    stage = ", ".join(f"{k} {v:,}" for k, v in st["per_stage_rows_per_s"].items())
    click.echo(f"alone, one core, {st['sample_rows']:,} rows (rows/s): {stage}")
    ceil = ", ".join(f"{k} {v:,}" for k, v in st["ceiling_rows_per_s"].items())
    click.echo(f"ceilings, same rows (rows/s): {ceil}")
    imp, again = result["import"], result["reimport"]
    click.echo(
        f"import to Kafka: {imp['rows_per_s']:,} rows/s ({imp['seconds']} s, "
        f"{imp['rows_per_cpu_second']:,} rows per CPU second); again: "
        f"{again['rows_per_s']:,} rows/s, {again['new_rows']} new rows"
    )
    click.echo(
        f"sink to warehouse: {result['sink']['rows_per_s']:,} rows/s "
        f"({result['sink']['rows_per_cpu_second']:,} rows per CPU second); file → warehouse "
        f"{result['end_to_end_rows_per_s']:,} rows/s; {result['incidents_in_warehouse']:,} "
        "incidents stored"
    )
    budget = result["cpu_budget"]
    spent = ", ".join(f"{k} {v}" for k, v in budget["cpu_us_per_row"].items())
    click.echo(
        f"CPU µs a row: {spent}; the aim of {budget['aim_rows_per_s']:,} rows/s leaves "
        f"{budget['budget_cpu_us_per_row']} on {budget['cores']} cores"
    )
    alone = ", ".join(f"{k} {v}" for k, v in budget["stage_alone_us_per_row"].items())
    click.echo(f"each stage alone, µs a row: {alone}")
    bare = result["against_bare_producer"]
    click.echo(
        f"against a bare producer ({bare['bare_producer_rows_per_s']:,} rows/s, same values, "
        f"this run): import to Kafka {bare['import_to_kafka']:.1%}, file → warehouse "
        f"{bare['end_to_end']:.1%}"
    )
