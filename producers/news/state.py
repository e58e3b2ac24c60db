"""The scraper's memory (SQLite ``news.db``): HTTP validators, feed health, articles seen,
stories and whether they have emitted signals, and story signatures for near-duplicates."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from producers.news.dedup import Clusters, Story
from schemas.local_db import open_wal

SCHEMA = """
CREATE TABLE IF NOT EXISTS http (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS feeds (
    name TEXT PRIMARY KEY, failures INTEGER NOT NULL, next_at REAL NOT NULL,
    last_error TEXT, last_ok REAL
);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
    seen_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
    story_id TEXT PRIMARY KEY, outlets TEXT NOT NULL, relevant INTEGER NOT NULL,
    emitted INTEGER NOT NULL, signature BLOB NOT NULL, created_at REAL NOT NULL
);
"""
KEEP_STORIES_S = 14 * 24 * 3600.0  # a story older than two weeks is news of its own again


class NewsState:
    def __init__(self, path: Path) -> None:
        self.db = open_wal(path)
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # --- HTTP validators ---

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute(
            "SELECT etag, last_modified FROM http WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember(self, url: str, etag: str | None, modified: str | None) -> None:
        if etag or modified:
            self.db.execute("INSERT OR REPLACE INTO http VALUES (?, ?, ?)", (url, etag, modified))

    # --- feed health ---

    def due(self, name: str) -> float:
        row = self.db.execute("SELECT next_at FROM feeds WHERE name = ?", (name,)).fetchone()
        return float(row[0]) if row else 0.0

    def polled(self, name: str, *, ok: bool, next_at: float, error: str | None) -> int:
        row = self.db.execute("SELECT failures FROM feeds WHERE name = ?", (name,)).fetchone()
        failures = 0 if ok else (row[0] if row else 0) + 1
        self.db.execute(
            "INSERT INTO feeds VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
            "failures = excluded.failures, next_at = excluded.next_at, "
            "last_error = excluded.last_error, last_ok = COALESCE(excluded.last_ok, last_ok)",
            (name, failures, next_at, error, time.time() if ok else None),
        )
        return failures

    def failures(self, name: str) -> int:
        row = self.db.execute("SELECT failures FROM feeds WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def feed_health(self) -> list[tuple[str, int, str | None, float | None]]:
        return self.db.execute(
            "SELECT name, failures, last_error, last_ok FROM feeds ORDER BY failures DESC, name"
        ).fetchall()

    # --- articles and stories ---

    def seen(self, article_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id,))
        return row.fetchone() is not None

    def clusters(self) -> Clusters:
        cl = Clusters()
        since = time.time() - KEEP_STORIES_S
        rows = self.db.execute(
            "SELECT story_id, outlets, relevant, emitted, signature FROM stories "
            "WHERE created_at >= ?",
            (since,),
        ).fetchall()
        for sid, outlets, relevant, emitted, sig in rows:
            story = Story(sid, set(json.loads(outlets)), bool(relevant), bool(emitted))
            cl.restore(story, np.frombuffer(sig, dtype=np.uint64).copy())
        for fp, sid in self.db.execute(
            "SELECT fingerprint, story_id FROM articles WHERE seen_at >= ?", (since,)
        ):
            if sid in cl.stories:
                cl.fingerprints[fp] = sid
        return cl

    def save(self, story: Story, signature: bytes, article: tuple[str, str] | None = None) -> None:
        """A story's state, and the article (id, text fingerprint) that changed it."""
        now = time.time()
        self.db.execute("BEGIN")
        if article is not None:
            self.db.execute(
                "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?)",
                (article[0], story.story_id, article[1], now),
            )
        self.db.execute(
            "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(story_id) DO UPDATE SET "
            "outlets = excluded.outlets, relevant = excluded.relevant, emitted = excluded.emitted",
            (story.story_id, json.dumps(sorted(story.outlets)), int(story.relevant),
             int(story.emitted), signature, now),
        )  # fmt: skip
        self.db.execute("COMMIT")
