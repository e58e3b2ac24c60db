"""Per-organisation token buckets: a steady rate with a burst allowance."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self, rate: float, burst: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self.rate, self.burst = rate, burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # org -> (tokens, last refill)
        self._lock = threading.Lock()

    def take(self, org: str, cost: float = 1.0) -> float:
        """0 if allowed now, else the seconds until ``cost`` tokens will be available."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(org, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= cost:
                self._buckets[org] = (tokens - cost, now)
                return 0.0
            self._buckets[org] = (tokens, now)
            return (cost - tokens) / self.rate
