"""Which subscriptions a detection concerns: place, typology, route, set and sharing (pure).

A detection is placed by its key: an H3 cell (its hexagon), a location country, or a
route's origin and destination countries; a detection keyed by typology alone has no place
and concerns world-wide subscriptions and those that name its dimension set. Countries
listed by a subscription are looked up in a dict, and every shape sits in one STRtree, so
a detection meets only the few subscriptions near it, not all ten thousand.

Severity is left to the notification policy: a detection below a subscriber's threshold
may escalate later, and a resolved notice follows what was sent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import h3
import numpy as np
from shapely import Geometry, STRtree
from shapely.geometry import Polygon, box

from alerts.areas import CompiledArea, compile_area
from schemas import borders
from schemas.models import Subscription
from schemas.sharing import Viewer, evidence_of, releasable


@cache
def _country_geoms(code: str) -> tuple[Geometry, ...]:
    found = borders.outline(code)
    return () if found is None else (found,)


@lru_cache(maxsize=1 << 16)
def _cell_in(code: str, cell: str) -> bool:
    """The cell meets the country's outline, or its centre is in the country by the
    borders rule (a cell at sea off its coast)."""
    if any(_cell_polygon(cell).intersects(g) for g in _country_geoms(code)):
        return True
    return bool(borders.holds(code, *h3.cell_to_latlng(cell)))


@cache
def _cell_polygon(cell: str) -> Geometry:
    ring = [(lng, lat) for lat, lng in h3.cell_to_boundary(cell)]
    return Polygon(ring)


@dataclass(frozen=True)
class Place:
    countries: frozenset[str]
    cell: str | None

    @property
    def nowhere(self) -> bool:
        return not self.countries and self.cell is None

    def geometries(self) -> list[Geometry]:
        if self.cell is not None:
            return [_cell_polygon(self.cell)]
        return [g for c in sorted(self.countries) for g in _country_geoms(c)]


def place_of(dimensions: Mapping[str, str]) -> Place:
    countries = frozenset(
        dimensions[d] for d in ("location", "origin", "destination") if dimensions.get(d)
    )
    cell = dimensions.get("cell") or dimensions.get("cell_fine")
    if cell and not h3.is_valid_cell(cell):
        cell = None  # not an H3 cell (e.g. synthetic data): placed by its countries, if any
    return Place(countries, cell or None)


def may_see(org_id: str, detection: Mapping[str, Any], k: int) -> bool:
    """The sharing rule the query API applies, on this version's own evidence."""
    return releasable(Viewer(org_id), evidence_of(detection.get("evidence") or ()), k)


@dataclass(frozen=True)
class _Entry:
    sub: Subscription
    area: CompiledArea
    typologies: frozenset[str]
    origins: frozenset[str]
    destinations: frozenset[str]
    sets: frozenset[str]

    def selects(self, detection: Mapping[str, Any]) -> bool:
        """Every filter but place and severity."""
        dims: Mapping[str, str] = detection["dimensions"]
        if self.sets and detection["dimension_set"] not in self.sets:
            return False
        if self.typologies and dims.get("typology") not in self.typologies:
            return False
        if self.origins and dims.get("origin") not in self.origins:
            return False
        if self.destinations and dims.get("destination") not in self.destinations:
            return False
        return not (self.sub.new_routes_only and detection["method"] != "novelty")

    def covers(self, place: Place, dimension_set: str) -> bool:
        if place.nowhere:
            return self.area.world or dimension_set in self.sets
        if self.area.world:
            return True
        if place.cell is None:
            return any(self.area.covers_country(c, _country_geoms(c)) for c in place.countries)
        return any(
            _cell_in(c, place.cell) for c in self.area.countries
        ) or self.area.covers_geometry(_cell_polygon(place.cell))


def _entry(sub: Subscription) -> _Entry:
    return _Entry(
        sub,
        compile_area(sub.area.to_avro()),
        frozenset(t.value for t in sub.typologies),
        frozenset(sub.origins),
        frozenset(sub.destinations),
        frozenset(sub.dimension_sets),
    )


def concerns(sub: Subscription, detection: Mapping[str, Any]) -> bool:
    """Whether a detection is about what ``sub`` watches (place, typology, route, set),
    sharing aside: for a preview over detections the query API already judged visible."""
    entry = _entry(sub)
    return entry.selects(detection) and entry.covers(
        place_of(detection["dimensions"]), detection["dimension_set"]
    )


