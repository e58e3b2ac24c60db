"""Issue 16, attacked with the deployment's id key in hand (a copied data dir that held
`id.key`, a leaked `TAHUB_ID_KEY`) and a copy of a topic, the warehouse or intake.db.
Incident ids were a keyed hash of (organisation, submission id) under that one key, so
whoever held it confirmed a guessed submission id (which may name the case file or the
person) by computing its id and finding it in the copy, before and after `tahub orgs
forget`. Now each organisation's ids are under the id key narrowed by a subkey of its
first data key (``submission.org_ids``): the id key alone confirms nothing, forget makes
the ids uncomputable, and retries still land on one id across key rotation."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from producers.intake import service as svc
from producers.intake.checker import RowChecker
from producers.intake.idempotency import IdempotencyStore
from producers.intake.submission import incident_id, org_ids
from schemas.ids import IdKey
from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import INCIDENTS
from schemas.vault import MasterKeys, Vault
from tests.intake_fakes import RecordingPublisher
from tests.test_intake_rules import valid

MASTER = MasterKeys({"m1": b"m" * 32}, "m1")
IDS = IdKey(bytes(range(32)))  # the deployment's id key, which the attacker holds
ONE = "case-maria-petrova-2026-017"  # a partner's own id for a single submission
ROW = "file-oksana-hryhorenko-row-3"  # one row's id in a bulk file


def _service(tmp_path: Path, vault: Vault, db: str = "intake.db") -> svc.IntakeService:
    serde = Serde(open_registry(f"mock://{tmp_path.name}"), "t.")
    return svc.IntakeService(
        RecordingPublisher(), serde.encode, "t.",  # type: ignore[arg-type]
        IdempotencyStore(tmp_path / db, keys=vault),
        RowChecker(serde.encoder(INCIDENTS), 0, IDS),  # in this process
        keys=vault.current, key_of=vault.key, first=vault.oldest,
    )  # fmt: skip


@pytest.fixture
def vault(tmp_path: Path) -> Any:
    v = Vault(tmp_path / "vault.db", MASTER)
    yield v
    v.close()


def _one(service: svc.IntakeService, org: str, sid: str) -> str:
    out = asyncio.run(service.submit_one(org, valid(submission_id=sid), None))
    assert out.status == 202
    return str(out.body["incident_id"])


def _row(service: svc.IntakeService, org: str, sid: str) -> str:
    body = (json.dumps(valid(submission_id=sid)) + "\n").encode()
    out = service.submit_file(org, body, fmt="jsonl", idempotency_key=None)
    assert (out.status, out.body["accepted"]) == (200, 1)
    sent = service._pub.sent  # type: ignore[attr-defined]  # the keys on the topic
    return str(sent[-1].decode()) if sent else ""


def test_the_id_key_alone_confirms_no_guessed_submission_id(tmp_path: Path, vault: Vault) -> None:
    service = _service(tmp_path, vault)
    one = _one(service, "ngo-a", ONE)
    seen = {one, *(k.decode() for k in service._pub.sent)}  # type: ignore[attr-defined]
    rows = service.submit_file(
        "ngo-a", (json.dumps(valid(submission_id=ROW)) + "\n").encode(), fmt="jsonl",
        idempotency_key=None,
    )  # fmt: skip
    assert rows.status == 200
    store = service._store  # the bookkeeping a copy of intake.db holds
    store.flush()
    seen |= {s.incident_id for s in store.seen("ngo-a", [ONE, ROW]).values()}
    for guess in (ONE, ROW):
        # the formula under the deployment's key, and under another partner's own ids
        assert incident_id(IDS, "ngo-a", guess) not in seen
        assert incident_id(org_ids(IDS, vault.oldest("ngo-b")), "ngo-a", guess) not in seen
    # with the master key too (an operator's, audited), the id is computable: sanity
    assert incident_id(org_ids(IDS, vault.oldest("ngo-a")), "ngo-a", ONE) == one
    assert incident_id(org_ids(IDS, vault.oldest("ngo-a")), "ngo-a", ROW) in seen
    service.close()


def test_a_retry_lands_on_one_id_across_rotation_and_after_lost_bookkeeping(
    tmp_path: Path, vault: Vault
) -> None:
    """A crash between the broker's acknowledgement and the bookkeeping: the retry is not
    recognised, and must still collapse downstream on the same id, single or bulk."""
    first = _service(tmp_path, vault)
    one = _one(first, "ngo-a", ONE)
    row = _row(first, "ngo-a", ROW)
    first.close()
    vault.rotate("ngo-a")
    again = _service(tmp_path, vault, db="lost.db")  # nothing remembered
    assert _one(again, "ngo-a", ONE) == one
    assert _row(again, "ngo-a", ROW) == row
    # another partner naming the same ids makes its own, unrelated ones
    assert _one(again, "ngo-b", ONE) != one
    again.close()


def test_after_forget_nobody_computes_the_ids(tmp_path: Path, vault: Vault) -> None:
    """Forget erases the organisation's data keys: with the id key and the master key,
    the ids of its old incidents are no longer computable, and new ones differ."""
    service = _service(tmp_path, vault)
    one = _one(service, "ngo-a", ONE)
    service.close()
    vault.forget("ngo-a")
    later = _service(tmp_path, vault, db="after.db")
    assert incident_id(org_ids(IDS, vault.oldest("ngo-a")), "ngo-a", ONE) != one
    assert _one(later, "ngo-a", ONE) != one
    later.close()
