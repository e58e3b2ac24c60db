"""Review 46: attacks on release classes made per report (commit 2e71bd4, migration 0013);
they failed on 2e71bd4 and pass since rows without a report class are a class of their
own report and 0013's second pass copies what the sink landed during the copy as it is.

The rule is sound when every signal of a report carries the same ``report_class``, equal
to the set of its signals' class attributes: classes are then disjoint sets of reports and
every filter and grouping the query layer accepts (typology, origin, destination,
location, cell, cell_fine, source_kind; hotspots' and routes' ``!= ''`` conditions; the
map's layers) selects whole classes. These tests find states the warehouse reaches in
which that is not so. Each compares two worlds that differ only by a group the rule must
hide (the style of ``tests/test_sharing_combinations_attacker.py``) and FAILS on the code
of 2e71bd4, showing the leak.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from consumers import migrations, reclass, tables
from schemas.sharing import Viewer
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


def _as_released_contract(signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Signals as the sink decodes a message the last released stream worker wrote: the
    released contract has no ``report_class`` (so the reader's default, '')."""
    return [{k: v for k, v in s.items() if k != "report_class"} for s in signals]


# --- 1. signals of the released contract landed after migration 0013 ---


def test_the_released_signal_contract_has_no_report_class() -> None:
    """Premise of the next test (passes): every signal written by the stream worker of the
    last release, and every message of it still in the signals topic at the upgrade,
    decodes under the new reader schema with ``report_class`` = '' (its default)."""
    root = Path(__file__).resolve().parent.parent / "schemas" / "avro" / "released"
    last = sorted(root.iterdir(), key=lambda p: int(p.name))[-1]
    fields = {f["name"] for f in json.loads((last / "signal.avsc").read_text())["fields"]}
    assert "report_class" not in fields


