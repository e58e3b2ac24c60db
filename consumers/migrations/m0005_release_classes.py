"""Signals store their release class under each release bin (consumers.release.class_column),
computed by the warehouse from ``class_id`` as a row is written, so the release check
reads one UInt64 per row instead of hashing ten columns in every query.

Rows landed before this migration need no copy: ClickHouse computes a DEFAULT column
missing from an older part from the same expression when it is read, so answers are the
same at once; ``OPTIMIZE … FINAL`` then writes it into every part (a one-off
rewrite of the table) so reads stop recomputing it. Sink retries are unaffected: a
duplicate row carries the same class and the release check counts distinct reports.
"""

from consumers.migrations import Step, columns_of, drop_column
from consumers.release import class_column, signal_class_id
from consumers.warehouse import Warehouse
from schemas.sharing import BINS


def _add(bin_: str) -> Step:
    # appended, without AFTER: 18.16 refuses AFTER beside a default expression. DEFAULT,
    # not MATERIALIZED: see consumers.tables.Table.derived (sharded warehouses)
    def step(wh: Warehouse) -> None:
        name = class_column(bin_)
        if name not in columns_of(wh, "signals"):
            # the class as it was then, a signal's own (0013 makes it the report's)
            wh.execute(
                f"ALTER TABLE signals ADD COLUMN {name} UInt64 DEFAULT {signal_class_id(bin_)}"
            )

    return step


UP: list[Step] = [*(_add(b) for b in BINS), "OPTIMIZE TABLE signals FINAL"]

DOWN: list[Step] = [drop_column("signals", class_column(b)) for b in reversed(BINS)]
