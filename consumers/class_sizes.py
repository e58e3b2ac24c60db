"""Release classes big enough to be released, kept by the warehouse, so a query's release
check does not first count the rows of every class in its scope.

Before an answer counts the distinct reports of a class (the k rule, consumers.release),
it keeps only the classes holding at least k rows: a class of k reports has at least k
rows. Counting rows per class over a query's whole scope cost about half of a member's map
over 10 million signals (the 90-day map 1.87 -> 0.84 s without it, under load), yet the
answer is nearly always a few classes: synthetic signals make one class per report. So
the warehouse keeps the row count of every class as rows land (``CLASS_ROWS``, filled by a
materialised view on signals: migration 0010), and a refresher (``refresh``, run by the
sink after it lands signals) copies the classes of at least ``FLOOR`` rows into
``BIG_CLASSES``, with the landing time up to which it has looked (``KEPT``).

A query takes the classes of ``BIG_CLASSES`` plus those whose rows landed since that time,
counted from ``CLASS_ROWS`` then and there (``candidates``). So an answer never depends on
when the refresher last ran, or whether it ever did: a late refresher only makes the
second part larger. Both parts are a prefilter only: every class they keep is still judged
by the k rule on its reports, and a class they kept wrongly (rows landed twice count twice)
is judged the same way. ``tests/test_class_sizes.py`` compares answers with and without it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from consumers.errors import WarehouseError
from consumers.warehouse import Warehouse
from schemas.sharing import BINS

CLASS_ROWS = "class_rows"  # (bin, class, rows, landed): rows per class, per insert
BIG_CLASSES = "big_classes"  # (bin, class, rows): classes of FLOOR rows or more
KEPT = "big_classes_kept"  # (id, done): BIG_CLASSES holds every class landed before done
FLOOR = 2  # k = 1 releases every class and needs no prefilter
# an insert's landing time is taken when it starts and it is seen when it ends: the
# refresher looks this far back again, so an insert still under way is not passed over
MARGIN = timedelta(minutes=1)
EVERY_S = 10.0  # the refresher, at most this often
# and over every class when the sink starts and once a day after (bounds anything missed:
# over 10M signals it holds the sink, and chDB's session, for ~4 s)
WHOLE_EVERY_S = 86_400.0
log = logging.getLogger("tahub.sink")


def _landed_since_mark(bin_: str) -> str:
    """SQL condition on CLASS_ROWS: a class of ``bin_`` with rows landed since the mark
    (all of them before any refresh: the mark of an empty KEPT is 0)."""
    b = f"bin = '{bin_}'"  # one of schemas.sharing.BINS: the caller's own constant
    return (
        f"{b} AND class IN (SELECT class FROM {CLASS_ROWS} WHERE {b} "
        f"AND landed >= (SELECT max(done) FROM {KEPT}))"
    )


def candidates(cid: str, bin_: str, k: int) -> str:
    """SQL condition: the class ``cid`` (release bin ``bin_``) holds at least ``k`` rows
    (``k`` ≥ FLOOR): it was kept, or rows of it landed since, and counted now it has."""
    recent = (
        f"SELECT class FROM {CLASS_ROWS} WHERE {_landed_since_mark(bin_)} "
        f"GROUP BY class HAVING sum(rows) >= {int(k)}"
    )
    kept = f"SELECT class FROM {BIG_CLASSES} WHERE bin = '{bin_}' AND rows >= {int(k)}"
    return f"({cid} IN ({kept}) OR {cid} IN ({recent}))"


def refresh(wh: Warehouse, *, whole: bool = False) -> None:
    """Copy the classes of at least FLOOR rows among those landed since the last refresh
    (``whole``: among all) into BIG_CLASSES, then move its mark to when this one began,
    less MARGIN. Idempotent: run twice, or from two sinks, it only writes a class again
    (BIG_CLASSES keeps its largest count). Times stay the warehouse's, as whole seconds."""
    ((began,),) = wh.query("SELECT toUInt32(now())")
    for bin_ in BINS:  # one at a time: a third of the keys in memory at once
        which = f"bin = '{bin_}'" if whole else _landed_since_mark(bin_)
        wh.execute(
            f"INSERT INTO {BIG_CLASSES} SELECT bin, class, sum(rows) AS n FROM {CLASS_ROWS} "
            f"WHERE {which} GROUP BY bin, class HAVING n >= {FLOOR}"
        )
    mark = max(int(began) - int(MARGIN.total_seconds()), 0)
    # INSERT … SELECT: clickhouse-driver sends an INSERT's VALUES as data, not in the text
    wh.execute(f"INSERT INTO {KEPT} (id, done) SELECT 1, toDateTime({mark})")


class Refresher:
    """When the sink refreshes: after it landed signals, at most every EVERY_S, and over
    every class at its first and then every WHOLE_EVERY_S (time passed in)."""

    def __init__(self) -> None:
        self._next = 0.0
        self._next_whole = 0.0

    def after_landing(self, wh: Warehouse, now: float) -> None:
        if now < self._next:
            return
        self._next = now + EVERY_S
        whole = now >= self._next_whole
        try:
            refresh(wh, whole=whole)
        except WarehouseError as err:  # queries count the classes themselves meanwhile
            log.warning("release classes not kept this time: %s", err)
            return
        if whole:
            self._next_whole = now + WHOLE_EVERY_S