class SubscriptionIndex:
    """Active subscriptions, indexed by country and by shape; rebuilt lazily on change."""

    def __init__(self, k: int = 3) -> None:
        self.k = k
        self._entries: dict[str, _Entry] = {}
        self._dirty = True
        self._by_country: dict[str, set[str]] = {}
        self._world: set[str] = set()
        self._tree: STRtree | None = None
        self._tree_ids: np.ndarray[Any, Any] = np.array([], dtype=object)
        self._any_typology: set[str] = set()
        self._any_set: set[str] = set()
        self._by_typology: dict[str, set[str]] = {}
        self._by_set: dict[str, set[str]] = {}
        self._country_tree: STRtree | None = None
        self._country_tree_ids: list[str] = []

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, subscription_id: str) -> Subscription | None:
        entry = self._entries.get(subscription_id)
        return entry.sub if entry else None

    def put(self, sub: Subscription) -> None:
        """Add or replace; a paused subscription is kept (the API shows it) but never matches."""
        self._entries[sub.subscription_id] = _entry(sub)
        self._dirty = True

    def remove(self, subscription_id: str) -> None:
        if self._entries.pop(subscription_id, None) is not None:
            self._dirty = True

    def _rebuild(self) -> None:
        by_country: dict[str, set[str]] = defaultdict(set)
        world: set[str] = set()
        geoms: list[Geometry] = []
        ids: list[str] = []
        for sid, e in self._entries.items():
            if not e.sub.active:
                continue
            if e.area.world:
                world.add(sid)
            for c in e.area.countries:
                by_country[c].add(sid)
            for g in e.area.parts:
                geoms.append(g)
                ids.append(sid)
        self._by_country, self._world = dict(by_country), world
        # filters as sets, so most candidates drop out in one C-level intersection
        active = [(sid, e) for sid, e in self._entries.items() if e.sub.active]
        self._any_typology = {sid for sid, e in active if not e.typologies}
        self._any_set = {sid for sid, e in active if not e.sets}
        self._by_typology = defaultdict(set)
        self._by_set = defaultdict(set)
        for sid, e in active:
            for t in e.typologies:
                self._by_typology[t].add(sid)
            for name in e.sets:
                self._by_set[name].add(sid)
        self._tree = STRtree(geoms) if geoms else None
        self._tree_ids = np.array(ids, dtype=object)
        reaches = [(c, borders.reach(c)) for c in sorted(self._by_country)]
        codes = [c for c, r in reaches if r is not None]
        boxes = [box(*r) for _, r in reaches if r is not None]
        self._country_tree = STRtree(boxes) if boxes else None
        self._country_tree_ids = codes
        self._dirty = False

    def _candidates(self, place: Place) -> set[str]:
        found = set(self._world)
        if place.nowhere:
            # only named sets reach here besides world areas; a linear pass is fine (rare)
            return found | {sid for sid, e in self._entries.items() if e.sets and e.sub.active}
        for c in place.countries:
            found |= self._by_country.get(c, set())
        geoms = place.geometries()
        if place.cell is not None and self._country_tree is not None:
            # a cell may lie in a listed country: countries whose reach meets the cell
            hits = self._country_tree.query(geoms[0], predicate="intersects")
            for i in hits:
                found |= self._by_country[self._country_tree_ids[int(i)]]
        if self._tree is not None and geoms:
            # circles are indexed by their bounding boxes, which contain them
            hits = self._tree.query(geoms, predicate="intersects")
            found.update(self._tree_ids[hits[1]].tolist())
        return found

    def match(self, detection: Mapping[str, Any]) -> list[Subscription]:
        """Active subscriptions this detection concerns and whose organisation may see it."""
        if self._dirty:
            self._rebuild()
        place = place_of(detection["dimensions"])
        found = self._candidates(place)
        typology = detection["dimensions"].get("typology")
        # intersections cost the smaller side: cheap, unlike a union of the big sets
        none: set[str] = set()
        found = (found & self._any_typology) | (found & self._by_typology.get(typology, none))
        found = (found & self._any_set) | (
            found & self._by_set.get(detection["dimension_set"], none)
        )
        return self._check(sorted(found), place, detection)

    def match_every(self, detection: Mapping[str, Any]) -> list[Subscription]:
        """The same answer by testing every subscription (the reference for the index)."""
        place = place_of(detection["dimensions"])
        return self._check(sorted(self._entries), place, detection)

    def _check(
        self, sids: Iterable[str], place: Place, detection: Mapping[str, Any]
    ) -> list[Subscription]:
        out = []
        for sid in sids:
            e = self._entries[sid]
            if (
                e.sub.active
                and e.selects(detection)
                and e.covers(place, detection["dimension_set"])
                and may_see(e.sub.org_id, detection, self.k)
            ):
                out.append(e.sub)
        return out
