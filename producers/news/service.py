"""The news scraper: poll feeds, read articles, understand them, publish articles and signals.

Per poll of a feed: fetch it (conditionally), read its entries, skip articles already seen
(by canonical URL), fetch each new article's page when the feed asks for it (else use
the entry's summary), understand title + text, scrub the text, assign the article to a
story (exact and near duplicates join the first article's story), publish a NewsArticle,
and, once per story, when the story first turns out relevant, publish its Signals. A
failing feed backs off exponentially (capped at a day) and never stops the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import aiohttp

from producers.intake.scrub import scrub
from producers.intake.scrub import warm as scrub_warm
from producers.news import extract, metrics
from producers.news.aggregators import outlet_of, publisher_url
from producers.news.canon import article_id, canonical_url
from producers.news.classify import Understanding, understand
from producers.news.dedup import Clusters, Story
from producers.news.feeds import FeedSpec
from producers.news.fetcher import Fetched, Fetcher, text_of
from producers.news.signals import story_signals
from producers.news.state import NewsState
from schemas import egress
from schemas.egress import EgressPolicy
from schemas.models import NewsArticle, Place
from schemas.topics import NEWS_ARTICLES, SIGNALS

log = logging.getLogger("tahub.news")
MAX_BACKOFF_S = 24 * 3600.0
MAX_ENTRIES = 200  # new articles per poll: a feed listing thousands is read over several


@dataclass
class PollReport:
    feed: str
    status: str  # ok | not_modified | failed
    entries: int = 0
    new_articles: int = 0
    relevant: int = 0
    signals: int = 0
    error: str | None = None


@dataclass
class _Pending:
    """A story that turned relevant in this poll: its signals go out at the poll's end."""

    story: Story
    understanding: Understanding
    outlet: str
    published: datetime


def _read(title: str, text: str) -> tuple[Understanding, str, str]:
    """What an article says, and its title and text scrubbed: CPU work, run in a thread
    so that the fetches in flight keep their sockets and timers (on one event loop the
    first article's word lists and models, seconds to load, timed out other feeds)."""
    return understand(title, text), scrub(title, names=False).text, scrub(text).text


def warm() -> None:
    """Load the gazetteer, the rules' word lists and the scrubber's lexicon and models
    before the first fetch starts its clock."""
    understand("Police rescue workers", "Workers were trafficked to Thailand.")
    scrub_warm()


