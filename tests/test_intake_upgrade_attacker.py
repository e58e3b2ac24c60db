"""Issue 16, attacked with intake.db in hand after the store was converted (a copied data
dir, a backup taken after the upgrade): the conversion overwrote the rows that were live,
but an earlier version also deleted rows in plain, pruned bulk reports (every id of an
upload) and released held records, and SQLite keeps a deleted row's bytes in the page
or on the free list unless it was built with secure delete on (upstream's default is
off). Those bytes outlived the upgrade, so the "converted" file still named the cases
of reports the earlier version had pruned. The conversion now rebuilds the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from producers.intake.idempotency import _SCHEMA, IdempotencyStore
from tests.intake_fakes import OneKey

PRUNED = "upload-of-case-ana-lucia-mendes"  # a pruned report's Idempotency-Key
LISTED = "case-file-ana-lucia-mendes-0042"  # a submission id listed in that report
RELEASED = "case-file-joseph-okafor-held-7"  # a held record the broker then acknowledged


def _older_store(path: Path) -> None:
    """intake.db as an earlier version left it on a SQLite without secure delete: a bulk
    report answered and pruned after its TTL, a held record released, one live row."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA secure_delete = OFF")  # upstream SQLite's default
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(_SCHEMA)
        report = ('{"rows": [' + ",".join(
            f'{{"submission_id": "{LISTED}-{i}", "incident_id": "inc-{i}"}}' for i in range(40)
        ) + "]}").encode()  # fmt: skip
        db.execute("INSERT INTO requests VALUES (?,?,?,?,?,?)",
                   ("ngo-a", PRUNED, "k1:dk-test:00", 200, report, 1.0))  # fmt: skip
        db.execute("INSERT INTO unconfirmed VALUES (?,?,?,?,?,?)",
                   ("ngo-a", RELEASED, "k1:dk-test:00", "inc-9", b"value", 1.0))  # fmt: skip
        db.execute("INSERT INTO submissions VALUES (?,?,?,?,?)",
                   ("ngo-a", "live-1", "k1:dk-test:00", "inc-1", 1.0))  # fmt: skip
        db.execute("DELETE FROM requests WHERE created_at <= 2.0")  # its prune
        db.execute("DELETE FROM unconfirmed")  # released
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA user_version = 1")
    finally:
        db.close()


def _file(tmp_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp_path.glob("intake.db*"))


def test_the_upgrade_leaves_no_plain_id_of_rows_deleted_before(tmp_path: Path) -> None:
    _older_store(tmp_path / "intake.db")
    assert PRUNED.encode() in _file(tmp_path)  # what a backup of the old store holds
    store = IdempotencyStore(tmp_path / "intake.db", keys=OneKey())
    try:
        raw = _file(tmp_path)
        for text in (PRUNED, LISTED, RELEASED, "live-1"):
            assert text.encode() not in raw, "a deleted row's plain id outlived the upgrade"
        assert list(store.seen("ngo-a", ["live-1"])) == ["live-1"]  # the live row answers
    finally:
        store.close()


STRAY = "case-file-amina-yusuf-0007"  # written by a process of the earlier version
STRAY_KEY = "upload-amina-yusuf-notes"


def test_rows_an_earlier_process_wrote_after_the_conversion_are_converted_too(
    tmp_path: Path,
) -> None:
    """The package is upgraded under a running main job and a `tahub submit` of the new
    version converts intake.db; the old main job keeps writing ids and reports in plain
    until it restarts (here a retry of a submission the new version took, too). Those rows
    were never converted (the store said it was), so they stayed plain in the file and
    every backup, and no retry of them was recognised."""
    path = tmp_path / "intake.db"
    new = IdempotencyStore(path, keys=OneKey())  # converted; it takes a submission
    new.remember("ngo-a", [(STRAY, "k1:dk-test:00", "inc-3")])
    new.close()
    db = sqlite3.connect(path, isolation_level=None)  # the old main job, still running
    try:
        db.execute("INSERT INTO submissions VALUES (?,?,?,?,?)",
                   ("ngo-a", STRAY, "k1:dk-test:00", "inc-3", 1.0))  # fmt: skip
        db.execute("INSERT INTO requests VALUES (?,?,?,?,?,?)",
                   ("ngo-a", STRAY_KEY, "k1:dk-test:00", 200, b'{"rows": 1}', 9e9))  # fmt: skip
    finally:
        db.close()
    store = IdempotencyStore(path, keys=OneKey())  # the main job restarted, new version
    try:
        raw = _file(tmp_path)
        assert STRAY.encode() not in raw, "a plain id written beside the new version stayed"
        assert STRAY_KEY.encode() not in raw
        assert b'{"rows": 1}' not in raw
        assert list(store.seen("ngo-a", [STRAY])) == [STRAY]  # and its retry is recognised
        kept = store.response("ngo-a", STRAY_KEY)
        assert kept is not None
        assert kept.body == b'{"rows": 1}'
    finally:
        store.close()
