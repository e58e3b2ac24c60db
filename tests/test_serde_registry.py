"""Wire format, decode errors, and the three registry clients."""

from __future__ import annotations

import json
import multiprocessing
import struct
from pathlib import Path

import pytest

from schemas import topics
from schemas.catalog import record_schema
from schemas.models import MODELS
from schemas.registry import (
    FileRegistry,
    IncompatibleSchemaError,
    RegistryCorruptError,
    RegistryError,
    open_registry,
)
from schemas.serde import DecodeError, Serde
from tests.samples import all_samples

SPECS = {t.record: t for t in topics.ALL}


@pytest.fixture(params=["mock", "file"])
def serde(request: pytest.FixtureRequest, tmp_path: Path) -> Serde:
    url = f"mock://{tmp_path.name}" if request.param == "mock" else f"file://{tmp_path / 'reg'}"
    return Serde(open_registry(url), "test.")


@pytest.mark.parametrize("record", sorted(MODELS))
def test_every_contract_round_trips(serde: Serde, record: str) -> None:
    sample = all_samples()[record]
    data = serde.encode(SPECS[record], sample.to_avro())
    magic, schema_id = struct.unpack(">bI", data[:5])
    assert magic == 0
    assert schema_id >= 1
    back = MODELS[record].from_avro(serde.decode(SPECS[record], data))
    assert back == sample


def test_same_schema_keeps_its_id_across_clients(tmp_path: Path) -> None:
    url = f"file://{tmp_path / 'reg'}"
    ids1 = Serde(open_registry(url), "p.").register_all(topics.ALL)
    ids2 = Serde(open_registry(url), "p.").register_all(topics.ALL)
    assert ids1 == ids2
    assert len(set(ids1.values())) == len(topics.ALL)


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (None, "null_value", "tombstone"),
        (b"\x00\x00", "truncated", "shorter than the 5-byte header"),
        (b"\x07\x00\x00\x00\x01abc", "bad_magic_byte", "magic byte is 7"),
        (b"\x00\x00\x00\x03\xe7abc", "unknown_schema_id", "999"),
    ],
)
def test_undecodable_bytes_say_where_and_why(
    serde: Serde, value: bytes | None, kind: str, text: str
) -> None:
    with pytest.raises(DecodeError) as info:
        serde.decode(topics.INCIDENTS, value, topic="test.incidents", partition=2, offset=41)
    err = info.value
    assert err.kind == kind
    assert (err.topic, err.partition, err.offset) == ("test.incidents", 2, 41)
    assert "test.incidents[2]@41" in str(err)
    assert text in str(err)


def test_corrupt_body_and_trailing_bytes(serde: Serde) -> None:
    good = serde.encode(topics.SIGNALS, all_samples()["Signal"].to_avro())
    with pytest.raises(DecodeError, match="does not match schema id") as info:
        serde.decode(topics.SIGNALS, good[:5] + b"\xff" * 3, topic="t", partition=0, offset=1)
    assert info.value.kind == "corrupt_body"
    with pytest.raises(DecodeError, match="trailing bytes"):
        serde.decode(topics.SIGNALS, good + b"\x00\x00", topic="t", partition=0, offset=2)


def test_reader_resolves_an_older_writer_schema(tmp_path: Path) -> None:
    """Data written with an older Signal (no cell_fine) is read with today's schema."""
    reg = open_registry(f"file://{tmp_path / 'reg'}")
    old = json.loads(record_schema("Signal").text)
    old["fields"] = [f for f in old["fields"] if f["name"] != "cell_fine"]
    import io

    import fastavro

    parsed = fastavro.parse_schema(old)
    sid = reg.register("x-signals-value", json.dumps(old))
    record = all_samples()["Signal"].to_avro()
    del record["cell_fine"]
    buf = io.BytesIO()
    buf.write(struct.pack(">bI", 0, sid))
    fastavro.schemaless_writer(buf, parsed, record)
    decoded = Serde(reg, "x.").decode(topics.SIGNALS, buf.getvalue())
    assert decoded["cell_fine"] is None
    assert decoded["signal_id"] == record["signal_id"]


def test_a_projection_reads_our_own_records_and_leaves_the_rest_to_decode(
    tmp_path: Path,
) -> None:
    """``Serde.projection`` (the repartition stage's bulk read): a record written under our
    own schema comes back projected; anything else is None, for ``decode`` to read or to
    name the fault (an older writer's schema, an unknown id, damaged bytes, a tombstone)."""
    reg = open_registry(f"file://{tmp_path / 'reg'}")
    serde = Serde(reg, "x.")
    record = all_samples()["Signal"].to_avro()
    good = serde.encode(topics.SIGNALS, record)
    project = serde.projection(topics.SIGNALS, frozenset({"event_time", "org_id"}))
    want = serde.decode(topics.SIGNALS, good)
    assert project(good) == {"event_time": int(want["event_time"].timestamp()),
                             "org_id": want["org_id"]}  # fmt: skip
    old = json.loads(record_schema("Signal").text)
    old["fields"] = [f for f in old["fields"] if f["name"] != "cell_fine"]
    sid = reg.register("x-signals-value", json.dumps(old))
    older = struct.pack(">bI", 0, sid) + good[5:]  # read under another schema: not ours
    for value in (older, good[:5] + b"\xff" * 3, good + b"\0", b"\0\0\0\3\xe7abc", b"\0", None):
        assert project(value) is None


def _register_many(
    path: str, barrier: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue
) -> None:  # type: ignore[name-defined]
    reg = FileRegistry(Path(path))
    barrier.wait()
    ids = {}
    for spec in topics.ALL:
        ids[spec.logical] = reg.register(f"{spec.logical}-value", record_schema(spec.record).text)
    out.put(ids)


def test_two_processes_registering_concurrently_get_one_id_each(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    out = ctx.Queue()
    procs = [
        ctx.Process(target=_register_many, args=(str(tmp_path / "reg"), barrier, out))
        for _ in range(2)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    assert results[0] == results[1]
    data = json.loads((tmp_path / "reg" / "registry.json").read_text())
    assert len(data["schemas"]) == len(topics.ALL)
    assert all(len(v) == 1 for v in data["subjects"].values())


def test_incompatible_registration_is_refused(tmp_path: Path) -> None:
    for reg in (
        open_registry(f"file://{tmp_path / 'reg'}"),
        open_registry(f"mock://{tmp_path.name}"),
    ):
        base = record_schema("Delivery").text
        reg.register("d-value", base)
        broken = json.loads(base)
        broken["fields"].append({"name": "new_required", "type": "string"})
        with pytest.raises(IncompatibleSchemaError, match="not BACKWARD compatible"):
            reg.register("d-value", json.dumps(broken))


def test_corrupt_registry_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "reg").mkdir()
    (tmp_path / "reg" / "registry.json").write_text("{not json")
    reg = open_registry(f"file://{tmp_path / 'reg'}")
    with pytest.raises(RegistryCorruptError, match="is corrupt"):
        reg.register("a-value", '"string"')
    with pytest.raises(RegistryCorruptError):
        reg.schema_by_id(1)


def test_registry_url_scheme_is_checked() -> None:
    with pytest.raises(RegistryError, match="use http"):
        open_registry("ftp://example.org/registry")
