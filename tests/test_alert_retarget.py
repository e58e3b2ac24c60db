"""Where a queued delivery goes when its turn comes (alerts.delivery.turn, pure): its
subscription's channel as it is then, not as it was when the row was queued."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alerts import compose
from alerts.compose import TEST_PREFIX
from alerts.delivery import (
    SEND,
    UNSEEN_GRACE_S,
    Deliverer,
    DeliveryConfig,
    channel_spec,
    lane_of,
    turn,
)
from alerts.secrets import Secrets, env_name
from alerts.store import AlertStore, QueuedDelivery
from alerts.subscriptions import build, with_active
from schemas.egress import EgressPolicy
from schemas.models import Subscription
from tests.alertkit import HOOK_KEY, RULES, T0, subscription
from tests.sinkkit import wait_for
from tests.webhook_receiver import Receiver

# a row claimed for a try reads "sending" until the try is marked: waiting only for
# "not pending" could read that moment and assert before the answer (a CI flake)
_UNDECIDED = ("pending", "sending")

NOW = 1_800_000_000.0
OLD = "https://old.example/hook"
NEW = "https://new.example/hook"


def _sub(target: str = OLD, secret: str = "hook_key", **over: Any) -> Subscription:
    sub = subscription(
        "org-b", channels=[{"kind": "webhook", "target": target, "secret_ref": secret}]
    )
    return sub.model_copy(update=over)


def _row(sub: Subscription, *, nid: str = "ntf-1", channel: int = 0, age: float = 600.0,
         spec: dict[str, Any] | None = None) -> QueuedDelivery:  # fmt: skip
    spec = spec or channel_spec(sub, sub.channels[channel])
    return QueuedDelivery(nid, channel, sub.subscription_id, sub.org_id,
                          lane_of(spec, sub.org_id), spec, {}, 1, NOW - age, NOW - age)  # fmt: skip


def test_an_unchanged_subscription_sends_as_queued() -> None:
    sub = _sub()
    assert turn(_row(sub), sub, NOW) == SEND


def test_a_new_url_or_secret_takes_the_queued_row_with_it() -> None:
    old = _sub()
    row = _row(old)
    for now_ in (_sub(NEW, version=2), _sub(OLD, "hook_key_new", version=2)):
        step = turn(row, now_, NOW)
        assert step.action == "repoint"
        assert step.spec == channel_spec(now_, now_.channels[0])
        assert step.lane == lane_of(step.spec, "org-b") != row.lane
        moved = _row(now_, spec=step.spec)
        assert turn(moved, now_, NOW) == SEND  # once moved, it is sent


def test_a_book_behind_the_row_never_moves_it_back() -> None:
    """Reading the topic again, the book may hold an older version for a moment: the row
    queued from a newer one (the new URL) keeps it."""
    newer = _sub(NEW, version=3)
    assert turn(_row(newer), _sub(OLD, version=2), NOW) == SEND


def test_a_paused_subscriptions_rows_are_dropped_but_a_test_is_sent() -> None:
    sub = _sub()
    paused = with_active(sub, False, T0)
    step = turn(_row(sub), paused, NOW)
    assert (step.action, step.reason) == ("drop", "not sent: the subscription is paused")
    test = _row(paused, nid=f"{TEST_PREFIX}1")
    assert turn(test, paused, NOW) == SEND


def test_a_deleted_subscriptions_rows_are_dropped() -> None:
    sub = _sub()
    step = turn(_row(sub), None, NOW)
    assert (step.action, step.reason) == ("drop", "not sent: the subscription was deleted")
    fresh = turn(_row(sub, age=1.0), None, NOW)  # an alert's row: its book had it, now gone
    assert fresh.action == "drop"
    other = sub.model_copy(update={"org_id": "org-c"})  # never another's, whatever the id
    assert turn(_row(sub), other, NOW).action == "drop"


def test_a_test_of_a_subscription_not_read_yet_waits_for_it_a_while() -> None:
    sub = _sub()
    young = turn(_row(sub, nid=f"{TEST_PREFIX}1", age=1.0), None, NOW)
    assert young.action == "wait"
    assert NOW < young.until <= NOW + 1
    old = turn(_row(sub, nid=f"{TEST_PREFIX}1", age=UNSEEN_GRACE_S + 1), None, NOW)
    assert old.action == "drop"


def _two(*targets: str, version: int = 1) -> Subscription:
    return subscription("org-b", channels=[
        {"kind": "webhook", "target": t, "secret_ref": "hook_key"} for t in targets
    ]).model_copy(update={"version": version})  # fmt: skip


def test_a_removed_channel_drops_its_row_and_the_others_follow_their_channels() -> None:
    two = subscription("org-b", channels=[
        {"kind": "webhook", "target": OLD, "secret_ref": "hook_key"},
        {"kind": "outbox", "target": "alerts"},
    ])  # fmt: skip
    one = two.model_copy(update={"channels": two.channels[1:], "version": 2})
    gone = "not sent: the channel was removed from the subscription"
    assert (turn(_row(two, channel=0), one, NOW).reason) == gone  # not to the outbox
    step = turn(_row(two, channel=1), one, NOW)  # the outbox's, now in the first place
    assert step.action == "repoint"
    assert step.spec == channel_spec(one, one.channels[0])


def test_rows_follow_their_channels_when_the_list_is_reordered() -> None:
    """Matched by place, a reordered list sent each retry to the other endpoint: an alert
    for the webhook went to the outbox, and the webhook's retry with it."""
    ab = _two(OLD, NEW)
    ba = _two(NEW, OLD, version=2)
    for place, target in ((0, OLD), (1, NEW)):
        step = turn(_row(ab, channel=place), ba, NOW)
        assert step.action == "repoint"
        assert step.spec is not None
        assert step.spec["target"] == target
        assert step.lane == _row(ab, channel=place).lane  # the same endpoint: the same lane


