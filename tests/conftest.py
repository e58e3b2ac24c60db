"""Session-wide real services and per-test isolation helpers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import services


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    given = os.environ.get("TAHUB_TEST_KAFKA_BOOTSTRAP")
    if given:
        yield given
        return
    bootstrap, cfg = services.start_kafka(tmp_path_factory.mktemp("kafka"))
    yield bootstrap
    services.broker.stop(cfg)


@pytest.fixture(scope="session")
def clickhouse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    given = os.environ.get("TAHUB_TEST_CLICKHOUSE_URL")
    if given:
        yield given
        return
    url, proc = services.start_clickhouse(tmp_path_factory.mktemp("clickhouse"))
    yield url
    proc.terminate()
    proc.wait(30)


@pytest.fixture(scope="session")
def clickhouse_shards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The first of two ClickHouse servers that form the cluster ``tahub`` (one shard
    each): its URL, whose databases with ``?cluster=tahub`` are sharded warehouses."""
    urls, procs = services.start_clickhouse_shards(tmp_path_factory.mktemp("shards"))
    yield urls[0]
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.wait(30)


@pytest.fixture
def clickhouse_url(clickhouse_server: str) -> Iterator[str]:
    """A fresh database on the server for one test."""
    from consumers.warehouse import open_warehouse

    db = "t_" + uuid.uuid4().hex[:12]
    admin = open_warehouse(clickhouse_server)
    admin.execute(f"CREATE DATABASE {db}")
    base = clickhouse_server.rsplit("/", 1)[0]
    yield f"{base}/{db}"
    admin.execute(f"DROP DATABASE IF EXISTS {db}")
    admin.close()


@pytest.fixture(params=["chdb", "server"])
def wh(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh warehouse for one test, on chDB and on the ClickHouse server in turn (a
    module may define its own ``wh``: shards, module scope, data loaded)."""
    from consumers.warehouse import open_warehouse

    fixture = "chdb_url" if request.param == "chdb" else "clickhouse_url"
    warehouse = open_warehouse(request.getfixturevalue(fixture))
    yield warehouse
    warehouse.close()


@pytest.fixture
def chdb_url(tmp_path: Path) -> str:
    return f"chdb://{tmp_path / 'chdb'}"


@pytest.fixture
def tahub_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Isolate TAHUB_* settings: a private data dir and no inherited overrides."""
    for key in list(os.environ):
        if (
            key.startswith("TAHUB_")
            and not key.startswith("TAHUB_TEST_")
            and key != "TAHUB_REQUIRE_SERVICES"
        ):
            monkeypatch.delenv(key)
    monkeypatch.setenv("TAHUB_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"
