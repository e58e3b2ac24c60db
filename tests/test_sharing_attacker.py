"""An attacker with its own API key against the query API, on both warehouses.

The attacker (org-x) may query as itself and as the public, with any parameters, in any
order, and may pad the data with reports of its own. It wins if some sequence of answers
differs between two worlds that differ only by a small group of other organisations'
reports (one the rule says must stay hidden). Hypothesis searches for such a sequence;
the rule holds if it finds none. A canary checks that the same search does find leaks
when release control is switched off, so the search is not blind.

Reports have two times, when they were reported and when what they report occurred (to
the day, month or year, or not at all), and the attacker may ask on either clock. A
release class holds both times, so answers on the two clocks are unions of the same
classes; a differencing attack across the clocks is tried on its own below, with canaries
showing that classes keyed by one clock only would leak.

The SQL the queries run is also checked against a reference of the rule written from
schemas.sharing alone (tests/sharingkit.py): one rule, two renderings, same answers.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, assume, find, given, settings
from hypothesis import strategies as st

from consumers import migrations, queries, release, tables
from consumers.release import BIN_SQL, CLASS_COLUMNS, CODE_COLUMNS, TLP_CODE, occurred_key, visible
from consumers.warehouse import Warehouse, open_warehouse
from schemas.sharing import (
    BINS,
    BUCKETS,
    CLOCKS,
    PRECISIONS,
    Viewer,
    may_see,
    placed,
    size_start,
    snap,
    within,
)
from tahub import query_api
from tests.sharingkit import (
    copy_by_org_again,
    release_class,
    released,
    signals_of,
    unreleased,
    when,
)

K = 3
T0 = datetime(2026, 10, 5, tzinfo=UTC)
NOW = T0 + timedelta(days=6)
ATTACKER = "org-x"
OTHERS = ("org-a", "org-b", "org-c", "news:wire")
LEVELS = ("CLEAR", "GREEN", "AMBER", "RED")
VIEWS = (Viewer(ATTACKER), Viewer())  # what the attacker can ask as


class InDatabase:
    """One chDB session, several databases: every call first switches to its own."""

    def __init__(self, wh: Warehouse, db: str) -> None:
        self.wh, self.db, self.name = wh, db, f"{wh.name}/{db}"
        wh.execute(f"CREATE DATABASE IF NOT EXISTS {db}")

    def execute(self, sql: str) -> None:
        self.wh.execute(f"USE {self.db}")
        self.wh.execute(sql)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        self.wh.execute(f"USE {self.db}")
        return self.wh.query(sql)

    def insert(self, table: str, columns: Any, types: dict[str, str] | None = None) -> int:
        self.wh.execute(f"USE {self.db}")
        return self.wh.insert(table, columns, types)

    def ping(self) -> None:
        self.wh.ping()

    def close(self) -> None:
        pass


@pytest.fixture(scope="module", params=["chdb", "server"])
def worlds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Any, Any, str]]:
    """Two empty warehouses (world A, world B) on one backend."""
    if request.param == "chdb":
        base = open_warehouse(f"chdb://{tmp_path_factory.mktemp('atk') / 'chdb'}")
        pair: list[Any] = [InDatabase(base, "world_a"), InDatabase(base, "world_b")]
        closer = base
    else:
        server = request.getfixturevalue("clickhouse_server")
        admin = open_warehouse(server)
        pair = []
        for _ in range(2):
            db = "atk_" + uuid.uuid4().hex[:10]
            admin.execute(f"CREATE DATABASE {db}")
            pair.append(open_warehouse(f"{server.rsplit('/', 1)[0]}/{db}"))
        closer = admin
    for wh in pair:
        migrations.migrate(wh)
    yield pair[0], pair[1], request.param
    for wh in pair:
        wh.close()
    closer.close()


_counter = iter(range(10**9))


def _load(wh: Any, signals: list[dict[str, Any]]) -> None:
    """Replace the signals table's content (a fresh table: 18.16 has no quick TRUNCATE),
    and its copy by organisation (migration 0007) with it: the first half of the rows
    copied by the migration's backfill, the rest by its view as they are inserted."""
    name = f"signals_{next(_counter)}"
    wh.execute(tables.SIGNALS.ddl().replace("EXISTS signals", f"EXISTS {name}", 1))
    half = len(signals) // 2
    landed = [tables.Landed(s, 0, i) for i, s in enumerate(signals)]
    if half:
        wh.insert(name, tables.to_columns(tables.SIGNALS, landed[:half]), tables.SIGNALS.types)
    wh.execute("DROP TABLE IF EXISTS signals")
    wh.execute(f"RENAME TABLE {name} TO signals")
    copy_by_org_again(wh)
    if landed[half:]:
        wh.insert("signals", tables.to_columns(tables.SIGNALS, landed[half:]), tables.SIGNALS.types)


