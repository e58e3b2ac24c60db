"""Generic webhook channel: JSON POST signed by the Standard Webhooks scheme.

Headers (https://www.standardwebhooks.com): ``webhook-id`` (the notification id, the same
on a retry: deduplicate on it), ``webhook-timestamp`` (unix seconds) and
``webhook-signature: v1,<base64 HMAC-SHA256 over "<id>.<timestamp>.<body>">``, so any
stock verifier (the ``standardwebhooks`` package and its ports) checks tahub's webhooks.
The signing secret is an organisation's channel secret: ``whsec_<base64>`` as the standard
writes keys, or any other text used as its bytes. During a key change the secret holds two
keys separated by a space, and every request carries a signature by each: receivers
accept either while they switch. ``verify`` is the reference check for receivers: it keeps
a replay cache and answers malformed headers with a clean error.

A subscription's own ``webhook`` template (alerts.templating) adds a ``text`` field to the
documented payload, inside what is signed, for receivers that show a message's ``text``
(Mattermost, Teams, Slack-style incoming hooks, a relay to Discord's ``content``). A
template that fails there puts the default plain-text message in ``text`` instead; with
no template the payload has no ``text``.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import time
from collections import OrderedDict
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import aiohttp
from standardwebhooks import Webhook

from alerts.channels.base import RETRYABLE_HTTP, SENT, Outcome, failed, retry_after
from alerts.channels.mail_body import text as plain_text
from alerts.templating import attempt, note

TOLERANCE_S = 300
USER_AGENT = "tahub-alerts/1 (+https://github.com/tahub)"
PREFIX = "whsec_"


class SignatureError(ValueError):
    pass


def _signer(key: str) -> Webhook:
    if key.startswith(PREFIX):
        try:
            raw = base64.b64decode(key[len(PREFIX) :] + "==", validate=False)
        except (binascii.Error, ValueError):
            raw = b""
        if raw:
            return Webhook(raw)
    return Webhook(key.encode())  # any other text: its bytes are the key


def keys_of(secret: str) -> list[str]:
    """One key, or two during a rotation (new first), from a channel secret."""
    return [k for k in secret.split() if k][:2]


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: a v1 signature by each key in ``secret``."""
    at = datetime.fromtimestamp(timestamp, UTC)
    return " ".join(_signer(k).sign(msg_id, at, body.decode()) for k in keys_of(secret))


class Verifier:
    """A receiver's check: authentic, fresh and not seen before (a replay cache of ids)."""

    def __init__(self, secret: str, *, tolerance: int = TOLERANCE_S, remember: int = 10_000):
        self.keys = keys_of(secret)
        self.tolerance = tolerance
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._remember = remember

    def verify(self, headers: dict[str, str], body: bytes, *, now: float | None = None) -> str:
        """The webhook id of an authentic, fresh, first delivery; else SignatureError."""
        h = {k.lower(): v for k, v in headers.items()}
        msg_id, ts, sigs = (
            h.get("webhook-id"),
            h.get("webhook-timestamp"),
            h.get("webhook-signature"),
        )
        if not msg_id or not ts or not sigs:
            raise SignatureError("missing webhook-id, webhook-timestamp or webhook-signature")
        if not ts.isascii() or not ts.isdigit() or len(ts) > 12:
            raise SignatureError("webhook-timestamp is not unix seconds")
        clock = time.time() if now is None else now
        if abs(clock - int(ts)) > self.tolerance:
            raise SignatureError("webhook-timestamp is too old or in the future (replay?)")
        offered = []
        for item in sigs.split():
            version, sep, value = item.partition(",")
            if not sep or version != "v1" or not value:
                raise SignatureError("webhook-signature is not a list of v1,<base64> values")
            offered.append(item)
        expected = {sign(k, msg_id, int(ts), body) for k in self.keys}
        if not any(o in expected for o in offered):
            raise SignatureError("no signature matches")
        if msg_id in self._seen:
            raise SignatureError("this webhook-id was delivered before (a replay)")
        self._seen[msg_id] = clock
        while len(self._seen) > self._remember:
            self._seen.popitem(last=False)
        return msg_id


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def with_text(
    payload: dict[str, Any], templates: Mapping[str, str]
) -> tuple[dict[str, Any], str | None]:
    """The payload to send: as composed, plus ``text`` when the subscription has a
    ``webhook`` template (the default plain text if it fails, and the reason)."""
    if not templates.get("webhook"):
        return payload, None
    got = attempt("webhook", templates, payload)
    text = got.text if got.text is not None else plain_text(payload)
    return {**payload, "text": text}, note([got.problem] if got.problem else [])


class WebhookSender:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        url: str,
        key: str,
        timeout: float,
        *,
        templates: Mapping[str, str] | None = None,
    ) -> None:
        self.session, self.url, self.key, self.timeout = session, url, key, timeout
        self.templates = templates or {}

    async def send(self, payload: dict[str, Any]) -> Outcome:
        payload, why = await asyncio.to_thread(with_text, payload, self.templates)
        body = encode(payload)
        ts = int(time.time())
        msg_id = str(payload["notification_id"])
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "webhook-id": msg_id,
            "webhook-timestamp": str(ts),
            "webhook-signature": sign(self.key, msg_id, ts, body),
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
                if 200 <= resp.status < 300:  # with the default text, the record says why
                    return SENT if why is None else Outcome(True, error=f"webhook: {why}"[:300])
                return failed(
                    f"HTTP {resp.status}",
                    recoverable=resp.status in RETRYABLE_HTTP,
                    retry_after=retry_after(resp.headers),
                )
        except TimeoutError:
            return failed("timeout", recoverable=True)
        except aiohttp.ClientError as err:
            return failed(f"{type(err).__name__}", recoverable=True)
