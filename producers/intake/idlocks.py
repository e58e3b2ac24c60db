"""Submission ids held across processes: byte-range locks on one file beside intake.db.

``inflight`` holds an id from the look at earlier submissions to its remembering, inside
one process. The API, ``tahub submit`` and ``tahub import`` are separate processes on one
idempotency store, and each remembers accepted ids in memory for up to a flush interval
before SQLite has them. So an id is also locked for every process: one byte of a lock
file per id, taken with ``fcntl`` (advisory, exclusive, never blocking), and let go only
once the store has written what was remembered under it (``IdempotencyStore.flush``),
when another process reading SQLite sees it. The kernel drops a dead process's locks: a
crash leaves nothing held.

The kernel keeps a file's record locks in one list that every lock request walks: a file
of 100,000 ids locked id by id took minutes (the API's 100k-row test timed out). So a
claim of more than ``MANY`` ids locks its organisation's byte exclusively instead, and a
smaller one holds that byte shared beside its ids' bytes: a large file waits for, and
then holds off, the organisation's other submissions in other processes for the seconds
it takes to send.

POSIX record locks belong to a process and its open file, not to a thread: one holder per
file per process (``for_path``), counting holds per byte, since threads of a process, or
two ids of one byte, share it. The file holds nothing. Which bytes are locked is visible
to local users (``/proc/locks``), so a byte's offset is a digest of the id as the store
keeps it (keyed under the organisation's data key), never of the id itself.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

MANY = 64  # ids above which a claim locks its organisation's byte rather than each id
_ORGS = 1 << 16  # organisation bytes come first
_SPAN = 1 << 40  # id bytes after them: collisions (a needless wait) are negligible
_REGISTRY: dict[Path, IdLocks] = {}
_REGISTRY_LOCK = threading.Lock()


def _digest(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "big")


def org_offset(org_token: str) -> int:
    return _digest(org_token) % _ORGS


def offset(org_token: str, id_token: str) -> int:
    return _ORGS + _digest(f"{org_token}\0{id_token}") % _SPAN


@dataclass(frozen=True)
class Claim:
    """What one ``take`` holds: its organisation's byte (shared, or exclusive for a
    large claim) and its ids' bytes (none for a large claim)."""

    org: int
    whole: bool
    ids: tuple[int, ...]


class IdLocks:
    """Per-process view of the lock file: ``take`` (all or none, never waits),
    ``release_later`` (when the store has written them), ``due`` and ``release``."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        self._lock = threading.Lock()
        self._ids: Counter[int] = Counter()  # holds per id byte, in this process
        self._shared: Counter[int] = Counter()  # holds per organisation byte, by mode
        self._whole: Counter[int] = Counter()
        self._later: list[Claim] = []

    @classmethod
    def for_path(cls, path: Path) -> IdLocks:
        """This process's holder of ``path`` (closing a second descriptor of the file
        would drop every lock the process has on it)."""
        path = path.resolve()
        with _REGISTRY_LOCK:
            hit = _REGISTRY.get(path)
            if hit is None:
                hit = _REGISTRY[path] = cls(path)
            return hit

    def take(
        self, org_token: str, ids: Collection[str], kept: Callable[[str], str] = str
    ) -> Claim | None:
        """Lock distinct ``ids`` (as the store keeps them: ``kept``) or none of them: None
        when another process holds one. A large claim never derives its ids' bytes."""
        whole = len(ids) > MANY
        bytes_ = () if whole else tuple(sorted({offset(org_token, kept(i)) for i in ids}))
        claim = Claim(org_offset(org_token), whole, bytes_)
        with self._lock:
            if not self._take_org(claim.org, whole):
                return None
            got: list[int] = []
            for at in claim.ids:
                if self._ids[at] == 0 and not self._lockf(fcntl.LOCK_EX, at):
                    self._drop(Claim(claim.org, whole, tuple(got)))
                    return None
                self._ids[at] += 1
                got.append(at)
            return claim

    def release_later(self, claim: Claim) -> None:
        """Let go of ``claim`` once what was remembered under it is written."""
        with self._lock:
            self._later.append(claim)

    def due(self) -> list[Claim]:
        """Claims waiting to be let go, taken by a store about to write what was
        remembered under them (``release`` them once written, ``defer`` if not)."""
        with self._lock:
            out, self._later = self._later, []
            return out

    def defer(self, claims: list[Claim]) -> None:
        """``due`` claims whose write failed: let go after a later one."""
        with self._lock:
            self._later.extend(claims)

    def release(self, claims: Iterable[Claim]) -> None:
        with self._lock:
            for claim in claims:
                self._drop(claim)

    def holding(self) -> int:
        """Bytes this process holds (for tests)."""
        with self._lock:
            return len(self._ids) + len(self._shared.keys() | self._whole.keys())

    # --- under self._lock ---

    def _lockf(self, how: int, at: int) -> bool:
        try:
            fcntl.lockf(self._fd, how | fcntl.LOCK_NB, 1, at)
        except OSError:  # EACCES or EAGAIN: another process holds it
            return False
        return True

    def _take_org(self, at: int, whole: bool) -> bool:
        """The organisation's byte in the mode a claim needs, if another process lets it
        (a shared hold of this process rises to exclusive; the kernel converts it)."""
        if whole:
            if self._whole[at] == 0 and not self._lockf(fcntl.LOCK_EX, at):
                return False
            self._whole[at] += 1
        else:
            first = self._whole[at] == 0 and self._shared[at] == 0
            if first and not self._lockf(fcntl.LOCK_SH, at):
                return False
            self._shared[at] += 1
        return True

    def _drop(self, claim: Claim) -> None:
        for at in claim.ids:
            self._ids[at] -= 1
            if self._ids[at] <= 0:
                del self._ids[at]
                fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, at)
        at = claim.org
        counts = self._whole if claim.whole else self._shared
        counts[at] -= 1
        if counts[at] <= 0:
            del counts[at]
        if self._whole[at] > 0:
            return  # still exclusive
        # the strongest mode still held: shared (a downgrade, never refused) or none
        fcntl.lockf(self._fd, fcntl.LOCK_SH if self._shared[at] > 0 else fcntl.LOCK_UN, 1, at)
