"""Prometheus metrics of the stream worker (served by `tahub worker` on its metrics port)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

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
    "Per-key entries refused because their window had closed (late data, or a replay of "
    "entries counted before a restart)",
)
DETECTIONS = Counter("tahub_detect_detections", "Detection versions sent", ["state"])
WATERMARK = Gauge(
    "tahub_detect_watermark_timestamp_seconds", "Newest event time the fan-out has read"
)
