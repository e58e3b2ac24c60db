"""schemas.avro_reader reads exactly what fastavro reads from tahub's own records, and
leaves to fastavro (through the serde) whatever it does not take (issue 17 item 2)."""

from __future__ import annotations

import io
import random
import struct
from typing import Any

import fastavro
import pytest

from schemas.avro_reader import Unreadable, compile_schema, compiled, projected
from schemas.catalog import record_schema
from tests.test_avro_writer import _Random

NAMES = ("Incident", "Signal", "DeadLetter", "AlertNotification", "Detection", "NewsArticle")
COMPILED = [r for r in NAMES if compiled(r)]


def _written(schema: Any, record: Any) -> bytes | None:
    out = io.BytesIO()
    try:
        fastavro.schemaless_writer(out, schema, record)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return None
    return out.getvalue()


def _fastavro(schema: Any, raw: bytes) -> Any:
    return fastavro.schemaless_reader(io.BytesIO(raw), schema, None)


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (a UTC datetime's tzinfo too)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if hasattr(a, "tzinfo"):
        return bool(a == b and a.tzinfo == b.tzinfo)
    return bool(a == b or (a != a and b != b))  # NaN


@pytest.mark.parametrize("name", COMPILED)
def test_random_records_read_as_fastavro_reads_them(name: str) -> None:
    schema = record_schema(name).parsed
    named: dict[str, Any] = {}
    fastavro.parse_schema(schema, named)
    values, read = _Random(random.Random(name), named), compiled(name)
    assert read is not None
    tried = 0
    for _ in range(800):
        raw = _written(schema, values.value(schema))
        if raw is None:
            continue
        mine, end = read(b"\0\0\0\0\7" + raw, 5)
        assert end == 5 + len(raw)
        assert _same(mine, _fastavro(schema, raw))
        tried += 1
    assert tried > 300


def test_the_records_the_sink_reads_most_are_covered() -> None:
    assert {"Incident", "Signal"} <= set(COMPILED)


def test_damaged_bytes_raise_or_read_as_fastavro_reads_them() -> None:
    schema = record_schema("Incident").parsed
    named: dict[str, Any] = {}
    fastavro.parse_schema(schema, named)
    rng = random.Random(3)
    values, read = _Random(rng, named), compiled("Incident")
    assert read is not None
    agreed = raised = 0
    for _ in range(600):
        raw = _written(schema, values.value(schema))
        if raw is None or not raw:
            continue
        broken = bytearray(raw)
        for _ in range(rng.choice((1, 2, 3))):
            broken[rng.randrange(len(broken))] = rng.randrange(256)
        cut = bytes(broken[: rng.randrange(len(broken) + 1)] if rng.random() < 0.3 else broken)
        try:
            mine, end = read(cut, 0)
        except Exception:
            raised += 1
            continue
        theirs = io.BytesIO(cut)
        assert _same(mine, fastavro.schemaless_reader(theirs, schema, None))
        assert end == theirs.tell()
        agreed += 1
    assert raised > 50
    assert agreed > 10


def test_the_serde_decodes_with_it_and_falls_back_to_fastavro() -> None:
    from schemas.serde import WireEncoder

    schema = record_schema("Incident").parsed
    named: dict[str, Any] = {}
    fastavro.parse_schema(schema, named)
    record = _Random(random.Random(5), named).value(schema)
    value = WireEncoder("Incident", 7)(record)
    read = compiled("Incident")
    assert read is not None
    assert read(value, 5)[1] == len(value)
    assert struct.unpack(">bI", value[:5]) == (0, 7)


def test_a_schema_with_an_uncovered_type_is_left_to_fastavro() -> None:
    assert compile_schema({"type": "record", "name": "R", "fields": [
        {"name": "b", "type": "boolean"}]}) is None  # fmt: skip
    assert compile_schema({"type": "record", "name": "N", "fields": [
        {"name": "next", "type": ["null", "N"]}]}) is None  # fmt: skip


def test_a_projection_reads_its_fields_as_the_full_reader_does() -> None:
    """The repartition stage's projection of a Signal: the fields it keeps, equal to the
    full read's, the time as the whole epoch seconds of the full read's datetime; what
    the full read refuses, it refuses too."""
    schema = record_schema("Signal").parsed
    named: dict[str, Any] = {}
    fastavro.parse_schema(schema, named)
    keep = frozenset({"event_time", "source_id", "occurred_on", "cell_fine"})
    values, full, part = (
        _Random(random.Random(5), named),
        compiled("Signal"),
        projected("Signal", keep),
    )
    assert full is not None
    assert part is not None
    tried = 0
    for _ in range(800):
        raw = _written(schema, values.value(schema))
        if raw is None:
            continue
        try:
            want, end = full(raw, 0)
        except Exception:  # refused by both, whatever the reason
            with pytest.raises(Exception):  # noqa: B017, PT011
                part(raw, 0)
            continue
        got, at = part(raw, 0)
        assert at == end
        assert list(got) == [f["name"] for f in schema["fields"] if f["name"] in keep]
        assert got == {
            **{k: want[k] for k in keep},
            "event_time": int(want["event_time"].timestamp()),
        }
        tried += 1
    assert tried > 300
    for ms in (-62_135_596_800_000, 253_402_300_799_999, -1, 1, 999, -1001):  # the edges
        raw = _written(schema, {**values.value(schema), "event_time": ms})
        assert raw is not None
        assert part(raw, 0)[0]["event_time"] == int(full(raw, 0)[0]["event_time"].timestamp())
    for ms in (-62_135_596_800_001, 253_402_300_800_000):  # no datetime holds these
        raw = _written(schema, {**values.value(schema), "event_time": ms})
        assert raw is not None
        with pytest.raises(Exception):  # noqa: B017, PT011
            full(raw, 0)
        with pytest.raises(Unreadable):
            part(raw, 0)
