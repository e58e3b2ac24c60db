"""A local fake of the Slack Web API and incoming webhooks, honouring their contract.

chat.postMessage: a bearer token it knows, a JSON body, a channel it knows, a fallback
``text``, and Block Kit within Slack's limits (50 blocks, header ≤ 150 characters of
plain_text, section text ≤ 3,000, buttons with a URL). Answers are Slack's: HTTP 200 with
``{"ok": false, "error": ...}`` for API errors, 429 with Retry-After when rate limited,
and whatever failure a test scripts next (429, 500, invalid_auth).
"""

from __future__ import annotations

import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tahub.runtime.loop_server import LoopServer

BLOCK_TYPES = {"header", "section", "context", "divider", "actions", "image", "rich_text"}


@dataclass
class Posted:
    channel: str
    text: str
    blocks: list[dict[str, Any]]
    at: float


class BlockError(ValueError):
    pass


def check_blocks(blocks: Any) -> None:
    """Raise BlockError as Slack's invalid_blocks would."""
    if not isinstance(blocks, list) or not blocks or len(blocks) > 50:
        raise BlockError("blocks must be a list of 1-50 blocks")
    for b in blocks:
        kind = b.get("type")
        if kind not in BLOCK_TYPES:
            raise BlockError(f"unknown block type {kind!r}")
        if kind == "header":
            t = b.get("text", {})
            if t.get("type") != "plain_text" or not 0 < len(t.get("text", "")) <= 150:
                raise BlockError("a header needs plain_text of 1-150 characters")
        if kind == "section":
            t = b.get("text", {})
            if (
                t.get("type") not in ("mrkdwn", "plain_text")
                or not 0 < len(t.get("text", "")) <= 3000
            ):
                raise BlockError("a section needs text of 1-3000 characters")
            acc = b.get("accessory")
            if acc is not None and acc.get("type") == "button":
                url = acc.get("url", "")
                if not url.startswith(("http://", "https://")) or len(url) > 3000:
                    raise BlockError("a button URL must be http(s) and at most 3000 characters")
                if len(acc.get("text", {}).get("text", "")) > 75:
                    raise BlockError("button text is at most 75 characters")
        if kind == "context":
            els = b.get("elements")
            if not isinstance(els, list) or not 0 < len(els) <= 10:
                raise BlockError("a context needs 1-10 elements")


@dataclass
class FakeSlack:
    tokens: set[str]
    channels: set[str]
    hooks: set[str] = field(default_factory=set)
    posted: list[Posted] = field(default_factory=list)
    requests: int = 0
    # (token or None for any, ratelimited | server_error | invalid_auth)
    script: deque[tuple[str | None, str]] = field(default_factory=deque)
    # an outage: until this time.time() every request gets the next of ``outage_kinds``
    outage_until: float = 0.0
    outage_kinds: tuple[str, ...] = ()
    port: int = 0
    _server: LoopServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def hook_url(self, hook: str) -> str:
        return f"http://127.0.0.1:{self.port}/services/{hook}"

    def fail_next(self, *kinds: str, token: str | None = None) -> None:
        """The next requests (with this token, if given) get these failures."""
        self.script.extend((token, k) for k in kinds)

    def fail_for(self, seconds: float, *kinds: str) -> None:
        """An outage: for ``seconds`` every request gets these failures in turn."""
        self.outage_kinds = kinds or ("ratelimited", "server_error")
        self.outage_until = time.time() + seconds

    def messages(self, channel: str) -> list[Posted]:
        return [p for p in self.posted if p.channel == channel]

    # --- server ---

    def _scripted(self, request: web.Request) -> web.Response | None:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if time.time() < self.outage_until:
            kind = self.outage_kinds[self.requests % len(self.outage_kinds)]
        elif not self.script or self.script[0][0] not in (None, token):
            return None
        else:
            kind = self.script.popleft()[1]
        if kind == "ratelimited":
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}
            )
        if kind == "server_error":
            return web.Response(status=500, text="internal error")
        return web.json_response({"ok": False, "error": kind})

    async def _post_message(self, request: web.Request) -> web.Response:
        self.requests += 1
        scripted = self._scripted(request)
        if scripted is not None:
            return scripted
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return web.json_response({"ok": False, "error": "not_authed"})
        if auth.removeprefix("Bearer ") not in self.tokens:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if request.content_type != "application/json":
            return web.json_response({"ok": False, "error": "invalid_form_data"})
        body = json.loads(await request.read())
        channel = body.get("channel")
        if channel not in self.channels:
            return web.json_response({"ok": False, "error": "channel_not_found"})
        if not body.get("text"):
            return web.json_response({"ok": False, "error": "no_text"})
        try:
            check_blocks(body.get("blocks"))
        except BlockError as err:
            return web.json_response({"ok": False, "error": "invalid_blocks", "detail": str(err)})
        self.posted.append(Posted(channel, body["text"], body["blocks"], time.time()))
        return web.json_response({"ok": True, "channel": channel, "ts": f"{time.time():.6f}"})

    async def _hook(self, request: web.Request) -> web.Response:
        self.requests += 1
        scripted = self._scripted(request)
        if scripted is not None:
            return scripted
        hook = request.match_info["hook"]
        if hook not in self.hooks:
            return web.Response(status=404, text="no_service")
        body = json.loads(await request.read())
        try:
            check_blocks(body.get("blocks"))
        except BlockError:
            return web.Response(status=400, text="invalid_blocks")
        self.posted.append(
            Posted(f"hook:{hook}", body.get("text", ""), body["blocks"], time.time())
        )
        return web.Response(text="ok")

    def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_post("/api/chat.postMessage", self._post_message)
        app.router.add_post("/services/{hook:.+}", self._hook)
        self._server = LoopServer(app).start()
        self.port = self._server.port
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
