"""Typed tables, one per contract (news text apart for retention); replaces ``records``.

Frozen DDL: later changes are new migrations. ``tests/test_sink_tables.py`` checks that the
migrated columns match ``consumers.tables``.
"""

from consumers.migrations.m0001_records import UP as RECORDS_UP

UP = [
    "DROP TABLE IF EXISTS records",
    """
    CREATE TABLE IF NOT EXISTS incidents (
        incident_id String,
        version UInt32,
        submission_id String,
        org_id String,
        submitted_at DateTime,
        occurred_on Date,
        occurred_precision String,
        typologies Array(String),
        means_of_control Array(String),
        recruitment Array(String),
        recruitment_countries Array(String),
        transit_countries Array(String),
        exploitation_countries Array(String),
        places String,
        sector String,
        victims_total UInt32,
        victims String,
        victim_citizenships Array(String),
        tlp String,
        confidence Float64,
        summary String,
        kafka_partition UInt32,
        kafka_offset UInt64,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree()
    PARTITION BY toYYYYMM(submitted_at)
    ORDER BY (incident_id, version)
    """,
    """
    CREATE TABLE IF NOT EXISTS news_articles (
        article_id String,
        url String,
        source String,
        title String,
        published_at DateTime,
        fetched_at DateTime,
        language String,
        story_id String,
        source_count UInt32,
        relevant UInt8,
        typologies Array(String),
        countries Array(String),
        origin_countries Array(String),
        transit_countries Array(String),
        destination_countries Array(String),
        places String,
        confidence Float64,
        tlp String,
        kafka_partition UInt32,
        kafka_offset UInt64,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree(fetched_at)
    PARTITION BY toYYYYMM(published_at)
    ORDER BY article_id
    """,
    """
    CREATE TABLE IF NOT EXISTS news_texts (
        article_id String,
        fetched_at DateTime,
        text String,
        kafka_partition UInt32,
        kafka_offset UInt64,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree(fetched_at)
    PARTITION BY toYYYYMM(fetched_at)
    ORDER BY article_id
    """,
    """
    CREATE TABLE IF NOT EXISTS signals (
        signal_id String,
        event_time DateTime,
        source_kind String,
        source_id String,
        org_id String,
        typology String,
        origin_country String,
        transit_countries Array(String),
        destination_country String,
        location_country String,
        role String,
        lat Nullable(Float64),
        lon Nullable(Float64),
        cell_coarse String,
        cell_fine String,
        weight Float64,
        tlp String,
        kafka_partition UInt32,
        kafka_offset UInt64,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree()
    PARTITION BY toYYYYMM(event_time)
    ORDER BY (toDate(event_time), typology, location_country, signal_id)
    """,
    """
    CREATE TABLE IF NOT EXISTS detections (
        detection_id String,
        version UInt32,
        state String,
        dimension_set String,
        dimension_key String,
        dimension_names Array(String),
        dimension_values Array(String),
        window_start DateTime,
        window_end DateTime,
        observed Float64,
        expected Float64,
        score Float64,
        p_value Nullable(Float64),
        method String,
        severity String,
        distinct_sources UInt32,
        top_sources Array(String),
        sample_signal_ids Array(String),
        tlp String,
        restricted_to Array(String),
        opened_at DateTime,
        updated_at DateTime,
        kafka_partition UInt32,
        kafka_offset UInt64,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree()
    PARTITION BY toYYYYMM(opened_at)
    ORDER BY (detection_id, version)
    """,
    """
    CREATE TABLE IF NOT EXISTS subscriptions (
        subscription_id String,
        org_id String,
        name String,
        version UInt32,
        active UInt8,
        typologies Array(String),
        origins Array(String),
        destinations Array(String),
        dimension_sets Array(String),
        min_severity String,
        new_routes_only UInt8,
        channel_kinds Array(String),
        mode String,
        timezone String,
        created_at DateTime,
        updated_at DateTime,
        kafka_partition UInt32,
        kafka_offset UInt64,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree(version)
    ORDER BY subscription_id
    """,
    """
    CREATE TABLE IF NOT EXISTS alerts (
        notification_id String,
        subscription_id String,
        org_id String,
        kind String,
        detection_ids Array(String),
        severity String,
        title String,
        summary String,
        tlp String,
        channels Array(String),
        created_at DateTime,
        kafka_partition UInt32,
        kafka_offset UInt64,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree()
    PARTITION BY toYYYYMM(created_at)
    ORDER BY (subscription_id, notification_id)
    """,
    """
    CREATE TABLE IF NOT EXISTS deliveries (
        delivery_id String,
        notification_id String,
        subscription_id String,
        channel String,
        target String,
        attempt UInt32,
        status String,
        recoverable UInt8,
        error String,
        latency_ms Nullable(Int64),
        attempted_at DateTime,
        kafka_partition UInt32,
        kafka_offset UInt64,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree()
    PARTITION BY toYYYYMM(attempted_at)
    ORDER BY (subscription_id, delivery_id)
    """,
    """
    CREATE TABLE IF NOT EXISTS dead_letters (
        dead_letter_id String,
        stage String,
        source_topic String,
        source_partition Nullable(Int32),
        source_offset Nullable(Int64),
        record_ref String,
        org_id String,
        error_kind String,
        reason String,
        error_paths Array(String),
        error_reasons Array(String),
        payload_sha256 String,
        payload_size Nullable(Int32),
        failed_at DateTime,
        kafka_partition UInt32,
        kafka_offset UInt64,
        ingested_at DateTime
    )
    ENGINE = ReplacingMergeTree()
    PARTITION BY toYYYYMM(failed_at)
    ORDER BY (stage, dead_letter_id)
    """,
]

DOWN = [
    "DROP TABLE IF EXISTS dead_letters",
    "DROP TABLE IF EXISTS deliveries",
    "DROP TABLE IF EXISTS alerts",
    "DROP TABLE IF EXISTS subscriptions",
    "DROP TABLE IF EXISTS detections",
    "DROP TABLE IF EXISTS signals",
    "DROP TABLE IF EXISTS news_texts",
    "DROP TABLE IF EXISTS news_articles",
    "DROP TABLE IF EXISTS incidents",
    *RECORDS_UP,
]
