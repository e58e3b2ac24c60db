"""`tahub warehouse reclass` lands settled signals of the released contract again in their
report's class, once (a module of its own: one chDB path per process at a time)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from consumers import migrations, tables
from consumers.warehouse import open_warehouse
from tests.test_review46_attacks import _as_released_contract
from tests.test_sharing_combinations_attacker import ALONE, BOTH, W, _world


def test_the_command_lands_settled_rows_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tahub.cli import cli

    url = f"chdb://{tmp_path / 'chdb'}"
    monkeypatch.setenv("TAHUB_WAREHOUSE_URL", url)
    wh = open_warehouse(url)
    try:
        migrations.migrate(wh)
        world = _as_released_contract(_world(ALONE + BOTH, "GREEN", ("org-a",)))
        landed = [tables.Landed(s, 0, i) for i, s in enumerate(world)]
        at = W - timedelta(days=1)  # long ago
        wh.insert(
            "signals", tables.to_columns(tables.SIGNALS, landed, now=at), tables.SIGNALS.types
        )
    finally:
        wh.close()
    out = CliRunner().invoke(cli, ["warehouse", "reclass"])
    assert out.exit_code == 0, out.output
    assert f"landed {len(world)} signal(s) again" in out.output
    again = CliRunner().invoke(cli, ["warehouse", "reclass"])
    assert "nothing to land again" in again.output
