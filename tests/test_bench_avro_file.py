"""tahub bench import's native-read ceiling reads the import's own Avro values, framed as
one Avro file: the file holds exactly those records (read back by fastavro)."""

from __future__ import annotations

import copy
import io
from datetime import date, timedelta

import fastavro

from schemas.catalog import record_schema
from schemas.serde import WireEncoder
from tahub.bench.ceilings import avro_file
from tests.test_incident_check import _record


def test_the_framed_values_read_back_as_the_same_records() -> None:
    encode = WireEncoder("Incident", 7)
    records = []
    for i in range(300):  # past one byte of count and of length: varints of 2 and 3 bytes
        r = copy.deepcopy(_record())
        r["incident_id"] = f"id-{i}"
        r["occurred_on"] = date(2020, 2, 18) - timedelta(days=i)
        records.append(r)
    blob = avro_file(record_schema("Incident").parsed, [encode(r) for r in records])
    assert list(fastavro.reader(io.BytesIO(blob))) == records


def test_no_values_is_an_empty_file() -> None:
    blob = avro_file(record_schema("Incident").parsed, [])
    assert list(fastavro.reader(io.BytesIO(blob))) == []
