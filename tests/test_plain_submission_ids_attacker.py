"""Attacked with the warehouse (an operator, a copy of it, a replay of an old topic): a
partner's submission id may name its case file or the person, so the intake seals it
under the organisation's data key since fd7b445. Incidents landed before kept theirs in
plain, out of reach of `tahub orgs forget`, and a replay of the incidents topic landed an
old record's plain id again. Migration 0011 blanks those landed before and the sink lands
no id that is not sealed. On both warehouses (chDB, and ClickHouse 18.16)."""

from __future__ import annotations

from typing import Any

from consumers import migrations, tables
from consumers.warehouse import Warehouse
from schemas.envelope import DataKey

KEY = DataKey("ngo-a", "dk-1", b"k" * 32)
PLAIN = "case-maria-petrova-2026-017"


def _records() -> list[dict[str, Any]]:
    from tests.samples import all_samples

    base = all_samples("x")["Incident"].to_avro()
    sealed = KEY.seal("submission_id", "case-2026-018")
    return [
        base | {"incident_id": "inc-1", "org_id": "ngo-a", "submission_id": PLAIN},
        base | {"incident_id": "inc-2", "org_id": "ngo-a", "submission_id": sealed},
        base | {"incident_id": "inc-3", "org_id": "ngo-a", "submission_id": None},
    ]


def test_the_sink_lands_no_plain_submission_id() -> None:
    records = _records()
    cols = tables.to_columns(tables.INCIDENTS, [tables.Landed(r, 0, 0) for r in records])
    assert cols["submission_id"] == ["", records[1]["submission_id"], ""]


def test_migration_0011_blanks_the_plain_ids_landed_before(wh: Warehouse) -> None:
    migrations.migrate(wh)
    migrations.rollback(wh, 10)  # the warehouse as it was, with a plain id landed
    records = _records()
    table = tables.INCIDENTS
    cols = tables.to_columns(table, [tables.Landed(r, 0, i) for i, r in enumerate(records)])
    cols["submission_id"] = [r["submission_id"] or "" for r in records]  # as landed before
    wh.insert(table.name, cols, table.types)
    read = "SELECT incident_id, submission_id FROM incidents FINAL ORDER BY incident_id"
    assert dict(wh.query(read))["inc-1"] == PLAIN  # the attack, before

    assert [m.version for m in migrations.migrate(wh)] == [11, 12, 13]
    ids = dict(wh.query(read))
    assert ids == {"inc-1": "", "inc-2": records[1]["submission_id"], "inc-3": ""}
    assert KEY.open("submission_id", ids["inc-2"]) == "case-2026-018"  # sealed ones kept
    migrations.rollback(wh, 10)
    assert [m.version for m in migrations.migrate(wh)] == [11, 12, 13]  # again: nothing left
    assert dict(wh.query(read)) == ids
