"""Signals landed after migration 0013 without their report's class attributes (from a
producer of the contract before it) are a class of their own report, seen by their owner
only, until ``consumers.reclass`` lands them again in their report's class: once every
row of the report has landed, never a report some of whose rows are released already.

Each test compares a world landed from the released contract, then re-classed, with the
same world landed afresh by producers that write the attributes, as another member and
the public query them (the worlds of ``test_sharing_combinations_attacker``)."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from consumers import reclass
from consumers.release import class_column
from schemas.sharing import BINS, Viewer
from tests.sharingkit import with_report_classes
from tests.test_review46_attacks import _as_released_contract, _land_at
from tests.test_sharing_attacker import _load
from tests.test_sharing_combinations_attacker import (
    ALONE,
    BOTH,
    DB,
    FL,
    TYPOLOGY_QUERIES,
    VIEWERS,
    W,
    _answers,
    _world,
    two_worlds,
)

__all__ = ["two_worlds"]  # the fixture: two migrated chDB warehouses

LATER = 2 * reclass.SETTLE_S  # seconds after the rows landed: settled


def _classes(wh: Any) -> list[tuple[Any, ...]]:
    cols = ", ".join(["report_class", *(class_column(b) for b in BINS)])
    return wh.query(f"SELECT signal_id, {cols} FROM signals FINAL ORDER BY signal_id")


@VIEWERS
def test_rows_of_the_released_contract_join_their_reports_class_once_settled(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    p, q = two_worlds
    world = with_report_classes(_world(ALONE + BOTH, tlp, orgs))
    _load(p, _as_released_contract(world))
    _load(q, world)
    hidden, shown = _answers(p, viewer, TYPOLOGY_QUERIES), _answers(q, viewer, TYPOLOGY_QUERIES)
    assert hidden != shown, "rows without their report's class must be their owner's only"

    assert reclass.reclass(p, now=time.time()) == 0  # just landed: not settled yet
    assert reclass.reclass(p, now=time.time() + LATER) == len(world)
    assert _classes(p) == _classes(q)
    assert _answers(p, viewer, TYPOLOGY_QUERIES) == shown
    assert p.query("SELECT count() FROM signals")[0][0] == len(world)  # nothing twice
    assert p.query("SELECT count() FROM signals_by_org FINAL")[0][0] == len(world)
    assert reclass.reclass(p, now=time.time() + LATER) == 0  # done: nothing rewritten


@VIEWERS
def test_a_report_whose_last_row_landed_late_waits_for_it(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """r1's forced-labour rows landed long ago, its debt-bondage rows just now: classed
    now by the rows landed so far, r1 would show as forced labour alone. It waits whole."""
    p, q = two_worlds
    others = _world(ALONE, tlp, orgs)
    r1 = [
        s for s in _as_released_contract(_world(ALONE + BOTH, tlp, orgs)) if s["source_id"] == "r1"
    ]
    now = time.time()
    for wh in (p, q):
        _load(wh, others)
    _land_at(p, [s for s in r1 if s["typology"] == FL], W)
    _land_at(p, [s for s in r1 if s["typology"] == DB], W + timedelta(days=400))
    assert reclass.reclass(p, now=now) == 0  # its last row is not settled
    assert {r[0] for r in p.query("SELECT report_class FROM signals WHERE source_id = 'r1'")} == {
        ""
    }
    assert _answers(p, viewer, TYPOLOGY_QUERIES) == _answers(q, viewer, TYPOLOGY_QUERIES)


def test_a_report_with_rows_released_gives_its_class_to_the_rows_it_covers(
    two_worlds: tuple[Any, Any],
) -> None:
    """r1's forced-labour rows carry its class (landed while 0013 copied, a producer
    upgraded mid-report, a shard whose rewrite succeeded), its debt-bondage rows none:
    the released rows stay in their class, and the others join it, since their
    attributes are in it (the class tells no more than it did)."""
    p, _ = two_worlds
    world = with_report_classes(_world(ALONE + BOTH, "GREEN", ("org-a",)))
    r1 = [s for s in world if s["source_id"] == "r1"]
    _load(p, [s for s in world if s["source_id"] != "r1"])
    _land_at(p, [s for s in r1 if s["typology"] == FL], W)
    bare = _as_released_contract([s for s in r1 if s["typology"] == DB])
    _land_at(p, bare, W)
    before = {str(r[0]): str(r[1]) for r in _classes(p)}
    assert reclass.reclass(p, now=time.time() + LATER) == len(bare)
    after = {str(r[0]): str(r[1]) for r in _classes(p)}
    classed = {k: v for k, v in before.items() if v}
    assert {k: after[k] for k in classed} == classed  # no classed row moved
    assert {after[s["signal_id"]] for s in r1} == {r1[0]["report_class"]}


def test_a_report_whose_class_lacks_its_rows_attributes_keeps_them_its_owners(
    two_worlds: tuple[Any, Any],
) -> None:
    """r1's forced-labour rows carry a class of forced labour alone, its debt-bondage rows
    none: those rows' attributes are not in the class, so they stay their owner's
    (moving them in would show r1 under debt bondage in a class of forced labour)."""
    p, _ = two_worlds
    world = with_report_classes(_world(ALONE + BOTH, "GREEN", ("org-a",)))
    fl_only = with_report_classes(_world([("r1", (FL,))], "GREEN", ("org-a",)))
    r1 = [s for s in world if s["source_id"] == "r1"]
    _load(p, [s for s in world if s["source_id"] != "r1"])
    _land_at(p, fl_only, W)
    _land_at(p, _as_released_contract([s for s in r1 if s["typology"] == DB]), W)
    before = _classes(p)
    assert reclass.reclass(p, now=time.time() + LATER) == 0
    assert _classes(p) == before
