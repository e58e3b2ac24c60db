"""Signals carry the occurred clock beside the reported one (issue 17): ``occurred_on``,
the occurrence as a YYYYMMDD number at its precision (0 when unknown; ClickHouse's Date
cannot hold the years 1900-1969 the intake accepts), and ``occurred_precision`` (day,
month, year, unknown).

Rows landed before this migration are filled from their incident's latest version where
the ``incidents`` table has it: the filled copies are inserted beside the old ones and
``OPTIMIZE … FINAL`` keeps the newer copy of each (ReplacingMergeTree without a version
column keeps the last inserted). News signals, and partner signals whose incident did not
land, stay unknown: they count by occurrence only in answers with no time limit. The
incidents table's dates before 1970 were stored as 1970-01-01, so that date is taken as
unknown too. Run it before the sink starts (``tahub up`` does): between the insert and
the merge a report would sit in two release classes.
"""

from consumers.migrations import add_column, columns_of, drop_column
from consumers.warehouse import Warehouse

NEW = ("occurred_on", "occurred_precision")

# ALL, not ANY: current ClickHouse's ANY INNER JOIN keeps one left row per key (a report
# has several signals); the right side has one row per incident either way
_FROM_INCIDENTS = """
    FROM signals
    ALL INNER JOIN (
        SELECT incident_id AS source_id,
               toYYYYMMDD(argMax(occurred_on, version)) AS filled_on,
               argMax(occurred_precision, version) AS filled_precision
        FROM incidents GROUP BY incident_id
    ) AS filled USING source_id
    WHERE source_kind = 'partner' AND occurred_precision IN ('', 'unknown')
      AND filled_precision IN ('day', 'month', 'year') AND filled_on > 19700101
"""


def _fill_from_incidents(wh: Warehouse) -> None:
    if not wh.query(f"SELECT count() {_FROM_INCIDENTS}")[0][0]:
        return
    kept = [c for c in columns_of(wh, "signals") if c not in NEW]
    names = ", ".join(kept)
    wh.execute(
        f"INSERT INTO signals ({names}, occurred_on, occurred_precision) "
        f"SELECT {names}, filled_on, filled_precision {_FROM_INCIDENTS}"
    )
    wh.execute("OPTIMIZE TABLE signals FINAL")


UP = [
    add_column("signals", "occurred_on", "UInt32", "event_time"),
    add_column("signals", "occurred_precision", "String DEFAULT 'unknown'", "occurred_on"),
    _fill_from_incidents,
]

DOWN = [
    drop_column("signals", "occurred_precision"),
    drop_column("signals", "occurred_on"),
]
