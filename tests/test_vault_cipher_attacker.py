"""A data key's cached cipher (schemas.envelope.DataKey._aead) against crypto-shredding and
against use for another organisation.

The cipher is made once per key object and lives as long as it; a long-running process
(the API, the sink, an import's workers) must still lose an organisation's text once
`tahub orgs forget` has erased its keys: at once in the process that forgot, within the
vault's cache time (CACHE_SECONDS, documented) in any other, and a key object of one
organisation must never open or seal as another's, however it was copied or pickled.
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from schemas.envelope import SealError
from schemas.vault import CACHE_SECONDS, MasterKeys, Vault

M1 = MasterKeys({"m1": bytes(range(32))}, "m1")


def test_a_forget_reaches_a_process_whose_key_had_sealed_and_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr("schemas.vault.time.monotonic", lambda: now[0])
    api, operator = Vault(tmp_path / "v.db", M1), Vault(tmp_path / "v.db", M1)
    key = api.current("org-a")
    sealed = key.seal("summary", "text of org a")  # the cipher is made and kept
    assert api.open("org-a", "summary", sealed) == "text of org a"
    assert operator.forget("org-a") == 1  # `tahub orgs forget org-a`, another process
    now[0] += CACHE_SECONDS + 0.1
    with pytest.raises(SealError, match="erased"):
        api.open("org-a", "summary", sealed)
    # the organisation's next key is a new one: nothing sealed before opens under it
    fresh = api.current("org-a")
    assert fresh.key_id != key.key_id
    with pytest.raises(SealError):
        fresh.open("summary", sealed)
    assert api.open("org-a", "summary", fresh.seal("summary", "new")) == "new"


def test_in_the_forgetting_process_the_text_is_gone_at_once(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "v.db", M1)
    key = vault.current("org-a")
    sealed = key.seal("summary", "text of org a")
    assert vault.open("org-a", "summary", sealed) == "text of org a"
    vault.forget("org-a")
    with pytest.raises(SealError, match="erased"):
        vault.open("org-a", "summary", sealed)
    assert vault.key("org-a", key.key_id) is None


def test_a_key_object_seals_and_opens_only_as_its_organisation(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "v.db", M1)
    a, b = vault.current("org-a"), vault.current("org-b")
    of_a = a.seal("summary", "text of org a")  # a's cipher made
    b.seal("summary", "warm b's cipher too")
    with pytest.raises(SealError):
        b.open("summary", of_a)
    with pytest.raises(SealError):
        vault.open("org-b", "summary", of_a)  # asked as org-b: a's key id is not b's
    # a copy relabelled as org-b (the same key bytes) does not carry a's cipher's binding
    relabelled = dataclasses.replace(a, org_id="org-b")
    with pytest.raises(SealError):
        relabelled.open("summary", of_a)
    with pytest.raises(SealError):
        a.open("summary", relabelled.seal("summary", "as org-b"))
    # a key sent to a worker process travels without its cipher and is the same key there
    travelled = pickle.loads(pickle.dumps(a))
    assert "_aead" in a.__dict__
    assert "_aead" not in travelled.__dict__
    assert travelled == a
    assert travelled.open("summary", of_a) == "text of org a"
    assert a.open("summary", travelled.seal("summary", "back")) == "back"
