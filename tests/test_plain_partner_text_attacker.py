"""Attacked with the warehouse (an operator, a copy of it) after a replay of the incidents
topic: the sink refused a plain submission id since m0011, but landed any other partner
text as the record carried it. A record written before the intake sealed summaries and
place names (31283e0), or by a producer that skips sealing, landed its summary and the
names of its places in plain, out of reach of `tahub orgs forget`, and migration 0011
blanked only plain ids among those landed before. The sink now lands partner text only
sealed, one rule for every field the intake seals (``consumers.tables.sealed_only``: the
summary, the place names and the submission id), and migration 0012 blanks the plain
summaries and place names landed before. On both warehouses (chDB, and ClickHouse 18.16)."""

from __future__ import annotations

import json
from typing import Any

from consumers import migrations, tables
from consumers.warehouse import Warehouse
from schemas.envelope import DataKey

KEY = DataKey("ngo-a", "dk-1", b"k" * 32)
PLAIN_SUMMARY = "made-up survivor text naming a made-up person"
PLAIN_PLACE = "made-up house of a made-up person"
TRICKY = 'made-up "home" \\ of ž, "name":"tahub:v1:' + PLAIN_PLACE  # JSON escapes in it


def _place(name: str | None) -> dict[str, Any]:
    return {"country": "TH", "lat": 13.75, "lon": 100.5, "name": name}


def _records() -> list[dict[str, Any]]:
    from tests.samples import all_samples

    base = all_samples("x")["Incident"].to_avro()
    sealed_summary = KEY.seal("summary", "scrubbed text")
    sealed_place = KEY.seal("place", "Bangkok")
    return [
        base | {"incident_id": "inc-1", "org_id": "ngo-a", "summary": PLAIN_SUMMARY,
                "recruitment_places": [_place(PLAIN_PLACE)], "transit_places": [],
                "exploitation_places": [_place(sealed_place)]},
        base | {"incident_id": "inc-2", "org_id": "ngo-a", "summary": sealed_summary,
                "recruitment_places": [_place(None)], "transit_places": [],
                "exploitation_places": [_place(sealed_place)]},
        # a shape the fast path leaves to json.dumps (a place with a key of its own)
        base | {"incident_id": "inc-3", "org_id": "ngo-a", "summary": None,
                "recruitment_places": [_place(TRICKY) | {"extra": 1}],
                "transit_places": [], "exploitation_places": []},
    ]  # fmt: skip


def test_the_sink_lands_no_plain_summary_or_place_name() -> None:
    records = _records()
    cols = tables.to_columns(tables.INCIDENTS, [tables.Landed(r, 0, 0) for r in records])
    assert cols["summary"] == ["", records[1]["summary"], ""]
    names = [[p.get("name") for p in json.loads(s)] for s in cols["places"]]
    sealed = records[0]["exploitation_places"][0]["name"]
    assert names == [[None, sealed], [None, sealed], [None]]
    landed = json.dumps(cols, default=str)
    assert PLAIN_SUMMARY not in landed
    assert PLAIN_PLACE not in landed
    assert KEY.open("summary", cols["summary"][1]) == "scrubbed text"  # sealed ones kept


def test_migration_0012_blanks_the_plain_text_landed_before(wh: Warehouse) -> None:
    migrations.migrate(wh)
    migrations.rollback(wh, 11)  # the warehouse as it was, with plain text landed
    records = _records()
    table = tables.INCIDENTS
    cols = tables.to_columns(table, [tables.Landed(r, 0, i) for i, r in enumerate(records)])
    # as the sink landed them before: the text as the record carried it
    cols["summary"] = [r["summary"] or "" for r in records]
    cols["places"] = [
        tables._json([{"role": role, **p} for role in ("recruitment", "transit", "exploitation")
                      for p in r[f"{role}_places"]])
        for r in records
    ]  # fmt: skip
    wh.insert(table.name, cols, table.types)
    read = "SELECT incident_id, summary, places FROM incidents FINAL ORDER BY incident_id"
    before = "".join(str(row) for row in wh.query(read))
    assert PLAIN_SUMMARY in before  # the attack, before
    assert PLAIN_PLACE in before

    assert [m.version for m in migrations.migrate(wh)] == [12, 13]
    after = wh.query(read)
    assert PLAIN_SUMMARY not in str(after)
    assert PLAIN_PLACE not in str(after)
    sealed = records[0]["exploitation_places"][0]["name"]
    summaries = {i: s for i, s, _ in after}
    names = {i: [(p["country"], p.get("name")) for p in json.loads(js)] for i, _, js in after}
    assert summaries == {"inc-1": "", "inc-2": records[1]["summary"], "inc-3": ""}
    assert names == {
        "inc-1": [("TH", None), ("TH", sealed)],
        "inc-2": [("TH", None), ("TH", sealed)],
        "inc-3": [("TH", None)],
    }
    assert KEY.open("place", sealed) == "Bangkok"  # sealed ones kept whole
    assert KEY.open("summary", summaries["inc-2"]) == "scrubbed text"
    migrations.rollback(wh, 11)
    assert [m.version for m in migrations.migrate(wh)] == [12, 13]  # again: nothing left
    assert wh.query(read) == after
