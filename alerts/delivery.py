"""Delivery: takes due rows off the queue and sends them, one lane at a time per endpoint.

A lane is one endpoint (a Slack channel, a webhook URL, an email channel's recipients, an
outbox file): at most one attempt is in flight per lane, Slack lanes are spaced a second
apart, and lanes never wait for each other, so a dead endpoint only delays itself.
Recoverable failures retry with exponential backoff and jitter (honouring Retry-After) up
to ``max_attempts``; anything else fails at once and marks the endpoint failing. Every
attempt becomes a Delivery record, written in the same transaction as the queue row's new
state.

A row goes where its subscription points when its turn comes (``turn``), not where it
pointed when the row was queued: a partner who changes a leaked webhook URL, Slack channel
or secret takes the retries already queued with it, and a paused or deleted subscription's
rows are dropped, each with a failed Delivery record saying why (nothing was sent, so the
endpoint's health is left alone).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import random
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

import aiohttp

from alerts import metrics
from alerts.channels.base import Outcome, Sender, failed, without_secret
from alerts.channels.mail import EmailSender
from alerts.channels.mail_relay import RelayError, recipients
from alerts.channels.outbox import OutboxSender
from alerts.channels.slack import SlackSender, SlackWebhookSender
from alerts.channels.webhook import WebhookSender
from alerts.compose import is_test
from alerts.secrets import SecretError, Secrets
from alerts.store import AlertStore, QueuedDelivery
from alerts.templating import CHANNEL_PARTS
from schemas import egress
from schemas.egress import EgressPolicy
from schemas.models import Channel, Delivery, Subscription
from schemas.topics import DELIVERIES

log = logging.getLogger("tahub.alerts.delivery")

SLACK_SPACING_S = 1.0  # Slack allows about one message per second per channel
STORE_RETRY_S = 1.0  # while alerts.db refuses writes (a full disk)
# a test's row of a subscription this process has not read (yet): queued by the API or the
# CLI just after the subscription was made, it waits for the book; older, it was deleted
UNSEEN_GRACE_S = 30.0
UNSEEN_WAIT_S = 0.5


@dataclass(frozen=True)
class DeliveryConfig:
    outbox_dir: Path
    slack_api_url: str = "https://slack.com/api/"
    timeout: float = 10.0
    retry_base: float = 2.0
    retry_cap: float = 300.0
    max_attempts: int = 8
    concurrency: int = 64
    egress: EgressPolicy = field(default_factory=EgressPolicy)  # where webhooks may go
    smtp_ca_file: Path | None = None  # a CA trusted for SMTP relays besides the system's


def channel_spec(sub: Subscription, ch: Channel) -> dict[str, Any]:
    """What a queued row says of its channel: kind, target, the secret's name, and the
    subscription's templates of that kind of channel (rendered when sending,
    alerts.templating)."""
    spec: dict[str, Any] = {"kind": ch.kind.value, "target": ch.target, "secret_ref": ch.secret_ref}
    own = {p: sub.templates[p] for p in CHANNEL_PARTS.get(ch.kind.value, ()) if p in sub.templates}
    if own:
        spec["templates"] = own
    spec["version"] = sub.version  # of the subscription it was taken from (``turn``)
    spec["channels"] = [channel_id(c) for c in sub.channels]  # all of them then (``turn``)
    return spec


def _identity(kind: str, target: str, secret_ref: str | None) -> str:
    """What tells one of a subscription's channels from another: kind, target and secret
    name (a short digest: a row keeps the list of them, not every target again)."""
    raw = f"{kind}|{target}|{secret_ref or ''}"
    return hashlib.blake2b(raw.encode(), digest_size=8).hexdigest()


def channel_id(ch: Channel) -> str:
    return _identity(ch.kind.value, ch.target, ch.secret_ref)


def _spec_id(spec: dict[str, Any]) -> str:
    """``channel_id`` of the channel a queued row's spec was taken from."""
    return _identity(spec["kind"], spec["target"], spec.get("secret_ref"))


def lane_of(spec: dict[str, Any], org_id: str) -> str:
    # always per organisation: a secret's name means a different secret in each, and a
    # shared lane let another partner hold this one's alerts back behind its own
    raw = f"{spec['kind']}|{org_id}|{spec['target']}|{spec.get('secret_ref') or ''}"
    return str(spec["kind"]) + ":" + hashlib.blake2b(raw.encode(), digest_size=8).hexdigest()


