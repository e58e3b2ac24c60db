"""Feed entries (feedparser) and article text from HTML pages (trafilatura).

Both are well-kept libraries that cope with the malformed markup real feeds and pages
contain; a feed feedparser cannot read at all is reported, not raised.
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


class FeedError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    url: str
    title: str
    summary: str
    published: datetime | None
    language: str | None
    source: str | None = None  # the outlet an aggregator names (<source url=…>), http(s)


def plain(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAGS.sub(" ", fragment))).strip()


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), UTC)
    return None


def _source(entry: Any) -> tuple[str | None, str]:
    """The URL and name of the outlet an entry names as its source (RSS <source>)."""
    source = entry.get("source") or {}
    href = source.get("href") or ""
    if not href.startswith(("http://", "https://")):
        return None, ""
    return href, plain(source.get("title") or "")


def entries(body: bytes) -> list[Entry]:
    """Entries of an RSS or Atom document; FeedError when it is not one."""
    import feedparser  # imported here: every CLI command loads this module's package

    parsed = feedparser.parse(body)
    language = parsed.feed.get("language")
    out = []
    for e in parsed.entries:
        link = e.get("link")
        title = plain(e.get("title", ""))
        if not link or not title:
            continue
        summary = plain(e.get("summary", "") or e.get("description", ""))
        source, name = _source(e)
        if name:  # an aggregator appends the outlet's name: a label, not the story's words
            title = title.removesuffix(f" - {name}").strip() or title
            summary = summary.removesuffix(name).strip()
        out.append(Entry(link, title, summary, _when(e), (language or "")[:2] or None, source))
    if parsed.bozo and not out:
        reason = type(parsed.get("bozo_exception")).__name__
        raise FeedError(f"not a readable feed ({reason})")
    return out


@dataclass(frozen=True)
class Page:
    title: str | None
    text: str
    published: datetime | None
    language: str | None


def page(html_text: str, url: str) -> Page | None:
    """The article's main text and metadata, or None when no article text is found."""
    import trafilatura  # slow to import (lxml, jusText); only the scraper needs it

    doc = trafilatura.bare_extraction(
        html_text, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    if doc is None:
        return None
    data = doc if isinstance(doc, dict) else doc.as_dict()
    text = (data.get("text") or "").strip()
    if len(text) < 200:
        return None
    published = None
    if data.get("date"):
        try:
            published = datetime.fromisoformat(str(data["date"])).replace(tzinfo=UTC)
        except ValueError:
            published = None
    return Page(data.get("title"), text, published, data.get("language"))
