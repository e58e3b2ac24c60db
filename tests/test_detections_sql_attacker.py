"""The detection queries pick in SQL the detections with a version the viewer may see
(``consumers.release.evidence_visible``) and mark every version with it before judging
them in Python. An attacker (org-x, its own reports in some evidence, TLP:AMBER shared
with it by org-a) wins if that prefilter shows it a version the rule alone would not, or
hides one that the rule allows, on either warehouse: each answer is checked against
``releasable`` alone, each lifecycle against ``schemas.lifecycle``.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from consumers import migrations, queries, tables
from consumers.queries import QueryError, Viewer
from consumers.release import evidence_visible
from consumers.warehouse import Warehouse, open_warehouse
from schemas import lifecycle
from schemas.sharing import Evidence, may_see, releasable
from streams.detect import replay
from streams.detect.detectors import DetectorConfig
from streams.detect.replay import Offline
from tests.samples import all_samples
from tests.services import fresh_warehouse_url
from tests.test_detection_tiers_attacker import ROUTE as TIERS_ROUTE
from tests.test_detection_tiers_attacker import _padded

K = 3
T0 = datetime(2026, 10, 5, tzinfo=UTC)
ATTACKER = "org-x"
ORGS = ("org-a", "org-b", "org-x", "news:wire")
LEVELS = ("CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED")
VIEWERS = (
    Viewer(ATTACKER),
    Viewer(ATTACKER, frozenset({"org-a"})),  # org-a shares its AMBER with org-x
    Viewer(),
    Viewer("org-a"),
)


@pytest.fixture(scope="module", params=["chdb", "server", "shards"])
def wh(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    url = fresh_warehouse_url(request, request.param, tmp_path_factory.mktemp("det"))
    warehouse = open_warehouse(url)
    migrations.migrate(warehouse)
    yield warehouse
    warehouse.close()


def _evidences() -> list[list[tuple[str, str, int]]]:
    """None, every single item, and every pair of items (reports 0 or 2)."""
    items = list(itertools.product(("org-a", "org-b", ATTACKER), LEVELS, (0, 2)))
    return [[], *([i] for i in items), *([a, b] for a, b in itertools.product(items, items))]


def _array(values: list[Any], kind: str) -> str:
    inner = ", ".join(f"'{v}'" if kind == "String" else str(v) for v in values)
    return f"CAST([{inner}] AS Array({kind}))"


def _row(i: int, evidence: list[tuple[str, str, int]]) -> str:
    orgs, levels, reports = zip(*evidence, strict=True) if evidence else ((), (), ())
    arrays = (_array(list(orgs), "String"), _array(list(levels), "String"),
              _array(list(reports), "UInt32"))  # fmt: skip
    return f"tuple({i}, {', '.join(arrays)})"


def test_the_evidence_sql_is_the_visibility_rule(wh: Warehouse) -> None:
    evidences = _evidences()
    rows = ", ".join(_row(i, e) for i, e in enumerate(evidences))
    for viewer in VIEWERS:
        got = dict(
            wh.query(
                f"SELECT i, {evidence_visible(viewer)} FROM (SELECT arrayJoin([{rows}]) AS t, "
                "tupleElement(t, 1) AS i, tupleElement(t, 2) AS evidence_orgs, "
                "tupleElement(t, 3) AS evidence_tlps, tupleElement(t, 4) AS evidence_reports)"
            )
        )
        for i, e in enumerate(evidences):
            want = all(may_see(viewer, o, t) for o, t, n in e if n > 0)
            assert bool(got[i]) == want, (viewer, e)


def _world(seed: int) -> list[dict[str, Any]]:
    """Detections of one to four versions, each version's evidence from two to four
    organisations at random levels; the attacker's own reports in some."""
    rng = random.Random(seed)
    base = all_samples()["Detection"].to_avro()
    out = []
    for d in range(120):
        for version in range(1, rng.randint(1, 4) + 1):
            evidence = [
                {
                    "org_id": org,
                    "tlp": rng.choices(LEVELS, (5, 3, 1, 1, 1))[0],
                    "reports": rng.choice((0, 1, 2, 3)),
                }
                for org in rng.sample(ORGS, rng.randint(2, 4))
            ]
            out.append(base | {
                "detection_id": f"d{d}", "version": version, "evidence": evidence,
                "state": "resolved" if rng.random() < 0.3 else "updated",
                "opened_at": T0, "updated_at": T0 + timedelta(hours=d, minutes=version),
            })  # fmt: skip
    return out


def _judged(version: dict[str, Any], viewer: Viewer) -> bool:
    return releasable(viewer, [Evidence(**e) for e in version["evidence"]], K)


