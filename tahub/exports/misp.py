"""Detections as a MISP feed: ``manifest.json``, one ``<uuid>.json`` event per detection
and ``hashes.csv`` (pure: detection rows in, JSON-ready dicts and text out).

The layout is MISP's own feed format, which a MISP instance pulls with a "MISP Feed" of
the URL ``…/api/v1/export/misp`` (a custom header carries the partner's API key): the
manifest maps each event's uuid to its summary (Orgc, Tag, info, date, analysis,
threat_level_id, timestamp), each event is ``{"Event": {...}}`` with its attributes, and
hashes.csv lists ``md5(attribute value),event uuid``. Written here rather than with
PyMISP: the format is a few plain dicts, and PyMISP would add a large dependency without
checking anything our tests do not.

An event is one detection as of its latest version the viewer may see; its uuid is
made from the detection id (itself a keyed hash, ``schemas.ids``), so it is stable across
exports and tells nothing a guesser could compute.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from schemas.taxonomy import Tlp

# tahub's namespace for derived uuids (uuid5); fixed, so a detection keeps its uuid
NAMESPACE = uuid.UUID("0f6a1c52-3d7e-5b0e-9a41-7a6875622e6f")
ORG = {"name": "tahub", "uuid": str(uuid.uuid5(NAMESPACE, "org:tahub"))}

# MISP's tlp taxonomy tags (TLP 2.0 names) and their usual colours
TLP_TAG = {
    Tlp.CLEAR: ("tlp:clear", "#ffffff"),
    Tlp.GREEN: ("tlp:green", "#33ff00"),
    Tlp.AMBER: ("tlp:amber", "#ffc000"),
    Tlp.AMBER_STRICT: ("tlp:amber+strict", "#ffc000"),
    Tlp.RED: ("tlp:red", "#ff2b2b"),
}
# MISP distribution for the receiving instance's own sharing: 0 your organisation only,
# 1 this community only, 3 all communities. AMBER and above stay in the pulling organisation
DISTRIBUTION = {Tlp.CLEAR: "3", Tlp.GREEN: "1", Tlp.AMBER: "0", Tlp.AMBER_STRICT: "0", Tlp.RED: "0"}
# MISP threat levels: 1 high, 2 medium, 3 low
THREAT_LEVEL = {"critical": "1", "high": "1", "medium": "2", "low": "3"}
# MISP analysis: 1 ongoing, 2 completed
ANALYSIS = {"opened": "1", "updated": "1", "resolved": "2"}


# tahub's detection ids are 'det-' and 80 bits (streams.detect.engine.detection_id). An
# event's uuid holds them, in the UUIDv4 layout under a fixed 42-bit mark, so fetching an
# event is a lookup by id, not a scan of all the viewer may see (0.2 s an event at 10,000
# detections, ~25 min for a first pull of 7,510). It tells no more than the id, which the
# same viewers see in the query API; any other id gets a name-based uuid and a scan.
_ID = re.compile(r"^det-([0-9a-f]{20})$")
_MARK = NAMESPACE.int >> 86


def event_uuid(detection_id: str) -> str:
    found = _ID.match(detection_id)
    if found is None:
        return str(uuid.uuid5(NAMESPACE, f"detection:{detection_id}"))
    bits = int(found.group(1), 16)
    low, mid, high = bits & (2**62 - 1), (bits >> 62) & 0xFFF, bits >> 74  # 62 + 12 + 6
    return str(uuid.UUID(int=(_MARK << 86) | (high << 80) | (mid << 64) | low, version=4))


def detection_of(event: str) -> str | None:
    """The detection id an event uuid holds, or None (a name-based uuid: scan for it)."""
    try:
        value = uuid.UUID(event).int
    except ValueError:
        return None
    if value >> 86 != _MARK:
        return None
    high, mid, low = (value >> 80) & 0x3F, (value >> 64) & 0xFFF, value & (2**62 - 1)
    found = f"det-{(high << 74) | (mid << 62) | low:020x}"
    return found if event_uuid(found) == event else None


def _epoch(iso: str) -> str:
    return str(int(datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC).timestamp()))


def _tags(det: Mapping[str, Any]) -> list[dict[str, str]]:
    name, colour = TLP_TAG[Tlp(det["tlp"])]
    return [
        {"name": name, "colour": colour},
        {"name": f'tahub:dimension-set="{det["dimension_set"]}"', "colour": "#0088cc"},
        {"name": f'tahub:severity="{det["severity"]}"', "colour": "#0088cc"},
    ]


def info(det: Mapping[str, Any]) -> str:
    return (
        f"tahub detection: {det['dimension_set']} {det['dimension_key']} "
        f"({det['severity']}, {det['state']})"
    )


def _attribute(event: str, name: str, kind: str, value: Any, stamp: str) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid5(uuid.UUID(event), name)),
        "type": kind,
        "category": "Other",
        "value": str(value),
        "comment": name,
        "to_ids": False,
        "distribution": "5",  # inherit the event's
        "timestamp": stamp,
        "disable_correlation": kind != "text",
    }


def event(det: Mapping[str, Any]) -> dict[str, Any]:
    """One detection (a row of ``consumers.queries.detections`` as a dict) as an event."""
    uid = event_uuid(det["detection_id"])
    stamp = _epoch(det["updated_at"])
    values: list[tuple[str, str, Any]] = [
        ("dimension_set", "text", det["dimension_set"]),
        ("dimension_key", "text", det["dimension_key"]),
        ("state", "text", det["state"]),
        ("severity", "text", det["severity"]),
        ("method", "text", det["method"]),
        ("window_start", "datetime", det["window_start"]),
        ("window_end", "datetime", det["window_end"]),
        ("observed_reports", "float", det["observed"]),
        ("expected_reports", "float", det["expected"]),
        ("score", "float", det["score"]),
        ("distinct_sources", "counter", det["distinct_sources"]),
    ]
    if det.get("p_value") is not None:
        values.append(("p_value", "float", det["p_value"]))
    return {
        "Event": {
            "uuid": uid,
            "info": info(det),
            "date": det["window_start"][:10],
            "timestamp": stamp,
            "publish_timestamp": stamp,
            "published": True,
            "analysis": ANALYSIS[det["state"]],
            "threat_level_id": THREAT_LEVEL[det["severity"]],
            "distribution": DISTRIBUTION[Tlp(det["tlp"])],
            "Orgc": dict(ORG),
            "Tag": _tags(det),
            "Attribute": [_attribute(uid, *v, stamp) for v in values],
        }
    }


def manifest(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    out = {}
    for wrapped in events:
        ev = wrapped["Event"]
        out[ev["uuid"]] = {
            key: ev[key]
            for key in ("Orgc", "Tag", "info", "date", "analysis", "threat_level_id", "timestamp")
        }
    return out


def hashes_csv(events: Iterable[Mapping[str, Any]]) -> str:
    lines = []
    for wrapped in events:
        ev = wrapped["Event"]
        for attr in ev["Attribute"]:
            digest = hashlib.md5(attr["value"].encode(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest},{ev['uuid']}\n")
    return "".join(lines)
