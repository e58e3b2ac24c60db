"""`tahub import`: an organisation's history lands through the intake's checks, in
chunks, once; a file holding another organisation's rows is refused whole (issue 17)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from schemas.topics import INCIDENTS
from tahub.commands.history import chunks
from tests.intakekit import read_all, running_api
from tests.sinkkit import Space

pytestmark = pytest.mark.kafka


def _history_csv(months: int, per_month: int, *, org_col: str | None = None, bad: int = 0) -> str:
    """Two years of month-precision history, no submission ids (the import's chunk keys
    make it idempotent), a summary with a phone number to scrub."""
    head = (
        "occurred_on,occurred_precision,typologies,recruitment_country,exploitation_country,"
        "tlp,summary"
    )
    if org_col is not None:
        head = "org_id," + head
    lines = [head]
    n = 0
    for m in range(months):
        year, month = 2023 + m // 12, 1 + m % 12
        for _ in range(per_month + m % 3):  # the trend the file implies: its rows per month
            n += 1
            country = "UK" if bad and n % bad == 0 else "TH"  # UK is not an ISO code
            row = (f"{year}-{month:02d},month,forced_labour,MM,{country},GREEN,"
                   f"Case {n} reached on +66 81 234 {n % 10000:04d}")  # fmt: skip
            lines.append(f"{org_col}," + row if org_col is not None else row)
    return "\n".join(lines) + "\n"


def test_chunks_keep_the_header_and_refuse_other_organisations_rows() -> None:
    text = _history_csv(3, 4, org_col="ngo-h")
    parts = chunks(text, "csv", "ngo-h", size=5)
    assert [n for _, _, n in parts] == [5, 5, 5]  # 4 + 5 + 6 rows
    assert [first for first, _, _ in parts] == [1, 6, 11]
    assert all(p.decode().startswith("occurred_on,") for _, p, _ in parts)  # org_id dropped
    mixed = text.replace("ngo-h,2023-02", "ngo-x,2023-02", 1)
    with pytest.raises(Exception, match="row 5 belongs to another organisation"):
        chunks(mixed, "csv", "ngo-h")
    lines = "\n".join(json.dumps({"org_id": o, "tlp": "GREEN"}) for o in ("ngo-h", "ngo-x"))
    with pytest.raises(Exception, match="line 2 belongs to another organisation"):
        chunks(lines, "jsonl", "ngo-h")


def test_an_import_lands_once_with_progress_and_refuses_mixed_files(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    space = Space.create(kafka_bootstrap, tmp_path)
    text = _history_csv(24, 20, bad=97)
    (tmp_path / "history.csv").write_text(text)
    mixed = _history_csv(2, 3, org_col="ngo-h").replace("ngo-h,2023-02", "ngo-x,2023-02", 1)
    (tmp_path / "mixed.csv").write_text(mixed)
    rows = text.count("\n") - 1
    bad = rows // 97
    with running_api(space, tmp_path / "data") as api:
        api.key_for("ngo-h")
        env = {
            **os.environ,
            "TAHUB_DATA_DIR": str(tmp_path / "data"),
            "TAHUB_KAFKA_BOOTSTRAP": space.bootstrap,
            "TAHUB_TOPIC_PREFIX": space.prefix,
            "TAHUB_SCHEMA_REGISTRY_URL": space.registry_url,
        }

        def run(name: str, *args: str) -> subprocess.CompletedProcess[str]:
            argv = [sys.executable, "-m", "tahub", "import", str(tmp_path / name), "--org",
                    "ngo-h", "--chunk", "100", *args]  # fmt: skip
            return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)

        first = run("history.csv", "--json")
        again = run("history.csv")
        refused = run("mixed.csv")
    assert first.returncode == 3, first.stderr[-2000:]  # some rows rejected
    report = json.loads(first.stdout)
    assert (report["submitted"], report["accepted"], report["rejected"]) == (rows, rows - bad, bad)
    assert {r["row"] for r in report["rejections"]} == {97 * k for k in range(1, bad + 1)}
    assert "importing" not in first.stderr  # no progress bar off a terminal (test_progress.py)
    assert f"{rows} submitted: {rows - bad} accepted ({rows - bad} already stored before)" in (
        again.stdout
    )
    assert refused.returncode == 1
    assert "row 4 belongs to another organisation" in refused.stderr
    assert "ngo-x" not in refused.stderr  # another organisation's name is not echoed
    stored = read_all(space, INCIDENTS)
    assert len(stored) == rows - bad  # once, and nothing of the refused file
    serde = space.serde()
    months = Counter(serde.decode(INCIDENTS, v)["occurred_on"].strftime("%Y-%m") for _, v in stored)
    expected = Counter()
    n = 0
    for m in range(24):
        for _ in range(20 + m % 3):
            n += 1
            if n % 97:
                expected[f"{2023 + m // 12}-{1 + m % 12:02d}"] += 1
    assert months == expected  # the trend the file implies, by occurrence
    assert not any(b"+66 81" in v for _, v in stored)  # scrubbed before it was stored


def test_chunks_checked_ahead_in_worker_processes_land_once_in_order(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """Chunks of the pool's size: the next chunks are checked in two worker processes while
    one commits (IntakeService.submit_files); rejections keep their file row numbers, and
    a second import adds nothing."""
    space = Space.create(kafka_bootstrap, tmp_path)
    text = _history_csv(24, 250, bad=1000)  # 6,024 rows: four chunks of up to 2,000
    (tmp_path / "history.csv").write_text(text)
    rows = text.count("\n") - 1
    with running_api(space, tmp_path / "data") as api:
        api.key_for("ngo-h")
        env = {
            **os.environ,
            "TAHUB_DATA_DIR": str(tmp_path / "data"),
            "TAHUB_KAFKA_BOOTSTRAP": space.bootstrap,
            "TAHUB_TOPIC_PREFIX": space.prefix,
            "TAHUB_SCHEMA_REGISTRY_URL": space.registry_url,
            "TAHUB_INTAKE_WORKERS": "2",
        }
        argv = [sys.executable, "-m", "tahub", "import", str(tmp_path / "history.csv"), "--org",
                "ngo-h", "--chunk", "2000", "--json"]  # fmt: skip
        first = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
        again = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 3, first.stderr[-2000:]  # some rows rejected
    report, second = json.loads(first.stdout), json.loads(again.stdout)
    bad = rows // 1000
    assert (report["submitted"], report["accepted"], report["rejected"]) == (rows, rows - bad, bad)
    assert [r["row"] for r in report["rejections"]] == [1000 * k for k in range(1, bad + 1)]
    assert (second["accepted"], second["duplicates"], second["replayed_chunks"]) == (
        rows - bad, rows - bad, 4
    )  # fmt: skip
    stored = read_all(space, INCIDENTS)
    assert len(stored) == rows - bad
    assert len({k for k, _ in stored}) == rows - bad  # every incident once