# --- worlds ---

_typology = st.sampled_from(["forced_labour", "sexual_exploitation"])
_country = st.sampled_from(["NG", "VN"]), st.sampled_from(["IT", "GB"])


Report = tuple[str, str, str, str, str, str, datetime, tuple[date | None, str]]


@st.composite
def _report(draw: st.DrawFn, orgs: tuple[str, ...]) -> Report:
    org = draw(st.sampled_from(orgs))
    tlp = "CLEAR" if org.startswith("news:") else draw(st.sampled_from(LEVELS))
    when = T0 + timedelta(days=draw(st.integers(0, 3)), seconds=draw(st.integers(0, 86_399)))
    origin, dest = draw(_country[0]), draw(_country[1])
    # occurred on the day it was reported, or up to ~10 weeks before, known to some precision
    precision = draw(st.sampled_from(PRECISIONS))
    day = when.date() - timedelta(days=draw(st.integers(0, 70)))
    occ = (None, precision) if precision == "unknown" else (size_start(day, precision), precision)
    return (f"r{uuid.uuid4().hex[:10]}", org, tlp, draw(_typology), origin, dest, when, occ)


def _world() -> st.SearchStrategy[list[Report]]:
    return st.lists(_report(OTHERS), max_size=30)


def _padding() -> st.SearchStrategy[list[Report]]:
    return st.lists(_report((ATTACKER,)), max_size=6)


def _hidden() -> st.SearchStrategy[list[Report]]:
    return st.lists(_report(OTHERS), min_size=1, max_size=K - 1)


def _hidden_stays_hidden(world: list[Any], hidden: list[Any], bin_: str) -> bool:
    """The premise: in the world with the hidden group, no view the attacker has releases
    any class the group is in (the rule says so; the SQL must agree)."""
    with_group = signals_of(world + hidden)
    classes = {release_class(s, bin_) for s in signals_of(hidden)}
    for viewer in VIEWS:
        shown = released(with_group, viewer, K, bin_)
        if any(release_class(s, bin_) in classes and s["org_id"] != viewer.org_id for s in shown):
            return False
    return True


# --- queries the attacker may send ---

_DIMS = ["typology", "origin", "destination", "location", "cell", "cell_fine", "source_kind"]


def _moment(draw: st.DrawFn) -> str:
    # around the reports, or back among the occurrences
    back = draw(st.sampled_from([1, 80]))
    at = T0 + timedelta(seconds=draw(st.integers(-back * 86_400, 5 * 86_400)))
    return at.isoformat().replace("+00:00", "Z")


@st.composite
def _query(draw: st.DrawFn, bin_: str) -> tuple[str, dict[str, str]]:
    name = draw(st.sampled_from(["counts", "hotspots", "routes", "delays", "map"]))
    p: dict[str, str] = {"since": "all" if draw(st.integers(0, 4)) == 0 else _moment(draw)}
    p["clock"] = draw(st.sampled_from(CLOCKS))
    if draw(st.booleans()):
        p["until"] = _moment(draw)
    if name in {"counts", "delays"}:
        p["by"] = ",".join(draw(st.lists(st.sampled_from(_DIMS), unique=True, max_size=3)))
        p["bucket"] = draw(st.sampled_from(BUCKETS[bin_]))
        for dim in draw(st.lists(st.sampled_from(["typology", "origin", "location"]), max_size=2)):
            p[dim] = {
                "typology": draw(_typology),
                "origin": draw(_country[0]),
                "location": draw(st.sampled_from(["NG", "VN", "IT", "GB"])),
            }[dim]
    elif name == "hotspots":
        p["level"] = draw(st.sampled_from(["country", "cell", "cell_fine"]))
    if name in {"hotspots", "routes", "map"} and draw(st.booleans()):
        p["typology"] = draw(_typology)
    return name, p


