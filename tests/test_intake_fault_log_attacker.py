"""A fault while one submission is scrubbed and sealed must not write its text to the log.

A bulk row's fault was already logged by its type only (its message may quote the text);
a single submission's went up to the endpoint's catch-all, whose traceback printed the
exception's message, and with it the survivor's name the scrubber was working on.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from producers.intake import service as svc
from producers.intake.http import IntakeApi
from producers.intake.idempotency import IdempotencyStore
from producers.intake.ratelimit import RateLimiter
from tests.intake_fakes import NoChecker, OneKey, RecordingPublisher
from tests.test_intake_rules import valid

SECRET = "Amina Okafor of 12 Marsh Lane"


class _Access:
    def authenticate(self, key: str) -> str | None:
        return "ngo-a" if key == "thk_a_key" else None

    def close(self) -> None:
        pass


def _faulty_scrub(sub: Any, *args: Any) -> tuple[str, bytes]:
    # what a fault deep in a tagger looks like: its message repeats the text it choked on
    raise ValueError(f"cannot tag {sub.summary!r}")


def test_a_scrubber_fault_on_one_submission_logs_no_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(svc, "encoded_incident", _faulty_scrub)
    store = IdempotencyStore(tmp_path / "intake.db", keys=OneKey())
    service = svc.IntakeService(
        RecordingPublisher(), lambda spec, record: b"", "t.", store, NoChecker(),  # type: ignore[arg-type]
        keys=OneKey().current, first=OneKey().current,
    )  # fmt: skip
    api = IntakeApi(
        service, _Access(), RateLimiter(100, 100), ThreadPoolExecutor(1),  # type: ignore[arg-type]
        max_json_bytes=1 << 16, max_bulk_bytes=1 << 20,
    )  # fmt: skip
    app = web.Application()
    app.add_routes(api.routes())

    async def run() -> tuple[int, str]:
        async with TestClient(TestServer(app)) as client:
            resp = await client.post(
                "/api/v1/incidents",
                json=valid(summary=f"Found {SECRET} at the port."),
                headers={"Authorization": "Bearer thk_a_key"},
            )
            return resp.status, await resp.text()

    caplog.set_level(logging.DEBUG)
    try:
        status, body = asyncio.run(run())
    finally:
        store.close()
    assert status == 500
    assert SECRET not in body
    logged = "\n".join(
        r.getMessage() + "\n" + logging.Formatter().formatException(r.exc_info)
        if r.exc_info
        else r.getMessage()
        for r in caplog.records
    )
    assert "ValueError" in logged  # the fault is still named, with where it happened
    assert "Amina" not in logged
    assert "Marsh Lane" not in logged
