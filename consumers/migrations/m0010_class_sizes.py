"""Rows per release class, kept as signals land, and the classes big enough to release
(consumers.class_sizes), so a query's release check reads a few classes instead of
counting the rows of every class in its scope.

A materialised view counts each block the sink inserts into signals by release bin and
class into ``class_rows`` within the same insert (a block landed twice counts twice: the
count only ever selects classes for the k rule, which judges their reports). The view
comes before the backfill, as in 0007: rows landed while it runs count twice, none is
missed. ``big_classes`` and its mark start empty: until the sink's first refresh, queries
count every class from ``class_rows`` (consumers.class_sizes.candidates).
"""

from consumers.class_sizes import BIG_CLASSES, CLASS_ROWS, KEPT
from consumers.migrations import Step
from consumers.release import class_column
from schemas.sharing import BINS

FEED = f"{CLASS_ROWS}_feed"
_BINS = ", ".join(f"'{b}'" for b in BINS)
_CLASSES = ", ".join(class_column(b) for b in BINS)
# each row of signals once per release bin, with its class under that bin
_COUNTED = (
    "SELECT bin, class, count() AS rows, now() AS landed FROM signals "
    f"ARRAY JOIN [{_BINS}] AS bin, [{_CLASSES}] AS class GROUP BY bin, class"
)

UP: list[Step] = [
    f"CREATE TABLE IF NOT EXISTS {CLASS_ROWS} "
    "(bin String, class UInt64, rows UInt64, landed DateTime) "
    "ENGINE = SummingMergeTree(rows) ORDER BY (bin, class, landed)",
    f"CREATE TABLE IF NOT EXISTS {BIG_CLASSES} (bin String, class UInt64, rows UInt64) "
    "ENGINE = ReplacingMergeTree(rows) ORDER BY (bin, class)",
    f"CREATE TABLE IF NOT EXISTS {KEPT} (id UInt8, done DateTime) "
    "ENGINE = ReplacingMergeTree(done) ORDER BY id",
    f"CREATE MATERIALIZED VIEW IF NOT EXISTS {FEED} TO {CLASS_ROWS} AS {_COUNTED}",
    f"INSERT INTO {CLASS_ROWS} {_COUNTED}",
]

DOWN: list[Step] = [
    f"DROP TABLE IF EXISTS {FEED}",
    f"DROP TABLE IF EXISTS {KEPT}",
    f"DROP TABLE IF EXISTS {BIG_CLASSES}",
    f"DROP TABLE IF EXISTS {CLASS_ROWS}",
]
