"""A detection's dimensions by name, read back from its set and key (pure).

Detections carry ``dimension_key`` ('forced_labour|MM>TH'); the shipped sets
(``streams.detect.dimensions.DEFAULT_SETS``) say which names its parts have. A set of a
detector TOML that tahub does not ship gives no names: exports then carry the key only.
"""

from __future__ import annotations

from streams.detect.dimensions import DEFAULT_SETS

_SETS = {s.name: s.dims for s in DEFAULT_SETS}


def dimensions_of(dimension_set: str, key: str) -> dict[str, str]:
    dims = _SETS.get(dimension_set)
    if dims is None:
        return {}
    parts = key.split("|")
    if dims[-2:] == ("origin", "destination"):
        origin, _, destination = parts[-1].partition(">")
        parts = [*parts[:-1], origin, destination]
    if len(parts) != len(dims):
        return {}
    return dict(zip(dims, parts, strict=True))


COUNTRY_DIMENSIONS = ("origin", "destination", "location")
