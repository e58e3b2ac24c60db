"""Which feeds and pages the scraper reads: a TOML list, or the defaults shipped here.

    [[feeds]]
    name = "guardian-modern-slavery"
    url = "https://www.theguardian.com/global-development/modern-slavery/rss"
    interval_minutes = 30        # default 30
    kind = "feed"                # "feed" (RSS/Atom) or "page" (one article URL)
    fetch_pages = true           # also fetch each entry's page for its full text

``file://`` URLs read from disk, so everything works offline.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlsplit


class FeedConfigError(ValueError):
    pass


@dataclass(frozen=True)
class FeedSpec:
    name: str
    url: str
    interval_s: float = 1800.0
    kind: str = "feed"
    fetch_pages: bool = True


def _google_news(query: str) -> str:
    return f"https://news.google.com/rss/search?q={quote_plus(query)}&hl=en-US&gl=US&ceid=US:en"


# Searches and topic feeds of outlets and agencies that report trafficking cases.
DEFAULT_FEEDS: tuple[FeedSpec, ...] = (
    FeedSpec("google-news-human-trafficking", _google_news('"human trafficking"'), 1800),
    FeedSpec("google-news-modern-slavery", _google_news('"modern slavery"'), 1800),
    FeedSpec("google-news-forced-labour", _google_news('"forced labour" OR "forced labor"'), 1800),
    FeedSpec("google-news-trafficking-rescued", _google_news("trafficking victims rescued"), 1800),
    FeedSpec("google-news-scam-compound", _google_news('"scam compound" trafficked'), 3600),
    FeedSpec(
        "guardian-modern-slavery",
        "https://www.theguardian.com/global-development/modern-slavery/rss",
        3600,
    ),
    FeedSpec(
        "guardian-human-trafficking",
        "https://www.theguardian.com/world/human-trafficking/rss",
        3600,
    ),
    FeedSpec(
        "un-news-migrants",
        "https://news.un.org/feed/subscribe/en/news/topic/migrants-and-refugees/feed/rss.xml",
        3600,
    ),
    FeedSpec("al-jazeera-news", "https://www.aljazeera.com/xml/rss/all.xml", 1800),
)


def _spec(raw: Any, where: str) -> FeedSpec:
    if not isinstance(raw, dict):
        raise FeedConfigError(f"{where}: each [[feeds]] entry is a table")
    unknown = sorted(set(raw) - {"name", "url", "interval_minutes", "kind", "fetch_pages"})
    if unknown:
        raise FeedConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
    name, url = raw.get("name"), raw.get("url")
    if not isinstance(name, str) or not name:
        raise FeedConfigError(f"{where}: name is required")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https", "file"):
        raise FeedConfigError(f"{where} ({name}): url must be http(s):// or file://")
    minutes = raw.get("interval_minutes", 30)
    if not isinstance(minutes, int | float) or not 1 <= minutes <= 7 * 24 * 60:
        raise FeedConfigError(f"{where} ({name}): interval_minutes must be 1 to 10080")
    kind = raw.get("kind", "feed")
    if kind not in ("feed", "page"):
        raise FeedConfigError(f"{where} ({name}): kind is 'feed' or 'page'")
    return FeedSpec(name, url, float(minutes) * 60, kind, bool(raw.get("fetch_pages", True)))


def load(path: Path | None) -> tuple[FeedSpec, ...]:
    if path is None:
        return DEFAULT_FEEDS
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise FeedConfigError(f"{path}: cannot be read ({err})") from None
    feeds = tuple(_spec(raw, f"{path} feeds[{i}]") for i, raw in enumerate(data.get("feeds", [])))
    names = [f.name for f in feeds]
    if len(set(names)) != len(names):
        raise FeedConfigError(f"{path}: feed names must be unique")
    return feeds
