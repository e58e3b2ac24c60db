"""Prometheus metrics of the stream worker (served by `tahub worker` on its metrics port)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

# end-to-end latency buckets (seconds): a live pipeline answers in seconds; a stalled stage
# or a digest in hours
LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400)

SIGNALS = Counter("tahub_detect_signals", "Signals read by the detection fan-out")
DEAD_LETTERS = Counter(
    "tahub_stream_dead_letters", "Records the stream worker dead-lettered", ["stage", "kind"]
)
LATE = Counter(
    "tahub_detect_late_signals",
    "Signals that arrived after every window they belong to had closed (late data)",
)
UNCOUNTED = Counter(
    "tahub_detect_uncounted_entries",
    "Per-key entries refused because their window had closed: late data",
)
REPEATED = Counter(
    "tahub_detect_repeated_entries",
    "Per-key entries refused because their window had closed that had been counted "
    "before: read again by a new reader of their signals partition after a hand-over",
)
DETECTIONS = Counter("tahub_detect_detections", "Detection versions sent", ["state"])
KEYS_COUNTED = Gauge(
    "tahub_detect_keys_counted_offset",
    "The next detect.keys offset this worker's count stage has counted, per partition (its "
    "commit follows within a commit interval): how far counting has got",
    ["partition"],
)
BUILD = Gauge(
    "tahub_detect_build_info",
    "1, labelled with how this worker's count stage runs: compiled by mypyc "
    "(TAHUB_COMPILE=1, streams.native) or as Python source",
    ["count_stage"],
)
GC_PAUSE = Histogram(
    "tahub_detect_gc_pause_seconds",
    "The count stage's garbage collections by generation, each a pause of its event loop "
    "(streams.gc_tuning.Pauses)",
    ["generation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
WATERMARK = Gauge(
    "tahub_detect_watermark_timestamp_seconds", "Newest event time the fan-out has read"
)
REPORT_TO_SIGNAL = Histogram(
    "tahub_latency_report_to_signal_seconds",
    "From an incident's submission (its submitted_at) to the commit of its signals",
    buckets=LATENCY_BUCKETS,
)
