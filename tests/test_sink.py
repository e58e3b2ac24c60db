"""The Kafka → warehouse sink on real Kafka and both warehouses: every record lands once,
bad records are dead-lettered, and crashes, rebalances and outages lose or duplicate nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import fastavro
import pytest

from consumers import metrics, migrations, tables
from consumers.sink import Backoff
from consumers.warehouse import Warehouse, open_warehouse
from schemas import topics
from schemas.catalog import load_schema_json
from schemas.serde import MAGIC
from tahub.bench import synth
from tests import services
from tests.samples import all_samples
from tests.sinkkit import Space, caught_up, count, running, wait_for

SPECS = {t.record: t for t in topics.ALL}
pytestmark = pytest.mark.kafka


@pytest.fixture(params=["chdb", "server"])
def wh_url(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue("chdb_url" if request.param == "chdb" else "clickhouse_url")
    wh = open_warehouse(url)
    migrations.migrate(wh)
    wh.close()
    return url


@pytest.fixture
def wh(wh_url: str) -> Iterator[Warehouse]:
    warehouse = open_warehouse(wh_url)
    yield warehouse
    warehouse.close()


@pytest.fixture
def space(kafka_bootstrap: str, tmp_path: Path) -> Space:
    return Space.create(kafka_bootstrap, tmp_path)


def test_migrated_tables_match_the_table_definitions(wh: Warehouse) -> None:
    for table in tables.ALL:
        described = [(r[0], r[1]) for r in wh.query(f"DESCRIBE TABLE {table.name}")]
        derived = [(name, type_) for name, type_, _ in table.derived]
        assert described == [*table.types.items(), *derived], table.name


def test_every_contract_lands_once_and_bad_records_are_dead_lettered(
    space: Space, wh: Warehouse
) -> None:
    samples = all_samples(space.prefix)
    for _ in range(2):  # the same records arriving twice
        for record, sample in samples.items():
            spec = SPECS[record]
            id_field = load_schema_json(record)["fields"][0]["name"]
            space.produce(spec, [sample.to_avro()], key=id_field)
    space.produce_raw(topics.INCIDENTS, [b"\x00\x00\x00\x27\x10garbage", None])
    space.produce_raw(topics.SIGNALS, [b"not avro at all"])
    space.produce_raw(topics.SUBSCRIPTIONS, [None])  # a delete: skipped, not dead-lettered

    sink = space.sink(wh, batch_seconds=0.2)
    with running(sink):
        wait_for(lambda: count(wh, "dead_letters", "stage = 'sink'") == 3, what="dead letters")
        wait_for(lambda: all(count(wh, t.name) >= 1 for t in tables.ALL), what="all tables")
        wait_for(lambda: caught_up(space, topics.INCIDENTS), what="commit")
        wait_for(lambda: caught_up(space, topics.SUBSCRIPTIONS), what="commit past the delete")

    for table in tables.ALL:
        expected = 4 if table is tables.DEAD_LETTERS else 1  # the sample + 3 from the sink
        assert count(wh, table.name) == expected, table.name
    inc = wh.query(
        "SELECT incident_id, version, org_id, typologies, victims_total, tlp FROM incidents FINAL"
    )
    typologies = ["forced_criminality", "debt_bondage"]
    assert inc == [(f"{space.prefix}-inc-1", 1, "org-ngo-a", typologies, 12, "AMBER_STRICT")]
    det = wh.query("SELECT dimension_names, dimension_values, p_value FROM detections FINAL")
    assert det == [
        (["destination", "origin", "typology"], ["TH", "MM", "forced_criminality"], 0.0001)
    ]
    assert wh.query("SELECT channel_kinds FROM subscriptions FINAL") == [(["slack"],)]
    dead = wh.query(
        "SELECT source_topic, error_kind, reason, payload_size FROM dead_letters FINAL "
        "WHERE stage = 'sink' ORDER BY source_topic, error_kind"
    )
    incidents, signals = (
        topics.INCIDENTS.physical(space.prefix),
        topics.SIGNALS.physical(space.prefix),
    )
    assert [(d[0], d[1]) for d in dead] == [
        (incidents, "null_value"),
        (incidents, "unknown_schema_id"),
        (signals, "bad_magic_byte"),
    ]
    assert all("garbage" not in d[2] for d in dead)  # reasons never echo the payload
    assert space.committed(topics.INCIDENTS) == space.end_offsets(topics.INCIDENTS)
    assert sink.status.dead_lettered == 3


def test_a_new_optional_field_does_not_stop_the_sink(space: Space, wh: Warehouse) -> None:
    schema = load_schema_json("Signal")
    schema["fields"].append(
        {"name": "confidence_note", "type": ["null", "string"], "default": None}
    )
    serde = space.serde()
    subject = topics.SIGNALS.physical(space.prefix) + "-value"
    serde.register_all(topics.ALL)
    new_id = serde.registry.register(subject, json.dumps(schema))
    record = next(synth.signals(1, tag=space.prefix)) | {"confidence_note": "drift"}
    body = bytearray([MAGIC]) + new_id.to_bytes(4, "big")
    out = __import__("io").BytesIO()
    fastavro.schemaless_writer(out, fastavro.parse_schema(schema), record)
    space.produce_raw(topics.SIGNALS, [bytes(body) + out.getvalue()])
    space.produce(topics.SIGNALS, synth.signals(10, seed=2, tag=f"{space.prefix}b"), "signal_id")

    with running(space.sink(wh, batch_seconds=0.2)):
        wait_for(lambda: count(wh, "signals") == 11, what="11 signals")
    assert count(wh, "dead_letters") == 0


@pytest.mark.faults
def test_crash_between_insert_and_commit_duplicates_nothing(
    space: Space, wh_url: str, tmp_path: Path
) -> None:
    n = space.produce(topics.SIGNALS, synth.signals(20_000, tag=space.prefix), "signal_id")
    child = subprocess.run(
        [sys.executable, "-m", "tests.sink_child", json.dumps(space.__dict__), wh_url],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parent.parent,
    )
    assert child.returncode == 17, child.stderr[-2000:]
    assert all(o == 0 for o in space.committed(topics.SIGNALS).values())  # nothing committed

    wh = open_warehouse(wh_url)
    try:
        crashed_rows = int(wh.query("SELECT count() FROM signals")[0][0])
        assert crashed_rows > 0  # the insert happened before the crash
        with running(space.sink(wh, batch_seconds=0.2)):
            wait_for(lambda: caught_up(space, topics.SIGNALS))
        physical = int(wh.query("SELECT count() FROM signals")[0][0])
        assert physical >= n + crashed_rows or physical >= n  # merges may already have run
        assert count(wh, "signals") == n
        assert wh.query("SELECT uniqExact(signal_id), sum(weight) FROM signals FINAL") == [
            (n, float(n))
        ]
    finally:
        wh.close()


@pytest.mark.faults
def test_rebalance_while_data_flows_loses_and_duplicates_nothing(
    space: Space, clickhouse_url: str
) -> None:
    wh_a, wh_b = open_warehouse(clickhouse_url), open_warehouse(clickhouse_url)
    migrations.migrate(wh_a)
    total = 60_000
    producer = threading.Thread(
        target=lambda: space.produce(
            topics.SIGNALS, synth.signals(total, tag=space.prefix), "signal_id"
        )
    )
    sink_a = space.sink(wh_a, batch_rows=2_000, batch_seconds=0.1)
    sink_b = space.sink(wh_b, batch_rows=2_000, batch_seconds=0.1)
    with running(sink_a) as stop_a:
        producer.start()
        wait_for(lambda: sink_a.status.landed > 5_000, what="first rows")
        with running(sink_b):
            wait_for(lambda: sink_b.status.landed > 0, what="second sink to take partitions")
            stop_a.set()  # the first leaves mid-stream: another rebalance
            producer.join()
            wait_for(
                lambda: caught_up(space, topics.SIGNALS),
                what="all offsets committed",
            )
    assert count(wh_a, "signals") == total
    assert wh_a.query("SELECT uniqExact(signal_id) FROM signals FINAL") == [(total,)]
    wh_a.close()
    wh_b.close()


@pytest.mark.faults
def test_warehouse_outage_pauses_retries_and_loses_nothing(space: Space, tmp_path: Path) -> None:
    home = tmp_path / "ch"
    url, proc = services.start_clickhouse(home)
    wh = open_warehouse(url)
    migrations.migrate(wh)
    first = space.produce(topics.SIGNALS, synth.signals(1_000, tag=space.prefix), "signal_id")
    sink = space.sink(wh, batch_seconds=0.1, backoff_initial=0.1, backoff_max=0.5)
    failures_before = metrics.INSERT_FAILURES.labels("signals")._value.get()
    try:
        with running(sink):
            wait_for(lambda: sink.status.landed == first, what="first batch")
            proc.terminate()
            proc.wait(30)
            more = space.produce(
                topics.SIGNALS, synth.signals(5_000, seed=9, tag=f"{space.prefix}x"), "signal_id"
            )
            wait_for(lambda: sink.status.state == "retrying", what="retrying state")
            assert metrics.RETRYING._value.get() == 1
            assert "unreachable" in (sink.status.last_error or "")
            time.sleep(1.5)
            assert metrics.INSERT_FAILURES.labels("signals")._value.get() > failures_before + 1
            assert sink.status.landed == first  # nothing claimed while the warehouse is away
            _, proc = services.start_clickhouse(home)
            wait_for(lambda: sink.status.state == "running", what="recovery")
            wait_for(
                lambda: caught_up(space, topics.SIGNALS),
                what="commit after recovery",
            )
        assert count(wh, "signals") == first + more
        assert metrics.RETRYING._value.get() == 0
    finally:
        wh.close()
        proc.terminate()
        proc.wait(30)


def test_backoff_grows_to_its_ceiling_with_jitter() -> None:
    b = Backoff(0.5, 4.0, rand=lambda: 1.0)
    assert [b.next() for _ in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    low = Backoff(0.5, 4.0, rand=lambda: 0.0)
    assert [low.next() for _ in range(3)] == [0.25, 0.5, 1.0]


def test_delivery_targets_lose_their_secrets() -> None:
    hook = "https://hooks.slack.com/services/T000/B000/XXXXSECRET"
    assert tables.redact_target(hook) == "https://hooks.slack.com/…"
    assert tables.redact_target("C0123") == "C0123"
    assert "SECRET" not in json.dumps(
        tables.to_columns(
            tables.DELIVERIES,
            [tables.Landed(all_samples()["Delivery"].to_avro() | {"target": hook}, 0, 0)],
        )
    )


@pytest.mark.faults
def test_kill_9_of_the_sink_command_then_restart_lands_everything_once(
    space: Space, wh_url: str, tmp_path: Path
) -> None:
    n = space.produce(topics.SIGNALS, synth.signals(150_000, tag=space.prefix), "signal_id")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")}
    env |= {
        "TAHUB_MODE": "servers",
        "TAHUB_KAFKA_BOOTSTRAP": space.bootstrap,
        "TAHUB_SCHEMA_REGISTRY_URL": space.registry_url,
        "TAHUB_WAREHOUSE_URL": wh_url,
        "TAHUB_TOPIC_PREFIX": space.prefix,
        "TAHUB_APP_ID": f"{space.prefix}app",
        "TAHUB_DATA_DIR": str(tmp_path / "data"),
        "TAHUB_SINK_BATCH_ROWS": "5000",
    }
    space.group = f"{space.prefix}app-sink"  # the command's consumer group

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "tahub", "sink", "run"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    proc = start()
    try:
        wait_for(lambda: sum(o for o in space.committed(topics.SIGNALS).values()) > 0)
        proc.kill()  # SIGKILL mid-stream: no flush, no commit
        proc.wait(30)
        done_before = sum(o for o in space.committed(topics.SIGNALS).values())
        assert 0 < done_before < n
        proc = start()
        wait_for(
            lambda: caught_up(space, topics.SIGNALS),
            timeout=120,
            what="restarted sink to catch up",
        )
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()[-2000:]
    wh = open_warehouse(wh_url)
    try:
        assert count(wh, "signals") == n
    finally:
        wh.close()
