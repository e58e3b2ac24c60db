"""Planted identifiers in submissions survive nowhere: not on topics, in the warehouse or logs."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from consumers import migrations
from consumers.warehouse import Warehouse, open_warehouse
from producers.intake import idempotency
from producers.intake.sealing import UNREADABLE
from schemas.envelope import is_sealed
from schemas.sharing import Viewer
from schemas.topics import ALL, DLQ, INCIDENTS
from tests.intakekit import read_all, running_api
from tests.sinkkit import Space, caught_up, count, running, wait_for
from tests.test_intake_rules import PLANTED, valid

pytestmark = [pytest.mark.kafka, pytest.mark.chdb]

STORY = (
    "Mr Oluwaseun Adebayo advertised at https://jobs.example.com/apply?ref=9 and "
    "t.me/jobsabroad; write to jane.doe@example.org or lan dot nguyen at gmail dot com, "
    "call +234 803 123 4567 or 0912 345 678. A woman named Maria Gonzalez and "
    "Nguyen Thi Lan, 22, had passport A12345678 and ID 1103700123456 taken."
)


def test_no_planted_identifier_survives_downstream(
    kafka_bootstrap: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    space = Space.create(kafka_bootstrap, tmp_path)
    with running_api(space, tmp_path / "data") as api, api.client(api.key_for("ngo-a")) as http:
        one = http.post("/api/v1/incidents", json=valid(submission_id="p-1", summary=STORY))
        assert one.status_code == 202
        place = {"country": "NG", "name": "near +234 803 123 4567"}
        two = http.post(
            "/api/v1/incidents",
            json=valid(submission_id="p-2", exploitation_places=[place]),
        )
        assert two.status_code == 202
        bad = http.post("/api/v1/incidents", json=valid(summary=STORY, tlp="secret"))
        assert bad.status_code == 422
        lines = [
            json.dumps(valid(submission_id="p-3", summary=STORY)),
            json.dumps(valid(submission_id="p-4", summary=STORY, occurred_on="2099-01-01")),
        ]
        bulk = http.post(
            "/api/v1/incidents/bulk",
            content="\n".join(lines).encode(),
            headers={"Content-Type": "application/x-ndjson"},
        )
        assert (bulk.json()["accepted"], bulk.json()["rejected"]) == (1, 1)
        answers = one.text + two.text + bad.text + bulk.text
    wh = open_warehouse(f"chdb://{tmp_path / 'chdb'}")
    try:
        _check_downstream(space, wh, answers, caplog)
    finally:
        wh.close()  # chDB serves one path per process: free it for other tests


def _check_downstream(
    space: Space, wh: Warehouse, answers: str, caplog: pytest.LogCaptureFixture
) -> None:
    migrations.migrate(wh)
    with running(space.sink(wh, batch_seconds=0.2)):
        # the sink commits past transaction markers, so it catches up to the end offsets
        wait_for(lambda: caught_up(space, INCIDENTS) and caught_up(space, DLQ), what="sink")
    assert count(wh, "incidents") == 3
    assert count(wh, "dead_letters") == 2
    stored = [repr(wh.query(f"SELECT * FROM {table}")) for table in ("incidents", "dead_letters")]
    summaries = [r[0] for r in wh.query("SELECT summary FROM incidents FINAL WHERE summary != ''")]
    assert len(summaries) == 2
    assert all(is_sealed(text) for text in summaries)  # the scrubbed text, sealed
    topics = b"".join(v for spec in (INCIDENTS, DLQ) for _, v in read_all(space, spec))
    for planted in [*PLANTED, "+234 803 123 4567"]:
        assert planted.encode() not in topics, planted
        assert all(planted not in text for text in stored), planted
        assert planted not in caplog.text, planted
        assert planted not in answers, planted


CANARY = "recruited through a lilac harbour canary advert for kitchen work"
# a partner's own id may name its case file or the person in it
SID = "case-umber-finch-0417"


def test_partner_text_is_sealed_everywhere_and_forgetting_shreds_it(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """Issue 16.7: no plaintext summary on any topic, in any table or file; only the owner
    reads it back; after `orgs forget` nobody can. The partner's own submission id too: it
    ties the coded fields back to the partner's case file."""
    from tahub import query_api, wiring

    space = Space.create(kafka_bootstrap, tmp_path)
    data = tmp_path / "data"
    with running_api(space, data) as api, api.client(api.key_for("ngo-a")) as http:
        place = {"country": "KH", "name": "Sihanoukville port"}
        one = http.post("/api/v1/incidents", json=valid(submission_id=SID, summary=CANARY,
                        exploitation_places=[place]))  # fmt: skip
        assert one.status_code == 202, one.text
        incident_id = one.json()["incident_id"]
        bulk = http.post(
            "/api/v1/incidents/bulk",
            content=json.dumps(valid(submission_id="s-2", summary=CANARY)).encode(),
            headers={"Content-Type": "application/x-ndjson"},
        )
        assert bulk.json()["accepted"] == 1
        settings = api.settings
    # every topic, as raw bytes and decoded
    raw = b"".join(v or b"" for spec in ALL for _, v in read_all(space, spec))
    assert b"lilac harbour" not in raw
    assert b"Sihanoukville port" not in raw
    assert SID.encode() not in raw
    wh = open_warehouse(f"chdb://{tmp_path / 'chdb'}")
    try:
        migrations.migrate(wh)
        with running(space.sink(wh, batch_seconds=0.2)):
            wait_for(lambda: caught_up(space, INCIDENTS), what="sink")
        stored = repr(wh.query("SELECT * FROM incidents FINAL"))
        assert "lilac harbour" not in stored
        assert "Sihanoukville port" not in stored
        assert SID not in stored
        # files the intake and the vault keep: idempotency records, keys, the vault
        for path in data.rglob("*"):
            if path.is_file():
                assert b"lilac harbour" not in path.read_bytes(), path
        # the owner reads it back; another organisation, the public: the same "no such"
        vault = wiring.vault(settings)
        owner = query_api.run(wh, "incident", {"id": incident_id}, Viewer("ngo-a"), 3,
                              opener=vault.open).as_dicts()[0]  # fmt: skip
        assert owner["summary"] == CANARY
        assert owner["submission_id"] == SID
        (port,) = [p for p in owner["places"] if p["role"] == "exploitation"]
        assert port["name"] == "Sihanoukville port"
        for other in (Viewer("ngo-b"), Viewer()):
            with pytest.raises(query_api.QueryError, match="no incident"):
                query_api.run(wh, "incident", {"id": incident_id}, other, 3, opener=vault.open)
        # an erasure request: the organisation's keys go, its text with them
        assert vault.forget("ngo-a") == 1
        vault.close()
        assert idempotency.forget(settings.intake_db_path, "ngo-a") == 2  # as `orgs forget`
        for path in data.rglob("*"):
            if path.is_file():
                assert SID.encode() not in path.read_bytes(), path
        fresh = wiring.vault(settings)  # as any other process would see it
        gone = query_api.run(wh, "incident", {"id": incident_id}, Viewer("ngo-a"), 3,
                             opener=fresh.open).as_dicts()[0]  # fmt: skip
        assert gone["summary"] == UNREADABLE
        assert gone["submission_id"] == UNREADABLE
        assert [p["name"] for p in gone["places"] if p["role"] == "exploitation"] == [UNREADABLE]
        fresh.close()
    finally:
        wh.close()
