"""A local webhook receiver that checks signatures the way the README tells receivers to.

It verifies with the stock ``standardwebhooks`` library (not with tahub's helper), keeps a
replay cache of signatures, and can be told to fail, to answer slowly, or to be gone for
good (410).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from tahub.runtime.loop_server import LoopServer


@dataclass
class Received:
    path: str
    notification_id: str
    body: dict[str, Any]
    at: float


@dataclass
class Receiver:
    key: str
    received: list[Received] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    script: deque[int] = field(default_factory=deque)  # HTTP statuses to answer next
    gone: set[str] = field(default_factory=set)  # paths that answer 410 for ever
    delay: float = 0.0
    port: int = 0
    _seen: set[str] = field(default_factory=set)
    _server: LoopServer | None = None

    def url(self, path: str = "hook") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def ids(self, path: str = "hook") -> list[str]:
        return [r.notification_id for r in self.received if r.path == path]

    async def _handle(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        body = await request.read()
        sig = request.headers.get("webhook-signature", "")
        try:
            Webhook(self.key).verify(body, dict(request.headers))
        except WebhookVerificationError as err:
            self.rejected.append("stale" if "timestamp" in str(err) else "signature")
            return web.Response(status=401, text="bad signature")
        if sig in self._seen:
            self.rejected.append("replay")
            return web.Response(status=409, text="replay")
        self._seen.add(sig)
        if path in self.gone:
            return web.Response(status=410, text="gone")
        if self.script:
            return web.Response(status=self.script.popleft(), text="scripted failure")
        if self.delay:
            await asyncio.sleep(self.delay)
        payload = json.loads(body)
        self.received.append(Received(path, request.headers["webhook-id"], payload, time.time()))
        return web.Response(status=204)

    def start(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/{path:.+}", self._handle)
        self._server = LoopServer(app).start()
        self.port = self._server.port
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
