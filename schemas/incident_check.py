"""Whether a decoded Incident passes its model, told without building the model (pure).

The sink validates every incident it reads (outsiders may write that topic), and building
the pydantic model cost ~12 µs of CPU a row, a quarter of the sink's work. A record the
sink decoded already has Avro's types (enums included), so what is left to check is what
Avro cannot say: country codes, ranges, at least one typology, a date at its precision.

This is a filter, never a verdict: a record it does not pass goes to the model, whose
errors name the fields. It may be stricter than the model, never looser;
tests/test_incident_check.py compares the two on valid, broken and random records.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from schemas.countries import is_country
from schemas.models import Incident, Place, VictimCount
from schemas.sharing import When
from schemas.taxonomy import AgeBand, Gender, MeansOfControl, Recruitment, Tlp, Typology

_FIELDS = frozenset(Incident.model_fields)
_PLACE = frozenset(Place.model_fields)
_VICTIM = frozenset(VictimCount.model_fields)
_TYPOLOGIES = frozenset(t.value for t in Typology)
_MEANS = frozenset(m.value for m in MeansOfControl)
_RECRUITMENT = frozenset(r.value for r in Recruitment)
_TLPS = frozenset(t.value for t in Tlp)
_AGES = frozenset(a.value for a in AgeBand)
_GENDERS = frozenset(g.value for g in Gender)
_INT32 = 2**31 - 1


def incident_passes(r: Mapping[str, Any]) -> bool:
    """True only if ``Incident.from_avro(r)`` would accept ``r``."""
    try:
        return (
            r.keys() == _FIELDS
            and type(r["incident_id"]) is str
            and type(r["org_id"]) is str
            and _opt_str(r["submission_id"])
            and _opt_str(r["sector"])
            and _opt_str(r["summary"])
            and type(r["version"]) is int
            and r["version"] >= 1
            and _aware(r["submitted_at"])
            and _occurrence(r["occurred_on"], r["occurred_precision"])
            and _codes(r["typologies"], _TYPOLOGIES)
            and len(r["typologies"]) > 0
            and _codes(r["means_of_control"], _MEANS)
            and _codes(r["recruitment"], _RECRUITMENT)
            and _places(r["recruitment_places"])
            and _places(r["transit_places"])
            and _places(r["exploitation_places"])
            and _victims(r["victims"])
            and type(r["victim_citizenships"]) is list
            and all(type(c) is str and is_country(c) for c in r["victim_citizenships"])
            and r["tlp"] in _TLPS
            and type(r["confidence"]) is float
            and 0.0 <= r["confidence"] <= 1.0
        )
    except (TypeError, AttributeError):  # a shape Avro would not give: the model says why
        return False


def _opt_str(value: Any) -> bool:
    return value is None or type(value) is str


def _aware(value: Any) -> bool:
    return type(value) is datetime and value.utcoffset() is not None


def _occurrence(on: Any, precision: Any) -> bool:
    if on is not None and type(on) is not date:
        return False
    try:
        When(on, precision)  # the model's own rule
    except ValueError:
        return False
    return True


def _codes(values: Any, allowed: frozenset[str]) -> bool:
    return type(values) is list and allowed.issuperset(values)


def _places(places: Any) -> bool:
    return type(places) is list and all(_place(p) for p in places)


def _place(p: Any) -> bool:
    if type(p) is not dict or p.keys() != _PLACE:
        return False
    lat, lon = p["lat"], p["lon"]
    if lat is None or lon is None:
        point = lat is None and lon is None
    else:
        point = (
            type(lat) is float
            and type(lon) is float
            and -90.0 <= lat <= 90.0
            and -180.0 <= lon <= 180.0
        )
    return point and type(p["country"]) is str and is_country(p["country"]) and _opt_str(p["name"])


def _victims(victims: Any) -> bool:
    return type(victims) is list and all(
        type(v) is dict
        and v.keys() == _VICTIM
        and v["age_band"] in _AGES
        and v["gender"] in _GENDERS
        and type(v["count"]) is int
        and 0 <= v["count"] <= _INT32
        for v in victims
    )
