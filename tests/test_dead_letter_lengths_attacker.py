"""Attacked with the warehouse's dead_letters table (an operator, a copy of it): the
intake's letters carry a size rounded up to a power of two since their digests were
keyed, because the exact size of a rejected row singled a guessed name out of candidates
of other lengths, and no unknown field name's length (a partner's slip puts the person's
name where a field name goes). But the letters landed before kept both (migration 0008
blanked only their plain digests), and a replay of the dlq topic landed an old letter's
again. Migration 0009 cuts them from the letters landed before and the sink from an
intake letter on landing; other stages keep theirs. On both warehouses (chDB, and
ClickHouse 18.16)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from consumers import migrations, tables
from consumers.warehouse import Warehouse
from producers.intake.checker import payload_digest
from tests.test_intake_dead_letter_attacker import CANDIDATES, REAL, _row


def _size(name: str) -> int:
    return payload_digest(_row(name, "s-1"))[1]


MEASURED = f"<unknown name of {len(REAL)} characters>"  # as intake errors name REAL as a field


def _letter(letter_id: str, stage: str, size: int | None, path: str = "tlp") -> dict[str, Any]:
    return {
        "dead_letter_id": letter_id,
        "stage": stage,
        "error_kind": "validation",
        "reason": f"1 problem(s): {path}: not a field of an incident submission",
        "errors": [{"path": path, "reason": "not a field of an incident submission"}],
        "payload_sha256": None,
        "payload_size": size,
        "failed_at": datetime(2026, 11, 3, tzinfo=UTC),
    }


def _singled_out(size: int | None) -> set[str]:
    """The candidates a letter's size tells apart from the others (none when it fits
    all of them, or none)."""
    fits = {n for n in CANDIDATES if _size(n) == size}
    return fits if len(fits) < len(CANDIDATES) else set()


def test_the_sink_never_lands_an_intake_letters_exact_size() -> None:
    exact = _size(REAL)
    assert _singled_out(exact) == {REAL}  # what an exact size tells
    letters = [_letter("dl-1", "intake", exact), _letter("dl-2", "intake", None),
               _letter("dl-3", "sink", exact)]  # fmt: skip
    cols = tables.to_columns(tables.DEAD_LETTERS, [tables.Landed(r, 0, 0) for r in letters])
    assert cols["payload_size"] == [1024, None, exact]  # other stages keep theirs
    assert _singled_out(cols["payload_size"][0]) == set()


def test_migration_0009_rounds_the_sizes_of_intake_letters_landed_before(wh: Warehouse) -> None:
    migrations.migrate(wh)
    migrations.rollback(wh, 8)  # the warehouse as it was, letters landed with exact sizes
    exact = _size(REAL)
    letters = [
        _letter("dl-1", "intake", exact),
        _letter("dl-2", "intake", 5000),
        _letter("dl-3", "intake", None),
        _letter("dl-4", "intake", 2048),
        _letter("dl-5", "sink", exact),
    ]
    table = tables.DEAD_LETTERS
    cols = tables.to_columns(table, [tables.Landed(r, 0, i) for i, r in enumerate(letters)])
    cols["payload_size"] = [r["payload_size"] for r in letters]  # as the sink landed them
    wh.insert(table.name, cols, table.types)
    read = "SELECT dead_letter_id, payload_size FROM dead_letters FINAL ORDER BY dead_letter_id"
    assert _singled_out(dict(wh.query(read))["dl-1"]) == {REAL}  # the attack, before

    assert [m.version for m in migrations.migrate(wh)] == [9, 10, 11, 12, 13]
    sizes = dict(wh.query(read))
    assert sizes == {"dl-1": 1024, "dl-2": 8192, "dl-3": None, "dl-4": 2048, "dl-5": exact}
    assert _singled_out(sizes["dl-1"]) == set()
    migrations.rollback(wh, 8)
    again = [m.version for m in migrations.migrate(wh)]
    assert again == [9, 10, 11, 12, 13]  # again, nothing left to round
    assert dict(wh.query(read)) == sizes


def _measuring(texts: list[str]) -> set[str]:
    """The candidates of the length the texts tell (the name in Cyrillic has the same)."""
    return {n for n in CANDIDATES if any(f" {len(n)} " in t for t in texts)}


def test_the_sink_never_lands_an_unknown_names_length_from_an_intake_letter() -> None:
    letters = [_letter("dl-1", "intake", 1024, MEASURED), _letter("dl-2", "sink", 9, MEASURED)]
    cols = tables.to_columns(tables.DEAD_LETTERS, [tables.Landed(r, 0, 0) for r in letters])
    assert _measuring([cols["reason"][0], *cols["error_paths"][0]]) == set()
    assert cols["error_paths"] == [["<unknown name>"], [MEASURED]]  # other stages keep theirs


def test_migration_0009_cuts_unknown_names_lengths_landed_before(wh: Warehouse) -> None:
    migrations.migrate(wh)
    migrations.rollback(wh, 8)
    letters = [
        _letter("dl-1", "intake", 1024, MEASURED),
        _letter("dl-2", "intake", 1024),
        _letter("dl-3", "sink", 9, MEASURED),
    ]
    table = tables.DEAD_LETTERS
    cols = tables.to_columns(table, [tables.Landed(r, 0, i) for i, r in enumerate(letters)])
    cols["reason"] = [r["reason"] for r in letters]  # as the sink landed them
    cols["error_paths"] = [[e["path"] for e in r["errors"]] for r in letters]
    wh.insert(table.name, cols, table.types)
    read = "SELECT reason, error_paths FROM dead_letters FINAL ORDER BY dead_letter_id"
    before = _measuring([t for r in wh.query(read)[:1] for t in (r[0], *r[1])])
    assert REAL in before  # the attack: the name's length rules most guesses out
    assert len(before) < len(CANDIDATES)

    assert [m.version for m in migrations.migrate(wh)] == [9, 10, 11, 12, 13]
    rows = wh.query(read)
    assert _measuring([t for r in rows[:2] for t in (r[0], *r[1])]) == set()
    assert rows == [
        ("1 problem(s): <unknown name>: not a field of an incident submission",
         ["<unknown name>"]),
        (letters[1]["reason"], ["tlp"]),
        (letters[2]["reason"], [MEASURED]),
    ]  # fmt: skip


BROKE = "not valid JSON: Expecting ',' delimiter at column 57"  # where a line broke


def _broken(letter_id: str, stage: str) -> dict[str, Any]:
    return {**_letter(letter_id, stage, 1024), "reason": f"1 problem(s): (record): {BROKE}",
            "errors": [{"path": "(record)", "reason": BROKE}]}  # fmt: skip


def test_where_a_line_broke_is_cut_on_landing_and_from_letters_landed_before(
    wh: Warehouse,
) -> None:
    """The column where a JSON Lines row broke counts the characters before it (a stray
    quote after a name: the name's length), in the reason and the error's reason."""
    cols = tables.to_columns(tables.DEAD_LETTERS, [tables.Landed(_broken("dl-1", "intake"), 0, 0)])
    assert "column" not in cols["reason"][0]
    assert cols["error_reasons"] == [["not valid JSON: Expecting ',' delimiter"]]

    migrations.migrate(wh)
    migrations.rollback(wh, 8)
    letters = [_broken("dl-1", "intake"), _broken("dl-2", "sink")]
    table = tables.DEAD_LETTERS
    cols = tables.to_columns(table, [tables.Landed(r, 0, i) for i, r in enumerate(letters)])
    cols["reason"] = [r["reason"] for r in letters]  # as the sink landed them
    cols["error_reasons"] = [[BROKE], [BROKE]]
    wh.insert(table.name, cols, table.types)
    assert [m.version for m in migrations.migrate(wh)] == [9, 10, 11, 12, 13]
    read = "SELECT reason, error_reasons FROM dead_letters FINAL ORDER BY dead_letter_id"
    assert wh.query(read) == [
        ("1 problem(s): (record): not valid JSON: Expecting ',' delimiter",
         ["not valid JSON: Expecting ',' delimiter"]),
        (letters[1]["reason"], [BROKE]),  # other stages keep theirs
    ]  # fmt: skip
