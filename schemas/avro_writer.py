"""Avro binary encoding compiled once per schema into nested Python closures (pure).

fastavro interprets the parsed schema for every record it writes: an Incident cost ~16 µs
of CPU, a third of a history import's work per row in its worker processes. A writer
compiled from the schema does only the record's own work (~8 µs) and writes the same
bytes; tests/test_avro_writer.py compares both on every schema's records and on random
ones. It covers the types tahub's schemas use; ``compiled`` is None for a schema with any
other, and a record it cannot write (a missing field left to its default, a value of
another type) raises ``Unwritable`` for the caller to hand to fastavro, whose answer or
error is then the one given.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

import fastavro

Write = Callable[[Any, bytearray], None]

_DOUBLE = struct.Struct("<d").pack
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_DAY = date(1970, 1, 1).toordinal()
_MS = timedelta(milliseconds=1)
_LONG_MIN, _LONG_MAX = -(2**63), 2**63 - 1
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


class Unwritable(Exception):
    """A record this writer does not cover; fastavro decides."""


class _Unsupported(Exception):
    """A schema with a type this module does not compile."""


def _long(n: int, out: bytearray) -> None:
    """Zig-zag varint, as Avro writes int and long."""
    if type(n) is not int or not _LONG_MIN <= n <= _LONG_MAX:
        raise Unwritable("not a long")
    n = (n << 1) ^ (n >> 63)
    while n > 0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _int(n: Any, out: bytearray) -> None:
    if type(n) is not int or not _INT_MIN <= n <= _INT_MAX:
        raise Unwritable("not an int")  # fastavro refuses some, e.g. in a union
    _long(n, out)


def _string(v: Any, out: bytearray) -> None:
    if type(v) is not str:
        raise Unwritable("not a string")
    raw = v.encode()
    _long(len(raw), out)
    out += raw


def _double(v: Any, out: bytearray) -> None:
    if type(v) is not float:
        raise Unwritable("not a float")
    out += _DOUBLE(v)


def _date(v: Any, out: bytearray) -> None:
    if type(v) is not date:
        raise Unwritable("not a date")
    _long(v.toordinal() - _EPOCH_DAY, out)


def _millis(v: Any, out: bytearray) -> None:
    if type(v) is not datetime or v.utcoffset() is None:
        raise Unwritable("not an aware datetime")
    _long((v - _EPOCH) // _MS, out)


def _nullable(write: Write) -> Write:
    def union(v: Any, out: bytearray) -> None:
        if v is None:
            out.append(0)
        else:
            out.append(2)  # branch 1, zig-zag
            write(v, out)

    return union


def _array(write: Write) -> Write:
    def array(v: Any, out: bytearray) -> None:
        if type(v) is not list:
            raise Unwritable("not a list")
        if v:
            _long(len(v), out)
            for item in v:
                write(item, out)
        out.append(0)

    return array


def _enum(symbols: list[str]) -> Write:
    index = {s: i for i, s in enumerate(symbols)}

    def enum(v: Any, out: bytearray) -> None:
        i = index.get(v) if type(v) is str else None
        if i is None:
            raise Unwritable("not a symbol")
        _long(i, out)

    return enum


def _record(fields: list[tuple[str, Write]]) -> Write:
    def record(v: Any, out: bytearray) -> None:
        if type(v) is not dict:
            raise Unwritable("not a dict")
        try:
            for name, write in fields:
                write(v[name], out)
        except KeyError:  # fastavro writes the field's default
            raise Unwritable("a field is missing") from None

    return record


_PRIMITIVES: dict[tuple[str, str | None], Write] = {
    ("string", None): _string,
    ("double", None): _double,
    ("int", None): _int,
    ("long", None): _long,
    ("int", "date"): _date,
    ("long", "timestamp-millis"): _millis,
}


def _compile(schema: Any, named: dict[str, Any]) -> Write:  # noqa: PLR0911 -- a branch a type
    if isinstance(schema, str):
        if schema in named:
            return _compile(named[schema], named)
        schema = {"type": schema}
    if isinstance(schema, list):
        if len(schema) == 2 and schema[0] == "null":
            return _nullable(_compile(schema[1], named))
        raise _Unsupported(str(schema))
    kind = schema["type"]
    if kind == "record":
        return _record([(f["name"], _compile(f["type"], named)) for f in schema["fields"]])
    if kind == "array":
        return _array(_compile(schema["items"], named))
    if kind == "enum":
        return _enum(list(schema["symbols"]))
    if isinstance(kind, (dict, list)):
        return _compile(kind, named)
    write = _PRIMITIVES.get((kind, schema.get("logicalType")))
    if write is None:
        raise _Unsupported(str(kind))
    return write


def compile_schema(schema: Any) -> Write | None:
    """A writer for ``schema`` (as fastavro parses it), or None if it uses a type this
    module does not cover."""
    named: dict[str, Any] = {}
    parsed = fastavro.parse_schema(schema, named)
    try:
        return _compile(parsed, named)
    except (_Unsupported, RecursionError):  # a type it does not cover, or a recursive one
        return None


@cache
def compiled(record: str) -> Write | None:
    """The compiled writer of one of tahub's record schemas, once per process."""
    from schemas.catalog import record_schema

    return compile_schema(record_schema(record).parsed)
