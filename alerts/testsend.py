"""Test notifications: a labelled message with no detection, sent through each of a
subscription's real channels to check them.

The message joins the delivery queue like any alert, so the alerts process's deliverer
sends it the way it sends alerts: the same lane (Slack's spacing), the organisation's own
secret, the egress policy, one Delivery record (in the warehouse's delivery history).
It is tried once (``compose.is_test``): whoever asked reads the outcome back at once.
Only an organisation's own subscription can be tested (``SubscriptionAdmin.get``), and a
limit keeps the button from being a way to flood a channel.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from alerts import compose
from alerts.delivery import channel_spec, display_target, lane_of
from alerts.store import AlertStore, QueuedDelivery

if TYPE_CHECKING:
    from alerts.admin import SubscriptionAdmin

PER_SUBSCRIPTION_S = 60.0  # one test a minute for a subscription
PER_ORG_HOUR = 10  # and ten an hour for an organisation
WAIT_S = 15.0  # whoever asked waits this long for the outcome: a webhook's 10 s timeout fits
POLL_S = 0.2


class RateLimited(Exception):
    def __init__(self, retry_after: float, why: str) -> None:
        super().__init__(why)
        self.retry_after = retry_after


@dataclass(frozen=True)
class ChannelResult:
    channel: int
    kind: str
    target: str  # as delivery records show it: never a secret, never a full URL
    status: str  # pending | sending | sent | failed
    error: str | None

    @property
    def done(self) -> bool:
        return self.status in {"sent", "failed"}


def limit(
    sid: str,
    now: float,
    queued: list[tuple[str, str, float]],
    *,
    per_subscription_s: float = PER_SUBSCRIPTION_S,
    per_org_hour: int = PER_ORG_HOUR,
) -> None:
    """Raise RateLimited if one more test of ``sid`` now goes over either limit, given
    the organisation's queued tests (subscription, notification, created at)."""
    last = max((at for s, _, at in queued if s == sid), default=None)
    if last is not None and now - last < per_subscription_s:
        wait = per_subscription_s - (now - last)
        raise RateLimited(wait, f"one test a subscription every {per_subscription_s:.0f} s")
    hour = sorted({(at, n) for _, n, at in queued if now - at < 3600})
    if len(hour) >= per_org_hour:
        wait = 3600 - (now - hour[-per_org_hour][0])
        raise RateLimited(wait, f"{per_org_hour} tests an hour for an organisation")


class TestNotifier:
    __test__ = False  # not a pytest class

    def __init__(
        self,
        subs: SubscriptionAdmin,
        store: AlertStore,
        base_url: str,
        *,
        per_subscription_s: float = PER_SUBSCRIPTION_S,
        per_org_hour: int = PER_ORG_HOUR,
    ) -> None:
        self.subs, self.store, self.base_url = subs, store, base_url
        self.per_subscription_s, self.per_org_hour = per_subscription_s, per_org_hour

    def send(self, org_id: str, sid: str, now: datetime) -> str:
        """Queue a test to every channel of the organisation's subscription ``sid`` (an
        unknown id or another's: NotFound); its notification id."""
        sub = self.subs.get(org_id, sid)
        nid = compose.TEST_PREFIX + secrets.token_hex(8)
        body = compose.test_payload(sub, nid, self.base_url, now)
        rows = []
        for idx, ch in enumerate(sub.channels):
            spec = channel_spec(sub, ch)
            rows.append(QueuedDelivery(
                notification_id=nid, channel=idx, subscription_id=sid, org_id=sub.org_id,
                lane=lane_of(spec, sub.org_id), spec=spec, payload=body, attempt=0,
                origin_at=now.timestamp(),
            ))  # fmt: skip
        self.store.queue_checked(
            rows,
            lambda queued: limit(
                sid, now.timestamp(), queued, per_subscription_s=self.per_subscription_s,
                per_org_hour=self.per_org_hour,
            ),
            compose.TEST_PREFIX,
        )  # fmt: skip
        return nid

    def results(self, org_id: str, notification_id: str) -> list[ChannelResult]:
        """Where the organisation's test stands on each channel (another's: nothing)."""
        if not compose.is_test(notification_id):
            return []
        return [
            ChannelResult(q.channel, q.spec["kind"], display_target(q.spec), q.status, q.error)
            for q in self.store.queued(notification_id, org_id)
        ]


async def settled(
    tests: TestNotifier,
    org_id: str,
    notification_id: str,
    *,
    wait: float,
    blocking: Callable[[Callable[[], Any]], Awaitable[Any]],
) -> list[ChannelResult]:
    """The test's outcome on each channel once all are done, or as it stands after
    ``wait`` seconds (the console, the API and the CLI wait alike); ``blocking`` runs
    the store's reads off the event loop."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while True:
        results: list[ChannelResult] = await blocking(
            lambda: tests.results(org_id, notification_id)
        )
        if all(r.done for r in results) or loop.time() >= deadline:
            return list(results)
        await asyncio.sleep(POLL_S)


def view(nid: str, results: list[ChannelResult]) -> dict[str, Any]:
    """A test's outcome as the API and the CLI show it (targets as delivery records show
    them, errors without secrets)."""
    return {
        "notification_id": nid,
        "done": all(r.done for r in results),
        "channels": [
            {"channel": r.channel, "kind": r.kind, "target": r.target, "status": r.status,
             "error": r.error}
            for r in results
        ],
    }  # fmt: skip
