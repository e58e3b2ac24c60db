"""The vault and channel secrets: sealing, binding, rotation, erasure, and organisations
that try to use each other's secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.secrets import SecretError, Secrets
from schemas.envelope import SealError, is_sealed
from schemas.vault import MasterKeys, Vault

M1 = MasterKeys({"m1": bytes(range(32))}, "m1")


def _vault(tmp_path: Path, masters: MasterKeys = M1) -> Vault:
    return Vault(tmp_path / "vault.db", masters)


def test_text_is_sealed_per_organisation_and_field(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    key_a = vault.current("org-a")
    sealed = key_a.seal("summary", "Recruited through an online job advert.")
    assert is_sealed(sealed)
    assert "job advert" not in sealed
    assert vault.open("org-a", "summary", sealed) == "Recruited through an online job advert."
    assert vault.current("org-a") == key_a  # one current key, made once
    with pytest.raises(SealError):
        vault.open("org-b", "summary", sealed)  # another organisation's text
    with pytest.raises(SealError):
        vault.open("org-a", "place", sealed)  # moved into another field
    tampered = sealed[:-3] + ("AAA" if not sealed.endswith("AAA") else "BBB")
    with pytest.raises(SealError):
        vault.open("org-a", "summary", tampered)
    assert (tmp_path / "vault.db").stat().st_mode & 0o777 == 0o600


def test_forgetting_an_organisation_shreds_its_text_everywhere(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    sealed = vault.current("org-a").seal("summary", "text of org a")
    other = vault.current("org-b").seal("summary", "text of org b")
    vault.put_secret("org-a", "hook", "signing-key-of-a")
    wrapped = vault._db.execute("SELECT wrapped FROM data_keys WHERE org_id = 'org-a'").fetchone()[
        0
    ]
    assert vault.forget("org-a") == 1
    with pytest.raises(SealError, match="erased"):
        vault.open("org-a", "summary", sealed)
    assert vault.secret("org-a", "hook") is None
    assert vault.open("org-b", "summary", other) == "text of org b"
    vault.close()
    # another process (a fresh vault on the file) cannot open it either, and the wrapped
    # key is gone from the file and its journal, not just unlinked from the table
    again = _vault(tmp_path)
    with pytest.raises(SealError):
        again.open("org-a", "summary", sealed)
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("vault.db*"))
    assert wrapped not in raw
    # a new key for the organisation does not bring the old text back
    again.current("org-a")
    with pytest.raises(SealError):
        again.open("org-a", "summary", sealed)


def test_rotation_keeps_old_text_readable_and_master_rewrap_changes_no_ciphertext(
    tmp_path: Path,
) -> None:
    vault = _vault(tmp_path)
    old = vault.current("org-a").seal("summary", "before rotation")
    vault.rotate("org-a")
    new = vault.current("org-a").seal("summary", "after rotation")
    assert old.split(":")[2] != new.split(":")[2]
    assert vault.open("org-a", "summary", old) == "before rotation"
    vault.close()
    masters = MasterKeys({"m1": bytes(range(32)), "m2": bytes(range(32, 64))}, "m2")
    both = _vault(tmp_path, masters)
    assert both.rewrap() == 2
    both.close()
    only_new = _vault(tmp_path, MasterKeys({"m2": bytes(range(32, 64))}, "m2"))
    assert only_new.open("org-a", "summary", old) == "before rotation"
    assert only_new.open("org-a", "summary", new) == "after rotation"
    only_old = _vault(tmp_path, M1)
    with pytest.raises(SealError, match="master key m2"):
        only_old.open("org-a", "summary", old)


def test_an_organisation_reaches_only_its_own_secrets(tmp_path: Path) -> None:
    """Attack (issue 16.1): naming another organisation's secret worked, and an unknown name
    and another's answered differently."""
    vault = _vault(tmp_path)
    vault.put_secret("org-b", "slack", "xoxb-of-b")
    file = tmp_path / "secrets.toml"
    file.write_text('[org-b]\nhook = "key-of-b"\n')
    env = {"TAHUB_SECRET_ORG_B__PAGER": "pager-of-b", "TAHUB_SECRET_PAGER": "global"}
    secrets = Secrets(vault, file, env)
    assert secrets.get("org-b", "slack") == "xoxb-of-b"
    assert secrets.get("org-b", "hook") == "key-of-b"
    assert secrets.get("org-b", "pager") == "pager-of-b"
    assert secrets.names("org-b") == ["hook", "pager", "slack"]
    assert secrets.names("org-c") == []
    answers = []
    for name in ("slack", "hook", "pager", "never_set"):
        with pytest.raises(SecretError) as err:
            secrets.get("org-c", name)
        answers.append(str(err.value).replace(repr(name), "NAME").replace(name, "NAME"))
        assert "of-b" not in str(err.value)
    assert len(set(answers)) == 1  # not-yours and unknown are told apart by nothing
