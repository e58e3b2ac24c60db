"""schemas.avro_writer writes exactly fastavro's bytes, and leaves to fastavro (through
the serde's encoder) what it does not cover."""

from __future__ import annotations

import io
import random
import struct
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import fastavro
import pytest

from schemas.avro_writer import Unwritable, compile_schema, compiled
from schemas.catalog import record_schema
from schemas.serde import SerdeError, WireEncoder

COMPILED = [r for r in ("Incident", "Signal", "DeadLetter", "AlertNotification") if compiled(r)]


def _fastavro(schema: Any, record: Any) -> bytes:
    out = io.BytesIO()
    fastavro.schemaless_writer(out, schema, record)
    return out.getvalue()


def _mine(record_name: str, record: Any) -> bytes:
    write = compiled(record_name)
    assert write is not None
    out = bytearray()
    write(record, out)
    return bytes(out)


class _Random:
    """Random values of a parsed schema, edge values included (for a comparison only:
    they need not be valid to tahub's models)."""

    def __init__(self, rng: random.Random, named: dict[str, Any]) -> None:
        self.rng, self.named = rng, named

    def value(self, schema: Any) -> Any:
        rng = self.rng
        if isinstance(schema, str):
            schema = self.named.get(schema, {"type": schema})
        if isinstance(schema, list):
            return None if rng.random() < 0.3 else self.value(schema[1])
        kind, logical = schema["type"], schema.get("logicalType")
        if isinstance(kind, (dict, list)):
            return self.value(kind)
        if kind == "record":
            return {f["name"]: self.value(f["type"]) for f in schema["fields"]}
        if kind == "array":
            return [self.value(schema["items"]) for _ in range(rng.choice((0, 1, 2, 70)))]
        if kind == "enum":
            return rng.choice(schema["symbols"])
        if logical == "date":
            return date(1900, 1, 1) + timedelta(days=rng.randint(0, 60_000))
        if logical == "timestamp-millis":
            zone = timezone(timedelta(hours=rng.randint(-12, 12)))
            return datetime(1960, 1, 1, tzinfo=UTC).astimezone(zone) + timedelta(
                microseconds=rng.randint(0, 3 * 10**15)
            )
        if kind == "string":
            return rng.choice(("", "a", "Mae Sot", "ž€😀" * rng.randint(1, 50), "x" * 200))
        if kind == "double":
            return rng.choice((0.0, -0.0, 1.0, 0.5, -1e300, float("inf"), rng.random()))
        edges = (0, 1, -1, 63, 64, -64, -65, 2**31 - 1, -(2**31))
        big = rng.randint(-(2**62), 2**62) if kind == "long" or rng.random() < 0.01 else 7
        return rng.choice((*edges, big))


@pytest.mark.parametrize("name", COMPILED)
def test_random_records_are_written_as_fastavro_writes_them(name: str) -> None:
    schema = record_schema(name).parsed
    named: dict[str, Any] = {}
    fastavro.parse_schema(schema, named)
    values = _Random(random.Random(name), named)
    encode, header = WireEncoder(name, 7), struct.pack(">bI", 0, 7)
    compiled_path = 0
    for _ in range(1500):
        record = values.value(schema)
        try:
            expected = header + _fastavro(schema, record)
        except ValueError:  # fastavro refuses it: the encoder says why, as it did
            with pytest.raises(SerdeError):
                encode(record)
            continue
        assert encode(record) == expected
        try:
            assert header + _mine(name, record) == expected
            compiled_path += 1
        except Unwritable:
            pass  # left to fastavro (compared above)
    assert compiled_path > 500


def test_the_records_tahub_writes_are_covered() -> None:
    # the import's records and the signals compile (else the fast path is silently gone)
    assert {"Incident", "Signal"} <= set(COMPILED)


def test_a_schema_with_an_uncovered_type_is_left_to_fastavro() -> None:
    assert compile_schema({"type": "record", "name": "R", "fields": [
        {"name": "b", "type": "boolean"}]}) is None  # fmt: skip
    assert compile_schema({"type": "record", "name": "S", "fields": [
        {"name": "u", "type": ["string", "long"]}]}) is None  # fmt: skip


def _incident() -> dict[str, Any]:
    rng = random.Random(1)
    named: dict[str, Any] = {}
    fastavro.parse_schema(record_schema("Incident").parsed, named)
    record: dict[str, Any] = _Random(rng, named).value(record_schema("Incident").parsed)
    return record


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("version", True),  # a bool as an int
        ("confidence", 1),  # an int as a double
        ("occurred_on", datetime(2020, 1, 1, tzinfo=UTC)),
        ("submitted_at", datetime(2020, 1, 1)),  # naive
        ("typologies", ("other",)),  # a tuple as an array
    ],
)
def test_what_it_does_not_cover_is_written_by_fastavro(field: str, value: Any) -> None:
    record = _incident()
    record[field] = value
    with pytest.raises(Unwritable):
        _mine("Incident", record)
    header = struct.pack(">bI", 0, 7)
    expected = header + _fastavro(record_schema("Incident").parsed, record)
    assert WireEncoder("Incident", 7)(record) == expected


def test_a_missing_field_gets_fastavro_default_or_error() -> None:
    record = _incident()
    del record["summary"]  # has a default (null)
    encoded = WireEncoder("Incident", 7)(record)
    assert encoded[5:] == _fastavro(record_schema("Incident").parsed, {**record, "summary": None})
    del record["incident_id"]  # has none
    with pytest.raises(SerdeError):
        WireEncoder("Incident", 7)(record)


def test_a_bad_symbol_is_the_serde_error_it_was() -> None:
    record = _incident()
    record["tlp"] = "PURPLE"
    with pytest.raises(SerdeError):
        WireEncoder("Incident", 7)(record)
