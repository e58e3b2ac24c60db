"""A polite HTTP client for feeds and article pages.

- conditional GET: ETag / Last-Modified remembered per URL, so an unchanged feed is a 304;
- per-host limits: at most ``per_host`` requests at once and ``host_interval`` seconds
  between requests to one host;
- robots.txt honoured as RFC 9309 reads it (Protego: `*` and `$` in paths, the longest
  matching rule wins, the group naming our product token first); read once a day per
  host; unreachable or 5xx means "not now";
- timeouts and a size cap; every outcome is a metric, never an exception to the caller;
- a clear User-Agent that says who we are.
Only a configured feed may be a ``file://`` URL (offline runs and tests): what a feed's
entries point at is fetched over http(s) or not at all, and the session refuses private
and loopback addresses at connect time (schemas.egress).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import aiohttp
from protego import Protego

from producers.news import metrics

log = logging.getLogger("tahub.news.fetch")
USER_AGENT = "tahub-news/1 (counter-trafficking research; +https://github.com/tahub/tahub)"
ROBOTS_NAME = "tahub-news"  # the product token a robots.txt group names (RFC 9309 2.2.1)
MAX_BYTES = 5 * 1024 * 1024
ROBOTS_TTL = 24 * 3600.0
ROBOTS_RETRY = 3600.0


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int  # HTTP status; 304 not modified; 0 for a network failure or a refusal
    body: bytes = b""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # short reason: "timeout", "robots.txt", "too large", …
    final_url: str | None = None  # where redirects led, when that is not ``url``

    @property
    def ok(self) -> bool:
        return self.status == 200


Validators = Callable[[str], tuple[str | None, str | None]]


class Fetcher:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        validators: Validators = lambda _: (None, None),
        per_host: int = 2,
        host_interval: float = 1.0,
        timeout: float = 20.0,
    ) -> None:
        self.session = session
        self.validators = validators
        self.per_host = per_host
        self.host_interval = host_interval
        self.timeout = timeout
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[float, Protego | str]] = {}

    async def get(self, url: str, *, kind: str) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme == "file" and kind == "feed":  # the operator's own setting
            return self._file(url, parts.path)
        if parts.scheme not in ("http", "https"):  # a hostile feed's file:// entry, …
            metrics.FETCHES.labels(kind, "refused").inc()
            return Fetched(url, 0, error=f"refused: {parts.scheme or 'no'} scheme")
        host = parts.netloc.lower()
        refusal = await self._refusal(parts.scheme, host, url)
        if refusal is not None:
            metrics.FETCHES.labels(kind, "robots").inc()
            return Fetched(url, 0, error=refusal)
        slot = self._slots.setdefault(host, asyncio.Semaphore(self.per_host))
        async with slot:
            wait = self._last.get(host, 0.0) + self.host_interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._last[host] = time.monotonic()
            got = await self._http(url)
        metrics.FETCHES.labels(kind, _outcome(got)).inc()
        return got

    async def _http(self, url: str) -> Fetched:  # noqa: PLR0911 - one return per outcome
        etag, modified = self.validators(url)
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            async with self.session.get(
                url, headers=headers, timeout=aiohttp.ClientTimeout(total=self.timeout)
            ) as resp:
                if resp.status == 304:
                    return Fetched(url, 304, etag=etag, last_modified=modified)
                if resp.status != 200:
                    return Fetched(url, resp.status, error=f"HTTP {resp.status}")
                if (resp.content_length or 0) > MAX_BYTES:
                    return Fetched(url, 0, error="too large")
                body = await resp.content.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    return Fetched(url, 0, error="too large")
                final = str(resp.url)
                return Fetched(
                    url,
                    200,
                    body,
                    resp.charset,
                    resp.headers.get("ETag"),
                    resp.headers.get("Last-Modified"),
                    final_url=final if final != url else None,
                )
        except TimeoutError:
            return Fetched(url, 0, error="timeout")
        except aiohttp.ClientError as err:
            return Fetched(url, 0, error=type(err).__name__)

    def _file(self, url: str, path: str) -> Fetched:
        try:
            body = Path(unquote(path)).read_bytes()
        except OSError as err:
            return Fetched(url, 0, error=f"file: {err.strerror}")
        return Fetched(url, 200, body[:MAX_BYTES])

    async def _refusal(self, scheme: str, host: str, url: str) -> str | None:
        """Why robots.txt keeps us from ``url`` now, or None when it may be fetched."""
        now = time.monotonic()
        cached = self._robots.get(host)
        if cached is None or cached[0] < now:
            cached = await self._read_robots(scheme, host, now)
            self._robots[host] = cached
        rules = cached[1]
        if isinstance(rules, str):
            return rules
        return None if rules.can_fetch(url, ROBOTS_NAME) else "robots.txt disallows it"

    async def _read_robots(self, scheme: str, host: str, now: float) -> tuple[float, Protego | str]:
        got = await self._http(f"{scheme}://{host}/robots.txt")
        if got.status == 200:
            parser = Protego.parse(got.body.decode("utf-8", errors="replace"))
        elif 400 <= got.status < 500:
            parser = Protego.parse("")  # no robots.txt: everything allowed
        else:
            # RFC 9309: an unreachable robots.txt means "do not crawl" until it can be read
            log.info("robots.txt of %s unavailable (%s); not fetching it for now", host, got.error)
            return now + ROBOTS_RETRY, f"robots.txt unavailable ({got.error})"
        return now + ROBOTS_TTL, parser


def _outcome(got: Fetched) -> str:
    if got.status in (200, 304):
        return str(got.status)
    if got.status:
        return "http_error"
    return "error"


def text_of(got: Fetched) -> str:
    """The body as text: the declared charset, else UTF-8, else Latin-1 (never fails)."""
    for enc in (got.charset, "utf-8"):
        if enc:
            try:
                return got.body.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue
    return got.body.decode("latin-1")
