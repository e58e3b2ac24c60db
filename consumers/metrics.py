"""Prometheus metrics of the sink (process-wide; the shell serves them on /metrics)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

ROWS = Counter("tahub_sink_rows", "Rows inserted into the warehouse", ["table"])
DEAD_LETTERS = Counter("tahub_sink_dead_letters", "Records the sink sent to the DLQ", ["kind"])
INSERT_FAILURES = Counter(
    "tahub_sink_insert_failures", "Warehouse inserts that failed and will be retried", ["table"]
)
FLUSH_SECONDS = Histogram(
    "tahub_sink_flush_seconds",
    "Time to insert one batch into every table and commit its offsets",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
RETRYING = Gauge("tahub_sink_retrying", "1 while the sink waits for the warehouse to come back")
BUFFERED = Gauge("tahub_sink_buffered_records", "Records read from Kafka, not yet inserted")
LAST_FLUSH = Gauge("tahub_sink_last_flush_timestamp_seconds", "When the last batch was committed")
