"""Partner free text in an Incident record, sealed under the submitting organisation's data
key before it leaves the intake, and opened for its owner (pure: keys passed in).

The summary, place names and the partner's own submission id are the free text of a
submission (an id a partner chose may name its case file or the person in it, and ties the
coded fields back to that file: an erasure must take it too). Everything else is coded
(countries, typologies, bands), which counts and detections need in the clear.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemas.envelope import DataKey, SealError, is_sealed

PLACE_LISTS = ("recruitment_places", "transit_places", "exploitation_places")
UNREADABLE = "[text erased: the organisation's data key is gone]"


def seal_incident(record: dict[str, Any], key: DataKey) -> dict[str, Any]:
    """The record with its submission id, summary and place names sealed (in place, and
    returned)."""
    if record.get("submission_id"):
        record["submission_id"] = key.seal("submission_id", record["submission_id"])
    if record.get("summary"):
        record["summary"] = key.seal("summary", record["summary"])
    for name in PLACE_LISTS:
        for place in record.get(name) or ():
            if place.get("name"):
                place["name"] = key.seal("place", place["name"])
    return record


Opener = Callable[[str, str, str], str]  # (org id, field, sealed) -> plaintext


def open_text(org_id: str, field: str, value: Any, open_: Opener) -> Any:
    """One value opened if it is sealed; text whose key was erased says so."""
    if not isinstance(value, str) or not is_sealed(value):
        return value
    try:
        return open_(org_id, field, value)
    except SealError:
        return UNREADABLE


def open_incident(record: dict[str, Any], open_: Opener) -> dict[str, Any]:
    """A copy with its sealed text opened: the submission id, the summary, and the names of
    its places (listed by role, or as the warehouse's one ``places`` list)."""
    org = str(record["org_id"])
    out = dict(record)
    if "submission_id" in record:
        out["submission_id"] = open_text(org, "submission_id", record["submission_id"], open_)
    out["summary"] = open_text(org, "summary", record.get("summary"), open_)
    for name in (*PLACE_LISTS, "places"):
        if name in record:
            out[name] = [
                {**p, "name": open_text(org, "place", p.get("name"), open_)}
                for p in record.get(name) or ()
            ]
    return out
