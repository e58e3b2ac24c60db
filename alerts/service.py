"""The alerts process: detections in, notifications out (`tahub alerts run`).

Three threads share one store:
- the subscription book follows the compacted subscriptions topic into the match index;
- the router reads detections (its own consumer group, read_committed), matches them,
  runs the policy, and makes each batch durable in the kit's checkpoint order: save (one
  store transaction holds the policy states, each notification queued once per channel,
  and the AlertNotification records and dead letters staged for Kafka), flush (publish
  what is staged; a failure leaves it staged for the next try), then commit the offsets;
  detections that cannot be read are dead-lettered with stage ``alerts`` under the kit's
  ``DlqLimit``, as are those that fail in matching;
- the deliverer sends queued rows (alerts.delivery), each to its subscription's channel as
  the book has it when the row's turn comes.
A crash anywhere replays at most the last batch, which the policy recognises.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from alerts import compose, metrics
from alerts.book import SubscriptionBook
from alerts.delivery import Deliverer, DeliveryConfig, channel_spec, lane_of
from alerts.lifecycles import History, Lifecycles
from alerts.matching import SubscriptionIndex, may_see
from alerts.policy import Notification, Policy, PolicyConfig, SubState
from alerts.secrets import Secrets
from alerts.silences import Silence, muted
from alerts.store import AlertStore, QueuedDelivery
from consumers.kit.checkpoint import Checkpoint, commit_offsets
from consumers.kit.client import message_ok, new_consumer
from consumers.kit.guarded import Guard, origin_of
from schemas.models import MODELS, DeadLetter, Subscription
from schemas.serde import Serde
from schemas.topics import ALERTS, DETECTIONS, DLQ, spec

log = logging.getLogger("tahub.alerts")

PRUNE_EVERY_S = 3600.0
SILENCE_REFRESH_S = 0.2  # a new silence applies within this (plus a poll)


@dataclass(frozen=True)
class AlertConfig:
    group_id: str
    base_url: str  # where evidence links point (the query API)
    k: int = 3
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    # how soon a killed process's detections partitions move on: librdkafka's 45 s default
    # held notifications ~40 s after a kill -9 of the main job and a start again
    session_timeout_ms: int = 10_000


@dataclass
class _Unsaved:
    """What batches changed since the last save."""

    changed: dict[str, SubState | None] = field(default_factory=dict)
    histories: dict[str, History | None] = field(default_factory=dict)
    deliveries: list[QueuedDelivery] = field(default_factory=list)
    records: list[tuple[str, str, str]] = field(default_factory=list)  # staged for Kafka
    read: bool = False  # records were read: offsets to commit


def jsonable(record: Mapping[str, Any]) -> dict[str, Any]:
    """A decoded detection with times as ISO strings, so the policy state is plain JSON."""
    return {
        k: (v.astimezone(UTC).isoformat() if isinstance(v, datetime) else v)
        for k, v in record.items()
    }


def _watchers(states: Mapping[str, SubState]) -> dict[str, set[str]]:
    """Detection id -> the subscriptions a version of it reached: those a later version
    hidden from them must end it for (without a walk over every subscription's state)."""
    out: dict[str, set[str]] = {}
    for sid, state in states.items():
        for det_id in state.seen:
            out.setdefault(det_id, set()).add(sid)
    return out


class Router:
    """Detections → matches → policy → queued notifications (the router thread)."""

    def __init__(  # noqa: PLR0917 - each is a distinct collaborator
        self,
        kafka_conf: dict[str, str],
        serde: Serde,
        store: AlertStore,
        cfg: AlertConfig,
        deliverer: Deliverer,
        producer: Any,
    ) -> None:
        self.conf = kafka_conf
        self.serde = serde
        self.guard = Guard(serde, "alerts", logger=log)
        self.store = store
        self.cfg = cfg
        self.deliverer = deliverer
        self.producer = producer
        self.policy = Policy(cfg.policy)
        self.index = SubscriptionIndex(cfg.k)
        self.lock = threading.Lock()
        self.states: dict[str, SubState] = store.load_states()
        self.lifecycles = Lifecycles(store.load_lifecycles())
        self._removed: set[str] = set()
        self._silences: list[Silence] = []
        self._silences_at = 0.0
        self._pruned_at = time.time()
        self._unsaved = _Unsaved()
        self._watching = _watchers(self.states)

    # --- subscription changes (book thread) ---

    def on_subscription(self, sid: str, sub: Subscription | None) -> None:
        with self.lock:
            if sub is None:
                self.index.remove(sid)
                self._removed.add(sid)
            else:
                self.index.put(sub)
                self._removed.discard(sid)
            metrics.SUBSCRIPTIONS.set(len(self.index))

    # --- the loop ---

    def run(self, stop: threading.Event, book_ready: threading.Event) -> None:
        while not book_ready.wait(0.5):
            if stop.is_set():
                return
        consumer = new_consumer(
            self.conf, self.cfg.group_id, session_timeout_ms=self.cfg.session_timeout_ms
        )
        consumer.subscribe([DETECTIONS.physical(self.serde.prefix)])
        checkpoint = Checkpoint(
            save=self._save, flush=self.publish, commit=lambda: self._commit(consumer)
        )
        try:
            while not stop.is_set():
                self._take(consumer.consume(500, 0.05), time.time())
                checkpoint.run()
        finally:
            consumer.close()

    def _commit(self, consumer: Any) -> None:
        if self._unsaved.read:
            self._unsaved.read = False
            # refused mid-rebalance: the batch is read again, and the policy recognises it
            commit_offsets(consumer, logger=log)

    def _silenced(self, now: float) -> list[Silence]:
        if now - self._silences_at > SILENCE_REFRESH_S:
            self._silences = self.store.silences(since=datetime.fromtimestamp(now, UTC))
            self._silences_at = now
        return self._silences

    def _decode(self, msg: Any, records: list[tuple[str, str, str]]) -> dict[str, Any] | None:
        if not message_ok(msg, log):
            return None
        record = self.guard.data(DETECTIONS, msg.value(), origin_of(msg), validate=True)
        if isinstance(record, DeadLetter):
            records.append((DLQ.logical, msg.topic(), record.model_dump_json()))
            return None
        det = jsonable(record)
        ts = msg.timestamp()[1]
        det["_origin"] = ts / 1000 if ts and ts > 0 else time.time()
        return det

    def step(self, msgs: list[Any], now: float) -> list[Notification]:
        """One batch without Kafka's side: offer the detections, release what is due,
        save it all at once (``run`` adds the flush and the commit)."""
        notes = self._take(msgs, now)
        self._save()
        return notes

    def _take(self, msgs: list[Any], now: float) -> list[Notification]:
        """Offer the detections and release what is due, in memory until ``_save``."""
        batch = self._unsaved
        batch.read = batch.read or bool(msgs)
        records, changed = batch.records, batch.changed
        with self.lock:
            silences = self._silenced(now)
            for msg in msgs:
                det = self._decode(msg, records)
                if det is None:
                    continue
                metrics.DETECTIONS.inc()
                try:
                    self._offer(det, now, silences, batch)
                except Exception as err:  # one odd detection must not stop every alert
                    log.exception("detection %s could not be matched", det.get("detection_id"))
                    reason = f"matching failed: {type(err).__name__}"
                    letter = self.guard.reject(origin_of(msg), msg.value(), "alerts_error", reason)
                    records.append((DLQ.logical, msg.topic(), letter.model_dump_json()))
            notes, deliveries = self._release(now, changed, records)
            batch.deliveries.extend(deliveries)
            for sid in self._removed:
                if self.states.pop(sid, None) is not None:
                    changed[sid] = None
            self._removed.clear()
            if now - self._pruned_at > PRUNE_EVERY_S:
                for sid, state in self.states.items():
                    self.policy.prune(state, now)
                    changed[sid] = state
                self.store.prune(now - self.cfg.policy.forget_after)
                for det_id in self.lifecycles.forget(now - self.cfg.policy.forget_after):
                    batch.histories[det_id] = None
                self._watching = _watchers(self.states)
                self._pruned_at = now
        return notes

    def _save(self) -> None:
        """The checkpoint's save: states, queued deliveries and staged records in one
        store transaction."""
        batch = self._unsaved
        if batch.changed or batch.deliveries or batch.records or batch.histories:
            self.store.commit_batch(batch.changed, batch.deliveries, batch.records, batch.histories)
        if batch.deliveries:
            self.deliverer.wake()
        self._unsaved = _Unsaved(read=batch.read)

    def _offer(
        self,
        det: dict[str, Any],
        now: float,
        silences: list[Silence],
        batch: _Unsaved,
    ) -> None:
        at = datetime.fromtimestamp(now, UTC)
        changed = batch.changed
        det_id = det["detection_id"]
        history = self.lifecycles.add(det, now)
        if history is not None:
            batch.histories[det_id] = history
        matched = self._not_ended(det, self.index.match(det))
        for sub in matched:
            metrics.MATCHES.inc()
            sid = sub.subscription_id
            state = self.states.setdefault(sid, SubState())
            silence = muted(silences, sid, sub.org_id, det, at)
            outcome = self.policy.offer(sub, state, det, now, silenced=silence is not None)
            metrics.POLICY.labels(outcome).inc()
            changed[sid] = state
        # a version an organisation may not see ends the detection for the subscriptions
        # it reached before (``schemas.lifecycle``): told of the spike, they hear it ended.
        # A paused one too: it must not hear of the detection again when it resumes (what
        # it would be told now is dropped at release, as all a paused one waits for)
        seen = {s.subscription_id for s in matched}
        watching = self._watching.setdefault(det_id, set())
        watching |= seen
        for sid in sorted(watching - seen):
            state_ = self.states.get(sid)
            if state_ is None or det_id not in state_.seen or det_id in state_.ended:
                continue
            owner = self.index.get(sid)
            if owner is None or may_see(owner.org_id, det, self.index.k):
                continue
            outcome = self.policy.offer(owner, state_, det, now, visible=False)
            metrics.POLICY.labels(outcome).inc()
            changed[sid] = state_

    def _not_ended(self, det: dict[str, Any], subs: list[Subscription]) -> list[Subscription]:
        """Leave out subscriptions of organisations for which an earlier hidden version
        ended this detection (``alerts.lifecycles``): a subscription made or resumed since
        must not hear of it again, nor one that matched nothing of it before."""
        ended: dict[str, bool] = {}
        out = []
        for sub in subs:
            org = sub.org_id
            if org not in ended:
                ended[org] = self.lifecycles.ended_for(det, partial(may_see, org, k=self.index.k))
            if not ended[org]:
                out.append(sub)
        return out

    def _release(
        self,
        now: float,
        changed: dict[str, SubState | None],
        records: list[tuple[str, str, str]],
    ) -> tuple[list[Notification], list[QueuedDelivery]]:
        notes: list[Notification] = []
        deliveries: list[QueuedDelivery] = []
        for sid, state in self.states.items():
            due = state.next_due()
            if due is None or due > now:
                continue
            sub = self.index.get(sid)
            if sub is None or not sub.active:
                state.pending.clear()  # paused or deleted: what waited is dropped, not queued
                changed[sid] = state
                continue
            n = self.policy.release(sub, state, now)
            changed[sid] = state
            if n is None:
                continue
            notes.append(n)
            metrics.NOTIFICATIONS.labels(n.kind).inc()
            rec = compose.record(n)
            records.append((ALERTS.logical, sid, rec.model_dump_json()))
            body = compose.payload(n, self.cfg.base_url)
            origin = min(float(i.detection.get("_origin", now)) for i in n.items)
            waited = max(0.0, n.created_at - origin)
            metrics.DETECTION_TO_NOTIFICATION.labels(n.kind).observe(waited)
            for idx, ch in enumerate(sub.channels):
                spec_ = channel_spec(sub, ch)
                row = QueuedDelivery(
                    notification_id=n.notification_id,
                    channel=idx,
                    subscription_id=sid,
                    org_id=sub.org_id,
                    lane=lane_of(spec_, sub.org_id),
                    spec=spec_,
                    payload=body,
                    attempt=0,
                    origin_at=origin,
                )
                deliveries.append(row)
        return notes, deliveries

    def publish(self) -> None:
        """Send staged records (notifications, deliveries, dead letters) to Kafka."""
        rows = self.store.outgoing()
        if not rows:
            return
        try:
            for _, logical, key, record in rows:
                topic = spec(logical)
                model = MODELS[topic.record].model_validate_json(record)
                self.producer.send(topic, key, model)
            self.producer.flush()
        except Exception as err:  # the broker is away: the rows stay staged, try again
            log.warning("publishing %d alert record(s) failed, will retry: %s", len(rows), err)
            return
        self.store.published(rows[-1][0])


class AlertService:
    def __init__(  # noqa: PLR0917 - each is a distinct collaborator
        self,
        kafka_conf: dict[str, str],
        serde: Serde,
        store: AlertStore,
        secrets: Secrets,
        cfg: AlertConfig,
        delivery: DeliveryConfig,
        producer: Any,
    ) -> None:
        self.deliverer = Deliverer(store, secrets, delivery)
        self.router = Router(kafka_conf, serde, store, cfg, self.deliverer, producer)
        self.book = SubscriptionBook(kafka_conf, serde, self.router.on_subscription)
        self.deliverer.subscriptions = self.book  # each row is sent as its subscription is now
        self.threads: list[threading.Thread] = []
        self.failed = False

    def start(self, stop: threading.Event) -> None:
        targets = {
            "alerts-book": lambda: self.book.run(stop),
            "alerts-router": lambda: self.router.run(stop, self.book.ready),
            "alerts-delivery": lambda: self.deliverer.run(stop),
        }
        for name, target in targets.items():
            t = threading.Thread(target=self._guard(name, target, stop), name=name, daemon=True)
            t.start()
            self.threads.append(t)

    def _guard(self, name: str, target: Any, stop: threading.Event) -> Any:
        def run() -> None:
            try:
                target()
            except Exception:
                log.exception("%s stopped with an error; the alerts process stops", name)
                self.failed = True
                stop.set()

        return run

    def join(self, timeout: float = 30.0) -> None:
        for t in self.threads:
            t.join(timeout)