def test_detections_answer_as_the_rule_alone(wh: Warehouse) -> None:
    world = _world(seed=18)
    landed = [tables.Landed(r, 0, i) for i, r in enumerate(world)]
    for _ in range(2):  # every version lands twice, as after a replay
        wh.insert("detections", tables.to_columns(tables.DETECTIONS, landed),
                  tables.DETECTIONS.types)  # fmt: skip
    since = T0 - timedelta(days=1)
    for viewer in VIEWERS:
        shown = _lifecycles(world, viewer)
        latest = {d: versions[-1] for d, versions in shown.items()}
        want = sorted(((v["detection_id"], v["version"]) for v in latest.values()),
                      key=lambda dv: -latest[dv[0]]["updated_at"].timestamp())  # fmt: skip
        got = queries.detections(wh, viewer, since=since, limit=10**6, k=K).rows
        assert [(r[0], r[1]) for r in got] == want, viewer
        assert want, viewer  # some shown
        assert sum(map(len, shown.values())) < len(world), viewer  # and some hidden
        assert any(v["version"] % 100_000 == 99_999 for v in latest.values()), viewer  # ended
        opened = queries.detections(wh, viewer, since=since, state="open", limit=10**6, k=K)
        assert [(r[0], r[1]) for r in opened.rows] == [
            dv for dv in want if latest[dv[0]]["state"] != "resolved"
        ]
        for d in (f"d{i}" for i in range(0, 120, 7)):
            versions = [(v["version"], v["state"], v["observed"]) for v in shown.get(d, [])]
            try:
                got_history = [
                    (r[1], r[2], r[8]) for r in queries.detection_history(wh, viewer, d, k=K).rows
                ]
            except QueryError:
                got_history = []
            assert got_history == versions, (viewer, d)


def _lifecycles(world: list[dict[str, Any]], viewer: Viewer) -> dict[str, list[dict[str, Any]]]:
    """What the rule alone shows ``viewer`` of each detection: each version judged by
    ``releasable``, the lifecycle by ``schemas.lifecycle``."""
    out = {}
    for d in dict.fromkeys(v["detection_id"] for v in world):
        versions = [v for v in world if v["detection_id"] == d]
        shown = lifecycle.seen(versions, lambda v: _judged(v, viewer))
        if shown:
            out[d] = shown
    return out


def test_padding_the_day_after_a_spike_tells_nothing_through_the_warehouse(
    wh: Warehouse,
) -> None:
    """``test_detection_tiers_attacker``'s padding attack on the query API: the versions the
    engine writes in each world land in the warehouse, and org-x reads the detection's
    history and the detections list. Both answers are the same in the world where one
    report of org-a joined org-x's three on day 41 (a version hidden from org-x)."""
    x = Viewer(ATTACKER)

    def landed(small: bool) -> str:
        run = Offline(TIERS_ROUTE, default=DetectorConfig(span=1))
        world = sorted(_padded(small), key=lambda s: s["event_time"])
        versions = list(replay.replay(run, world))
        for v in versions:
            v["detection_id"] = f"{'small' if small else 'plain'}-{v['detection_id']}"
        rows = [tables.Landed(v, 0, i) for i, v in enumerate(versions)]
        wh.insert("detections", tables.to_columns(tables.DETECTIONS, rows),
                  tables.DETECTIONS.types)  # fmt: skip
        (det_id,) = {v["detection_id"] for v in versions}
        return det_id

    def answers(det_id: str) -> list[list[Any]]:
        out = [[r[1:] for r in queries.detection_history(wh, x, det_id, k=K).rows]]
        # listed since long before, and since the day the spike ended: both list its end
        for since in (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 4, 12, tzinfo=UTC)):
            rows = queries.detections(wh, x, since=since, limit=10**6, k=K).rows
            out.append([r[1:] for r in rows if r[0] == det_id])
        return out

    plain = answers(landed(False))
    assert [r[1] for r in plain[0]] == ["opened", "resolved"], "org-x sees the spike end"
    assert [r[1] for r in plain[2]] == ["resolved"], "listed on the day it ended"
    assert answers(landed(True)) == plain


def test_an_end_is_listed_on_its_own_day_even_when_the_version_ending_it_is_level_hidden(
    wh: Warehouse,
) -> None:
    """org-x saw a detection on 1 March; its next version, on 2 March, counts a RED report
    of org-a. Listed since 2 March, org-x sees its end (a version matching the period that
    it may not see at all still ends it there), as it would see a resolution that day."""
    base = all_samples()["Detection"].to_avro()
    day = datetime(2026, 3, 1, tzinfo=UTC)
    green = [{"org_id": o, "tlp": "GREEN", "reports": 2} for o in ("org-a", "org-b")]
    red = [*green, {"org_id": "org-b", "tlp": "RED", "reports": 1}]
    versions = [
        base | {"detection_id": "lv-1", "version": 100_098, "state": "opened",
                "evidence": green, "opened_at": day, "updated_at": day},
        base | {"detection_id": "lv-1", "version": 200_098, "state": "updated",
                "evidence": red, "opened_at": day, "updated_at": day + timedelta(days=1)},
    ]  # fmt: skip
    rows = [tables.Landed(v, 0, i) for i, v in enumerate(versions)]
    wh.insert("detections", tables.to_columns(tables.DETECTIONS, rows), tables.DETECTIONS.types)
    x = Viewer(ATTACKER)
    since = day + timedelta(days=1)
    found = queries.detections(wh, x, since=since, limit=10**6, k=K).as_dicts()
    keys = ("detection_id", "version", "state", "updated_at")
    listed = [tuple(d[c] for c in keys) for d in found if d["detection_id"] == "lv-1"]
    assert listed == [("lv-1", 299_999, "resolved", "2026-03-02T00:00:00Z")]
