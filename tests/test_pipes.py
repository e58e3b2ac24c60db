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

from consumers import migrations
from consumers.landing import Landed, to_columns
from consumers.warehouse import open_warehouse
from producers.kafka_producer import ContractProducer
from schemas import topics
from schemas.models import MODELS
from schemas.registry import open_registry
from schemas.serde import Serde
from streams.app import StreamConfig, create_app
from tahub.topics_admin import ensure_topics
from tests.samples import all_samples

SPECS = {t.record: t for t in topics.ALL}


async def _consume_with_faust(
    cfg: StreamConfig, serde: Serde, expected: int, timeout: float
) -> tuple[list[Landed], float]:
    app = create_app(cfg, agents=False)
    got: list[Landed] = []
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
                    schema_id = struct.unpack(">I", event.value[1:5])[0]
                    got.append(Landed(msg.topic, spec.record, schema_id, record))
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
    assert sorted(item.record_type for item in landed) == sorted(samples)
    for item in landed:
        assert MODELS[item.record_type].from_avro(item.record) == samples[item.record_type]
        assert item.topic == SPECS[item.record_type].physical(prefix)

    cols = to_columns(landed)
    for url in (chdb_url, clickhouse_url):
        wh = open_warehouse(url)
        migrations.migrate(wh)
        wh.insert("records", cols)
        wh.insert("records", cols)  # at-least-once redelivery must not duplicate
        rows = wh.query(
            "SELECT topic, record_id, org_id, tlp, payload FROM records FINAL ORDER BY topic"
        )
        assert len(rows) == len(samples)
        by_topic = {r[0]: r for r in rows}
        inc = by_topic[topics.INCIDENTS.physical(prefix)]
        assert inc[1:4] == (f"{prefix}-inc-1", "org-ngo-a", "AMBER_STRICT")
        assert json.loads(inc[4])["exploitation_places"][0]["country"] == "TH"
        wh.close()
    print(f"faust start + read of {len(samples)} records: {elapsed:.1f} s")
