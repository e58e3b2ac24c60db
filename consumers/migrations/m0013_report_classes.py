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
on a big one. The copy and swap are ``consumers.reclass``'s, which lands again the rows
that arrive without the attributes later.
"""

from __future__ import annotations

from collections.abc import Callable

from consumers import reclass
from consumers.migrations import Step, add_column, drop_column
from consumers.migrations import m0007_signals_by_org as m0007
from consumers.release import BY_ORG, class_column, class_id, signal_class_id
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


def _land_again(wh: Warehouse) -> None:
    """Every row landed before lacks the attributes: each report's rows landed again."""
    reclass.land_again(wh)


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