def display_target(spec: dict[str, Any]) -> str:
    """Where it went, for records and logs: never a secret, never a full URL."""
    if spec["kind"] == "webhook":
        return urlsplit(spec["target"]).hostname or "webhook"
    if spec["kind"] == "email":  # the domains: people's addresses stay in the subscription
        try:
            found = recipients(str(spec["target"]))
        except RelayError:
            return "email"
        return ",".join(sorted({a.rpartition("@")[2].lower() for a in found}))
    return str(spec["target"])


class Subscriptions(Protocol):
    """The subscriptions as they are now (the alerts process's book), once ``ready``."""

    ready: threading.Event

    def get(self, sid: str) -> Subscription | None: ...


@dataclass(frozen=True)
class Turn:
    """What a due row does now: ``send`` as queued, ``repoint`` to ``spec`` on ``lane``
    (and send it next round), ``drop`` for ``reason``, or ``wait`` until ``until``."""

    action: Literal["send", "repoint", "drop", "wait"]
    spec: dict[str, Any] | None = None
    lane: str = ""
    reason: str = ""
    until: float = 0.0


SEND = Turn("send")


def _channel_now(row: QueuedDelivery, sub: Subscription) -> Channel | None:
    """The row's channel in the subscription as it is now: the same channel wherever it
    moved, or else the one at its place if that is of its kind and new (edited in place: a
    new URL, channel or secret); None if it was removed, or its place now holds a channel
    the subscription already had (which has rows of its own: sending this row there too
    would send the alert twice)."""
    ids = [channel_id(c) for c in sub.channels]
    mine = _spec_id(row.spec)
    if mine in ids:
        return sub.channels[ids.index(mine)]
    before = row.spec.get("channels")
    # its place in the list it was last pointed from: after following a reorder, no
    # longer the place it was queued at (``row.channel``)
    place = before.index(mine) if before is not None and mine in before else row.channel
    if place >= len(sub.channels):
        return None
    slot = sub.channels[place]
    if slot.kind.value != row.spec["kind"]:
        return None
    if before is not None and channel_id(slot) in before:
        return None
    return slot


def turn(row: QueuedDelivery, sub: Subscription | None, now: float) -> Turn:
    """A due row against its subscription as it is now (pure): its channel there
    (``_channel_now``), with its target, secret name and templates then."""
    if sub is None or sub.org_id != row.org_id:
        # the router queues only what its book has: only a test comes from another process
        if is_test(row.notification_id) and now - row.queued_at < UNSEEN_GRACE_S:
            return Turn("wait", until=now + UNSEEN_WAIT_S)
        return Turn("drop", reason="not sent: the subscription was deleted")
    if sub.version < int(row.spec.get("version", 0)):
        return SEND  # the book is behind the row (reading the topic again): the row is newer
    if not sub.active and not is_test(row.notification_id):  # a test is asked for anyway
        return Turn("drop", reason="not sent: the subscription is paused")
    ch = _channel_now(row, sub)
    if ch is None:
        return Turn("drop", reason="not sent: the channel was removed from the subscription")
    spec = channel_spec(sub, ch)
    return SEND if spec == row.spec else Turn("repoint", spec=spec, lane=lane_of(spec, sub.org_id))


def backoff(attempt: int, cfg: DeliveryConfig, asked: float | None) -> float:
    """Equal jitter: half fixed, half random, so retries of many rows spread out."""
    ceiling = min(cfg.retry_cap, cfg.retry_base * 2.0 ** (attempt - 1))
    delay = ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 - jitter, not crypto
    return max(delay, min(asked or 0.0, cfg.retry_cap))


