"""The pipes are real: every contract goes through the serde to Apache Kafka, is read back
by a Faust agent, and lands in both warehouses."""

from __future__ import annotations

import asyncio
import json
import struct
import uuid
from pathlib import Path
from typing import Any

import pytest

from consumers import migrations, tables
from consumers.warehouse import open_warehouse
from producers.kafka_producer import ContractProducer
from schemas import topics
from schemas.models import MODELS
from schemas.registry import open_registry
from schemas.serde import Serde
from streams.app import create_app
from streams.stream_config import StreamConfig
from tahub.topics_admin import ensure_topics
from tests.samples import all_samples

SPECS = {t.record: t for t in topics.ALL}


Got = tuple[topics.TopicSpec, tables.Landed]


async def _consume_with_faust(
    cfg: StreamConfig, serde: Serde, expected: int, timeout: float
) -> tuple[list[Got], float]:
    app = create_app(cfg, agents=False)
    got: list[Got] = []
    done = asyncio.Event()
    for spec in topics.ALL:
        topic = app.topic(
            spec.physical(cfg.topic_prefix), value_serializer="raw", key_serializer="raw"
        )

        def make(spec: topics.TopicSpec) -> Any:
            async def agent(stream: Any) -> Any:
                async for event in stream.events():
                    msg = event.message
                    record = serde.decode(
                        spec,
                        event.value,
                        topic=msg.topic,
                        partition=msg.partition,
                        offset=msg.offset,
                    )
                    assert struct.unpack(">I", event.value[1:5])[0] > 0  # registry id
                    assert msg.topic == spec.physical(cfg.topic_prefix)
                    got.append((spec, tables.Landed(record, msg.partition, msg.offset)))
                    if len(got) >= expected:
                        done.set()
                    yield None

            return agent

        app.agent(topic, name=f"probe-{spec.logical}")(make(spec))
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await app.start()
    try:
        await asyncio.wait_for(done.wait(), timeout)
    finally:
        await app.stop()
    return got, loop.time() - t0


@pytest.mark.kafka
def test_every_contract_through_kafka_faust_and_both_warehouses(
    kafka_bootstrap: str, tmp_path: Path, chdb_url: str, clickhouse_url: str
) -> None:
    prefix = f"t{uuid.uuid4().hex[:8]}."
    conf = {"bootstrap.servers": kafka_bootstrap}
    ensure_topics(conf, prefix, partitions=2, replication=1)
    registry_url = f"file://{tmp_path / 'registry'}"
    serde = Serde(open_registry(registry_url), prefix)
    samples = all_samples(prefix)

    # an aborted transaction first: read_committed workers and sinks must never see it
    from confluent_kafka import Producer

    txn = Producer({**conf, "transactional.id": f"{prefix}aborted"})
    txn.init_transactions(30)
    txn.begin_transaction()
    for record, sample in all_samples(prefix + "aborted").items():
        spec = SPECS[record]
        txn.produce(spec.physical(prefix), serde.encode(spec, sample.to_avro()), record.encode())
    txn.flush(30)
    txn.abort_transaction(30)

    producer = ContractProducer(conf, serde)
    for record, sample in samples.items():
        producer.send(SPECS[record], key=record, record=sample)
    producer.flush()

    cfg = StreamConfig(
        app_id=f"pipes-{prefix}",
        bootstrap=kafka_bootstrap,
        topic_prefix=prefix,
        partitions=2,
        replication=1,
        data_dir=tmp_path,
        registry_url=registry_url,
    )
    # the agent decodes with its own serde (own caches), as a separate worker would
    landed, elapsed = asyncio.run(
        _consume_with_faust(cfg, Serde(open_registry(registry_url), prefix), len(samples), 60)
    )
    assert sorted(spec.record for spec, _ in landed) == sorted(samples)
    for spec, item in landed:
        assert MODELS[spec.record].from_avro(item.record) == samples[spec.record]

    for url in (chdb_url, clickhouse_url):
        wh = open_warehouse(url)
        migrations.migrate(wh)
        for spec, item in landed:
            for table in tables.tables_for(spec):
                cols = tables.to_columns(table, [item])
                wh.insert(table.name, cols, table.types)
                wh.insert(
                    table.name, cols, table.types
                )  # at-least-once redelivery must not duplicate
        for table in tables.ALL:
            assert wh.query(f"SELECT count() FROM {table.name} FINAL") == [(1,)], table.name
        inc = wh.query(
            "SELECT incident_id, org_id, tlp, exploitation_countries, places FROM incidents FINAL"
        )[0]
        assert inc[:4] == (f"{prefix}-inc-1", "org-ngo-a", "AMBER_STRICT", ["TH"])
        assert json.loads(inc[4])[2] == {
            "role": "exploitation",
            "country": "TH",
            "lat": 13.75,
            "lon": 100.5,
            "name": None,  # the sample's name is not sealed: the sink lands none in plain
        }
        sig = wh.query("SELECT signal_id, event_time, lat, transit_countries FROM signals FINAL")
        assert sig == [
            (f"{prefix}-sig-1", int(samples["Signal"].event_time.timestamp()), 13.75, ["LA"])
        ]  # type: ignore[attr-defined]
        wh.close()
    print(f"faust start + read of {len(samples)} records: {elapsed:.1f} s")
