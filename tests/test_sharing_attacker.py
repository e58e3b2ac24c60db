"""An attacker with its own API key against the query API, on both warehouses.

The attacker (org-x) may query as itself and as the public, with any parameters, in any
order, and may pad the data with reports of its own. It wins if some sequence of answers
differs between two worlds that differ only by a small group of other organisations'
reports (one the rule says must stay hidden). Hypothesis searches for such a sequence;
the rule holds if it finds none. A canary checks that the same search does find leaks
when release control is switched off, so the search is not blind.

The SQL the queries run is also checked against a reference of the rule written from
schemas.sharing alone (tests/sharingkit.py): one rule, two renderings, same answers.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, find, given, settings
from hypothesis import strategies as st

from consumers import migrations, queries, tables
from consumers.release import visible
from consumers.warehouse import Warehouse, open_warehouse
from schemas.sharing import BINS, BUCKETS, Viewer, bin_start, may_see
from tahub import query_api
from tests.sharingkit import release_class, released, signals_of

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
    """Replace the signals table's content (a fresh table: 18.16 has no quick TRUNCATE)."""
    name = f"signals_{next(_counter)}"
    wh.execute(tables.SIGNALS.ddl().replace("EXISTS signals", f"EXISTS {name}", 1))
    if signals:
        landed = [tables.Landed(s, 0, i) for i, s in enumerate(signals)]
        wh.insert(name, tables.to_columns(tables.SIGNALS, landed), tables.SIGNALS.types)
    wh.execute("DROP TABLE IF EXISTS signals")
    wh.execute(f"RENAME TABLE {name} TO signals")


# --- worlds ---

_typology = st.sampled_from(["forced_labour", "sexual_exploitation"])
_country = st.sampled_from(["NG", "VN"]), st.sampled_from(["IT", "GB"])


@st.composite
def _report(
    draw: st.DrawFn, orgs: tuple[str, ...]
) -> tuple[str, str, str, str, str, str, datetime]:
    org = draw(st.sampled_from(orgs))
    tlp = "CLEAR" if org.startswith("news:") else draw(st.sampled_from(LEVELS))
    when = T0 + timedelta(days=draw(st.integers(0, 3)), seconds=draw(st.integers(0, 86_399)))
    origin, dest = draw(_country[0]), draw(_country[1])
    return (f"r{uuid.uuid4().hex[:10]}", org, tlp, draw(_typology), origin, dest, when)


def _world() -> st.SearchStrategy[list[tuple[str, str, str, str, str, str, datetime]]]:
    return st.lists(_report(OTHERS), max_size=30)


def _padding() -> st.SearchStrategy[list[tuple[str, str, str, str, str, str, datetime]]]:
    return st.lists(_report((ATTACKER,)), max_size=6)


def _hidden() -> st.SearchStrategy[list[tuple[str, str, str, str, str, str, datetime]]]:
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
    at = T0 + timedelta(seconds=draw(st.integers(-86_400, 5 * 86_400)))
    return at.isoformat().replace("+00:00", "Z")


@st.composite
def _query(draw: st.DrawFn, bin_: str) -> tuple[str, dict[str, str]]:
    name = draw(st.sampled_from(["counts", "hotspots", "routes"]))
    p: dict[str, str] = {"since": _moment(draw)}
    if draw(st.booleans()):
        p["until"] = _moment(draw)
    if name == "counts":
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
    if name != "counts" and draw(st.booleans()):
        p["typology"] = draw(_typology)
    return name, p


def _answers(wh: Any, asked: list[tuple[str, dict[str, str]]], bin_: str) -> list[Any]:
    out: list[Any] = []
    for name, params in asked:
        for viewer in VIEWS:
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
    monkeypatch.setattr(queries, "released", lambda viewer, k, scope, bin_: "1")
    found = find(
        _CASES,
        lambda case: (
            _hidden_stays_hidden(case[1] + case[2], case[3], case[0])
            and _distinguishes(worlds, case)
        ),
        settings=settings(
            max_examples=200, deadline=None, suppress_health_check=_SLOW, database=None
        ),
    )
    assert found


# --- the SQL is the rule ---


def test_the_visibility_sql_is_the_rule(worlds: tuple[Any, Any, str]) -> None:
    wh = worlds[0]
    viewers = [Viewer(), Viewer("org-a"), Viewer("org-a", frozenset({"org-b"})), Viewer("org-c")]
    for viewer in viewers:
        for org in ("org-a", "org-b", "org-c"):
            for tlp in ("CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED"):
                got = wh.query(
                    f"SELECT {visible(viewer)} FROM (SELECT '{org}' AS org_id, '{tlp}' AS tlp)"
                )[0][0]
                assert bool(got) == may_see(viewer, org, tlp), (viewer, org, tlp)


def _reference_counts(
    signals: list[dict[str, Any]], viewer: Viewer, bin_: str
) -> list[tuple[Any, ...]]:
    groups: dict[tuple[Any, ...], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for s in released(signals, viewer, K, bin_):
        day = bin_start(s["event_time"], bin_).date().isoformat()
        reports, orgs = groups[(day, s["typology"], s["location_country"])]
        reports.add(s["source_id"])
        orgs.add(s["org_id"])
    return sorted((d, t, loc, len(r), len(o)) for (d, t, loc), (r, o) in groups.items())


@settings(max_examples=40, deadline=None, suppress_health_check=_SLOW)
@given(bin_=st.sampled_from(BINS), world=_world(), padding=_padding())
def test_the_release_sql_is_the_rule(
    worlds: tuple[Any, Any, str], bin_: str, world: list[Any], padding: list[Any]
) -> None:
    signals = signals_of(world + padding)
    wh = worlds[0]
    _load(wh, signals)
    for viewer in (*VIEWS, Viewer("org-a"), Viewer("org-a", frozenset({"org-b"}))):
        got = queries.counts(
            wh, viewer, start=T0 - timedelta(days=40), end=T0 + timedelta(days=40),
            by=["typology", "location"], bucket=bin_, bin_=bin_,
        ).rows  # fmt: skip
        assert sorted(got) == _reference_counts(signals, viewer, bin_), viewer
