"""Review 49: attacks on re-classing as of e0205db (consumers/reclass.py, consumers/sink.py).

e0205db answered review 48: copies of a classed report's rows (a legacy batch the sink
landed again) take the report's class (``plan``); a row landed after the plan stays its
owner's (``_copy``: ``ingested_at <= last``); rows landed during the copy are looked for by
signal id over an hour of stamps (the sink stamps each insert attempt); a stopped run's
``signals_0013_old`` and half-made copy by organisation / class counts are finished by the
next run (``repair``); the plan reads a report's rows on every shard (GLOBAL IN over the
Distributed table).

Tests marked FAILS show a flaw on e0205db; the others are regression tests of defences
that hold. Helpers are review 48's: ``Interleaved`` runs an action (the sink landing a
batch, or the process dying) just before or after one of reclass's statements, as chDB's
per-statement session lock (shared by the main job's sink and its hourly re-classing)
lets happen; the worlds and viewers are ``test_sharing_combinations_attacker``'s.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from consumers import migrations, reclass, sharding, tables
from consumers.errors import WarehouseError
from consumers.warehouse import ServerWarehouse
from schemas.sharing import Viewer
from tests.sharingkit import with_report_classes
from tests.test_review46_attacks import _as_released_contract, _land_at
from tests.test_review48_attacks import (
    Interleaved,
    Killed,
    _die,
    _legacy_r1,
    _new_report,
    _rows,
    base,
    fresh,
)
from tests.test_sharding import sharded
from tests.test_sharing_attacker import _load
from tests.test_sharing_combinations_attacker import (
    ALONE,
    ATTACKER,
    BOTH,
    DB,
    FL,
    TYPOLOGY_QUERIES,
    VIEWERS,
    W,
    _answers,
    _report,
    _world,
)

__all__ = ["sharded"]  # the fixture: a warehouse sharded over two ClickHouse 18.16 servers

LONG_AGO = W - timedelta(days=1)  # a landing time long settled
OWNER = Viewer("org-a")
# the fixtures: a new migrated chDB database per call (review 48's)
__all__ = ["base", "fresh"]


def _replay(wh: Any, signals: list[dict[str, Any]], at: datetime | None = None) -> None:
    """The sink lands a batch again (read again after a crash between insert and commit)."""
    landed = [tables.Landed(s, 3, 7 + i) for i, s in enumerate(signals)]
    wh.insert("signals", tables.to_columns(tables.SIGNALS, landed, now=at), tables.SIGNALS.types)


def _replay_through_the_sink(wh: Any, signals: list[dict[str, Any]]) -> None:
    """The same batch landed again by the sink's own insert path (``class_copies`` first)."""
    from consumers.sink import Sink, SinkConfig, SinkStatus

    sink = Sink.__new__(Sink)
    sink.cfg = SinkConfig(topic_prefix="t.", group_id="g")
    sink.wh = wh
    sink.status = SinkStatus()
    sink._consumer = _Paused()
    sink._buffered = 0
    landed = [tables.Landed(s, 3, 7 + i) for i, s in enumerate(signals)]
    sink._insert_until_done(tables.SIGNALS, landed, threading.Event())


def _class_at_k(
    tlp: str, orgs: tuple[str, ...], viewer: Viewer
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """A class of forced labour alone holding exactly k reports of others with r1 (for the
    public: k after the largest contributor), r1 as the released contract lands it."""
    n = 2 if viewer.org_id else 3
    reports = [*[(f"f{i}", (FL,)) for i in range(n)], ("r1", (FL,))]
    world = with_report_classes(_world(reports, tlp, orgs))
    r1 = _as_released_contract([s for s in world if s["source_id"] == "r1"])
    return [s for s in world if s["source_id"] != "r1"], r1, n


def _hold_merges(wh: Any) -> None:
    """No background merge of signals' current table until it is swapped out (a merge of
    a bare copy with its classed row before the run is test 1's flaw; tests of other
    things would otherwise fail, or pass, by its timing)."""
    wh.execute("SYSTEM STOP MERGES signals")


def _classes(wh: Any, where: str = "1") -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in
            wh.query(f"SELECT signal_id, report_class FROM signals WHERE {where}")}  # fmt: skip


