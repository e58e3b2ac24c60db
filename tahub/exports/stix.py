"""Detections as a STIX 2.1 bundle, built with the OASIS ``stix2`` library (it checks
every object as it is made; tests run the official ``stix2-validator`` over the result).

The bundle holds tahub's identity, the TLP 2.0 marking-definitions in use (the OASIS
TLP 2.0 extension's fixed ids, so a consumer's TLP handling recognises them), a
property-extension definition for a detection's numbers, one ``location`` per country
named, and one ``report`` per detection: marked with the TLP of the detection's version
(the least shareable level among the reports it counts), referring to the locations of
its route or place, versioned by STIX's own rule (same id, ``modified`` = the version's
update time). A ``grouping`` ties the export together.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import pycountry
import stix2

from schemas.taxonomy import Tlp
from tahub.exports.dims import COUNTRY_DIMENSIONS, dimensions_of
from tahub.exports.misp import NAMESPACE

TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
# the OASIS TLP 2.0 marking-definitions (cti-stix-common-objects, tlp-2.0)
TLP2_IDS = {
    Tlp.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    Tlp.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    Tlp.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    Tlp.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    Tlp.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
_SINCE = datetime(2026, 1, 1, tzinfo=UTC)  # when tahub's fixed objects were first made


def stable_id(kind: str, name: str) -> str:
    """A STIX id that stays the same for the same thing (a detection's report keeps its id
    across exports, so consumers version it rather than duplicate it), in the UUIDv4 form
    STIX 2.1 asks of domain objects: a name-based uuid with the version bits of a v4."""
    derived = uuid.uuid5(NAMESPACE, f"{kind}:{name}")
    return f"{kind}--{uuid.UUID(bytes=derived.bytes, version=4)}"


IDENTITY = stix2.Identity(
    id=stable_id("identity", "tahub"),
    name="tahub",
    identity_class="system",
    description="tahub, a counter-trafficking alert platform: spikes in partner reports",
    created=_SINCE,
    modified=_SINCE,
)
EXTENSION = stix2.ExtensionDefinition(
    id=stable_id("extension-definition", "detection"),
    created_by_ref=IDENTITY.id,
    created=_SINCE,
    modified=_SINCE,
    name="tahub detection",
    description="A tahub detection's numbers, on the report that describes it",
    schema=(
        "Properties: detection_id, version, state (opened|updated|resolved), severity "
        "(low|medium|high|critical), dimension_set, dimension_key, dimensions (name -> "
        "value), window_start, window_end (RFC 3339, UTC), observed and expected "
        "(distinct reports), score, p_value (or absent), method, distinct_sources."
    ),
    version="1.0.0",
    extension_types=["property-extension"],
)


def marking(level: Tlp) -> stix2.MarkingDefinition:
    return stix2.MarkingDefinition(
        id=TLP2_IDS[level],
        created="2022-10-01T00:00:00.000Z",
        name=level.label,
        extensions={
            TLP2_EXTENSION: {
                "extension_type": "property-extension",
                "tlp_2_0": level.label.removeprefix("TLP:").lower(),
            }
        },
    )


def _when(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def _location(code: str) -> stix2.Location:
    country = pycountry.countries.get(alpha_2=code)
    return stix2.Location(
        id=stable_id("location", code),
        created_by_ref=IDENTITY.id,
        created=_SINCE,
        modified=_SINCE,
        name=country.name if country is not None else code,
        country=code,
    )


def _report(det: Mapping[str, Any], places: list[str]) -> stix2.Report:
    dims = dimensions_of(det["dimension_set"], det["dimension_key"])
    numbers = {
        k: det[k]
        for k in ("detection_id", "version", "state", "severity", "dimension_set",
                  "dimension_key", "window_start", "window_end", "observed", "expected",
                  "score", "method", "distinct_sources")
        if det.get(k) is not None
    }  # fmt: skip
    if det.get("p_value") is not None:
        numbers["p_value"] = det["p_value"]
    what = ", ".join(f"{k} {v}" for k, v in dims.items()) or det["dimension_key"]
    return stix2.Report(
        id=stable_id("report", det["detection_id"]),
        created_by_ref=IDENTITY.id,
        created=_when(det["opened_at"]),
        modified=_when(det["updated_at"]),
        published=_when(det["updated_at"]),
        name=f"Spike in reports: {what} ({det['severity']}, {det['state']})",
        description=(
            f"{det['observed']:g} distinct reports against {det['expected']:.3g} expected "
            f"in the window from {det['window_start']} to {det['window_end']} "
            f"({det['method']}, set {det['dimension_set']})."
        ),
        report_types=["threat-report"],
        labels=[f"tahub-{det['dimension_set']}", f"tahub-severity-{det['severity']}"],
        object_refs=[
            *(stable_id("location", c) for c in places),
            IDENTITY.id,
        ],
        object_marking_refs=[TLP2_IDS[Tlp(det["tlp"])]],
        extensions={
            EXTENSION.id: {"extension_type": "property-extension", "dimensions": dims, **numbers}
        },
    )


def bundle(detections: Iterable[Mapping[str, Any]], *, made: datetime) -> stix2.Bundle:
    """The bundle of every detection given (already filtered for its viewer)."""
    reports: list[stix2.Report] = []
    levels: set[Tlp] = set()
    countries: dict[str, stix2.Location] = {}
    for det in detections:
        dims = dimensions_of(det["dimension_set"], det["dimension_key"])
        places = sorted({dims[d] for d in COUNTRY_DIMENSIONS if len(dims.get(d, "")) == 2})
        for code in places:
            countries.setdefault(code, _location(code))
        levels.add(Tlp(det["tlp"]))
        reports.append(_report(det, places))
    markings = [marking(t) for t in sorted(levels, key=lambda t: t.rank)]
    objects: list[Any] = [IDENTITY, *markings, EXTENSION, *countries.values(), *reports]
    if reports:
        # the export as a whole: marked with its least shareable member's level
        top = max(levels, key=lambda t: t.rank)
        objects.append(
            stix2.Grouping(
                id=f"grouping--{uuid.uuid4()}",
                created_by_ref=IDENTITY.id,
                created=made,
                modified=made,
                name=f"tahub detections exported {made:%Y-%m-%dT%H:%M:%SZ}",
                context="suspicious-activity",
                object_refs=[r.id for r in reports],
                object_marking_refs=[TLP2_IDS[top]],
            )
        )
    return stix2.Bundle(objects=objects)
