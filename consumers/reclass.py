"""Signals landed without their report's class attributes, landed again with them.

A row without ``report_class`` is a class of its own report: its owner sees it, nobody
else (consumers.release.class_id). Such rows land after migration 0013 from producers of
the contract before it: the signals topic's backlog at an upgrade, a stream worker not yet
upgraded. Once every row of such a report has landed, the warehouse can compute the
report's attributes from them (consumers.release.REPORT_CLASS_SQL, the string normalize
writes) and land the rows again in their report's class, as 0013 did for the rows before.

Only reports all of whose rows lack the attributes are landed again, and only once their
last row landed ``settle`` seconds ago (a report's signals are written together, and land
within seconds of each other): a report is never classed by part of its rows, and a row
already released in a class never moves to another. A report some of whose rows carry a
class (rows landed while 0013 copied) keeps the rows without one to its owner.

A mutation cannot read other rows, and a pair landed twice in a ReplacingMergeTree with
no version collapses to either, so the table is copied with the attributes filled in and
the copy takes signals' place; rows the sink lands meanwhile are copied after the swap as
they landed, and 0007's copy by organisation and 0010's counts are made again. A rewrite
of the whole table, only when a report needs it. The reports are chosen (``plan``) in
every database before any is rewritten: on a sharded warehouse a report's rows lie on
several shards, and one shard's rows landed again would make its report look classed to
the next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from consumers.migrations import columns_of
from consumers.migrations import m0007_signals_by_org as m0007
from consumers.migrations import m0010_class_sizes as m0010
from consumers.release import ATTRIBUTES_SQL, CODE_COLUMNS, REPORT_CLASS_SQL, class_column
from consumers.sharding import LOCAL_SUFFIX, on_shards
from consumers.warehouse import Warehouse
from schemas.sharing import BINS

SETTLE_S = 3600  # a report's last row landed this long ago: all of it has landed

NEW, OLD = "signals_0013", "signals_0013_old"
_DERIVED = {class_column(b) for b in BINS} | {name for name, _, _ in CODE_COLUMNS}


def whole_reports(wh: Warehouse) -> str:
    """Where all of a report's rows are: this database's signals, or on a shard the
    Distributed table over every shard's (signals are sharded by signal id)."""
    db = str(wh.query("SELECT currentDatabase()")[0][0])
    if db.endswith(LOCAL_SUFFIX):
        entry = db[: -len(LOCAL_SUFFIX)]
        found = wh.query(
            f"SELECT count() FROM system.tables WHERE database = '{entry}' AND name = 'signals'"
        )
        if int(found[0][0]):
            return f"{entry}.signals"
    return "signals"


PLAN = "reclass_plan"  # the reports to land again and their attributes, per database
# present while 0007's copy by organisation and 0010's counts are made again: a run
# stopped there leaves it, and the next run makes them again (a Memory table would not
# outlive the process that a kill stops)
REBUILDING = "reclass_rebuilding"
# rows the sink stamped this long before a copy began and landed during it are looked for
# again after the swap: the sink stamps each attempt just before it inserts, so the gap
# is one wait for the warehouse (with chDB, one statement of this module)
CATCH_UP_S = SETTLE_S


def _every_report(wh: Warehouse) -> str:
    """Every report's attributes, from all its rows (migration 0013: no row has them)."""
    return (
        f"SELECT org_id, source_id, {REPORT_CLASS_SQL} AS whole, max(ingested_at) AS last "
        f"FROM {whole_reports(wh)} GROUP BY org_id, source_id"
    )


def plan(wh: Warehouse, settled_before: int) -> int:
    """Writes this database's plan and returns how many reports it holds. Read over all of
    a report's rows (on a shard, before any shard lands a row again), and only the reports
    that have rows without the attributes:

    - a report none of whose rows has them, whose last row landed before
      ``settled_before`` (epoch seconds), with the attributes of all its rows;
    - a report whose rows with them all carry one class, with that class: of its rows
      without one, those whose own attributes are in the class join it (``_copy``; a batch
      the sink landed again, a shard whose rewrite failed while another's succeeded, a row
      that landed between two shards' plans), so the class tells no more than it did; the
      others (attributes the class lacks) stay their owner's.

    A report is never classed by part of its rows, and a row released in a class never
    moves to another."""
    whole = whole_reports(wh)
    into = "GLOBAL IN" if whole != "signals" else "IN"  # a Distributed table: every shard's
    bare = f"SELECT org_id, source_id FROM {whole} WHERE report_class = ''"
    wh.execute(f"DROP TABLE IF EXISTS {PLAN}")
    wh.execute(
        f"CREATE TABLE {PLAN} ENGINE = Memory AS "
        "SELECT org_id, source_id, if(classed = 0, computed, held) AS whole, last FROM ("
        "SELECT org_id, source_id, countIf(report_class != '') AS classed, "
        "uniqExactIf(report_class, report_class != '') AS classes, "
        f"max(ingested_at) AS last, {REPORT_CLASS_SQL} AS computed, "
        "anyIf(report_class, report_class != '') AS held "
        f"FROM {whole} WHERE (org_id, source_id) {into} ({bare}) "
        "GROUP BY org_id, source_id) "
        f"WHERE (classed = 0 AND last < toDateTime({int(settled_before)})) OR classes = 1"
    )
    return int(wh.query(f"SELECT count() FROM {PLAN}")[0][0])


