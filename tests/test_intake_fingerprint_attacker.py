"""Issue 16, attacked with the data dir in hand: intake.db kept an unkeyed SHA-256 of each
unscrubbed submission forever, so whoever held it (or a backup) confirmed a guessed text
by hashing it, and `tahub orgs forget` left those rows. Fingerprints are now keyed under
the organisation's data key; forget erases the rows; a legacy plain one still answers a
retry of its submission."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from producers.intake import fingerprints, idempotency
from producers.intake import service as svc
from producers.intake.idempotency import IdempotencyStore
from producers.intake.submission import Submission, fingerprint, parse
from schemas.vault import MasterKeys, Vault
from tests.intake_fakes import vault_service
from tests.test_intake_rules import valid

GUESS = "Maria Petrova, 34, recruited through a lilac harbour advert for kitchen work"


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(svc, "encoded_incident", lambda sub, org, sid, *a: (f"inc-{sid}", b"x"))
    vault = Vault(tmp_path / "vault.db", MasterKeys({"m1": b"m" * 32}, "m1"))
    service, store = vault_service(tmp_path, vault)
    yield service, store, vault
    store.close()
    vault.close()


def _submit(service: svc.IntakeService, org: str, data: dict[str, Any]) -> svc.Outcome:
    return asyncio.run(service.submit_one(org, data, None))


def _plain(data: dict[str, Any]) -> str:
    parsed = parse(data)
    assert isinstance(parsed, Submission)
    return fingerprint(parsed)  # what an attacker computes from a guess


def _stored(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return [(r[0], r[1]) for r in db.execute("SELECT org_id, fingerprint FROM submissions")]


def test_a_guessed_text_cannot_be_confirmed_from_intake_db(parts: Any, tmp_path: Path) -> None:
    service, store, _ = parts
    data = valid(submission_id="s-1", summary=GUESS)
    assert _submit(service, "ngo-a", data).status == 202
    store.flush()
    guess = _plain(valid(submission_id="s-1", summary=GUESS))
    (row,) = _stored(tmp_path / "intake.db")
    assert row[1] != guess
    assert guess.encode() not in (tmp_path / "intake.db").read_bytes()
    # the partner's own retries still work: the same content is a duplicate, other a 409
    again = _submit(service, "ngo-a", data)
    assert (again.status, again.body["duplicate"]) == (202, True)
    assert _submit(service, "ngo-a", valid(submission_id="s-1", summary="other")).status == 409


def test_a_rotated_data_key_still_answers_a_retry(parts: Any) -> None:
    service, store, vault = parts
    data = valid(submission_id="s-1", summary=GUESS)
    assert _submit(service, "ngo-a", data).status == 202
    store.flush()
    vault.rotate("ngo-a")
    again = _submit(service, "ngo-a", data)
    assert (again.status, again.body["duplicate"]) == (202, True)
    assert _submit(service, "ngo-a", valid(submission_id="s-1", summary="other")).status == 409


def test_forget_erases_the_organisations_fingerprints(
    parts: Any, tmp_path: Path, tahub_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from tahub.cli import cli

    service, store, _ = parts
    for org in ("ngo-a", "ngo-b"):
        assert _submit(service, org, valid(submission_id="s-1", summary=GUESS)).status == 202
    store.keep_response("ngo-a", "bulk-1", "k1:x:y", 200, b"{}")
    store.flush()
    kept = dict(_stored(tmp_path / "intake.db"))["ngo-a"]
    monkeypatch.setenv("TAHUB_INTAKE_DB", str(tmp_path / "intake.db"))
    monkeypatch.setenv("TAHUB_VAULT_DB", str(tmp_path / "vault.db"))
    monkeypatch.setenv("TAHUB_MASTER_KEY", "m1:" + (b"m" * 32).hex())
    run = CliRunner().invoke(cli, ["orgs", "forget", "ngo-a", "--yes"])
    assert run.exit_code == 0, run.output
    assert "erased 2 idempotency record(s)" in run.output
    assert [org for org, _ in _stored(tmp_path / "intake.db")] == ["ngo-b"]
    assert kept.encode() not in (tmp_path / "intake.db").read_bytes()  # freed pages overwritten
    assert idempotency.forget(tmp_path / "intake.db", "ngo-a") == 0


def test_a_fingerprint_made_under_an_erased_key_confirms_nothing(parts: Any) -> None:
    """A row written after forget (the running intake flushes what it held in memory) is
    under a key nobody has any more: no content matches it."""
    service, store, vault = parts
    assert _submit(service, "ngo-a", valid(submission_id="s-1", summary=GUESS)).status == 202
    (seen,) = store.seen("ngo-a", ["s-1"]).values()
    vault.forget("ngo-a")
    digest = _plain(valid(submission_id="s-1", summary=GUESS))
    assert not service._same("ngo-a", seen.fingerprint, digest)
    assert hashlib.sha256(GUESS.encode()).hexdigest() not in seen.fingerprint


REPORT = b'{"rows": [{"submission_id": "old-1", "incident_id": "inc-7"}]}'


def _older_store(path: Path, rows: list[tuple[str, str, str]], version: int) -> None:
    """intake.db as an older version left it: (org, submission id, fingerprint) rows with
    the ids in plain, and a bulk report in plain under the key "case-file-17", at
    ``user_version`` ``version``."""
    from producers.intake.idempotency import _SCHEMA

    with sqlite3.connect(path) as db:
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO submissions VALUES (?,?,?,'inc-7',0.0)",
                       rows)  # fmt: skip
        db.execute("INSERT INTO requests VALUES (?,?,?,?,?,?)",
                   ("ngo-a", "case-file-17", rows[0][2], 200, REPORT, 9e9))  # fmt: skip
        db.execute(f"PRAGMA user_version = {version}")


@pytest.mark.parametrize("version", [0, 1])
def test_a_store_from_before_is_converted_at_start(
    parts: Any, tmp_path: Path, version: int
) -> None:
    """The intake keys the plain digests an older version stored (a MAC of the digest needs
    no content) and the plain submission ids, so the data dir confirms no guess from then
    either and names no case; retries still match."""
    service, store, vault = parts
    store.close()
    (tmp_path / "intake.db").unlink()
    data = valid(submission_id="old-1", summary=GUESS)
    plain = _plain(data)
    kept = plain if version == 0 else fingerprints.keyed(vault.current("ngo-a"), plain)
    _older_store(tmp_path / "intake.db", [("ngo-a", "old-1", kept)], version)
    store = service._store = IdempotencyStore(tmp_path / "intake.db", keys=vault)
    with sqlite3.connect(tmp_path / "intake.db") as db:  # later starts read this, not the rows
        assert db.execute("PRAGMA user_version").fetchone() == (idempotency.INDEXED_VERSION,)
    assert [fp.startswith("k1:") for _, fp in _stored(tmp_path / "intake.db")] == [True]
    raw = (tmp_path / "intake.db").read_bytes()
    assert plain.encode() not in raw
    assert b"old-1" not in raw
    assert b"case-file-17" not in raw
    assert b"inc-7" in raw
    report = store.response("ngo-a", "case-file-17")
    assert report is not None
    assert report.body == REPORT  # the replay still answers
    again = _submit(service, "ngo-a", data)
    assert (again.status, again.body) == (
        202, {"incident_id": "inc-7", "submission_id": "old-1", "duplicate": True}
    )  # fmt: skip
    assert _submit(service, "ngo-a", valid(submission_id="old-1", summary="other")).status == 409
    store.close()
    reopened = IdempotencyStore(tmp_path / "intake.db", keys=vault)  # converted once only
    assert list(reopened.seen("ngo-a", ["old-1"])) == ["old-1"]
    reopened.close()
