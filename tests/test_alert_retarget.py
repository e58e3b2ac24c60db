"""Where a queued delivery goes when its turn comes (alerts.delivery.turn, pure): its
subscription's channel as it is then, not as it was when the row was queued."""

from __future__ import annotations

from typing import Any

from alerts.compose import TEST_PREFIX
from alerts.delivery import SEND, UNSEEN_GRACE_S, channel_spec, lane_of, turn
from alerts.store import QueuedDelivery
from alerts.subscriptions import with_active
from schemas.models import Subscription
from tests.alertkit import T0, subscription

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


def test_a_removed_channel_drops_its_row_and_the_others_follow_their_places() -> None:
    two = subscription("org-b", channels=[
        {"kind": "webhook", "target": OLD, "secret_ref": "hook_key"},
        {"kind": "outbox", "target": "alerts"},
    ])  # fmt: skip
    one = two.model_copy(update={"channels": two.channels[1:], "version": 2})
    step = turn(_row(two, channel=1), one, NOW)
    assert (step.action, step.reason) == (
        "drop", "not sent: the channel was removed from the subscription"
    )  # fmt: skip
    assert turn(_row(two, channel=0), one, NOW).action == "repoint"  # now the outbox


def test_a_row_queued_before_versions_were_kept_is_brought_up_to_date() -> None:
    sub = _sub()
    legacy = {k: v for k, v in channel_spec(sub, sub.channels[0]).items() if k != "version"}
    step = turn(_row(sub, spec=legacy), sub, NOW)
    assert step.action == "repoint"
    assert step.spec == channel_spec(sub, sub.channels[0])
