"""The exports as named requests with string parameters, one entry point for `tahub
export` and the HTTP API (``/api/v1/export/…``).

Every export is an answer of the query API itself (``tahub.query_api.run``): detections
are the ``detections`` query (each detection as of its latest version the viewer may
see), aggregates the ``counts`` query by typology, origin and destination (release
classes, whole bins, k others). So an export can show nothing that query cannot, and
parameters are checked as the queries check them: an unknown one is an error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from consumers import queries
from consumers.queries import QueryError, Viewer
from consumers.warehouse import Warehouse
from schemas.sharing import DEFAULT_BIN
from tahub import query_api
from tahub.exports import ctdc, misp, stix

# at most this many detections in one export (the detections query's own ceiling)
LIMIT = 10_000
DETECTION_PARAMS = frozenset({"since", "state", "dimension_set", "min_severity"})
CTDC_PARAMS = frozenset({"since", "until", "clock", "bucket", "typology", "origin",
                         "destination", "location"})  # fmt: skip
DEFAULT_SINCE = {"detections": "90d", "ctdc": "52w"}


# "all time" for detections: DateTime starts at 1970 (on ClickHouse 18.16 an earlier
# bound wraps around and finds nothing)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class UnknownEvent(QueryError):
    """The same for an event that does not exist and one the viewer may not see."""


@dataclass(frozen=True)
class Export:
    media_type: str
    body: str
    count: int  # detections or rows in it


def _check(kind: str, params: Mapping[str, str], allowed: frozenset[str]) -> dict[str, str]:
    unknown = sorted(set(params) - allowed)
    if unknown:
        takes = ", ".join(sorted(allowed))
        raise QueryError(f"export {kind} does not take {', '.join(unknown)}; it takes {takes}")
    return dict(params)


def detections(  # noqa: PLR0917 - the query's own argument order
    wh: Warehouse, kind: str, params: Mapping[str, str], viewer: Viewer, k: int, now: datetime
) -> list[dict[str, Any]]:
    """What the ``detections`` query shows this viewer, up to ``LIMIT``."""
    p = _check(kind, params, DETECTION_PARAMS)
    p.setdefault("since", DEFAULT_SINCE["detections"])
    result = query_api.run(wh, "detections", {**p, "limit": str(LIMIT)}, viewer, k, now)
    return result.as_dicts()


def _json(value: Any) -> str:
    return json.dumps(value, indent=1, sort_keys=True)


def misp_manifest(wh: Warehouse, params: Mapping[str, str], viewer: Viewer, k: int,
                  now: datetime) -> Export:  # fmt: skip
    events = [misp.event(d) for d in detections(wh, "misp", params, viewer, k, now)]
    return Export("application/json", _json(misp.manifest(events)), len(events))


def misp_hashes(wh: Warehouse, params: Mapping[str, str], viewer: Viewer, k: int,
                now: datetime) -> Export:  # fmt: skip
    events = [misp.event(d) for d in detections(wh, "misp", params, viewer, k, now)]
    return Export("text/csv", misp.hashes_csv(events), len(events))


def misp_event(wh: Warehouse, event_uuid: str, viewer: Viewer, k: int) -> Export:
    """One event of the feed: the latest version of its detection the viewer may see,
    over all time (a feed's reader fetches what the manifest listed, with no parameters).
    An unknown uuid and one of a detection the viewer may not see answer alike."""
    det_id = misp.detection_of(event_uuid)
    if det_id is not None:  # the uuid names its detection: ask for that one
        try:
            history = queries.detection_history(wh, viewer, det_id, k=k).as_dicts()
        except QueryError:
            history = []
        candidates = history[-1:]  # versions in order: the latest visible one
    else:
        candidates = queries.detections(wh, viewer, since=EPOCH, limit=10**9, k=k).as_dicts()
    for det in candidates:
        if misp.event_uuid(det["detection_id"]) == event_uuid:
            return Export("application/json", _json(misp.event(det)), 1)
    raise UnknownEvent(f"no such event in the feed of {viewer.label}")


def stix_bundle(wh: Warehouse, params: Mapping[str, str], viewer: Viewer, k: int,
                now: datetime) -> Export:  # fmt: skip
    found = detections(wh, "stix", params, viewer, k, now)
    # stix2's own pretty printing orders every key by a search over the object's properties:
    # 31.8 s for 747 detections here, against 0.1 s for compact output indented by json
    body = json.dumps(json.loads(stix.bundle(found, made=now).serialize()), indent=1)
    return Export("application/stix+json;version=2.1", body, len(found))


def ctdc_csv(
    wh: Warehouse,
    params: Mapping[str, str],
    viewer: Viewer,
    k: int,
    now: datetime,
    *,
    bin_: str = DEFAULT_BIN,
) -> Export:
    p = _check("ctdc", params, CTDC_PARAMS)
    p.setdefault("since", DEFAULT_SINCE["ctdc"])
    p.setdefault("bucket", "all")
    p["by"] = "typology,origin,destination"
    result = query_api.run(wh, "counts", p, viewer, k, now, bin_=bin_)
    yearly = p["bucket"] == "year" and p.get("clock") == "reported"
    return Export("text/csv; charset=utf-8", ctdc.to_csv(result, yearly=yearly), len(result.rows))


def now_utc() -> datetime:
    return datetime.now(UTC)
