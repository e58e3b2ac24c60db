"""The subscription book (the compacted subscriptions topic, in memory) on a thread of the
main job; the partner API's subscription endpoints read it."""

from __future__ import annotations

import threading

from alerts.book import SubscriptionBook
from tahub import wiring
from tahub.checks import Check
from tahub.settings import Settings


class SubscriptionsService:
    def __init__(self, settings: Settings, stop: threading.Event) -> None:
        self.book: SubscriptionBook = wiring.subscription_book(settings)
        self.stopping = stop  # the job's
        self.thread = threading.Thread(
            target=self.book.run, args=(stop,), name="subscriptions", daemon=True
        )

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        """Nothing to wait for: the book stops reading when the job's stop event is set,
        and its thread is a daemon."""

    def check(self) -> Check:
        n = len(self.book.snapshot())
        ready = self.book.ready.is_set()
        return Check("subscriptions", ready, f"{n} loaded" if ready else "loading")
