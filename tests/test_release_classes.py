"""The stored release class (consumers.release.class_column, migration 0005) against the
class hashed in the query, on both warehouses.

Random worlds: several organisations, every sharing level, classes of others' reports
around k (k - 1, k, k + 1 reports), occurrences to the day, month, year or unknown,
reports over weeks so the release bins split them. Rows are landed before the migration,
then the migration runs, then a retried batch and new rows arrive. Every query, for every
kind of viewer (a member organisation, one with AMBER partners, one with no records,
the public that an operator views as), on both clocks, must answer exactly as the query
that hashes the class itself: the stored column is one more rendering of ``class_id``,
never a second rule.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from consumers import migrations, queries, release
from consumers.warehouse import Warehouse, open_warehouse
from schemas.sharing import BINS, Viewer
from tests.sharingkit import land_signals, unreleased, with_report_classes

pytestmark = [pytest.mark.chdb, pytest.mark.clickhouse]

K = 3
T0 = datetime(2026, 9, 7, tzinfo=UTC)  # a Monday
END = T0 + timedelta(weeks=8)
ORGS = ("org-a", "org-b", "org-c", "org-d", "org-e", "news:wire")
TLPS = ("CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED")
VIEWERS = (
    Viewer("org-a"),
    Viewer("org-b", frozenset({"org-c"})),
    Viewer("org-z"),  # a member with no records of its own
    Viewer(),  # the public: what the operator sees unless viewing as an organisation
)


def _occurrence(rng: random.Random, at: datetime) -> tuple[date | None, str]:
    precision = rng.choice(("day", "day", "day", "month", "year", "unknown"))
    day = (at - timedelta(days=rng.randrange(0, 40))).date()
    if precision == "month":
        return day.replace(day=1), precision
    if precision == "year":
        return day.replace(month=1, day=1), precision
    return (day if precision == "day" else None), precision


def world(seed: int, tag: str) -> list[dict[str, Any]]:
    """Groups of reports sharing most of a class, of k - 1 to k + 1 reports each, mixed
    with loose reports; one to three signals per report."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    n = 0
    for _ in range(60):
        size = rng.choice((1, K - 1, K, K + 1))
        tlp, typ = rng.choice(TLPS), rng.choice(("forced_labour", "sexual_exploitation"))
        origin, dest = rng.choice((("NG", "IT"), ("VN", "GB"), ("MM", "TH")))
        at = T0 + timedelta(days=rng.randrange(0, 56), hours=rng.randrange(24))
        occ = _occurrence(rng, at)
        for _ in range(size):
            n += 1
            org = rng.choice(ORGS)
            when = at + timedelta(hours=rng.randrange(0, 30))  # may cross into the next bin
            for i, (role, country) in enumerate(
                (("origin", origin), ("destination", dest), ("destination", dest))[
                    : rng.randrange(1, 4)
                ]
            ):
                out.append({
                    "signal_id": f"{tag}-{n}-{i}", "event_time": when, "occurred_on": occ[0],
                    "occurred_precision": occ[1],
                    "source_kind": "news" if org.startswith("news:") else "partner",
                    "source_id": f"{tag}-r{n}", "org_id": org, "typology": typ,
                    "origin_country": origin, "transit_countries": [],
                    "destination_country": dest, "location_country": country, "role": role,
                    "lat": None, "lon": None, "cell_coarse": f"{country.lower()}{i % 2}",
                    "cell_fine": f"{country.lower()}{i % 2}f", "weight": 1.0, "tlp": tlp,
                })  # fmt: skip
    return with_report_classes(out)  # as normalize writes them


def land(wh: Warehouse, signals: list[dict[str, Any]]) -> None:
    land_signals(wh, signals)


def _hashed(wh: Warehouse) -> Callable[[str], str]:
    """The class expression for the table as it is: the report's since 0013."""
    if "report_class" in migrations.columns_of(wh, "signals"):
        return release.class_id
    return release.signal_class_id


