"""A copy of signals ordered by organisation (consumers.release.BY_ORG), so a member's own
records, 1 row in 40 and in every granule of signals, are read as one key range.

The warehouse keeps it: a materialised view pushes every block inserted into signals into
the copy within the same insert, so the sink writes one table as before. A block the sink
lands twice (a retry after a crash) lands twice in both, and both collapse it the same way
(ReplacingMergeTree on the same identity; answers count distinct reports); a failed insert
is retried whole by the sink, so the copy holds at least what signals holds. The view comes
before the backfill: rows landed while it runs are copied twice, never missed, and a
backfill interrupted and run again only copies again.

The copy is made ``AS signals`` (same columns, same DEFAULT expressions, same order, as the
plan's UNION ALL needs): a later migration that adds a column to signals must add it here
too, in the same place.
"""

from consumers.migrations import Step
from consumers.release import BY_ORG

FEED = f"{BY_ORG}_feed"

UP: list[Step] = [
    f"CREATE TABLE IF NOT EXISTS {BY_ORG} AS signals ENGINE = ReplacingMergeTree() "
    "PARTITION BY toYYYYMM(event_time) "
    "ORDER BY (org_id, toDate(event_time), typology, location_country, signal_id)",
    f"CREATE MATERIALIZED VIEW IF NOT EXISTS {FEED} TO {BY_ORG} AS SELECT * FROM signals",
    f"INSERT INTO {BY_ORG} SELECT * FROM signals",
]

DOWN: list[Step] = [f"DROP TABLE IF EXISTS {FEED}", f"DROP TABLE IF EXISTS {BY_ORG}"]