class Deliverer:
    def __init__(
        self,
        store: AlertStore,
        secrets: Secrets,
        cfg: DeliveryConfig,
        subscriptions: Subscriptions | None = None,
    ) -> None:
        """``subscriptions``: where each row's subscription is looked up when its turn
        comes (``turn``); without it (the operators' alerts, which have none), rows are
        sent as queued."""
        self.store = store
        self.secrets = secrets
        self.cfg = cfg
        self.subscriptions = subscriptions
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._busy: set[str] = set()
        self._next_allowed: dict[str, float] = {}
        self._session: aiohttp.ClientSession | None = None

    def wake(self) -> None:
        """Called from other threads when new rows are queued."""
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    def run(self, stop: threading.Event) -> None:
        # rows are judged against the subscriptions: not before they are all read, or a
        # queued retry of every subscription would look deleted
        while self.subscriptions is not None and not self.subscriptions.ready.wait(0.5):
            if stop.is_set():
                return
        asyncio.run(self._main(stop))

    async def _main(self, stop: threading.Event) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        interrupted = self.store.requeue_interrupted()
        if interrupted:
            log.warning(
                "%d delivery attempt(s) were cut short by a stop; trying again", interrupted
            )
        limit = asyncio.Semaphore(self.cfg.concurrency)
        tasks: set[asyncio.Task[None]] = set()
        gauged = 0.0
        async with egress.session(self.cfg.egress) as session:
            self._session = session
            while not stop.is_set():
                now = time.time()
                for row in self.store.due(now):
                    if row.lane in self._busy or self._next_allowed.get(row.lane, 0) > now:
                        continue
                    self._busy.add(row.lane)
                    task = asyncio.create_task(self._attempt(row, limit))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                if now - gauged >= 1.0:  # the gauge needs no more than a reading a second
                    counts = self.store.queue_counts()
                    metrics.QUEUED.set(counts.get("pending", 0) + counts.get("sending", 0))
                    gauged = now
                nxt = self.store.next_due()
                wait = 0.25 if nxt is None else min(0.25, max(0.005, nxt - time.time()))
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), wait)
            if tasks:  # let attempts under way finish and record their outcome
                await asyncio.wait(tasks, timeout=self.cfg.timeout + 5)

    def _sender(self, row: QueuedDelivery) -> tuple[Sender, str | None]:
        """The row's channel and the secret it sends with (None for an outbox)."""
        spec = row.spec
        assert self._session is not None
        if spec["kind"] == "outbox":
            return OutboxSender(self.cfg.outbox_dir, row.org_id, spec["target"]), None
        secret = self.secrets.get(row.org_id, spec["secret_ref"])  # its own organisation's
        own = spec.get("templates") or {}
        if spec["kind"] == "webhook":
            sender: Sender = WebhookSender(
                self._session, spec["target"], secret, self.cfg.timeout, templates=own
            )
        elif spec["kind"] == "email":
            sender = EmailSender(
                secret, spec["target"], self.cfg.egress, self.cfg.timeout, self.cfg.smtp_ca_file,
                templates=own,
            )  # fmt: skip
        elif spec["target"] == "incoming-webhook":
            sender = SlackWebhookSender(self._session, secret, self.cfg.timeout, templates=own)
        else:
            sender = SlackSender(
                self._session, secret, spec["target"], self.cfg.slack_api_url, self.cfg.timeout,
                templates=own,
            )  # fmt: skip
        return sender, secret

    def _turn(self, row: QueuedDelivery) -> Turn:
        """The row against its subscription now; a re-pointed or held row is changed in
        the store here (it is not sent this round)."""
        if self.subscriptions is None:
            return SEND
        step = turn(row, self.subscriptions.get(row.subscription_id), time.time())
        if step.action == "repoint" and step.spec is not None and self._taken(row, step.spec):
            step = Turn("drop", reason="not sent: the channel was removed from the subscription")
        if step.action == "repoint" and step.spec is not None:
            self.store.repoint(row, step.spec, step.lane)  # sent next round, from its lane
            log.info("delivery %s follows its subscription's channel as it is now",
                     row.notification_id)  # fmt: skip
        elif step.action == "wait":
            self.store.postpone(row, step.until)
        return step

    def _taken(self, row: QueuedDelivery, spec: dict[str, Any]) -> bool:
        """Whether ``spec`` is another channel than the row's (one edited at its place)
        that another row of the same alert already goes to: each row judges its place
        from the list it last saw, and two of them, pointed at different versions, could
        both take one new channel (sent there twice). The first to take it keeps it."""
        mine = _spec_id(spec)
        if mine == _spec_id(row.spec):
            return False  # its own channel, moved or with new templates
        return any(
            q.channel != row.channel and _spec_id(q.spec) == mine
            for q in self.store.queued(row.notification_id, row.org_id)
        )

    async def _attempt(self, row: QueuedDelivery, limit: asyncio.Semaphore) -> None:
        try:
            async with limit:
                try:
                    step = self._turn(row)
                    if step.action in {"repoint", "wait"}:
                        return
                    attempt = self.store.start_attempt(row)
                except sqlite3.Error as err:  # e.g. a full disk: the row stays due
                    log.warning("delivery %s not started: %s", row.notification_id, err)
                    self._next_allowed[row.lane] = time.time() + STORE_RETRY_S
                    return
                if step.action == "drop":  # nothing is sent: recorded, the endpoint untouched
                    log.info("delivery %s dropped: %s", row.notification_id, step.reason)
                    outcome = failed(step.reason, recoverable=False)
                    await self._record_until_stored(row, attempt, outcome, tried=False)
                    return
                try:
                    sender, secret = self._sender(row)
                    outcome = without_secret(await sender.send(row.payload), secret)
                except SecretError as err:
                    outcome = failed(str(err), recoverable=False)
                except Exception as err:  # a channel bug must not stop the other lanes
                    log.exception("delivery %s crashed", row.notification_id)
                    outcome = failed(f"{type(err).__name__}", recoverable=True)
                await self._record_until_stored(row, attempt, outcome)
        finally:
            if row.spec["kind"] == "slack":
                self._next_allowed[row.lane] = time.time() + SLACK_SPACING_S
            self._busy.discard(row.lane)
            if self._wake is not None:
                self._wake.set()

    async def _record_until_stored(
        self, row: QueuedDelivery, attempt: int, outcome: Outcome, *, tried: bool = True
    ) -> None:
        """What was sent is recorded, however long the store refuses (a full disk): the
        task once died here unseen, leaving the row 'sending' with no delivery record
        until a restart sent it again. The lane stays busy meanwhile, so nothing is sent
        twice; a stop meanwhile leaves the row to be tried again at the next start."""
        warned = False
        while True:
            try:
                self._record(row, attempt, outcome, tried=tried)
                return
            except sqlite3.Error as err:
                if not warned:
                    log.warning(
                        "outcome of delivery %s not stored yet, trying again: %s",
                        row.notification_id,
                        err,
                    )
                    warned = True
                await asyncio.sleep(STORE_RETRY_S)

    def _attempts(self, row: QueuedDelivery) -> int:
        """A test notification is tried once: its sender waits for the outcome."""
        return 1 if is_test(row.notification_id) else self.cfg.max_attempts

    def _record(
        self, row: QueuedDelivery, attempt: int, outcome: Outcome, *, tried: bool = True
    ) -> None:
        """``tried``: something was sent to the endpoint (its health follows the outcome)."""
        now = time.time()
        if outcome.ok:
            status, next_at, db_status = "sent", now, "sent"
        elif outcome.recoverable and attempt < self._attempts(row):
            status, db_status = "retrying", "pending"
            next_at = now + backoff(attempt, self.cfg, outcome.retry_after)
        else:
            status, next_at, db_status = "failed", now, "failed"
        target = display_target(row.spec)
        delivery = Delivery(
            delivery_id=f"{row.notification_id}:{row.channel}:{attempt}",
            notification_id=row.notification_id,
            subscription_id=row.subscription_id,
            channel=row.spec["kind"],
            target=target,
            attempt=attempt,
            status=status,
            recoverable=outcome.recoverable,
            error=outcome.error,
            latency_ms=int((now - row.origin_at) * 1000),
            attempted_at=datetime.fromtimestamp(now, UTC),
        )
        endpoint = self.store.finish_attempt(
            row,
            status=db_status,
            next_at=next_at,
            error=outcome.error,
            endpoint=(row.spec["kind"], target, outcome.ok) if tried else None,
            record=(DELIVERIES.logical, row.notification_id, delivery.model_dump_json()),
        )
        metrics.ATTEMPTS.labels(row.spec["kind"], status if tried else "dropped").inc()
        if endpoint is None:
            return
        if outcome.ok:
            metrics.LATENCY.observe(max(0.0, now - row.origin_at))
            created = composed_at(row.payload)
            if created is not None:
                metrics.NOTIFICATION_TO_DELIVERY.labels(row.spec["kind"]).observe(
                    max(0.0, now - created)
                )
        elif status == "failed":
            log.warning(
                "delivery of %s to %s %s failed for good after %d attempt(s): %s",
                row.notification_id,
                row.spec["kind"],
                target,
                attempt,
                outcome.error,
            )
        if endpoint.failing or not outcome.ok or attempt > 1:
            metrics.FAILING.set(sum(1 for e in self.store.endpoints() if e.failing))


def composed_at(payload: dict[str, Any]) -> float | None:
    """The notification's created_at (ISO 8601, in every queued payload) in seconds."""
    value = payload.get("created_at")
    try:
        return datetime.fromisoformat(value).timestamp() if isinstance(value, str) else None
    except ValueError:
        return None
