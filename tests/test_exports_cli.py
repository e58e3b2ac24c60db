"""`tahub export` on the warehouse directly (no main job): the files it writes, what an
operator's --as-org leaves in the audit log. Its own module: chDB opens one path per
process, and tests/test_exports_attacker.py holds another open for its whole module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consumers import migrations, tables
from consumers.warehouse import open_warehouse
from tahub.audit import Audit
from tahub.exports import ctdc, misp
from tahub.runtime.ports import free_port
from tests.sharingkit import signals_of
from tests.test_exports_attacker import BASE_REPORTS, DETECTIONS, SEEN, SINCE, B, _load, _validate


def test_cli_writes_the_feed_and_audits_the_operator(
    tahub_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from tahub.cli import cli

    url = f"chdb://{tmp_path / 'cli-chdb'}"
    wh = open_warehouse(url)
    migrations.migrate(wh)
    _load(wh, tables.DETECTIONS, DETECTIONS)
    _load(wh, tables.SIGNALS, signals_of(BASE_REPORTS))
    wh.close()  # chDB: one owner at a time, and the command opens it
    monkeypatch.setenv("TAHUB_WAREHOUSE_URL", url)
    monkeypatch.setenv("TAHUB_HTTP_PORT", str(free_port()))  # no main job answers there
    out = tmp_path / "feed"
    run = CliRunner().invoke(cli, ["export", "misp", str(out), "--since", SINCE, "--as-org",
                                   "org-b"])  # fmt: skip
    assert run.exit_code == 0, run.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest) == {misp.event_uuid(d) for d in SEEN[B]}
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(f"{u}.json" for u in manifest), "manifest.json", "hashes.csv"]
    )
    assert (out / "hashes.csv").stat().st_mode & 0o077 == 0
    stix_run = CliRunner().invoke(cli, ["export", "stix", "--since", SINCE])
    assert stix_run.exit_code == 0, stix_run.output
    _validate(stix_run.output)
    assert {o.get("name") for o in json.loads(stix_run.output)["objects"]} >= {"TLP:CLEAR"}
    table = CliRunner().invoke(cli, ["export", "ctdc", "--since", "2026-09-01"])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[0].split(",") == list(ctdc.COLUMNS)
    bad = CliRunner().invoke(cli, ["export", "ctdc", "--clock", "reported", "--bucket", "hour"])
    assert bad.exit_code == 1
    assert "bucket 'hour'" in bad.output
    lines = Audit(tahub_env / "audit.log").lines()
    assert [(x["as_org"], x["action"], x["export"]) for x in lines] == [("org-b", "export", "misp")]