def _reports(wh: Warehouse, planned: bool) -> str:
    return f"SELECT org_id, source_id, whole, last FROM {PLAN}" if planned else _every_report(wh)


def _joins() -> str:
    """Whether a row takes its planned report's class (``whole``, ``last`` joined): a row
    without one, landed by the time the plan was read, whose own attributes are in the
    class (one landed since, even in the plan's last second, may carry attributes the
    class lacks, and stays its owner's)."""
    return (
        "report_class = '' AND whole != '' AND ingested_at <= last "
        f"AND has(splitByChar(';', whole), {ATTRIBUTES_SQL})"
    )


def pending(wh: Warehouse, planned: bool = False) -> int:
    """Rows of this database's signals that ``land_again`` gives their report's class."""
    if not planned:
        return int(wh.query("SELECT count() FROM signals WHERE report_class = ''")[0][0])
    # LEFT: an ANY INNER JOIN keeps one row a key on recent ClickHouse and chDB
    found = wh.query(
        f"SELECT count() FROM signals ANY LEFT JOIN ({_reports(wh, True)}) AS reports "
        f"USING (org_id, source_id) WHERE {_joins()}"
    )
    return int(found[0][0])


def _copy(wh: Warehouse, planned: bool) -> None:
    """signals' rows into the new table, a row without the attributes with its report's
    when it joins it (``_joins``; a planned report's only, when ``planned``; the class
    columns are computed as the rows land), every other row as it is."""
    data = [c for c in columns_of(wh, "signals") if c not in _DERIVED and c != "report_class"]
    wh.execute(
        f"INSERT INTO {NEW} ({', '.join(data)}, report_class) "
        f"SELECT {', '.join(data)}, if({_joins()}, whole, report_class) "
        f"FROM signals ANY LEFT JOIN ({_reports(wh, planned)}) AS reports "
        "USING (org_id, source_id)"
    )


def table_exists(wh: Warehouse, table: str) -> bool:
    found = wh.query(
        f"SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = '{table}'"
    )
    return bool(int(found[0][0]))


def _back_from_old(wh: Warehouse, since: int | None) -> None:
    """The rows of the old table that signals lacks, into signals as they landed: those
    the sink landed in it while it was copied (stamped ``since`` or later), or, after a
    run that stopped before this step (``since`` None), any."""
    data = [c for c in columns_of(wh, OLD) if c not in _DERIVED]
    window = "1" if since is None else f"ingested_at >= toDateTime({since})"
    # looked for in signals by id whatever their stamp: a merge may have kept an earlier
    # copy of the same signal there
    candidates = f"SELECT signal_id FROM {OLD} WHERE {window}"
    wh.execute(
        f"INSERT INTO signals ({', '.join(data)}) SELECT {', '.join(data)} FROM {OLD} "
        f"WHERE {window} AND signal_id NOT IN "
        f"(SELECT signal_id FROM signals WHERE signal_id IN ({candidates}))"
    )


def _rebuild_derived(wh: Warehouse) -> None:
    """0007's copy by organisation and 0010's counts made again from signals, behind a
    marker that a run stopped half way leaves for the next (``repair``)."""
    wh.execute(f"CREATE TABLE IF NOT EXISTS {REBUILDING} (at DateTime) ENGINE = TinyLog")
    for step in (*m0007.DOWN, *m0007.UP, *m0010.DOWN, *m0010.UP):
        assert isinstance(step, str)
        wh.execute(step)
    wh.execute(f"DROP TABLE {REBUILDING}")