@dataclass
class NewsService:
    feeds: tuple[FeedSpec, ...]
    state: NewsState
    producer: Any  # send(spec, key, record), flush()
    per_host: int = 2
    host_interval: float = 1.0
    timeout: float = 20.0
    egress: EgressPolicy = field(default_factory=EgressPolicy)  # where fetches may go
    clock: Callable[[], float] = time.time
    clusters: Clusters = field(init=False)
    # stories some poll holds to emit: feeds are polled at once, and a story another feed
    # is about to emit must not be emitted again under this feed's outlet
    _claimed: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        self.clusters = self.state.clusters()

    # --- running ---

    async def run(self, stop: asyncio.Event) -> None:
        """Poll every feed when it is due, until ``stop``."""
        await asyncio.to_thread(warm)
        async with egress.session(self.egress) as session:
            fetcher = self._fetcher(session)
            while not stop.is_set():
                now = self.clock()
                due = [f for f in self.feeds if self.state.due(f.name) <= now]
                if due:
                    await asyncio.gather(*(self.poll(fetcher, f) for f in due))
                nxt = min((self.state.due(f.name) for f in self.feeds), default=now + 60)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), max(1.0, min(60.0, nxt - self.clock())))

    async def fetch_once(self) -> list[PollReport]:
        """Every feed once, now, whatever its schedule (`tahub news fetch`)."""
        await asyncio.to_thread(warm)
        async with egress.session(self.egress) as session:
            fetcher = self._fetcher(session)
            return list(await asyncio.gather(*(self.poll(fetcher, f) for f in self.feeds)))

    def _fetcher(self, session: aiohttp.ClientSession) -> Fetcher:
        return Fetcher(
            session,
            validators=self.state.validators,
            per_host=self.per_host,
            host_interval=self.host_interval,
            timeout=self.timeout,
        )

    # --- one feed ---

    async def poll(self, fetcher: Fetcher, feed: FeedSpec) -> PollReport:
        try:
            report = await self._poll(fetcher, feed)
        except Exception as err:  # a bug on one feed's content must not stop the others
            log.exception("feed %s: unexpected failure", feed.name)
            report = PollReport(feed.name, "failed", error=type(err).__name__)
        ok = report.status != "failed"
        failures = self.state.failures(feed.name) + (0 if ok else 1)
        delay = feed.interval_s if ok else min(MAX_BACKOFF_S, feed.interval_s * 2.0**failures)
        delay *= random.uniform(0.9, 1.1)  # noqa: S311 - spread polls, not crypto
        self.state.polled(feed.name, ok=ok, next_at=self.clock() + delay, error=report.error)
        if not ok:
            metrics.FEED_ERRORS.labels(feed.name, report.error or "unknown").inc()
            log.warning("feed %s failed (%s); next try in %.0f s", feed.name, report.error, delay)
        metrics.FEEDS_FAILING.set(sum(1 for _, f, _, _ in self.state.feed_health() if f))
        metrics.FEEDS.set(len(self.feeds))  # every feed failing is red (tahub/health/rules.py)
        return report

    async def _poll(self, fetcher: Fetcher, feed: FeedSpec) -> PollReport:
        got = await fetcher.get(feed.url, kind="feed")
        if got.status == 304:
            return PollReport(feed.name, "not_modified")
        if not got.ok:
            return PollReport(feed.name, "failed", error=got.error)
        report = PollReport(feed.name, "ok")
        if feed.kind == "page":
            items = [extract.Entry(feed.url, "", "", None, None)]
            pages = {feed.url: got}
        else:
            try:
                items = extract.entries(got.body)
            except extract.FeedError as err:
                return PollReport(feed.name, "failed", error=str(err))
            pages = {}
        report.entries = len(items)
        pending: dict[str, _Pending] = {}
        try:
            return await self._read_and_emit(fetcher, feed, got, items, pages, report, pending)
        finally:
            self._claimed.difference_update(pending)

    async def _read_and_emit(  # noqa: PLR0917
        self,
        fetcher: Fetcher,
        feed: FeedSpec,
        got: Fetched,
        items: list[extract.Entry],
        pages: dict[str, Any],
        report: PollReport,
        pending: dict[str, _Pending],
    ) -> PollReport:
        for entry in items:
            if report.new_articles >= MAX_ENTRIES:
                break  # the rest waits for the next poll (seen ones are skipped then)
            try:
                await self._article(fetcher, feed, entry, pages, report, pending)
            except Exception as err:  # one odd article must not cost the rest of the feed
                log.exception("feed %s: an article could not be processed", feed.name)
                metrics.ARTICLES.labels("error").inc()
                report.error = f"{type(err).__name__} on an article"
        signals = 0
        for p in pending.values():
            for sig in story_signals(
                p.understanding,
                story_id=p.story.story_id,
                outlet=p.outlet,
                outlets=len(p.story.outlets),
                published=p.published,
            ):
                self.producer.send(SIGNALS, p.story.story_id, sig)
                signals += 1
            p.story.emitted = True
            self.state.save(p.story, self.clusters.signature_of(p.story.story_id).tobytes())
        await asyncio.get_running_loop().run_in_executor(None, self.producer.flush)
        metrics.SIGNALS.inc(signals)
        report.signals = signals
        self.state.remember(feed.url, got.etag, got.last_modified)
        return report

    async def _article(  # noqa: PLR0917
        self,
        fetcher: Fetcher,
        feed: FeedSpec,
        entry: extract.Entry,
        pages: dict[str, Any],
        report: PollReport,
        pending: dict[str, _Pending],
    ) -> None:
        link = publisher_url(entry.url) or entry.url  # an aggregator's link may carry it
        url = canonical_url(link)
        aid = article_id(url)
        if self.state.seen(aid):
            metrics.ARTICLES.labels("seen").inc()
            return
        title, text = entry.title, entry.summary
        published, language = entry.published, entry.language
        if feed.fetch_pages or feed.kind == "page":
            got = pages.get(entry.url) or await fetcher.get(link, kind="page")
            page = extract.page(text_of(got), got.final_url or link) if got.ok else None
            if page is not None:
                if got.final_url:  # the link redirected to the article: its own address
                    url = canonical_url(got.final_url)
                title = title or page.title or ""
                text = page.text
                published = published or page.published
                language = language or page.language
        if not title and not text:
            metrics.ARTICLES.labels("empty").inc()
            return
        now = datetime.fromtimestamp(self.clock(), UTC)
        published = min(published or now, now)
        u, clean_title, clean_text = await asyncio.to_thread(_read, title, text)
        host = outlet_of(entry, url)
        story, duplicate, fp = self.clusters.assign(aid, f"{title}. {text}", host)
        if u.relevant and not story.relevant:
            story.relevant = True
        if u.relevant and not story.emitted and story.story_id not in self._claimed:
            pending[story.story_id] = _Pending(story, u, host, published)
            self._claimed.add(story.story_id)
        record = NewsArticle(
            article_id=aid,
            url=url,
            source=host,
            title=clean_title,
            published_at=published,
            fetched_at=now,
            language=language,
            text=clean_text,
            story_id=story.story_id,
            source_count=len(story.outlets),
            relevant=u.relevant,
            typologies=u.typologies,
            countries=u.countries,
            origin_countries=u.origin,
            transit_countries=u.transit,
            destination_countries=u.destination,
            places=[Place(country=p.country, lat=p.lat, lon=p.lon, name=p.name) for p in u.places],
            confidence=round(u.confidence if u.relevant else 1 - u.confidence, 4),
        )
        self.producer.send(NEWS_ARTICLES, aid, record)
        self.state.save(
            story,
            self.clusters.signature_of(story.story_id).tobytes(),
            (aid, fp),
        )
        report.new_articles += 1
        report.relevant += int(u.relevant)
        metrics.ARTICLES.labels("duplicate" if duplicate else "new").inc()
