"""One re-classing run at a time (consumers.reclass_lock), attacked as an operator's second
run would come: the command beside the main job's hourly run on the same host, a second
host's main job on the same warehouse, a lock left by a killed run, one left on another
host. Each refused run must change nothing; the run holding the lock must finish whole."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from consumers import migrations, reclass, reclass_lock
from consumers.reclass_lock import Busy, Holder, guarded
from consumers.warehouse import open_warehouse
from tahub.mainjob.warehouse_service import WarehouseService
from tests.test_review48_attacks import (
    LONG_AGO,
    Interleaved,
    _land_at,
    _legacy_r1,
    _rows,
    base,
    fresh,
)

__all__ = ["base", "fresh"]


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def _classed(wh: Any) -> int:
    return _rows(wh, "signals", "report_class != ''")


def _lock_as(wh: Any, host: str, pid: int) -> Holder:
    other = Holder(host, pid, int(time.time()))
    reclass_lock.acquire(wh, other)
    return other


@pytest.mark.parametrize("same_host", [True, False])
def test_a_second_run_during_a_run_is_refused_and_the_first_finishes_whole(
    fresh: Callable[[], Any], tmp_path: Path, same_host: bool
) -> None:
    """The command started beside the main job's hourly run (same host: same data dir) or
    a second host's main job (its own data dir) while the first copies the signals table:
    without the lock it would drop the first's copy and swap tables under it."""
    wh = fresh()
    legacy = _legacy_r1()
    _land_at(wh, legacy, LONG_AGO)
    refused: list[Busy] = []

    def second_run() -> None:
        with pytest.raises(Busy) as err:
            with guarded(wh, tmp_path / ("a" if same_host else "b")):
                reclass.reclass(wh, now=time.time())
        refused.append(err.value)

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    racing = Interleaved(wh).after(f"INSERT INTO {reclass.NEW} ", second_run)
    with guarded(racing, tmp_path / "a"):
        assert reclass.reclass(racing, now=time.time()) == len(legacy)
    assert len(refused) == 1, "the second run ran inside the first"
    assert _rows(wh, "signals") == len(legacy)
    assert _classed(wh) == len(legacy)
    assert _rows(wh, "signals_by_org FINAL") == len(legacy)
    assert reclass_lock.holder(wh) is None, "the lock outlived its run"


@pytest.mark.parametrize("server", [False, True])
def test_the_lock_names_its_holder_and_is_one_rule_on_chdb_and_the_server(
    fresh: Callable[[], Any], request: pytest.FixtureRequest, server: bool
) -> None:
    wh = open_warehouse(request.getfixturevalue("clickhouse_url")) if server else fresh()
    migrations.migrate(wh)
    first = _lock_as(wh, "host-a", 4242)
    assert reclass_lock.holder(wh) == first
    with pytest.raises(Busy, match="host-a pid 4242"):
        reclass_lock.acquire(wh, Holder("host-b", 1, int(time.time())))
    # a run of another host releasing does not drop a lock it does not hold
    reclass_lock.release(wh, Holder("host-b", 1, first.since))
    assert reclass_lock.holder(wh) == first
    reclass_lock.release(wh, first)
    assert reclass_lock.holder(wh) is None


def test_a_lock_left_by_a_killed_run_of_this_host_is_taken_over(
    fresh: Callable[[], Any], tmp_path: Path
) -> None:
    import socket

    wh = fresh()
    _land_at(wh, _legacy_r1(), LONG_AGO)
    _lock_as(wh, socket.gethostname(), _dead_pid())
    with guarded(wh, tmp_path) as me:
        assert reclass_lock.holder(wh) == me
        assert reclass.reclass(wh, now=time.time()) == len(_legacy_r1())
    assert reclass_lock.holder(wh) is None


def test_a_live_process_of_this_host_keeps_its_lock(
    fresh: Callable[[], Any], tmp_path: Path
) -> None:
    import os
    import socket

    wh = fresh()
    held = _lock_as(wh, socket.gethostname(), os.getppid())  # alive: the test's parent
    with pytest.raises(Busy):
        with guarded(wh, tmp_path):
            pass
    assert reclass_lock.holder(wh) == held


def test_another_hosts_lock_is_broken_only_on_an_operators_word(
    fresh: Callable[[], Any], tmp_path: Path
) -> None:
    """A run cannot tell whether another host's run is alive: its pid means nothing here."""
    wh = fresh()
    _land_at(wh, _legacy_r1(), LONG_AGO)
    _lock_as(wh, "other-host", _dead_pid())
    with pytest.raises(Busy, match="other-host"):
        with guarded(wh, tmp_path):
            pass
    assert _classed(wh) == 0
    with guarded(wh, tmp_path, force=True):
        assert reclass.reclass(wh, now=time.time()) == len(_legacy_r1())


def test_a_lock_being_created_is_held(fresh: Callable[[], Any]) -> None:
    """The lock table without its row yet: its creator is between CREATE and the row."""
    wh = fresh()
    wh.execute(f"CREATE TABLE {reclass_lock.LOCK} (host String, pid UInt32, since DateTime)"
               " ENGINE = TinyLog")  # fmt: skip
    with pytest.raises(Busy, match="unknown"):
        reclass_lock.acquire(wh, Holder("me", 1, 0))


def test_the_main_job_skips_an_hour_while_another_run_holds_the_lock(
    fresh: Callable[[], Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    wh = fresh()
    _land_at(wh, _legacy_r1(), LONG_AGO)
    other = _lock_as(wh, "other-host", 7)
    settings = SimpleNamespace(news_text_retention_days=30, data_dir=tmp_path)
    service = WarehouseService(settings)  # type: ignore[arg-type]
    service.connection = wh
    service.retain_if_due()
    assert "re-classing skipped this hour" in caplog.text
    assert "other-host" in caplog.text
    assert _classed(wh) == 0
    reclass_lock.release(wh, other)
    service._next_retention = 0.0  # the next hour
    service.retain_if_due()
    assert _classed(wh) == len(_legacy_r1())


def test_the_command_refuses_while_a_run_holds_the_lock_and_breaks_it_when_told(
    clickhouse_url: str, tahub_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a ClickHouse server, where the command and a main job on another host meet."""
    from tahub.cli import cli

    monkeypatch.setenv("TAHUB_WAREHOUSE_URL", clickhouse_url)
    wh = open_warehouse(clickhouse_url)
    try:
        migrations.migrate(wh)
        _land_at(wh, _legacy_r1(), LONG_AGO)
        _lock_as(wh, "main-job-host", 99)
        runner = CliRunner()
        refused = runner.invoke(cli, ["warehouse", "reclass"])
        assert refused.exit_code == 1, refused.output
        assert "main-job-host pid 99" in refused.output
        assert "nothing was done" in refused.output
        assert _classed(wh) == 0
        broken = runner.invoke(cli, ["warehouse", "reclass", "--break-lock"])
        assert broken.exit_code == 0, broken.output
        assert "landed" in broken.output
        assert _classed(wh) == len(_legacy_r1())
        assert reclass_lock.holder(wh) is None
    finally:
        wh.close()
