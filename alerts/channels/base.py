"""What every channel returns, and how an attempt's failure is classified."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

# Statuses that may succeed if tried again later; everything else 4xx is the subscriber's
# configuration and retrying only hammers them.
MIN_SECRET_PART = 6  # shorter parts of a secret (a "/" path) say nothing of it
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


def without_secret(outcome: Outcome, secret: str | None) -> Outcome:
    """The outcome with any part of the channel's secret cut from its error: an endpoint
    may answer with what it was sent (a proxy echoing the URL), and the error is shown in
    the console, stored and logged."""
    if outcome.error is None or not secret:
        return outcome
    error = outcome.error
    for key in sorted(secret.split(), key=len, reverse=True):
        parts = [key]
        split = urlsplit(key)
        short: list[str] = []
        if split.scheme and split.netloc:  # a URL secret (an incoming webhook): its path too
            parts += [split.path + (f"?{split.query}" if split.query else ""), split.path]
            # an SMTP relay's URL: its password and user name however short, as written
            # and decoded (a relay may echo the user name it refused)
            short = [p for v in (split.password, split.username) if v for p in (v, unquote(v))]
        for part in sorted(set(parts), key=len, reverse=True):
            if len(part) >= MIN_SECRET_PART:
                error = error.replace(part, "[secret]")
        for part in sorted(set(short), key=len, reverse=True):
            error = error.replace(part, "[secret]")
    return replace(outcome, error=error)


class Sender(Protocol):
    async def send(self, payload: dict[str, Any]) -> Outcome: ...
