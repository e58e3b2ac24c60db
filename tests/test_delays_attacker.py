"""Another partner (org-x, with its own key) against `delays`, by hand: named attacks on the
report-delay distribution, each run as org-x and as the public on two worlds that differ
only by a report the sharing rule must keep hidden; every answer must be the same.

The attacks: differencing across periods, bucket sizes, groupings, filters and the two
clocks; padding the target's release class with the attacker's own reports; 'others'
against 'all'; delays combined with counts, hotspots and routes; occurrence precision
(the target known only to the month or the year, the padding to the day); and a
histogram that would split a class into its exact delays. A canary shows the battery
tells the worlds apart when release control is off, so it is not blind.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from consumers import queries
from schemas.sharing import BUCKETS, CLOCKS, Viewer
from tahub import query_api
from tests.sharingkit import release_class, released, signals_of, unreleased
from tests.test_sharing_attacker import _load, worlds

__all__ = ["worlds"]  # the two-warehouse fixture (chDB databases, or a ClickHouse server)

K = 3
ATTACKER = "org-x"
VIEWS = (Viewer(ATTACKER), Viewer())
W = datetime(2026, 10, 7, 9, tzinfo=UTC)  # a Wednesday
NOW = W + timedelta(days=3)
NG_IT = ("forced_labour", "NG", "IT")

# Others' released classes around the target: three organisations each time, CLEAR (the
# public sees them) and GREEN (members do), reported this week about the first days of
# October, and about the middle of January (the target's month, not its week).
WORLD = [
    *[(f"c-{o}", f"org-{o}", "CLEAR", *NG_IT, W, (date(2026, 10, 1), "day")) for o in "abc"],
    *[(f"g-{o}", f"org-{o}", "GREEN", *NG_IT, W, (date(2026, 10, 2), "day")) for o in "abc"],
    *[(f"j-{o}", f"org-{o}", "GREEN", *NG_IT, W, (date(2026, 1, 13), "day")) for o in "abc"],
]


def _target(tlp: str, occurred: tuple[date | None, str]) -> tuple[Any, ...]:
    """org-d's one report, nine months late (or of a coarser occurrence)."""
    return ("target", "org-d", tlp, *NG_IT, W + timedelta(hours=2), occurred)


TARGETS = {
    "green-to-the-day": _target("GREEN", (date(2026, 1, 21), "day")),
    "clear-to-the-day": _target("CLEAR", (date(2026, 1, 21), "day")),
    "green-to-the-month": _target("GREEN", (date(2026, 2, 1), "month")),
    "green-to-the-year": _target("GREEN", (date(2025, 1, 1), "year")),
    "green-unknown": _target("GREEN", (None, "unknown")),
}


