"""The main job's hourly warehouse work: re-classing (and its repair of a stopped run)
runs even in an hour whose news-text retention failed."""

from __future__ import annotations

from contextlib import nullcontext
from types import SimpleNamespace
from typing import Any

import pytest

from consumers.errors import WarehouseError
from tahub.mainjob import warehouse_service
from tahub.mainjob.warehouse_service import WarehouseService


def test_re_classing_runs_when_retention_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[Any] = []

    def failing(*_: Any) -> list[str]:
        raise WarehouseError("disk full")

    monkeypatch.setattr(warehouse_service, "drop_expired_news_text", failing)
    monkeypatch.setattr(warehouse_service, "reclass", lambda wh, now: ran.append(wh) or 0)
    # the lock is tests/test_reclass_lock.py's
    monkeypatch.setattr(warehouse_service, "guarded", lambda wh, data_dir: nullcontext())
    service = WarehouseService(SimpleNamespace(news_text_retention_days=30, data_dir=None))  # type: ignore[arg-type]
    service.connection = connection = object()  # type: ignore[assignment]
    service.retain_if_due()
    assert ran == [connection]
