"""`tahub orgs forget` while the intake runs: the intake kept deriving the organisation's
id index from the key it had read for up to 5 s, so submissions in those seconds were
kept under the erased key. Once it read the new one, a retry of any of them was not
recognised (produced again, a second report time counted in a second window) and the same
submission id with other content was accepted instead of refused with 409; a record held
then was never released. The index now follows the organisation's first key as soon as
the vault has a new one."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from producers.intake import idempotency
from producers.intake import service as svc
from schemas.vault import MasterKeys, Vault
from tests.intake_fakes import vault_service
from tests.test_intake_rules import valid


def test_submissions_right_after_forget_are_kept_under_the_new_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(svc, "encoded_incident", lambda sub, org, sid, *a: (f"inc-{sid}", b"x"))
    vault = Vault(tmp_path / "vault.db", MasterKeys({"m1": b"m" * 32}, "m1"))
    service, store = vault_service(tmp_path, vault)

    def submit(data: dict[str, Any]) -> svc.Outcome:
        return asyncio.run(service.submit_one("ngo-a", data, None))

    try:
        assert submit(valid(submission_id="case-1")).status == 202
        store.flush()
        vault.forget("ngo-a")  # `tahub orgs forget ngo-a`, as the intake runs
        idempotency.forget(tmp_path / "intake.db", "ngo-a")
        assert submit(valid(submission_id="case-2")).body["duplicate"] is False
        store.flush()
        monkeypatch.setattr(time, "monotonic", lambda: time.time() + 1e9)  # much later
        again = submit(valid(submission_id="case-2"))
        assert (again.status, again.body["duplicate"]) == (202, True)
        assert submit(valid(submission_id="case-2", summary="another text")).status == 409
    finally:
        store.close()
        vault.close()
