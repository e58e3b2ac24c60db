"""`tahub bench news`: understanding articles/s on one core, and feed → signal on Kafka.

Understanding runs over the labelled set as written and with each text repeated to
typical news lengths. The pipeline run serves a feed of N entries and their pages from a
local HTTP server, polls it once with the real scraper (fetch, extract, understand,
cluster, scrub, publish to Kafka) and reports articles/s and the time from the start of
the poll to the broker's acknowledgement of the signals.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import click
from aiohttp import web

from producers.kafka_producer import ContractProducer
from producers.news.classify import understand
from producers.news.evaluate import labelled_set, read_jsonl
from producers.news.feeds import FeedSpec
from producers.news.service import NewsService
from producers.news.state import NewsState
from schemas.egress import EgressPolicy
from schemas.topics import ALL
from tahub import progress, wiring
from tahub.runtime.loop_server import LoopServer
from tahub.settings import Settings
from tahub.topics_admin import ensure_topics


def understanding(repeats: tuple[int, ...] = (1, 6, 12), rounds: int = 3) -> list[dict[str, Any]]:
    items = list(read_jsonl(labelled_set()))
    understand("warm", "up")
    out = []
    with progress.bar("understanding", total=len(repeats) * rounds, unit="round") as update:
        for rep in repeats:
            docs = [(x["title"], " ".join([x["text"]] * rep)) for x in items]
            rates = []
            for _ in range(rounds):
                t0 = time.perf_counter()
                for title, text in docs:
                    understand(title, text)
                rates.append(len(docs) / (time.perf_counter() - t0))
                update(1)  # between timed rounds
            words = statistics.mean(len(t.split()) for _, t in docs)
            out.append({"words_per_article": round(words), "articles_per_s": round(max(rates))})
    return out


class _Site:
    def __init__(self, docs: list[tuple[str, str]]) -> None:
        self.docs = docs
        app = web.Application()
        app.router.add_get("/{tail:.*}", self.handle)
        self.server = LoopServer(app)
        self.port = self.server.port

    async def handle(self, request: web.Request) -> web.Response:
        base = f"http://127.0.0.1:{self.port}"
        if request.path == "/robots.txt":
            return web.Response(text="User-agent: *\nAllow: /\n")
        if request.path == "/feed.xml":
            when = format_datetime(datetime.now(UTC))
            items = "".join(
                f"<item><title>{t}</title><link>{base}/a/{i}</link><pubDate>{when}</pubDate></item>"
                for i, (t, _) in enumerate(self.docs)
            )
            body = f"<?xml version='1.0'?><rss version='2.0'><channel>{items}</channel></rss>"
            return web.Response(text=body, content_type="application/rss+xml")
        i = int(request.path.rsplit("/", 1)[-1])
        title, text = self.docs[i]
        paras = "".join(f"<p>{p}.</p>" for p in text.split(". "))
        page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        return web.Response(
            text=page + paras + "</article></body></html>", content_type="text/html"
        )

    def start(self) -> None:
        self.server.start()


def pipeline(s: Settings, *, articles: int) -> dict[str, Any]:
    rng = random.Random(5)  # noqa: S311 - reproducible test data
    items = list(read_jsonl(labelled_set()))
    docs = []
    for i in range(articles):
        x = rng.choice(items)
        docs.append((f"{x['title']} ({i})", " ".join([x["text"]] * 6) + f" Story {i}."))
    site = _Site(docs)
    site.start()
    with tempfile.TemporaryDirectory(prefix="tahub-bench-") as tmp:
        prefix = f"bench{uuid.uuid4().hex[:6]}."
        ensure_topics(s.kafka_client_config(), prefix, s.partitions, s.replication_factor)
        bs = s.model_copy(
            update={"topic_prefix": prefix, "schema_registry_url": f"file://{tmp}/registry"}
        )
        serde = wiring.serde(bs)
        serde.register_all(ALL)
        service = NewsService(
            (FeedSpec("bench", f"http://127.0.0.1:{site.port}/feed.xml"),),
            NewsState(Path(tmp) / "news.db"),
            ContractProducer(bs.kafka_client_config(), serde),
            per_host=8,
            host_interval=0.0,
            egress=EgressPolicy.parse(["127.0.0.1"]),  # the benchmark's own served feed
        )
        t0 = time.perf_counter()
        (report,) = asyncio.run(service.fetch_once())
        seconds = time.perf_counter() - t0
        service.state.close()
    return {
        "articles": report.new_articles,
        "relevant": report.relevant,
        "signals": report.signals,
        "words_per_article": round(statistics.mean(len(t.split()) for _, t in docs)),
        "poll_seconds": round(seconds, 2),
        "articles_per_s": round(report.new_articles / seconds, 1),
        "feed_to_signal_ack_s": round(seconds, 2),
    }


def run(s: Settings, *, articles: int) -> dict[str, Any]:
    return {"understanding": understanding(), "pipeline": pipeline(s, articles=articles)}


def report(result: dict[str, Any]) -> None:
    for r in result["understanding"]:
        click.echo(
            f"understanding: {r['articles_per_s']:,} articles/s at ~{r['words_per_article']} "
            "words (one core)"
        )
    p = result["pipeline"]
    click.echo(
        f"pipeline: {p['articles']} articles (~{p['words_per_article']} words, "
        f"{p['relevant']} relevant, {p['signals']} signals) fetched, extracted, understood and "
        f"published in {p['poll_seconds']} s = {p['articles_per_s']} articles/s; signals "
        f"acknowledged {p['feed_to_signal_ack_s']} s after the poll began"
    )
