"""A release class is a report's, not a signal's (schemas.sharing.report_class).

A report is a signal per typology and place; with a class per signal, an answer grouping
across classes counted a report of several released classes once, and a total against
its breakdown told how many reports hold two values (a combination below k). Signals now
carry their report's class attributes (``report_class``), and the class columns hash
those instead of the row's own (consumers.release.class_id), in signals and in its copy
by organisation (0007), in the same place in both.

Rows landed before are landed again with their report's attributes, computed by the
warehouse from all of the report's rows (consumers.release.REPORT_CLASS_SQL: the same
string normalize writes) into a new table that then takes signals' place, and 0007's copy
by organisation and 0010's counts per class are made again over it. On a sharded
warehouse a report's rows lie on several shards (signals are sharded by signal id), so
they are read through the Distributed table. A rewrite of the whole table, once: minutes
on a big one.
"""

from __future__ import annotations

from collections.abc import Callable

from consumers.migrations import Step, add_column, columns_of, drop_column
from consumers.migrations import m0007_signals_by_org as m0007
from consumers.migrations import m0010_class_sizes as m0010
from consumers.release import (
    BY_ORG,
    CODE_COLUMNS,
    REPORT_CLASS_SQL,
    class_column,
    class_id,
    signal_class_id,
)
from consumers.sharding import LOCAL_SUFFIX
from consumers.warehouse import Warehouse
from schemas.sharing import BINS

TABLES = ("signals", BY_ORG)


def _defaults(expression: Callable[[str], str]) -> list[Step]:
    """The class columns of both tables computed by ``expression`` (a metadata change:
    rows already written keep their values)."""
    return [
        f"ALTER TABLE {t} MODIFY COLUMN {class_column(b)} UInt64 DEFAULT {expression(b)}"
        for t in TABLES
        for b in BINS
    ]


def _whole_reports(wh: Warehouse) -> str:
    """Where all of a report's rows are: this database's signals, or on a shard the
    Distributed table over every shard's."""
    db = str(wh.query("SELECT currentDatabase()")[0][0])
    if db.endswith(LOCAL_SUFFIX):
        entry = db[: -len(LOCAL_SUFFIX)]
        found = wh.query(
            f"SELECT count() FROM system.tables WHERE database = '{entry}' AND name = 'signals'"
        )
        if int(found[0][0]):
            return f"{entry}.signals"
    return "signals"


_NEW, _OLD = "signals_0013", "signals_0013_old"


_DERIVED = {class_column(b) for b in BINS} | {name for name, _, _ in CODE_COLUMNS}


def _copy(wh: Warehouse, source: str, where: str) -> None:
    """``source``'s rows into the new table, each with its report's class attributes (a
    row that has them keeps them); the class columns are computed as the rows land."""
    data = [c for c in columns_of(wh, source) if c not in _DERIVED and c != "report_class"]
    reports = (
        f"SELECT org_id, source_id, {REPORT_CLASS_SQL} AS whole FROM {_whole_reports(wh)} "
        "GROUP BY org_id, source_id"
    )
    wh.execute(
        f"INSERT INTO {_NEW} ({', '.join(data)}, report_class) "
        f"SELECT {', '.join(data)}, if(report_class = '', whole, report_class) "
        f"FROM {source} ANY LEFT JOIN ({reports}) AS reports USING (org_id, source_id) "
        f"WHERE {where}"
    )


def _land_again(wh: Warehouse) -> None:
    """A new table with every row landed again, swapped in for signals (a mutation cannot
    read other rows, and a pair landed twice in a ReplacingMergeTree with no version
    collapses to either); then 0007's copy and 0010's counts made again over it. Rows the
    sink lands while the copy runs are copied after the swap as they are: one without its
    report's attributes is a class of its own report (consumers.release.class_id), as a
    report's class made of only the rows landed so far could split it."""
    if not int(wh.query("SELECT count() FROM signals WHERE report_class = ''")[0][0]):
        return
    started = int(wh.query("SELECT toUInt32(now())")[0][0])
    wh.execute(f"DROP TABLE IF EXISTS {_NEW}")
    wh.execute(f"CREATE TABLE {_NEW} AS signals")
    _copy(wh, "signals", "1")
    wh.execute(f"DROP TABLE IF EXISTS {_OLD}")
    wh.execute(f"RENAME TABLE signals TO {_OLD}, {_NEW} TO signals")
    # what the sink landed since the copy began and the copy did not take (the same
    # second included), into the table it lands in now
    since = f"ingested_at >= toDateTime({started})"
    data = [c for c in columns_of(wh, _OLD) if c not in _DERIVED]
    wh.execute(
        f"INSERT INTO signals ({', '.join(data)}) SELECT {', '.join(data)} FROM {_OLD} "
        f"WHERE {since} AND signal_id NOT IN (SELECT signal_id FROM signals WHERE {since})"
    )
    for step in (*m0007.DOWN, *m0007.UP, *m0010.DOWN, *m0010.UP):
        assert isinstance(step, str)
        wh.execute(step)
    wh.execute(f"DROP TABLE {_OLD}")


# 0007's view copies signals into its copy by organisation: made again over the new
# columns (a view's ``*`` is its columns when it was made, and a column it reads cannot be
# dropped)
_FEED = [f"DROP TABLE IF EXISTS {m0007.FEED}", *m0007.UP[1:2]]

UP: list[Step] = [
    *(add_column(t, "report_class", "String", after="tlp") for t in TABLES),
    *_defaults(class_id),
    *_FEED,
    _land_again,
]

DOWN: list[Step] = [
    f"DROP TABLE IF EXISTS {m0007.FEED}",
    *_defaults(signal_class_id),
    *(drop_column(t, "report_class") for t in TABLES),
    *m0007.UP[1:2],
]
