"""Console sessions, kept on the server: the browser holds only a random id.

A session is made at sign-in and only then (no session before it, so none can be fixed
by someone else), lives at most ``lifetime`` seconds and ends after ``idle`` seconds
without a request, at logout, or when the main job stops (sessions are in memory). The
store is keyed by a hash of the id, so the ids themselves are never kept.

Failed sign-ins are throttled per client address and overall (``SignInThrottle``).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from schemas.sharing import Viewer

COOKIE = "tahub_session"
PARTNER, OPERATOR = "partner", "operator"


def _hash(session_id: str) -> bytes:
    return hashlib.sha256(session_id.encode("utf-8", "surrogateescape")).digest()


@dataclass
class Session:
    role: str  # PARTNER or OPERATOR
    org_id: str | None  # a partner's organisation; for an operator, the one viewed as
    key_id: str | None  # a partner's API key id: a revoked key ends its sessions
    csrf: str  # the token every state-changing form of this session must carry
    created: float
    last_seen: float
    expires: float

    @property
    def viewer(self) -> Viewer:
        """Whom the sharing rules see: the partner's organisation; for an operator the
        organisation chosen (audited), or the public."""
        return Viewer(self.org_id)

    @property
    def label(self) -> str:
        return self.viewer.label


class SessionStore:
    def __init__(
        self,
        *,
        idle: float = 30 * 60,
        lifetime: float = 8 * 3600,
        max_sessions: int = 10_000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.idle, self.lifetime = idle, lifetime
        self._max = max_sessions
        self._clock = clock
        self._sessions: dict[bytes, Session] = {}
        self._lock = threading.Lock()

    def create(
        self, role: str, org_id: str | None, key_id: str | None = None
    ) -> tuple[str, Session]:
        """A new session and its id (for the cookie; the store keeps only its hash)."""
        if role not in {PARTNER, OPERATOR}:
            raise ValueError(f"unknown role {role!r}")
        now = self._clock()
        session_id = secrets.token_urlsafe(32)
        session = Session(
            role, org_id, key_id, secrets.token_urlsafe(32), now, now, now + self.lifetime
        )
        with self._lock:
            self._drop_expired(now)
            while len(self._sessions) >= self._max:  # the oldest go first
                oldest = min(self._sessions, key=lambda h: self._sessions[h].created)
                del self._sessions[oldest]
            self._sessions[_hash(session_id)] = session
        return session_id, session

    def get(self, session_id: str | None) -> Session | None:
        """The live session of an id, touched; None for unknown, ended or expired ones."""
        if not session_id or len(session_id) > 200:
            return None
        now = self._clock()
        key = _hash(session_id)
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                return None
            if now >= session.expires or now - session.last_seen >= self.idle:
                del self._sessions[key]
                return None
            session.last_seen = now
            return session

    def end(self, session_id: str | None) -> None:
        if session_id:
            with self._lock:
                self._sessions.pop(_hash(session_id), None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._sessions)

    def _drop_expired(self, now: float) -> None:
        dead = [
            h
            for h, s in self._sessions.items()
            if now >= s.expires or now - s.last_seen >= self.idle
        ]
        for h in dead:
            del self._sessions[h]


class SignInThrottle:
    """At most ``per_client`` failed sign-ins per client address and ``overall`` in all
    within ``window`` seconds; past that, sign-ins are refused (without checking the key)
    until the oldest failure leaves the window."""

    def __init__(
        self,
        *,
        per_client: int = 5,
        overall: int = 100,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client, self.overall, self.window = per_client, overall, window
        self._clock = clock
        self._by_client: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """0 when a sign-in from ``client`` may be tried now, else the seconds to wait."""
        now = self._clock()
        with self._lock:
            self._expire(now)
            waits = [0.0]
            mine = self._by_client.get(client)
            if mine is not None and len(mine) >= self.per_client:
                waits.append(mine[0] + self.window - now)
            if len(self._all) >= self.overall:
                waits.append(self._all[0] + self.window - now)
            return max(waits)

    def failed(self, client: str) -> None:
        now = self._clock()
        with self._lock:
            self._expire(now)
            if client not in self._by_client and len(self._by_client) >= 100_000:
                self._by_client.clear()  # a flood of addresses must not grow memory
            self._by_client.setdefault(client, deque()).append(now)
            self._all.append(now)

    def _expire(self, now: float) -> None:
        edge = now - self.window
        while self._all and self._all[0] <= edge:
            self._all.popleft()
        for client in [c for c, q in self._by_client.items() if q and q[-1] <= edge]:
            del self._by_client[client]
        for q in self._by_client.values():
            while q and q[0] <= edge:
                q.popleft()
