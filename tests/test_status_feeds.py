"""The news feeds check reads the scraper's own database against the configured feeds."""

from __future__ import annotations

from pathlib import Path

from producers.news.state import NewsState
from tahub.health import collect
from tahub.health.rules import Level, Thresholds, feeds
from tahub.settings import Settings


def _settings(tmp_path: Path) -> Settings:
    toml = tmp_path / "feeds.toml"
    toml.write_text(
        '[[feeds]]\nname = "good"\nurl = "https://news.example/rss"\n'
        '[[feeds]]\nname = "gone"\nurl = "https://gone.example/rss"\n'
    )
    return Settings(data_dir=tmp_path / "data", news_feeds=toml)


def test_one_feed_failed_while_the_other_waits_for_its_first_poll_is_yellow(
    tmp_path: Path,
) -> None:
    s = _settings(tmp_path)
    s.data_dir.mkdir()
    state = NewsState(s.news_db_path)
    state.polled("gone", ok=False, next_at=0.0, error="no such host")
    state.db.commit()
    state.close()
    found = collect.feeds(s)
    assert found is not None
    assert [f.name for f in found] == ["gone", "good"]
    finding = feeds(found, Thresholds(feed_failures=1))
    assert finding.level is Level.YELLOW, finding.detail
    assert finding.detail.startswith("1 of 2 failing: gone")


def test_no_poll_yet_and_feeds_dropped_from_the_configuration(tmp_path: Path) -> None:
    s = _settings(tmp_path)
    assert collect.feeds(s) is None  # no database: the scraper never ran
    s.data_dir.mkdir()
    state = NewsState(s.news_db_path)
    assert collect.feeds(s) == ()  # a database, nothing polled
    state.polled("old", ok=False, next_at=0.0, error="gone")  # no longer configured
    state.polled("good", ok=True, next_at=0.0, error=None)
    state.db.commit()
    state.close()
    found = collect.feeds(s)
    assert found is not None
    assert [(f.name, f.failures) for f in found] == [("gone", 0), ("good", 0)]
    assert feeds(found, Thresholds(feed_failures=1)).level is Level.GREEN
