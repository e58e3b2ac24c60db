"""Is a coordinate plausibly inside the country it is said to be in? (offline)

The rule and the outlines are schemas.borders', the ones alert matching uses, with some
slack here: a point within ``SLACK_KM`` of the country passes (a place rounded onto a
border river, a port on a coarse coastline), and a point at sea passes for the countries
whose coasts are within 200 nautical miles. What fails is a point on another country's
land, most often a wrong country code, or swapped latitude and longitude (flagged too
when the point fits only by the slack or at sea but its swap lies in the country). Countries the
data has no outline for (e.g. GF, RE) are not checkable and pass.
"""

from __future__ import annotations

from schemas.borders import holds, within_outline

SLACK_KM = 10.0


def inside(country: str, lat: float, lon: float) -> bool | None:
    """True or False, or None when the country cannot be checked."""
    return holds(country, lat, lon, slack_km=SLACK_KM)


def mismatch(country: str, lat: float, lon: float) -> str | None:
    """Why the point does not fit the country, or None if it fits or cannot be checked."""
    fits = inside(country, lat, lon)
    if fits is None or within_outline(country, lat, lon):
        return None
    # a point that fits only by the slack or at sea, but lands on the country swapped (Lagos
    # swapped is off the Niger delta), was most likely swapped
    if -90 <= lon <= 90 and within_outline(country, lon, lat):
        return f"the point lies outside {country}; latitude and longitude look swapped"
    if fits:
        return None
    return f"the point lies outside {country}; check the coordinates and the country code"
