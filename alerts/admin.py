"""Managing subscriptions and silences: the one code path behind the CLI and the HTTP API.

Every operation is scoped to an organisation (``org_id``), or to the operator (``None``),
who sees and may change all. A subscription of another organisation is "not found", not
"forbidden", so ids cannot be probed. Changes go to the compacted topic; the local copy is
updated at once so the caller reads its own write.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from alerts import book
from alerts.secrets import Secrets
from alerts.silences import MAX_SILENCE, Silence, SilenceError, new_silence
from alerts.store import AlertStore
from alerts.subscriptions import Problem, Rules, SubscriptionError, build, with_active
from alerts.testsend import TestNotifier
from schemas.models import Subscription


class NotFound(LookupError):
    pass


class SubscriptionAdmin:
    def __init__(
        self,
        producer: book.Producer,
        topic_prefix: str,
        rules: Rules,
        current: Callable[[], dict[str, Subscription]],
        remember: Callable[[str, Subscription | None], None] = lambda *_: None,
    ) -> None:
        self.producer = producer
        self.prefix = topic_prefix
        self.rules = rules
        self.current = current
        self.remember = remember

    def list(self, org_id: str | None) -> list[Subscription]:
        subs = self.current().values()
        return sorted(
            (s for s in subs if org_id is None or s.org_id == org_id),
            key=lambda s: (s.org_id, s.name, s.subscription_id),
        )

    def get(self, org_id: str | None, sid: str) -> Subscription:
        sub = self.current().get(sid)
        if sub is None or (org_id is not None and sub.org_id != org_id):
            raise NotFound(f"no subscription {sid!r}")
        return sub

    def check(self, org_id: str, data: Mapping[str, Any], now: datetime) -> Subscription:
        """The subscription ``data`` would make, by the same rules as ``add``, unstored
        (for a preview)."""
        return build(data, org_id=org_id, now=now, rules=self.rules)

    def _publish(self, sub: Subscription) -> Subscription:
        book.publish(self.producer, sub)
        self.remember(sub.subscription_id, sub)
        return sub

    def add(self, org_id: str, data: Mapping[str, Any], now: datetime) -> Subscription:
        if len(self.list(org_id)) >= self.rules.max_per_org:
            raise SubscriptionError(
                [
                    Problem(
                        "(body)", f"an organisation may have {self.rules.max_per_org} subscriptions"
                    )
                ]
            )
        return self._publish(build(data, org_id=org_id, now=now, rules=self.rules))

    def replace(
        self, org_id: str | None, sid: str, data: Mapping[str, Any], now: datetime
    ) -> Subscription:
        old = self.get(org_id, sid)
        return self._publish(
            build(data, org_id=old.org_id, now=now, rules=self.rules, previous=old)
        )

    def set_active(self, org_id: str | None, sid: str, active: bool, now: datetime) -> Subscription:
        old = self.get(org_id, sid)
        if old.active == active:
            return old
        return self._publish(with_active(old, active, now))

    def delete(self, org_id: str | None, sid: str) -> Subscription:
        old = self.get(org_id, sid)
        book.delete(self.producer, old, self.prefix)
        self.remember(sid, None)
        return old


class SilenceAdmin:
    def __init__(self, store: AlertStore) -> None:
        self.store = store

    def add(
        self,
        org_id: str | None,
        matchers: Mapping[str, str],
        *,
        hours: float,
        author: str,
        reason: str,
        now: datetime,
        starts_at: datetime | None = None,
    ) -> Silence:
        longest = MAX_SILENCE.total_seconds() / 3600
        if not 0 < hours <= longest:  # also NaN; 1e308 hours would overflow a date
            raise SilenceError(f"hours: a number above 0 and at most {longest:.0f}")
        start = starts_at or now
        s = new_silence(
            org_id=org_id,
            matchers=matchers,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            author=author,
            reason=reason,
            now=now,
        )
        self.store.add_silence(s)
        return s

    def list(self, org_id: str | None, now: datetime) -> list[Silence]:
        return self.store.silences(org_id=org_id, since=now)

    def expire(self, org_id: str | None, silence_id: str, now: datetime) -> None:
        if not self.store.expire_silence(silence_id, org_id, now):
            raise NotFound(f"no active silence {silence_id!r}")


@dataclass(frozen=True)
class AlertAdmins:
    """The managers one process shares between the HTTP API and the console, so both
    change subscriptions, silences, read secret names and send tests through the same
    objects."""

    subs: SubscriptionAdmin
    silences: SilenceAdmin
    secrets: Secrets | None = None
    tests: TestNotifier | None = None  # test notifications through the real channels
