"""Review 48: attacks on re-classing (commit 57ed999, consumers/reclass.py).

Signals landed without their report's class (``report_class = ''``, a producer of the
contract before migration 0013) are their owner's only until ``consumers.reclass`` lands
them again in their report's class, hourly in the main job: it plans the settled reports,
copies signals into ``signals_0013`` with the planned reports' attributes filled in, swaps
the copy in, copies again from ``signals_0013_old`` what the sink landed since the copy
began (``ingested_at >= started``), makes 0007's copy by organisation and 0010's counts
again, and drops the old table.

Tests marked FAILS show a flaw on 57ed999; the others are regression tests of defences that
hold. The sink is simulated as it really interleaves: with chDB the main job's sink and its
hourly re-classing share one session (``WarehouseService.sink_connection is connection``),
whose lock is taken per statement, so a sink insert lands between any two of reclass's
statements; on a ClickHouse server the sink has its own connection and lands at any time.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from consumers import migrations, reclass, tables
from consumers.warehouse import open_warehouse
from schemas.sharing import Viewer
from tests.sharingkit import with_report_classes
from tests.test_review46_attacks import _as_released_contract, _land_at
from tests.test_sharing_attacker import InDatabase, _load
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
    _world,
)

LONG_AGO = W - timedelta(days=1)  # a landing time long settled
_ids = itertools.count()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    wh = open_warehouse(f"chdb://{tmp_path_factory.mktemp('r48') / 'chdb'}")
    yield wh
    wh.close()


@pytest.fixture
def fresh(base: Any) -> Callable[[], Any]:
    """A new migrated database per call: crash leftovers of one test never reach another."""

    def make() -> Any:
        wh = InDatabase(base, f"r48_{next(_ids)}")
        migrations.migrate(wh)
        return wh

    return make


class Interleaved:
    """A warehouse on which actions run just before or just after the first statement
    matching a prefix: the sink landing a batch between two of reclass's statements (chDB's
    session lock is per statement), or the process dying there (``Killed``)."""

    def __init__(self, wh: Any) -> None:
        self.wh, self.name = wh, wh.name
        self.hooks: list[tuple[str, str, Callable[[], None]]] = []

    def before(self, prefix: str, action: Callable[[], None]) -> Interleaved:
        self.hooks.append(("before", prefix, action))
        return self

    def after(self, prefix: str, action: Callable[[], None]) -> Interleaved:
        self.hooks.append(("after", prefix, action))
        return self

    def _fire(self, when: str, sql: str) -> None:
        for hook in list(self.hooks):
            if hook[0] == when and sql.startswith(hook[1]):
                self.hooks.remove(hook)
                hook[2]()

    def execute(self, sql: str) -> None:
        self._fire("before", sql)
        self.wh.execute(sql)
        self._fire("after", sql)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        self._fire("before", sql)
        out = self.wh.query(sql)
        self._fire("after", sql)
        return out

    def insert(self, table: str, columns: Any, types: dict[str, str] | None = None) -> int:
        return self.wh.insert(table, columns, types)


class Killed(BaseException):
    """The main job killed mid-statement-sequence (deploy, OOM, disk full: whatever stops
    ``reclass`` between two statements; BaseException so nothing on the way catches it)."""


def _die() -> None:
    raise Killed


def _legacy_r1(tlp: str = "GREEN", orgs: tuple[str, ...] = ("org-a",)) -> list[dict[str, Any]]:
    """Report r1 (forced labour and debt bondage) as the released contract lands it."""
    r1 = _as_released_contract(_world(ALONE + BOTH, tlp, orgs))
    return [s for s in r1 if s["source_id"] == "r1"]


def _new_report(rid: str, org: str = "org-b") -> list[dict[str, Any]]:
    """A report of the current contract (it carries its class), as the sink lands it."""
    return [{**s, "source_id": rid, "signal_id": f"{rid}-{s['signal_id']}", "org_id": org}
            for s in with_report_classes(_world([(rid, (FL,))], "GREEN", (org,)))]  # fmt: skip


def _rows(wh: Any, table: str, where: str = "1") -> int:
    return int(wh.query(f"SELECT count() FROM {table} WHERE {where}")[0][0])


# --- 1. FAILS: rows the sink stamped just before the copy began are dropped for good ---


def test_a_batch_stamped_before_the_copy_began_and_landed_during_it_is_kept(
    fresh: Callable[[], Any],
) -> None:
    """LOSS (FAILS on 57ed999). ``land_again`` copies back from the old table only rows
    with ``ingested_at >= started``, ``started`` being the warehouse's clock just before
    the copy. But ``ingested_at`` is the sink's stamp, taken when it *builds* the batch
    (consumers.tables.to_columns) and kept across retries (Sink._insert_until_done), not
    when the rows become visible. With chDB the main job's sink shares reclass's session:
    it stamps a batch, waits on the session lock while reclass runs its ``pending`` scan
    and the copy (whole-table statements), and lands in between, into the table about to
    become ``signals_0013_old``, stamped a second or more before ``started``. The copy
    did not see it, the catch-up skips it, ``DROP TABLE signals_0013_old`` deletes it;
    its Kafka offsets are committed: gone. Any report's rows, not only legacy ones. On a
    server a retried batch, a long insert, or a sink clock behind the warehouse's does
    the same (consumers.class_sizes knows this and keeps a MARGIN; reclass has none).

    Reproduction: a settled legacy report r1 (so a rewrite runs); the sink stamps report
    n1's batch, then reclass reads ``started`` a second later; the batch lands after the
    copy. n1 has no row left in signals or signals_by_org."""
    wh = fresh()
    _land_at(wh, _legacy_r1(), LONG_AGO)
    n1 = _new_report("n1")
    batch: dict[str, Any] = {}

    def stamp() -> None:  # the sink builds its batch, then waits for the session lock
        landed = [tables.Landed(s, 0, 100 + i) for i, s in enumerate(n1)]
        batch["cols"] = tables.to_columns(tables.SIGNALS, landed)
        time.sleep(1.05 - time.time() % 1)  # reclass's next statement: the next second

    def land() -> None:
        wh.insert("signals", batch["cols"], tables.SIGNALS.types)

    racing = Interleaved(wh).before("SELECT toUInt32(now())", stamp)
    racing.after(f"INSERT INTO {reclass.NEW} ", land)
    assert reclass.reclass(racing, now=time.time()) == len(_legacy_r1())
    kept = _rows(wh, "signals", "source_id = 'n1'")
    assert kept == len(n1), f"{len(n1) - kept} of n1's {len(n1)} signals lost with the old table"


def test_control_a_batch_stamped_after_the_copy_began_is_kept(fresh: Callable[[], Any]) -> None:
    """Control (passes): the same batch stamped when it lands is copied back after the swap."""
    wh = fresh()
    _land_at(wh, _legacy_r1(), LONG_AGO)
    n1 = _new_report("n1")

    def land() -> None:
        landed = [tables.Landed(s, 0, 100 + i) for i, s in enumerate(n1)]
        wh.insert("signals", tables.to_columns(tables.SIGNALS, landed), tables.SIGNALS.types)

    racing = Interleaved(wh).after(f"INSERT INTO {reclass.NEW} ", land)
    reclass.reclass(racing, now=time.time())
    assert _rows(wh, "signals", "source_id = 'n1'") == len(n1)
    assert _rows(wh, "signals_by_org FINAL", "source_id = 'n1'") == len(n1)


# --- 2. FAILS: a row landing between the plan and the copy takes a class it is not in ---


@VIEWERS
def test_a_row_landed_after_the_plan_does_not_join_a_class_without_its_attributes(
    fresh: Callable[[], Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """LEAK (FAILS on 57ed999). ``plan`` fixes each settled report's attributes from the
    rows landed so far; ``_copy`` then gives them to *every* row of the report without a
    class that it reads, including rows landed after the plan. Between the two lie the
    ``pending`` scan and, on a sharded warehouse, the whole rewrite of every earlier shard
    (copy, catch-up, 0007's and 0010's backfills: minutes). A legacy row of a planned
    report landing then (a batch the sink retried for over an hour, a corrected
    resubmission from a stream worker not yet upgraded: same incident id, a new typology)
    is put in a class whose attribute set lacks its own: r1's debt-bondage rows land in
    the released class of forced labour alone, and ``by=typology`` counts r1 under debt
    bondage, a report of both typologies, a group of one.

    Accepted outcomes: r1 waits whole (the world without it) or r1's late rows stay their
    owner's, as the README says of rows landing after a reclass (the world of r1 of forced
    labour alone). Suggested fix: in ``_copy``, class a planned report's row only if it
    landed before the plan's cutoff, and re-check the report's attributes and last landing
    over all its rows at copy time against the plan (skip it if they changed)."""
    wh, ref = fresh(), fresh()
    others = with_report_classes(_world(ALONE, tlp, orgs))
    r1 = _legacy_r1(tlp, orgs)
    _load(wh, others)
    _land_at(wh, [s for s in r1 if s["typology"] == FL], LONG_AGO)

    def late() -> None:  # the sink lands r1's debt-bondage rows, stamped now
        _land_at(wh, [s for s in r1 if s["typology"] == DB], datetime.now(UTC))

    racing = Interleaved(wh).after(f"CREATE TABLE {reclass.PLAN} ", late)
    reclass.reclass(racing, now=time.time())

    _load(ref, others)
    without_r1 = _answers(ref, viewer, TYPOLOGY_QUERIES)
    _load(ref, with_report_classes(_world([*ALONE, ("r1", (FL,))], tlp, orgs)))
    r1_fl_only = _answers(ref, viewer, TYPOLOGY_QUERIES)
    got = _answers(wh, viewer, TYPOLOGY_QUERIES)
    assert got in (without_r1, r1_fl_only), f"r1's late debt-bondage rows show: {got}"


# --- 3. FAILS: a run killed after the swap loses what the sink landed during the copy ---


def test_rows_left_in_the_old_table_by_a_killed_run_survive_the_next_run(
    fresh: Callable[[], Any],
) -> None:
    """LOSS (FAILS on 57ed999). Killed between ``RENAME`` and the catch-up copy (or with
    the catch-up failing: disk full, the rewrite needs twice the table's disk), the rows
    the sink landed during the copy are only in ``signals_0013_old``: invisible to every
    query, and the next run that rewrites anything starts with ``DROP TABLE IF EXISTS
    signals_0013_old``. Nothing reads the leftover back. Suggested fix: in
    ``land_again``, before anything else, if ``signals_0013_old`` exists copy its rows
    that signals lacks (by signal_id) into signals, and only then drop it (the same for
    migration 0013, which calls it and is re-run whole after a failure)."""
    wh = fresh()
    _land_at(wh, _legacy_r1(), LONG_AGO)
    n1 = _new_report("n1")

    def land() -> None:  # stamped now: the catch-up would have taken it
        landed = [tables.Landed(s, 0, 100 + i) for i, s in enumerate(n1)]
        wh.insert("signals", tables.to_columns(tables.SIGNALS, landed), tables.SIGNALS.types)

    dying = Interleaved(wh).after(f"INSERT INTO {reclass.NEW} ", land).after("RENAME TABLE", _die)
    with pytest.raises(Killed):
        reclass.reclass(dying, now=time.time())
    assert _rows(wh, reclass.OLD, "source_id = 'n1'") == len(n1)  # the leftover holds them
    # the next hour: another settled legacy report, so the next run rewrites
    r2 = [{**s, "source_id": "r2", "signal_id": f"r2-{s['signal_id']}"} for s in _legacy_r1()]
    _land_at(wh, r2, LONG_AGO)
    reclass.reclass(wh, now=time.time())
    kept = _rows(wh, "signals", "source_id = 'n1'")
    assert kept == len(n1), f"{len(n1) - kept} of n1's {len(n1)} signals lost with the leftover"


# --- 4. FAILS: a run stopped during the rebuild of 0007's copy or 0010's counts ---

_BY_ORG_BACKFILL = "INSERT INTO signals_by_org SELECT"
_CLASS_ROWS_BACKFILL = "INSERT INTO class_rows SELECT"


def test_a_run_stopped_in_the_copy_by_organisation_rebuild_is_repaired(
    fresh: Callable[[], Any],
) -> None:
    """WRONG ANSWERS FOR GOOD (FAILS on 57ed999; no disclosure). After the swap,
    ``land_again`` drops and makes again 0007's copy by organisation: view first, backfill
    last. Stopped before the backfill (killed, or the backfill failing: a whole-table
    INSERT…SELECT, the step most likely to hit a memory or disk limit), the copy holds
    only rows landed since; a member's own records come from it (release.released_rows),
    so its own reports vanish from its answers. Nothing repairs it: migrations are
    recorded, and the next hourly run returns at once when nothing is pending. Suggested
    fix: ``reclass`` (and migrate) check a marker written before the rebuild and removed
    after it, and redo the m0007/m0010 rebuild when it is found."""
    wh = fresh()
    _land_at(wh, _legacy_r1(), LONG_AGO)
    dying = Interleaved(wh).before(_BY_ORG_BACKFILL, _die)
    with pytest.raises(Killed):
        reclass.reclass(dying, now=time.time())
    migrations.migrate(wh)  # the main job restarts
    assert reclass.reclass(wh, now=time.time()) == 0  # and runs the hourly check
    signals = _rows(wh, "signals FINAL")
    copy = _rows(wh, "signals_by_org FINAL")
    assert copy == signals, f"the copy by organisation holds {copy} of {signals} signals"


def test_a_run_stopped_in_the_class_sizes_rebuild_is_repaired(fresh: Callable[[], Any]) -> None:
    """UNDER-RELEASE FOR GOOD (FAILS on 57ed999; no disclosure). The same for 0010's rows
    per class: stopped before its backfill, ``class_rows`` counts only rows landed since,
    so ``class_sizes.candidates`` keeps no class landed before and every other
    organisation's released record disappears from every answer; the daily whole refresh
    copies from the same incomplete table."""
    wh = fresh()
    world = with_report_classes(_world(ALONE, "GREEN", ("org-a",)))
    _load(wh, world)
    before = _answers(wh, ATTACKER, TYPOLOGY_QUERIES)
    assert before[0], "nothing released to begin with: this proves nothing"
    _land_at(wh, _legacy_r1(), LONG_AGO)
    dying = Interleaved(wh).before(_CLASS_ROWS_BACKFILL, _die)
    with pytest.raises(Killed):
        reclass.reclass(dying, now=time.time())
    migrations.migrate(wh)
    reclass.reclass(wh, now=time.time())
    assert _answers(wh, ATTACKER, TYPOLOGY_QUERIES) == before


# --- 5. was FAILS (cost): a partly classed report made every hourly run plan it all ---


def test_the_hourly_check_rewrites_nothing_when_nothing_can_be_planned(
    fresh: Callable[[], Any],
) -> None:
    """COST (failed on 57ed999, where ``_unclassed`` counted the settled rows of a partly
    classed report, which ``plan`` never takes, so every hourly run built a plan over
    every report of the whole table). Since the fix the plan reads only the reports that
    have rows without a class (``plan``: ``(org_id, source_id) IN`` those), so such rows
    left for good cost a GROUP BY over their own reports an hour, not the table's; and a
    plan with nothing in it rewrites nothing."""
    wh = fresh()
    r1 = with_report_classes(_world(ALONE + BOTH, "GREEN", ("org-a",)))
    others = [s for s in r1 if s["source_id"] != "r1"]
    r1 = [s for s in r1 if s["source_id"] == "r1"]
    _load(wh, others)
    # r1's forced-labour rows in a class of forced labour alone: its bare debt-bondage
    # rows' attributes are not in it, so they stay their owner's for good
    fl_only = with_report_classes(_world([("r1", (FL,))], "GREEN", ("org-a",)))
    _land_at(wh, fl_only, LONG_AGO)
    _land_at(wh, _as_released_contract([s for s in r1 if s["typology"] == DB]), LONG_AGO)
    rewrites: list[str] = []
    for _ in range(2):  # two hours
        counting = Interleaved(wh).before(
            f"CREATE TABLE {reclass.NEW} ", lambda: rewrites.append("")
        )
        assert reclass.reclass(counting, now=time.time()) == 0
    assert not rewrites, f"signals was rewritten {len(rewrites)} time(s) with nothing to do"
    grouped = wh.query(
        "SELECT count() FROM (SELECT org_id, source_id FROM signals WHERE (org_id, source_id) "
        "IN (SELECT org_id, source_id FROM signals WHERE report_class = '') "
        "GROUP BY org_id, source_id)"
    )
    assert int(grouped[0][0]) == 1  # the reports the plan reads: r1's alone


# --- 6. FAILS: a legacy batch landed again after the reclass takes a released report out ---


@VIEWERS
def test_a_legacy_batch_landed_again_after_the_reclass_keeps_the_report_in_its_class(
    fresh: Callable[[], Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """LEAK (FAILS on 57ed999). The sink lands at least once: a batch landed but not
    committed (the main job, which hosts the sink with chDB, killed between insert and
    commit; a `tahub sink run` instance down) is landed again when its partition is read
    again. If the report settled meanwhile (the restart came more than an hour later: the
    main job re-classes at its first tick), reclass put it in its class, released; the
    batch then lands again as it was, without a class, with the same signal ids. The
    report is now "partly classed", so reclass leaves it, and signals is a
    ReplacingMergeTree without version: a merge keeps the later row of each signal id,
    the unclassed one. The report leaves its released class, the move the README says
    must never happen ("moving a released row would show others the class it left"):
    with the class at exactly k reports of others, org-x saw it (3 reports of forced
    labour alone that week and route), then sees it vanish, and learns that exactly two
    such reports remain, a group below k (the public likewise, one report later). A
    world landed by the current contract does not move: its replayed rows carry the same
    class. Suggested fix: in ``reclass`` (``_unclassed``/``plan``/``_copy``) give an
    unclassed row whose signal id already has a classed row of the same report that
    row's class (a copy of the same signal has the same attributes), before the
    partly-classed rule applies."""
    wh = fresh()
    n = 2 if viewer.org_id else 3  # others' reports in the class besides r1: k with it
    reports = [*[(f"f{i}", (FL,)) for i in range(n)], ("r1", (FL,))]
    world = with_report_classes(_world(reports, tlp, orgs))
    r1 = _as_released_contract([s for s in world if s["source_id"] == "r1"])
    _load(wh, [s for s in world if s["source_id"] != "r1"])
    _land_at(wh, r1, LONG_AGO)
    assert reclass.reclass(wh, now=time.time()) == len(r1)
    shown = _answers(wh, viewer, TYPOLOGY_QUERIES)
    assert shown[0], "nothing released: this proves nothing"
    assert shown[0][0][:2] == (FL, n + 1), f"r1's class is not released: {shown}"

    landed = [tables.Landed(s, 3, 7 + i) for i, s in enumerate(r1)]  # read again
    wh.insert("signals", tables.to_columns(tables.SIGNALS, landed), tables.SIGNALS.types)
    # fixed: the copies take the class the report has (consumers.reclass.plan)
    reclass.reclass(wh, now=time.time() + 2 * reclass.SETTLE_S)
    assert _rows(wh, "signals", "report_class = ''") == 0
    for table in ("signals", "signals_by_org"):
        wh.execute(f"OPTIMIZE TABLE {table} FINAL")  # a background merge, any time later
    assert _answers(wh, viewer, TYPOLOGY_QUERIES) == shown, "r1 left its released class"


@VIEWERS
def test_control_a_batch_of_the_current_contract_landed_again_moves_nothing(
    fresh: Callable[[], Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """Control (passes): the same world landed by the current contract, r1's batch landed
    again and merged: its copies carry its class, and the answers do not change."""
    wh = fresh()
    n = 2 if viewer.org_id else 3
    reports = [*[(f"f{i}", (FL,)) for i in range(n)], ("r1", (FL,))]
    world = with_report_classes(_world(reports, tlp, orgs))
    _load(wh, world)
    shown = _answers(wh, viewer, TYPOLOGY_QUERIES)
    assert shown[0]
    assert shown[0][0][:2] == (FL, n + 1)
    r1 = [s for s in world if s["source_id"] == "r1"]
    landed = [tables.Landed(s, 3, 7 + i) for i, s in enumerate(r1)]
    wh.insert("signals", tables.to_columns(tables.SIGNALS, landed), tables.SIGNALS.types)
    for table in ("signals", "signals_by_org"):
        wh.execute(f"OPTIMIZE TABLE {table} FINAL")
    assert _answers(wh, viewer, TYPOLOGY_QUERIES) == shown


# --- regression tests: defences that hold ---


def test_leftovers_of_a_run_killed_before_the_swap_are_harmless(fresh: Callable[[], Any]) -> None:
    """Passes: killed during the copy (``signals_0013`` left, and under SIGKILL, which
    skips ``reclass``'s ``finally``, ``reclass_plan`` too, here with a wrong class for r1),
    the next run drops both and lands every row once, in its report's class."""
    wh = fresh()
    r1 = _legacy_r1()
    _land_at(wh, r1, LONG_AGO)
    dying = Interleaved(wh).after(f"INSERT INTO {reclass.NEW} ", _die)
    with pytest.raises(Killed):
        reclass.reclass(dying, now=time.time())
    assert _rows(wh, reclass.NEW) == len(r1)
    wh.execute(
        f"CREATE TABLE {reclass.PLAN} ENGINE = Memory AS "
        "SELECT 'org-a' AS org_id, 'r1' AS source_id, 'forced_labour||||||news' AS whole"
    )
    assert reclass.reclass(wh, now=time.time()) == len(r1)
    want = {with_report_classes(r1)[0]["report_class"]}
    assert {r[0] for r in wh.query("SELECT report_class FROM signals")} == want
    assert _rows(wh, "signals") == len(r1)
    assert _rows(wh, "signals", "report_class = ''") == 0
    leftovers = _rows(
        wh,
        "system.tables",
        "database = currentDatabase() AND name IN "
        f"('{reclass.NEW}', '{reclass.OLD}', '{reclass.PLAN}')",
    )
    assert leftovers == 0
    assert _rows(wh, "signals_by_org FINAL") == len(r1)


def test_another_partners_rows_under_the_same_report_id_do_not_change_its_class(
    fresh: Callable[[], Any],
) -> None:
    """Passes: org-x lands its own report under the id of org-a's legacy report r1 with
    another typology (to drag r1 into a class of its choosing, or learn it by what moves):
    the plan groups by (org_id, source_id), so r1's class is its own rows' alone, as if
    landed afresh, and org-x's rows keep theirs."""
    wh = fresh()
    r1 = _legacy_r1()
    victim = [s for s in r1 if s["typology"] == FL]
    _land_at(wh, victim, LONG_AGO)
    mine = [{**s, "org_id": ATTACKER.org_id, "signal_id": f"x-{s['signal_id']}"}
            for s in r1 if s["typology"] == DB]  # fmt: skip
    _land_at(wh, _as_released_contract(mine), LONG_AGO)
    reclass.reclass(wh, now=time.time())
    want = {with_report_classes(victim)[0]["report_class"]}
    got = {r[0] for r in wh.query("SELECT report_class FROM signals WHERE org_id = 'org-a'")}
    assert got == want
    theirs = {r[0] for r in wh.query("SELECT report_class FROM signals WHERE org_id = 'org-x'")}
    assert theirs == {with_report_classes(mine)[0]["report_class"]}


@VIEWERS
def test_padding_a_small_class_with_own_reports_before_a_reclass_unlocks_nothing(
    fresh: Callable[[], Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """Passes: two legacy reports of others of both typologies (a class below k) and the
    attacker's own three reports of both; the reclass puts them in one class, yet org-x's
    answers (and the public's) are the world's without the two: own reports never count
    towards k, and the public's largest contributor (org-x) is taken out."""
    wh, ref = fresh(), fresh()
    two = [(f"b{i}", (FL, DB)) for i in range(2)]
    own = [(f"x{i}", (FL, DB)) for i in range(3)]
    others = _as_released_contract(_world(ALONE + two, tlp, orgs))
    base_world = with_report_classes(_world(ALONE, tlp, orgs))
    mine = [{**s, "org_id": ATTACKER.org_id}
            for s in with_report_classes(_world(own, tlp, orgs))]  # fmt: skip
    _load(wh, [*base_world, *mine])
    _land_at(wh, [s for s in others if s["source_id"].startswith("b")], LONG_AGO)
    before = _answers(wh, viewer, TYPOLOGY_QUERIES)
    assert reclass.reclass(wh, now=time.time()) > 0
    after = _answers(wh, viewer, TYPOLOGY_QUERIES)
    _load(ref, [*base_world, *mine])
    want = _answers(ref, viewer, TYPOLOGY_QUERIES)
    assert before == want
    assert after == want, "the two reports of others show once re-classed"
