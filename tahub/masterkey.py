"""Master keys for the vault (schemas.vault): from TAHUB_MASTER_KEY, else a file.

Locally the keys live in ``<data dir>/master.key`` (mode 0600), one ``<id> <64 hex>`` per
line, the last one current; made on first use. In servers mode set TAHUB_MASTER_KEY to
``<id>:<64 hex>[,<id>:<64 hex>…]`` (last current) from a secret store, in every process
that reads or writes partner text. Whoever holds a master key can read every
organisation's text: keep it off the data volume in production.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from schemas.envelope import KEY_BYTES
from schemas.vault import MasterKeys, Vault
from tahub.errors import TahubError
from tahub.settings import Settings

_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def _parse(pairs: list[tuple[str, str]], where: str) -> MasterKeys:
    keys: dict[str, bytes] = {}
    for key_id, hexed in pairs:
        try:
            raw = bytes.fromhex(hexed)
        except ValueError:
            raw = b""
        if not _ID.match(key_id) or len(raw) != KEY_BYTES:
            raise TahubError(
                f"{where}: each master key is <id>:<{KEY_BYTES * 2} hex digits> "
                "(e.g. m2:$(openssl rand -hex 32))"
            )
        keys[key_id] = raw
    if not keys:
        raise TahubError(f"{where}: no master key")
    return MasterKeys(keys, pairs[-1][0])


def key_file(s: Settings) -> Path:
    return s.data_dir / "master.key"


def _write(path: Path, lines: list[str]) -> None:
    tmp = path.with_name(f".master.key.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write("".join(f"{line}\n" for line in lines))
    os.replace(tmp, path)


def load_master_keys(s: Settings) -> MasterKeys:
    if s.master_key is not None:
        text = s.master_key.get_secret_value()
        if ":" not in text:
            text = f"m1:{text}"
        pairs = [tuple(p.strip().split(":", 1)) for p in text.split(",") if p.strip()]
        return _parse([(a, b) for a, b in pairs], "TAHUB_MASTER_KEY")
    path = key_file(s)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".master.key.new.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(f"m1 {secrets.token_hex(KEY_BYTES)}\n")
        try:
            os.link(tmp, path)  # the first of two racing processes wins
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    lines = [ln.split() for ln in path.read_text().splitlines() if ln.strip()]
    return _parse([(p[0], p[1]) if len(p) == 2 else ("?", "") for p in lines], str(path))


def open_vault(s: Settings) -> Vault:
    return Vault(s.vault_db or s.data_dir / "vault.db", load_master_keys(s))


def rotate_master(s: Settings) -> tuple[str, int]:
    """A new master key in the key file, every data key rewrapped under it, the old keys
    dropped; returns (new id, data keys rewrapped)."""
    if s.master_key is not None:
        raise TahubError(
            "the master keys come from TAHUB_MASTER_KEY: append a new <id>:<hex> to it, run "
            "`tahub vault rewrap` in one process, then drop the old one"
        )
    old = load_master_keys(s)
    new_id = f"m{len(old.keys) + 1}-{secrets.token_hex(3)}"
    keys = {**old.keys, new_id: bytes.fromhex(secrets.token_hex(KEY_BYTES))}
    lines = [f"{k} {v.hex()}" for k, v in keys.items() if k != new_id] + [
        f"{new_id} {keys[new_id].hex()}"
    ]
    _write(key_file(s), lines)
    vault = Vault(s.vault_db or s.data_dir / "vault.db", MasterKeys(keys, new_id))
    try:
        n = vault.rewrap()
    finally:
        vault.close()
    _write(key_file(s), [f"{new_id} {keys[new_id].hex()}"])
    return new_id, n
