"""Slack channel: a Block Kit message a person can act on, via slack-sdk.

Bot token + channel (chat.postMessage) or an incoming-webhook URL. Slack's limits: a
header holds 150 characters, a section 3,000, a message 50 blocks; one message per second
per channel (the delivery lane spaces them); 429 carries Retry-After. Errors that a retry
cannot fix (a revoked token, an unknown channel) are permanent. A subscription's own
``slack`` template (alerts.templating, every value escaped for mrkdwn) replaces the
detection sections and the notification text; the header and the context line with the
sharing label stay.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from alerts.channels.base import RETRYABLE_HTTP, SENT, Outcome, failed, retry_after
from alerts.templating import Rendered, attempt, note

MAX_DETECTIONS = 10  # more go behind "and N more" to stay well inside 50 blocks
MAX_TEMPLATE_SECTIONS = 20  # a subscription's own message: 60,000 characters at most
SECTION_MAX = 3000
SEVERITY_MARK = {"low": "⚪", "medium": "🟡", "high": "🟠", "critical": "🔴"}
RECOVERABLE_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(payload: dict[str, Any]) -> str:
    """The context line under the header: sharing label, kind, severity, subscription."""
    name = _esc(payload["subscription"]["name"])
    if payload["kind"] == "test":
        return f"*{payload['tlp']}* · test message · subscription _{name}_"
    return (
        f"*{payload['tlp']}* · {payload['kind']} · highest severity *{payload['severity']}* · "
        f"subscription _{name}_"
    )


def _top(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Header (the title) and the context line every subscriber's message opens with."""
    return [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(payload["title"], 150)}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(_label(payload), 3000)}]},
    ]


def _test_blocks(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """A test message: its label, the subscription, and the summary (no detection)."""
    return [
        *_top(payload),
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
    out = _top(payload)
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


def _chunks(text: str, size: int) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, cut at line ends where it can."""
    out: list[str] = []
    rest = text.strip("\n")
    while rest:
        if len(rest) <= size:
            piece = rest
        else:
            end = rest.rfind("\n", 0, size + 1)
            piece = rest[: end if end > 0 else size]
        if piece.strip():
            out.append(piece)
        rest = rest[len(piece) :].lstrip("\n")
    return out


def templated_blocks(payload: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """A subscription's own message (its template rendered, mrkdwn) under the same header
    and context line as the default, so the sharing label is always shown; sections of
    at most 3,000 characters, MAX_TEMPLATE_SECTIONS of them, the last cut with "…"."""
    pieces = _chunks(text, SECTION_MAX)
    if len(pieces) > MAX_TEMPLATE_SECTIONS:
        pieces = [
            *pieces[: MAX_TEMPLATE_SECTIONS - 1],
            _cut(pieces[MAX_TEMPLATE_SECTIONS - 1] + "…", SECTION_MAX),
        ]
    sections = [{"type": "section", "text": {"type": "mrkdwn", "text": p}} for p in pieces]
    return [*_top(payload), *sections]


def message(
    payload: dict[str, Any], templates: Mapping[str, str]
) -> tuple[str, list[dict[str, Any]], str | None]:
    """Fallback text and blocks: the subscription's ``slack`` template where it has one
    (its rendering is also the notification text), else the default; a template that
    fails gives the default, and the reason for the delivery record."""
    got = attempt("slack", templates, payload) if payload["kind"] != "operator" else Rendered(None)
    if got.text is None:
        return fallback_text(payload), blocks(payload), note([got.problem] if got.problem else [])
    return _cut(got.text.strip(), SECTION_MAX), templated_blocks(payload, got.text), None


def _sent(channel: str, why: str | None) -> Outcome:
    """Sent; with the default message instead of the template, the record says why."""
    return SENT if why is None else Outcome(True, error=f"{channel}: {why}"[:300])


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
        *,
        templates: Mapping[str, str] | None = None,
    ) -> None:
        self.client = AsyncWebClient(
            token=token, base_url=base_url, session=session, timeout=int(timeout)
        )
        self.channel = channel
        self.templates = templates or {}

    async def send(self, payload: dict[str, Any]) -> Outcome:
        text, shown, why = await asyncio.to_thread(message, payload, self.templates)
        try:
            await self.client.chat_postMessage(
                channel=self.channel, text=text, blocks=shown, unfurl_links=False
            )
        except SlackApiError as err:
            return _api_error(err)
        except (TimeoutError, aiohttp.ClientError) as err:
            return failed(f"slack: {type(err).__name__}", recoverable=True)
        return _sent("slack", why)


class SlackWebhookSender:
    """An incoming webhook (its URL is the secret)."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        url: str,
        timeout: float,
        *,
        templates: Mapping[str, str] | None = None,
    ) -> None:
        self.client = AsyncWebhookClient(url=url, session=session, timeout=int(timeout))
        self.templates = templates or {}

    async def send(self, payload: dict[str, Any]) -> Outcome:
        text, shown, why = await asyncio.to_thread(message, payload, self.templates)
        try:
            resp = await self.client.send(text=text, blocks=shown)
        except (TimeoutError, aiohttp.ClientError) as err:
            return failed(f"slack webhook: {type(err).__name__}", recoverable=True)
        if resp.status_code == 200:
            return _sent("slack webhook", why)
        return failed(
            f"slack webhook: HTTP {resp.status_code} {_cut(str(resp.body), 60)}",
            recoverable=resp.status_code in RETRYABLE_HTTP,
            retry_after=retry_after(resp.headers),
        )