def repair(wh: Warehouse) -> bool:
    """Finishes, in this database, what a run stopped half way left: rows only in the old
    table (landed during a copy, killed before they were copied back) back into signals,
    and the copy by organisation and the counts made again. Returns whether it did."""
    if not table_exists(wh, OLD) and not table_exists(wh, REBUILDING):
        return False
    if table_exists(wh, OLD):
        if not table_exists(wh, "signals"):  # stopped inside the swap
            wh.execute(f"RENAME TABLE {OLD} TO signals")
        else:
            _back_from_old(wh, None)
            wh.execute(f"DROP TABLE {OLD}")
    _rebuild_derived(wh)
    return True


def land_again(wh: Warehouse, planned: bool = False, began: int | None = None) -> int:
    """Lands again, in this database, the rows without the attributes (of the planned
    reports only, when ``planned``); returns how many (0: nothing was rewritten).
    ``began``: when the run began (epoch seconds), before anything it reads."""
    repair(wh)
    rows = pending(wh, planned)
    if not rows:
        return 0
    started = int(wh.query("SELECT toUInt32(now())")[0][0]) if began is None else began
    wh.execute(f"DROP TABLE IF EXISTS {NEW}")
    wh.execute(f"CREATE TABLE {NEW} AS signals")
    _copy(wh, planned)
    # the marker before the swap: 0007's and 0010's views do not follow a renamed table,
    # so from here on a stopped run must leave the copy by organisation and the counts to
    # be made again (``repair``)
    wh.execute(f"CREATE TABLE IF NOT EXISTS {REBUILDING} (at DateTime) ENGINE = TinyLog")
    wh.execute(f"RENAME TABLE signals TO {OLD}, {NEW} TO signals")
    # what the sink landed while the copy ran, into the table it lands in now, as it
    # landed (a class made of only the rows landed so far could split a report)
    _back_from_old(wh, started - CATCH_UP_S)
    wh.execute(f"DROP TABLE {OLD}")
    _rebuild_derived(wh)
    return rows


def reclass(wh: Warehouse, *, now: float, settle_s: int = SETTLE_S) -> int:
    """Lands again the rows of every report planned (``plan``) whose last row landed
    ``settle_s`` before ``now``, on every shard of a sharded warehouse (every shard's plan
    first: a shard's rows landed again would make the next shard's report look classed),
    after finishing what a stopped run left (``repair``); returns the rows."""
    settled_before = int(now) - settle_s
    began = int(wh.query("SELECT toUInt32(now())")[0][0])

    def each(work: Callable[[Warehouse], int]) -> int:
        per_shard = on_shards(wh, work)
        return work(wh) if per_shard is None else sum(per_shard)

    each(lambda db: int(repair(db)))
    if not each(_unclassed):
        return 0  # the hourly case: one scan of one column, no plan
    try:
        if not each(lambda db: plan(db, settled_before)):
            return 0
        return each(lambda db: land_again(db, planned=True, began=began))
    finally:
        each(_drop_plan)


def _unclassed(wh: Warehouse) -> int:
    return int(wh.query("SELECT count() FROM signals WHERE report_class = ''")[0][0])


def _drop_plan(wh: Warehouse) -> int:
    wh.execute(f"DROP TABLE IF EXISTS {PLAN}")
    return 0


_LOOKUP_CHUNK = 2_000  # signal ids per look-up: well under ClickHouse's 256 KiB query limit


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def class_copies(wh: Warehouse, columns: dict[str, list[Any]]) -> int:
    """Gives a row about to land without a class the class of a landed row of the same
    signal of the same report, in place; returns how many. The sink lands at least once:
    a legacy batch landed again after its report was re-classed would otherwise be a bare
    copy that a merge (signals is a ReplacingMergeTree without a version: either row may
    stay) keeps over the classed row, taking the report out of its released class until
    the next run. Legacy rows are rare: a batch without one costs nothing."""
    bare = [i for i, c in enumerate(columns.get("report_class", ())) if c == ""]
    if not bare:
        return 0
    found: dict[tuple[str, str, str], str] = {}
    ids = sorted({str(columns["signal_id"][i]) for i in bare})
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ", ".join(_quoted(v) for v in ids[start : start + _LOOKUP_CHUNK])
        rows = wh.query(
            "SELECT org_id, source_id, signal_id, any(report_class) FROM signals "
            f"WHERE report_class != '' AND signal_id IN ({chunk}) "
            "GROUP BY org_id, source_id, signal_id"
        )
        found.update({(str(o), str(r), str(g)): str(c) for o, r, g, c in rows})
    filled = 0
    for i in bare:
        key = (
            str(columns["org_id"][i]),
            str(columns["source_id"][i]),
            str(columns["signal_id"][i]),
        )
        if key in found:
            columns["report_class"][i] = found[key]
            filled += 1
    return filled
