"""Where a queued retry goes (alerts.delivery.turn), attacked with edits a partner makes to
its own subscription while retries wait: a row follows its own channel, or takes the one
edited at its place. A row keeps the place its channel had when it was queued
(``QueuedDelivery.channel``), but once it followed a reordered list its channel is
elsewhere: when that channel was then edited, the row looked at its first place, found
another channel there and was dropped, so the edited endpoint never got the alert. The
place is now the one the row's channel had in the list it was last pointed from.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from alerts.delivery import SEND, Deliverer, DeliveryConfig, channel_spec, lane_of, turn
from alerts.secrets import Secrets
from alerts.store import AlertStore, QueuedDelivery
from schemas.models import Subscription
from tests.alertkit import subscription

NOW = 1_800_000_000.0
A = "https://a.example/hook"
B = "https://b.example/hook"
EDITED = "https://edited.example/hook"


_BASE = subscription("org-b")


def _hooks(*targets: str, version: int) -> Subscription:
    """Version ``version`` of one subscription, its channels webhooks to ``targets``."""
    hooks = subscription("org-b", channels=[
        {"kind": "webhook", "target": t, "secret_ref": "hook_key"} for t in targets
    ]).channels  # fmt: skip
    return _BASE.model_copy(update={"channels": hooks, "version": version})


def _queued(sub: Subscription) -> list[QueuedDelivery]:
    """One row per channel, as the router queues an alert."""
    rows = []
    for idx, ch in enumerate(sub.channels):
        spec = channel_spec(sub, ch)
        rows.append(QueuedDelivery("ntf-1", idx, sub.subscription_id, sub.org_id,
                                   lane_of(spec, sub.org_id), spec, {}, 1, NOW, NOW))  # fmt: skip
    return rows


def _due(row: QueuedDelivery, sub: Subscription) -> QueuedDelivery:
    """The row's turn, as the deliverer takes it: re-pointed in the store (its place kept)."""
    step = turn(row, sub, NOW)
    if step.action == "repoint":
        assert step.spec is not None
        row = replace(row, spec=step.spec, lane=step.lane)
        assert turn(row, sub, NOW) == SEND
    return row


def _where(rows: list[QueuedDelivery], sub: Subscription) -> list[Any]:
    """Where each row is sent now (None: dropped)."""
    out: list[Any] = []
    for row in rows:
        step = turn(row, sub, NOW)
        if step.action == "drop":
            out.append(None)
            continue
        spec = row.spec if step.action == "send" else step.spec
        assert spec is not None
        out.append(spec["target"])
    return out


def test_a_row_that_followed_a_reorder_follows_a_later_edit_too() -> None:
    ab = _hooks(A, B, version=1)
    rows = _queued(ab)
    ba = _hooks(B, A, version=2)
    rows = [_due(r, ba) for r in rows]  # each follows its own channel
    assert _where(rows, ba) == [A, B]
    edited = _hooks(EDITED, A, version=3)  # then B's URL is changed, where B is now
    assert sorted(_where(rows, edited), key=str) == [A, EDITED], "B's retry was lost"


class _Book:
    """The subscription book as the deliverer reads it, changed by the test."""

    def __init__(self, sub: Subscription) -> None:
        self.ready = threading.Event()
        self.ready.set()
        self.sub = sub

    def get(self, sid: str) -> Subscription | None:
        return self.sub if self.sub.subscription_id == sid else None


def test_two_retries_never_take_one_new_channel(tmp_path: Path) -> None:
    """A's URL is edited into C (A's retry takes C), then the list becomes [X, C]: B's
    retry, not due in between, found C at its place, new to the list it was queued from,
    and took it too: the alert went to C twice. The first to take a channel keeps it."""
    ab = _hooks(A, B, version=1)
    store = AlertStore(tmp_path / "alerts.db")
    try:
        store.commit_batch({}, _queued(ab), [])
        book = _Book(_hooks(EDITED, B, version=2))
        cfg = DeliveryConfig(outbox_dir=tmp_path / "out")
        deliverer = Deliverer(store, Secrets(env={}), cfg, book)
        rows = {r.channel: r for r in store.due(NOW + 1)}
        assert deliverer._turn(rows[0]).action == "repoint"  # A's retry now goes to C
        book.sub = _hooks("https://x.example/hook", EDITED, version=3)
        rows = {r.channel: r for r in store.due(NOW + 1)}
        step = deliverer._turn(rows[0])  # to C, where it is now
        assert step.spec is not None
        assert step.spec["target"] == EDITED
        step = deliverer._turn(rows[1])  # B's, its first turn since
        assert step.action == "drop", "B's retry went to C as well: sent there twice"
        assert [q.spec["target"] for q in store.queued("ntf-1", "org-b")] == [EDITED, B]
    finally:
        store.close()
