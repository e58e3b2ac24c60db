"""What every channel returns, and how an attempt's failure is classified."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

# Statuses that may succeed if tried again later; everything else 4xx is the subscriber's
# configuration and retrying only hammers them.
RETRYABLE_HTTP = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Outcome:
    ok: bool
    recoverable: bool = False
    error: str | None = None  # class and short message; never a secret or a body
    retry_after: float | None = None  # seconds the endpoint asked us to wait


SENT = Outcome(True)


def failed(error: str, *, recoverable: bool, retry_after: float | None = None) -> Outcome:
    return Outcome(False, recoverable, error[:300], retry_after)


def retry_after(headers: Any) -> float | None:
    raw = headers.get("Retry-After") if headers is not None else None
    try:
        return max(0.0, float(raw)) if raw is not None else None
    except (TypeError, ValueError):
        return None


class Sender(Protocol):
    async def send(self, payload: dict[str, Any]) -> Outcome: ...
