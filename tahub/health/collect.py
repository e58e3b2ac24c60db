"""The I/O behind `tahub status`: samples of Kafka offsets, and a snapshot of everything
else (component checks, the main job's view, feed and channel health, disk space)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from schemas.topics import ALL, DLQ
from tahub import checks, lag
from tahub.health.rules import Channel, Disk, Feed, Offsets, Snapshot, Thresholds
from tahub.settings import Settings

TIMEOUT = 5.0  # seconds any one Kafka request may take


def thresholds(s: Settings) -> Thresholds:
    return Thresholds(
        lag_floor=s.status_lag_floor,
        lag_seconds_yellow=s.status_lag_seconds_yellow,
        lag_seconds_red=s.status_lag_seconds_red,
        stall_seconds=s.status_stall_seconds,
        dlq_ratio_yellow=s.status_dlq_ratio_yellow,
        dlq_ratio_red=s.status_dlq_ratio_red,
        dlq_min=s.status_dlq_min,
        feed_failures=s.status_feed_failures,
        disk_free_yellow=s.status_disk_free_yellow,
        disk_free_red=s.status_disk_free_red,
    )


def offsets(s: Settings) -> Offsets | None:
    """One look at every group's lag and every topic's end; None if Kafka did not answer."""
    conf = s.kafka_client_config()
    at = time.time()  # wall clock: the records' timestamps are
    try:
        lags = lag.with_ages(conf, lag.read(conf, s.app_id, timeout=TIMEOUT, prefix=s.topic_prefix),
                             timeout=TIMEOUT)  # fmt: skip
        ends = lag.topic_ends(conf, [t.physical(s.topic_prefix) for t in ALL], timeout=TIMEOUT)
    except Exception:  # Kafka is down: its own check says so, in red
        return None
    dlq = DLQ.physical(s.topic_prefix)
    return Offsets(at, tuple(lags), ends.get(dlq, 0),
                   sum(n for t, n in ends.items() if t != dlq))  # fmt: skip


def kafka(s: Settings) -> list[checks.Check]:
    """Kafka, its topics and the worker group: asked first, since offsets are looked at
    only when Kafka answers (each request would otherwise wait out its timeout)."""
    return checks.kafka(s)


def components(s: Settings) -> list[checks.Check]:
    """The registry, the main job's own checks and the data dir's permissions."""
    return [checks.registry(s), *checks.main_job(s), checks.data_dir(s)]


def feeds(s: Settings) -> tuple[Feed, ...] | None:
    """The configured feeds' health as the scraper recorded it in its database, read
    without creating it; None before the scraper's first poll."""
    from producers.news import feeds as feed_config

    path = s.news_db_path
    if not path.exists():
        return None
    try:
        names = {f.name for f in feed_config.load(s.news_feeds)}
    except feed_config.FeedConfigError:
        names = None  # the scraper cannot start either; its process check is red
    rows = _read_only(path, "SELECT name, failures, last_error FROM feeds ORDER BY name")
    if rows is None:
        return None
    polled = [Feed(str(n), int(f), e) for n, f, e in rows if names is None or n in names]
    if not polled:
        return ()
    # a configured feed not polled yet counts, not failing: while the first poll goes
    # round, one failed feed of two must not read as "every feed failing" (red)
    waiting = sorted((names or set()) - {f.name for f in polled})
    return tuple(sorted(polled + [Feed(n, 0, None) for n in waiting], key=lambda f: f.name))


def channels(s: Settings) -> tuple[Channel, ...]:
    rows = _read_only(
        s.alerts_db_path, "SELECT kind, target, failures, failing FROM endpoints ORDER BY lane"
    )
    return tuple(Channel(str(k), str(t), int(f), bool(x)) for k, t, f, x in rows or [])


def disk(s: Settings) -> Disk | None:
    path = s.data_dir
    while not path.exists() and path != path.parent:
        path = path.parent  # the data dir is made at the first start; its disk is there
    try:
        usage = shutil.disk_usage(path)
    except OSError:
        return None
    return Disk(str(s.data_dir), usage.free, usage.total)


def snapshot(s: Settings, kafka_checks: list[checks.Check]) -> Snapshot:
    return gathered(s, [*kafka_checks, *components(s)])


def gathered(s: Settings, found: list[checks.Check]) -> Snapshot:
    """The snapshot around checks already made (the main job's own, for its /ops page:
    asking itself over HTTP would tie up its own server's threads)."""
    found = list(found)
    news: tuple[Feed, ...] | None = None
    alerts: tuple[Channel, ...] = ()
    try:
        news = feeds(s)
    except sqlite3.Error as err:  # unreadable is not healthy: say so rather than green
        found.append(checks.Check("news feeds", False, f"{s.news_db_path}: {err}"))
    try:
        alerts = channels(s)
    except sqlite3.Error as err:
        found.append(checks.Check("alert channels", False, f"{s.alerts_db_path}: {err}"))
    return Snapshot(tuple(found), news, alerts, disk(s))


def _read_only(path: Path, sql: str) -> list[tuple[Any, ...]] | None:
    """Rows from a SQLite file another process owns, never creating it; None if it is
    missing or has no such table yet (its owner has not started)."""
    if not path.exists():
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
    try:
        return db.execute(sql).fetchall()
    except sqlite3.OperationalError as err:
        if "no such table" in str(err):
            return None
        raise
    finally:
        db.close()
