"""`tahub import` of the same file again, split differently (`--chunk`), stores nothing new:
a row without a submission_id is named by the file and its own row number, never by its
chunk (issue 17: "re-importing the same file changes nothing"). Those names belong to the
importing organisation: another partner with its own key, knowing the file, cannot claim
them first and so have the importer's rows dropped as duplicates. On real Kafka, with the
rows sunk into the warehouse."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from consumers import migrations
from consumers.warehouse import open_warehouse
from schemas.topics import ALL, INCIDENTS
from tahub import wiring
from tests.intakekit import read_all, running_api, settings_for
from tests.sinkkit import Space, caught_up, count, running, wait_for

pytestmark = pytest.mark.kafka

HEAD = "occurred_on,occurred_precision,typologies,recruitment_country,exploitation_country,tlp"


def _csv() -> str:
    """23 rows: three alike (reports of their own), a blank row that is not numbered, and
    one rejected row (UK is not an ISO code)."""
    rows = [f"2024-{1 + n % 12:02d},month,forced_labour,MM,TH,GREEN" for n in range(20)]
    rows += ["2024-03,month,forced_labour,MM,TH,GREEN"] * 2  # the same as row 3, twice
    rows.insert(9, ",,,,,")  # blank: not numbered, so not counted as a row
    rows.insert(14, "2024-05,month,forced_labour,MM,UK,GREEN")
    return "\n".join([HEAD, *rows]) + "\n"


def _jsonl() -> str:
    lines = [json.dumps({"occurred_on": f"2023-{1 + n % 12:02d}", "occurred_precision": "month",
                         "typologies": ["forced_labour"], "tlp": "TLP:GREEN"})
             for n in range(17)]  # fmt: skip
    lines.insert(6, "   ")  # a blank line, not numbered
    lines.insert(11, lines[3])  # the same report twice
    return "\n".join(lines) + "\n"


def _env(space: Space, data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TAHUB_DATA_DIR": str(data),
        "TAHUB_KAFKA_BOOTSTRAP": space.bootstrap,
        "TAHUB_TOPIC_PREFIX": space.prefix,
        "TAHUB_SCHEMA_REGISTRY_URL": space.registry_url,
    }


def _import(env: dict[str, str], file: Path, org: str, chunk: int) -> dict[str, object]:
    argv = [sys.executable, "-m", "tahub", "import", str(file), "--org", org, "--chunk",
            str(chunk), "--json"]  # fmt: skip
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in {0, 3}, done.stderr[-2000:]
    report: dict[str, object] = json.loads(done.stdout)
    return report


def _sunk(space: Space, chdb: str) -> dict[str, int]:
    """Incidents per organisation in the warehouse once the sink caught up."""
    wh = open_warehouse(chdb)
    try:
        migrations.migrate(wh)
        with running(space.sink(wh, batch_seconds=0.2)):
            wait_for(lambda: caught_up(space, INCIDENTS), what="the sink")
        assert count(wh, "incidents") == int(wh.query("SELECT count() FROM incidents")[0][0])
        rows = wh.query("SELECT org_id, count() FROM incidents FINAL GROUP BY org_id")
        return {org: int(n) for org, n in rows}
    finally:
        wh.close()


def test_an_import_split_another_way_stores_each_row_once(
    kafka_bootstrap: str, tmp_path: Path, chdb_url: str
) -> None:
    space = Space.create(kafka_bootstrap, tmp_path)
    data = tmp_path / "data"
    s = settings_for(space, data)
    wiring.serde(s).register_all(ALL)
    wiring.access(s).add_org("ngo-h", "NGO H")
    (tmp_path / "history.csv").write_text(_csv())
    (tmp_path / "history.jsonl").write_text(_jsonl())
    env = _env(space, data)
    good = 22 + 18  # CSV rows less the rejected one, JSON Lines lines
    first = [_import(env, tmp_path / f, "ngo-h", 7) for f in ("history.csv", "history.jsonl")]
    again = [_import(env, tmp_path / f, "ngo-h", 5) for f in ("history.csv", "history.jsonl")]
    third = [_import(env, tmp_path / f, "ngo-h", 1000) for f in ("history.csv", "history.jsonl")]
    assert [r["accepted"] for r in first] == [22, 18]
    assert [r["duplicates"] for r in first] == [0, 0]  # rows repeated are reports of their own
    assert [r["rejections"] for r in first] == [r["rejections"] for r in again]  # same rows named
    for report in (*again, *third):
        assert report["duplicates"] == report["accepted"], report  # every row found again
    stored = read_all(space, INCIDENTS)
    assert len(stored) == good  # nothing sent again
    assert len({k for k, _ in stored}) == good
    assert _sunk(space, chdb_url) == {"ngo-h": good}


def test_another_partner_cannot_claim_an_importers_row_ids(
    kafka_bootstrap: str, tmp_path: Path, chdb_url: str
) -> None:
    """ngo-x holds the same file ngo-h will import: it imports it as its own history with
    two chunkings, and sends it to the bulk API under the key ngo-h's import names its
    rows by (``import:<file digest>``). ngo-h's import still stores every row, as its own."""
    space = Space.create(kafka_bootstrap, tmp_path)
    data = tmp_path / "data"
    text = _csv()
    (tmp_path / "history.csv").write_text(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    with running_api(space, data) as api:
        api.key_for("ngo-h")
        x_key = api.key_for("ngo-x")
        env = _env(space, data)
        for chunk in (7, 5):
            _import(env, tmp_path / "history.csv", "ngo-x", chunk)
        for key in (f"import:{digest[:24]}", f"import:{digest}"):
            with api.client(x_key) as client:
                sent = client.post("/api/v1/incidents/bulk", content=text.encode(),
                                   headers={"Content-Type": "text/csv",
                                            "Idempotency-Key": key})  # fmt: skip
            assert sent.status_code == 200, sent.text
        mine = _import(env, tmp_path / "history.csv", "ngo-h", 7)
        again = _import(env, tmp_path / "history.csv", "ngo-h", 5)
        own = {"Content-Type": "text/csv", "Idempotency-Key": f"import:{digest[:24]}"}
        with api.client(api.key_for("ngo-h")) as client:  # one rule where the two meet
            bulk = client.post("/api/v1/incidents/bulk", content=text.encode(), headers=own).json()
    assert (mine["accepted"], mine["duplicates"]) == (22, 0)  # nothing claimed by ngo-x
    assert again["duplicates"] == again["accepted"] == 22
    assert bulk["duplicates"] == bulk["accepted"] == 22
    assert _sunk(space, chdb_url)["ngo-h"] == 22