def test_a_removed_channel_never_sends_its_rows_to_the_one_that_moved_up() -> None:
    """Two webhooks, the first removed: its row must not go to the second, which has its
    own row for the same alert (sent there twice before)."""
    ab = _two(OLD, NEW)
    b = _two(NEW, version=2)
    step = turn(_row(ab, channel=0), b, NOW)
    assert step.action == "drop"
    assert turn(_row(ab, channel=1), b, NOW).spec == channel_spec(b, b.channels[0])


def test_a_channel_edited_in_place_among_others_takes_its_row() -> None:
    ab = _two(OLD, "https://other.example/hook")
    edited = _two(NEW, "https://other.example/hook", version=2)
    step = turn(_row(ab, channel=0), edited, NOW)
    assert step.action == "repoint"
    assert step.spec is not None
    assert step.spec["target"] == NEW


def test_a_row_queued_before_versions_were_kept_is_brought_up_to_date() -> None:
    sub = _sub()
    legacy = {k: v for k, v in channel_spec(sub, sub.channels[0]).items() if k != "version"}
    step = turn(_row(sub, spec=legacy), sub, NOW)
    assert step.action == "repoint"
    assert step.spec == channel_spec(sub, sub.channels[0])


# --- the deliverer with it, against real local webhook receivers (no Kafka) ---

NEW_KEY = "whsec_bmV3LXNpZ25pbmcta2V5LWFmdGVyLXRoZS1sZWFrLTAxMjM0NQ=="


class _Book:
    """The subscription book as the deliverer reads it, changed by the test."""

    def __init__(self, sub: Subscription | None) -> None:
        self.ready = threading.Event()
        self.ready.set()
        self.sub = sub

    def get(self, sid: str) -> Subscription | None:
        return self.sub if self.sub is not None and self.sub.subscription_id == sid else None


def _queued(store: AlertStore) -> tuple[int, str, str | None]:
    (q,) = store.queued("ntf-1", "org-b")
    return q.attempt, q.status, q.error


@contextmanager
def _delivering(tmp_path: Path, book: _Book, leaked: Receiver) -> Iterator[AlertStore]:
    """A first attempt that fails (503) and waits for its retry, with the deliverer on."""
    sub = book.sub
    assert sub is not None
    env = {env_name("org-b", "hook_key"): HOOK_KEY, env_name("org-b", "hook_key_new"): NEW_KEY}
    store = AlertStore(tmp_path / "alerts.db")
    cfg = DeliveryConfig(outbox_dir=tmp_path / "out", retry_base=1.0,
                         egress=EgressPolicy.parse(["127.0.0.1"]))  # fmt: skip
    spec = channel_spec(sub, sub.channels[0])
    body = compose.test_payload(sub, "ntf-1", "http://hub.example", T0)
    row = QueuedDelivery("ntf-1", 0, sub.subscription_id, "org-b", lane_of(spec, "org-b"),
                         spec, body, 0, NOW)  # fmt: skip
    store.commit_batch({}, [row], [])
    leaked.script.append(503)
    stop = threading.Event()
    thread = threading.Thread(
        target=Deliverer(store, Secrets(env=env), cfg, book).run, args=(stop,), daemon=True
    )
    thread.start()
    try:
        wait_for(lambda: _queued(store)[:2] == (1, "pending"), 10, "the failed first attempt")
        yield store
    finally:
        stop.set()
        thread.join(10)
        store.close()


def test_the_deliverer_sends_a_retry_to_the_new_url_with_the_new_key(tmp_path: Path) -> None:
    leaked, fresh = Receiver(HOOK_KEY).start(), Receiver(NEW_KEY).start()
    try:
        book = _Book(_sub(leaked.url("old")))
        with _delivering(tmp_path, book, leaked) as store:
            assert book.sub is not None
            moved = [{"kind": "webhook", "target": fresh.url("new"), "secret_ref": "hook_key_new"}]
            book.sub = build({"name": book.sub.name, "channels": moved}, org_id="org-b", now=T0,
                             rules=RULES, previous=book.sub)  # fmt: skip
            wait_for(lambda: _queued(store)[1] not in _UNDECIDED, 10, "the retry")
            assert _queued(store) == (2, "sent", None)
        assert leaked.ids("old") == []
        assert fresh.ids("new") == ["ntf-1"]
        assert fresh.rejected == []  # signed with the new key
    finally:
        leaked.stop()
        fresh.stop()


def test_the_deliverer_drops_a_deleted_subscriptions_retry(tmp_path: Path) -> None:
    leaked = Receiver(HOOK_KEY).start()
    try:
        book = _Book(_sub(leaked.url("old")))
        with _delivering(tmp_path, book, leaked) as store:
            book.sub = None
            wait_for(lambda: _queued(store)[1] not in _UNDECIDED, 10, "the retry's turn")
            assert _queued(store) == (2, "failed", "not sent: the subscription was deleted")
            assert [(e.failures, e.failing) for e in store.endpoints()] == [(1, False)]
        assert leaked.ids("old") == []
    finally:
        leaked.stop()
