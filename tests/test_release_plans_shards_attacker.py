"""The member plans (consumers.release.MEMBER_PLANS) on a warehouse sharded over two
ClickHouse servers (consumers.sharding), against the same world on chDB: a class's rows
lie on both shards (signals are sharded by signal id, a report's signals apart), so the
prefilter's row count and the distinct reports must both be counted over the cluster,
never per shard; its PREWHERE holds a subquery of a Distributed table inside a subquery
of one. An attacker pads a group of two others' reports with its own and differences
periods; a seeded world has classes of every size, some rows landed twice. Each plan's
answers on the shards must be chDB's, for the public, the attacker and a member with an
AMBER partner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from consumers import migrations, tables
from consumers.warehouse import Warehouse, open_warehouse
from schemas.sharing import CLOCKS
from tests.services import fresh_warehouse_url
from tests.sharingkit import signals_of
from tests.test_release_plans import (
    BIG,
    DIFFERENCING,
    GROUP,
    PADS,
    _every_query,
    _seeded,
    _under_each_plan,
)

pytestmark = pytest.mark.clickhouse


def _load(wh: Warehouse, signals: list[dict[str, Any]]) -> None:
    landed = [tables.Landed(s, 0, i) for i, s in enumerate(signals)]
    wh.insert("signals", tables.to_columns(tables.SIGNALS, landed), tables.SIGNALS.types)


@pytest.fixture(scope="module")
def pair(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Warehouse, Warehouse]]:
    """The same world on two shards and on chDB."""
    signals = _seeded(2_000) + signals_of(GROUP + PADS + BIG)
    signals += signals[:300] + signals_of(GROUP)  # landed twice: the group holds k rows
    made = []
    for backend in ("shards", "chdb"):
        wh = open_warehouse(fresh_warehouse_url(request, backend, tmp_path_factory.mktemp("p")))
        migrations.migrate(wh)
        _load(wh, signals)
        made.append(wh)
    yield made[0], made[1]
    for wh in made:
        wh.close()


def _sorted(answers: list[Any]) -> list[Any]:
    return [sorted(map(repr, rows)) for rows in answers]


@pytest.mark.parametrize("clock", CLOCKS)
def test_both_plans_on_shards_answer_as_one_node_does(
    pair: tuple[Warehouse, Warehouse], clock: str
) -> None:
    shards, one = pair
    asked = [(name, {**params, "clock": clock}) for name, params in DIFFERENCING]
    asked += _every_query(clock, "day")
    on_shards = _under_each_plan(shards, asked, "day")
    assert _sorted(on_shards) == _sorted(_under_each_plan(one, asked, "day"))
    assert any(on_shards)
