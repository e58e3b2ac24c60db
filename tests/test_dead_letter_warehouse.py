"""Issue 16, in the warehouse: the dead_letters table kept the plain SHA-256 of rows the
intake rejected (a guessed text confirmed by hashing it, after `tahub orgs forget` too).
Migration 0008 adds the keyed digest's column and blanks the intake letters' plain ones
landed before; the sink never lands one again (a replay of old letters); the other stages'
digests stay. On both warehouses (ClickHouse 18.16 here, and chDB)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from consumers import migrations, tables
from consumers.warehouse import Warehouse

PLAIN = "a" * 64


def _letter(stage: str, **over: Any) -> dict[str, Any]:
    return {
        "dead_letter_id": f"dl-{stage}",
        "stage": stage,
        "error_kind": "validation",
        "reason": "1 problem(s)",
        "errors": [],
        "payload_sha256": PLAIN,
        "payload_size": 439,
        "failed_at": datetime(2026, 11, 3, tzinfo=UTC),
        **over,
    }


def _land_as_before(wh: Warehouse, letters: list[dict[str, Any]]) -> None:
    """Letters as the sink landed them before 0008: no keyed digest, every plain one."""
    table = tables.DEAD_LETTERS
    cols = tables.to_columns(table, [tables.Landed(r, 0, i) for i, r in enumerate(letters)])
    del cols["payload_fingerprint"]
    cols["payload_sha256"] = [r["payload_sha256"] for r in letters]
    wh.insert(table.name, cols, {k: v for k, v in table.types.items() if k in cols})


def test_the_sink_never_lands_an_intake_letters_plain_digest() -> None:
    old, new = _letter("intake"), _letter("intake", payload_sha256=None, payload_fingerprint="k1:")
    cols = tables.to_columns(tables.DEAD_LETTERS, [tables.Landed(r, 0, 0) for r in (old, new)])
    assert cols["payload_sha256"] == ["", ""]
    assert cols["payload_fingerprint"] == ["", "k1:"]
    sink = tables.to_columns(tables.DEAD_LETTERS, [tables.Landed(_letter("sink"), 0, 0)])
    assert sink["payload_sha256"] == [PLAIN]  # the other stages keep theirs


def test_the_migration_blanks_the_plain_digests_of_intake_letters(wh: Warehouse) -> None:
    migrations.migrate(wh)
    migrations.rollback(wh, 7)  # the warehouse as it was, with letters landed then
    _land_as_before(wh, [_letter("intake"), _letter("sink")])
    assert [m.version for m in migrations.migrate(wh)][:1] == [8]
    rows = wh.query(
        "SELECT stage, payload_sha256, payload_fingerprint FROM dead_letters ORDER BY stage"
    )
    assert rows == [("intake", "", ""), ("sink", PLAIN, "")]
    migrations.rollback(wh, 7)
    assert migrations.migrate(wh) != []  # and again, with nothing left to blank
