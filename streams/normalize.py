"""Incident → Signals (pure): one signal per typology and place the incident names.

A signal carries the incident's route (first recruitment place → first exploitation
place, transit countries in between), its own place as location with its role on the
route, H3 cells when the place has coordinates, the incident's confidence as weight,
and the incident's organisation and sharing level. A signal carries both clocks: event
time is when the report was submitted (that is when evidence reaches us, and what live
detection windows count), and the occurrence is the incident's date at its stated precision
(often only a month or a year, sometimes unknown), which analytics count by default
(schemas.sharing). Signal ids do not include the incident version, so a corrected incident
replaces its signals in the warehouse instead of adding to them. Every signal of an
incident carries the incident's release class attributes (schemas.sharing.report_class).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from schemas.models import Incident, Place, Signal
from schemas.sharing import report_class
from schemas.taxonomy import RouteRole, SourceKind
from streams.cells import cells


def signal_id(incident_id: str, typology: str, role: str, index: int) -> str:
    digest = hashlib.blake2b(
        f"{incident_id}|{typology}|{role}|{index}".encode(), digest_size=12
    ).hexdigest()
    return f"sig-{digest}"


def _places(incident: Incident) -> list[tuple[RouteRole | None, int, Place | None]]:
    out: list[tuple[RouteRole | None, int, Place | None]] = []
    for role, places in (
        (RouteRole.ORIGIN, incident.recruitment_places),
        (RouteRole.TRANSIT, incident.transit_places),
        (RouteRole.DESTINATION, incident.exploitation_places),
    ):
        out.extend((role, i, p) for i, p in enumerate(places))
    return out or [(None, 0, None)]


def incident_signals(incident: Incident) -> list[Signal]:
    origin = incident.recruitment_places[0].country if incident.recruitment_places else None
    dest = incident.exploitation_places[0].country if incident.exploitation_places else None
    transit = list(dict.fromkeys(p.country for p in incident.transit_places))
    event_time: datetime = incident.submitted_at
    fields = []
    for typology in dict.fromkeys(incident.typologies):
        for role, index, place in _places(incident):
            lat, lon = (place.lat, place.lon) if place else (None, None)
            coarse, fine = cells(lat, lon)
            role_name = role.value if role else "none"
            fields.append(
                {
                    "signal_id": signal_id(incident.incident_id, typology, role_name, index),
                    "event_time": event_time,
                    "occurred_on": incident.occurred_on,
                    "occurred_precision": incident.occurred_precision,
                    "source_kind": SourceKind.PARTNER,
                    "source_id": incident.incident_id,
                    "org_id": incident.org_id,
                    "typology": typology,
                    "origin_country": origin,
                    "transit_countries": transit,
                    "destination_country": dest,
                    "location_country": place.country if place else None,
                    "role": role,
                    "lat": lat,
                    "lon": lon,
                    "cell_coarse": coarse,
                    "cell_fine": fine,
                    "weight": incident.confidence,
                    "tlp": incident.tlp,
                }
            )
    whole = report_class(fields)
    return [Signal(**f, report_class=whole) for f in fields]