def _answers(
    wh: Any, asked: list[tuple[str, dict[str, str]]], bin_: str, viewers: tuple[Viewer, ...] = VIEWS
) -> list[Any]:
    out: list[Any] = []
    for name, params in asked:
        for viewer in viewers:
            try:
                out.append(query_api.run(wh, name, params, viewer, K, NOW, bin_=bin_).rows)
            except queries.QueryError as err:
                out.append(str(err))
    return out


def _distinguishes(worlds: tuple[Any, Any, str], case: tuple[Any, ...]) -> bool:
    bin_, world, padding, hidden, asked = case
    wa, wb, _ = worlds
    _load(wa, signals_of(world + padding + hidden))
    _load(wb, signals_of(world + padding))
    return _answers(wa, asked, bin_) != _answers(wb, asked, bin_)


def _case(bin_: str) -> st.SearchStrategy[tuple[Any, ...]]:
    queries_ = st.lists(_query(bin_), min_size=1, max_size=6)
    return st.tuples(st.just(bin_), _world(), _padding(), _hidden(), queries_)


_CASES = st.sampled_from(BINS).flatmap(_case)
_SLOW = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]


@settings(max_examples=60, deadline=None, suppress_health_check=_SLOW)
@given(case=_CASES)
def test_no_query_sequence_tells_a_small_group_from_none(
    worlds: tuple[Any, Any, str], case: tuple[Any, ...]
) -> None:
    bin_, world, padding, hidden, _ = case
    assume(_hidden_stays_hidden(world + padding, hidden, bin_))
    assert not _distinguishes(worlds, case)


