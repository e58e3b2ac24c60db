"""Notification policy for one subscription: group, dedup, escalate, repeat, defer (pure).

State per subscription is a notification log (what was sent about each detection, at which
severity and when), the detections waiting to go out, and the last version handled of each
detection so a replayed record changes nothing. ``offer`` takes a detection, ``release``
hands out what is due as one grouped notification. Times are epoch seconds.

- A detection notifies once when it first reaches the subscriber's minimum severity; later
  versions are quiet unless the severity rises (an "escalated" notice) or the spike is
  still open after the repeat interval (a "repeat").
- A resolved detection sends a "resolved" notice if the subscriber asked and was told of it,
  even when the resolution's evidence is more than the subscriber may see: the notice then
  repeats what the subscriber was told, marked resolved, and discloses nothing new.
- A detection that ends before its first notice goes out is still told, marked ended, if
  it held past the window it opened in; an early look its window's close did not confirm
  is dropped unsent. A version the subscriber may not see ends it the same way, at that
  version's window (``schemas.lifecycle.end_of``).
- Immediate subscriptions wait ``group_wait`` so a burst becomes one message; quiet hours
  hold all but critical notices until they end; digest subscriptions collect everything
  until their digest time.
- A silenced detection is not recorded as sent, so it notifies when the silence ends.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from alerts.schedule import in_quiet_hours, next_digest
from schemas import lifecycle
from schemas.models import Subscription
from schemas.taxonomy import DeliveryMode, Severity

RANK = {s.value: i for i, s in enumerate(Severity)}
# the kind of a grouped message: the most pressing of its parts
KIND_ORDER = ("escalated", "new", "repeat", "resolved")


@dataclass(frozen=True)
class PolicyConfig:
    group_wait: float = 0.5
    repeat_interval: float = 24 * 3600.0
    forget_after: float = 30 * 24 * 3600.0


@dataclass
class Sent:
    severity: str
    at: float
    resolved: bool = False
    detection: dict[str, Any] | None = None  # the version the subscriber was last told of


@dataclass
class Pending:
    detection: dict[str, Any]
    kind: str
    due: float
    previous_severity: str | None = None


@dataclass
class SubState:
    sent: dict[str, Sent] = field(default_factory=dict)
    pending: dict[str, Pending] = field(default_factory=dict)
    seen: dict[str, list[float]] = field(default_factory=dict)  # id -> [version, at]
    ended: dict[str, float] = field(default_factory=dict)  # id -> when its lifecycle ended here

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SubState:
        return cls(
            sent={k: Sent(**v) for k, v in data.get("sent", {}).items()},
            pending={k: Pending(**v) for k, v in data.get("pending", {}).items()},
            seen={k: list(v) for k, v in data.get("seen", {}).items()},
            ended=dict(data.get("ended", {})),
        )

    def next_due(self) -> float | None:
        return min((p.due for p in self.pending.values()), default=None)


@dataclass(frozen=True)
class Item:
    """One detection inside a notification, and why it is there."""

    change: str  # new | escalated | repeat | resolved
    detection: dict[str, Any]
    previous_severity: str | None


@dataclass(frozen=True)
class Notification:
    notification_id: str
    subscription: Subscription
    kind: str
    items: tuple[Item, ...]
    created_at: float

    @property
    def severity(self) -> str:
        return str(max((i.detection["severity"] for i in self.items), key=RANK.__getitem__))


def notification_id(subscription_id: str, items: list[Item]) -> str:
    parts = sorted(
        f"{i.detection['detection_id']}:{i.detection['version']}:{i.change}" for i in items
    )
    digest = hashlib.blake2b("|".join([subscription_id, *parts]).encode(), digest_size=12)
    return "ntf-" + digest.hexdigest()


def _utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


class Policy:
    def __init__(self, cfg: PolicyConfig) -> None:
        self.cfg = cfg

    def _due(self, sub: Subscription, severity: str, now: float) -> float:
        if sub.mode is not DeliveryMode.IMMEDIATE:
            weekly = sub.mode is DeliveryMode.DIGEST_WEEKLY
            return next_digest(
                _utc(now), sub.timezone, sub.digest_time or "08:00", weekly=weekly
            ).timestamp()
        due = now + self.cfg.group_wait
        if sub.quiet_hours is not None and severity != Severity.CRITICAL.value:
            ends = in_quiet_hours(
                _utc(now), sub.timezone, sub.quiet_hours.start, sub.quiet_hours.end
            )
            if ends is not None:
                due = max(due, ends.timestamp())
        return due

    def offer(  # noqa: PLR0911 - one return per outcome, each named
        self,
        sub: Subscription,
        state: SubState,
        det: dict[str, Any],
        now: float,
        *,
        silenced: bool = False,
        visible: bool = True,
    ) -> str:
        """Take one detection version into the state; says what happened (for metrics).
        ``visible`` False: a version the subscriber's organisation may not see, offered
        because an earlier one was: it ends the detection for this subscriber (a first
        notice still waiting goes out marked ended, as for a resolution)."""
        det_id, version = det["detection_id"], int(det["version"])
        if det_id in state.ended:
            return "ended"
        seen = state.seen.get(det_id)
        if seen is not None and seen[0] >= version:
            return "replayed"
        state.seen[det_id] = [version, now]
        sent = state.sent.get(det_id)
        if det["state"] == "resolved" or not visible:
            return self._resolved(sub, state, det, sent, now, visible=visible)
        if RANK[det["severity"]] < RANK[sub.min_severity.value]:
            if det_id in state.pending and sent is None:
                del state.pending[det_id]  # fell below the threshold before it went out
            return "below-threshold"
        if silenced:
            state.pending.pop(det_id, None)
            return "silenced"
        waiting = state.pending.get(det_id)
        if waiting is not None:
            waiting.detection = det
            if sent is not None and RANK[det["severity"]] > RANK[sent.severity]:
                waiting.kind = "escalated"
            return "grouped"
        if sent is None:
            kind = "new"
        elif RANK[det["severity"]] > RANK[sent.severity]:
            kind = "escalated"
        elif now - sent.at >= self.cfg.repeat_interval:
            kind = "repeat"
        else:
            return "already-notified"
        prev = sent.severity if sent else None
        state.pending[det_id] = Pending(det, kind, self._due(sub, det["severity"], now), prev)
        return "queued"

    def _resolved(
        self,
        sub: Subscription,
        state: SubState,
        det: dict[str, Any],
        sent: Sent | None,
        now: float,
        *,
        visible: bool,
    ) -> str:
        det_id = det["detection_id"]
        if not visible:
            state.ended[det_id] = now
        was_pending = state.pending.pop(det_id, None)
        if was_pending is not None and sent is None:
            # the end as this subscriber sees it: a version it may not see ends what it
            # was to be shown at that version's window (``schemas.lifecycle``, as the
            # query API shows it)
            end = det if visible else lifecycle.end_of(was_pending.detection, det)
            if _held(end):
                # a spike that held past the window it opened in and ended while its first
                # notice waited (grouping, quiet hours, a digest, a catch-up after an
                # outage) still happened: the notice goes out, saying it has ended
                was_pending.detection = {
                    **was_pending.detection,
                    "state": "resolved",
                    "version": end["version"],
                }
                state.pending[det_id] = was_pending
                return "resolved-waiting"
        if sent is None or sent.resolved or not sub.notify_resolved:
            return "resolved-unsent" if was_pending else "resolved-quiet"
        if not visible:
            if sent.detection is None:
                return "resolved-quiet"
            det = lifecycle.end_of(sent.detection, det)
        state.pending[det_id] = Pending(
            det, "resolved", self._due(sub, det["severity"], now), sent.severity
        )
        return "queued"

    def release(self, sub: Subscription, state: SubState, now: float) -> Notification | None:
        """Everything due, as one message; the log records it as sent."""
        first = state.next_due()
        if first is None or first > now:
            return None
        horizon = now + (self.cfg.group_wait if sub.mode is DeliveryMode.IMMEDIATE else 0.0)
        ready = sorted(
            (p for p in state.pending.values() if p.due <= horizon),
            key=lambda p: (-RANK[p.detection["severity"]], p.detection["detection_id"]),
        )
        items = [Item(p.kind, p.detection, p.previous_severity) for p in ready]
        for p in ready:
            det_id = p.detection["detection_id"]
            del state.pending[det_id]
            resolved = p.kind == "resolved" or p.detection["state"] == "resolved"
            state.sent[det_id] = Sent(p.detection["severity"], now, resolved, p.detection)
        if sub.mode is not DeliveryMode.IMMEDIATE:
            kind = "digest"
        else:
            kind = min((i.change for i in items), key=KIND_ORDER.index)
        return Notification(
            notification_id(sub.subscription_id, items), sub, kind, tuple(items), now
        )

    def prune(self, state: SubState, now: float) -> None:
        """Forget detections long resolved or long quiet (bounded state)."""
        horizon = now - self.cfg.forget_after
        for det_id in [d for d, (_, at) in state.seen.items() if at < horizon]:
            if det_id not in state.pending:
                state.seen.pop(det_id, None)
                state.sent.pop(det_id, None)
                state.ended.pop(det_id, None)


def _held(det: dict[str, Any]) -> bool:
    """A resolution at a later window than the one the detection opened in: the spike
    held at least one window's close. One in the window it opened in withdraws an early
    look that the window's full count did not confirm."""
    return bool(det["window_start"] > det["opened_at"])
