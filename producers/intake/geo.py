"""Is a coordinate plausibly inside the country it is said to be in? (offline, bounding boxes)

Natural Earth 1:50m subunit boxes (via country-bounding-boxes) widened by a margin, so
points near borders and coasts pass; what fails is a point clearly in another part of the
world, most often swapped latitude and longitude or a wrong country code. Countries the
data set lacks (e.g. XK) are not checkable and pass.
"""

from __future__ import annotations

from schemas.countries import country_boxes

MARGIN_DEG = 0.5  # ~55 km: the 1:50m outlines are coarse and places sit on borders


def inside(country: str, lat: float, lon: float) -> bool | None:
    """True or False, or None when the country cannot be checked."""
    found = country_boxes(country)
    if not found:
        return None
    return any(
        lon1 - MARGIN_DEG <= lon <= lon2 + MARGIN_DEG
        and lat1 - MARGIN_DEG <= lat <= lat2 + MARGIN_DEG
        for lon1, lat1, lon2, lat2 in found
    )


def mismatch(country: str, lat: float, lon: float) -> str | None:
    """Why the point does not fit the country, or None if it fits or cannot be checked."""
    if inside(country, lat, lon) is not False:
        return None
    if -90 <= lon <= 90 and inside(country, lon, lat):
        return f"the point lies outside {country}; latitude and longitude look swapped"
    return f"the point lies outside {country}; check the coordinates and the country code"
