"""Submission ids being accepted right now, per organisation (one intake process).

Accepting a submission reads the ids remembered so far (``IdempotencyStore.seen``), sends
the record, then remembers its id. Two submissions of one id arriving together both read
"not seen" and both were sent: a record re-labelled from CLEAR to RED in that window
reached detection as two versions of one incident. Holding an id from the read to the
remembering makes the second wait for the first and then be judged against it (a
duplicate, or a conflict). One process only: every intake path of a deployment (the API's
single and bulk submissions) runs in the process that owns the idempotency store.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

WAIT = 30.0  # seconds a submission waits for another of the same id before giving up
POLL = 0.02  # seconds between looks of a waiting single submission (the event loop's)


class Busy(Exception):
    """An id stayed held by another submission for ``WAIT`` seconds."""


class InFlight:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._held: set[tuple[str, str]] = set()

    def _take(self, keys: set[tuple[str, str]]) -> bool:
        """All of ``keys`` or none (a caller never waits holding some: no deadlock)."""
        if keys & self._held:
            return False
        self._held |= keys
        return True

    def _release(self, keys: set[tuple[str, str]]) -> None:
        with self._cond:
            self._held -= keys
            self._cond.notify_all()

    @contextmanager
    def holding(self, org_id: str, ids: Iterable[str | None], wait: float = WAIT) -> Iterator[None]:
        """Hold ``ids`` of ``org_id`` for the block, waiting (this thread) for any held."""
        keys = {(org_id, i) for i in ids if i}
        with self._cond:
            if not self._cond.wait_for(lambda: self._take(keys), wait):
                raise Busy(f"{len(keys)} submission id(s) held by another submission")
        try:
            yield
        finally:
            self._release(keys)

    async def hold(self, org_id: str, submission_id: str, wait: float = WAIT) -> None:
        """Hold one id, waiting on the event loop (never blocking it); ``release`` after."""
        keys = {(org_id, submission_id)}
        deadline = time.monotonic() + wait
        while True:
            with self._cond:
                if self._take(keys):
                    return
            if time.monotonic() >= deadline:
                raise Busy("the submission id is held by another submission")
            await asyncio.sleep(POLL)

    def release(self, org_id: str, submission_id: str) -> None:
        self._release({(org_id, submission_id)})
