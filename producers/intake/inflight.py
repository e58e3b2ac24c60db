"""Submission ids being accepted right now, per organisation.

Accepting a submission reads the ids remembered so far (``IdempotencyStore.seen``), sends
the record, then remembers its id. Two submissions of one id arriving together both read
"not seen" and both were sent: a record re-labelled from CLEAR to RED in that window
reached detection as two versions of one incident. Holding an id from the read to the
remembering makes the second wait for the first and then be judged against it (a
duplicate, or a conflict). Within the process by a set under a condition (threads and the
event loop), and, when given ``across`` (the store), against every other process on the
same idempotency store (the API, ``tahub submit``, ``tahub import``: ``idlocks``).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

WAIT = 30.0  # seconds a submission waits for another of the same id before giving up
POLL = 0.02  # seconds between looks of a waiting single submission (the event loop's)


class Busy(Exception):
    """An id stayed held by another submission for ``WAIT`` seconds."""


class Across(Protocol):
    """Ids held against other processes (``IdempotencyStore.claim``): a token to let go
    of with ``unclaim``, or None when another process holds one."""

    def claim(self, org_id: str, submission_ids: Collection[str]) -> Any | None: ...

    def unclaim(self, claim: Any) -> None: ...


_HERE = object()  # a hold with nothing to let go of in other processes


class InFlight:
    def __init__(self, across: Across | None = None) -> None:
        self._cond = threading.Condition()
        self._held: set[tuple[str, str]] = set()
        self._across = across

    def _take(self, org_id: str, ids: set[str]) -> Any | None:
        """All of ``ids`` or none (a caller never waits holding some: no deadlock): in
        this process, then in every other. A token for ``_release``, or None."""
        keys = {(org_id, i) for i in ids}
        if keys & self._held:
            return None
        token = _HERE
        if self._across is not None and ids:
            token = self._across.claim(org_id, ids)
            if token is None:
                return None
        self._held |= keys
        return token

    def _release(self, org_id: str, ids: set[str], token: Any) -> None:
        with self._cond:
            self._held -= {(org_id, i) for i in ids}
            self._cond.notify_all()
        if self._across is not None and token is not _HERE:
            self._across.unclaim(token)

    @contextmanager
    def holding(self, org_id: str, ids: Iterable[str | None], wait: float = WAIT) -> Iterator[None]:
        """Hold ``ids`` of ``org_id`` for the block, waiting (this thread) for any held.
        Another process letting go does not notify: look again every ``POLL`` × 5."""
        wanted = {i for i in ids if i}
        deadline = time.monotonic() + wait
        with self._cond:
            while (token := self._take(org_id, wanted)) is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Busy(f"{len(wanted)} submission id(s) held by another submission")
                self._cond.wait(min(left, POLL * 5))
        try:
            yield
        finally:
            self._release(org_id, wanted, token)

    async def hold(self, org_id: str, submission_id: str, wait: float = WAIT) -> Any:
        """Hold one id, waiting on the event loop (never blocking it); ``release`` the
        token it gives after."""
        deadline = time.monotonic() + wait
        while True:
            with self._cond:
                token = self._take(org_id, {submission_id})
            if token is not None:
                return token
            if time.monotonic() >= deadline:
                raise Busy("the submission id is held by another submission")
            await asyncio.sleep(POLL)

    def release(self, org_id: str, submission_id: str, token: Any) -> None:
        self._release(org_id, {submission_id}, token)
