"""The internal ``detect.keys`` topic: its name, and the contract of what travels on it.

Detection's repartition stage (``streams.detect.repartition``) writes it; the count stage
(``streams.detect.count_stage``) reads it. Nobody outside a tahub worker does either, so
its values are compact JSON rather than Avro, but they are a contract all the same:
workers of two releases read each other's messages during a rolling upgrade.

Version 2, one JSON object per message, of one of two kinds:

- entries: ``{"v": 2, "keys": {"<set>|<key>": {"s": set, "k": key, "d": {dimension:
  value}, "t": [event_time, ...], "r": [source_id, ...], "o": [org_id, ...], "l": [tlp,
  ...]}}}`` — a batch's reports for the keys living in this partition, one column per
  field (each ``<set>|<key>`` is partitioned as Kafka's default partitioner hashes it, so
  each key's state lives in one partition);
- mark: ``{"v": 2, "w": {"<signals partition>": [newest_event_time, idle]}, "at":
  wall_seconds}`` — a reader's watermark report, sent to every partition behind the
  entries it sent there.

Version 3 adds history (reports of long ago, which warm baselines and are never
counted as news): ``{"v": 3, "keys": {...}, "hist": {"<set>|<key>": {"s", "k", "d", "t":
[reported_time, ...], "a": [occurrence_start, ...], "u": [occurrence_end, ...], "r":
[source_id, ...]}}}``, the occurrence as the span it is known to lie in, ``[a, u)`` in
epoch seconds. Only messages carrying history are written as version 3, so a release
that reads version 2 keeps counting news and stops, with the error below, at history.

Version 4 says where each report came from, so the count stage can tell a report re-sent
by a new reader of its signals partition (a repeat) from late data: news bodies add
``"p": [signals partition, ...], "x": [signals offset, ...]``, and marks add ``"to":
{"<signals partition>": offset}``, the reader's read position, below which every report
it read has been sent ahead of the mark. Written whenever the writer knows them; a
release that reads up to version 3 stops at them with the error below.

Version 5 counts each audience apart (``schemas.sharing.tier_name``): a body, news or
history, whose reports are not TLP:CLEAR carries ``"au": "<tier>"`` ('GREEN',
'RED:org-a'), and its ``<set>|<key>`` ends ``#<tier>``, so each tier's state is a key of
its own, hashed to a partition by ``<set>|<key>`` alone (``routing``). A body holding
reports re-labelled stricter (``streams.detect.relabel``) carries ``"rl": 1`` and comes
after the bodies of its batch it may restrict. Written whenever a message carries such a
body; a release that reads up to version 4 stops at it with the error below (it would
mix the tiers' detections).

Version 1 (still read) carried a key's reports as rows, ``"e": [[event_time, source_id,
org_id, tlp], ...]``; a message without ``"v"`` predates the field and is version 1.
Columns decode in half the time rows took (one list per field, not one per report), and
decoding was a quarter of the count stage's work. A newer version than this release
writes is refused with a clear error rather than guessed at: the count stage stops
instead of miscounting, and an operator finishes the upgrade (count stages first, then
repartition stages, or all at once).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import orjson

from schemas.topics import DETECT_KEYS

VERSION = 2  # entries of news
HISTORY_VERSION = 3  # entries of history (see above)
SOURCES_VERSION = 4  # news entries and marks that say where reports came from
TIERS_VERSION = 5  # bodies of one audience tier other than TLP:CLEAR
READABLE = (1, 2, 3, 4, 5)
MAX_MESSAGE = 512 * 1024  # bytes of one entries message; Kafka's default limit is ~1 MB

# one report of one key: event time (epoch seconds), source id, organisation, TLP level
Entry = tuple[int, str, str, str]


def physical(prefix: str) -> str:
    return DETECT_KEYS.physical(prefix)


def tier_suffix(tier: str) -> str:
    """What ends a key's ``<set>|<key>`` in an audience tier: '' for TLP:CLEAR (names as
    before tiers), else ``#<tier>`` (``routing`` takes it off again)."""
    return f"#{tier}" if tier else ""


def routing(full: bytes) -> bytes:
    """What a key's partition is hashed from: its ``<set>|<key>`` without the tier, so
    every audience tier of one key lives in one partition (a report re-labelled stricter
    must reach the wider tiers it was counted in: ``Engine.restrict``)."""
    return full.partition(b"#")[0]


class KeysContractError(ValueError):
    """A ``detect.keys`` message this release cannot read."""


class KeyEntries(NamedTuple):
    """One key's reports in a message (a named tuple: ~130,000 of these are built per
    second of counting, and a frozen dataclass costs several times more to create)."""

    dimset: str
    key: str
    dimensions: dict[str, str]
    times: list[int]  # event times, epoch seconds
    sources: list[str]
    orgs: list[str]
    levels: list[str]  # TLP levels
    # where each report was read (version 4): signals partition and offset; else empty
    parts: Sequence[int] = ()
    offsets: Sequence[int] = ()
    tier: str = ""  # the audience tier (version 5; '' is TLP:CLEAR)
    relabelled: bool = False  # holds reports re-labelled stricter (version 5, "rl")

    @property
    def entries(self) -> Iterator[tuple[int, str, str, str]]:
        """The reports as ``(event_time, source_id, org_id, tlp)``."""
        return zip(self.times, self.sources, self.orgs, self.levels, strict=True)


def columns(entries: Iterable[Sequence[Any]]) -> dict[str, list[Any]]:
    """Reports as the four columns of a version 2 body."""
    rows = list(entries)
    return {
        "t": [int(e[0]) for e in rows],
        "r": [e[1] for e in rows],
        "o": [e[2] for e in rows],
        "l": [e[-1] for e in rows],
    }