def test_the_search_finds_leaks_when_release_control_is_off(
    worlds: tuple[Any, Any, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The canary: with records released whatever their class (sharing levels still
    applied), the same search must find a distinguishing sequence quickly."""
    monkeypatch.setattr(queries, "released_rows", unreleased)
    found = find(
        _CASES,
        lambda case: (
            _hidden_stays_hidden(case[1] + case[2], case[3], case[0])
            and _distinguishes(worlds, case)
        ),
        settings=settings(  # the first leak found will do: shrinking it proves nothing more
            max_examples=200,
            deadline=None,
            suppress_health_check=_SLOW,
            database=None,
            phases=[Phase.generate],
        ),
    )
    assert found


# --- the SQL is the rule ---


def test_the_visibility_sql_is_the_rule(worlds: tuple[Any, Any, str]) -> None:
    wh = worlds[0]
    viewers = [Viewer(), Viewer("org-a"), Viewer("org-a", frozenset({"org-b"})), Viewer("org-c")]
    code = {name: expr for name, _, expr in CODE_COLUMNS}
    for viewer in viewers:
        for org in ("org-a", "org-b", "org-c"):
            for tlp in ("CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED"):
                row = f"SELECT '{org}' AS org_id, '{tlp}' AS tlp"
                got = wh.query(  # the level as the warehouse codes it (migration 0006)
                    f"SELECT {visible(viewer)} FROM "
                    f"(SELECT org_id, {code[TLP_CODE]} AS {TLP_CODE} FROM ({row}))"
                )[0][0]
                assert bool(got) == may_see(viewer, org, tlp), (viewer, org, tlp)


def _reference_counts(
    signals: list[dict[str, Any]],
    viewer: Viewer,
    bin_: str,
    asked: tuple[str, str, datetime | None, datetime | None],
) -> list[tuple[Any, ...]]:
    """counts by typology and location, from the rule alone: released records, inside the
    period on the clock, in the bucket their time is known to (None: undated)."""
    clock, size, start, end = asked
    lo, hi = (start.date(), end.date()) if start and end else (None, None)
    groups: dict[tuple[Any, ...], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for s in released(signals, viewer, K, bin_):
        if not within(when(s, clock), lo, hi):
            continue
        at = placed(when(s, clock), size)
        reports, orgs = groups[
            (at.isoformat() if at else None, s["typology"], s["location_country"])
        ]
        reports.add(s["source_id"])
        orgs.add(s["org_id"])
    rows = [(d, t, loc, len(r), len(o)) for (d, t, loc), (r, o) in groups.items()]
    return sorted(rows, key=lambda r: (r[0] is None, r[0] or "", *r[1:]))


@settings(max_examples=40, deadline=None, suppress_health_check=_SLOW)
@given(
    bin_=st.sampled_from(BINS),
    world=_world(),
    padding=_padding(),
    clock=st.sampled_from(CLOCKS),
    days=st.one_of(st.none(), st.tuples(st.integers(-80, 5), st.integers(1, 90))),
    data=st.data(),
)
def test_the_release_sql_is_the_rule(
    worlds: tuple[Any, Any, str],
    bin_: str,
    world: list[Any],
    padding: list[Any],
    clock: str,
    days: tuple[int, int] | None,
    data: st.DataObject,
) -> None:
    size = data.draw(st.sampled_from([s for s in BUCKETS[bin_] if s != "all"]))
    signals = signals_of(world + padding)
    wh = worlds[0]
    _load(wh, signals)
    start = end = None
    if days is not None:
        start, end = snap(T0 + timedelta(days=days[0]), T0 + timedelta(days=sum(days)), bin_)
    for viewer in (*VIEWS, Viewer("org-a"), Viewer("org-a", frozenset({"org-b"}))):
        got = queries.counts(
            wh, viewer, start=start, end=end, by=["typology", "location"], bucket=size,
            bin_=bin_, clock=clock,
        ).rows  # fmt: skip
        want = _reference_counts(signals, viewer, bin_, (clock, size, start, end))
        assert got == want, (viewer, clock, size, start, end)


# --- a differencing attack across the two clocks ---
#
# Three reports of four organisations were reported this week and occurred this week; four
# others occurred in the first week of January and were reported then. One more report (of
# org-e) was reported this week about that week in January. Each clock alone puts it among
# at least k others (five reports this week; five that January week), but it is the only
# report that was both: whoever sees it on both clocks and subtracts learns that some
# organisation reported, this week, an occurrence of that January week.

W = datetime(2026, 10, 6, 9, tzinfo=UTC)  # a Tuesday
JAN = datetime(2026, 1, 6, 9, tzinfo=UTC)  # a Tuesday
ROUTE = ("GREEN", "forced_labour", "NG", "IT")
FOUR = ("org-a", "org-b", "org-c", "org-d")
CROSS_WORLD = [
    *[(f"fresh-{o}", o, *ROUTE, W, (W.date(), "day")) for o in FOUR],
    *[(f"old-{o}", o, *ROUTE, JAN, (JAN.date(), "day")) for o in FOUR],
]
TARGET = ("late-e", "org-e", *ROUTE, W + timedelta(hours=3), (JAN.date(), "day"))
CROSS_QUERIES = [
    {"since": "all", "bucket": "week", "clock": clock, "by": "origin"} for clock in CLOCKS
] + [
    {"since": since, "until": until, "bucket": "all", "clock": clock, "by": "origin"}
    for since, until in (("2026-10-05", "2026-10-12"), ("2026-01-05", "2026-01-12"))
    for clock in CLOCKS
]


ClassId = Callable[[str], str]


def _keyed_by(*, reported: bool, occurred: bool) -> ClassId:
    """A release class (consumers.release.class_id) keyed by one clock's time, or both."""

    def class_id(bin_: str) -> str:
        times = [BIN_SQL[bin_]] * reported + [occurred_key(bin_)] * occurred
        return f"cityHash64({', '.join([*times, *CLASS_COLUMNS])})"

    return class_id


def _cross_answers(wh: Any, class_of: dict[str, ClassId] | None = None) -> list[Any]:
    """Every cross-clock query as the attacker and as the public; ``class_of`` swaps in
    another release class per clock (the canaries)."""
    out = []
    for params in CROSS_QUERIES:
        with _classes(class_of[params["clock"]] if class_of else None):
            out += [query_api.run(wh, "counts", params, v, K, NOW).rows for v in VIEWS]
    return out


@contextmanager
def _classes(class_id: ClassId | None) -> Iterator[None]:
    real, stored = release.class_id, release.class_column
    release.class_id = class_id or real
    if class_id is not None:  # the stored column holds the real class: hash in the query
        release.class_column = class_id
    try:
        yield
    finally:
        release.class_id, release.class_column = real, stored


def test_subtracting_one_clock_from_the_other_isolates_no_report(
    worlds: tuple[Any, Any, str],
) -> None:
    wa, wb, _ = worlds
    with_target = signals_of([*CROSS_WORLD, TARGET])
    # the premise: alone in its class, so hidden from every view, though k others share
    # each of its times on one clock
    for viewer in VIEWS:
        assert "late-e" not in {s["source_id"] for s in released(with_target, viewer, K, "week")}
    _load(wa, with_target)
    _load(wb, signals_of(CROSS_WORLD))
    answers = _cross_answers(wa)
    assert answers == _cross_answers(wb)
    assert answers[0] == [("2026-01-05", "NG", 4, 4), ("2026-10-05", "NG", 4, 4)]
    # the canaries: classes keyed by the query's clock alone (report bin for answers by
    # report time, occurrence for answers by occurrence), and by report time alone (the
    # rule before two clocks): the target shows, and subtracting pairs its two times
    one_clock = _keyed_by(reported=True, occurred=False), _keyed_by(reported=False, occurred=True)
    for class_of in (
        {"reported": one_clock[0], "occurred": one_clock[1]},
        {"reported": one_clock[0], "occurred": one_clock[0]},
    ):
        assert _cross_answers(wa, class_of) != _cross_answers(wb, class_of)


# --- report delays: the late report's delay is its two times subtracted ---
#
# The target above is a report of this week about a week in January: 39 weeks late. A
# delays answer is a histogram of exactly that difference, so it must not show the target
# either: its delay is released with its class or not at all.

# the attacker pads the target's class with reports of its own: own reports never count
# towards k, so the class stays hidden
PADDING = [
    (f"pad-{i}", ATTACKER, *ROUTE, W + timedelta(hours=i), (JAN.date(), "day")) for i in range(4)
]
DELAY_QUERIES = [
    {"since": "all"},
    {"since": "all", "clock": "occurred", "bucket": "week"},
    {"since": "2026-10-05", "until": "2026-10-12", "by": "origin"},
    {"since": "2026-01-05", "until": "2026-01-12", "clock": "occurred"},
]


def _delay_answers(wh: Any, class_id: ClassId | None = None) -> list[Any]:
    out = []
    with _classes(class_id):
        for params in DELAY_QUERIES:
            out += [query_api.run(wh, "delays", params, v, K, NOW).rows for v in VIEWS]
    return out


def test_delays_tell_no_late_report_of_another_organisation(
    worlds: tuple[Any, Any, str],
) -> None:
    wa, wb, _ = worlds
    _load(wa, signals_of([*CROSS_WORLD, TARGET, *PADDING]))
    _load(wb, signals_of([*CROSS_WORLD, *PADDING]))
    answers = _delay_answers(wa)
    assert answers == _delay_answers(wb)
    # the attacker's own padding (a report just like the target) is its own, in full
    mine = query_api.run(wa, "delays", {"since": "all"}, Viewer(ATTACKER), K, NOW).as_dicts()
    assert (mine[0]["organisation"], mine[0]["max_days"]) == (ATTACKER, 273)
    assert [r["reports"] for r in mine[1:]] == [8]  # the eight of four others, not the target
    # the canary: classes keyed by report time alone put the target among the five
    # reports of this week, and its delay shows
    by_report = _keyed_by(reported=True, occurred=False)
    assert _delay_answers(wa, by_report) != _delay_answers(wb, by_report)
