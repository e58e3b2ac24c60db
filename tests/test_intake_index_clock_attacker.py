"""intake.db keeps a partner's submission ids and Idempotency-Keys keyed under its first
data key (``Vault.oldest``), found as the key made earliest by the clock. A clock that was
ahead when the first key was made (and set right before a rotation) made the rotated key
the "first": every id the organisation had sent was then looked up under another key,
so a retry was produced again (a second report time, counted in two windows) and the same
submission id with other content was accepted instead of refused with 409. The first key
is now the first made, whatever the clock said."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from producers.intake import service as svc
from schemas.vault import MasterKeys, Vault
from tests.intake_fakes import vault_service
from tests.test_intake_rules import valid


def test_a_rotation_after_the_clock_was_set_back_keeps_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(svc, "encoded_incident", lambda sub, org, sid, *a: (f"inc-{sid}", b"x"))
    vault = Vault(tmp_path / "vault.db", MasterKeys({"m1": b"m" * 32}, "m1"))
    real = time.time
    with monkeypatch.context() as m:
        m.setattr(time, "time", lambda: real() + 86400.0)  # a day ahead, then set right
        first = vault.current("ngo-a")
    service, store = vault_service(tmp_path, vault)

    def submit(data: dict[str, Any]) -> svc.Outcome:
        return asyncio.run(service.submit_one("ngo-a", data, None))

    try:
        assert submit(valid(submission_id="case-17")).status == 202
        store.flush()
        vault.rotate("ngo-a")
        assert vault.oldest("ngo-a").key_id == first.key_id
        store._indexers.clear()  # as 5 s later
        again = submit(valid(submission_id="case-17"))
        assert (again.status, again.body["duplicate"]) == (202, True)
        assert submit(valid(submission_id="case-17", summary="another text")).status == 409
    finally:
        store.close()
        vault.close()