def _padding(target: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """The attacker's own reports in the target's class, and beside it: the same time,
    route and level, occurrences on the target's day (or in its month) and around it."""
    occ: tuple[date | None, str] = target[-1]
    days = [date(2026, 1, 21), date(2026, 1, 20), date(2026, 1, 28), date(2026, 2, 3)]
    near = [(d, "day") for d in days]
    return [
        (f"pad-{i}", ATTACKER, target[2], *NG_IT, target[6] + timedelta(minutes=i), o)
        for i, o in enumerate([occ, occ, occ, *near])
    ]


def _grid(bin_: str) -> list[tuple[str, dict[str, str]]]:
    """Every query of the battery under one release bin: all time, the target's week, and
    two years; every bucket size the bin allows; groups and filters; both clocks."""
    periods: list[dict[str, str]] = [
        {"since": "all"},
        {"since": "2026-01-19", "until": "2026-01-26"},
        {"since": "2025-01-01", "until": "2026-12-31"},
    ]
    out: list[tuple[str, dict[str, str]]] = []
    for clock in CLOCKS:
        for period in periods:
            p = {**period, "clock": clock}
            out += [("delays", {**p, "bucket": bucket}) for bucket in BUCKETS[bin_]]
            out.append(("delays", {**p, "by": "typology,destination,cell_fine"}))
            out.append(("delays", {**p, "origin": "NG", "typology": "forced_labour"}))
            out.append(("counts", {**p, "by": "origin"}))
            out.append(("routes", p))
            if "until" in p:
                out.append(("hotspots", {**p, "level": "cell_fine"}))
    return out


def _answers(wh: Any, bin_: str) -> list[Any]:
    out: list[Any] = []
    for name, params in _grid(bin_):
        for viewer in VIEWS:
            try:
                out.append(query_api.run(wh, name, params, viewer, K, NOW, bin_=bin_).rows)
            except queries.QueryError as err:
                out.append(str(err))
    return out


def _hidden(world: list[Any], target: tuple[Any, ...], bin_: str) -> bool:
    """The premise: no view of the attacker's releases the target's class."""
    signals = signals_of([*world, target])
    mine = {release_class(s, bin_) for s in signals_of([target])}
    return not any(
        release_class(s, bin_) in mine and s["org_id"] != v.org_id
        for v in VIEWS
        for s in released(signals, v, K, bin_)
    )


@pytest.fixture
def pair(worlds: tuple[Any, Any, str]) -> tuple[Any, Any]:
    wa, wb, _ = worlds
    return wa, wb


# each target under the default week bins, and under the bin its precision meets (its day
# under day bins; a month-precision target under month bins, where its month is a class)
CASES = [("week", name) for name in TARGETS] + [
    ("day", "green-to-the-day"),
    ("month", "green-to-the-month"),
]


@pytest.mark.parametrize(("bin_", "name"), CASES)
def test_no_delays_attack_tells_a_hidden_report_from_none(
    pair: tuple[Any, Any], bin_: str, name: str
) -> None:
    wa, wb = pair
    target = TARGETS[name]
    world = [*WORLD, *_padding(target)]
    assert _hidden(world, target, bin_)  # the premise
    _load(wa, signals_of([*world, target]))
    _load(wb, signals_of(world))
    assert _answers(wa, bin_) == _answers(wb, bin_)


def test_the_battery_finds_the_target_when_release_control_is_off(
    pair: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    wa, wb = pair
    target = TARGETS["green-to-the-day"]
    world = [*WORLD, *_padding(target)]
    _load(wa, signals_of([*world, target]))
    _load(wb, signals_of(world))
    monkeypatch.setattr(queries, "released_rows", unreleased)
    assert _answers(wa, "week") != _answers(wb, "week")


def test_a_histogram_never_splits_a_class_into_its_exact_delays(pair: tuple[Any, Any]) -> None:
    """Three organisations' reports of one week's occurrences (4, 5 and 6 days late): with
    week bins they are one class and one delay, 'reported the week after'; with day bins
    they are three classes of one, and none shows. The attacker's own exact delays never
    move others' into another bucket."""
    wa, _ = pair
    week = [
        (f"w-{o}", f"org-{o}", "GREEN", *NG_IT, W, (date(2026, 10, d), "day"))
        for o, d in zip("abc", (1, 2, 3), strict=True)
    ]
    own = [("mine", ATTACKER, "GREEN", *NG_IT, W, (date(2026, 10, 6), "day"))]
    _load(wa, signals_of(week + own))
    mine, others = query_api.run(
        wa, "delays", {"since": "all"}, Viewer(ATTACKER), K, NOW
    ).as_dicts()
    assert (mine["organisation"], mine["max_days"], mine["1-6d"]) == (ATTACKER, 1, 1)
    assert others["organisation"] == "others"
    assert (others["reports"], others["p50_days"], others["p90_days"]) == (3, 7, 7)
    assert (others["max_days"], others["1w"], others["1-6d"]) == (7, 3, 0)
    by_day = query_api.run(wa, "delays", {"since": "all"}, Viewer(ATTACKER), K, NOW, bin_="day")
    assert [r["organisation"] for r in by_day.as_dicts()] == [ATTACKER]
    # the public: GREEN is for members only
    assert query_api.run(wa, "delays", {"since": "all"}, Viewer(), K, NOW).rows == []


def test_month_bins_do_not_split_a_class_by_occurrence_precision(pair: tuple[Any, Any]) -> None:
    """Under month bins a report known to the day and one known only to its month are one
    class (both are held as their month). No other query can tell them apart; a delay
    measured for one and not the other would: whether org-d, the organisation that
    records by the month, has a report in the class, and which."""
    wa, wb = pair
    three = [(f"m-{o}", f"org-{o}", "GREEN", *NG_IT, W, (date(2026, 3, 10), "day")) for o in "abc"]
    by_month = ("m-d", "org-d", "GREEN", *NG_IT, W, (date(2026, 3, 1), "month"))
    by_day = ("m-d", "org-d", "GREEN", *NG_IT, W, (date(2026, 3, 20), "day"))
    _load(wa, signals_of([*three, by_month]))
    _load(wb, signals_of([*three, by_day]))
    asked = [{"since": "all"}, {"since": "all", "clock": "occurred", "bucket": "month"}]
    for viewer in (Viewer(ATTACKER), Viewer()):
        for params in asked:
            a = query_api.run(wa, "delays", params, viewer, K, NOW, bin_="month").rows
            b = query_api.run(wb, "delays", params, viewer, K, NOW, bin_="month").rows
            assert a == b, (viewer, params)
    (others,) = query_api.run(wa, "delays", {"since": "all"}, Viewer(ATTACKER), K, NOW,
                              bin_="month").as_dicts()  # fmt: skip
    # October's start minus March's: every report of the class, whatever its precision
    assert (others["reports"], others["to_the_day"], others["max_days"]) == (4, 4, 214)
