"""Attack (review 45, not yet fixed): a total against its breakdown tells a combination
of attributes that fewer than k reports hold.

An incident is one signal per typology and place, each in its own release class, and
answers count distinct reports. The rule releases class by class, so an answer that
groups across classes counts a report of several released classes once: the total
against the sum of its breakdown tells how many reports hold both. The fix this needs is
release classes per report (every signal of a report in one class made of all its
attributes), so that every answer is a sum over disjoint released classes; until then
these are strict xfails, which fail the suite when the leak closes so they can be
turned into plain tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from consumers import migrations
from consumers.warehouse import open_warehouse
from schemas.sharing import Viewer
from tahub import query_api
from tests.sharingkit import signals_of
from tests.test_sharing_attacker import InDatabase, _load

_OPEN = pytest.mark.xfail(
    strict=True,
    reason="open leak: release classes are per signal, answers count distinct reports "
    "(README: What is still short of its aim)",
)


K = 3
W = datetime(2026, 10, 6, 9, tzinfo=UTC)  # a Tuesday
NOW = W + timedelta(days=3)
ATTACKER = Viewer("org-x")


def _report(
    rid: str,
    org: str,
    tlp: str,
    typologies: tuple[str, ...],
    when: datetime,
    origin: str = "NG",
    dest: str = "IT",
) -> list[dict[str, Any]]:
    """The signals normalize makes for one incident of several typologies: one per
    typology and place, all with the same source_id (streams.normalize.incident_signals)."""
    out = []
    for t in typologies:
        for s in signals_of([(rid, org, tlp, t, origin, dest, when)]):
            s["signal_id"] = f"{s['signal_id']}-{t}"
            out.append(s)
    return out


@pytest.fixture(scope="module")
def two_worlds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    base = open_warehouse(f"chdb://{tmp_path_factory.mktemp('r45') / 'chdb'}")
    pair = (InDatabase(base, "r45_p"), InDatabase(base, "r45_q"))
    for wh in pair:
        migrations.migrate(wh)
    yield pair
    base.close()


def _answers(wh: Any, viewer: Viewer, queries: list[tuple[str, dict[str, str]]]) -> list[Any]:
    return [query_api.run(wh, name, params, viewer, K, NOW).rows for name, params in queries]


# --- 1. a combination of typologies below k, from a total against its breakdown ---

FL, DB = "forced_labour", "debt_bondage"
H = timedelta(hours=1)
# World P: reports of one week on one route and level; r1 is forced labour AND debt
# bondage (one report with that combination), three more of each typology alone.
WORLD_P = [
    ("r1", (FL, DB)),
    *[(f"f{i}", (FL,)) for i in range(3)],
    *[(f"d{i}", (DB,)) for i in range(3)],
]
# World Q: the same number of reports in every release class (4), but none of both.
WORLD_Q = [*[(f"f{i}", (FL,)) for i in range(4)], *[(f"d{i}", (DB,)) for i in range(4)]]
EIGHT = tuple(f"org-{c}" for c in "abcdefgh")


def _world(
    reports: list[tuple[str, tuple[str, ...]]], tlp: str, orgs: tuple[str, ...]
) -> list[dict[str, Any]]:
    out = []
    for i, (rid, typologies) in enumerate(reports):
        out += _report(rid, orgs[i % len(orgs)], tlp, typologies, W + i * H)
    return out


@pytest.mark.parametrize(
    ("viewer", "tlp", "orgs"),
    [
        (ATTACKER, "GREEN", ("org-a",)),  # a member: k reports of others, one org will do
        (Viewer(), "CLEAR", EIGHT),  # the public: k after the largest contributor
    ],
    ids=["org-x", "public"],
)
@_OPEN
def test_a_total_against_its_breakdown_tells_a_combination_below_k(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """LEAK (counts): a report with several typologies is one signal per typology, each in
    its own release class, and counts measure ``uniqExact(source_id)``. The rule releases
    class by class, so a class of forced labour and one of debt bondage (each of k reports
    of others) are both released, and a query that groups *across* them (``by=`` nothing,
    or ``by=origin``) counts their common reports once. The total against the breakdown
    (4 + 4 against 7) tells that exactly one report of that week, route and level is of both
    forced labour and debt bondage: a combination of attributes describing one report,
    which the k rule (DOMAIN.md: "no combination of attributes describes fewer than k
    people"; README: "no group smaller than k distinct reports leaves the platform") must
    hide. The two worlds hold the same number of reports in every release class and
    differ only by that group of one; every answer should be the same in both.

    Why it matters: typologies co-occur (debt bondage with forced labour, forced marriage
    with domestic servitude) and each extra attribute of a case is what re-identifies it;
    the same differencing works on ``delays`` (others pooled, one row per report) and on
    places (a report naming two cells of one country:
    ``hotspots level=country`` against ``level=cell_fine``) and on the CTDC CSV export,
    which is the same counts query. tests/test_sharing_attacker.py's worlds give every
    report one typology and both of a report's signals the same class membership, so its
    search cannot find this.

    Reproduction: GET /api/v1/query/counts?since=2026-10-05&until=2026-10-12&bucket=all
    (by=typology) then the same with by= (empty) or by=origin; sum of the first > the
    second reveals reports holding both typologies."""
    p, q = two_worlds
    _load(p, _world(WORLD_P, tlp, orgs))
    _load(q, _world(WORLD_Q, tlp, orgs))
    period = {"since": "2026-10-05", "until": "2026-10-12", "bucket": "all", "clock": "reported"}
    breakdown = [("counts", {**period, "by": "typology"})]
    # the breakdown itself is the same in both worlds: every class holds 4 reports
    assert (
        [[r[:2] for r in rows] for rows in _answers(p, viewer, breakdown)]
        == [[r[:2] for r in rows] for rows in _answers(q, viewer, breakdown)]
        == [[(DB, 4), (FL, 4)]]
    )
    totals = [
        ("counts", {**period, "by": ""}),
        ("counts", {**period, "by": "origin"}),
        ("delays", {"since": "2026-10-05", "until": "2026-10-12"}),  # others pooled: 7 vs 8
    ]
    got_p, got_q = _answers(p, viewer, totals), _answers(q, viewer, totals)
    assert got_p == got_q, (
        f"the totals tell a report of both typologies: world P {got_p} vs world Q {got_q}"
    )


def _report_at(
    rid: str, org: str, tlp: str, cells: tuple[str, ...], when: datetime
) -> list[dict[str, Any]]:
    """An incident with no recruitment place and exploitation places in Italy, one per
    (city-sized) cell given: one signal per place, all with the same source_id."""
    out = []
    for i, cell in enumerate(cells):
        (s,) = [
            x
            for x in signals_of([(rid, org, tlp, FL, "IT", "IT", when)])
            if x["role"] == "destination"
        ]
        s.update(signal_id=f"{rid}-dest-{i}", origin_country="", cell_fine=cell)
        out.append(s)
    return out


@pytest.mark.parametrize(
    ("viewer", "tlp", "orgs"),
    [(ATTACKER, "GREEN", ("org-a",)), (Viewer(), "CLEAR", EIGHT)],
    ids=["org-x", "public"],
)
@_OPEN
def test_a_country_against_its_cells_tells_a_report_of_two_places(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """LEAK (counts, hotspots, map): the same root cause as above on places. An incident
    naming two places (two exploitation sites in one country, in two city-sized cells) is
    a signal per place, each in its own release class (cell_fine is a class attribute).
    Both cells hold 4 reports and are released; the country row counts distinct reports,
    so 4 + 4 against 7 tells that exactly one report of that week names both towns (a
    combination of one report: the very detail that ties a case to a victim's movements).
    World Q holds the same number of reports in every release class, with no report of
    both cells.

    Reproduction: GET /api/v1/query/counts?by=cell_fine&bucket=all&since=…&until=… and the
    same with by=location (or hotspots level=cell_fine against level=country); the
    console map's single ``map`` query (/data/map) answers the country and the cells at
    once, so any member or public visitor sees it on the map page."""
    p, q = two_worlds
    a, b = "it1a", "it1b"
    world_p = _report_at("r1", orgs[0], tlp, (a, b), W)
    world_q: list[dict[str, Any]] = []
    for i in range(3):
        world_p += _report_at(f"a{i}", orgs[(1 + i) % len(orgs)], tlp, (a,), W + (1 + i) * H)
        world_p += _report_at(f"b{i}", orgs[(4 + i) % len(orgs)], tlp, (b,), W + (4 + i) * H)
    for i in range(4):
        world_q += _report_at(f"a{i}", orgs[i % len(orgs)], tlp, (a,), W + i * H)
        world_q += _report_at(f"b{i}", orgs[(4 + i) % len(orgs)], tlp, (b,), W + (4 + i) * H)
    _load(p, world_p)
    _load(q, world_q)
    period = {"since": "2026-10-05", "until": "2026-10-12", "bucket": "all", "clock": "reported"}
    cells = [("counts", {**period, "by": "cell_fine"})]
    assert (
        [[r[:2] for r in rows] for rows in _answers(p, viewer, cells)]
        == [[r[:2] for r in rows] for rows in _answers(q, viewer, cells)]
        == [[(a, 4), (b, 4)]]
    )
    country = [
        ("counts", {**period, "by": "location"}),
        ("hotspots", {"since": "2026-10-05", "until": "2026-10-12", "clock": "reported"}),
        # the console map's one query answers both layers at once (/data/map)
        ("map", {"since": "2026-10-05", "until": "2026-10-12", "clock": "reported"}),
    ]
    got_p, got_q = _answers(p, viewer, country), _answers(q, viewer, country)
    assert got_p == got_q, f"the country tells a report of both cells: P {got_p} vs Q {got_q}"