class HistoryEntries(NamedTuple):
    """One key's reports of long ago in a message: when each was reported, and the span
    its occurrence is known to lie in."""

    dimset: str
    key: str
    dimensions: dict[str, str]
    times: list[int]  # report times, epoch seconds
    starts: list[int]  # occurrence spans, [start, end) in epoch seconds
    ends: list[int]
    sources: list[str]
    tier: str = ""  # the audience tier (version 5; '' is TLP:CLEAR)


@dataclass(frozen=True)
class Entries:
    keys: dict[str, KeyEntries]  # by "<set>|<key>"
    history: dict[str, HistoryEntries] = field(default_factory=dict)


@dataclass(frozen=True)
class Mark:
    report: dict[int, tuple[int, bool]]  # signals partition -> (newest event time, idle)
    at: float  # the reader's wall clock when it sent the mark
    # signals partition -> the reader's position: what it read below was sent ahead
    read_to: dict[int, int] = field(default_factory=dict)


def pack(bodies: Mapping[str, Mapping[str, Any]], limit: int = MAX_MESSAGE) -> list[bytes]:
    """Entries messages of at most ``limit`` bytes (one key's body may exceed it alone; it
    then travels alone). ``bodies`` maps ``<set>|<key>`` to ``{"s", "k", "d", "t", "r",
    "o", "l"}``, with ``"p", "x"`` where the reports were read (version 4)."""
    sourced = any("x" in body for body in bodies.values())
    version = SOURCES_VERSION if sourced else VERSION
    if any("au" in body for body in bodies.values()):
        version = TIERS_VERSION
    return _pack(bodies, limit, b'{"v":%d,"keys":{' % version, b"}}")


def pack_history(bodies: Mapping[str, Mapping[str, Any]], limit: int = MAX_MESSAGE) -> list[bytes]:
    """History messages (version 3) of at most ``limit`` bytes; ``bodies`` maps
    ``<set>|<key>`` to ``{"s", "k", "d", "t", "a", "u", "r"}`` (and ``"au"``, version 5)."""
    tiered = any("au" in body for body in bodies.values())
    version = TIERS_VERSION if tiered else HISTORY_VERSION
    return _pack(bodies, limit, b'{"v":%d,"keys":{},"hist":{' % version, b"}}")


def _pack(
    bodies: Mapping[str, Mapping[str, Any]], limit: int, head: bytes, tail: bytes
) -> list[bytes]:
    out: list[bytes] = []
    parts: list[bytes] = []
    size = 0
    for full, body in bodies.items():
        item = orjson.dumps(full) + b":" + orjson.dumps(body)
        if parts and size + len(item) > limit:
            out.append(head + b",".join(parts) + tail)
            parts, size = [], 0
        parts.append(item)
        size += len(item) + 1
    if parts:
        out.append(head + b",".join(parts) + tail)
    return out


def mark(
    report: Mapping[int, tuple[int, bool]], at: float, read_to: Mapping[int, int] | None = None
) -> bytes:
    body: dict[str, Any] = {
        "v": VERSION, "w": {str(p): [t, idle] for p, (t, idle) in report.items()}, "at": at,
    }  # fmt: skip
    if read_to:
        body["v"] = SOURCES_VERSION
        body["to"] = {str(p): int(o) for p, o in read_to.items()}
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
    if version not in READABLE:
        raise KeysContractError(
            f"version {version!r}; this release reads versions {READABLE[0]}–{READABLE[-1]} "
            "(finish the upgrade of every worker)"
        )
    try:
        if "w" in body:
            report = {int(p): (int(t), bool(i)) for p, (t, i) in body["w"].items()}
            read_to = {int(p): int(o) for p, o in body.get("to", {}).items()}
            return Mark(report, float(body.get("at", 0.0)), read_to)
        keys = {str(full): _key_entries(b) for full, b in body["keys"].items()}
        history = {str(full): _history(b) for full, b in body.get("hist", {}).items()}
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise KeysContractError(
            f"malformed {'mark' if 'w' in body else 'entries'}: {err!r}"
        ) from None
    return Entries(keys, history)


def _key_entries(b: dict[str, Any]) -> KeyEntries:
    cols = columns(b["e"]) if "e" in b else b
    times, sources, orgs, levels = cols["t"], cols["r"], cols["o"], cols["l"]
    n = len(times)
    if not n or len(sources) != n or len(orgs) != n or len(levels) != n:
        raise ValueError("columns of unequal length, or no reports")
    if "x" in b:
        parts, offsets = b["p"], b["x"]
        if len(parts) != n or len(offsets) != n:
            raise ValueError("source columns of unequal length")
        return KeyEntries(b["s"], b["k"], b["d"], times, sources, orgs, levels, parts, offsets,
                          _tier(b), bool(b.get("rl")))  # fmt: skip
    return KeyEntries(b["s"], b["k"], b["d"], times, sources, orgs, levels, tier=_tier(b),
                      relabelled=bool(b.get("rl")))  # fmt: skip


def _tier(b: dict[str, Any]) -> str:
    tier = b.get("au", "")
    if not isinstance(tier, str):
        raise ValueError("an audience tier that is not a string")
    return tier


def _history(b: dict[str, Any]) -> HistoryEntries:
    times, starts, ends, sources = b["t"], b["a"], b["u"], b["r"]
    n = len(times)
    if not n or len(starts) != n or len(ends) != n or len(sources) != n:
        raise ValueError("history columns of unequal length, or no reports")
    if any(int(u) <= int(a) for a, u in zip(starts, ends, strict=True)):
        raise ValueError("an occurrence span ends before it starts")
    return HistoryEntries(b["s"], b["k"], b["d"], times, starts, ends, sources, _tier(b))
