"""Migration 0013 lands again every signal landed with a class of its own (before signals
carried their report's class attributes) with its report's, computed by the warehouse the
way normalize computes them, on chDB and ClickHouse 18.16; a report's rows then share one
class with the same report landed afresh, and nothing is duplicated."""

from __future__ import annotations

from datetime import UTC, datetime

from consumers import migrations, tables
from consumers.release import class_column, class_id, signal_class_id
from consumers.warehouse import Warehouse
from schemas.sharing import BINS
from tests.sharingkit import signals_of, with_report_classes

W = datetime(2026, 10, 6, 9, tzinfo=UTC)


def _world() -> list[dict[str, object]]:
    """Reports of one and of two typologies (a signal per typology and place)."""
    out = []
    for rid, typologies in (("r1", ("forced_labour", "debt_bondage")), ("r2", ("forced_labour",))):
        for t in typologies:
            for s in signals_of([(rid, "org-a", "GREEN", t, "NG", "IT", W)]):
                out.append({**s, "signal_id": f"{s['signal_id']}-{t}"})
    return with_report_classes(out)


def _classes(wh: Warehouse, table: str) -> dict[str, tuple[object, ...]]:
    cols = ", ".join(["report_class", *(class_column(b) for b in BINS)])
    rows = wh.query(f"SELECT signal_id, {cols} FROM {table} FINAL ORDER BY signal_id")
    return {str(r[0]): tuple(r[1:]) for r in rows}


def test_migration_0013_lands_old_rows_again_in_their_reports_class(wh: Warehouse) -> None:
    migrations.migrate(wh)
    world = _world()
    table = tables.SIGNALS
    fresh = tables.to_columns(table, [tables.Landed(s, 0, i) for i, s in enumerate(world)])
    wh.insert(table.name, fresh, table.types)
    want = _classes(wh, "signals")  # as the sink lands them now
    assert len({v for k, v in want.items() if "r1" in k}) == 1  # one class per report
    assert len(set(want.values())) == 2

    migrations.rollback(wh, 12)
    wh.execute("DROP TABLE signals")  # the warehouse as it was, with rows landed then
    wh.execute("DROP TABLE IF EXISTS signals_by_org")
    wh.execute("DROP TABLE IF EXISTS signals_by_org_feed")
    wh.execute("DROP TABLE IF EXISTS class_rows_feed")
    for version in (7, 10):  # their views and copies again, over an old-shaped signals
        mod = next(m for m in migrations.discover() if m.version == version)
        for step in mod.down:
            migrations._run(wh, step)
    old = {k: v for k, v in fresh.items() if k != "report_class"}
    old_types = {k: v for k, v in table.types.items() if k != "report_class"}
    ddl = table.ddl().replace("    report_class String,\n", "")
    for b in BINS:  # the class as it was: a signal's own
        ddl = ddl.replace(class_id(b), signal_class_id(b))
    wh.execute(ddl)
    for version in (7, 10):
        mod = next(m for m in migrations.discover() if m.version == version)
        for step in mod.up:
            migrations._run(wh, step)
    wh.insert(table.name, old, old_types)
    before = wh.query("SELECT count(), uniqExact(release_class_week) FROM signals")[0]
    assert tuple(before) == (len(world), 4)  # a class per signal's attributes, as then

    assert [m.version for m in migrations.migrate(wh)] == [13]
    assert _classes(wh, "signals") == want
    assert _classes(wh, "signals_by_org") == want
    assert wh.query("SELECT count() FROM signals FINAL")[0][0] == len(world)
    assert [m.version for m in migrations.migrate(wh)] == []


def test_normalize_gives_every_signal_of_an_incident_the_incidents_class() -> None:
    """Every signal of an incident carries the same class attributes: those of all its
    signals, as the warehouse writes them (the string migration 0013 computes in SQL)."""
    from schemas.sharing import report_class
    from streams.normalize import incident_signals
    from tests.samples import all_samples

    incident = all_samples("x")["Incident"]
    signals = incident_signals(incident)
    assert len({s.typology for s in signals}) > 1 or len({s.role for s in signals}) > 1
    assert {s.report_class for s in signals} == {
        report_class(s.model_dump(mode="json") for s in signals)
    }
