"""Prometheus metrics of the news scraper (served by `tahub news run` on its port)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

FETCHES = Counter("tahub_news_fetches", "HTTP fetches by kind and outcome", ["kind", "outcome"])
FEED_ERRORS = Counter("tahub_news_feed_errors", "Feed polls that failed", ["feed", "reason"])
FEEDS_FAILING = Gauge("tahub_news_feeds_failing", "Feeds whose last poll failed")
FEEDS = Gauge("tahub_news_feeds", "Feeds configured")
ARTICLES = Counter("tahub_news_articles", "Articles by outcome", ["outcome"])
SIGNALS = Counter("tahub_news_signals", "Signals emitted from relevant stories")
