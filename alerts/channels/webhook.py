"""Generic webhook channel: JSON POST signed with HMAC-SHA256 over timestamp and body.

Headers: ``X-Tahub-Timestamp`` (unix seconds), ``X-Tahub-Signature: v1=<hex>`` where the
MAC is over ``"<timestamp>.<body>"``, and ``X-Tahub-Notification-Id`` for deduplication.
A receiver recomputes the MAC with the shared key and rejects stale timestamps, so a
captured request cannot be replayed later. ``verify`` is the reference check.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import aiohttp

from alerts.channels.base import RETRYABLE_HTTP, SENT, Outcome, failed, retry_after

TOLERANCE_S = 300
USER_AGENT = "tahub-alerts/1 (+https://github.com/tahub)"


class SignatureError(ValueError):
    pass


def sign(key: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(key.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify(
    key: str,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE_S,
) -> None:
    """Raise SignatureError unless the request is authentic and fresh."""
    if not timestamp or not signature:
        raise SignatureError("missing X-Tahub-Timestamp or X-Tahub-Signature")
    try:
        ts = int(timestamp)
    except ValueError:
        raise SignatureError("the timestamp is not an integer") from None
    if abs((time.time() if now is None else now) - ts) > tolerance:
        raise SignatureError("the timestamp is too old or in the future (replay?)")
    if not hmac.compare_digest(sign(key, ts, body), signature):
        raise SignatureError("the signature does not match")


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


class WebhookSender:
    def __init__(self, session: aiohttp.ClientSession, url: str, key: str, timeout: float) -> None:
        self.session, self.url, self.key, self.timeout = session, url, key, timeout

    async def send(self, payload: dict[str, Any]) -> Outcome:
        body = encode(payload)
        ts = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Tahub-Timestamp": str(ts),
            "X-Tahub-Signature": sign(self.key, ts, body),
            "X-Tahub-Notification-Id": str(payload["notification_id"]),
        }
        try:
            async with self.session.post(
                self.url,
                data=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                allow_redirects=False,
            ) as resp:
                await resp.read()
                if 200 <= resp.status < 300:
                    return SENT
                return failed(
                    f"HTTP {resp.status}",
                    recoverable=resp.status in RETRYABLE_HTTP,
                    retry_after=retry_after(resp.headers),
                )
        except TimeoutError:
            return failed("timeout", recoverable=True)
        except aiohttp.ClientError as err:
            return failed(f"{type(err).__name__}", recoverable=True)
