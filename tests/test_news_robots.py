"""robots.txt as RFC 9309 reads it, through the real fetcher against a local outlet.

The rules are the ones the standard library's parser gets wrong: a ``*`` inside a path, a
``$`` end anchor, and an ``Allow`` that wins over a shorter ``Disallow`` listed before it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from aiohttp import web

from producers.news.fetcher import Fetcher
from schemas import egress
from schemas.egress import EgressPolicy
from tahub.runtime.loop_server import LoopServer

ROBOTS = """\
User-agent: *
Disallow: /*?print=
Disallow: /news/
Allow: /news/public/
Disallow: /*.pdf$

User-agent: tahub-news
Disallow: /*?print=
Disallow: /news/
Allow: /news/public/
Disallow: /*.pdf$
Disallow: /only-for-others
"""


@pytest.fixture
def outlet() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.path_qs)
        if request.path == "/robots.txt":
            return web.Response(text=ROBOTS)
        return web.Response(text="<html>page</html>", content_type="text/html")

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    server = LoopServer(app).start()
    yield f"http://127.0.0.1:{server.port}", seen
    server.stop()


async def _outcomes(base: str, paths: list[str]) -> dict[str, str | None]:
    async with egress.session(EgressPolicy.parse(["127.0.0.1"])) as session:
        fetcher = Fetcher(session, host_interval=0.0, timeout=5.0)
        return {p: (await fetcher.get(base + p, kind="page")).error for p in paths}


def test_wildcards_anchors_and_the_longest_match_decide(outlet: tuple[str, list[str]]) -> None:
    base, seen = outlet
    refused = "robots.txt disallows it"
    expected = {
        "/story?print=1": refused,  # `*` matches any run of characters
        "/world/story?print=yes&id=2": refused,
        "/story?id=3": None,
        "/story?id=3&print=1": None,  # the rule names `?print=`, not `&print=`
        "/news/secret": refused,
        "/news/public/story": None,  # the longer Allow beats the earlier, shorter Disallow
        "/report.pdf": refused,  # `$` anchors the rule at the end of the path
        "/report.pdf?page=2": None,
        "/report.pdfx": None,
        "/only-for-others": refused,  # the group naming our product token applies
    }
    got = asyncio.run(_outcomes(base, list(expected)))
    assert got == expected
    fetched = {p for p in seen if p != "/robots.txt"}
    assert fetched == {p for p, why in expected.items() if why is None}
    assert seen.count("/robots.txt") == 1  # read once per host, then remembered
