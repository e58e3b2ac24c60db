"""Raw news text expires by whole months on both warehouses; metadata stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from consumers import migrations, tables
from consumers.retention import drop_expired_news_text, expired_months
from consumers.warehouse import open_warehouse
from tests.samples import all_samples


def test_only_months_that_ended_before_the_cutoff_expire() -> None:
    cutoff = datetime(2026, 9, 15, tzinfo=UTC)
    assert expired_months(["202609", "202608", "202512", "202610"], cutoff) == ["202512", "202608"]
    assert expired_months(["202608"], datetime(2026, 9, 1, tzinfo=UTC)) == ["202608"]


@pytest.mark.parametrize("backend", ["chdb_url", "clickhouse_url"])
def test_drop_expired_news_text(backend: str, request: pytest.FixtureRequest) -> None:
    wh = open_warehouse(request.getfixturevalue(backend))
    try:
        migrations.migrate(wh)
        base = all_samples()["NewsArticle"].to_avro()
        articles = [
            base | {"article_id": f"a{m}", "fetched_at": datetime(2026, m, 10, tzinfo=UTC)}
            for m in (6, 7, 8, 9)
        ]
        landed = [tables.Landed(a, 0, i) for i, a in enumerate(articles)]
        for table in (tables.NEWS_ARTICLES, tables.NEWS_TEXTS):
            wh.insert(table.name, tables.to_columns(table, landed), table.types)
        now = datetime(2026, 10, 20, tzinfo=UTC)
        assert drop_expired_news_text(wh, keep_days=60, now=now) == ["202606", "202607"]
        assert wh.query("SELECT article_id FROM news_texts ORDER BY article_id") == [
            ("a8",),
            ("a9",),
        ]
        assert wh.query("SELECT count() FROM news_articles") == [(4,)]
        assert drop_expired_news_text(wh, keep_days=60, now=now) == []
    finally:
        wh.close()
