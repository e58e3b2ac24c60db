"""The console map's layers in one query: reports by country, coarse and fine H3 cell
(against the period before) and routes, from one scan and one release check.

Asked one by one (``queries.hotspots`` three times and ``queries.routes``), the map ran
the period's release check four times behind chDB's one session lock: 8-31 s over 10M
signals. Here the layers share one scope: the union of theirs (the period and the one
before, the typology filter). Every layer's own scope is a union of whole release
classes, and a class's release depends only on its own reports, so a record is released
here exactly when it is in the layer's own query; each layer then counts what its query
counts (the place or the route given, the same periods) and keeps the same top rows.
``tests/test_map_query.py`` checks this against the four queries for every kind of viewer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from consumers.queries import (
    CLOCK_NOTE,
    PLACE_LEVELS,
    RELEASE_NOTE,
    Result,
    _clock,
    _filters,
    _span,
    _where,
    compare_periods,
)
from consumers.warehouse import Warehouse
from schemas.sharing import DEFAULT_BIN, DEFAULT_CLOCK, Viewer

# the most rows each layer keeps, as the map asked them of hotspots and routes
LIMITS: Mapping[str, int] = {"country": 300, "cell": 400, "cell_fine": 400, "route": 150}
COLUMNS = ("layer", "place", "reports", "previous", "change", "ratio", "orgs", "typologies")
_ROUTE = (
    "if(origin_country != '' AND destination_country != '', "
    "concat(origin_country, '>', destination_country), '')"
)


def map_layers(
    wh: Warehouse,
    viewer: Viewer,
    *,
    start: datetime | None,
    end: datetime | None,
    typology: str | None = None,
    k: int = 3,
    bin_: str = DEFAULT_BIN,
    clock: str = DEFAULT_CLOCK,
) -> Result:
    """One row per place or route of each layer: a hotspots row (reports, previous,
    change, ratio) for the place layers, a routes row (reports, orgs, typologies) for
    ``route`` (place 'origin>destination'). Rows are in each layer's own order."""
    clock = _clock(clock)
    periods = compare_periods(clock, start, end, bin_, "the map compares")
    start, end, now, before = periods.start, periods.end, periods.now, periods.before
    where = _where(
        viewer,
        k,
        [
            periods.both,
            *_filters({"typology": typology} if typology else {}),
        ],
        bin_,
    )
    places = [f"('{layer}', {column})" for layer, column in PLACE_LEVELS.items()]
    pairs = (
        f"arrayFilter(p -> tupleElement(p, 2) != '', [{', '.join(places)}, ('route', {_ROUTE})])"
    )
    sql = (
        "SELECT tupleElement(lp, 1) AS layer, tupleElement(lp, 2) AS place, "
        "uniqExactIf(source_id, in_now) AS reports, uniqExactIf(source_id, in_before) AS previous, "
        "uniqExactIf(org_id, in_now) AS orgs, groupUniqArrayIf(typology, in_now) AS typologies "
        f"FROM (SELECT source_id, org_id, typology, {now} AS in_now, {before} AS in_before, "
        f"arrayJoin({pairs}) AS lp {where}) "
        "GROUP BY layer, place HAVING reports > 0"
    )
    by_layer: dict[str, list[tuple[Any, ...]]] = {layer: [] for layer in LIMITS}
    for layer, place, cur, prev, orgs, typologies in wh.query(sql):
        if layer == "route":
            row: tuple[Any, ...] = (
                layer,
                place,
                cur,
                None,
                None,
                None,
                orgs,
                sorted(typologies),
            )
        else:
            ratio = None if not prev else round(cur / prev, 2)
            row = (layer, place, cur, prev, cur - prev, ratio, None, None)
        by_layer[layer].append(row)
    rows = []
    for layer, limit in LIMITS.items():
        # as hotspots (reports, then place) and routes (reports, origin, destination)
        ordered = sorted(by_layer[layer], key=lambda r: (-int(r[2]), _order(layer, str(r[1]))))
        rows += ordered[:limit]
    return Result(
        f"map, {_span(start, end)}, {clock} ({viewer.label})",
        COLUMNS,
        rows,
        [
            f"previous = the same number of whole {bin_}s just before",
            CLOCK_NOTE[clock],
            RELEASE_NOTE.format(k=k, bin=bin_),
        ],
    )


def _order(layer: str, place: str) -> tuple[str, ...]:
    return tuple(place.split(">", 1)) if layer == "route" else (place,)
