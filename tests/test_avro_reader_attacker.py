"""A hostile record on a topic against the generated Avro reader (schemas.avro_reader).

Whoever can write to a topic (a local user while the local broker runs without SASL, or a
broken producer) chooses the bytes. The serde takes the generated reader's answer when it
reads a value to its last byte, so that answer must be fastavro's whatever the bytes: an
Incident or Signal must never decode to another sharing level, organisation or place than
fastavro reads, nor be accepted where fastavro refuses it. And a value must not cost the
reader more than fastavro: a sink that spends minutes on one record stops every partner's
data from landing.

Hypothesis damages valid records (bytes flipped, inserted, deleted, cut; varints
re-encoded overlong, with bits past 64, or as long runs of continuation bytes) and feeds
random bytes; each value is decoded by the serde as it runs and by the serde with
fastavro alone, and the outcomes (record, or the kind of error) must be equal.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any
from unittest import mock

import fastavro
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import avro_reader
from schemas.catalog import record_schema
from schemas.registry import FileRegistry
from schemas.serde import DecodeError, Serde
from schemas.topics import ALERTS, DLQ, INCIDENTS, SIGNALS, TopicSpec
from tests.test_avro_reader import _same, _written
from tests.test_avro_writer import _Random

SPECS = {spec.record: spec for spec in (INCIDENTS, SIGNALS, DLQ, ALERTS)}


@pytest.fixture(scope="module")
def serde(tmp_path_factory: pytest.TempPathFactory) -> tuple[Serde, dict[str, int]]:
    registry = FileRegistry(Path(tmp_path_factory.mktemp("registry")))
    s = Serde(registry, "atk.")
    return s, s.register_all(tuple(SPECS.values()))


def _outcome(s: Serde, spec: TopicSpec, value: bytes) -> Any:
    try:
        return s.decode(spec, value)
    except DecodeError as err:
        return ("error", err.kind)


def _both(s: Serde, spec: TopicSpec, value: bytes) -> tuple[Any, Any]:
    """(the serde's outcome, the outcome with fastavro alone)."""
    mine = _outcome(s, spec, value)
    with mock.patch.object(avro_reader, "compiled", return_value=None):
        theirs = _outcome(s, spec, value)
    return mine, theirs


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        if n < 0x80:
            out.append(n)
            return bytes(out)
        out.append(n & 0x7F | 0x80)
        n >>= 7


def _valid(name: str, seed: int) -> bytes | None:
    schema = record_schema(name).parsed
    named: dict[str, Any] = {}
    fastavro.parse_schema(schema, named)
    return _written(schema, _Random(random.Random(seed), named).value(schema))


# one damage to a value's body: (kind, where in 0..1, a number, some bytes)
_damage = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "cut", "append", "overlong", "high", "run"]),
    st.floats(0, 1, exclude_max=True),
    st.integers(0, 255),
    st.binary(max_size=12),
)


def _damaged(body: bytes, damages: list[tuple[str, float, int, bytes]]) -> bytes:
    b = bytearray(body)
    for kind, where, n, blob in damages:
        at = int(where * (len(b) + 1))
        if kind == "flip" and at < len(b):
            b[at] = n
        elif kind == "insert":
            b[at:at] = blob
        elif kind == "delete":
            del b[at : at + 1 + n % 8]
        elif kind == "cut":
            del b[at:]
        elif kind == "append":
            b += blob
        elif kind == "overlong" and at < len(b) and b[at] < 0x80:
            # a one-byte varint written in 2-10 bytes: the same number, spelt long
            pad = 1 + n % 9
            b[at : at + 1] = bytes([b[at] | 0x80, *[0x80] * (pad - 1), 0x00])
        elif kind == "high" and at < len(b) and b[at] < 0x80:
            # ten bytes whose last sets bits past 64, which a 64-bit reader drops
            b[at : at + 1] = bytes([b[at] | 0x80, *[0x80] * 8, 0x02 + (n & 0x7C)])
        elif kind == "run":
            b[at:at] = b"\xff" * (11 + n) + b"\x01"
    return bytes(b)


_SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@settings(max_examples=600, deadline=None, suppress_health_check=_SLOW)
@given(
    name=st.sampled_from(sorted(SPECS)),
    seed=st.integers(0, 10**6),
    damages=st.lists(_damage, min_size=1, max_size=4),
)
def test_damaged_records_decode_as_fastavro_decodes_them(
    serde: tuple[Serde, dict[str, int]], name: str, seed: int, damages: list[Any]
) -> None:
    s, ids = serde
    body = _valid(name, seed)
    if body is None:
        return
    spec = SPECS[name]
    header = b"\0" + ids[spec.physical("atk.")].to_bytes(4, "big")
    mine, theirs = _both(s, spec, header + _damaged(body, damages))
    assert _same(mine, theirs), (mine, theirs)


@settings(max_examples=300, deadline=None, suppress_health_check=_SLOW)
@given(name=st.sampled_from(sorted(SPECS)), body=st.binary(max_size=200))
def test_random_bytes_decode_as_fastavro_decodes_them(
    serde: tuple[Serde, dict[str, int]], name: str, body: bytes
) -> None:
    s, ids = serde
    spec = SPECS[name]
    header = b"\0" + ids[spec.physical("atk.")].to_bytes(4, "big")
    mine, theirs = _both(s, spec, header + body)
    assert _same(mine, theirs), (mine, theirs)


def _incident(tlp: str, org: str) -> dict[str, Any]:
    schema = record_schema("Incident").parsed
    named: dict[str, Any] = {}
    fastavro.parse_schema(schema, named)
    record = _Random(random.Random(1), named).value(schema)
    short = {k: v[:1] if isinstance(v, list) else v for k, v in record.items()}
    return {**short, "typologies": ["forced_labour"], "tlp": tlp, "org_id": org}


def test_the_sharing_level_and_organisation_are_fastavros_however_spelt(
    serde: tuple[Serde, dict[str, int]],
) -> None:
    """Every varint of a RED record of org-a spelt every way Avro allows and some it does
    not: each answer is fastavro's, and a value read as another level or organisation is
    one fastavro reads the same way."""
    s, ids = serde
    schema = record_schema("Incident").parsed
    header = b"\0" + ids[INCIDENTS.physical("atk.")].to_bytes(4, "big")
    out = io.BytesIO()
    fastavro.schemaless_writer(out, schema, _incident("RED", "org-a"))
    body = out.getvalue()
    tried = 0
    for at in range(len(body)):
        if body[at] >= 0x80:
            continue
        for kind in ("overlong", "high"):
            for n in (0, 3, 8, 124):
                value = header + _damaged(body, [(kind, at / (len(body) + 1), n, b"")])
                mine, theirs = _both(s, INCIDENTS, value)
                assert _same(mine, theirs), (at, kind, n)
                tried += 1
    assert tried > 100


class _Counting(bytes):
    """Bytes that remember the furthest index read one at a time."""

    furthest = -1

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int):
            self.furthest = max(self.furthest, index)
        return super().__getitem__(index)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_a_varint_longer_than_ten_bytes_is_given_up_at_its_eleventh(name: str) -> None:
    """A run of continuation bytes is refused after the ten bytes a 64-bit varint may take,
    as fastavro's reader does in time linear in the run: read to its end, it cost time
    quadratic in its length (a 100 kB run ~0.75 s, a 1 MB record ~75 s of the sink)."""
    read = avro_reader.compiled(name)
    assert read is not None
    value = _Counting(b"\0\0\0\0\1" + b"\xff" * 10_000 + b"\x01")
    with pytest.raises(Exception):  # noqa: B017, PT011 -- any refusal; fastavro decides
        read(value, 5)
    assert value.furthest <= 5 + 10


def test_a_long_run_of_continuation_bytes_is_a_decode_error(
    serde: tuple[Serde, dict[str, int]],
) -> None:
    s, ids = serde
    header = b"\0" + ids[INCIDENTS.physical("atk.")].to_bytes(4, "big")
    value = header + _varint(2 * 10) + b"\xff" * 5_000 + b"\x01"
    assert _both(s, INCIDENTS, value) == (("error", "corrupt_body"),) * 2
