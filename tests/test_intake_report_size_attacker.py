"""Issue 16, attacked with intake.db in hand: a stored bulk report is sealed, but its
length was the report's to the byte, and the report's length is fixed parts plus the
partner's submission ids (a name, a case number). Whoever holds a copy and guesses the ids
of an upload confirms or rules out the guess by its length, as the exact sizes of dead
letters once did. A report is now padded to a power of two (at least 1 KiB) before it is
sealed, as a dead letter's size is kept, and still answers its replay unchanged."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

from producers.intake import service as svc
from producers.intake.checker import RowChecker
from producers.intake.idempotency import IdempotencyStore
from schemas.ids import IdKey
from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import INCIDENTS
from schemas.vault import MasterKeys, Vault
from tests.intake_fakes import RecordingPublisher
from tests.test_intake_rules import valid


def _stored_sizes(path: Path) -> list[int]:
    with sqlite3.connect(path) as db:
        return [int(r[0]) for r in db.execute("SELECT length(body) FROM requests ORDER BY 1")]


def test_a_stored_report_does_not_tell_the_length_of_its_ids(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault.db", MasterKeys({"m1": b"m" * 32}, "m1"))
    store = IdempotencyStore(tmp_path / "intake.db", keys=vault)
    serde = Serde(open_registry(f"mock://{tmp_path.name}"), "t.")
    checker = RowChecker(serde.encoder(INCIDENTS), 0, IdKey.offline())
    service = svc.IntakeService(
        RecordingPublisher(), serde.encode, "t.", store, checker,  # type: ignore[arg-type]
        keys=vault.current, key_of=vault.key, first=vault.oldest,
    )  # fmt: skip
    try:
        answers = {}
        for key, sid in (("upload-1", "c-7"), ("upload-2", "case-maria-petrova-2026-017")):
            body = (json.dumps(valid(submission_id=sid)) + "\n").encode()
            answers[key] = service.submit_file("ngo-a", body, fmt="jsonl", idempotency_key=key)
            assert answers[key].status == 200
        store.flush()
        short, long_ = _stored_sizes(tmp_path / "intake.db")
        assert short == long_, "the sealed report's length tells the guessed id's length"
        body = (json.dumps(valid(submission_id="c-7")) + "\n").encode()
        replay = service.submit_file("ngo-a", body, fmt="jsonl", idempotency_key="upload-1")
        assert replay.body == {**answers["upload-1"].body, "replayed": True}
        assert asyncio.run(service.submit_one("ngo-a", valid(submission_id="c-7"), None)).body[
            "duplicate"
        ]
    finally:
        service.close()
        vault.close()
