"""Where tahub may connect: schemes, literal addresses in every spelling, names that
resolve to private addresses, and redirects — checked at connect time."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.abc import ResolveResult

from alerts.channels.webhook import WebhookSender
from schemas import egress
from schemas.egress import EgressPolicy, GuardedResolver
from tahub.runtime.loop_server import LoopServer

NONE = EgressPolicy()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://example.org/",
        "ftp://example.org/x",
        "http://127.0.0.1/",
        "http://127.1/",
        "http://0x7f000001/",
        "http://2130706433/",
        "http://017700000001/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://10.1.2.3/",
        "http://172.16.0.9/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",  # shared address space (CGNAT)
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://100.100.100.200/",
        "http://[fd00:ec2::254]/",
        "http://224.0.0.1/",
        "http://[fe80::1]/",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://admin.localhost/",
        "https:///no-host",
    ],
)
def test_refused_without_any_lookup(url: str) -> None:
    assert NONE.refusal(url) is not None, url


def test_public_addresses_and_allowed_private_ones_pass() -> None:
    for url in ("https://93.184.216.34/", "https://example.org/hook", "http://[2606:4700::1]/"):
        assert NONE.refusal(url) is None, url
    on_prem = EgressPolicy.parse(["hooks.internal", "10.0.0.0/8", " "])
    assert on_prem.refusal("https://10.2.3.4/x") is None
    assert on_prem.refusal("https://hooks.internal/x") is None
    assert on_prem.refusal("https://192.168.0.1/x") is not None


class _Stub:
    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers

    async def resolve(self, host: str, port: int = 0, family: Any = socket.AF_INET) -> Any:
        return [
            ResolveResult(hostname=host, host=ip, port=port, family=socket.AF_INET, proto=0,
                          flags=0)
            for ip in self.answers[host]
        ]  # fmt: skip

    async def close(self) -> None:
        return None


def test_names_are_judged_by_what_they_resolve_to() -> None:
    """Attack: a webhook or feed on a name that resolves to 127.0.0.1 passed every check
    made on the URL's text; and a name resolving to public and private addresses at once
    (DNS rebinding) must never connect to the private one."""
    resolver = GuardedResolver(NONE)
    resolver._inner = _Stub(  # type: ignore[assignment]
        {
            "evil.example": ["127.0.0.1"],
            "meta.example": ["169.254.169.254"],
            "mixed.example": ["10.0.0.1", "93.184.216.34"],
            "fine.example": ["93.184.216.34"],
        }
    )

    async def run() -> None:
        for host in ("evil.example", "meta.example"):
            with pytest.raises(OSError, match="must not reach"):
                await resolver.resolve(host, 443)
        assert [r["host"] for r in await resolver.resolve("mixed.example", 443)] == [
            "93.184.216.34"
        ]
        assert [r["host"] for r in await resolver.resolve("fine.example", 443)] == ["93.184.216.34"]

    asyncio.run(run())


def test_a_session_refuses_loopback_by_name_by_address_and_after_a_redirect() -> None:
    hits: list[str] = []

    async def handle(request: web.Request) -> web.StreamResponse:
        hits.append(request.path)
        if request.path == "/redirect-literal":
            raise web.HTTPFound(f"http://127.0.0.1:{server.port}/secret")
        if request.path == "/redirect-file":
            raise web.HTTPFound("file:///etc/passwd")
        return web.Response(text="internal")

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    server = LoopServer(app)
    server.start()

    async def run() -> None:
        async with egress.session(NONE) as s:
            for url in (f"http://127.0.0.1:{server.port}/a", f"http://localhost:{server.port}/b",
                        f"http://0x7f000001:{server.port}/c"):  # fmt: skip
                with pytest.raises(aiohttp.ClientError):
                    await s.get(url)
        named = EgressPolicy.parse(["localhost"])  # the operator allows one name only
        async with egress.session(named) as s:
            async with s.get(f"http://localhost:{server.port}/ok") as r:
                assert r.status == 200
            for path in ("/redirect-literal", "/redirect-file"):
                with pytest.raises(aiohttp.ClientError):
                    await s.get(f"http://localhost:{server.port}{path}")

    try:
        asyncio.run(run())
    finally:
        server.stop()
    assert hits == ["/ok", "/redirect-literal", "/redirect-file"]  # never /a /b /c /secret


def test_a_webhook_to_a_private_name_fails_at_delivery_not_silently() -> None:
    async def run() -> Any:
        async with egress.session(NONE) as s:
            resolver = s.connector._resolver  # type: ignore[union-attr]
            resolver._inner = _Stub({"hooks.evil.example": ["127.0.0.1"]})
            sender = WebhookSender(s, "https://hooks.evil.example/h", "key", 2.0)
            return await sender.send({"notification_id": "ntf-1", "detections": []})

    outcome = asyncio.run(run())
    assert not outcome.ok
