"""Subscription areas: checked once, then asked "does this place fall inside?" (pure).

An area is any of: countries, a bounding box, a circle, a GeoJSON (Multi)Polygon; an
empty area is the whole world (a subscription that selects by typology or route only). A
detection is placed by what its key carries: an H3 cell (its centre), or a country, which
falls inside a shape when the shape meets the country's outline (schemas.borders); that
errs towards telling a subscriber too much rather than missing a spike at the edge of its
area.
Shapes are prepared (shapely) so one test costs microseconds with thousands of areas.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import shapely
import shapely.ops
from shapely import Geometry
from shapely.errors import GEOSException
from shapely.geometry import box, shape
from shapely.validation import explain_validity

from schemas.countries import check_country

EARTH_RADIUS_KM = 6371.0
MAX_CIRCLE_KM = 5000.0  # larger than a continent is not an area of interest, it is a typo
MAX_VERTICES = 20_000


class AreaError(ValueError):
    """Why an area cannot be used; says which part and what to change."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True)
class Circle:
    lat: float
    lon: float
    radius_km: float

    def covers(self, lat: float, lon: float) -> bool:
        return haversine_km(self.lat, self.lon, lat, lon) <= self.radius_km

    @cached_property
    def bounds(self) -> Geometry:
        """A box that contains the circle (for meeting country boxes)."""
        dlat = math.degrees(self.radius_km / EARTH_RADIUS_KM)
        dlon = dlat / max(math.cos(math.radians(self.lat)), 1e-6)
        return box(
            max(-180.0, self.lon - dlon),
            max(-90.0, self.lat - dlat),
            min(180.0, self.lon + dlon),
            min(90.0, self.lat + dlat),
        )


def _bbox(values: list[float]) -> Geometry:
    if len(values) != 4:
        raise AreaError("bbox needs four numbers: [min_lon, min_lat, max_lon, max_lat]")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise AreaError("bbox longitudes must lie in -180..180")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise AreaError("bbox latitudes must lie in -90..90")
    if min_lon >= max_lon or min_lat >= max_lat:
        raise AreaError(
            "bbox is empty or reversed: give [min_lon, min_lat, max_lon, max_lat] "
            "(an area across the date line needs two parts, e.g. a GeoJSON MultiPolygon)"
        )
    return box(min_lon, min_lat, max_lon, max_lat)


def _circle(data: dict[str, Any]) -> Circle:
    try:
        lat, lon, radius = (float(data[k]) for k in ("lat", "lon", "radius_km"))
    except (KeyError, TypeError, ValueError):
        raise AreaError("circle needs numeric lat, lon and radius_km") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise AreaError("circle centre must have lat in -90..90 and lon in -180..180")
    if not 0 < radius <= MAX_CIRCLE_KM:
        raise AreaError(f"circle radius_km must be above 0 and at most {MAX_CIRCLE_KM:.0f}")
    return Circle(lat, lon, radius)


def _geojson(text: object) -> Geometry:
    if not isinstance(text, str):
        raise AreaError("geojson is GeoJSON as text (a JSON string), not an object")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise AreaError(f"geojson is not JSON ({err.msg} at column {err.colno})") from None
    except RecursionError:
        raise AreaError("geojson is nested too deeply") from None
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
        raise AreaError("geojson must be a Polygon or MultiPolygon (or a Feature of one)")
    try:
        geom = shape(data)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, GEOSException) as err:
        raise AreaError(f"geojson {data['type']} cannot be read: {type(err).__name__}") from None
    if shapely.get_num_coordinates(geom) > MAX_VERTICES:
        raise AreaError(f"geojson has more than {MAX_VERTICES} vertices; simplify it")
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if min_lon < -180 or max_lon > 180 or min_lat < -90 or max_lat > 90:
        raise AreaError("geojson coordinates must be [lon, lat] within -180..180 and -90..90")
    if not geom.is_valid:
        raise AreaError(f"geojson is not a valid shape: {explain_validity(geom)}")
    if geom.area == 0:
        raise AreaError("geojson encloses no area")
    return geom


@dataclass(frozen=True)
class CompiledArea:
    """A checked area, ready to answer ``covers_point`` and ``covers_country``."""

    countries: frozenset[str]
    shapes: tuple[Geometry, ...]  # bbox and GeoJSON parts, prepared
    circles: tuple[Circle, ...]

    @cached_property
    def world(self) -> bool:
        return not self.countries and not self.shapes and not self.circles

    @cached_property
    def parts(self) -> tuple[Geometry, ...]:
        """Every shape, with circles as their bounding boxes (for a spatial index)."""
        return (*self.shapes, *(c.bounds for c in self.circles))

    def covers_geometry(self, geom: Geometry) -> bool:
        """A shape meets ``geom``, or a circle reaches it."""
        if any(s.intersects(geom) for s in self.shapes):
            return True
        for c in self.circles:
            if geom.covers(shapely.Point(c.lon, c.lat)):
                return True
            nearest = shapely.ops.nearest_points(geom, shapely.Point(c.lon, c.lat))[0]
            if c.covers(nearest.y, nearest.x):
                return True
        return False

    def covers_point(self, lat: float, lon: float) -> bool:
        point = shapely.Point(lon, lat)
        return any(s.covers(point) for s in self.shapes) or any(
            c.covers(lat, lon) for c in self.circles
        )

    def covers_country(self, country: str, country_boxes: tuple[Geometry, ...]) -> bool:
        """The country is listed, or a shape or circle meets its outline."""
        if self.world or country in self.countries:
            return True
        return any(p.intersects(b) for p in self.parts for b in country_boxes)


def compile_area(area: dict[str, Any]) -> CompiledArea:
    """Check an area (the Avro ``Area`` as a dict); AreaError names the first problem."""
    countries = []
    for code in area.get("countries") or []:
        try:
            countries.append(check_country(code))
        except ValueError as err:
            raise AreaError(f"countries: {code!r} is {err}") from None
    shapes: list[Geometry] = []
    if area.get("bbox") is not None:
        shapes.append(_bbox(list(area["bbox"])))
    if area.get("geojson"):
        shapes.append(_geojson(area["geojson"]))
    circles = (_circle(area["circle"]),) if area.get("circle") else ()
    for s in shapes:
        shapely.prepare(s)
    return CompiledArea(frozenset(countries), tuple(shapes), circles)