@VIEWERS
def test_signals_of_the_released_contract_landed_after_0013_leak_a_combination(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """LEAK: review 45's combination leak comes back for every signal landed after
    migration 0013 without ``report_class``, and nothing ever lands those rows again.

    Why: 0013 re-classes only the rows present when it runs (``_land_again`` reads
    ``report_class = ''`` once; the ledger then records 13 and it never runs again).
    The signal contract evolved BACKWARD-compatibly (``report_class`` has default ''),
    so the sink keeps accepting signals of the released contract after the migration:
    the signals topic's backlog at the upgrade (the stream worker produced them before it
    was upgraded; ``tahub sink`` runs ``migrations.migrate`` on its start, then drains), and
    everything a not-yet-upgraded stream worker keeps producing during a rolling upgrade.
    ``consumers.release.class_id`` gives such a row its signal's own class, so a report of
    two typologies sits in a released class of each; the total counts it once.

    Reproduction: all migrations applied; land (as the sink does) four reports of forced
    labour alone, four of debt bondage alone and one of both, of one week, route and
    level, from messages of the released contract; then GET counts by=typology (4 and 5
    / 5 and 4 …) against by= (empty): 8 + 1 of both. The world without the report of both
    answers differently, so a group of one is told to org-x (GREEN) and the public (CLEAR).
    """
    p, q = two_worlds
    _load(p, _as_released_contract(_world(ALONE + BOTH, tlp, orgs)))
    _load(q, _as_released_contract(_world(ALONE, tlp, orgs)))
    assert migrations.migrate(p) == []  # nothing re-lands them
    assert migrations.migrate(q) == []
    assert p.query("SELECT count() FROM signals WHERE report_class = ''")[0][0] > 0
    got, want = _answers(p, viewer, TYPOLOGY_QUERIES), _answers(q, viewer, TYPOLOGY_QUERIES)
    assert got == want, f"the report of both typologies shows: {got} vs {want}"


# --- 2. the migration's second pass classes a row by part of its report ---


class SinkDuringCopy:
    """A warehouse on which, right after migration 0013's first copy into its new table,
    the sink lands ``late`` into signals (a batch it was writing while the copy ran)."""

    def __init__(self, wh: Any, late: list[dict[str, Any]], at: Any) -> None:
        self.wh, self.late, self.at, self.name = wh, late, at, wh.name
        self.fired = False

    def execute(self, sql: str) -> None:
        self.wh.execute(sql)
        if not self.fired and sql.startswith(f"INSERT INTO {reclass.NEW} "):
            self.fired = True
            if self.late:
                landed = [tables.Landed(s, 0, 1000 + i) for i, s in enumerate(self.late)]
                cols = tables.to_columns(tables.SIGNALS, landed)  # now, as the sink does
                self.wh.insert("signals", cols, tables.SIGNALS.types)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.wh.query(sql)

    def insert(self, table: str, columns: Any, types: dict[str, str] | None = None) -> int:
        return self.wh.insert(table, columns, types)


def _land_at(wh: Any, signals: list[dict[str, Any]], at: Any) -> None:
    if not signals:
        return
    landed = [tables.Landed(s, 0, i) for i, s in enumerate(signals)]
    wh.insert("signals", tables.to_columns(tables.SIGNALS, landed, now=at), tables.SIGNALS.types)


def _race_world(wh: Any, tlp: str, orgs: tuple[str, ...], with_db: bool) -> None:
    """Four reports of forced labour alone, landed with their report's class; the hidden
    report r1 from the released contract (no report_class): its forced-labour signals
    landed before the migration, its debt-bondage signals (when ``with_db``) landed by
    the sink while the migration's first copy ran. Then 0013's ``_land_again``."""
    alone = [(rid, ts) for rid, ts in ALONE if ts == (FL,)]
    before = W + timedelta(days=1)
    _load(wh, _world(alone, tlp, orgs))
    r1 = _as_released_contract(_world([*alone, ("r1", (FL, DB))], tlp, orgs))
    r1 = [s for s in r1 if s["source_id"] == "r1"]
    _land_at(wh, [s for s in r1 if s["typology"] == FL], before)
    late = [s for s in r1 if s["typology"] == DB] if with_db else []
    reclass.land_again(SinkDuringCopy(wh, late, before + timedelta(minutes=1)))


@VIEWERS
def test_rows_landed_during_0013s_copy_take_part_of_their_reports_class(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """LEAK: migration 0013 gives a row landed while it copies the class of *part* of its
    report, so a report of forced labour and debt bondage lands in the released class of
    forced labour alone, and ``by=typology`` shows the one debt-bondage report.

    Why: ``_land_again`` copies rows up to a cutoff, swaps, then copies the rows the sink
    landed meanwhile (``ingested_at > cutoff``) from the old table, with their report's
    attributes computed by ``REPORT_CLASS_SQL`` over the *new* signals table
    (``_whole_reports`` -> ``signals``, renamed by then), which holds only the report's
    rows copied in the first pass. The late rows' own attributes are not part of it (and
    a report whose rows all landed late gets '' from the ANY LEFT JOIN: a class per
    signal). The migration is written to run with the sink landing (it copies "what the
    sink landed while the copy ran"); rows without report_class land then from the
    released contract (test above), a report's signals in two sink batches.

    Reproduction: four forced-labour-only reports (others', released); report r1's
    forced-labour signals landed before the migration, its debt-bondage signals landed
    during the first copy; after the migration both carry r1's class as "forced labour
    alone". GET counts by=typology: debt_bondage 1 (a class of one report below k), where
    the world with r1 of forced labour only shows no debt-bondage row.
    """
    p, q = two_worlds
    _race_world(p, tlp, orgs, with_db=True)
    _race_world(q, tlp, orgs, with_db=False)
    classes = p.query(
        "SELECT typology, any(report_class) FROM signals WHERE source_id = 'r1' GROUP BY typology"
    )
    # the late rows are copied as landed: without a report class, a class of r1 alone
    assert dict(classes)[DB] == ""
    got, want = _answers(p, viewer, TYPOLOGY_QUERIES), _answers(q, viewer, TYPOLOGY_QUERIES)
    assert got == want, f"r1's debt-bondage signals show: {got} vs {want}"


@VIEWERS
def test_canary_race_world_without_late_rows_is_quiet(
    two_worlds: tuple[Any, Any], viewer: Viewer, tlp: str, orgs: tuple[str, ...]
) -> None:
    """Control (passes): r1's debt-bondage signals landed before the migration (no race)
    give r1 the class of both typologies, one report, suppressed: the same answers as a
    world without r1."""
    p, q = two_worlds
    alone = [(rid, ts) for rid, ts in ALONE if ts == (FL,)]
    before = W + timedelta(days=1)
    for wh, with_r1 in ((p, True), (q, False)):
        _load(wh, _world(alone, tlp, orgs))
        r1 = _as_released_contract(_world([*alone, ("r1", (FL, DB))], tlp, orgs))
        _land_at(wh, [s for s in r1 if s["source_id"] == "r1" and with_r1], before)
        reclass.land_again(SinkDuringCopy(wh, [], before))
    got, want = _answers(p, viewer, TYPOLOGY_QUERIES), _answers(q, viewer, TYPOLOGY_QUERIES)
    assert got == want


# --- 3. not a leak: the migration's cutoff second loses rows the sink lands in it ---


def test_rows_landed_in_the_cutoff_second_during_0013s_copy_are_kept(
    two_worlds: tuple[Any, Any],
) -> None:
    """LOSS (not a disclosure): ``_land_again``'s cutoff is ``max(ingested_at)`` of the
    rows without a class, to the second. A row the sink lands in that same second after
    the first copy read its rows is neither copied then (it was not there) nor in the
    second pass (``ingested_at > cutoff``), and goes with the old table when it is
    dropped. With an old stream worker still producing, the cutoff is the current second.
    Reproduction: r1's forced-labour signals landed at second t (no report_class), the
    sink lands its debt-bondage signals at the same second t during the first copy; after
    the migration r1 has no debt-bondage signal."""
    p, _ = two_worlds
    alone = [(rid, ts) for rid, ts in ALONE if ts == (FL,)]
    at = W + timedelta(days=1)
    _load(p, _world(alone, "GREEN", ("org-a",)))
    r1 = _as_released_contract(_world([*alone, ("r1", (FL, DB))], "GREEN", ("org-a",)))
    r1 = [s for s in r1 if s["source_id"] == "r1"]
    _land_at(p, [s for s in r1 if s["typology"] == FL], at)
    reclass.land_again(SinkDuringCopy(p, [s for s in r1 if s["typology"] == DB], at))
    got = p.query("SELECT count() FROM signals WHERE source_id = 'r1'")[0][0]
    assert got == len(r1), f"{len(r1) - got} of r1's {len(r1)} signals lost"
