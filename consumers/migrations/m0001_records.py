"""Landing table for every contract record: one row per record id and version.

ReplacingMergeTree keyed by (topic, record_id) keeps the highest version, so a replayed
or re-inserted record collapses into one row in ``FINAL`` reads. Typed per-contract
tables for analytics come in later migrations.
"""

UP = [
    """
    CREATE TABLE IF NOT EXISTS records (
        topic String,
        record_id String,
        version UInt32,
        event_time DateTime,
        org_id String,
        tlp String,
        schema_id UInt32,
        payload String,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree(version)
    PARTITION BY toYYYYMM(event_time)
    ORDER BY (topic, record_id)
    """,
]

DOWN = ["DROP TABLE IF EXISTS records"]
