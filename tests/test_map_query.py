"""The console map's one query (consumers.map_query) against the four queries it replaces
(hotspots by country, coarse cell and fine cell, and routes), on both warehouses.

Random worlds from tests/test_release_classes.py (several organisations, every sharing
level, groups of others' reports around k, coarse and unknown occurrences, reports across
bin edges) are asked for every kind of viewer, both clocks, day and week release bins,
with and without a typology filter: each layer must be exactly the rows its own query
answers. The attacker search in tests/test_sharing_attacker.py asks ``map`` too.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from consumers import map_query, migrations, queries
from consumers.warehouse import Warehouse
from tests.test_release_classes import END, T0, VIEWERS, K, land, wh, world

pytestmark = [pytest.mark.chdb, pytest.mark.clickhouse]
__all__ = ["wh"]  # the fixture, on chDB and on the server


def _separately(wh: Warehouse, viewer: queries.Viewer, **ask: Any) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for level in ("country", "cell", "cell_fine"):
        got = queries.hotspots(wh, viewer, level=level, limit=map_query.LIMITS[level], **ask)
        rows += [(level, *r, None, None) for r in got.rows]
    routes = queries.routes(wh, viewer, limit=map_query.LIMITS["route"], **ask)
    rows += [
        ("route", f"{o}>{d}", n, None, None, None, orgs, t) for o, d, n, orgs, t in routes.rows
    ]
    return rows


@pytest.mark.parametrize("seed", [3, 4])
def test_the_map_query_answers_as_its_four_queries_for_every_viewer(
    wh: Warehouse, seed: int
) -> None:
    migrations.migrate(wh)
    land(wh, world(seed, "m") + world(seed + 50, "n"))
    compared = 0
    for bin_ in ("week", "day"):
        for clock in ("occurred", "reported"):
            for typology in (None, "forced_labour"):
                for viewer in VIEWERS:
                    ask: dict[str, Any] = {
                        "start": T0 + timedelta(weeks=4), "end": END, "typology": typology,
                        "k": K, "bin_": bin_, "clock": clock,
                    }  # fmt: skip
                    want = _separately(wh, viewer, **ask)
                    assert map_query.map_layers(wh, viewer, **ask).rows == want
                    compared += len(want)
    assert compared > 100  # the worlds put rows on every layer for someone
