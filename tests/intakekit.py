"""Helpers for intake tests: a running intake API on real Kafka, and reading what it wrote."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jsonschema

from producers.intake.http import OPENAPI
from schemas.topics import ALL, TopicSpec
from tahub import wiring
from tahub.runtime.ports import free_port
from tahub.settings import Settings, load_settings
from tahub.web import WebServer
from tests.sinkkit import Space

_DOC = json.loads(OPENAPI.read_text())


def check_schema(name: str, body: Any) -> None:
    """Fail unless ``body`` matches components/schemas/<name> of the OpenAPI description."""
    schema = {**_DOC["components"]["schemas"][name], "components": _DOC["components"]}
    resolver_doc = {"components": _DOC["components"], **schema}
    jsonschema.validate(body, resolver_doc)


def settings_for(space: Space, data_dir: Path, **over: Any) -> Settings:
    return load_settings(
        kafka_bootstrap=space.bootstrap,
        topic_prefix=space.prefix,
        data_dir=data_dir,
        schema_registry_url=space.registry_url,
        **over,
    )


@dataclass
class Api:
    url: str
    settings: Settings
    server: WebServer

    def client(self, key: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120)

    def key_for(self, org_id: str) -> str:
        store = wiring.access(self.settings)
        if not store.org_exists(org_id):
            store.add_org(org_id, org_id.upper())
        return store.issue_key(org_id)[1]


METRICS_TOKEN = "metrics-token-of-the-intake-tests"


@contextmanager
def running_api(space: Space, data_dir: Path, **over: Any) -> Iterator[Api]:
    s = settings_for(space, data_dir, http_port=free_port(), **over)
    wiring.serde(s).register_all(ALL)
    holder: list[Any] = []
    stop = threading.Event()
    book = wiring.subscription_book(s)
    threading.Thread(target=book.run, args=(stop,), daemon=True).start()

    def routes(pool: Any) -> Any:
        api, served = wiring.partner_routes(s, pool, wiring.alert_admins(s, book))
        holder.append(api)
        return served

    server = WebServer(
        s.http_host,
        s.http_port,
        checks=list,
        warehouse=lambda: None,
        k=s.k_anonymity,
        operator_token=None,
        metrics_token=METRICS_TOKEN,
        routes=routes,
        max_body_bytes=s.intake_max_bulk_bytes,
    )
    server.start()
    try:
        yield Api(f"http://{s.http_host}:{s.http_port}", s, server)
    finally:
        stop.set()
        server.stop()
        for api in holder:
            api.close()


def read_all(space: Space, spec: TopicSpec) -> list[tuple[bytes, bytes]]:
    """Every committed (key, value) on a topic, read to its end."""
    from confluent_kafka import KafkaException

    for attempt in range(20):
        try:
            return _read_all(space, spec)
        except KafkaException:  # a new topic's leader may not be known yet
            if attempt == 19:
                raise
            time.sleep(0.5)
    raise AssertionError("unreachable")


def _read_all(space: Space, spec: TopicSpec) -> list[tuple[bytes, bytes]]:
    from confluent_kafka import Consumer, TopicPartition

    topic = spec.physical(space.prefix)
    consumer = Consumer(
        {
            **space.conf,
            "group.id": f"{space.prefix}reader",
            "isolation.level": "read_committed",
            "enable.auto.commit": False,
        }
    )
    try:
        parts = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        ends: dict[int, int] = {}
        tps = []
        for p in parts:
            # the last stable offset: aborted/open transactions never count as "to read"
            lo, hi = consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)
            ends[p] = hi
            tps.append(TopicPartition(topic, p, lo))
        consumer.assign(tps)
        out: list[tuple[bytes, bytes]] = []
        done = {p for p, hi in ends.items() if hi == 0}
        while len(done) < len(ends):
            msgs = consumer.consume(10_000, timeout=1.0)
            if not msgs:
                for p, end in ends.items():
                    pos = consumer.position([TopicPartition(topic, p)])[0].offset
                    if pos >= end:
                        done.add(p)
                continue
            for m in msgs:
                if m.error() is None:
                    out.append((m.key(), m.value()))
                if m.offset() + 1 >= ends[m.partition()]:
                    done.add(m.partition())
        return out
    finally:
        consumer.close()


def decoded(space: Space, spec: TopicSpec) -> list[dict[str, Any]]:
    serde = space.serde()
    return [serde.decode(spec, value) for _, value in read_all(space, spec)]


def submission_ids(space: Space, settings: Settings) -> list[str]:
    """The submission ids of the incidents on the topic, in its order, opened as their
    owners read them (each is sealed under its organisation's data key there)."""
    from producers.intake.sealing import open_text
    from schemas.envelope import is_sealed
    from schemas.topics import INCIDENTS

    records = decoded(space, INCIDENTS)
    assert all(is_sealed(r["submission_id"]) for r in records if r["submission_id"])
    vault = wiring.vault(settings)
    try:
        return [open_text(r["org_id"], "submission_id", r["submission_id"], vault.open)
                for r in records]  # fmt: skip
    finally:
        vault.close()
