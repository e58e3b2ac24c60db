"""One submission's scrubbing runs off the intake's event loop: it is CPU work (a dense
Chinese summary ~2 s; a process's first text, the scrubber's load), and on the loop it
held every other partner's request, and /health, until it ended."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from producers.intake import service as svc
from producers.intake.idempotency import IdempotencyStore
from schemas.envelope import DataKey
from tests.intake_fakes import NoChecker, OneKey, RecordingPublisher
from tests.test_intake_rules import valid


def test_a_slow_scrub_does_not_hold_other_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_scrub(*args: Any) -> tuple[str, bytes]:
        started.set()
        release.wait(10)  # on the loop, this would hold it for the 10 s
        return "inc-1", b"sealed"

    monkeypatch.setattr(svc, "encoded_incident", slow_scrub)
    store = IdempotencyStore(tmp_path / "intake.db", keys=OneKey())
    service = svc.IntakeService(
        RecordingPublisher(), lambda spec, record: b"", "t.", store, NoChecker(),  # type: ignore[arg-type]
        keys=lambda org: DataKey(org, "dk-test", b"k" * 32),
        first=lambda org: DataKey(org, "dk-test", b"k" * 32),
    )  # fmt: skip
    done: list[str] = []

    async def submit(org: str, data: Any) -> svc.Outcome:
        outcome = await service.submit_one(org, data, None)
        done.append(org)
        return outcome

    async def run() -> tuple[svc.Outcome, svc.Outcome]:
        slow = asyncio.create_task(submit("ngo-a", valid(submission_id="a-1")))
        await asyncio.get_running_loop().run_in_executor(None, started.wait, 10)
        other = await submit("ngo-b", {"tlp": "TLP:RED"})  # another partner, answered now
        release.set()
        return await slow, other

    try:
        slow, other = asyncio.run(run())
    finally:
        store.close()
    assert other.status == 422
    assert slow.status == 202
    assert done == ["ngo-b", "ngo-a"]