@contextmanager
def hashed_in_the_query(wh: Warehouse) -> Iterator[None]:
    """The raw path: the release check hashes the class columns of every row, and the
    level and precision are read from their strings (no stored column of 0005 or 0006,
    nor 0007's copy by organisation: the member plan that reads signals alone)."""
    codes = {name: expr for name, _, expr in release.CODE_COLUMNS}
    with pytest.MonkeyPatch.context() as mp, release.member_plan("prefiltered"):
        mp.setattr(release, "class_column", _hashed(wh))
        mp.setattr(release, "TLP_CODE", codes[release.TLP_CODE])
        mp.setattr(release, "PREC_CODE", codes[release.PREC_CODE])
        yield


def _asks(bin_: str) -> list[Callable[[Warehouse, Viewer], Any]]:
    start, mid = T0 + timedelta(weeks=2), T0 + timedelta(weeks=4)
    out: list[Callable[[Warehouse, Viewer], Any]] = []
    for clock in ("occurred", "reported"):
        common: dict[str, Any] = {"k": K, "bin_": bin_, "clock": clock}
        out += [
            partial(queries.counts, start=None, end=None, by=["typology", "location"],
                    bucket="all", **common),
            partial(queries.counts, start=start, end=END, by=["origin", "destination"],
                    bucket="month" if bin_ != "week" else "week", **common),
            partial(queries.hotspots, start=mid, end=END, level="cell", limit=50, **common),
            partial(queries.routes, start=start, end=END, limit=50, **common),
            partial(queries.delays, start=None, end=None, by=["typology"], **common),
        ]  # fmt: skip
    return out


def answers(wh: Warehouse) -> list[Any]:
    out = []
    for bin_ in BINS:
        for ask in _asks(bin_):
            out += [ask(wh, v).rows for v in VIEWERS]
    return out


def _stored_equals_hashed(wh: Warehouse) -> None:
    for bin_ in BINS:
        col, expr = release.class_column(bin_), _hashed(wh)(bin_)
        differ, rows = wh.query(f"SELECT countIf({col} != {expr}), count() FROM signals")[0]
        assert rows > 0
        assert differ == 0, bin_


@pytest.fixture(params=["chdb", "server"])
def wh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Warehouse]:
    if request.param == "chdb":
        warehouse = open_warehouse(f"chdb://{tmp_path / 'chdb'}")
        yield warehouse
        warehouse.close()
        return
    server = request.getfixturevalue("clickhouse_server")
    admin = open_warehouse(server)
    db = "rc_" + uuid.uuid4().hex[:10]
    admin.execute(f"CREATE DATABASE {db}")
    warehouse = open_warehouse(f"{server.rsplit('/', 1)[0]}/{db}")
    yield warehouse
    warehouse.close()
    admin.execute(f"DROP DATABASE IF EXISTS {db}")
    admin.close()


@pytest.mark.parametrize("seed", [1, 2])
def test_stored_classes_answer_as_the_hashed_ones_before_and_after_backfill(
    wh: Warehouse, seed: int
) -> None:
    migrations.migrate(wh)
    migrations.rollback(wh, 4)  # a warehouse from before the stored classes
    assert release.class_column("week") not in migrations.columns_of(wh, "signals")
    first = world(seed, "a")
    land(wh, first)
    with hashed_in_the_query(wh):
        before = answers(wh)
    assert any(rows for rows in before)  # the worlds release something to someone...
    with hashed_in_the_query(wh), pytest.MonkeyPatch.context() as mp:  # ...and hold some
        mp.setattr(queries, "released_rows", unreleased)  # small groups back
        assert answers(wh) != before

    migrations.migrate(wh, upto=12)  # 0005: the columns, filled for the rows landed
    _stored_equals_hashed(wh)
    assert answers(wh) == before

    land(wh, first[: len(first) // 2])  # the sink retrying a batch it had written
    later = world(seed + 100, "b")
    land(wh, later)
    _stored_equals_hashed(wh)
    with hashed_in_the_query(wh):
        raw = answers(wh)
    assert answers(wh) == raw
    assert raw != before  # the new rows changed the answers: the comparison can fail

    migrations.migrate(wh)  # 0013: every row landed again in its report's class
    _stored_equals_hashed(wh)
    with hashed_in_the_query(wh):
        per_report = answers(wh)
    assert answers(wh) == per_report
