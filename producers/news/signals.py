"""A relevant story → Signals the detector counts (pure).

One signal per typology and place: the route's origin, transit and destination countries
with their roles, or, when the text states no route, each country it names. Event time
(report time) is the publication time; the source is the story (so forty outlets carrying
one wire story count once) and the "organisation" is the first outlet; weight grows with
confidence and, gently, with the number of outlets that carried the story; news is
TLP:CLEAR.

The occurrence is unknown: an article is published when it is written, not when what it
reports happened (a raid last night, a trial over events of 2019, a retrospective), and
the understanding reads no event dates from the text. Using the publication date would
put years-old cases into this week's trends by occurrence. So news counts by report time,
and by occurrence only in answers with no time limit (schemas.sharing).
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime

import h3

from producers.news.classify import Understanding
from schemas.models import Signal
from schemas.sharing import report_class
from schemas.taxonomy import DatePrecision, RouteRole, SourceKind, Tlp

COARSE_RES, FINE_RES = 3, 6  # the stream worker's cell resolutions
MAX_COUNTRIES = 5  # a story naming a dozen countries in passing is not about all of them


def weight(confidence: float, outlets: int) -> float:
    return round(confidence * min(2.0, 1.0 + math.log2(max(1, outlets)) / 4), 4)


def _id(story_id: str, typology: str, role: str, country: str) -> str:
    raw = f"news|{story_id}|{typology}|{role}|{country}".encode()
    return "sig-" + hashlib.blake2b(raw, digest_size=12).hexdigest()


def story_signals(
    u: Understanding,
    *,
    story_id: str,
    outlet: str,
    outlets: int,
    published: datetime,
) -> list[Signal]:
    places: list[tuple[RouteRole | None, str]] = [
        *((RouteRole.ORIGIN, c) for c in u.origin),
        *((RouteRole.TRANSIT, c) for c in u.transit),
        *((RouteRole.DESTINATION, c) for c in u.destination),
    ] or [(None, c) for c in u.countries[:MAX_COUNTRIES]]
    if not places:
        places = [(None, "")]
    coords = {p.country: (p.lat, p.lon) for p in reversed(u.places) if p.lat is not None}
    origin = u.origin[0] if u.origin else None
    destination = u.destination[0] if u.destination else None
    w = weight(u.confidence, outlets)
    fields = []
    for typology in u.typologies:
        for role, country in places:
            lat, lon = coords.get(country, (None, None))
            fine = h3.latlng_to_cell(lat, lon, FINE_RES) if lat is not None else None
            fields.append(
                {
                    "signal_id": _id(story_id, typology, role.value if role else "none", country),
                    "event_time": published,
                    "occurred_on": None,
                    "occurred_precision": DatePrecision.UNKNOWN,
                    "source_kind": SourceKind.NEWS,
                    "source_id": story_id,
                    "org_id": f"news:{outlet}",
                    "typology": typology,
                    "origin_country": origin,
                    "transit_countries": list(u.transit),
                    "destination_country": destination,
                    "location_country": country or None,
                    "role": role,
                    "lat": lat,
                    "lon": lon,
                    "cell_coarse": h3.cell_to_parent(fine, COARSE_RES) if fine else None,
                    "cell_fine": fine,
                    "weight": w,
                    "tlp": Tlp.CLEAR,
                }
            )
    whole = report_class(fields)  # one class per story
    return [Signal(**f, report_class=whole) for f in fields]
