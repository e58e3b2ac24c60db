"""Prometheus metrics of the alerts process (served on ``alerts_metrics_port``)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

DETECTIONS = Counter("tahub_alert_detections", "Detections read by the alerts process")
MATCHES = Counter("tahub_alert_matches", "Detection-subscription pairs that matched")
POLICY = Counter(
    "tahub_alert_policy_outcomes", "What the notification policy did with a match", ["outcome"]
)
NOTIFICATIONS = Counter("tahub_alert_notifications", "Notifications composed", ["kind"])
ATTEMPTS = Counter(
    "tahub_alert_delivery_attempts",
    "Delivery attempts by channel and status",
    ["channel", "status"],
)
LATENCY = Histogram(
    "tahub_alert_delivery_latency_seconds",
    "From the detection's produce to a successful delivery",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600),
)
# end-to-end latency buckets (seconds), as the stream worker's: grouping waits and digests
# hold notifications for minutes to a day on purpose
LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400)
DETECTION_TO_NOTIFICATION = Histogram(
    "tahub_latency_detection_to_notification_seconds",
    "From the produce of a notification's oldest detection to the notification's composing",
    ["kind"],
    buckets=LATENCY_BUCKETS,
)
NOTIFICATION_TO_DELIVERY = Histogram(
    "tahub_latency_notification_to_delivery_seconds",
    "From a notification's composing (its created_at) to a successful delivery",
    ["channel"],
    buckets=LATENCY_BUCKETS,
)
QUEUED = Gauge("tahub_alert_queue_pending", "Deliveries waiting (first try or retry)")
FAILING = Gauge("tahub_alert_endpoints_failing", "Endpoints marked failing")
SUBSCRIPTIONS = Gauge("tahub_alert_subscriptions", "Subscriptions known (paused included)")
