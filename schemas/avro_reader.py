"""Avro binary decoding compiled once per schema into one straight-line Python function
(pure): the sink's counterpart of ``avro_writer``.

fastavro's reader interprets the schema for every record; the sink decoded an Incident in
more CPU than it spent on anything else per row. The generated function reads a record
written under exactly this schema (no resolution against another) into the same dict
fastavro builds: fields in schema order, enums as symbols, dates and timestamp-millis as
fastavro's ``date`` and UTC ``datetime``. It raises on anything it does not expect (a
union branch or enum index out of range, a negative array block, a long past 64 bits,
bytes running out, text that is not UTF-8); the caller then decodes with fastavro, whose
answer or error stands. tests/test_avro_reader.py compares both on random records.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

import fastavro

from schemas.codegen import Source

# (value, position) -> (record, position after it)
Read = Callable[[bytes, int], tuple[Any, int]]

_DOUBLE = struct.Struct("<d").unpack_from
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # fastavro's epoch: timezone.utc is UTC
_EPOCH_DAY = date(1970, 1, 1).toordinal()
_LONG_MIN, _LONG_MAX = -(2**63), 2**63 - 1
# the milliseconds of datetime.min and datetime.max (UTC)
_MS_MIN = (datetime.min.toordinal() - _EPOCH_DAY) * 86_400_000
_MS_MAX = (datetime.max.toordinal() - _EPOCH_DAY + 1) * 86_400_000 - 1


class Unreadable(Exception):
    """Bytes this reader does not take; fastavro decides."""


class _Unsupported(Exception):
    pass


class _Source(Source):
    """A reader's source: reads advance ``pos`` over ``data``. ``seconds`` and ``keep``
    make a projection (``projected``)."""

    def __init__(self, *, seconds: bool = False, keep: frozenset[str] | None = None) -> None:
        super().__init__("x")
        self.seconds = seconds
        self.keep = keep  # the top-level fields the record keeps (None: every one)

    def long(self, depth: int, x: str) -> None:
        """A zig-zag varint into ``x``, as Avro writes int and long."""
        b, n, s = self.local("b"), self.local("n"), self.local("s")
        self.emit(
            depth,
            f"{b} = data[pos]",
            "pos += 1",
            f"{n} = {b} & 0x7F",
            f"{s} = 7",
            f"while {b} & 0x80:",
            # refused at the 11th byte, not after the run: each byte of a long run would
            # widen the number, quadratic in the run (a 1 MB record: a minute)
            f"    if {s} == 70:",
            "        raise Unreadable('a varint past 64 bits')",
            f"    {b} = data[pos]",
            "    pos += 1",
            f"    {n} |= ({b} & 0x7F) << {s}",
            f"    {s} += 7",
            f"{x} = ({n} >> 1) ^ -({n} & 1)",
        )


def _value(src: _Source, schema: Any, named: dict[str, Any], x: str, depth: int) -> None:
    """Statements reading one value of ``schema`` into local ``x``."""
    if isinstance(schema, str):
        if schema in named:
            _value(src, named[schema], named, x, depth)
            return
        schema = {"type": schema}
    if isinstance(schema, list):
        if len(schema) == 2 and schema[0] == "null":
            branch = src.local("u")
            src.long(depth, branch)
            src.emit(depth, f"if {branch} == 0:", f"    {x} = None", f"elif {branch} == 1:")
            _value(src, schema[1], named, x, depth + 1)
            src.emit(depth, "else:", "    raise Unreadable('a union branch out of range')")
            return
        raise _Unsupported(str(schema))
    kind = schema["type"]
    if kind == "record":
        fields = []
        for f in schema["fields"]:
            item = src.local()
            _value(src, f["type"], named, item, depth)
            if depth > 1 or src.keep is None or f["name"] in src.keep:
                fields.append(f"{f['name']!r}: {item}")
        src.emit(depth, f"{x} = {{{', '.join(fields)}}}")
        return
    if kind == "array":
        count, item = src.local("c"), src.local()
        src.emit(depth, f"{x} = []", "while True:")
        src.long(depth + 1, count)
        src.emit(depth + 1, f"if {count} <= 0:", f"    if {count} < 0:",
                 "        raise Unreadable('an array block with its size')",
                 "    break", f"for _ in range({count}):")  # fmt: skip
        _value(src, schema["items"], named, item, depth + 2)
        src.emit(depth + 2, f"{x}.append({item})")
        return
    if kind == "enum":
        symbols = src.const(tuple(schema["symbols"]))
        index = src.local("i")
        src.long(depth, index)
        src.emit(depth, f"if {index} < 0:", "    raise Unreadable('an enum index out of range')",
                 f"{x} = {symbols}[{index}]")  # fmt: skip
        return
    if isinstance(kind, (dict, list)):
        _value(src, kind, named, x, depth)
        return
    _primitive(src, (kind, schema.get("logicalType")), x, depth)


def _primitive(src: _Source, kind: tuple[str, str | None], x: str, depth: int) -> None:
    if kind == ("string", None):
        size, end = src.local("l"), src.local("e")
        src.long(depth, size)
        src.emit(depth, f"{end} = pos + {size}",
                 f"if {size} < 0 or {end} > len(data):",
                 "    raise Unreadable('a string past the end')",
                 f"{x} = data[pos:{end}].decode()", f"pos = {end}")  # fmt: skip
    elif kind == ("double", None):
        src.emit(depth, f"{x} = _DOUBLE(data, pos)[0]", "pos += 8")
    elif kind in {("int", None), ("long", None)}:
        src.long(depth, x)
        src.emit(depth, f"if not {_LONG_MIN} <= {x} <= {_LONG_MAX}:",
                 "    raise Unreadable('a long past 64 bits')")  # fmt: skip
    elif kind == ("int", "date"):
        days = src.local()
        src.long(depth, days)
        src.emit(depth, f"{x} = date.fromordinal({days} + _EPOCH_DAY)")
    elif kind == ("long", "timestamp-millis") and src.seconds:
        # ``int(datetime.timestamp())`` of the datetime read otherwise (both round ms/1000
        # once, then truncate); a time no datetime holds is left to fastavro as before
        ms = src.local()
        src.long(depth, ms)
        src.emit(depth, f"if not {_MS_MIN} <= {ms} <= {_MS_MAX}:",
                 "    raise Unreadable('a timestamp past the datetime range')",
                 f"{x} = int({ms} / 1000)")  # fmt: skip
    elif kind == ("long", "timestamp-millis"):
        ms = src.local()
        src.long(depth, ms)
        src.emit(depth, f"{x} = _EPOCH + timedelta(microseconds={ms} * 1000)")
    else:
        raise _Unsupported(str(kind))


def _compile(schema: dict[str, Any], named: dict[str, Any], src: _Source) -> Read:
    _value(src, schema, named, "record", 1)
    code = "def read(data, pos):\n" + "\n".join(src.lines) + "\n    return record, pos\n"
    scope: dict[str, Any] = {
        "Unreadable": Unreadable, "_DOUBLE": _DOUBLE, "_EPOCH": _EPOCH,
        "_EPOCH_DAY": _EPOCH_DAY, "date": date, "timedelta": timedelta, **src.consts,
    }  # fmt: skip
    name = f"<avro reader {schema.get('name', '?')}>"
    exec(compile(code, name, "exec"), scope)  # noqa: S102 -- code of our own schema
    read: Read = scope["read"]
    return read


def compile_schema(
    schema: Any, *, keep: frozenset[str] | None = None, seconds: bool = False
) -> Read | None:
    """A reader for ``schema`` (as fastavro parses it), or None if it uses a type this
    module does not cover. A projection, for a reader that needs a few fields of many
    records: ``keep`` names the top-level fields the record keeps (the others are read,
    and checked, all the same), and ``seconds`` reads timestamp-millis as the whole epoch
    seconds ``int(datetime.timestamp())`` gives (a datetime costs more to make than the
    rest of a small record)."""
    named: dict[str, Any] = {}
    parsed = fastavro.parse_schema(schema, named)
    if not isinstance(parsed, dict):
        return None
    try:
        return _compile(parsed, named, _Source(seconds=seconds, keep=keep))
    except (_Unsupported, RecursionError):
        return None


@cache
def compiled(record: str) -> Read | None:
    """The compiled reader of one of tahub's record schemas, once per process."""
    from schemas.catalog import record_schema

    return compile_schema(record_schema(record).parsed)


@cache
def projected(record: str, keep: frozenset[str]) -> Read | None:
    """A projection (``compile_schema``) of one of tahub's record schemas: the fields in
    ``keep``, timestamps in epoch seconds; once per process."""
    from schemas.catalog import record_schema

    return compile_schema(record_schema(record).parsed, keep=keep, seconds=True)
