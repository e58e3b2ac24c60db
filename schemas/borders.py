"""Is a place in a country? Natural Earth's outlines, and one rule for every caller.

The outlines are Natural Earth's 1:10m admin-0 countries (public domain), shipped in
``schemas/data`` (see NATURAL_EARTH.md there); a country's outline includes its share of
lakes. Intake checks a submission's coordinates with ``holds`` and alerts match country
areas with it, so both say the same about a place near a border. They replaced Natural
Earth's bounding boxes, which counted 26 of 31 border places tried for two countries
(tests/test_country_outlines.py); the outlines put 29 of those 31 in the right one.

The rule: a place is in country C when it lies inside C's outline, or within ``slack_km``
of it (intake allows a few km for a point rounded onto a border river). A place on no
country's land, at sea, is in every country whose outline is within ``SEA_KM`` (200
nautical miles, as far as an exclusive economic zone reaches): a boat in the Gulf of
Thailand is Thailand's and Cambodia's. Distances are degrees scaled at the place's
latitude, so they err long north-south; the outlines are quantised to ~400 m.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pycountry
import shapely
from shapely import Geometry, STRtree

DATA = Path(__file__).with_name("data") / "natural-earth-countries-10m.json"
SEA_KM = 370.0
KM_PER_DEGREE = 111.32

# Outlines the data carries without an ISO code, and the code a partner would give them
_UNCODED: dict[str, tuple[str, ...]] = {
    "Kosovo": ("XK",),
    "Somaliland": ("SO",),
    "N. Cyprus": ("CY",),
    "Cyprus U.N. Buffer Zone": ("CY",),
    "Akrotiri": ("CY",),
    "Dhekelia": ("CY",),
    "Baikonur": ("KZ",),
    "USNB Guantanamo Bay": ("CU",),
    "Coral Sea Is.": ("AU",),
    "Siachen Glacier": ("IN", "PK"),
}
# Land Natural Earth draws in one country that ISO counts for another: it counts for both.
# Crimea is the part of Russia's outline west of the Kerch strait (cut at 36.6°E, ±3 km).
_ALSO: dict[str, tuple[str, tuple[float, float, float, float]]] = {
    "UA": ("RU", (32.0, 44.0, 36.6, 46.3)),
}


@dataclass(frozen=True)
class _Atlas:
    outlines: dict[str, Geometry]  # prepared
    codes: list[str]  # in the order of the tree's geometries
    tree: STRtree


def _decode(topology: dict[str, Any]) -> list[tuple[str | None, str, Geometry]]:
    """(numeric code, name, outline) of each TopoJSON country object."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # delta-encoded integers on the quantisation grid
        steps = np.cumsum(np.asarray(arc, dtype=np.float64), axis=0)
        arcs.append(steps * (sx, sy) + (tx, ty))

    def ring(indices: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        return np.concatenate([parts[0], *(p[1:] for p in parts[1:])])

    out = []
    for obj in topology["objects"]["countries"]["geometries"]:
        if obj["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [obj["arcs"]] if obj["type"] == "Polygon" else obj["arcs"]
        rings = [[ring(r) for r in p] for p in polygons]
        parts = [
            shapely.Polygon(p[0], [h for h in p[1:] if len(h) >= 4])
            for p in rings
            if len(p[0]) >= 4  # a ring that quantisation collapsed
        ]
        out.append((obj.get("id"), obj["properties"]["name"], shapely.MultiPolygon(parts)))
    return out


def _codes(numeric: str | None, name: str) -> tuple[str, ...]:
    if numeric is None:
        return _UNCODED.get(name, ())
    found = pycountry.countries.get(numeric=numeric)
    return (str(found.alpha_2),) if found is not None else ()


def _valid(geom: Geometry) -> Geometry:
    """Quantisation made 52 outlines self-touch. buffer(0) repairs them in 0.2 s where
    make_valid takes 3.7 s, but it loses land on outlines that cross the date line (a
    quarter of Russia): those take make_valid's faster "structure" method (0.3 s)."""
    if geom.is_valid:
        return geom
    x1, _, x2, _ = geom.bounds
    if x1 <= -179.9 or x2 >= 179.9:
        return shapely.make_valid(geom, method="structure", keep_collapsed=False)
    return geom.buffer(0)


@cache
def _atlas() -> _Atlas:
    pieces: dict[str, list[Geometry]] = {}
    for numeric, name, geom in _decode(json.loads(DATA.read_text())):
        for code in _codes(numeric, name):
            pieces.setdefault(code, []).append(_valid(geom))
    for code, (holder, (x1, y1, x2, y2)) in _ALSO.items():
        cut = shapely.box(x1, y1, x2, y2)
        pieces[code].extend(shapely.intersection(g, cut) for g in pieces[holder])
    outlines = {c: shapely.union_all(g) if len(g) > 1 else g[0] for c, g in pieces.items()}
    for geom in outlines.values():
        shapely.prepare(geom)
    codes = sorted(outlines)
    return _Atlas(outlines, codes, STRtree([outlines[c] for c in codes]))


def outline(code: str) -> Geometry | None:
    """The country's outline (prepared), or None when the data has none (e.g. GF, RE)."""
    return _atlas().outlines.get(code)


def degrees(km: float, lat: float) -> float:
    """``km`` as degrees at latitude ``lat``: a degree of longitude, the shorter one."""
    return km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.1))


def on_land(lat: float, lon: float) -> bool:
    """Inside some country's outline (lakes included)."""
    return _on_land(shapely.Point(lon, lat), lat, lon)


def _on_land(point: Geometry, lat: float, lon: float) -> bool:
    atlas = _atlas()
    return any(
        shapely.intersects_xy(atlas.outlines[atlas.codes[int(i)]], lon, lat)
        for i in atlas.tree.query(point)
    )


def within_outline(code: str, lat: float, lon: float) -> bool | None:
    """Inside the country's outline itself, without slack or sea; None without an outline."""
    shape = outline(code)
    return None if shape is None else bool(shapely.intersects_xy(shape, lon, lat))


def holds(code: str, lat: float, lon: float, *, slack_km: float = 0.0) -> bool | None:
    """Whether the place is in the country by the rule above; None when it has no outline."""
    shape = outline(code)
    if shape is None:
        return None
    if shapely.intersects_xy(shape, lon, lat):  # no Point made: the common case is cheap
        return True
    point = shapely.Point(lon, lat)
    if slack_km > 0 and shapely.dwithin(shape, point, degrees(slack_km, lat)):
        return True
    if _on_land(point, lat, lon):
        return False
    return bool(shapely.dwithin(shape, point, degrees(SEA_KM, lat)))


def reach(code: str) -> tuple[float, float, float, float] | None:
    """A box holding every place ``holds`` may count for the country (for an index)."""
    shape = outline(code)
    if shape is None:
        return None
    x1, y1, x2, y2 = shape.bounds
    d = SEA_KM / KM_PER_DEGREE
    for _ in range(8):  # the reach widens towards the poles, where the box reaches
        d = degrees(SEA_KM, min(89.0, max(abs(y1), abs(y2)) + d))
    return (x1 - d, max(-90.0, y1 - d), x2 + d, min(90.0, y2 + d))
