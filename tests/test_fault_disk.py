"""Fault survival: the data dir's disk fills up and is freed again (issue 21, item 3).

The main job's data dir (chDB warehouse, intake, alerts and news stores, outbox, the
worker's state) lives on a small tmpfs of its own; mid-stream a file fills it to the last
byte for FULL_S, then is deleted. The scenario and its checks are those of the main job's
other faults (tests/test_fault_mainjob.py): every accepted incident and its signals once in
the warehouse, every notification once per channel.

Mounting needs root (CI runs as root): without it the test skips locally and fails under
CI=true. A tmpfs with a size limit answers ENOSPC as a full disk does, without a loop
device or mkfs.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from consumers.warehouse import open_warehouse
from tests.jobkit import Job, job_env
from tests.services import missing
from tests.sinkkit import wait_for
from tests.test_fault_mainjob import DETECTIONS, _check, _detect, _scenario, _settle

pytestmark = [pytest.mark.kafka, pytest.mark.faults]

FULL_S = 15.0
SIZE = "256m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "small"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs",
                           str(mnt)], capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        missing(f"cannot mount a {SIZE} tmpfs for the data dir: {done.stderr.strip()[:200]}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _fill(path: Path) -> int:
    """Write until the disk refuses even one byte more: bytes written."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    written = 0
    try:
        for size in (1 << 20, 1 << 12, 1):
            while True:
                try:
                    written += os.write(fd, b"\0" * size)
                except OSError as err:
                    if err.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    return written


def _recorded(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM submissions").fetchone()[0])


def test_a_full_data_dir_disk_then_freed_loses_and_duplicates_nothing(
    kafka_bootstrap: str, tmp_path: Path, small_disk: Path
) -> None:
    env = job_env(small_disk / "data", kafka_bootstrap, TAHUB_EGRESS_ALLOW="127.0.0.1",
                  TAHUB_ALERT_GROUP_WAIT="0.3")  # fmt: skip
    job = Job(env, tmp_path / "up.log")
    filler = small_disk / "filler"
    with _scenario(job) as (hooks, traffic, sid):
        wait_for(lambda: len(traffic.accepted) >= 60, 60, "submissions under way")
        filled = _fill(filler)
        full_at, accepted = time.monotonic(), len(traffic.accepted)
        _detect(job, *(f"det-{i}" for i in range(DETECTIONS // 2, DETECTIONS)))
        time.sleep(max(0.0, FULL_S - (time.monotonic() - full_at)))
        during = len(traffic.accepted) - accepted
        alive = job.proc is not None and job.proc.poll() is None
        filler.unlink()
        t0 = time.monotonic()
        took = _settle(job, hooks, traffic, t0)
        print(
            f"data dir disk full ({filled >> 20} MiB written to fill it) for {FULL_S:.0f} s: "
            f"{during} submissions accepted meanwhile, job {'alive' if alive else 'gone'}; "
            f"{took} after it was freed"
        )
        # the intake's idempotency records reach its store again while the job runs (not
        # only at a clean stop): a retry after a crash must still be known as one
        want = len(traffic.accepted)
        wait_for(lambda: _recorded(job.data / "intake.db") == want, 10, "idempotency records")
        assert job.stop() == 0, job.tail()
        wh = open_warehouse(job.settings().warehouse)
        try:
            _check(wh, job, hooks, traffic, sid)
        finally:
            wh.close()
