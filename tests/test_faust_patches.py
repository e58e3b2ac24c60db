"""Faust's internals that ``streams.faust_patches`` relies on are still there and still
behave as patched (fails on a Faust release that changes them: re-check the patches)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from streams import faust_patches


def test_every_patched_faust_name_and_signature_is_as_patched() -> None:
    assert faust_patches.check() == []


def test_the_check_notices_a_changed_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    from faust.transport.drivers import aiokafka as driver

    async def changed(self: object, offsets: object) -> bool:  # no start_new_transaction
        return True

    monkeypatch.setattr(driver.Consumer, "_commit_offsets", changed)
    assert any("_commit_offsets" in p for p in faust_patches.check())


def test_the_consumer_faust_builds_reads_committed_and_runs_the_hooks_first(
    kafka_bootstrap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built the way a worker builds it: the aiokafka consumer Faust creates reads only
    committed records and waits briefly for fetches, and a before-commit hook runs before
    Faust's own commit."""
    from faust.transport.drivers import aiokafka as driver

    from streams.app import create_app
    from streams.stream_config import StreamConfig

    cfg = StreamConfig(
        app_id="patch-check", bootstrap=kafka_bootstrap, topic_prefix="pc.", partitions=1,
        replication=1, data_dir=tmp_path, registry_url="mem://",
    )  # fmt: skip
    app = create_app(cfg, agents=False)
    ran: list[str] = []

    async def hook() -> None:
        ran.append("hook")

    async def faust_commit(
        self: object, offsets: object, start_new_transaction: bool = True
    ) -> bool:
        ran.append("commit")
        return True

    monkeypatch.setattr(driver.Consumer, "_commit_offsets", faust_commit)

    faust_patches.before_commit(app, hook)

    async def go() -> None:
        consumer = app.consumer
        thread = consumer._new_consumer_thread()
        built = thread._create_worker_consumer(app.transport)
        assert built._isolation_level == "read_committed"
        assert built._fetch_max_wait_ms == faust_patches.FETCH_MAX_WAIT_MS
        # what patch 4 replaces is still what Faust sets (else the patch needs a look)
        plain = driver.AIOKafkaConsumerThread._create_worker_consumer(thread, app.transport)
        assert plain._fetch_max_wait_ms == faust_patches.FAUST_FETCH_MAX_WAIT_MS
        await plain.stop()
        assert await consumer._commit_offsets({})
        await built.stop()

    asyncio.run(go())
    assert ran == ["hook", "commit"]
