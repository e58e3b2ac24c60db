"""Maps contract records to rows of the ``records`` landing table (pure, no I/O)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from consumers.warehouse import Columns

# record name -> (id field, event-time field)
_KEYS: dict[str, tuple[str, str]] = {
    "Incident": ("incident_id", "submitted_at"),
    "NewsArticle": ("article_id", "published_at"),
    "Signal": ("signal_id", "event_time"),
    "Detection": ("detection_id", "updated_at"),
    "Subscription": ("subscription_id", "updated_at"),
    "AlertNotification": ("notification_id", "created_at"),
    "Delivery": ("delivery_id", "attempted_at"),
    "DeadLetter": ("dead_letter_id", "failed_at"),
}


@dataclass(frozen=True)
class Landed:
    """One decoded record with where it came from."""

    topic: str
    record_type: str
    schema_id: int
    record: dict[str, Any]


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_columns(items: list[Landed], now: datetime | None = None) -> Columns:
    """Columnar rows for ``records``, in the table's column order."""
    ingested = int((now or datetime.now(UTC)).timestamp())
    cols: Columns = {
        name: []
        for name in (
            "topic",
            "record_id",
            "version",
            "event_time",
            "org_id",
            "tlp",
            "schema_id",
            "payload",
            "ingested_at",
        )
    }
    for item in items:
        id_field, time_field = _KEYS[item.record_type]
        rec = item.record
        cols["topic"].append(item.topic)
        cols["record_id"].append(str(rec[id_field]))
        cols["version"].append(int(rec.get("version", 1)))
        cols["event_time"].append(int(rec[time_field].timestamp()))
        cols["org_id"].append(str(rec.get("org_id") or ""))
        cols["tlp"].append(str(rec.get("tlp") or ""))
        cols["schema_id"].append(item.schema_id)
        cols["payload"].append(json.dumps(rec, default=_json_default, sort_keys=True))
        cols["ingested_at"].append(ingested)
    return cols
