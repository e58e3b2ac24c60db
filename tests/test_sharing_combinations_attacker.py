"""Attack (review 45): a total against its breakdown must not tell a combination of
attributes that fewer than k reports hold.

An incident is a signal per typology and place. With a release class per signal, the rule
released a class of forced labour and one of debt bondage (k reports each), and an answer
grouping across them (a total, ``by=origin``, ``delays``) counted a report of both once:
4 + 4 against 7 told that one report of that week, route and level was of both, a group
of one. The same held for a country against its cells (one report naming two towns).
Release classes are now the report's (schemas.sharing.report_class), so every answer is a
sum over disjoint released classes. Each test compares two worlds that differ only by the
group the rule must hide; a canary lands the same worlds with classes per signal (rows
as landed before migration 0013) and finds the leak.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from consumers import migrations
from consumers.warehouse import open_warehouse
from schemas.sharing import Viewer, signal_attributes
from tahub import query_api
from tests.sharingkit import signals_of, with_report_classes
from tests.test_sharing_attacker import InDatabase, _load

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
# reports of one week on one route and level: four of each typology alone (k of others
# for the public too, after the largest contributor), and the group the rule must hide,
# one report of both
ALONE = [*[(f"f{i}", (FL,)) for i in range(4)], *[(f"d{i}", (DB,)) for i in range(4)]]
BOTH = [("r1", (FL, DB))]
EIGHT = tuple(f"org-{c}" for c in "abcdefgh")


def _world(
    reports: list[tuple[str, tuple[str, ...]]], tlp: str, orgs: tuple[str, ...]
) -> list[dict[str, Any]]:
    out = []
    for i, (rid, typologies) in enumerate(reports):
        out += _report(rid, orgs[i % len(orgs)], tlp, typologies, W + i * H)
    return out


VIEWERS = pytest.mark.parametrize(
    ("viewer", "tlp", "orgs"),
    [
        (ATTACKER, "GREEN", ("org-a",)),  # a member: k reports of others, one org will do
        (Viewer(), "CLEAR", EIGHT),  # the public: k after the largest contributor
    ],
    ids=["org-x", "public"],
)
PERIOD = {"since": "2026-10-05", "until": "2026-10-12", "clock": "reported"}
TYPOLOGY_QUERIES = [
    ("counts", {**PERIOD, "bucket": "all", "by": "typology"}),
    ("counts", {**PERIOD, "bucket": "all", "by": ""}),
    ("counts", {**PERIOD, "bucket": "all", "by": "origin"}),
    ("delays", {"since": "2026-10-05", "until": "2026-10-12"}),  # others pooled
]
PLACE_QUERIES = [
    ("counts", {**PERIOD, "bucket": "all", "by": "cell_fine"}),
    ("counts", {**PERIOD, "bucket": "all", "by": "location"}),
    ("hotspots", PERIOD),
    ("map", PERIOD),  # the console's map answers the country and its cells at once
]


def _per_signal(signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Classes as they were before migration 0013: each signal's own attributes."""
    return [{**s, "report_class": signal_attributes(s)} for s in signals]


def _compare(
    worlds: tuple[Any, Any],
    viewer: Viewer,
    with_group: list[dict[str, Any]],
    without: list[dict[str, Any]],
    queries: list[tuple[str, dict[str, str]]],
) -> tuple[list[Any], list[Any]]:
    p, q = worlds
    _load(p, with_group)
    _load(q, without)
    return _answers(p, viewer, queries), _answers(q, viewer, queries)


def _typology_worlds(tlp: str, orgs: tuple[str, ...]) -> tuple[list[Any], list[Any]]:
    return (
        with_report_classes(_world(ALONE + BOTH, tlp, orgs)),
        with_report_classes(_world(ALONE, tlp, orgs)),
    )


@VIEWERS
def test_a_total_against_its_breakdown_tells_no_combination_below_k(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """Whether one report of that week, route and level was both forced labour and debt
    bondage (a group of one) changes no answer: not the breakdown by typology, not the
    total, not ``by=origin``, not the delays. Reproduction of the old leak:
    GET /api/v1/query/counts?since=…&until=…&bucket=all&by=typology, then by= (empty)."""
    with_group, without = _typology_worlds(tlp, orgs)
    got, want = _compare(two_worlds, viewer, with_group, without, TYPOLOGY_QUERIES)
    assert got == want, f"the group of one shows: {got} vs {want}"
    assert [r[:2] for r in want[0]] == [(DB, 4), (FL, 4)]  # the rest is still shown


@VIEWERS
def test_canary_with_a_class_per_signal_the_combination_shows(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """The same worlds landed as before migration 0013: the report of both typologies is
    in a released class of each, the totals count it once, and the answers differ."""
    with_group, without = _typology_worlds(tlp, orgs)
    got, want = _compare(
        two_worlds, viewer, _per_signal(with_group), _per_signal(without), TYPOLOGY_QUERIES
    )
    assert got != want


@VIEWERS
def test_a_combination_k_reports_share_is_released_whole(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """k reports of both typologies are a class of their own, released: each shows under
    both typologies and once in the total, so the total is the sum of the disjoint classes
    (4 of forced labour alone, 4 of debt bondage alone, 4 of both)."""
    both = [(f"r{i}", (FL, DB)) for i in range(4)]
    world = with_report_classes(_world(ALONE + both, tlp, orgs))
    p, _ = two_worlds
    _load(p, world)
    by_typology, total, *_ = _answers(p, viewer, TYPOLOGY_QUERIES)
    assert [r[:2] for r in by_typology] == [(DB, 8), (FL, 8)]
    assert total[0][0] == 12


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


def _place_worlds(tlp: str, orgs: tuple[str, ...]) -> tuple[list[Any], list[Any]]:
    a, b = "it1a", "it1b"
    alone: list[dict[str, Any]] = []
    for i in range(4):
        alone += _report_at(f"a{i}", orgs[(1 + i) % len(orgs)], tlp, (a,), W + (1 + i) * H)
        alone += _report_at(f"b{i}", orgs[(5 + i) % len(orgs)], tlp, (b,), W + (5 + i) * H)
    both = _report_at("r1", orgs[0], tlp, (a, b), W)
    return with_report_classes(alone + both), with_report_classes(alone)


@VIEWERS
def test_a_country_against_its_cells_tells_no_report_of_two_places(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """Whether one report named both towns of a country (two city-sized cells) changes no
    answer: not the cells, not the country (counts, hotspots), not the console's map,
    which answers the country and its cells at once."""
    with_group, without = _place_worlds(tlp, orgs)
    got, want = _compare(two_worlds, viewer, with_group, without, PLACE_QUERIES)
    assert got == want, f"the report of two places shows: {got} vs {want}"
    assert [r[:2] for r in want[0]] == [("it1a", 4), ("it1b", 4)]


@VIEWERS
def test_canary_with_a_class_per_signal_the_two_places_show(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    with_group, without = _place_worlds(tlp, orgs)
    got, want = _compare(
        two_worlds, viewer, _per_signal(with_group), _per_signal(without), PLACE_QUERIES
    )
    assert got != want
