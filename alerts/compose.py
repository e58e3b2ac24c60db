"""What a notification says: headline, evidence summary, the webhook payload (pure).

Only aggregates leave: counts, baseline, score, number of distinct sources, window, place
and route. Which organisations reported, and signal ids, stay inside; the evidence link
opens the detection's page in the console, which applies the reader's own sharing rights.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alerts.grouping import groups
from alerts.policy import Item, Notification
from schemas.countries import country_name
from schemas.models import AlertNotification, Subscription
from schemas.taxonomy import Tlp

PAYLOAD_SCHEMA = "tahub.alert/1"
TEST_PREFIX = "test-"  # a test notification's id starts so: one attempt, labelled "test"


def is_test(notification_id: str) -> bool:
    return notification_id.startswith(TEST_PREFIX)


def _country(code: str) -> str:
    try:
        return f"{country_name(code)} ({code})"
    except (KeyError, ValueError):
        return code


def _label(value: str) -> str:
    return value.replace("_", " ")


def where(dims: dict[str, str]) -> str:
    """Place and route in words, e.g. 'route Myanmar (MM) → Thailand (TH)'."""
    parts = []
    if dims.get("origin") and dims.get("destination"):
        parts.append(f"route {_country(dims['origin'])} → {_country(dims['destination'])}")
    if dims.get("location"):
        parts.append(f"in {_country(dims['location'])}")
    if dims.get("cell"):
        parts.append(f"around H3 cell {dims['cell']}")
    return ", ".join(parts) or "worldwide"


def what(dims: dict[str, str]) -> str:
    return _label(dims["typology"]) if dims.get("typology") else "all typologies"


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return str(value)


def evidence_url(base_url: str, detection_id: str) -> str:
    """The detection's page in the console (it asks a browser to sign in first, then
    shows only the versions the reader may see); the same detection as JSON is
    ``/api/v1/query/detection?id=…`` with an API key."""
    return f"{base_url.rstrip('/')}/detections/{quote(detection_id, safe='')}"


def line(item: Item) -> str:
    d = item.detection
    change = {
        "new": "",
        "repeat": " (still open)",
        "resolved": " (resolved)",
        "escalated": f" (escalated from {item.previous_severity})",
    }[item.change]
    if item.change != "resolved" and d["state"] == "resolved":
        change += " (ended before this notice)"
    if d["method"] == "novelty":
        measure = f"{d['observed']:g} reports on a route not seen before"
    else:
        measure = (
            f"{d['observed']:g} reports vs {d['expected']:.1f} expected (score {d['score']:.1f})"
        )
    return (
        f"[{d['severity']}]{change} {what(d['dimensions'])}, {where(d['dimensions'])}: "
        f"{measure}, {d['distinct_sources']} sources, window from {_when(d['window_start'])}"
    )


def tlp_of(n: Notification) -> Tlp:
    return max((Tlp(i.detection["tlp"]) for i in n.items), key=lambda t: t.rank)


def ordered(n: Notification) -> list[tuple[Item, str | None]]:
    """The items one spike at a time, its most specific detection first, each with the
    detection it is context for (None for a head): alerts.grouping."""
    out: list[tuple[Item, str | None]] = []
    for group in groups(n.items):
        head = group[0].detection["detection_id"]
        out += [(group[0], None), *((i, head) for i in group[1:])]
    return out


def title(n: Notification) -> str:
    sub = n.subscription.name
    if n.kind == "digest":
        return f"Digest for {sub}: {len(n.items)} detection(s), highest {n.severity}"
    spikes = groups(n.items)
    if len(spikes) == 1:
        head = spikes[0][0]
        d = head.detection
        verb = {
            "new": "Spike",
            "escalated": "Escalated",
            "repeat": "Still rising",
            "resolved": "Resolved",
        }[head.change]
        more = len(n.items) - 1
        also = f", with {more} related detection(s)" if more else ""
        return f"{verb}: {what(d['dimensions'])}, {where(d['dimensions'])} ({d['severity']}){also}"
    if len(spikes) < len(n.items):
        return f"{len(spikes)} spikes ({len(n.items)} detections) for {sub}, highest {n.severity}"
    return f"{len(n.items)} detections for {sub}, highest {n.severity}"


def summary(n: Notification) -> str:
    return "\n".join(("  ↳ " if of else "") + line(i) for i, of in ordered(n))


def record(n: Notification) -> AlertNotification:
    return AlertNotification(
        notification_id=n.notification_id,
        subscription_id=n.subscription.subscription_id,
        org_id=n.subscription.org_id,
        kind=n.kind,
        detection_ids=[i.detection["detection_id"] for i, _ in ordered(n)],
        severity=n.severity,
        title=title(n),
        summary=summary(n),
        tlp=tlp_of(n),
        channels=[c.kind for c in n.subscription.channels],
        created_at=datetime.fromtimestamp(n.created_at, UTC),
    )


def _iso(value: Any) -> Any:
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else value


def payload(n: Notification, base_url: str) -> dict[str, Any]:
    """The JSON body webhooks receive (alerts/webhook_payload.schema.json describes it)."""
    return {
        "schema": PAYLOAD_SCHEMA,
        "notification_id": n.notification_id,
        "subscription": {"id": n.subscription.subscription_id, "name": n.subscription.name},
        "org_id": n.subscription.org_id,
        "kind": n.kind,
        "severity": n.severity,
        "tlp": tlp_of(n).label,
        "title": title(n),
        "summary": summary(n),
        "created_at": _iso(datetime.fromtimestamp(n.created_at, UTC)),
        "detections": [
            {
                "detection_id": i.detection["detection_id"],
                "version": i.detection["version"],
                "state": i.detection["state"],
                "change": i.change,
                "previous_severity": i.previous_severity,
                "dimension_set": i.detection["dimension_set"],
                "dimension_key": i.detection["dimension_key"],
                "dimensions": dict(i.detection["dimensions"]),
                "what": what(i.detection["dimensions"]),
                "where": where(i.detection["dimensions"]),
                "window_start": _iso(i.detection["window_start"]),
                "window_end": _iso(i.detection["window_end"]),
                "observed": i.detection["observed"],
                "expected": i.detection["expected"],
                "score": i.detection["score"],
                "p_value": i.detection.get("p_value"),
                "method": i.detection["method"],
                "severity": i.detection["severity"],
                "distinct_sources": i.detection["distinct_sources"],
                "tlp": Tlp(i.detection["tlp"]).label,
                "evidence_url": evidence_url(base_url, i.detection["detection_id"]),
                "context_for": of,
            }
            for i, of in ordered(n)
        ],
    }


def test_payload(
    sub: Subscription, notification_id: str, base_url: str, now: datetime
) -> dict[str, Any]:
    """A test of a subscription's channels: labelled as a test, no detection in it, a link
    to the subscription's page in the console (the webhook schema's ``kind: test``)."""
    page = f"{base_url.rstrip('/')}/alerts/{quote(sub.subscription_id, safe='')}"
    return {
        "schema": PAYLOAD_SCHEMA,
        "notification_id": notification_id,
        "subscription": {"id": sub.subscription_id, "name": sub.name},
        "org_id": sub.org_id,
        "kind": "test",
        "severity": "low",
        "tlp": Tlp.CLEAR.label,
        "title": f"TEST notification from tahub for {sub.name!r}, no detection",
        "summary": (
            f"A test of this channel, asked for in the tahub console at {_when(now)}. It "
            f"reports nothing and needs no action. The subscription: {page}"
        ),
        "created_at": _iso(now),
        "detections": [],
    }


PAYLOAD_SCHEMA_FILE = Path(__file__).with_name("webhook_payload.schema.json")
