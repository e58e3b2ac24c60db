"""Logical topic names, their physical names, record types, keys and topic settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TopicSpec:
    """What one logical topic carries and how it is configured."""

    logical: str
    record: str  # Avro record name in schemas.catalog.RECORDS
    key: str  # what the Kafka key is
    compacted: bool = False
    version: int = 1  # bump when the value schema breaks compatibility

    def physical(self, prefix: str) -> str:
        suffix = f".v{self.version}" if self.version > 1 else ""
        return f"{prefix}{self.logical}{suffix}"

    def config(self) -> dict[str, str]:
        if self.compacted:
            return {"cleanup.policy": "compact", "min.compaction.lag.ms": "60000"}
        return {"cleanup.policy": "delete"}


INCIDENTS = TopicSpec("incidents", "Incident", key="incident_id")
NEWS_ARTICLES = TopicSpec("news.articles", "NewsArticle", key="article_id")
SIGNALS = TopicSpec("signals", "Signal", key="dimension key after repartition")
DETECTIONS = TopicSpec("detections", "Detection", key="dimension key")
SUBSCRIPTIONS = TopicSpec("subscriptions", "Subscription", key="subscription_id", compacted=True)
ALERTS = TopicSpec("alerts", "AlertNotification", key="subscription_id")
DELIVERIES = TopicSpec("deliveries", "Delivery", key="notification_id")
DLQ = TopicSpec("dlq", "DeadLetter", key="source topic")

ALL: tuple[TopicSpec, ...] = (
    INCIDENTS,
    NEWS_ARTICLES,
    SIGNALS,
    DETECTIONS,
    SUBSCRIPTIONS,
    ALERTS,
    DELIVERIES,
    DLQ,
)


@dataclass(frozen=True)
class InternalTopic:
    """A topic only tahub's own workers write and read (not Avro, not in the registry):
    its values follow the contract in module ``contract``, which carries a version."""

    logical: str
    contract: str
    key: str
    compacted: bool = False

    def physical(self, prefix: str) -> str:
        return f"{prefix}{self.logical}"

    def config(self) -> dict[str, str]:
        return {"cleanup.policy": "delete"}


# detection's repartitioned reports and watermark marks: created with the other topics
# (`tahub topics create`, the main job), before the worker subscribes to it
DETECT_KEYS = InternalTopic("detect.keys", contract="schemas.keys_topic", key="<set>|<key>")
INTERNAL: tuple[InternalTopic, ...] = (DETECT_KEYS,)

BY_LOGICAL: dict[str, TopicSpec] = {t.logical: t for t in ALL}


def spec(logical: str) -> TopicSpec:
    try:
        return BY_LOGICAL[logical]
    except KeyError:
        raise KeyError(f"unknown topic {logical!r}; known: {sorted(BY_LOGICAL)}") from None


def value_subject(physical_topic: str) -> str:
    """Confluent TopicNameStrategy: the value schema's subject."""
    return f"{physical_topic}-value"
