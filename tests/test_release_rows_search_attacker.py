"""The public's row prefilter (consumers.release._sizable) searched by an attacker, on chDB.

tests/test_release_rows_attacker.py checks one planned world; here hypothesis plays an
organisation with its own key over random worlds in which rows are not reports: a
report has one or two rows per class (a row per place), and any rows may land two or three
times before a merge, the hidden group's included, so a class of fewer than k reports
easily holds k rows and passes the prefilter. The attacker pads with its own reports and
sends any sequence of counts, hotspots, routes, delays and map queries on either clock,
as itself and as the public. Two properties:

- every answer is the same with the prefilter and without it (the release check as it
  was before it): rows only ever decide which classes are worth counting;
- no sequence of answers tells a world with a small group of others' reports (k - 1 or
  fewer, landed as often as one likes) from the same world without it.

A canary counts rows as reports for the public, and the same search finds a leak.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, assume, find, given, settings
from hypothesis import strategies as st

from consumers import migrations, release, tables
from consumers.warehouse import open_warehouse
from schemas.sharing import BINS, Viewer
from tests.sharingkit import signals_of
from tests.test_sharing_attacker import (
    OTHERS,
    InDatabase,
    K,
    _answers,
    _hidden_stays_hidden,
    _load,
    _padding,
    _query,
    _report,
    _world,
)

pytestmark = pytest.mark.chdb


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[InDatabase, InDatabase]]:
    base = open_warehouse(f"chdb://{Path(tmp_path_factory.mktemp('rows')) / 'chdb'}")
    pair = InDatabase(base, "rows_a"), InDatabase(base, "rows_b")
    for wh in pair:
        migrations.migrate(wh)
    yield pair
    base.close()


def _landed(wh: InDatabase, signals: list[dict[str, Any]], again: list[int]) -> None:
    """The signals, then some of them landed again (a retried batch, not yet merged):
    ``again`` says how many more times each lands, cycled over the signals."""
    _load(wh, signals)
    if signals and any(again):
        extra = [s for i, s in enumerate(signals) for _ in range(again[i % len(again)])]
        if extra:
            landed = [tables.Landed(s, 1, i) for i, s in enumerate(extra)]
            wh.insert("signals", tables.to_columns(tables.SIGNALS, landed), tables.SIGNALS.types)


def _public(report: tuple[Any, ...], clear: bool) -> tuple[Any, ...]:
    return (*report[:2], "CLEAR", *report[3:]) if clear else report


# the hidden group at TLP:CLEAR half the time: the level the public's prefilter sees
_HIDDEN = st.lists(st.builds(_public, _report(OTHERS), st.booleans()), min_size=1, max_size=K - 1)


def _case(bin_: str, hidden: Any = _HIDDEN) -> st.SearchStrategy[tuple[Any, ...]]:
    again = st.lists(st.integers(0, 2), min_size=1, max_size=5)
    return st.tuples(
        st.just(bin_), _world(), _padding(), hidden, st.lists(_query(bin_), min_size=1,
        max_size=6), again, st.integers(1, 2),
    )  # fmt: skip


_CASES = st.sampled_from(BINS).flatmap(_case)
# the canary's search: a hidden group the public could see, so it is found in fewer tries
_PUBLIC_HIDDEN = st.lists(st.builds(_public, _report(OTHERS), st.just(True)), min_size=1,
                          max_size=K - 1)  # fmt: skip
_CANARY_CASES = st.sampled_from(BINS).flatmap(lambda b: _case(b, _PUBLIC_HIDDEN))
_SLOW = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]


def _distinguishes(worlds: tuple[InDatabase, InDatabase], case: tuple[Any, ...]) -> bool:
    bin_, world, padding, hidden, asked, again, hidden_again = case
    wa, wb = worlds
    rest = signals_of(world + padding)
    small = signals_of(hidden)
    _landed(wa, rest + small * (1 + hidden_again), again)
    _landed(wb, rest, again)
    return _answers(wa, asked, bin_) != _answers(wb, asked, bin_)


@settings(max_examples=40, deadline=None, suppress_health_check=_SLOW)
@given(case=_CASES)
def test_rows_landed_any_number_of_times_tell_no_small_group(
    worlds: tuple[InDatabase, InDatabase], case: tuple[Any, ...]
) -> None:
    bin_, world, padding, hidden, *_ = case
    assume(_hidden_stays_hidden(world + padding, hidden, bin_))
    assert not _distinguishes(worlds, case)


@settings(max_examples=30, deadline=None, suppress_health_check=_SLOW)
@given(case=_CASES)
def test_the_prefilter_changes_no_answer(
    worlds: tuple[InDatabase, InDatabase], case: tuple[Any, ...]
) -> None:
    bin_, world, padding, hidden, asked, again, hidden_again = case
    wa = worlds[0]
    _landed(wa, signals_of(world + padding) + signals_of(hidden) * hidden_again, again)
    got = _answers(wa, asked, bin_)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(release, "_sizable", lambda cid, scope, k: "1")
        assert _answers(wa, asked, bin_) == got


_RELEASED = release.released


def _rows_as_reports(viewer: Viewer, k: int, scope: str, bin_: str) -> str:
    """The canary: the public's classes judged by their rows alone."""
    if viewer.org_id is not None:
        return _RELEASED(viewer, k, scope, bin_)
    cid = release.class_column(bin_)
    return (
        f"{cid} IN (SELECT {cid} FROM signals WHERE {scope} GROUP BY {cid} HAVING count() >= {k})"
    )


def test_the_search_finds_rows_counted_as_reports(
    worlds: tuple[InDatabase, InDatabase],
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(release, "released", _rows_as_reports)
        found = find(
            _CANARY_CASES,
            lambda case: (
                _hidden_stays_hidden(case[1] + case[2], case[3], case[0])
                and _distinguishes(worlds, case)
            ),
            settings=settings(  # the first leak found will do: no shrinking
                max_examples=200,
                deadline=None,
                suppress_health_check=_SLOW,
                database=None,
                phases=[Phase.generate],
            ),
        )
    assert found
