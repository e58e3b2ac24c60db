"""Spatial cells: H3 hexagons at a country-sized and a city-sized resolution.

H3 cells nest (a fine cell has exactly one coarse parent) and have near-equal areas, so
counts per cell compare fairly across latitudes, and alert areas (issue 7) can be covered
by cell sets. Resolution 3 is ~12,000 km²; resolution 6 is ~36 km².
"""

from __future__ import annotations

import h3

COARSE_RES = 3
FINE_RES = 6


def cells(lat: float | None, lon: float | None) -> tuple[str | None, str | None]:
    """(coarse, fine) cell ids for a point, or (None, None) without coordinates."""
    if lat is None or lon is None:
        return None, None
    fine = h3.latlng_to_cell(lat, lon, FINE_RES)
    return h3.cell_to_parent(fine, COARSE_RES), fine
