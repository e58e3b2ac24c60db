"""The internal ``detect.keys`` topic: its name, and the contract of what travels on it.

Detection's repartition stage (``streams.detect.repartition``) writes it; the count stage
(``streams.detect.count_stage``) reads it. Nobody outside a tahub worker does either, so
its values are compact JSON rather than Avro, but they are a contract all the same:
workers of two releases read each other's messages during a rolling upgrade.

Version 1, one JSON object per message, of one of two kinds:

- entries: ``{"v": 1, "keys": {"<set>|<key>": {"s": set, "k": key, "d": {dimension:
  value}, "e": [[event_time, source_id, org_id, tlp], ...]}}}`` — a batch's reports for
  the keys living in this partition (each ``<set>|<key>`` is partitioned as Kafka's
  default partitioner hashes it, so each key's state lives in one partition);
- mark: ``{"v": 1, "w": {"<signals partition>": [newest_event_time, idle]}, "at":
  wall_seconds}`` — a reader's watermark report, sent to every partition behind the
  entries it sent there.

A message without ``"v"`` was written before the field existed and is version 1. A newer
version is refused with a clear error rather than guessed at: the count stage stops
instead of miscounting, and an operator finishes the upgrade.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from schemas.topics import DETECT_KEYS

VERSION = 1
MAX_MESSAGE = 512 * 1024  # bytes of one entries message; Kafka's default limit is ~1 MB

# one report of one key: event time (epoch seconds), source id, organisation, TLP level
Entry = tuple[int, str, str, str]


def physical(prefix: str) -> str:
    return DETECT_KEYS.physical(prefix)


class KeysContractError(ValueError):
    """A ``detect.keys`` message this release cannot read."""


@dataclass(frozen=True)
class KeyEntries:
    dimset: str
    key: str
    dimensions: dict[str, str]
    entries: list[list[Any]]  # [event_time, source_id, org_id, tlp]


@dataclass(frozen=True)
class Entries:
    keys: dict[str, KeyEntries]  # by "<set>|<key>"


@dataclass(frozen=True)
class Mark:
    report: dict[int, tuple[int, bool]]  # signals partition -> (newest event time, idle)
    at: float  # the reader's wall clock when it sent the mark


def pack(bodies: Mapping[str, Mapping[str, Any]], limit: int = MAX_MESSAGE) -> list[bytes]:
    """Entries messages of at most ``limit`` bytes (one key's body may exceed it alone; it
    then travels alone). ``bodies`` maps ``<set>|<key>`` to ``{"s", "k", "d", "e"}``."""
    out: list[bytes] = []
    parts: list[bytes] = []
    size = 0
    head = b'{"v":%d,"keys":{' % VERSION
    for full, body in bodies.items():
        item = orjson.dumps(full) + b":" + orjson.dumps(body)
        if parts and size + len(item) > limit:
            out.append(head + b",".join(parts) + b"}}")
            parts, size = [], 0
        parts.append(item)
        size += len(item) + 1
    if parts:
        out.append(head + b",".join(parts) + b"}}")
    return out


def mark(report: Mapping[int, tuple[int, bool]], at: float) -> bytes:
    body = {"v": VERSION, "w": {str(p): [t, idle] for p, (t, idle) in report.items()}, "at": at}
    return orjson.dumps(body)


def decode(value: bytes | None) -> Entries | Mark:
    """One message, checked against the contract."""
    try:
        body = orjson.loads(value or b"")
    except orjson.JSONDecodeError as err:
        raise KeysContractError(f"not JSON ({err})") from None
    if not isinstance(body, dict):
        raise KeysContractError("not a JSON object")
    version = body.get("v", 1)
    if version != VERSION:
        raise KeysContractError(
            f"version {version!r}; this release reads version {VERSION} (finish the upgrade "
            "of every worker)"
        )
    try:
        if "w" in body:
            report = {int(p): (int(t), bool(i)) for p, (t, i) in body["w"].items()}
            return Mark(report, float(body.get("at", 0.0)))
        keys = {
            str(full): KeyEntries(str(b["s"]), str(b["k"]), dict(b["d"]), list(b["e"]))
            for full, b in body["keys"].items()
        }
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise KeysContractError(
            f"malformed {'mark' if 'w' in body else 'entries'}: {err!r}"
        ) from None
    return Entries(keys)