# --- 1. FAILS: a legacy batch landed again and merged before the next run ----------------


@VIEWERS
def test_a_legacy_batch_landed_again_and_merged_before_the_next_run_keeps_its_class(
    fresh: Callable[[], Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """LEAK (failed on e0205db; fixed: the sink gives a bare row the class of a landed row of
    the same signal of the same report before it inserts, ``reclass.class_copies``, so the
    copy a merge keeps is classed too). e0205db gave a legacy batch landed again (the sink lands at
    least once) the class of the report it copies, but only at the next hourly run
    (``plan``'s copies rule). signals is a ReplacingMergeTree without a version: a merge
    of the copy with the classed row keeps the later insert, the bare copy, and ClickHouse
    merges small parts within seconds to minutes. From that merge to the run that
    re-classes it, r1 is its owner's only and leaves its released class. The README says
    a merge keeping the copy "never takes the report out of its class"; it does, for up
    to an hour, and for two when the merge replaced every classed row of r1 (then r1 has
    no classed row, the copies rule does not apply, and r1 waits to settle again).

    With the class at exactly k reports of others (org-x: 3 reports of forced labour alone
    that week and route; the public: 4 of 4 organisations), the class vanishes from every
    answer and comes back an hour or two later: org-x learns that exactly k-1 reports
    (two) remain when r1 is out, a class below k told apart from none. No attacker action
    is needed, only a watcher polling an answer.

    Suggested fix: keep a classed row over a bare copy in merges: signals (and its copy by
    organisation) as ``ReplacingMergeTree(classed)`` with ``classed UInt8 DEFAULT
    report_class != ''`` (the rewrite that ``land_again`` makes is where the engine can
    change), or have the sink (consumers/sink.py, ``_insert_until_done`` for SIGNALS) fill
    in a bare row's ``report_class`` from a classed row of the same signal id before it
    inserts (legacy rows are rare: one look-up per batch that has any)."""
    wh = fresh()
    others, r1, n = _class_at_k(tlp, orgs, viewer)
    _load(wh, others)
    _land_at(wh, r1, LONG_AGO)
    assert reclass.reclass(wh, now=time.time()) == len(r1)
    shown = _answers(wh, viewer, TYPOLOGY_QUERIES)
    assert shown[0][0][:2] == (FL, n + 1), f"r1's class is not released: {shown}"

    _replay_through_the_sink(wh, r1)  # read again after a crash between insert and commit
    for table in ("signals", "signals_by_org"):
        wh.execute(f"OPTIMIZE TABLE {table} FINAL")  # a background merge, minutes later
    assert _answers(wh, viewer, TYPOLOGY_QUERIES) == shown, "r1 left its released class"
    assert not _rows(wh, "signals", "source_id = 'r1' AND report_class = ''")


@VIEWERS
def test_control_the_copies_re_classed_before_any_merge_keep_the_class(
    fresh: Callable[[], Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """Control (passes): the run that re-classes the copies comes before the merge (review
    48's test 6), and the class stays as it was."""
    wh = fresh()
    others, r1, _ = _class_at_k(tlp, orgs, viewer)
    _load(wh, others)
    _land_at(wh, r1, LONG_AGO)
    reclass.reclass(wh, now=time.time())
    shown = _answers(wh, viewer, TYPOLOGY_QUERIES)
    _hold_merges(wh)  # the merge comes after the run here
    _replay(wh, r1)
    assert reclass.reclass(wh, now=time.time()) == len(r1)
    for table in ("signals", "signals_by_org"):
        wh.execute(f"OPTIMIZE TABLE {table} FINAL")
    assert _answers(wh, viewer, TYPOLOGY_QUERIES) == shown


# --- 2. FAILS: a row stamped in the plan's last second is classed by it -----------------


@VIEWERS
def test_a_row_landed_after_the_plan_in_its_last_second_does_not_take_the_copies_class(
    fresh: Callable[[], Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """LEAK (FAILS on e0205db). ``_copy`` tells a row landed after the plan by
    ``ingested_at <= last``, whole seconds. For a report planned by the settle rule,
    ``last`` is an hour old, so no row landing now shares it. But a report planned by the
    copies rule has no settle time: ``last`` is the second its copies landed, and a bare
    row of the same report that is *not* a copy, stamped in that second and landing just
    after the plan (chDB: the sink stamps its attempt, then waits for the session lock
    while ``plan`` runs; a backlog read after a restart flushes several batches a second)
    passes the test and takes the class the report holds, whose attributes lack its own.

    Here r1's forced-labour rows landed long ago and were classed (forced labour alone);
    after a sink restart its forced-labour batch is read again (copies) and, in the same
    second, its debt-bondage rows arrive late from a partition that lagged (review 48's
    premise: they stay their owner's). Landed after the plan, they take r1's class of
    forced labour alone: ``by=typology`` counts r1 under debt bondage in a released class,
    and with the forced-labour count tells that one report holds both (a combination of
    one report). Accepted: the late rows stay r1's owner's, the answers do not change.

    Suggested fix (consumers/reclass.py, ``_copy``): class a bare row only if its own
    attributes are in the class it would take (``has(splitByChar(';', whole),
    <release._ATTRIBUTES_SQL of the row>)``), whatever its stamp; the stamp test can stay
    as a second guard."""
    wh = fresh()
    others = with_report_classes(_world(ALONE, tlp, orgs))
    r1 = _legacy_r1(tlp, orgs)
    fl = [s for s in r1 if s["typology"] == FL]
    late = [s for s in r1 if s["typology"] == DB]
    _load(wh, others)
    _land_at(wh, fl, LONG_AGO)
    assert reclass.reclass(wh, now=time.time()) == len(fl)
    before = _answers(wh, viewer, TYPOLOGY_QUERIES)
    _hold_merges(wh)  # no merge of the copies before the run (test 1's flaw, not this one)

    second = datetime.now(UTC).replace(microsecond=0)
    _replay(wh, fl, second)  # the copies: the plan will class them by the copies rule
    racing = Interleaved(wh).after(
        f"CREATE TABLE {reclass.PLAN} ", lambda: _land_at(wh, late, second)
    )
    reclass.reclass(racing, now=time.time())
    assert _rows(wh, "signals", "report_class = '' AND typology = 'forced_labour'") == 0
    got = _answers(wh, viewer, TYPOLOGY_QUERIES)
    assert got == before, f"r1's late debt-bondage rows show in its forced-labour class: {got}"


@VIEWERS
def test_control_a_row_landed_after_the_plan_in_a_later_second_stays_its_owners(
    fresh: Callable[[], Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """Control (passes): the same late rows stamped one second after the copies."""
    wh = fresh()
    others = with_report_classes(_world(ALONE, tlp, orgs))
    r1 = _legacy_r1(tlp, orgs)
    fl = [s for s in r1 if s["typology"] == FL]
    late = [s for s in r1 if s["typology"] == DB]
    _load(wh, others)
    _land_at(wh, fl, LONG_AGO)
    reclass.reclass(wh, now=time.time())
    before = _answers(wh, viewer, TYPOLOGY_QUERIES)
    _hold_merges(wh)
    second = datetime.now(UTC).replace(microsecond=0)
    _replay(wh, fl, second)
    racing = Interleaved(wh).after(
        f"CREATE TABLE {reclass.PLAN} ", lambda: _land_at(wh, late, second + timedelta(seconds=1))
    )
    reclass.reclass(racing, now=time.time())
    assert _answers(wh, viewer, TYPOLOGY_QUERIES) == before


# --- 3. FAILS: stopped between dropping the old table and the rebuild marker -----------


def test_a_run_stopped_after_dropping_the_old_table_leaves_no_dead_copy_by_organisation(
    fresh: Callable[[], Any],
) -> None:
    """WRONG ANSWERS FOR GOOD (FAILS on e0205db; no disclosure). ``land_again`` drops
    ``signals_0013_old`` and only then ``_rebuild_derived`` creates the
    ``reclass_rebuilding`` marker. Stopped between the two (killed; the marker's CREATE
    failing), neither leftover is there, so ``repair`` does nothing, ever. On chDB (an
    Atomic database) 0007's and 0010's materialised views do not follow the swap: after
    ``RENAME signals TO signals_0013_old, signals_0013 TO signals`` they feed from neither
    table (checked: a row inserted into either reaches no view). So no row landed after
    the run reaches ``signals_by_org`` or ``class_rows``, for good: a member's own new
    reports vanish from its answers (own records are read from the copy by
    organisation), and a new class of k others' reports is never released (the class
    counts, which the release check's prefilter reads, never see it).

    Suggested fix (consumers/reclass.py, ``land_again``): create the marker before the
    RENAME (before the copy is fine too) and drop it only at the end of
    ``_rebuild_derived``, so every stop after the swap leaves it."""
    wh = fresh()
    _load(wh, with_report_classes(_world(ALONE, "GREEN", ("org-a",))))
    _land_at(wh, _legacy_r1(), LONG_AGO)
    dying = Interleaved(wh).after(f"DROP TABLE {reclass.OLD}", _die)
    with pytest.raises(Killed):
        reclass.reclass(dying, now=time.time())
    migrations.migrate(wh)  # the main job restarts
    reclass.reclass(wh, now=time.time())  # and runs its first hourly check
    # new reports: three of org-b to Britain (a class of k others for org-x and org-a),
    # one of org-a's own
    new = [
        *(_report(f"g{i}", "org-b", "GREEN", (FL,), W + timedelta(hours=i), dest="GB")
          for i in range(3)),
        _report("g3", "org-a", "GREEN", (FL,), W, dest="GB"),
    ]  # fmt: skip
    _replay(wh, with_report_classes([s for report in new for s in report]))
    got = [_answers(wh, v, TYPOLOGY_QUERIES) for v in (OWNER, ATTACKER)]
    signals, copy = _rows(wh, "signals FINAL"), _rows(wh, "signals_by_org FINAL")
    reclass._rebuild_derived(wh)  # what a run that finished would have left
    want = [_answers(wh, v, TYPOLOGY_QUERIES) for v in (OWNER, ATTACKER)]
    assert copy == signals, f"the copy by organisation holds {copy} of {signals} signals"
    assert got == want


def test_control_a_run_stopped_after_the_marker_is_repaired(fresh: Callable[[], Any]) -> None:
    """Control (passes): stopped one statement later (the marker made), the next run
    makes the copy by organisation and the counts again, views included."""
    wh = fresh()
    _load(wh, with_report_classes(_world(ALONE, "GREEN", ("org-a",))))
    _land_at(wh, _legacy_r1(), LONG_AGO)
    dying = Interleaved(wh).after(f"CREATE TABLE IF NOT EXISTS {reclass.REBUILDING}", _die)
    with pytest.raises(Killed):
        reclass.reclass(dying, now=time.time())
    migrations.migrate(wh)
    reclass.reclass(wh, now=time.time())
    _replay(wh, _new_report("n1"))
    assert _rows(wh, "signals_by_org FINAL") == _rows(wh, "signals FINAL")
    counted = wh.query("SELECT sum(rows) FROM class_rows WHERE bin = 'week'")[0][0]
    assert counted == _rows(wh, "signals")


# --- 4. FAILS (sharded, ClickHouse 18.16): a report left split across shards for good ----


def _sharded_world(wh: Any) -> list[dict[str, Any]]:
    """ALONE + r1 (both typologies) as the released contract lands them, long ago, with
    r1's rows (and others') on both shards; returns the world with its classes."""
    migrations.migrate(wh)
    world = with_report_classes(_world(ALONE + BOTH, "GREEN", ("org-a",)))
    _land_at(wh, _as_released_contract(world), LONG_AGO)
    spread = sharding.on_shards(
        wh, lambda s: {str(r[0]) for r in s.query("SELECT DISTINCT source_id FROM signals")}
    )
    assert spread is not None
    assert "r1" in spread[0] & spread[1], "r1 on one shard: this proves nothing"
    return world


@pytest.mark.clickhouse
def test_a_run_that_fails_on_the_second_shard_leaves_no_report_split_for_good(
    sharded: ServerWarehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SPLIT REPORTS FOR GOOD (FAILS on e0205db; an under-release, no disclosure). Every
    shard is planned first, then ``land_again`` runs shard after shard. Failing on the
    second (its disk full, the rewrite needs twice the table; unreachable; the main job
    killed between the two), the first shard's rows of each planned report carry its
    class, the second's none. The next run finds those reports partly classed: their bare
    rows are not copies (other signal ids: signals are sharded by id), so ``plan`` keeps
    them their owner's, every hour, for good. A report's rows are no longer in one class
    (r1 here; and d1, d2: every report with rows on both shards), and others see only part
    of each (r1 under debt bondage at its destination, but not at its origin).

    Suggested fix (consumers/reclass.py, ``plan`` and ``_copy``): a report whose classed
    rows all hold one class H gives H to each bare row whose attributes are in H (rows
    already released stay, rows outside H stay their owner's); this also makes the copies
    rule one of attributes, not signal ids. Or keep the plan in a table that survives
    the run and finish it on the shards that still hold its reports' bare rows."""
    world = _sharded_world(sharded)
    real = reclass.land_again
    shards: list[Any] = []

    def second_fails(db: Any, **kw: Any) -> int:
        shards.append(db)
        if len(shards) == 2:
            raise WarehouseError("shard 2: not enough space to copy signals")
        return real(db, **kw)

    monkeypatch.setattr(reclass, "land_again", second_fails)
    with pytest.raises(WarehouseError):
        reclass.reclass(sharded, now=time.time())
    monkeypatch.setattr(reclass, "land_again", real)
    reclass.reclass(sharded, now=time.time())  # the next hour: disk freed
    assert _classes(sharded) == {s["signal_id"]: s["report_class"] for s in world}


@pytest.mark.clickhouse
def test_a_row_landed_between_two_shards_plans_leaves_no_old_row_behind(
    sharded: ServerWarehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SPLIT REPORT FOR GOOD (FAILS on e0205db; an under-release, no disclosure). The
    shards' plans are made one after the other, each reading the Distributed table at its
    own time. A late legacy row of r1 (review 48's premise: a lagging partition) landing
    between the first shard's plan and the second's makes r1 settled to the first (r1
    planned, its rows there classed by the rows landed so far) and unsettled to the
    second (r1 not planned: its old rows there stay bare). r1 is then partly classed and
    stays split for good. Accepted (review 48): r1's old rows all in one class (or all
    bare), the late row its owner's.

    Suggested fix (consumers/reclass.py, ``reclass``/``plan``): plan once (through the
    Distributed table) and copy that one plan to every shard; with the fix of the test
    above, the next run also heals such a split."""
    world = _sharded_world(sharded)
    r1 = [s for s in _as_released_contract(world) if s["source_id"] == "r1"]
    late = [{**r1[0], "signal_id": f"{r1[0]['signal_id']}-late", "location_country": "FR"}]
    real = reclass.plan
    planned: list[Any] = []

    def late_row_after_the_first(db: Any, settled_before: int) -> int:
        out = real(db, settled_before)
        planned.append(db)
        if len(planned) == 1:
            _land_at(sharded, late, datetime.now(UTC))  # the sink lands r1's late row
        return out

    monkeypatch.setattr(reclass, "plan", late_row_after_the_first)
    reclass.reclass(sharded, now=time.time())
    monkeypatch.setattr(reclass, "plan", real)
    reclass.reclass(sharded, now=time.time() + 2 * reclass.SETTLE_S)  # hours later
    old = {s["signal_id"] for s in r1}
    got = {c for sid, c in _classes(sharded, "source_id = 'r1'").items() if sid in old}
    assert len(got) == 1, f"r1's old rows are in {len(got)} classes: {sorted(got)}"


# --- regression tests: defences that hold -------------------------------------------------


def test_another_partners_rows_under_the_victims_report_id_move_nothing_of_the_victims(
    fresh: Callable[[], Any],
) -> None:
    """Passes. org-x lands its own report under the id of org-a's report r1 (its own
    incident ids are keyed to its organisation: it cannot make r1's signal ids, only
    reuse the name): classed rows, bare copies of them, and a bare row of debt bondage,
    while r1's legacy batch is landed again (copies). The plan groups by (org_id,
    source_id): r1's copies take r1's class, org-x's report is partly classed (its debt
    bondage row is no copy) and keeps its bare rows its own, and org-a's rows carry
    r1's class alone."""
    wh = fresh()
    r1 = [s for s in _legacy_r1() if s["typology"] == FL]
    _land_at(wh, r1, LONG_AGO)
    assert reclass.reclass(wh, now=time.time()) == len(r1)
    held = {with_report_classes(r1)[0]["report_class"]}
    mine = [{**s, "org_id": ATTACKER.org_id, "signal_id": f"x-{s['signal_id']}"}
            for s in _legacy_r1()]  # fmt: skip
    mine_fl = with_report_classes([s for s in mine if s["typology"] == FL])
    _land_at(wh, mine_fl, LONG_AGO)
    _replay(wh, _as_released_contract(mine_fl))  # copies of its own classed rows
    _replay(wh, [s for s in mine if s["typology"] == DB])  # and a bare row, no copy
    _replay(wh, r1)  # r1's batch landed again
    reclass.reclass(wh, now=time.time())
    assert set(_classes(wh, "org_id = 'org-a'").values()) == held
    # a background merge may keep either of a bare copy and its classed row: org-x's
    # rows hold its own class or none, and its debt-bondage rows none
    own = {mine_fl[0]["report_class"], ""}
    assert set(_classes(wh, "org_id = 'org-x'").values()) <= own
    assert set(_classes(wh, "org_id = 'org-x' AND typology = 'debt_bondage'").values()) == {""}


def test_a_run_stopped_inside_the_swap_with_the_new_table_left_is_finished(
    fresh: Callable[[], Any],
) -> None:
    """Passes. A multi-table RENAME stopped after its first half (signals renamed to the
    old table, the new one not yet in its place; the sink meanwhile fails and retries,
    nothing committed): the next run renames the old table back, drops the new one
    before it copies again, and lands every row once, in its report's class."""
    wh = fresh()
    r1 = _legacy_r1()
    _land_at(wh, r1, LONG_AGO)
    dying = Interleaved(wh).before("RENAME TABLE", _die)
    with pytest.raises(Killed):
        reclass.reclass(dying, now=time.time())
    wh.execute(f"RENAME TABLE signals TO {reclass.OLD}")  # the first half of the swap
    assert _rows(wh, reclass.NEW) == len(r1)
    assert reclass.reclass(wh, now=time.time()) == len(r1)
    assert set(_classes(wh).values()) == {with_report_classes(r1)[0]["report_class"]}
    assert _rows(wh, "signals") == len(r1)
    left = _rows(wh, "system.tables", "database = currentDatabase() AND name IN "
                 f"('{reclass.NEW}', '{reclass.OLD}', '{reclass.REBUILDING}')")  # fmt: skip
    assert left == 0
    assert _rows(wh, "signals_by_org FINAL") == len(r1)


def test_repair_after_a_stop_before_the_catch_up_copies_back_once_and_only_the_missing(
    fresh: Callable[[], Any],
) -> None:
    """Passes. Stopped between the swap and the catch-up: n1 landed during the copy (only
    in the old table), then, before the next run, the sink lands n1's batch again (read
    again after the crash) and a new report n2 into the new signals. ``repair``'s
    ``_back_from_old(None)`` copies back by signal id: n1 is not landed a third time, n2
    and the re-classed r1 are not touched, nothing is lost, and the copy by organisation
    and the class counts are complete (the counts may hold a row twice: a prefilter)."""
    wh = fresh()
    r1 = _legacy_r1()
    _land_at(wh, r1, LONG_AGO)
    n1, n2 = _new_report("n1"), _new_report("n2")
    dying = Interleaved(wh).after(f"INSERT INTO {reclass.NEW} ", lambda: _replay(wh, n1))
    dying.after("RENAME TABLE", _die)
    with pytest.raises(Killed):
        reclass.reclass(dying, now=time.time())
    _replay(wh, n1)
    _replay(wh, n2)
    migrations.migrate(wh)
    assert reclass.reclass(wh, now=time.time()) == 0  # repaired; nothing to re-class
    total = len(r1) + len(n2) + len(n1)
    # n1 at most twice (its replay; a background merge may have collapsed it), not thrice
    assert total <= _rows(wh, "signals") <= total + len(n1)
    assert _rows(wh, "signals FINAL") == total
    assert _rows(wh, "signals", "report_class = ''") == 0
    assert _rows(wh, "signals_by_org FINAL") == total
    counted = wh.query("SELECT sum(rows) FROM class_rows WHERE bin = 'week'")[0][0]
    assert counted >= _rows(wh, "signals")


@VIEWERS
def test_a_rebuild_marker_left_while_the_sink_lands_repairs_to_the_same_answers(
    fresh: Callable[[], Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """Passes. Stopped in the rebuild of 0007's copy (its view made, its backfill not
    run), the sink keeps landing (a class of k others' reports) until the next run:
    ``repair`` makes both again, and the answers are those of the same rows landed
    afresh, nothing counted twice."""
    wh, ref = fresh(), fresh()
    others = with_report_classes(_world(ALONE, tlp, orgs))
    r1 = _legacy_r1(tlp, orgs)
    _load(wh, others)
    _land_at(wh, r1, LONG_AGO)
    dying = Interleaved(wh).before("INSERT INTO signals_by_org SELECT", _die)
    with pytest.raises(Killed):
        reclass.reclass(dying, now=time.time())
    more = with_report_classes(
        [s for i in range(4) for s in _report(f"g{i}", orgs[(i + 1) % len(orgs)], tlp, (FL,),
                                               W + timedelta(hours=i), dest="GB")]
    )  # fmt: skip
    _replay(wh, more)
    migrations.migrate(wh)
    reclass.reclass(wh, now=time.time())
    _load(ref, [*others, *with_report_classes(r1), *more])
    assert _answers(wh, viewer, TYPOLOGY_QUERIES) == _answers(ref, viewer, TYPOLOGY_QUERIES)
    assert _rows(wh, "signals_by_org FINAL") == _rows(wh, "signals FINAL")


@pytest.mark.clickhouse
def test_repair_on_a_shard_and_the_copies_rule_over_global_in_on_clickhouse_18(
    sharded: ServerWarehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Passes on ClickHouse 18.16. The run stops at the second shard's catch-up, after the
    sink landed n1 through the Distributed table during that shard's copy (so n1's rows
    there are only in its old table). The next run repairs every shard in its own
    database (``_back_from_old(None)`` on the shard's local tables), and plans r1's
    legacy batch landed again by the copies rule, read through the Distributed table
    (GLOBAL IN, ``uniqExactIf`` with an IN in its condition): every row once, in its
    report's class, nothing left behind."""
    world = _sharded_world(sharded)
    n1 = with_report_classes(_new_report("n1"))
    real_copy, real_back = reclass._copy, reclass._back_from_old
    copies: list[Any] = []
    catch_ups: list[Any] = []

    def copy_then_land(db: Any, planned: bool) -> None:
        real_copy(db, planned)
        copies.append(db)
        if len(copies) == 2:
            _replay(sharded, n1)

    def second_catch_up_dies(db: Any, since: int | None) -> None:
        if since is not None:
            catch_ups.append(db)
            if len(catch_ups) == 2:
                raise Killed
        real_back(db, since)

    monkeypatch.setattr(reclass, "_copy", copy_then_land)
    monkeypatch.setattr(reclass, "_back_from_old", second_catch_up_dies)
    with pytest.raises(Killed):
        reclass.reclass(sharded, now=time.time())
    monkeypatch.setattr(reclass, "_copy", real_copy)
    monkeypatch.setattr(reclass, "_back_from_old", real_back)
    old = sharding.on_shards(
        sharded,
        lambda s: (
            _rows(s, reclass.OLD, "source_id = 'n1'") if reclass.table_exists(s, reclass.OLD) else 0
        ),
    )
    assert old is not None
    assert old[1] > 0, "n1 is not only in the second shard's old table: this proves nothing"

    r1 = [s for s in _as_released_contract(world) if s["source_id"] == "r1"]
    _replay(sharded, r1)  # r1's legacy batch landed again: copies
    reclass.reclass(sharded, now=time.time())
    want = {s["signal_id"]: s["report_class"] for s in [*world, *n1]}
    assert _classes(sharded) == want
    assert _rows(sharded, "signals FINAL") == len(want)
    assert _rows(sharded, "signals_by_org FINAL") == len(want)
    leftovers = f"('{reclass.NEW}', '{reclass.OLD}', '{reclass.REBUILDING}', '{reclass.PLAN}')"
    where = f"database = currentDatabase() AND name IN {leftovers}"
    left = sharding.on_shards(sharded, lambda s: _rows(s, "system.tables", where))
    assert left == [0, 0]


class _FailsOnce:
    """A warehouse whose first insert takes over a second and fails (a timeout)."""

    def __init__(self) -> None:
        self.stamps: list[set[int]] = []

    def insert(self, table: str, columns: Any, types: Any = None) -> int:
        self.stamps.append(set(columns["ingested_at"]))
        if len(self.stamps) == 1:
            time.sleep(1.1)
            raise WarehouseError("timed out")
        return len(columns["ingested_at"])


class _Paused:
    def assignment(self) -> list[Any]:
        return []

    def pause(self, partitions: Any) -> None: ...
    def resume(self, partitions: Any) -> None: ...

    def consume(self, num_messages: int = 1, timeout: float = 0.0) -> list[Any]:
        time.sleep(timeout)
        return []


def test_the_sink_stamps_each_insert_attempt_when_it_lands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passes. The catch-up after the swap (``CATCH_UP_S``) and the rule that a row
    landed after the plan stays its owner's both read ``ingested_at`` as the time of
    the attempt that landed the row: a batch retried after a failure is stamped again,
    not kept at the time it was built. Nothing else reads a row's stamp as its build
    time: the class counts' landing time is the warehouse's ``now()`` in 0010's view,
    retention drops news text by partition, latency metrics use Kafka timestamps."""
    from consumers.sink import Sink, SinkConfig, SinkStatus

    sink = Sink.__new__(Sink)
    sink.cfg = SinkConfig(topic_prefix="t.", group_id="g", backoff_initial=0.01, backoff_max=0.02)
    sink.wh = _FailsOnce()  # type: ignore[assignment]
    sink.status = SinkStatus()
    sink._consumer = _Paused()
    sink._buffered = 0
    items = [tables.Landed(s, 0, i) for i, s in enumerate(_new_report("n1"))]
    sink._insert_until_done(tables.SIGNALS, items, threading.Event())
    first, second = sink.wh.stamps  # type: ignore[attr-defined]
    assert len(first) == len(second) == 1
    assert min(second) > max(first), "the retry kept the first attempt's stamp"
