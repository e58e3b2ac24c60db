"""The dimensions a signal can be counted and queried by, and the Signal field of each."""

from __future__ import annotations

SIGNAL_DIMENSIONS: dict[str, str] = {
    "typology": "typology",
    "origin": "origin_country",
    "destination": "destination_country",
    "location": "location_country",
    "cell": "cell_coarse",
    "cell_fine": "cell_fine",
}
