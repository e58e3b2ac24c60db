"""Slack channel: a Block Kit message a person can act on, via slack-sdk.

Bot token + channel (chat.postMessage) or an incoming-webhook URL. Slack's limits: a
header holds 150 characters, a section 3,000, a message 50 blocks; one message per second
per channel (the delivery lane spaces them); 429 carries Retry-After. Errors that a retry
cannot fix (a revoked token, an unknown channel) are permanent.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from alerts.channels.base import RETRYABLE_HTTP, SENT, Outcome, failed, retry_after

MAX_DETECTIONS = 10  # more go behind "and N more" to stay well inside 50 blocks
SEVERITY_MARK = {"low": "⚪", "medium": "🟡", "high": "🟠", "critical": "🔴"}
RECOVERABLE_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _test_blocks(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """A test message: its label, the subscription, and the summary (no detection)."""
    name = _esc(payload["subscription"]["name"])
    label = f"*{payload['tlp']}* · test message · subscription _{name}_"
    return [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(payload["title"], 150)}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(label, 3000)}]},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": _cut(_esc(payload["summary"]), 3000)},
        },
    ]


def _operator_blocks(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """A notice to tahub's operators (tahub.health.incidents): what is wrong, what to do."""
    out: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(payload["title"], 150)}},
    ]
    if payload["state"] != "resolved":
        found = "\n".join(f"• *{_esc(p['component'])}*: {_esc(p['detail'])}"
                          for p in payload["problems"])  # fmt: skip
        todo = "\n".join(_esc(t) for t in payload["what_to_do"])
        for text in (found, f"*What to do*\n{todo}"):
            out.append({"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, 3000)}})
    where = f"{_esc(payload['source'])} · <{payload['ops_url']}|/ops> · {payload['incident_id']}"
    out.append({"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(where, 3000)}]})
    return out


def blocks(payload: dict[str, Any]) -> list[dict[str, Any]]:
    if payload["kind"] == "test":
        return _test_blocks(payload)
    if payload["kind"] == "operator":
        return _operator_blocks(payload)
    dets = payload["detections"]
    out: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(payload["title"], 150)}},
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": _cut(
                        f"*{payload['tlp']}* · {payload['kind']} · "
                        f"highest severity *{payload['severity']}* · "
                        f"subscription _{_esc(payload['subscription']['name'])}_",
                        3000,
                    ),
                }
            ],
        },
    ]
    for d in dets[:MAX_DETECTIONS]:
        change = "" if d["change"] == "new" else f" _({d['change']})_"
        if d.get("context_for"):  # the same spike as the detection above it
            change += " _(related)_"
        if d["method"] == "novelty":
            measure = f"*{d['observed']:g}* reports on a route not seen before"
        else:
            measure = (
                f"*{d['observed']:g}* reports vs *{d['expected']:.1f}* expected "
                f"(score {d['score']:.1f}, {d['method']})"
            )
        text = (
            f"{SEVERITY_MARK.get(d['severity'], '')} *{_esc(d['what'])}*, {_esc(d['where'])}"
            f"{change}\n{measure} · {d['distinct_sources']} distinct sources\n"
            f"window {d['window_start'][:16].replace('T', ' ')} UTC · {d['tlp']}"
        )
        out.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": _cut(text, 3000)},
                "accessory": {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Evidence"},
                    "url": d["evidence_url"],
                    "action_id": f"evidence-{d['detection_id']}",
                },
            }
        )
    if len(dets) > MAX_DETECTIONS:
        out.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": f"and {len(dets) - MAX_DETECTIONS} more"}],
            }
        )
    return out


def fallback_text(payload: dict[str, Any]) -> str:
    """The notification text for clients that do not render blocks (and for screen readers)."""
    return _cut(f"{payload['tlp']} {payload['title']}", 3000)


def _api_error(err: SlackApiError) -> Outcome:
    status = err.response.status_code
    data = err.response.data  # a dict from the API, or text from a proxy or a 5xx page
    code = str(data.get("error") if isinstance(data, dict) else "") or f"HTTP {status}"
    return failed(
        f"slack: {code}",
        recoverable=status in RETRYABLE_HTTP or code in RECOVERABLE_ERRORS,
        retry_after=retry_after(err.response.headers),
    )


class SlackSender:
    """chat.postMessage with a bot token."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        token: str,
        channel: str,
        base_url: str,
        timeout: float,
    ) -> None:
        self.client = AsyncWebClient(
            token=token, base_url=base_url, session=session, timeout=int(timeout)
        )
        self.channel = channel

    async def send(self, payload: dict[str, Any]) -> Outcome:
        try:
            await self.client.chat_postMessage(
                channel=self.channel,
                text=fallback_text(payload),
                blocks=blocks(payload),
                unfurl_links=False,
            )
        except SlackApiError as err:
            return _api_error(err)
        except (TimeoutError, aiohttp.ClientError) as err:
            return failed(f"slack: {type(err).__name__}", recoverable=True)
        return SENT


class SlackWebhookSender:
    """An incoming webhook (its URL is the secret)."""

    def __init__(self, session: aiohttp.ClientSession, url: str, timeout: float) -> None:
        self.client = AsyncWebhookClient(url=url, session=session, timeout=int(timeout))

    async def send(self, payload: dict[str, Any]) -> Outcome:
        try:
            resp = await self.client.send(text=fallback_text(payload), blocks=blocks(payload))
        except (TimeoutError, aiohttp.ClientError) as err:
            return failed(f"slack webhook: {type(err).__name__}", recoverable=True)
        if resp.status_code == 200:
            return SENT
        return failed(
            f"slack webhook: HTTP {resp.status_code} {_cut(str(resp.body), 60)}",
            recoverable=resp.status_code in RETRYABLE_HTTP,
            retry_after=retry_after(resp.headers),
        )
