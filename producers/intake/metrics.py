"""Prometheus metrics of partner intake (never labelled by key or content)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

REQUESTS = Counter(
    "tahub_intake_requests", "Intake HTTP requests by endpoint and status", ["endpoint", "status"]
)
ROWS = Counter(
    "tahub_intake_rows", "Submitted incidents by outcome", ["outcome"]
)  # accepted | duplicate | rejected
AUTH_FAILURES = Counter(
    "tahub_intake_auth_failures", "Refused API keys by reason", ["reason"]
)  # missing | invalid
RATE_LIMITED = Counter("tahub_intake_rate_limited", "Requests refused with 429")
UNAVAILABLE = Counter("tahub_intake_unavailable", "Requests refused with 503 (broker down)")
LATENCY = Histogram(
    "tahub_intake_request_duration_seconds",
    "Intake request latency",
    ["endpoint"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
