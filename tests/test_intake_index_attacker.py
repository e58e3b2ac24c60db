"""Issue 16, attacked with intake.db in hand (a copied data dir, a backup, a local user):
it kept each partner's submission ids and Idempotency-Keys in plain, and every stored bulk
report listed them, although a partner's id may name its case file or the person in it,
and the sealed copy in Kafka and the warehouse went with `tahub orgs forget` while these
stayed until forget ran and in every backup made before. Now they are keyed digests under
the organisation's first data key and the reports are sealed under its current one: the
file names no case, a guess cannot be confirmed without the key, another partner's key
finds nothing, and the partner's own retries and replays still answer."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from producers.intake import idempotency
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

MASTER = MasterKeys({"m1": b"m" * 32}, "m1")
ONE = "case-maria-petrova-2026-017"  # a partner's own id for a single submission
ROW = "file-oksana-hryhorenko-row-3"  # one row's id in a bulk file
UPLOAD = "upload-thida-aung-intake-notes"  # the bulk request's Idempotency-Key


@pytest.fixture
def parts(tmp_path: Path) -> Any:
    vault = Vault(tmp_path / "vault.db", MASTER)
    store = IdempotencyStore(tmp_path / "intake.db", keys=vault)
    serde = Serde(open_registry(f"mock://{tmp_path.name}"), "t.")
    checker = RowChecker(serde.encoder(INCIDENTS), 0, IdKey.offline())  # in this process
    service = svc.IntakeService(
        RecordingPublisher(), serde.encode, "t.", store, checker,  # type: ignore[arg-type]
        keys=vault.current, key_of=vault.key, first=vault.oldest,
    )  # fmt: skip
    yield service, store, vault
    service.close()
    vault.close()


def _submitted(service: svc.IntakeService) -> svc.Outcome:
    """ngo-a's day: one submission and one bulk file under a key; the file's report."""
    assert asyncio.run(service.submit_one("ngo-a", valid(submission_id=ONE), None)).status == 202
    body = (json.dumps(valid(submission_id=ROW)) + "\n").encode()
    out = service.submit_file("ngo-a", body, fmt="jsonl", idempotency_key=UPLOAD)
    assert (out.status, out.body["accepted"]) == (200, 1)
    return out


def _file(tmp_path: Path) -> bytes:
    """Every byte of intake.db and its journals, as a copy of the data dir holds them."""
    return b"".join(p.read_bytes() for p in tmp_path.glob("intake.db*"))


def test_intake_db_names_no_case_of_a_partner(parts: Any, tmp_path: Path) -> None:
    service, store, _ = parts
    _submitted(service)
    store.flush()
    raw = _file(tmp_path)
    for text in (ONE, ROW, UPLOAD):
        assert text.encode() not in raw, "a partner's id is readable in intake.db"
    assert b'"accepted"' not in raw  # the stored report is sealed, not just its ids


def test_the_partner_still_gets_its_answers(parts: Any) -> None:
    service, store, vault = parts
    first = _submitted(service)
    store.flush()
    vault.rotate("ngo-a")  # the index key is the first one, which rotation keeps
    again = asyncio.run(service.submit_one("ngo-a", valid(submission_id=ONE), None))
    assert (again.status, again.body["duplicate"], again.body["submission_id"]) == (
        202, True, ONE
    )  # fmt: skip
    other = valid(submission_id=ONE, summary="another text under the same id")
    assert asyncio.run(service.submit_one("ngo-a", other, None)).status == 409
    body = (json.dumps(valid(submission_id=ROW)) + "\n").encode()
    replay = service.submit_file("ngo-a", body, fmt="jsonl", idempotency_key=UPLOAD)
    assert replay.body == {**first.body, "replayed": True}


def test_another_partner_finds_nothing_by_naming_the_ids(parts: Any) -> None:
    """ngo-b knows (or guesses) ngo-a's ids: under its own key they are its own, new ones."""
    service, store, _ = parts
    _submitted(service)
    store.flush()
    assert store.seen("ngo-b", [ONE, ROW]) == {}
    assert store.response("ngo-b", UPLOAD) is None
    mine = asyncio.run(service.submit_one("ngo-b", valid(submission_id=ONE), None))
    assert (mine.status, mine.body["duplicate"]) == (202, False)


def test_a_guess_cannot_be_confirmed_without_the_key(parts: Any, tmp_path: Path) -> None:
    """The digest is keyed: the attacker's own data key (another organisation's, or a
    fresh one) makes other values for the same guess."""
    service, store, vault = parts
    _submitted(service)
    store.flush()
    raw = _file(tmp_path)
    for org in ("ngo-b", "ngo-a-forged"):
        guess = idempotency.indexer(vault.oldest(org))(ONE)
        assert guess.encode() not in raw
    assert idempotency.indexer(vault.oldest("ngo-a"))(ONE).encode() in raw  # sanity


def test_after_forget_the_report_does_not_open(parts: Any, tmp_path: Path) -> None:
    """A copy of intake.db made before forget holds the sealed report; the key is gone."""
    service, store, vault = parts
    _submitted(service)
    store.flush()
    backup = tmp_path / "backup"
    backup.mkdir()
    for p in tmp_path.glob("intake.db*"):
        (backup / p.name).write_bytes(p.read_bytes())
    vault.forget("ngo-a")
    old = IdempotencyStore(backup / "intake.db", keys=vault)
    try:
        assert old.response("ngo-a", UPLOAD) is None  # the index key is new: not found
        (body,) = old._db.execute("SELECT body FROM requests").fetchone()
        assert old._open("ngo-a", bytes(body)) is None  # and the row itself does not open
    finally:
        old.close()
