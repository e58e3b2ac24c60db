"""The client libraries' own limits on this machine, measured in the benchmark's run: what
a bare confluent-kafka consumer reads and fastavro decodes, and what a bare producer
sends. Benchmarks judge their stages against these (the machine is shared and noisy, the
ratio less)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from typing import Any

from schemas.serde import Serde
from schemas.topics import TopicSpec
from tahub.errors import TahubError


def consume_decode_rate(
    conf: dict[str, str], serde: Serde, spec: TopicSpec, topic: str, expect: int
) -> float:
    """Records/s that a bare consumer reads and fastavro decodes from ``topic`` (its first
    ``expect`` records, from the start), in one process."""
    from confluent_kafka import Consumer

    consumer = Consumer({**conf, "group.id": f"ceiling-{uuid.uuid4().hex[:8]}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})  # fmt: skip
    consumer.subscribe([topic])
    seen, started = 0, None
    deadline = time.monotonic() + 300
    try:
        while seen < expect and time.monotonic() < deadline:
            batch = consumer.consume(5000, 1.0)
            if batch and started is None:
                started = time.monotonic()
            for msg in batch:
                if msg.error() is None:
                    serde.decode(spec, msg.value(), topic=topic)
                    seen += 1
    finally:
        consumer.close()
    if started is None or seen < expect:
        raise TahubError(f"the ceiling reader saw {seen:,} of {expect:,} records")
    return expect / (time.monotonic() - started)


def produce_seconds(conf: dict[str, str], topic: str, values: Sequence[bytes]) -> float:
    """Seconds a bare producer (no transaction) takes to send ``values`` to ``topic`` and
    have every one acknowledged."""
    from confluent_kafka import Producer

    raw = Producer({**conf, "linger.ms": 5, "batch.size": 1_000_000})
    t = time.perf_counter()
    for i, v in enumerate(values):
        while True:
            try:
                raw.produce(topic, v, str(i).encode())
                break
            except BufferError:
                raw.poll(0.01)
    raw.flush(120)
    return time.perf_counter() - t


def avro_file(schema: Any, values: Sequence[bytes], header: int = 5) -> bytes:
    """``values`` (one record each, after a ``header`` of that many bytes: the wire's magic
    byte and schema id) as one Avro object container file of one block, for a reader that
    parses Avro itself (the warehouse's ``Avro`` input format): the same bytes, framed."""
    import io

    import fastavro

    out = io.BytesIO()
    fastavro.writer(out, schema, [])  # the file's header, which ends in its sync marker
    head = out.getvalue()
    data = b"".join(v[header:] for v in values)
    return head + _long(len(values)) + _long(len(data)) + data + head[-16:]


def _long(x: int) -> bytes:
    z, out = (x << 1) ^ (x >> 63), bytearray()
    while z > 0x7F:
        out.append((z & 0x7F) | 0x80)
        z >>= 7
    out.append(z)
    return bytes(out)
